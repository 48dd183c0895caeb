"""Working a request: assignment, the status lifecycle, replies and internal notes, ratings,
reopening and closing. (Its SLA clock is in sla.py, who hears of a change in notifications.py.)"""

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from app import audit, clock, files, policy
from app.extensions import db, rows_changed
from app.formatting import local_weekday_date
from app.mail import absolute_url
from app.markup import plain_text
from app.models import (
    EventKind,
    Priority,
    RequestAttachment,
    RequestEvent,
    RequestStatus,
    Role,
    ServiceRequest,
    Team,
    User,
)
from app.models.service_request import REQUEST_STATUS_LABELS, REQUEST_STATUS_NEWS
from app.notify import notify
from app.service_requests import approvals, notifications, sla
from app.service_requests.tokens import rating_token
from app.validation import FieldError, StaleEdit, saving

MAX_MESSAGE = 20_000

# Who may move a request from one status to another. Requesters cancel and reopen (below).
WORKER_TRANSITIONS: dict[RequestStatus, tuple[RequestStatus, ...]] = {
    RequestStatus.SUBMITTED: (RequestStatus.IN_PROGRESS, RequestStatus.WAITING, RequestStatus.RESOLVED),
    RequestStatus.AWAITING_APPROVAL: (),  # only its approvers move it on (approvals.py)
    RequestStatus.IN_PROGRESS: (RequestStatus.WAITING, RequestStatus.RESOLVED),
    RequestStatus.WAITING: (RequestStatus.IN_PROGRESS, RequestStatus.RESOLVED),
    RequestStatus.RESOLVED: (RequestStatus.IN_PROGRESS, RequestStatus.CLOSED),
    RequestStatus.CLOSED: (),
    RequestStatus.CANCELLED: (),
}
CANCELLABLE = (
    RequestStatus.SUBMITTED,
    RequestStatus.AWAITING_APPROVAL,
    RequestStatus.IN_PROGRESS,
    RequestStatus.WAITING,
)


def _saving():
    """Changes to the request row: another person's change in between gives "reload", not a 500."""
    return saving(None, "This request could not be saved. Reload the page and try again.", what="this request")


# --- Changes ---------------------------------------------------------------------------------


def _check_version(service_request: ServiceRequest, expected_version) -> None:
    if expected_version is not None and expected_version != service_request.version:
        raise StaleEdit("this request")


def _event(
    service_request: ServiceRequest,
    kind: str,
    actor: User | None,
    *,
    public: bool = True,
    body: str = "",
    from_value: str = "",
    to_value: str = "",
    now: datetime | None = None,
) -> RequestEvent:
    event = RequestEvent(
        request_id=service_request.id,
        kind=kind,
        actor_id=actor.id if actor else None,
        public=public,
        body=body,
        from_value=from_value[:120],
        to_value=to_value[:120],
        created_at=now or clock.now(),
    )
    db.session.add(event)
    return event


def _touch(service_request: ServiceRequest, now: datetime) -> None:
    service_request.updated_at = now


def assignable_people(team: Team) -> list[User]:
    """The team's active agents and managers."""
    people = db.session.scalars(select(User).where(User.team_id == team.id, User.active.is_(True)).order_by(User.name))
    return [person for person in people if person.has_role(Role.AGENT) or person.has_role(Role.MANAGER)]


def assign(service_request: ServiceRequest, actor: User, assignee_id: int | None, *, expected_version=None) -> bool:
    """Give the request to someone in its team (None: nobody). False when nothing changed."""
    _check_version(service_request, expected_version)
    if service_request.status in (RequestStatus.CLOSED, RequestStatus.CANCELLED):
        raise FieldError("assignee", f"This request is {service_request.status_label.lower()}: it cannot be assigned")
    assignee = None
    if assignee_id:
        assignee = db.session.get(User, assignee_id)
        if assignee is None or assignee not in assignable_people(service_request.team):
            raise FieldError("assignee", "Choose someone from the team working this request")
    if (assignee.id if assignee else None) == service_request.assignee_id:
        return False
    now = clock.now()
    before = service_request.assignee.name if service_request.assignee else ""
    with _saving():
        service_request.assignee = assignee
        _touch(service_request, now)
        _event(
            service_request,
            EventKind.ASSIGNED,
            actor,
            from_value=before,
            to_value=assignee.name if assignee else "",
            now=now,
        )
    if assignee is not None and assignee.id != actor.id:
        notify(
            [assignee.id],
            f"{service_request.reference} was assigned to you: {service_request.subject}",
            notifications.request_link(service_request),
        )
    return True


def bulk_assign(team: Team, actor: User, request_ids, assignee_id: int | None) -> int:
    """Assign several of a team's open requests at once; returns how many changed."""
    requests = db.session.scalars(
        select(ServiceRequest).where(
            ServiceRequest.id.in_(list(request_ids) or [-1]), ServiceRequest.team_id == team.id
        )
    )
    changed = 0
    for service_request in requests:
        if service_request.status not in (RequestStatus.CLOSED, RequestStatus.CANCELLED):
            changed += assign(service_request, actor, assignee_id)
    return changed


def allowed_statuses(service_request: ServiceRequest) -> tuple[RequestStatus, ...]:
    return WORKER_TRANSITIONS[RequestStatus(service_request.status)]


def change_status(
    service_request: ServiceRequest, actor: User, to_status: str, *, expected_version=None, note: str = ""
) -> None:
    """Move the request on; invalid moves are refused with the reason."""
    _check_version(service_request, expected_version)
    from_status = RequestStatus(service_request.status)
    if to_status not in REQUEST_STATUS_LABELS:
        raise FieldError("status", "Choose the new status")
    to_status = RequestStatus(to_status)
    if to_status not in WORKER_TRANSITIONS[from_status]:
        raise FieldError(
            "status",
            f"A request that is {REQUEST_STATUS_LABELS[from_status].lower()} cannot be "
            f"moved to {REQUEST_STATUS_LABELS[to_status].lower()}",
        )
    note = (note or "").strip()
    if len(note) > MAX_MESSAGE:
        raise FieldError("note", "Keep the message to 20,000 characters or fewer")
    now = clock.now()
    with _saving():
        sla.apply_status(service_request, to_status, now)
        sla.first_response(service_request, actor, now)
        _touch(service_request, now)
        _event(service_request, EventKind.STATUS, actor, body=note, from_value=from_status, to_value=to_status, now=now)
    audit.record(
        actor,
        "request_status_changed",
        service_request,
        reference=service_request.reference,
        status=[from_status, to_status],
    )
    news = REQUEST_STATUS_NEWS[to_status]
    body = f"Your request “{service_request.subject}” {news}."
    if note:
        body += f"\n\n{plain_text(note)}"
    # Someone without an account hears of the resolution, and of a question the team waits for them
    # to answer (a letter or call for every other status would be noise), without the rating links,
    # which need signing in.
    news_for_contact = body if to_status in (RequestStatus.RESOLVED, RequestStatus.WAITING) else None
    if to_status == RequestStatus.RESOLVED:
        body += "\n\n" + _rating_invitation(service_request)
    notifications.tell_requester(service_request, actor, f"your request {news}", body, news=news_for_contact)


def _rating_invitation(service_request: ServiceRequest) -> str:
    token = rating_token(service_request)
    links = "\n".join(
        f"  {score} – {label}: "
        + absolute_url(
            notifications.link_to(
                "service_requests.rate_by_link", reference=service_request.reference, score=score, token=token
            )
        )
        for score, label in RATING_LABELS.items()
    )
    return (
        "How did we do? One click rates the service:\n"
        + links
        + f"\n\nNot fixed? You can reopen it until {local_weekday_date(sla.reopen_until(service_request))}."
    )


RATING_LABELS = {5: "Very good", 4: "Good", 3: "Neither good nor poor", 2: "Poor", 1: "Very poor"}


def set_priority(service_request: ServiceRequest, actor: User, priority: str, *, expected_version=None) -> None:
    _check_version(service_request, expected_version)
    if priority not in (Priority.NORMAL, Priority.HIGH):
        raise FieldError("priority", "Choose normal or high priority")
    if priority == service_request.priority:
        return
    now = clock.now()
    with _saving():
        before = service_request.priority
        service_request.priority = priority
        _touch(service_request, now)
        _event(service_request, EventKind.PRIORITY, actor, public=False, from_value=before, to_value=priority, now=now)


def _message_posted_before(service_request: ServiceRequest, actor: User, submission_key: str | None):
    """The reply or note `actor` already added to this request from the form with this key."""
    if not submission_key:
        return None
    return db.session.scalar(
        select(RequestEvent).where(
            RequestEvent.submission_key == submission_key,
            RequestEvent.request_id == service_request.id,
            RequestEvent.actor_id == actor.id,
        )
    )


def add_message(
    service_request: ServiceRequest,
    actor: User,
    body: str,
    *,
    internal: bool = False,
    uploads=(),
    submission_key: str | None = None,
) -> RequestEvent:
    """A public reply (the requester sees it and may answer) or, for the team, an internal note.
    Posted again from the same form (a retry, a double click: the same `submission_key`), it is
    the message already added, not a second, and nobody is told twice."""
    posted = _message_posted_before(service_request, actor, submission_key)
    if posted is not None:
        return posted
    body = (body or "").strip()
    if not body:
        raise FieldError("body", "Enter your message")
    if len(body) > MAX_MESSAGE:
        raise FieldError("body", "Keep the message to 20,000 characters or fewer")
    worker = policy.can_work_request(actor, service_request)
    requester = policy.is_requester(actor, service_request)
    participant = policy.is_participant(actor, service_request) and not worker and not requester
    if internal and not worker:
        raise FieldError("body", "Only the team can add internal notes")
    if service_request.status in (RequestStatus.CLOSED, RequestStatus.CANCELLED):
        raise FieldError(
            "body",
            f"This request is {service_request.status_label.lower()}. Raise a new request if you need more help.",
        )
    if not internal and not worker and not requester and not participant:
        raise FieldError("body", "You cannot reply to this request")
    now = clock.now()
    try:
        with _saving():
            event = _event(
                service_request,
                EventKind.NOTE if internal else EventKind.REPLY,
                actor,
                public=not internal,
                body=body,
                now=now,
            )
            event.submission_key = submission_key or None
            db.session.flush()
            for checked in uploads:
                db.session.add(
                    RequestAttachment(
                        request_id=service_request.id,
                        event_id=event.id,
                        filename=checked.filename,
                        stored_name=files.store(checked),
                        content_type=checked.content_type,
                        size=len(checked.data),
                        uploaded_by_id=actor.id,
                        created_at=now,
                    )
                )
            # A request for a contact without an account is theirs, not the agent's who keyed it: that
            # agent, working it, replies as the team (to the contact), not as the requester.
            for_contact = service_request.contact_id is not None
            if not internal and worker and (for_contact or actor.id != service_request.requester_id):
                sla.first_response(service_request, actor, now)
            # The person it is for; or whoever keyed it, unless they work it too.
            # A colleague copied in answers for the requester's side too.
            from_requester = (
                (requester and not worker)
                or (not for_contact and actor.id == service_request.requester_id)
                or participant
            )
            if from_requester and service_request.status == RequestStatus.WAITING:
                # The answer they were waiting for: the clock starts again.
                sla.apply_status(service_request, RequestStatus.IN_PROGRESS, now)
                # Nobody chose this: the timeline says it happened automatically, and why.
                _event(
                    service_request,
                    EventKind.STATUS,
                    None,
                    from_value=RequestStatus.WAITING,
                    to_value=RequestStatus.IN_PROGRESS,
                    now=now,
                    body=f"Back in progress automatically: {actor.name} replied.",
                )
            _touch(service_request, now)
    except FieldError:
        # The same form posted at the same moment by another request, which saved first (its key,
        # or its change to the request's version, refused ours): that message is the answer.
        posted = _message_posted_before(service_request, actor, submission_key)
        if posted is not None:
            return posted
        raise
    text = plain_text(body)
    if internal:
        if service_request.assignee_id and service_request.assignee_id != actor.id:
            notify(
                [service_request.assignee_id],
                f"{service_request.reference}: internal note from {actor.name}",
                notifications.request_link(service_request),
            )
    elif from_requester:
        if service_request.status != RequestStatus.AWAITING_APPROVAL:  # the team has not been sent it yet
            notifications.tell_team(
                service_request, actor, f"reply from {actor.name}", f"{actor.name} wrote:\n\n{text}"
            )
        if participant:
            notifications.tell_requester(
                service_request,
                actor,
                f"reply from {actor.name}",
                f"{actor.name} wrote:\n\n{text}\n\nReply in Staffroom.",
            )
        else:
            notifications.tell_participants(service_request, actor, f"reply from {actor.name}")
    else:
        notifications.tell_requester(
            service_request,
            actor,
            f"reply from {service_request.team.name}",
            f"{actor.name} ({service_request.team.name}) wrote:\n\n{text}\n\nReply in Staffroom.",
            news=text,
        )
    return event


def cancel(service_request: ServiceRequest, actor: User, *, reason: str = "") -> None:
    if not policy.is_requester(actor, service_request):
        raise FieldError(None, "Only the person who asked can cancel this request")
    if service_request.status not in CANCELLABLE:
        raise FieldError(None, f"A request that is {service_request.status_label.lower()} cannot be cancelled")
    now = clock.now()
    with _saving():
        from_status = service_request.status
        sla.apply_status(service_request, RequestStatus.CANCELLED, now)
        approvals.request_cancelled(service_request, now)
        _touch(service_request, now)
        _event(
            service_request,
            EventKind.CANCELLED,
            actor,
            body=(reason or "").strip()[:2000],
            from_value=from_status,
            to_value=RequestStatus.CANCELLED,
            now=now,
        )
    audit.record(
        actor,
        "request_status_changed",
        service_request,
        reference=service_request.reference,
        status=[from_status, RequestStatus.CANCELLED],
        by="requester",
    )
    if from_status != RequestStatus.AWAITING_APPROVAL:  # the team never had it
        notifications.tell_team(
            service_request, actor, f"cancelled by {actor.name}", f"{actor.name} cancelled the request."
        )


def reopen(service_request: ServiceRequest, actor: User, *, reason: str) -> None:
    if not policy.is_requester(actor, service_request):
        raise FieldError(None, "Only the person who asked can reopen this request")
    if not sla.can_reopen(service_request):
        raise FieldError(
            None,
            f"Requests can be reopened for {sla.REOPEN_WORKING_DAYS} working days after they are "
            "resolved. Raise a new request instead.",
        )
    reason = (reason or "").strip()
    if not reason:
        raise FieldError("reason", "Say what still needs doing")
    now = clock.now()
    with _saving():
        sla.apply_status(service_request, RequestStatus.IN_PROGRESS, now)
        _touch(service_request, now)
        _event(
            service_request,
            EventKind.REOPENED,
            actor,
            body=reason[:MAX_MESSAGE],
            from_value=RequestStatus.RESOLVED,
            to_value=RequestStatus.IN_PROGRESS,
            now=now,
        )
    audit.record(
        actor,
        "request_status_changed",
        service_request,
        reference=service_request.reference,
        status=[RequestStatus.RESOLVED, RequestStatus.IN_PROGRESS],
        by="requester",
    )
    notifications.tell_team(
        service_request, actor, f"reopened by {actor.name}", f"{actor.name} reopened it:\n\n{plain_text(reason)}"
    )


def rate(service_request: ServiceRequest, actor: User, score: int, comment: str = "") -> bool:
    """Rate once, when resolved or closed. False if it was rated already."""
    if not policy.is_requester(actor, service_request):
        raise FieldError(None, "Only the person who asked can rate this request")
    if (
        service_request.status not in (RequestStatus.RESOLVED, RequestStatus.CLOSED)
        or service_request.resolved_at is None
    ):
        raise FieldError(None, "You can rate a request once it is resolved")
    if score not in RATING_LABELS:
        raise FieldError("rating", "Choose a rating from 1 to 5")
    comment = (comment or "").strip()[:1000]
    now = clock.now()
    # One conditional UPDATE: a double click or two tabs rate once.
    rated = rows_changed(
        update(ServiceRequest)
        .where(ServiceRequest.id == service_request.id, ServiceRequest.rating.is_(None))
        .values(rating=score, rating_comment=comment, rated_at=now, version=ServiceRequest.version + 1)
        .execution_options(synchronize_session=False)
    )
    if not rated:
        return False
    _event(service_request, EventKind.RATED, actor, body=comment, to_value=f"{score} – {RATING_LABELS[score]}", now=now)
    db.session.flush()
    db.session.refresh(service_request)
    return True


def close_resolved(now: datetime | None = None) -> int:
    """Close resolved requests whose reopening window has passed (safe to run from cron)."""
    now = now or clock.now()
    # Only those resolved before the oldest possible window start need a look.
    candidates = db.session.scalars(
        select(ServiceRequest).where(
            ServiceRequest.status == RequestStatus.RESOLVED, ServiceRequest.resolved_at < now - timedelta(days=5)
        )
    )
    closed = 0
    for service_request in candidates:
        until = sla.reopen_until(service_request)
        if until is not None and until < now:
            changed = rows_changed(
                update(ServiceRequest)
                .where(
                    ServiceRequest.id == service_request.id,
                    ServiceRequest.status == RequestStatus.RESOLVED,
                    ServiceRequest.version == service_request.version,
                )
                .values(
                    status=RequestStatus.CLOSED,
                    closed_at=now,
                    paused_since=None,
                    updated_at=now,
                    version=ServiceRequest.version + 1,
                )
                .execution_options(synchronize_session=False)
            )
            if not changed:
                continue  # changed meanwhile (reopened, rated, closed by another run): the next run decides
            closed += 1
            _event(
                service_request,
                EventKind.STATUS,
                None,
                from_value=RequestStatus.RESOLVED,
                to_value=RequestStatus.CLOSED,
                now=now,
                body="Closed automatically: it was not reopened within 5 working days.",
            )
    db.session.flush()
    return closed


# --- Reading ---------------------------------------------------------------------------------


def timeline(service_request: ServiceRequest, user) -> list[RequestEvent]:
    """Every event for the team; public ones only for the requester."""
    statement = (
        select(RequestEvent)
        .options(selectinload(RequestEvent.attachments))
        .where(RequestEvent.request_id == service_request.id)
    )
    if not policy.can_see_internal_notes(user, service_request):
        statement = statement.where(RequestEvent.public.is_(True))
    return list(db.session.scalars(statement.order_by(RequestEvent.created_at, RequestEvent.id)))
