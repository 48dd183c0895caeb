"""A request's SLA clock: pauses while it waits for the requester (the due time moves on by the
working time paused), the first response, resolution figures, the reopening window, and the state
lists and pages show ("Due in 2 working days", "On hold" ...)."""

from dataclasses import dataclass
from datetime import datetime

from app import clock, policy
from app.formatting import local_time
from app.models import RequestStatus, ServiceRequest, User
from app.models.service_request import PAUSED_STATUSES
from app.working_time import calendar

REOPEN_WORKING_DAYS = 5


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
    if paused:
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
        service_request.first_response_minutes = calendar().working_minutes_between(
            service_request.clock_started_at, now
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
