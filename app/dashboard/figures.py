"""The dashboard's figures, computed in the database: counts, shares and percentiles with SQL
aggregates (GROUP BY, window functions), the same on SQLite and PostgreSQL. Time series are
grouped by UTC hour in SQL and folded into UK weeks, months, weekdays and hours here, so every
figure follows UK time whatever the database's own time zone support. Each figure is a frozen
dataclass (cached and shared between viewers, so never changed once computed)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import defer
from sqlalchemy.sql import ColumnElement

from app import clock
from app.assistant import services as assistant
from app.dashboard.aggregates import by_day, by_hour, percentile, percentiles, percentiles_by
from app.extensions import db
from app.ideas import services as ideas
from app.kb import categories as kb_categories
from app.kb import community as kb_community
from app.kb import gaps
from app.models import (
    Article,
    ArticleStatus,
    Category,
    Deflection,
    Idea,
    IdeaStatus,
    IdeaStatusChange,
    Service,
    ServiceRequest,
    Team,
    User,
)
from app.models.service_request import OPEN_STATUSES
from app.working_time import calendar

PERIODS = {
    "4w": ("Last 4 weeks", timedelta(weeks=4)),
    "13w": ("Last 13 weeks", timedelta(weeks=13)),
    "12m": ("Last 12 months", timedelta(days=365)),
    "18m": ("Last 18 months", timedelta(days=548)),
}
DEFAULT_PERIOD = "12m"
AGE_BANDS = (("Under a week", 0, 7), ("1 to 2 weeks", 7, 14), ("2 to 4 weeks", 14, 28), ("Over 4 weeks", 28, None))
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass
class Filters:
    period: str = DEFAULT_PERIOD
    team_id: int | None = None
    service_id: int | None = None
    now: datetime = field(default_factory=clock.now)

    @property
    def start(self) -> datetime:
        return self.now - PERIODS[self.period][1]

    @property
    def weekly(self) -> bool:
        """Short periods trend by week, longer ones by month."""
        return PERIODS[self.period][1] <= timedelta(weeks=13)

    def args(self, **changes) -> dict:
        values = {"period": self.period, "team": self.team_id, "service": self.service_id, **changes}
        return {
            key: value
            for key, value in values.items()
            if value not in (None, "") and not (key == "period" and value == DEFAULT_PERIOD)
        }


def _scope(filters: Filters) -> list[ColumnElement]:
    conditions = []
    if filters.team_id:
        conditions.append(ServiceRequest.team_id == filters.team_id)
    if filters.service_id:
        conditions.append(ServiceRequest.service_id == filters.service_id)
    return conditions


def _within(column, filters: Filters) -> ColumnElement:
    return and_(column >= filters.start, column < filters.now)


def _compliance(within_target: int, resolved: int) -> float | None:
    """Resolved within target, as a percentage of those resolved (one decimal place)."""
    return round(100 * within_target / resolved, 1) if resolved else None


def _working_days(minutes: int | None) -> float | None:
    """Working minutes in working days of the configured length, to one decimal place."""
    return round(minutes / calendar().minutes_per_day, 1) if minutes is not None else None


# --- Time series -----------------------------------------------------------------------------


def _week_start(moment: datetime) -> date:
    return (moment - timedelta(days=moment.weekday())).date()


def _bucket(moment: datetime, weekly: bool) -> date:
    return _week_start(moment) if weekly else moment.date().replace(day=1)


def bucket_label(start: date, weekly: bool) -> str:
    return f"w/c {start.day} {start:%b %Y}" if weekly else f"{start:%b %Y}"


def _buckets(filters: Filters) -> list[date]:
    """Every week or month of the period, in order (empty ones too)."""
    first = _bucket(filters.start.astimezone(clock.UK), filters.weekly)
    last = _bucket(filters.now.astimezone(clock.UK), filters.weekly)
    buckets, current = [], first
    while current <= last:
        buckets.append(current)
        if filters.weekly:
            current += timedelta(days=7)
        else:
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return buckets


# --- Requests --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One week or month of the trend."""

    start: date
    label: str
    received: int
    resolved: int
    within_target: int

    @property
    def compliance(self) -> float | None:
        return _compliance(self.within_target, self.resolved)


@dataclass(frozen=True, slots=True)
class RequestFigures:
    """Requests received and resolved in the period, how quickly, how well rated; the backlog now."""

    received: int
    resolved: int
    within_target: int
    backlog: int
    age_bands: list[tuple[str, int]]
    first_response_median: int | None
    first_response_p90: int | None
    resolution_median: int | None
    resolution_p90: int | None
    ratings: int
    average_rating: float | None
    deflections: int
    trend: list[TrendRow]

    @property
    def compliance(self) -> float | None:
        """Resolved within target, as a percentage of those resolved (one decimal place)."""
        return _compliance(self.within_target, self.resolved)


def request_figures(filters: Filters) -> RequestFigures:
    scope = _scope(filters)
    received = db.session.execute(
        select(func.count()).select_from(ServiceRequest).where(_within(ServiceRequest.submitted_at, filters), *scope)
    ).scalar_one()
    resolved_here = (_within(ServiceRequest.resolved_at, filters), *scope)
    resolved, within = db.session.execute(
        select(func.count(), func.count(case((ServiceRequest.resolved_within_sla.is_(True), 1)))).where(*resolved_here)
    ).one()
    # The backlog is now, whatever the period: open requests by how long ago they came in.
    age_days = [(label, low, high) for label, low, high in AGE_BANDS]
    band_counts = db.session.execute(
        select(
            *[
                func.count(
                    case(
                        (
                            and_(
                                ServiceRequest.submitted_at <= filters.now - timedelta(days=low),
                                *([ServiceRequest.submitted_at > filters.now - timedelta(days=high)] if high else []),
                            ),
                            1,
                        )
                    )
                )
                for _, low, high in age_days
            ]
        ).where(ServiceRequest.status.in_(OPEN_STATUSES), *scope)
    ).one()
    responded_here = (_within(ServiceRequest.first_response_at, filters), *scope)
    ratings, average = db.session.execute(
        select(func.count(ServiceRequest.rating), func.avg(ServiceRequest.rating)).where(
            _within(ServiceRequest.rated_at, filters), *scope
        )
    ).one()
    deflection_scope = [Deflection.created_at >= filters.start, Deflection.created_at < filters.now]
    if filters.service_id:
        deflection_scope.append(Deflection.service_id == filters.service_id)
    if filters.team_id:
        deflection_scope.append(Deflection.service_id.in_(select(Service.id).where(Service.team_id == filters.team_id)))
    deflections = db.session.execute(select(func.count()).select_from(Deflection).where(*deflection_scope)).scalar_one()
    first_response = percentiles(ServiceRequest.first_response_minutes, (0.5, 0.9), *responded_here)
    resolution = percentiles(ServiceRequest.resolution_minutes, (0.5, 0.9), *resolved_here)
    return RequestFigures(
        received=received,
        resolved=resolved,
        within_target=within,
        backlog=sum(band_counts),
        age_bands=[(label, count) for (label, _, _), count in zip(age_days, band_counts)],
        first_response_median=first_response[0],
        first_response_p90=first_response[1],
        resolution_median=resolution[0],
        resolution_p90=resolution[1],
        ratings=ratings,
        average_rating=round(float(average), 2) if average is not None else None,
        deflections=deflections,
        trend=trend(filters),
    )


def trend(filters: Filters) -> list[TrendRow]:
    """Received, resolved and resolved within target in each week or month of the period."""
    scope = _scope(filters)
    received: Counter[date] = Counter()
    resolved: Counter[date] = Counter()
    within: Counter[date] = Counter()
    for moment, count in by_day(ServiceRequest.submitted_at, _within(ServiceRequest.submitted_at, filters), *scope):
        received[_bucket(moment, filters.weekly)] += count
    for moment, count, in_time in by_day(
        ServiceRequest.resolved_at,
        _within(ServiceRequest.resolved_at, filters),
        *scope,
        also=ServiceRequest.resolved_within_sla.is_(True),
    ):
        resolved[_bucket(moment, filters.weekly)] += count
        within[_bucket(moment, filters.weekly)] += in_time
    return [
        TrendRow(
            start=start,
            label=bucket_label(start, filters.weekly),
            received=received[start],
            resolved=resolved[start],
            within_target=within[start],
        )
        for start in _buckets(filters)
    ]


@dataclass(frozen=True, slots=True)
class ServiceRow:
    """One service against its target."""

    service: Row  # .id, .name and .resolution_days only: not a whole Service
    target_days: int
    received: int
    resolved: int
    within_target: int
    median_days: float | None  # median resolution, in working days

    @property
    def compliance(self) -> float | None:
        return _compliance(self.within_target, self.resolved)


def per_service(filters: Filters) -> list[ServiceRow]:
    """Each service against its target: received, resolved, within target, median resolution."""
    scope = _scope(filters)
    received = dict(
        db.session.execute(
            select(ServiceRequest.service_id, func.count())
            .where(_within(ServiceRequest.submitted_at, filters), *scope)
            .group_by(ServiceRequest.service_id)
        ).all()
    )
    resolved_here = (_within(ServiceRequest.resolved_at, filters), *scope)
    resolved = {
        service_id: (count, within)
        for service_id, count, within in db.session.execute(
            select(
                ServiceRequest.service_id,
                func.count(),
                func.count(case((ServiceRequest.resolved_within_sla.is_(True), 1))),
            )
            .where(*resolved_here)
            .group_by(ServiceRequest.service_id)
        )
    }
    medians = percentiles_by(ServiceRequest.service_id, ServiceRequest.resolution_minutes, 0.5, *resolved_here)
    # Names and targets only (rows with .id, .name, .resolution_days): not whole services.
    services = db.session.execute(
        select(Service.id, Service.name, Service.resolution_days)
        .where(Service.id.in_(set(received) | set(resolved)))
        .order_by(Service.name)
    )
    rows = []
    for service in services:
        count, within = resolved.get(service.id, (0, 0))
        rows.append(
            ServiceRow(
                service=service,
                target_days=service.resolution_days,
                received=received.get(service.id, 0),
                resolved=count,
                within_target=within,
                median_days=_working_days(medians.get(service.id)),
            )
        )
    return rows


# --- Demand patterns -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Demand:
    """When requests come in: by month of each year, weekday and hour, week, and service."""

    years: list[int]
    by_month: dict[int, list[int]]  # year -> 12 counts (None-free; 0 where nothing came in)
    heatmap: list[list[int]]  # weekday (Mon..Sun) x hour 0..23
    busiest_weeks: list[tuple[date, int]]
    peak: str | None
    by_service: list[tuple[str, list[int]]]  # service name -> counts per month of the period
    months: list[date]


def demand(filters: Filters) -> Demand:
    """Received requests by month of year (each year), weekday × hour, week, and service. Three
    grouped queries: by team and day over every year (months of each year, the team behind the
    peak), by hour over the period (the heatmap, busiest weeks), by service and day since the
    first month shown."""
    scope = _scope(filters)
    column = ServiceRequest.submitted_at
    by_month: dict[int, list[int]] = defaultdict(lambda: [0] * 12)
    weeks: Counter[date] = Counter()
    team_months: defaultdict[int, Counter[int]] = defaultdict(Counter)
    for moment, team_id, count in by_day(column, *scope, group=(ServiceRequest.team_id,)):
        by_month[moment.year][moment.month - 1] += count
        team_months[team_id][moment.month] += count
    heatmap = [[0] * 24 for _ in WEEKDAYS]
    for moment, count in by_hour(column, _within(column, filters), *scope):
        heatmap[moment.weekday()][moment.hour] += count
        weeks[_week_start(moment)] += count
    months = _buckets(Filters(period=filters.period if not filters.weekly else "12m", now=filters.now))
    service_months: defaultdict[int, Counter[date]] = defaultdict(Counter)
    since = datetime.combine(months[0], datetime.min.time(), clock.UK)
    for moment, service_id, count in by_day(column, column >= since, *scope, group=(ServiceRequest.service_id,)):
        service_months[service_id][moment.date().replace(day=1)] += count
    names = dict(db.session.execute(select(Service.id, Service.name).where(Service.id.in_(list(service_months)))).all())
    by_service = sorted(
        ((names[service_id], [counts[month] for month in months]) for service_id, counts in service_months.items()),
        key=lambda item: (-sum(item[1]), item[0]),
    )
    return Demand(
        years=sorted(by_month),
        by_month=dict(by_month),
        heatmap=heatmap,
        busiest_weeks=sorted(weeks.items(), key=lambda item: (-item[1], item[0]))[:3],
        peak=_peak_sentence(dict(by_month), team_months),
        by_service=by_service,
        months=months,
    )


def _peak_sentence(by_month: dict[int, list[int]], team_months: dict[int, Counter]) -> str | None:
    """ "Demand peaks in March–April: +38 % on the yearly average, driven by Recruitment." The
    busiest two months in a row on average over the years, against the average month."""
    years = [counts for counts in by_month.values() if sum(counts)]
    if not years:
        return None
    average_by_month = [sum(counts[month] for counts in years) / len(years) for month in range(12)]
    mean = sum(average_by_month) / 12
    if not mean:
        return None
    best = max(range(12), key=lambda month: average_by_month[month] + average_by_month[(month + 1) % 12])
    pair = (average_by_month[best] + average_by_month[(best + 1) % 12]) / 2
    lift = round(100 * (pair - mean) / mean)
    if lift < 10:
        return "Demand is steady through the year: no two months stand out."
    driver = _driver(team_months, (best + 1, (best + 1) % 12 + 1))
    driven = f", driven by {driver}" if driver else ""
    return f"Demand peaks in {MONTHS[best]}–{MONTHS[(best + 1) % 12]}: +{lift} % on the yearly average{driven}."


def _driver(team_months: dict[int, Counter], months: tuple[int, int]) -> str | None:
    """The team whose requests grow most in those months compared with its own average month."""
    extra = {
        team_id: sum(counts[month] for month in months) - sum(counts.values()) * 2 / 12
        for team_id, counts in team_months.items()
    }
    best = max(extra, key=lambda team_id: extra[team_id], default=None)
    if best is None or extra[best] <= 0:
        return None
    return db.session.scalar(select(Team.name).where(Team.id == best))


# --- Managers' view --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One person's workload now, and what they resolved in the period."""

    person: User | None  # None: the requests nobody holds
    open: int
    resolved: int
    within_target: int
    median_days: float | None  # median resolution, in working days

    @property
    def compliance(self) -> float | None:
        return _compliance(self.within_target, self.resolved)


def per_agent(team: Team, filters: Filters) -> list[PersonRow]:
    """Workload now, and resolved and within target in the period, for each of the team's people
    who hold requests."""
    base = [ServiceRequest.team_id == team.id]
    if filters.service_id:
        base.append(ServiceRequest.service_id == filters.service_id)
    open_counts = dict(
        db.session.execute(
            select(ServiceRequest.assignee_id, func.count())
            .where(*base, ServiceRequest.status.in_(OPEN_STATUSES))
            .group_by(ServiceRequest.assignee_id)
        ).all()
    )
    resolved_here = (*base, _within(ServiceRequest.resolved_at, filters))
    resolved = {
        assignee: (count, within)
        for assignee, count, within in db.session.execute(
            select(
                ServiceRequest.assignee_id,
                func.count(),
                func.count(case((ServiceRequest.resolved_within_sla.is_(True), 1))),
            )
            .where(*resolved_here)
            .group_by(ServiceRequest.assignee_id)
        )
    }
    medians = percentiles_by(ServiceRequest.assignee_id, ServiceRequest.resolution_minutes, 0.5, *resolved_here)
    ids = {key for key in set(open_counts) | set(resolved) if key is not None}
    people = {person.id: person for person in db.session.scalars(select(User).where(User.id.in_(ids)))}
    rows = []
    for person_id in sorted(ids, key=lambda key: people[key].name):
        count, within = resolved.get(person_id, (0, 0))
        rows.append(
            PersonRow(
                person=people[person_id],
                open=open_counts.get(person_id, 0),
                resolved=count,
                within_target=within,
                median_days=_working_days(medians.get(person_id)),
            )
        )
    if open_counts.get(None):
        rows.append(PersonRow(person=None, open=open_counts[None], resolved=0, within_target=0, median_days=None))
    return rows


# --- Ideas -----------------------------------------------------------------------------------


def _days_between(start, end):
    if db.engine.dialect.name == "postgresql":
        return func.extract("epoch", end - start) / 86400.0
    return func.julianday(end) - func.julianday(start)


DECISIONS = (IdeaStatus.PLANNED, IdeaStatus.NOT_TAKEN_FORWARD, IdeaStatus.DUPLICATE)


@dataclass(frozen=True, slots=True)
class BenefitTotals:
    """The benefits register: (year or area, ideas, hours a month, pounds a year) rows, and in all."""

    by_year: list[tuple[int, int, float, int]]  # the latest year first
    by_area: list[tuple[str, int, float, int]]
    total: tuple[int, float, int]  # (ideas, hours a month, pounds a year)


@dataclass(frozen=True, slots=True)
class IdeasFigures:
    """Ideas posted in the period by status and area, how long decisions took, and the benefits."""

    funnel: dict[str, int]  # status -> ideas posted in the period that are at it now
    areas: list[tuple[str, int]]  # (area, ideas posted in the period), most first
    decisions: int
    median_days_to_decision: float | None
    benefits: BenefitTotals


def ideas_figures(filters: Filters) -> IdeasFigures:
    """The funnel (ideas by status), ideas per area, and days from posting to a decision."""
    posted = _within(Idea.created_at, filters)
    funnel = dict(db.session.execute(select(Idea.status, func.count()).where(posted).group_by(Idea.status)).all())
    area = func.coalesce(Team.name, "Council-wide")  # the same expression in SELECT and GROUP BY
    areas = db.session.execute(
        select(area, func.count())
        .select_from(Idea)
        .outerjoin(Team, Team.id == Idea.area_team_id)
        .where(posted)
        .group_by(area)
        .order_by(func.count().desc())
    ).all()
    decided = (
        select(IdeaStatusChange.idea_id, func.min(IdeaStatusChange.created_at).label("decided_at"))
        .where(IdeaStatusChange.to_status.in_(DECISIONS))
        .group_by(IdeaStatusChange.idea_id)
        .subquery()
    )
    waits = (
        select(_days_between(Idea.created_at, decided.c.decided_at).label("days"))
        .join(decided, decided.c.idea_id == Idea.id)
        .where(_within(decided.c.decided_at, filters))
        .subquery()
    )
    decisions = db.session.execute(select(func.count()).select_from(waits)).scalar_one()
    median = percentile(waits.c.days, 0.5)
    totals = ideas.benefit_totals()
    return IdeasFigures(
        funnel=funnel,
        areas=[(name, count) for name, count in areas],
        decisions=decisions,
        median_days_to_decision=round(float(median), 1) if median is not None else None,
        benefits=BenefitTotals(by_year=totals["by_year"], by_area=totals["by_area"], total=totals["total"]),
    )


# --- Knowledge -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SinglePoint:
    """A category that depends on one person, or has no guidance at all."""

    category: Category
    articles: int
    risk: str  # "One person" or "No articles"
    people: list[str]  # who owns its published articles


@dataclass(frozen=True, slots=True)
class AssistantFigures:
    """Ask Staffroom in the period: questions asked and answered, answers rated and found helpful."""

    asked: int
    answered: int
    rated: int
    helped: int
    answered_share: float | None
    helpful_share: float | None


@dataclass(frozen=True, slots=True)
class KnowledgeFigures:
    """What is read and found helpful, the knowledge gaps, the single points of failure, Ask Staffroom."""

    most_read: list[Article]
    most_helpful: list[tuple[Article, int, int]]  # (article, helpful, not helpful)
    poor_feedback: list[tuple[Article, int, int]]
    overdue: list[Article]  # the longest overdue first
    overdue_count: int  # in all, however many `overdue` shows
    no_results: list[tuple[str, int, datetime]]  # (search, times, last searched)
    single_points: list[SinglePoint]
    assistant: AssistantFigures
    unanswered: list[tuple[str, int, datetime]]  # (topic, times, last asked)


def knowledge_figures(user, filters: Filters, *, overdue_limit: int | None = 20) -> KnowledgeFigures:
    """Most read and most helpful articles, poor feedback, overdue reviews (the longest overdue
    `overdue_limit`, and how many in all), searches that found nothing, the single points of
    failure, and Ask Staffroom: questions answered, answered helpfully, and what it could not answer."""
    most_read = list(
        db.session.scalars(
            select(Article)
            .options(defer(Article.body))
            .where(Article.status == ArticleStatus.PUBLISHED)
            .order_by(Article.view_count.desc(), Article.title)
            .limit(10)
        )
    )
    days = max(1, (filters.now - filters.start).days)
    single_points = [
        SinglePoint(category=row["category"], articles=row["articles"], risk=row["risk"], people=row["people"])
        for row in kb_categories.coverage()
        if row["risk"]
    ]
    return KnowledgeFigures(
        most_read=most_read,
        most_helpful=kb_community.most_helpful(user, limit=10),
        poor_feedback=kb_community.poor_feedback(limit=10),
        overdue=gaps.overdue_reviews(limit=overdue_limit),
        overdue_count=gaps.overdue_review_count(),
        no_results=gaps.searches_without_results(days, limit=20),
        single_points=single_points,
        assistant=AssistantFigures(**assistant.figures(filters.start)),
        unanswered=gaps.unanswered_topics(since=filters.start, limit=20),
    )
