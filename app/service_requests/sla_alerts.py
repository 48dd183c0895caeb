"""SLA alerts (`flask requests sla-alerts`, run by cron every few minutes): the assignee (or the
team's agents, when nobody is assigned) is warned when a request reaches its warning point, and
the team's managers are told at a breach. Each alert goes once per request and point, recorded
in sla_alerts (its unique constraint keeps two runs at once to one), and shows on the request's
timeline for the team. Requests on hold (waiting for the requester, resolved) are never alerted.

The warning point is the service's share of the working time used (`sla_warning_percent`,
75 % unless set) or the start of the working day it is due, whichever comes first, in working
time (app/working_time.py): weekends and bank holidays use none of it."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, insert, select
from sqlalchemy.exc import IntegrityError

from app import clock
from app.extensions import db
from app.formatting import due_by
from app.models import EventKind, RequestEvent, RequestStatus, Role, ServiceRequest, SlaAlert, SlaPoint, User
from app.notify import SLA, Email, notify, notify_team
from app.service_requests.notifications import request_link
from app.working_time import WorkingCalendar, calendar

# Only requests being worked have a running clock: on hold, resolved and closed ones are left alone.
RUNNING = (RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS)


@dataclass(frozen=True)
class AlertsSent:
    warnings: int = 0
    breaches: int = 0


def warning_reached(service_request: ServiceRequest, now: datetime, work: WorkingCalendar) -> bool:
    """Whether the request has used its service's share of its working time, or it is the working
    day it is due (in working hours)."""
    due = service_request.due_at
    in_working_hours = work.clock_start(now) == now
    if in_working_hours and now.astimezone(clock.UK).date() == due.astimezone(clock.UK).date():
        return True
    allowance = max(
        work.working_minutes_between(service_request.clock_started_at, due) - (service_request.paused_minutes or 0), 1
    )
    remaining = work.working_minutes_between(now, due)
    used_percent = 100 * (allowance - remaining) / allowance
    return used_percent >= service_request.service.sla_warning_percent


def point_reached(service_request: ServiceRequest, now: datetime, work: WorkingCalendar) -> SlaPoint | None:
    if service_request.status not in RUNNING or service_request.paused_since is not None:
        return None
    if now >= service_request.due_at:
        return SlaPoint.BREACH
    return SlaPoint.WARNING if warning_reached(service_request, now, work) else None


def _due_alerts(now: datetime, work: WorkingCalendar) -> list[tuple[int, SlaPoint]]:
    """(request id, point) for every alert due now and not sent yet."""
    breached = exists().where(SlaAlert.request_id == ServiceRequest.id, SlaAlert.point == SlaPoint.BREACH)
    candidates = list(
        db.session.scalars(
            select(ServiceRequest)
            .where(ServiceRequest.status.in_(RUNNING), ServiceRequest.paused_since.is_(None), ~breached)
            .order_by(ServiceRequest.due_at, ServiceRequest.id)
        )
    )
    sent = {
        (request_id, point)
        for request_id, point in db.session.execute(
            select(SlaAlert.request_id, SlaAlert.point).where(
                SlaAlert.request_id.in_([service_request.id for service_request in candidates])
            )
        )
    }
    due = []
    for service_request in candidates:
        point = point_reached(service_request, now, work)
        if point is not None and (service_request.id, point) not in sent:
            due.append((service_request.id, point))
    return due


def _claim(request_id: int, point: SlaPoint, now: datetime) -> bool:
    """Record the alert as the first statement of its own transaction (SQLite's write lock is
    taken before anything is read; PostgreSQL makes a second runner wait on the unique key):
    False if it was sent already, by an earlier run or one running now."""
    due_at = select(ServiceRequest.due_at).where(ServiceRequest.id == request_id).scalar_subquery()
    try:
        db.session.execute(insert(SlaAlert).values(request_id=request_id, point=point, due_at=due_at, sent_at=now))
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def _warn(service_request: ServiceRequest) -> str:
    """Tell the assignee (the team's agents if nobody active is assigned); returns who was told."""
    reference, due = service_request.reference, due_by(service_request.due_at)
    message = f"{reference} is due by {due}: {service_request.subject}"
    body = (
        f"{reference} ({service_request.service.name}) for {service_request.requester.name} is due by {due}, "
        f"and most of its working time has been used.\n\n{service_request.subject}"
    )
    email = Email(subject=f"Due soon: {message}", body=body)
    assignee: User | None = service_request.assignee
    if assignee is not None and assignee.active:
        notify([assignee.id], message, request_link(service_request), email=email, kind=SLA)
        return assignee.name
    notify_team(
        service_request.team,
        message,
        request_link(service_request),
        email=email,
        roles=(Role.AGENT,),
        mailbox=False,
        kind=SLA,
    )
    return f"the {service_request.team.name} agents"


def _escalate(service_request: ServiceRequest) -> str:
    reference, due = service_request.reference, due_by(service_request.due_at)
    assigned = service_request.assignee.name if service_request.assignee else "nobody"
    message = f"{reference} missed its due time ({due}): {service_request.subject}"
    body = (
        f"{reference} ({service_request.service.name}) for {service_request.requester.name} was due by {due} "
        f"and is still {service_request.status_label.lower()}. Assigned to {assigned}.\n\n{service_request.subject}"
    )
    notify_team(
        service_request.team,
        message,
        request_link(service_request),
        email=Email(subject=f"SLA breached: {message}", body=body),
        roles=(Role.MANAGER,),
        mailbox=False,
        kind=SLA,
    )
    return f"the {service_request.team.name} managers"


def _on_timeline(service_request: ServiceRequest, point: SlaPoint, told: str, now: datetime) -> None:
    due = due_by(service_request.due_at)
    what = f"Due by {due}: warning sent to {told}." if point == SlaPoint.WARNING else f"Missed {due}: {told} told."
    db.session.add(
        RequestEvent(
            request_id=service_request.id,
            kind=EventKind.SLA,
            actor_id=None,
            public=False,
            body=what,
            to_value=point,
            created_at=now,
        )
    )


def send_alerts(now: datetime | None = None) -> AlertsSent:
    """Send every warning and breach alert now due, once each. Commits after each alert (from
    the CLI, never in a web request), so a run that stops part way loses nothing it recorded."""
    now = now or clock.now()
    work = calendar()
    due = _due_alerts(now, work)
    db.session.rollback()  # end the read: each alert below is its own short transaction
    warnings = breaches = 0
    for request_id, point in due:
        if not _claim(request_id, point, now):
            continue
        service_request = db.session.get_one(ServiceRequest, request_id)
        if point_reached(service_request, now, work) != point:  # changed since the read above
            db.session.rollback()
            continue
        if point == SlaPoint.WARNING:
            told = _warn(service_request)
            warnings += 1
        else:
            told = _escalate(service_request)
            breaches += 1
        _on_timeline(service_request, point, told, now)
        db.session.commit()
    return AlertsSent(warnings, breaches)
