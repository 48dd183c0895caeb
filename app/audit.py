"""The one audit log writer."""
from app.extensions import db
from app.models import AuditEvent


def record(actor, action: str, subject, **details) -> AuditEvent:
    """Note that `actor` did `action` to `subject` (a model instance), with optional details."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        subject_type=type(subject).__tablename__,
        subject_id=subject.id,
        details=details,
    )
    db.session.add(event)
    return event
