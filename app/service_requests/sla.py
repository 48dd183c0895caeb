"""A request's SLA clock: pauses while it waits for the requester (the due time moves on by the
working time paused), the first response, resolution figures, the reopening window, and the state
lists and pages show ("Due in 2 working days", "On hold" ...)."""

from dataclasses import dataclass
from datetime import date, datetime

from app import clock, policy
from app.formatting import local_date, local_time, local_weekday_date
from app.models import DueBasis, RequestStatus, Service, ServiceRequest, User
from app.models.service_request import PAUSED_STATUSES
from app.service_requests.request_form import lower_first
from app.working_time import calendar

REOPEN_WORKING_DAYS = 5


@dataclass(frozen=True)
class DueTime:
    """When a new request is due, and what that was counted from."""

    due_at: datetime
    basis: DueBasis = DueBasis.SUBMISSION
    event_date: date | None = None
    event_label: str = ""
    days_before: int | None = None


def due_time(service: Service, answers: dict[str, object], arrived_at: datetime) -> DueTime:
    """The due time of a request arriving at `arrived_at` with these answers ({field id: value},
    dates as YYYY-MM-DD). A service with a due question counts back from its date: the end of the
    working day N working days before it. An event target already past when the request arrives
    (or before the clock would start) cannot be met: the request is due at the end of the working
    day its clock starts, and says so (DueBasis.EVENT_PASSED). Without an answer to the question
    (it was hidden by a condition), the service's resolution target from sending applies."""
    work = calendar()
    question = service.due_question
    answer = answers.get(str(question.id)) if question is not None else None
    event_day = _parse_day(answer)
    if question is None or question.due_working_days_before is None or event_day is None:
        return DueTime(work.due_at(arrived_at, service.resolution_days))
    days_before = question.due_working_days_before
    due_at = work.end_of_day(work.working_days_before(event_day, days_before))
    basis = DueBasis.EVENT
    clock_started = work.clock_start(arrived_at)
    if due_at < clock_started:
        due_at, basis = work.end_of_day(clock_started.date()), DueBasis.EVENT_PASSED
    return DueTime(due_at, basis, event_day, question.label, days_before)


def _parse_day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def due_explanation(service_request: ServiceRequest, *, short: bool = False) -> str:
    """What an event-dated due time was counted from, in words ("" for the usual target):
    "2 working days before the date of the hearing, Tuesday 15 December 2026" (`short`: the date
    without its weekday, for lists)."""
    if service_request.due_basis == DueBasis.SUBMISSION or service_request.event_date is None:
        return ""
    days = service_request.event_days_before or 0
    what = lower_first(service_request.event_label.rstrip(" ?")) if service_request.event_label else "the event"
    when = (local_date if short else local_weekday_date)(service_request.event_date)
    if days == 0:
        target = f"by {what}, {when}"
    else:
        target = f"{days} working {'day' if days == 1 else 'days'} before {what}, {when}"
    if service_request.due_basis == DueBasis.EVENT_PASSED:
        return f"at once: it arrived after its target ({target}) had passed"
    return target


@dataclass
class SlaState:
    text: str
    overdue: bool = False
    paused: bool = False


def sla_state(service_request: ServiceRequest, now: datetime | None = None) -> SlaState:
    """ "Due in 2 working days", "Overdue by 1 working day", "On hold" ... for lists and pages."""
    now = now or clock.now()
    status = service_request.status
    if status == RequestStatus.CANCELLED:
        return SlaState("Cancelled")
    if service_request.resolved_at is not None and status in (RequestStatus.RESOLVED, RequestStatus.CLOSED):
        if service_request.resolved_within_sla:
            return SlaState("Resolved within target")
        return SlaState("Resolved after the target", overdue=True)
    if status == RequestStatus.WAITING:
        return SlaState("On hold: waiting for the requester", paused=True)
    if status == RequestStatus.AWAITING_APPROVAL:
        return SlaState("On hold: awaiting approval", paused=True)
    work = calendar()
    due = service_request.due_at
    if now < due:
        days = work.working_days_until(due, now)
        if days <= 0:
            return SlaState(f"Due today by {local_time(due)}")
        return SlaState(f"Due in {days} working {'day' if days == 1 else 'days'}")
    days = max(1, -work.working_days_until(due, now))
    return SlaState(f"Overdue by {days} working {'day' if days == 1 else 'days'}", overdue=True)


def _pause(service_request: ServiceRequest, now: datetime) -> None:
    if service_request.paused_since is None:
        service_request.paused_since = now


def _resume(service_request: ServiceRequest, now: datetime) -> None:
    """End a pause: the working time it lasted moves the due date on and is kept as paused."""
    if service_request.paused_since is None:
        return
    paused = calendar().working_minutes_between(service_request.paused_since, now)
    service_request.paused_minutes = (service_request.paused_minutes or 0) + paused
    # An event does not wait for a reply: a due time counted back from its date stays put.
    if paused and service_request.due_basis == DueBasis.SUBMISSION:
        service_request.due_at = calendar().add_working_minutes(service_request.due_at, paused)
    service_request.paused_since = None


def first_response(service_request: ServiceRequest, actor: User, now: datetime) -> None:
    """The first public reply or status change by the team is the first response."""
    if (
        service_request.first_response_at is None
        and policy.can_work_request(actor, service_request)
        # The agent who keyed a request for a contact without an account answers for the team.
        and (actor.id != service_request.requester_id or service_request.contact_id is not None)
    ):
        service_request.first_response_at = now
        # Less the time the team could not answer it: before a first response the clock is paused
        # only while the request waits for approval.
        work = calendar()
        waited = service_request.paused_minutes or 0
        if service_request.paused_since is not None:
            waited += work.working_minutes_between(service_request.paused_since, now)
        service_request.first_response_minutes = max(
            0, work.working_minutes_between(service_request.clock_started_at, now) - waited
        )


def apply_status(service_request: ServiceRequest, to_status: str, now: datetime) -> None:
    """The clock's side of a status change: pauses, resolution figures, closing times."""
    if service_request.status in PAUSED_STATUSES and to_status not in (
        *PAUSED_STATUSES,
        RequestStatus.CLOSED,
        RequestStatus.CANCELLED,
    ):
        _resume(service_request, now)
    if to_status == RequestStatus.RESOLVED:
        _resume(service_request, now)  # waiting → resolved: the wait ends; the resolution pause begins
        service_request.resolved_at = now
        service_request.resolution_minutes = max(
            0,
            calendar().working_minutes_between(service_request.clock_started_at, now) - service_request.paused_minutes,
        )
        service_request.resolved_within_sla = now <= service_request.due_at
    if service_request.status == RequestStatus.RESOLVED and to_status == RequestStatus.IN_PROGRESS:
        service_request.resolved_at = service_request.resolution_minutes = None
        service_request.resolved_within_sla = None
    if to_status in PAUSED_STATUSES:
        _pause(service_request, now)
    if to_status == RequestStatus.CLOSED:
        # The clock stopped at resolution and stays stopped: nothing moves after the fact.
        service_request.closed_at = now
        service_request.paused_since = None
    if to_status == RequestStatus.CANCELLED:
        service_request.cancelled_at = now
        service_request.paused_since = None
    service_request.status = to_status


def reopen_until(service_request: ServiceRequest) -> datetime | None:
    if service_request.resolved_at is None:
        return None
    return calendar().due_at(service_request.resolved_at, REOPEN_WORKING_DAYS)


def can_reopen(service_request: ServiceRequest, now: datetime | None = None) -> bool:
    until = reopen_until(service_request)
    return service_request.status == RequestStatus.RESOLVED and until is not None and (now or clock.now()) <= until
