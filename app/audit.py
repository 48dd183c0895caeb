"""The one audit log writer, and the reading of the log for administrators: in plain English,
with names rather than ids, security events first and downloads kept apart."""

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

from flask import has_request_context, request
from sqlalchemy import func, or_, select

from app import clock
from app.extensions import db
from app.models import (
    Article,
    AuditEvent,
    CannedReply,
    Category,
    Contact,
    Idea,
    Service,
    ServiceRequest,
    Synonym,
    Team,
    User,
)

PAGE_SIZE = 50

# What each action means, as the log says it (an action not listed reads as its name in words).
SENTENCES = {
    # People without an account: named by number only, since the log's readers need not see who.
    "contact_recorded": "Recorded person without an account no.",
    "contact_changed": "Changed the details of person without an account no.",
    "contact_anonymised": "Anonymised at the end of the retention period person without an account no.",
    "contact_task_done": "Marked a call or letter to the person it is for done on",
    "contact_letter_viewed": "Opened the letter to the person it is for on",
    "sign_in": "Signed in",
    "sign_out": "Signed out",
    "sign_in_failed": "Failed to sign in as",
    "sign_in_locked_out": "Locked after too many failed sign-ins: the account of",
    "sign_in_refused_locked": "Refused a sign-in to the locked account of",
    "password_changed": "Changed their own password",
    "password_set": "Set a new password for",
    "person_created": "Created an account for",
    "person_updated": "Changed the account details of",
    "person_roles_changed": "Changed the roles of",
    "person_team_changed": "Changed the team of",
    "person_deactivated": "Deactivated the account of",
    "person_line_manager_changed": "Changed the line manager of",
    "away_set": "Set their approvals to go to a delegate while away:",
    "away_cleared": "Took back their approvals:",
    "person_reactivated": "Reactivated the account of",
    "person_signed_out_everywhere": "Signed out everywhere:",
    "everyone_signed_out": "Signed everyone out",
    "signed_out_other_devices": "Signed out of their other devices",
    "csv_exported": "Downloaded a CSV file",
    "request_submitted": "Sent request",
    "request_status_changed": "Changed the status of request",
    "request_approved": "Approved request",
    "request_rejected": "Rejected request",
    "approval_reminded": "Reminded the approvers of request",
    "article_created": "Created the article",
    "article_updated": "Changed the article",
    "article_reviewed": "Marked as reviewed the article",
    "idea_posted": "Posted the idea",
    "idea_status_changed": "Changed the status of the idea",
    "idea_benefit_recorded": "Recorded the benefit of the idea",
    "team_created": "Created the team",
    "team_updated": "Changed the team",
    "service_created": "Created the service",
    "approval_step_added": "Added an approval step to the service",
    "approval_step_removed": "Removed an approval step from the service",
    "service_updated": "Changed the service",
    "service_retired": "Retired the service",
    "service_reactivated": "Brought back the service",
}
# Who may get in and what they may do: the log's first view.
SECURITY_ACTIONS = frozenset(
    {
        "sign_in",
        "sign_out",
        "sign_in_failed",
        "sign_in_locked_out",
        "sign_in_refused_locked",
        "password_changed",
        "password_set",
        "person_created",
        "person_updated",
        "person_roles_changed",
        "person_team_changed",
        "person_deactivated",
        "person_reactivated",
        "person_signed_out_everywhere",
        "everyone_signed_out",
        "signed_out_other_devices",
    }
)
DOWNLOAD_ACTIONS = frozenset({"csv_exported"})
# The log's views: security events by default; every CSV download is kept, in a view of its own.
VIEWS = {
    "security": "Security: sign-ins, passwords and accounts",
    "changes": "Changes to content and settings",
    "downloads": "CSV downloads",
    "everything": "Everything",
}
# The name each kind of subject goes by in the log.
_SUBJECT_NAMES: dict[str, Any] = {
    User.__tablename__: User.name,
    Team.__tablename__: Team.name,
    ServiceRequest.__tablename__: ServiceRequest.reference,
    Article.__tablename__: Article.title,
    Idea.__tablename__: Idea.title,
    Service.__tablename__: Service.name,
    Category.__tablename__: Category.name,
    CannedReply.__tablename__: CannedReply.title,
    Contact.__tablename__: Contact.id,
    Synonym.__tablename__: Synonym.term,
}
# Details that repeat the subject's name, or say nothing to a reader.
_UNSHOWN_DETAILS = frozenset({"reference", "title", "name"})
# Details recorded as [before, after].
_CHANGES = frozenset({"status", "roles", "team"})


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


def events(*, view: str = "security", action: str = "", person: str = "", day_from=None, day_to=None, page: int = 1):
    """The log, newest first: one of the VIEWS (security events unless asked; an action chosen
    overrides it), filtered by action, by person (name or email: who acted, or whose account it
    was about, as in a failed sign-in) and by UK dates (both days included)."""
    statement = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        statement = statement.where(AuditEvent.action == action)
    elif view == "security":
        statement = statement.where(AuditEvent.action.in_(SECURITY_ACTIONS))
    elif view == "downloads":
        statement = statement.where(AuditEvent.action.in_(DOWNLOAD_ACTIONS))
    elif view == "changes":
        statement = statement.where(AuditEvent.action.not_in(SECURITY_ACTIONS | DOWNLOAD_ACTIONS))
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


def subjects_named(audit_events: Iterable[AuditEvent]) -> dict[tuple[str, int], str]:
    """What the events are about, by (table, id), by name: a person's name, a request's
    reference, an article's title ... One query for each kind of thing on the page, however many
    events it shows."""
    wanted: dict[str, set[int]] = {}
    for event in audit_events:
        if event.subject_type in _SUBJECT_NAMES and event.subject_id:
            wanted.setdefault(event.subject_type, set()).add(event.subject_id)
    named: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        column = _SUBJECT_NAMES[table]
        primary_key = column.class_.id
        for subject_id, name in db.session.execute(select(primary_key, column).where(primary_key.in_(ids))):
            named[(table, subject_id)] = name
    return named


def sentence(event: AuditEvent, subjects: dict[tuple[str, int], str]) -> str:
    """What happened, in words: "Changed the roles of Sam Patel", "Sent request BS-003467"."""
    said = SENTENCES.get(event.action) or event.action.replace("_", " ").capitalize()
    name = subjects.get((event.subject_type, event.subject_id or 0))
    if name and event.subject_type == User.__tablename__ and event.subject_id == event.actor_id:
        return said  # things people do to themselves: "Signed in", not "Signed in Sam Patel"
    if name:
        return f"{said} {name}"
    if event.subject_type and event.subject_id:
        return f"{said} (since deleted)"
    if event.subject_type or said.endswith((" as", " of", " for")):
        return f"{said} an account that does not exist" if event.action.startswith("sign_in") else said
    return said


def details_in_words(details: dict[str, Any] | None) -> list[str]:
    """An event's details as short phrases: "Status: In progress → Resolved", "Added: Manager";
    nothing for an empty value, an id, or what the sentence already says."""
    phrases: list[str] = []
    for key, value in (details or {}).items():
        if key in _UNSHOWN_DETAILS or key.endswith("_id") or value in (None, "", [], {}):
            continue
        label = key.replace("_", " ").capitalize()
        if isinstance(value, dict):  # {"email": [before, after], ...}
            phrases.extend(f"{part.capitalize()}: {_change(change)}" for part, change in value.items())
        elif key in _CHANGES:
            phrases.append(f"{label}: {_change(value)}")
        else:
            phrases.append(f"{label}: {_words(value)}")
    return phrases


def _change(value: Any) -> str:
    """A [before, after] pair as "before → after"."""
    if isinstance(value, list) and len(value) == 2:
        return f"{_words(value[0])} → {_words(value[1])}"
    return _words(value)


def _words(value: Any) -> str:
    """A detail's value for a reader: a list joined; stored names (in_progress) in words."""
    if isinstance(value, list):
        return ", ".join(_words(item) for item in value) or "none"
    if value is None or value == "":
        return "none"
    text = str(value)
    return text.replace("_", " ").capitalize() if text.replace("_", "").isalpha() and text.islower() else text
