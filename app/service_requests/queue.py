"""A team's request queue: filters carried in the URL, counts for each, sorting and paging."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from app import clock
from app.extensions import db
from app.models import Priority, RequestStatus, Role, Service, ServiceRequest, Team
from app.models.service_request import OPEN_STATUSES, REQUEST_STATUS_LABELS
from app.validation import as_id

PAGE_SIZE = 25
STATUS_FILTERS: dict[str, str] = {
    "open": "Open",
    **REQUEST_STATUS_LABELS,
    "all": "All",
}
DUE_FILTERS = {
    "overdue": "Overdue",
    "today": "Due today",
    "week": "Due this week",
    "breached": "Breached this week",
}
SORTS = {"due": "Due date", "age": "Oldest first", "priority": "Priority"}


@dataclass
class QueueFilters:
    status: str = "open"
    service: str = ""
    assignee: str = ""  # "", "me", "unassigned" or a person's id
    due: str = ""  # "", "overdue", "week"
    sort: str = "due"
    page: int = 1
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_args(cls, args) -> "QueueFilters":
        def pick(name, allowed, default=""):
            value = args.get(name, default)[:40]
            return value if value in allowed else default

        assignee = args.get("assignee", "")[:12]
        if not (assignee in ("", "me", "unassigned") or as_id(assignee)):
            assignee = ""
        return cls(
            status=pick("status", STATUS_FILTERS, "open"),
            service=args.get("service", "")[:130],
            assignee=assignee,
            due=pick("due", DUE_FILTERS),
            sort=pick("sort", SORTS, "due"),
            page=max(1, min(args.get("page", 1, type=int) or 1, 10_000)),
        )

    def args(self, **changes) -> dict:
        """Query arguments for a link: defaults left out, so URLs stay short and shareable."""
        values = {
            "status": self.status,
            "service": self.service,
            "assignee": self.assignee,
            "due": self.due,
            "sort": self.sort,
            "page": self.page,
            **changes,
        }
        defaults = {"status": "open", "sort": "due", "page": 1}
        return {key: value for key, value in values.items() if value not in ("", None) and defaults.get(key) != value}


def _end_of_week(now: datetime) -> datetime:
    local = now.astimezone(clock.UK)
    sunday = (local + timedelta(days=6 - local.weekday())).date()
    return datetime.combine(sunday, datetime.max.time(), clock.UK)


def _start_of_week(now: datetime) -> datetime:
    local = now.astimezone(clock.UK)
    monday = (local - timedelta(days=local.weekday())).date()
    return datetime.combine(monday, datetime.min.time(), clock.UK)


def _end_of_day(now: datetime) -> datetime:
    return datetime.combine(now.astimezone(clock.UK).date(), datetime.max.time(), clock.UK)


def _overdue(now):
    return and_(
        ServiceRequest.status.in_((RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS)), ServiceRequest.due_at < now
    )


def _due_today(now):
    return and_(
        ServiceRequest.status.in_((RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS)),
        ServiceRequest.due_at >= now,
        ServiceRequest.due_at <= _end_of_day(now),
    )


def _breached_this_week(now):
    """Due since Monday and missed: still being worked past the due time, or resolved after it
    (one waiting for the requester is on hold, its due time moving on)."""
    return and_(
        ServiceRequest.due_at >= _start_of_week(now),
        ServiceRequest.due_at < now,
        or_(
            ServiceRequest.status.in_((RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS)),
            ServiceRequest.resolved_within_sla.is_(False),
        ),
    )


def _due_this_week(now):
    return and_(
        ServiceRequest.status.in_((RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS)),
        ServiceRequest.due_at >= now,
        ServiceRequest.due_at <= _end_of_week(now),
    )


def _conditions(team: Team, filters: QueueFilters, user, now, *, skip: str = "") -> list:
    conditions = [ServiceRequest.team_id == team.id]
    if skip != "status":
        if filters.status == "open":
            conditions.append(ServiceRequest.status.in_(OPEN_STATUSES))
        elif filters.status != "all":
            conditions.append(ServiceRequest.status == filters.status)
    if filters.service:
        conditions.append(ServiceRequest.service.has(Service.slug == filters.service))
    if skip != "assignee":
        if filters.assignee == "me":
            conditions.append(ServiceRequest.assignee_id == user.id)
        elif filters.assignee == "unassigned":
            conditions.append(ServiceRequest.assignee_id.is_(None))
        elif filters.assignee:
            conditions.append(ServiceRequest.assignee_id == int(filters.assignee))
    if skip != "due":
        if filters.due == "overdue":
            conditions.append(_overdue(now))
        elif filters.due == "today":
            conditions.append(_due_today(now))
        elif filters.due == "week":
            conditions.append(_due_this_week(now))
        elif filters.due == "breached":
            conditions.append(_breached_this_week(now))
    return conditions


def page(team: Team, filters: QueueFilters, user):
    now = clock.now()
    orders: dict[str, list[ColumnElement[Any]]] = {
        "age": [ServiceRequest.submitted_at.asc()],
        "priority": [case((ServiceRequest.priority == Priority.HIGH, 0), else_=1), ServiceRequest.due_at.asc()],
    }
    order = orders.get(filters.sort, [ServiceRequest.due_at.asc()])
    statement = select(ServiceRequest).where(*_conditions(team, filters, user, now)).order_by(*order, ServiceRequest.id)
    return db.paginate(statement, page=filters.page, per_page=PAGE_SIZE, error_out=False, count=True)


def count(team: Team, filters: QueueFilters, user) -> int:
    """How many requests the page with these filters lists (the home page's figures)."""
    conditions = _conditions(team, filters, user, clock.now())
    return db.session.scalar(select(func.count(ServiceRequest.id)).where(*conditions)) or 0


def counts(team: Team, filters: QueueFilters, user) -> dict[str, dict[str, int]]:
    """How many requests each filter would show, the other filters staying as they are."""
    now = clock.now()

    def count_by(column, skip):
        rows = db.session.execute(
            select(column, func.count()).where(*_conditions(team, filters, user, now, skip=skip)).group_by(column)
        )
        return dict(rows.all())

    by_status = count_by(ServiceRequest.status, "status")
    statuses: dict[str, int] = {key: by_status.get(key, 0) for key in REQUEST_STATUS_LABELS}
    statuses["open"] = sum(by_status.get(key, 0) for key in OPEN_STATUSES)
    statuses["all"] = sum(by_status.values())
    base = _conditions(team, filters, user, now, skip="assignee")
    assignee = db.session.execute(
        select(
            func.count(),
            func.count(case((ServiceRequest.assignee_id == user.id, 1))),
            func.count(case((ServiceRequest.assignee_id.is_(None), 1))),
        ).where(*base)
    ).one()
    due_base = _conditions(team, filters, user, now, skip="due")
    due = db.session.execute(
        select(
            func.count(case((_overdue(now), 1))),
            func.count(case((_due_today(now), 1))),
            func.count(case((_due_this_week(now), 1))),
            func.count(case((_breached_this_week(now), 1))),
        ).where(*due_base)
    ).one()
    return {
        "status": statuses,
        "assignee": {"": assignee[0], "me": assignee[1], "unassigned": assignee[2]},
        "due": {"overdue": due[0], "today": due[1], "week": due[2], "breached": due[3]},
    }


def services_of(team: Team) -> list[Service]:
    return list(db.session.scalars(select(Service).where(Service.team_id == team.id).order_by(Service.name)))


def teams_for(user) -> list[Team]:
    """The queues this person may open: their own team's; every Business Support team for admins."""
    if user.has_role(Role.ADMIN):
        return list(db.session.scalars(select(Team).where(Team.is_business_support.is_(True)).order_by(Team.name)))
    return [user.team] if user.team is not None else []
