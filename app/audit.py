"""The one audit log writer, and the reading of the log for administrators."""
from datetime import datetime, time, timedelta

from flask import has_request_context, request
from sqlalchemy import func, select

from app.extensions import db
from app.formatting import LONDON
from app.models import AuditEvent, User

PAGE_SIZE = 50


def record(actor, action: str, subject=None, **details) -> AuditEvent:
    """Note that `actor` did `action` to `subject` (a model instance, if any), with details.
    The log is append-only: nothing in Staffroom edits or deletes an event."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        # Not type(subject): views pass current_user, a proxy, for things people do to themselves.
        subject_type=subject.__tablename__ if subject is not None else "",
        subject_id=subject.id if subject is not None else None,
        details=details,
        ip=(request.remote_addr or "")[:45] if has_request_context() else "",
    )
    db.session.add(event)
    return event


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def events(*, action: str = "", person: str = "", day_from=None, day_to=None, page: int = 1):
    """The log, newest first, filtered by action, by who acted (name or email) and by UK dates."""
    statement = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        statement = statement.where(AuditEvent.action == action)
    if person:
        text = person.strip().lower()
        statement = statement.where(AuditEvent.actor.has(
            User.email.contains(text, autoescape=True) | func.lower(User.name).contains(text, autoescape=True)))
    if day_from:
        statement = statement.where(AuditEvent.at >= datetime.combine(day_from, time(), LONDON))
    if day_to:
        statement = statement.where(AuditEvent.at < datetime.combine(day_to + timedelta(days=1), time(), LONDON))
    return db.paginate(statement, page=max(page, 1), per_page=PAGE_SIZE, error_out=False)
