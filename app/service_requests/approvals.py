"""Approvals: which of a service's approval steps apply to a request (conditions on its answers),
who is asked (a person, the requester's line manager, a team, a role; a delegate for someone
away), deciding a step once however many approvers answer at once, the signed one-click links in
the emails, reminders, and what waits for whom. A request with steps waits in "awaiting
approval", its SLA clock paused (sla.py), until the last step is approved; a rejection cancels it."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, or_, select, update

from app import audit, clock
from app.extensions import db, rows_changed
from app.mail import absolute_url
from app.markup import plain_text
from app.models import (
    ApprovalMode,
    ApprovalState,
    ApprovalStep,
    ApproverKind,
    ConditionOperator,
    EventKind,
    FieldKind,
    RequestApproval,
    RequestApprover,
    RequestEvent,
    RequestStatus,
    Role,
    Service,
    ServiceField,
    ServiceRequest,
    Team,
    User,
    UserRole,
)
from app.models.approval import APPROVAL_MODE_LABELS, APPROVER_KIND_LABELS, NUMBER_OPERATORS, OPERATOR_LABELS
from app.models.catalogue import CHOICE_KINDS
from app.models.user import ROLE_LABELS, ROLES
from app.notify import APPROVALS, Email, notify
from app.service_requests import notifications, sla
from app.validation import FieldError
from app.working_time import calendar

LINK_DAYS = 14  # how long the one-click link in an approval email works
REMINDER_WORKING_DAYS = 2  # remind approvers of a step waiting longer than this
MAX_REASON = 2000


# --- Which steps apply, and who is asked -----------------------------------------------------


def describe_step(step) -> str:
    """Who approves, in words: "Sam Patel", "Finance: managers", "Line manager (else Finance:
    managers)", "Every administrator (all of them)"."""
    who = _who(step)
    return f"{who} (all of them)" if step.mode == ApprovalMode.ALL else who


def _who(step) -> str:
    group = ""
    if step.team_id is not None:
        group = step.team.name if step.team else "a team since removed"
        if step.role:
            group += f": {ROLE_LABELS[step.role].lower()}s"
    elif step.role:
        group = f"Every {ROLE_LABELS[step.role].lower()}"
    if step.approver_kind == ApproverKind.PERSON:
        return step.person.name if step.person else "A person since removed"
    if step.approver_kind == ApproverKind.LINE_MANAGER:
        return "The requester’s line manager" + (f" (else {group})" if group else "")
    return group


def describe_condition(step: ApprovalStep) -> str:
    if step.condition_field_id is None:
        return "Always"
    field = db.session.get_one(ServiceField, step.condition_field_id)
    operator = OPERATOR_LABELS.get(step.condition_operator or "", "")
    return f"When “{field.label}” {operator} {step.condition_value}"


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", "").replace("£", "").strip())
    except (InvalidOperation, ValueError):
        return None


def condition_met(step: ApprovalStep, answers: dict[int, tuple[str, str]]) -> bool:
    """Whether the step applies, given the request's answers ({field id: (kind, value)}). A
    question left unanswered (or hidden by its own condition) meets no condition."""
    if step.condition_field_id is None:
        return True
    kind, value = answers.get(step.condition_field_id, ("", ""))
    if not value:
        return False
    if step.condition_operator == ConditionOperator.IS:
        given = value.splitlines() if kind == FieldKind.CHECKBOXES else [value]
        return step.condition_value in given
    answer, wanted = _number(value), _number(step.condition_value)
    if answer is None or wanted is None:
        return False
    return {
        ConditionOperator.GT: answer > wanted,
        ConditionOperator.GE: answer >= wanted,
        ConditionOperator.LT: answer < wanted,
        ConditionOperator.LE: answer <= wanted,
        ConditionOperator.EQ: answer == wanted,
    }.get(ConditionOperator(step.condition_operator or ConditionOperator.EQ), False)


def service_steps(service_id: int) -> list[ApprovalStep]:
    return list(
        db.session.scalars(
            select(ApprovalStep)
            .where(ApprovalStep.service_id == service_id)
            .order_by(ApprovalStep.position, ApprovalStep.id)
        )
    )


def request_approvals(service_request: ServiceRequest) -> list[RequestApproval]:
    return list(
        db.session.scalars(
            select(RequestApproval)
            .where(RequestApproval.request_id == service_request.id)
            .order_by(RequestApproval.position)
        )
    )


def _group(team_id: int | None, role: str | None) -> list[User]:
    statement = select(User).where(User.active.is_(True))
    if team_id is not None:
        statement = statement.where(User.team_id == team_id)
    if role:
        statement = statement.where(User.id.in_(select(UserRole.user_id).where(UserRole.role == role)))
    if team_id is None and not role:
        return []
    return list(db.session.scalars(statement.order_by(User.name)))


def _standing_in(person: User, today: date) -> tuple[User, User | None]:
    """Who answers for `person` today: their delegate while they are away, else themselves."""
    delegate = person.delegate
    if person.away_until is not None and person.away_until >= today and delegate is not None and delegate.active:
        return delegate, person
    return person, None


def _approvers(
    approval: RequestApproval, service_request: ServiceRequest, today: date
) -> list[tuple[User, User | None]]:
    """(who is asked, whom they stand in for) for a step. Neither the requester nor whoever keyed
    the request ever approves it; if nobody else is left, the managers of the team running the
    service are asked, then the administrators, so a request never waits for nobody."""
    if approval.approver_kind == ApproverKind.PERSON:
        person = db.session.get(User, approval.person_id) if approval.person_id else None
        people = [person] if person is not None and person.active else []
    elif approval.approver_kind == ApproverKind.LINE_MANAGER:
        # A request for someone without an account has no line manager to ask (its requester is
        # the agent who keyed it, whose own manager is not the one to approve a resident's request).
        manager = service_request.requester.line_manager if service_request.contact_id is None else None
        people = [manager] if manager is not None and manager.active else []
        if not _usable(people, service_request):
            people = _group(approval.team_id, approval.role)
    else:
        people = _group(approval.team_id, approval.role)
    for fallback in (lambda: _group(service_request.team_id, Role.MANAGER), lambda: _group(None, Role.ADMIN)):
        if _usable(people, service_request):
            break
        people = fallback()
    chosen: dict[int, tuple[User, User | None]] = {}
    for person in people:
        asked, on_behalf_of = _standing_in(person, today)
        if asked.id in _excluded(service_request):
            asked, on_behalf_of = person, None  # a delegate who is the requester: the approver themselves
        if asked.id not in _excluded(service_request) and asked.id not in chosen:
            chosen[asked.id] = (asked, on_behalf_of)
    return list(chosen.values())


def _excluded(service_request: ServiceRequest) -> set[int]:
    return {service_request.requester_id, service_request.submitted_by_id}


def _usable(people: list[User], service_request: ServiceRequest) -> bool:
    return any(person.id not in _excluded(service_request) for person in people)


# --- Line managers and time away -------------------------------------------------------------


def _active_person(email: str, field: str, missing: str) -> User:
    person = db.session.scalar(select(User).where(User.email == (email or "").strip().lower(), User.active.is_(True)))
    if person is None:
        raise FieldError(field, missing)
    return person


def set_line_manager(person: User, email: str, actor: User) -> None:
    """An administrator records (or clears, with no address) whose line manager approves for them."""
    manager = (
        _active_person(email, "line_manager_email", "Nobody with a Staffroom account has that email address")
        if (email or "").strip()
        else None
    )
    if manager is not None and manager.id == person.id:
        raise FieldError("line_manager_email", "Someone cannot be their own line manager")
    if (manager.id if manager else None) == person.line_manager_id:
        return
    before = person.line_manager.name if person.line_manager else ""
    person.line_manager = manager
    audit.record(actor, "person_line_manager_changed", person, line_manager=[before, manager.name if manager else ""])


def set_away(person: User, until: date | None, delegate_email: str) -> None:
    """ "Away until <date>, my approvals go to <person>" (no date: back, and the delegate cleared).
    Steps asked, or reminded, while away go to the delegate (approvals asked before stay)."""
    if until is None:
        if person.away_until is not None or person.delegate_id is not None:
            person.away_until, person.delegate_id = None, None
            audit.record(person, "away_cleared", person)
        return
    if until < clock.today():
        raise FieldError("away_until", "The date you are back must be today or later")
    if not (delegate_email or "").strip():
        raise FieldError("delegate_email", "Enter the email address of the person your approvals go to")
    delegate = _active_person(
        delegate_email, "delegate_email", "Nobody with a Staffroom account has that email address"
    )
    if delegate.id == person.id:
        raise FieldError("delegate_email", "Enter someone else’s email address: your approvals go to them")
    person.away_until, person.delegate = until, delegate
    audit.record(person, "away_set", person, until=until.isoformat(), delegate=delegate.name)


# --- The form builder's steps ----------------------------------------------------------------

MAX_STEPS = 5


def condition_questions(service: Service) -> list[ServiceField]:
    """Questions a step may depend on: numbers and choices."""
    return [field for field in service.fields if field.kind == FieldKind.NUMBER or field.kind in CHOICE_KINDS]


def add_step(
    service: Service,
    actor: User,
    *,
    approver_kind: str,
    person_email: str = "",
    team_id: int | None = None,
    role: str = "",
    condition_field_id: int | None = None,
    condition_operator: str = "",
    condition_value: str = "",
    mode: str = ApprovalMode.ANY,
) -> ApprovalStep:
    """A new last step of the service's approval; bad input raises FieldError on its field."""
    if mode not in APPROVAL_MODE_LABELS:
        raise FieldError("mode", "Choose whether any one or all of them approve")
    steps = service_steps(service.id)
    if len(steps) >= MAX_STEPS:
        raise FieldError(None, f"A service can have up to {MAX_STEPS} approval steps. Remove one first.")
    if approver_kind not in APPROVER_KIND_LABELS:
        raise FieldError("approver_kind", "Choose who approves")
    role = role or ""
    if role and role not in ROLES:
        raise FieldError("role", "Choose a role from the list")
    person = None
    team = db.session.get(Team, team_id) if team_id else None
    if team_id and team is None:
        raise FieldError("team", "Choose a team from the list")
    if approver_kind == ApproverKind.PERSON:
        email = (person_email or "").strip().lower()
        if not email:
            raise FieldError("person_email", "Enter the email address of the person who approves")
        person = db.session.scalar(select(User).where(User.email == email, User.active.is_(True)))
        if person is None:
            raise FieldError("person_email", "Nobody with a Staffroom account has that email address")
        team, role = None, ""
    elif approver_kind == ApproverKind.TEAM and team is None:
        raise FieldError("team", "Choose the team whose members approve")
    elif approver_kind == ApproverKind.ROLE:
        if not role:
            raise FieldError("role", "Choose the role whose holders approve")
        team = None
    field = None
    value = " ".join((condition_value or "").split())
    if condition_field_id:
        field = next((question for question in condition_questions(service) if question.id == condition_field_id), None)
        if field is None:
            raise FieldError("condition_field", "Choose a number or choice question from the list")
        if field.kind == FieldKind.NUMBER:
            if condition_operator not in NUMBER_OPERATORS:
                raise FieldError("condition_operator", "Choose how the answer is compared: more than, less than …")
            if not value or _number(value) is None:
                raise FieldError("condition_value", "Enter a number to compare the answer with, like 5000")
            value = str(_number(value))
        else:
            condition_operator = ConditionOperator.IS
            if value not in field.choices:
                raise FieldError(
                    "condition_value", f"Enter one of the answers to “{field.label}”: {', '.join(field.choices)}"
                )
        if len(value) > 200:
            raise FieldError("condition_value", "Keep the value to 200 characters or fewer")
    step = ApprovalStep(
        service_id=service.id,
        position=(steps[-1].position + 1) if steps else 1,
        approver_kind=approver_kind,
        mode=mode,
        person_id=person.id if person else None,
        team_id=team.id if team else None,
        role=role or None,
        condition_field_id=field.id if field else None,
        condition_operator=condition_operator if field else None,
        condition_value=value if field else "",
    )
    db.session.add(step)
    db.session.flush()
    db.session.refresh(step)
    audit.record(actor, "approval_step_added", service, step=describe_step(step), when=describe_condition(step))
    return step


def get_step(service: Service, step_id: int) -> ApprovalStep | None:
    step = db.session.get(ApprovalStep, step_id)
    return step if step is not None and step.service_id == service.id else None


def remove_step(service: Service, step: ApprovalStep, actor: User) -> None:
    """Requests already sent keep their own copy of it."""
    audit.record(actor, "approval_step_removed", service, step=describe_step(step), when=describe_condition(step))
    db.session.delete(step)
    db.session.flush()


# --- Sending a request with approvals ----------------------------------------------------------


def start(service_request: ServiceRequest, actor: User, now: datetime) -> bool:
    """On sending: copy the service's steps that apply to this request and ask the first step's
    approvers; the request awaits approval with its clock paused. False when no step applies."""
    answers = {answer.field_id: (answer.kind, answer.value) for answer in service_request.answers if answer.field_id}
    steps = [step for step in service_steps(service_request.service_id) if condition_met(step, answers)]
    if not steps:
        return False
    for position, step in enumerate(steps, start=1):
        db.session.add(
            RequestApproval(
                request_id=service_request.id,
                position=position,
                approver_kind=step.approver_kind,
                mode=step.mode,
                person_id=step.person_id,
                team_id=step.team_id,
                role=step.role,
                description=describe_step(step)[:200],
                state=ApprovalState.QUEUED,
                created_at=now,
            )
        )
    sla.apply_status(service_request, RequestStatus.AWAITING_APPROVAL, now)
    db.session.flush()
    _activate(request_approvals(service_request)[0], service_request, actor, now)
    return True


def _activate(approval: RequestApproval, service_request: ServiceRequest, actor: User | None, now: datetime) -> None:
    """Ask a step's approvers: the step is pending, they are told, the timeline says who."""
    approval.state = ApprovalState.PENDING
    approval.activated_at = now
    asked = _approvers(approval, service_request, clock.today())
    for person, on_behalf_of in asked:
        approval.approvers.append(
            RequestApprover(user_id=person.id, on_behalf_of_id=on_behalf_of.id if on_behalf_of else None)
        )
    db.session.flush()
    _event(service_request, None, "asked", _names(asked), now)
    _tell_approvers(
        approval, service_request, [(person, on_behalf_of) for person, on_behalf_of in asked], reminder=False
    )


def _names(asked: list[tuple[User, User | None]]) -> str:
    return ", ".join(
        f"{person.name} (for {on_behalf_of.name}, who is away)" if on_behalf_of else person.name
        for person, on_behalf_of in asked
    )


def _event(service_request: ServiceRequest, actor: User | None, what: str, body: str, now: datetime) -> None:
    """An approval entry on the timeline: asked, approved, rejected or reminded (public: the
    requester sees who is deciding and why a request ended)."""
    db.session.add(
        RequestEvent(
            request_id=service_request.id,
            kind=EventKind.APPROVAL,
            actor_id=actor.id if actor else None,
            public=True,
            body=body,
            to_value=what,
            created_at=now,
        )
    )


# --- Signed one-click links ------------------------------------------------------------------


def _signing() -> URLSafeTimedSerializer:
    # Its own salt: a token for this one purpose, useless as any other signed value.
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="staffroom-approval-link")


def link_token(approval: RequestApproval, person_id: int) -> str:
    return _signing().dumps({"approval": approval.id, "person": person_id})


@dataclass(frozen=True)
class LinkReading:
    approval_id: int | None = None
    person_id: int | None = None
    expired: bool = False


def read_link_token(token: str) -> LinkReading:
    """What a link was made for; `expired` for one of ours that is too old; empty for anything else."""
    try:
        data = _signing().loads(token or "", max_age=LINK_DAYS * 24 * 3600)
    except SignatureExpired:
        return LinkReading(expired=True)
    except BadSignature:
        return LinkReading()
    if not (isinstance(data, dict) and isinstance(data.get("approval"), int) and isinstance(data.get("person"), int)):
        return LinkReading()
    return LinkReading(data["approval"], data["person"])


def _tell_approvers(
    approval: RequestApproval,
    service_request: ServiceRequest,
    asked: list[tuple[User, User | None]],
    *,
    reminder: bool,
) -> None:
    """Each approver in-app and by email, each with their own signed link (so one person's link is
    useless to anyone else)."""
    for person, on_behalf_of in asked:
        link = notifications.link_to("service_requests.approval_link", token=link_token(approval, person.id))
        prefix = "Reminder: " if reminder else ""
        message = f"{prefix}{service_request.reference} needs your approval: {service_request.subject}"
        standing_in = f"You are asked for {on_behalf_of.name}, who is away.\n\n" if on_behalf_of else ""
        body = (
            f"{service_request.requester.name} asks for {service_request.service.name}, and it needs approval "
            f"before {service_request.team.name} can start.\n\n{standing_in}"
            f"{notifications.what_was_asked(service_request)}\n\n"
            f"Approve or reject it (the link works for {LINK_DAYS} days): {absolute_url(link)}"
        )
        notify(
            [person.id],
            message,
            notifications.request_link(service_request),
            email=Email(subject=message, body=body),
            kind=APPROVALS,
        )


# --- Deciding --------------------------------------------------------------------------------


def asked_of(approval: RequestApproval, user) -> RequestApprover | None:
    user_id = getattr(user, "id", None)
    return next((row for row in approval.approvers if row.user_id == user_id), None)


def pending_step(service_request: ServiceRequest) -> RequestApproval | None:
    return next(
        (approval for approval in request_approvals(service_request) if approval.state == ApprovalState.PENDING), None
    )


class _Lost(Exception):
    """Someone else decided first, or the request no longer awaits approval."""


def decide(approval: RequestApproval, actor: User, *, approve: bool, reason: str = "") -> None:
    """Approve or reject a pending step, once: a second approver at the same moment, a second
    click, or a request cancelled meanwhile gets a FieldError saying what happened instead."""
    service_request = db.session.get_one(ServiceRequest, approval.request_id)
    asked = asked_of(approval, actor)
    if actor.id in _excluded(service_request):
        raise FieldError(None, "You cannot approve or reject your own request")
    if asked is None:
        raise FieldError(None, "You are not one of the approvers of this request")
    if asked.approved_at is not None:
        # A step of "all of them" this person approved already (a second tab, the email's link).
        raise FieldError(None, "You have approved this already: it waits for the others")
    reason = (reason or "").strip()
    if not approve and not reason:
        raise FieldError("reason", "Say why you are rejecting it: the requester is told")
    if len(reason) > MAX_REASON:
        raise FieldError("reason", f"Keep the reason to {MAX_REASON:,} characters or fewer")
    now = clock.now()
    # First claim the request (it must still await approval), then the step (it must still be
    # pending): two conditional UPDATEs, so of two decisions at once exactly one changes anything,
    # and a cancellation in between makes this one change nothing.
    still_to_approve = 0
    try:
        with db.session.begin_nested():
            claimed = rows_changed(
                update(ServiceRequest)
                .where(
                    ServiceRequest.id == service_request.id, ServiceRequest.status == RequestStatus.AWAITING_APPROVAL
                )
                .values(version=ServiceRequest.version + 1, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            if claimed and approve and approval.mode == ApprovalMode.ALL:
                # The claim holds the request: the others' approvals are all committed or all to come.
                still_to_approve = _approve_as_one_of_all(approval, actor, asked, now)
            decided = (
                claimed
                and still_to_approve == 0
                and rows_changed(
                    update(RequestApproval)
                    .where(RequestApproval.id == approval.id, RequestApproval.state == ApprovalState.PENDING)
                    .values(
                        state=ApprovalState.APPROVED if approve else ApprovalState.REJECTED,
                        decided_at=now,
                        decided_by_id=actor.id,
                        decided_for_id=asked.on_behalf_of_id,
                        reason=reason,
                    )
                    .execution_options(synchronize_session=False)
                )
            )
            if not decided and not still_to_approve:
                raise _Lost  # the claim, if any, is undone with the savepoint
    except _Lost:
        db.session.refresh(approval)
        db.session.refresh(service_request)
        raise FieldError(None, _already(approval, service_request, actor)) from None
    db.session.refresh(service_request)
    db.session.refresh(approval)
    by = actor.name + (f" for {asked.on_behalf_of.name}" if asked.on_behalf_of else "")
    if still_to_approve:
        audit.record(
            actor,
            "request_approved",
            service_request,
            reference=service_request.reference,
            step=approval.description,
            **({"for": asked.on_behalf_of.name} if asked.on_behalf_of else {}),
        )
        waiting = ", ".join(row.user.name for row in approval.approvers if row.approved_at is None)
        _event(service_request, actor, "approved", f"Approved by {by}; still to approve: {waiting}", now)
        db.session.flush()
        return
    audit.record(
        actor,
        "request_approved" if approve else "request_rejected",
        service_request,
        reference=service_request.reference,
        step=approval.description,
        **({"for": asked.on_behalf_of.name} if asked.on_behalf_of else {}),
        **({"reason": reason} if reason else {}),
    )
    if not approve:
        _event(service_request, actor, "rejected", f"Not approved by {by}: {reason}", now)
        _end(service_request, now)
        sla.apply_status(service_request, RequestStatus.CANCELLED, now)
        db.session.flush()
        refusal = (
            f"Your request “{service_request.subject}” was not approved by {by}, so it has been cancelled.\n\n"
            f"Why:\n\n{plain_text(reason)}"
        )
        # Someone without an account it was for hears it too, their way.
        notifications.tell_requester(service_request, actor, "not approved", refusal, news=refusal)
        return
    _event(service_request, actor, "approved", f"Approved by {by}" + (f": {reason}" if reason else ""), now)
    following = next((step for step in request_approvals(service_request) if step.state == ApprovalState.QUEUED), None)
    if following is not None:
        _activate(following, service_request, actor, now)
        return
    waiting_since = service_request.paused_since
    sla.apply_status(service_request, RequestStatus.SUBMITTED, now)  # the clock resumes; due time moves on
    if service_request.first_response_due_at is not None and waiting_since is not None:
        # The team could not answer while it waited: its first response target moves on too.
        work = calendar()
        waited = work.working_minutes_between(waiting_since, now)
        service_request.first_response_due_at = work.add_working_minutes(service_request.first_response_due_at, waited)
    db.session.add(
        RequestEvent(
            request_id=service_request.id,
            kind=EventKind.STATUS,
            actor_id=None,
            public=True,
            from_value=RequestStatus.AWAITING_APPROVAL,
            to_value=RequestStatus.SUBMITTED,
            body="Approved: sent to the team, and the clock started again.",
            created_at=now,
        )
    )
    db.session.flush()
    notifications.announce_new_request(service_request, actor)
    notifications.tell_requester(
        service_request,
        actor,
        "approved",
        f"Your request “{service_request.subject}” has been approved and sent to {service_request.team.name}.",
    )


def _approve_as_one_of_all(approval: RequestApproval, actor: User, asked: RequestApprover, now: datetime) -> int:
    """Record this approver's approval of an "all of them" step (and so of whoever they stand in
    for, or who stands in for them): how many are still to approve. _Lost if they had already."""
    if (
        db.session.scalar(select(RequestApproval.state).where(RequestApproval.id == approval.id))
        != ApprovalState.PENDING
    ):
        raise _Lost
    people = {actor.id} | ({asked.on_behalf_of_id} if asked.on_behalf_of_id else set())
    marked = rows_changed(
        update(RequestApprover)
        .where(
            RequestApprover.approval_id == approval.id,
            RequestApprover.approved_at.is_(None),
            or_(RequestApprover.user_id.in_(people), RequestApprover.on_behalf_of_id.in_(people)),
        )
        .values(approved_at=now)
        .execution_options(synchronize_session=False)
    )
    if not marked:
        raise _Lost
    return (
        db.session.scalar(
            select(func.count())
            .select_from(RequestApprover)
            .where(RequestApprover.approval_id == approval.id, RequestApprover.approved_at.is_(None))
        )
        or 0
    )


def _already(approval: RequestApproval, service_request: ServiceRequest, actor: User) -> str:
    if approval.state == ApprovalState.APPROVED:
        who = approval.decided_by.name if approval.decided_by else "someone"
        return f"{who} approved this a moment ago: nothing more is needed from you"
    if approval.state == ApprovalState.REJECTED:
        who = approval.decided_by.name if approval.decided_by else "someone"
        return f"{who} rejected this a moment ago: nothing more is needed from you"
    if service_request.status == RequestStatus.CANCELLED:
        return "This request has been cancelled: nothing more is needed from you"
    mine = asked_of(approval, actor)
    if approval.state == ApprovalState.PENDING and mine is not None and mine.approved_at is not None:
        return "You have approved this already: it waits for the others"
    return "This request is no longer waiting for this approval: nothing more is needed from you"


def _end(service_request: ServiceRequest, now: datetime) -> None:
    """The request ended (rejected or cancelled): no step waits any longer."""
    db.session.execute(
        update(RequestApproval)
        .where(
            RequestApproval.request_id == service_request.id,
            RequestApproval.state.in_((ApprovalState.PENDING, ApprovalState.QUEUED)),
        )
        .values(state=ApprovalState.CANCELLED, decided_at=now)
        .execution_options(synchronize_session=False)
    )


def request_cancelled(service_request: ServiceRequest, now: datetime) -> None:
    """The requester cancelled it (workflow.cancel): its approvals wait no longer."""
    _end(service_request, now)


# --- What waits for whom ---------------------------------------------------------------------


def waiting_for(user) -> list[tuple[RequestApproval, ServiceRequest, RequestApprover]]:
    """The pending steps this person is asked to decide, oldest first."""
    rows = db.session.execute(
        select(RequestApproval, ServiceRequest, RequestApprover)
        .join(RequestApprover, RequestApprover.approval_id == RequestApproval.id)
        .join(ServiceRequest, ServiceRequest.id == RequestApproval.request_id)
        .where(RequestApprover.user_id == user.id, RequestApproval.state == ApprovalState.PENDING)
        .order_by(RequestApproval.activated_at, RequestApproval.id)
    )
    return [(row[0], row[1], row[2]) for row in rows]


def has_waiting(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        db.session.scalar(
            select(RequestApprover.user_id)
            .join(RequestApproval, RequestApproval.id == RequestApprover.approval_id)
            .where(RequestApprover.user_id == user.id, RequestApproval.state == ApprovalState.PENDING)
            .limit(1)
        )
        is not None
    )


def was_asked(user, service_request: ServiceRequest) -> bool:
    """Whether this person was ever asked to approve this request (they may see it)."""
    user_id = getattr(user, "id", None)
    if user_id is None:
        return False
    return (
        db.session.scalar(
            select(RequestApprover.user_id)
            .join(RequestApproval, RequestApproval.id == RequestApprover.approval_id)
            .where(RequestApproval.request_id == service_request.id, RequestApprover.user_id == user_id)
            .limit(1)
        )
        is not None
    )


# --- Reminders -------------------------------------------------------------------------------


def send_reminders(now: datetime | None = None, *, after_working_days: int = REMINDER_WORKING_DAYS) -> int:
    """Remind the approvers of steps pending more than `after_working_days` working days, at most
    once a UK day per step (a conditional UPDATE claims the day, so two runs at once remind once).
    An approver away now is reminded through their delegate, who is added to the step."""
    now = now or clock.now()
    today = clock.today()
    work = calendar()
    reminded = 0
    candidates = list(
        db.session.scalars(
            select(RequestApproval).where(
                RequestApproval.state == ApprovalState.PENDING,
                or_(RequestApproval.reminded_on.is_(None), RequestApproval.reminded_on < today),
            )
        )
    )
    for approval in candidates:
        if approval.activated_at is None or work.working_days_until(now, approval.activated_at) <= after_working_days:
            continue
        claimed = rows_changed(
            update(RequestApproval)
            .where(
                RequestApproval.id == approval.id,
                RequestApproval.state == ApprovalState.PENDING,
                or_(RequestApproval.reminded_on.is_(None), RequestApproval.reminded_on < today),
            )
            .values(reminded_on=today)
            .execution_options(synchronize_session=False)
        )
        if not claimed:
            continue
        service_request = db.session.get_one(ServiceRequest, approval.request_id)
        asked: dict[int, tuple[User, User | None]] = {}
        for row in list(approval.approvers):
            person, on_behalf_of = _standing_in(row.user, today)
            if on_behalf_of is not None and person.id not in _excluded(service_request):
                if asked_of(approval, person) is None:
                    approval.approvers.append(RequestApprover(user_id=person.id, on_behalf_of_id=on_behalf_of.id))
                asked.setdefault(person.id, (person, on_behalf_of))
            else:
                asked.setdefault(row.user_id, (row.user, row.on_behalf_of))
        db.session.flush()
        _event(service_request, None, "reminded", f"Reminder sent to {_names(list(asked.values()))}", now)
        _tell_approvers(approval, service_request, list(asked.values()), reminder=True)
        audit.record(
            None, "approval_reminded", service_request, reference=service_request.reference, step=approval.description
        )
        reminded += 1
    db.session.flush()
    return reminded
