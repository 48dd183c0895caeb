"""The one audit log writer."""
from app.extensions import db
from app.models import AuditEvent


def record(actor, action: str, subject, **details) -> AuditEvent:
    """Note that `actor` did `action` to `subject` (a model instance), with optional details."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        # Not type(subject): views pass current_user, a proxy, for things people do to themselves.
        subject_type=subject.__tablename__,
        subject_id=subject.id,
        details=details,
    )
    db.session.add(event)
    return event
