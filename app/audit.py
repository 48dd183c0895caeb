"""The one audit log writer, and the reading of the log for administrators."""

from collections.abc import Iterable
from datetime import datetime, time, timedelta

from flask import has_request_context, request
from sqlalchemy import func, or_, select

from app import clock
from app.extensions import db
from app.models import AuditEvent, User

PAGE_SIZE = 50


def record(actor, action: str, subject=None, **details) -> AuditEvent:
    """Note that `actor` did `action` to `subject` (a model instance, if any), with details.
    The log is append-only: nothing in Staffroom edits or deletes an event."""
    event = AuditEvent(
        at=clock.now(),  # when it happened, not when the session next flushes
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
    """The log, newest first, filtered by action, by person (name or email: who acted, or whose
    account it was about, as in a failed sign-in) and by UK dates (both days included)."""
    statement = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        statement = statement.where(AuditEvent.action == action)
    if person:
        text = person.strip().lower()
        people = select(User.id).where(
            User.email.contains(text, autoescape=True) | func.lower(User.name).contains(text, autoescape=True)
        )
        statement = statement.where(
            or_(
                AuditEvent.actor_id.in_(people),
                (AuditEvent.subject_type == User.__tablename__) & AuditEvent.subject_id.in_(people),
            )
        )
    if day_from:
        statement = statement.where(AuditEvent.at >= datetime.combine(day_from, time(), clock.UK))
    if day_to:
        statement = statement.where(AuditEvent.at < datetime.combine(day_to + timedelta(days=1), time(), clock.UK))
    return db.paginate(statement, page=max(page, 1), per_page=PAGE_SIZE, error_out=False)


def people_named(audit_events: Iterable[AuditEvent]) -> dict[int, str]:
    """Names of the people the events are about (subject), by id, in one query (always one, so a
    page costs the same whatever it shows)."""
    ids = {event.subject_id for event in audit_events if event.subject_type == User.__tablename__ and event.subject_id}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())
