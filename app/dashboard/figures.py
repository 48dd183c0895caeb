"""The dashboard's figures, computed in the database: counts, shares and percentiles with SQL
aggregates (GROUP BY, window functions), the same on SQLite and PostgreSQL. Time series are
grouped by UTC hour in SQL and folded into UK weeks, months, weekdays and hours here, so every
figure follows UK time whatever the database's own time zone support."""
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from sqlalchemy import and_, case, func, select
from sqlalchemy.sql import ColumnElement

from app import clock
from app.extensions import db
from app.models import Deflection, Service, ServiceRequest, Team, User
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
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


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
        return {key: value for key, value in values.items()
                if value not in (None, "") and not (key == "period" and value == DEFAULT_PERIOD)}


def _scope(filters: Filters) -> list[ColumnElement]:
    conditions = []
    if filters.team_id:
        conditions.append(ServiceRequest.team_id == filters.team_id)
    if filters.service_id:
        conditions.append(ServiceRequest.service_id == filters.service_id)
    return conditions


def _within(column, filters: Filters) -> ColumnElement:
    return and_(column >= filters.start, column < filters.now)


# --- Percentiles -----------------------------------------------------------------------------

def _rank(count: int, fraction: float) -> int:
    """ceil(fraction × count) in integers."""
    return max(1, (count * round(fraction * 1000) + 999) // 1000)


def percentiles(column, fractions: tuple[float, ...], *conditions) -> tuple[int | None, ...]:
    """Nearest-rank percentiles of `column` (for each fraction, the smallest value with at least
    that fraction of the values at or below it: the value at rank ceil(fraction × n)).
    PostgreSQL: one ordered-set aggregate (percentile_disc is exactly this). SQLite: how many
    times each value occurs (one grouped query over a covering index), walked up to each rank."""
    present = (column.is_not(None), *conditions)
    if db.engine.dialect.name == "postgresql":
        row = db.session.execute(select(*[func.percentile_disc(fraction).within_group(column)
                                          for fraction in fractions]).where(*present)).one()
        return tuple(row)
    occurrences = db.session.execute(select(column, func.count()).where(*present).group_by(column)
                                     .order_by(column)).all()
    total = sum(times for _, times in occurrences)
    found = []
    for fraction in fractions:
        if not total:
            found.append(None)
            continue
        rank, seen = _rank(total, fraction), 0
        for value, times in occurrences:
            seen += times
            if seen >= rank:
                found.append(value)
                break
    return tuple(found)


def percentile(column, fraction: float, *conditions) -> int | None:
    return percentiles(column, (fraction,), *conditions)[0]


def percentiles_by(group, column, fraction: float, *conditions) -> dict:
    """The nearest-rank percentile of `column` for each value of `group`: an ordered-set
    aggregate on PostgreSQL, window functions on SQLite."""
    present = (column.is_not(None), *conditions)
    if db.engine.dialect.name == "postgresql":
        return dict(db.session.execute(select(group, func.percentile_disc(fraction).within_group(column))
                                       .where(*present).group_by(group)).all())
    ranked = (select(group.label("grp"), column.label("value"),
                     func.row_number().over(partition_by=group, order_by=column).label("position"),
                     func.count().over(partition_by=group).label("total"))
              .where(*present).subquery())
    # ceil(total × fraction) in integer arithmetic, as _rank does.
    # (floor division: SQLAlchemy's "/" is true division, which would give 2.499 for 2, matching no row)
    rank = (ranked.c.total * round(fraction * 1000) + 999) // 1000
    return dict(db.session.execute(select(ranked.c.grp, ranked.c.value).where(ranked.c.position == rank)).all())


# --- Time series -----------------------------------------------------------------------------

def _hour(column):
    """The UTC hour a timestamp falls in, as cheaply as each database can say it: PostgreSQL
    truncates the timestamp; SQLite stores ISO text, whose first 13 characters are the hour."""
    if db.engine.dialect.name == "postgresql":
        return func.date_trunc("hour", column)
    return func.substr(column, 1, 13)


@lru_cache(maxsize=50_000)
def _local(hour) -> datetime:
    """The UK time of a UTC hour (text from SQLite, a naive datetime from PostgreSQL). Cached:
    the same few thousand hours come back on every page."""
    if isinstance(hour, str):
        hour = datetime(int(hour[:4]), int(hour[5:7]), int(hour[8:10]), int(hour[11:13]))
    return hour.replace(tzinfo=timezone.utc).astimezone(clock.UK)


def by_hour(column, *conditions) -> list[tuple]:
    """(UK datetime of the hour, count) for rows matching `conditions`: grouped by UTC hour in
    the database, so UK weekdays and hours fold correctly here whatever the database's own time
    zone support."""
    hour = _hour(column)  # one expression (one bound parameter) in SELECT and GROUP BY
    rows = db.session.execute(select(hour, func.count()).where(column.is_not(None), *conditions).group_by(hour))
    return [(_local(row[0]), row[1]) for row in rows]


def _day(column):
    """The UTC day a timestamp falls in, and whether it is in the day's last hour (23:00 UTC is
    already tomorrow in UK summer time); any other hour of a UTC day is the same UK day."""
    if db.engine.dialect.name == "postgresql":
        return func.date_trunc("day", column), func.extract("hour", column) == 23
    return func.substr(column, 1, 10), func.substr(column, 12, 2) == "23"


@lru_cache(maxsize=10_000)
def _local_day(day, last_hour) -> datetime:
    """A UK moment on the UK day of a (UTC day, last hour?) group: noon UTC is always on the same
    UK day; 23:00 UTC is on the next one in summer."""
    if isinstance(day, str):
        day = datetime(int(day[:4]), int(day[5:7]), int(day[8:10]))
    return day.replace(hour=23 if last_hour else 12, tzinfo=timezone.utc).astimezone(clock.UK)


def by_day(column, *conditions, also=None, group=()) -> list[tuple]:
    """(a UK datetime on the row's UK day, *group values, count[, count of `also`]): like by_hour,
    with about a tenth of the rows, for anything counted by day, week or month."""
    day, last_hour = _day(column)
    columns = [day, last_hour, *group, func.count()]
    if also is not None:
        columns.append(func.count(case((also, 1))))
    rows = db.session.execute(select(*columns).where(column.is_not(None), *conditions)
                              .group_by(day, last_hour, *group))
    return [(_local_day(row[0], bool(row[1])), *row[2:]) for row in rows]


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

@dataclass
class RequestFigures:
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
    trend: list[dict]

    @property
    def compliance(self) -> float | None:
        """Resolved within target, as a percentage of those resolved (one decimal place)."""
        return round(100 * self.within_target / self.resolved, 1) if self.resolved else None


def request_figures(filters: Filters) -> RequestFigures:
    scope = _scope(filters)
    received = db.session.scalar(select(func.count()).select_from(ServiceRequest)
                                 .where(_within(ServiceRequest.submitted_at, filters), *scope))
    resolved_here = (_within(ServiceRequest.resolved_at, filters), *scope)
    resolved, within = db.session.execute(select(
        func.count(), func.count(case((ServiceRequest.resolved_within_sla.is_(True), 1)))).where(*resolved_here)).one()
    # The backlog is now, whatever the period: open requests by how long ago they came in.
    age_days = [(label, low, high) for label, low, high in AGE_BANDS]
    band_counts = db.session.execute(select(*[
        func.count(case((and_(ServiceRequest.submitted_at <= filters.now - timedelta(days=low),
                              *([ServiceRequest.submitted_at > filters.now - timedelta(days=high)] if high else [])), 1)))
        for _, low, high in age_days
    ]).where(ServiceRequest.status.in_(OPEN_STATUSES), *scope)).one()
    responded_here = (_within(ServiceRequest.first_response_at, filters), *scope)
    ratings, average = db.session.execute(
        select(func.count(ServiceRequest.rating), func.avg(ServiceRequest.rating))
        .where(_within(ServiceRequest.rated_at, filters), *scope)).one()
    deflection_scope = [Deflection.created_at >= filters.start, Deflection.created_at < filters.now]
    if filters.service_id:
        deflection_scope.append(Deflection.service_id == filters.service_id)
    if filters.team_id:
        deflection_scope.append(Deflection.service_id.in_(select(Service.id).where(Service.team_id == filters.team_id)))
    deflections = db.session.scalar(select(func.count()).select_from(Deflection).where(*deflection_scope))
    first_response = percentiles(ServiceRequest.first_response_minutes, (0.5, 0.9), *responded_here)
    resolution = percentiles(ServiceRequest.resolution_minutes, (0.5, 0.9), *resolved_here)
    return RequestFigures(
        received=received, resolved=resolved, within_target=within, backlog=sum(band_counts),
        age_bands=[(label, count) for (label, _, _), count in zip(age_days, band_counts)],
        first_response_median=first_response[0], first_response_p90=first_response[1],
        resolution_median=resolution[0], resolution_p90=resolution[1],
        ratings=ratings, average_rating=round(float(average), 2) if average is not None else None,
        deflections=deflections, trend=trend(filters),
    )


def trend(filters: Filters) -> list[dict]:
    """Received, resolved and resolved within target in each week or month of the period."""
    scope = _scope(filters)
    received, resolved, within = Counter(), Counter(), Counter()
    for moment, count in by_day(ServiceRequest.submitted_at, _within(ServiceRequest.submitted_at, filters), *scope):
        received[_bucket(moment, filters.weekly)] += count
    for moment, count, in_time in by_day(ServiceRequest.resolved_at, _within(ServiceRequest.resolved_at, filters),
                                          *scope, also=ServiceRequest.resolved_within_sla.is_(True)):
        resolved[_bucket(moment, filters.weekly)] += count
        within[_bucket(moment, filters.weekly)] += in_time
    return [{"start": start, "label": bucket_label(start, filters.weekly), "received": received[start],
             "resolved": resolved[start], "within_target": within[start],
             "compliance": round(100 * within[start] / resolved[start], 1) if resolved[start] else None}
            for start in _buckets(filters)]


def per_service(filters: Filters) -> list[dict]:
    """Each service against its target: received, resolved, within target, median resolution."""
    scope = _scope(filters)
    received = dict(db.session.execute(
        select(ServiceRequest.service_id, func.count()).where(_within(ServiceRequest.submitted_at, filters), *scope)
        .group_by(ServiceRequest.service_id)).all())
    resolved_here = (_within(ServiceRequest.resolved_at, filters), *scope)
    resolved = {service_id: (count, within) for service_id, count, within in db.session.execute(
        select(ServiceRequest.service_id, func.count(), func.count(case((ServiceRequest.resolved_within_sla.is_(True), 1))))
        .where(*resolved_here).group_by(ServiceRequest.service_id))}
    medians = percentiles_by(ServiceRequest.service_id, ServiceRequest.resolution_minutes, 0.5, *resolved_here)
    # Names and targets only (rows with .id, .name, .resolution_days): not whole services.
    services = db.session.execute(select(Service.id, Service.name, Service.resolution_days)
                                  .where(Service.id.in_(set(received) | set(resolved))).order_by(Service.name))
    day = calendar().minutes_per_day
    rows = []
    for service in services:
        count, within = resolved.get(service.id, (0, 0))
        median = medians.get(service.id)
        rows.append({"service": service, "target_days": service.resolution_days, "received": received.get(service.id, 0),
                     "resolved": count, "within_target": within,
                     "compliance": round(100 * within / count, 1) if count else None,
                     "median_days": round(median / day, 1) if median is not None else None})
    return rows


# --- Demand patterns -------------------------------------------------------------------------

@dataclass
class Demand:
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
    weeks, team_months = Counter(), defaultdict(Counter)
    for moment, team_id, count in by_day(column, *scope, group=(ServiceRequest.team_id,)):
        by_month[moment.year][moment.month - 1] += count
        team_months[team_id][moment.month] += count
    heatmap = [[0] * 24 for _ in WEEKDAYS]
    for moment, count in by_hour(column, _within(column, filters), *scope):
        heatmap[moment.weekday()][moment.hour] += count
        weeks[_week_start(moment)] += count
    months = _buckets(Filters(period=filters.period if not filters.weekly else "12m", now=filters.now))
    service_months = defaultdict(Counter)
    since = datetime.combine(months[0], datetime.min.time(), clock.UK)
    for moment, service_id, count in by_day(column, column >= since, *scope, group=(ServiceRequest.service_id,)):
        service_months[service_id][moment.date().replace(day=1)] += count
    names = dict(db.session.execute(select(Service.id, Service.name).where(Service.id.in_(list(service_months)))).all())
    by_service = sorted(((names[service_id], [counts[month] for month in months])
                         for service_id, counts in service_months.items()), key=lambda item: (-sum(item[1]), item[0]))
    return Demand(years=sorted(by_month), by_month=dict(by_month), heatmap=heatmap,
                  busiest_weeks=sorted(weeks.items(), key=lambda item: (-item[1], item[0]))[:3],
                  peak=_peak_sentence(dict(by_month), team_months), by_service=by_service, months=months)


def _peak_sentence(by_month: dict[int, list[int]], team_months: dict[int, Counter]) -> str | None:
    """"Demand peaks in March–April: +38 % on the yearly average, driven by Recruitment." The
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
    extra = {team_id: sum(counts[month] for month in months) - sum(counts.values()) * 2 / 12
             for team_id, counts in team_months.items()}
    best = max(extra, key=extra.get, default=None)
    if best is None or extra[best] <= 0:
        return None
    return db.session.scalar(select(Team.name).where(Team.id == best))


# --- Managers' view --------------------------------------------------------------------------

def per_agent(team: Team, filters: Filters) -> list[dict]:
    """Workload now, and resolved and within target in the period, for each of the team's people
    who hold requests."""
    base = [ServiceRequest.team_id == team.id]
    if filters.service_id:
        base.append(ServiceRequest.service_id == filters.service_id)
    open_counts = dict(db.session.execute(
        select(ServiceRequest.assignee_id, func.count()).where(*base, ServiceRequest.status.in_(OPEN_STATUSES))
        .group_by(ServiceRequest.assignee_id)).all())
    resolved_here = (*base, _within(ServiceRequest.resolved_at, filters))
    resolved = {assignee: (count, within) for assignee, count, within in db.session.execute(
        select(ServiceRequest.assignee_id, func.count(),
               func.count(case((ServiceRequest.resolved_within_sla.is_(True), 1))))
        .where(*resolved_here).group_by(ServiceRequest.assignee_id))}
    medians = percentiles_by(ServiceRequest.assignee_id, ServiceRequest.resolution_minutes, 0.5, *resolved_here)
    ids = {key for key in set(open_counts) | set(resolved) if key is not None}
    people = {person.id: person for person in db.session.scalars(select(User).where(User.id.in_(ids)))}
    day = calendar().minutes_per_day
    rows = []
    for person_id in sorted(ids, key=lambda key: people[key].name):
        count, within = resolved.get(person_id, (0, 0))
        median = medians.get(person_id)
        rows.append({"person": people[person_id], "open": open_counts.get(person_id, 0), "resolved": count,
                     "within_target": within, "compliance": round(100 * within / count, 1) if count else None,
                     "median_days": round(median / day, 1) if median is not None else None})
    if open_counts.get(None):
        rows.append({"person": None, "open": open_counts[None], "resolved": 0, "within_target": 0,
                     "compliance": None, "median_days": None})
    return rows


# --- Ideas -----------------------------------------------------------------------------------

def _days_between(start, end):
    if db.engine.dialect.name == "postgresql":
        return func.extract("epoch", end - start) / 86400.0
    return func.julianday(end) - func.julianday(start)


DECISIONS = ("planned", "not_taken_forward", "duplicate")


def ideas_figures(filters: Filters) -> dict:
    """The funnel (ideas by status), ideas per area, and days from posting to a decision."""
    from app.ideas import services as ideas
    from app.models import Idea, IdeaStatusChange

    posted = _within(Idea.created_at, filters)
    funnel = dict(db.session.execute(select(Idea.status, func.count()).where(posted).group_by(Idea.status)).all())
    area = func.coalesce(Team.name, "Council-wide")  # the same expression in SELECT and GROUP BY
    areas = db.session.execute(
        select(area, func.count()).select_from(Idea)
        .outerjoin(Team, Team.id == Idea.area_team_id).where(posted)
        .group_by(area).order_by(func.count().desc())).all()
    decided = (select(IdeaStatusChange.idea_id, func.min(IdeaStatusChange.created_at).label("decided_at"))
               .where(IdeaStatusChange.to_status.in_(DECISIONS)).group_by(IdeaStatusChange.idea_id).subquery())
    waits = (select(_days_between(Idea.created_at, decided.c.decided_at).label("days"))
             .join(decided, decided.c.idea_id == Idea.id).where(_within(decided.c.decided_at, filters)).subquery())
    decisions = db.session.scalar(select(func.count()).select_from(waits))
    median = percentile(waits.c.days, 0.5)
    return {"funnel": funnel, "areas": [tuple(row) for row in areas], "decisions": decisions,
            "median_days_to_decision": round(float(median), 1) if median is not None else None,
            "benefits": ideas.benefit_totals()}


# --- Knowledge -------------------------------------------------------------------------------

def knowledge_figures(user, filters: Filters, *, overdue_limit: int | None = 20) -> dict:
    """Most read and most helpful articles, poor feedback, overdue reviews (the longest overdue
    `overdue_limit`, and how many in all), searches that found nothing, the single points of
    failure, and Ask Staffroom: questions answered, answered helpfully, and what it could not answer."""
    from sqlalchemy.orm import defer

    from app.assistant import services as assistant
    from app.kb import services as kb
    from app.models import Article
    from app.search import index

    most_read = list(db.session.scalars(select(Article).options(defer(Article.body)).where(Article.status == "published")
                                        .order_by(Article.view_count.desc(), Article.title).limit(10)))
    days = max(1, (filters.now - filters.start).days)
    return {"most_read": most_read, "most_helpful": kb.most_helpful(user, limit=10),
            "poor_feedback": kb.poor_feedback(limit=10), "overdue": kb.needs_review(limit=overdue_limit),
            "overdue_count": kb.needs_review_count(),
            "no_results": index.searches_without_results(days, limit=20),
            "single_points": [row for row in kb.coverage() if row["risk"]],
            "assistant": assistant.figures(filters.start),
            "unanswered": assistant.unanswered_topics(since=filters.start, limit=20)}
