"""The dashboard's figures on requests (service levels, demand, per person), computed in the
database: counts, shares and percentiles with SQL aggregates (GROUP BY, window functions), the
same on SQLite and PostgreSQL. Time series are grouped by UTC hour in SQL and folded into UK weeks,
months, weekdays and hours here, so every figure follows UK time whatever the database's own time
zone support. Each figure is a frozen dataclass (cached and shared between viewers, so never
changed once computed)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.engine import Row
from sqlalchemy.sql import ColumnElement

from app import clock
from app.dashboard import periods
from app.dashboard.aggregates import by_day, by_hour, percentiles_by, percentiles_each
from app.extensions import db
from app.formatting import percent
from app.models import Deflection, Service, ServiceRequest, Team, User
from app.models.service_request import OPEN_STATUSES
from app.working_time import calendar

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


def _scope(filters: periods.Filters) -> list[ColumnElement]:
    conditions = []
    if filters.team_id:
        conditions.append(ServiceRequest.team_id == filters.team_id)
    if filters.service_id:
        conditions.append(ServiceRequest.service_id == filters.service_id)
    return conditions


def _compliance(within_target: int, resolved: int) -> float | None:
    """Resolved within target, as a percentage of those resolved (one decimal place)."""
    return round(100 * within_target / resolved, 1) if resolved else None


def _working_days(minutes: int | None) -> float | None:
    """Working minutes in working days of the configured length, to one decimal place."""
    return round(minutes / calendar().minutes_per_day, 1) if minutes is not None else None


# --- Requests --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One week or month of the trend. Counts are None before the first request there is (no
    data, which is not the same as none received); `part` says when only part of the week or
    month is in the period; `earlier` is the same week or month a year before."""

    start: date
    label: str
    received: int | None
    resolved: int | None
    within_target: int | None
    part: str | None = None  # "part month: 27 to 30 Apr"
    earlier: "TrendRow | None" = None  # the same week or month a year earlier
    previous: "TrendRow | None" = None  # the week or month in the same place of the period before

    @property
    def compliance(self) -> float | None:
        return _compliance(self.within_target or 0, self.resolved or 0)

    def _comparable(self, other: "TrendRow | None") -> bool:
        return (
            other is not None
            and self.part is None
            and other.part is None
            and self.received is not None
            and other.received is not None
        )

    @property
    def comparable(self) -> bool:
        """Whole weeks or months with data on both sides: only these have a change figure."""
        return self._comparable(self.earlier)

    @property
    def change(self) -> float | None:
        """Received, as a percentage change on a year earlier (whole periods only)."""
        if not self.comparable or not self.earlier or not self.earlier.received or self.received is None:
            return None
        return percent_change(self.received, self.earlier.received)

    @property
    def change_previous(self) -> float | None:
        """Received, as a percentage change on the same place in the period before (whole periods only)."""
        if not self._comparable(self.previous) or not self.previous or not self.previous.received:
            return None
        return percent_change(self.received or 0, self.previous.received)


def percent_change(now: float, before: float) -> float | None:
    """The change from `before` to `now` as a percentage of `before`, to one decimal place."""
    return round(100 * (now - before) / before, 1) if before else None


def change(now: float | None, before: float | None, unit: str) -> float | None:
    """The change from `before` to `now`: for counts and days a percentage of `before`, for percentages and
    ratings the difference in points (None when either is missing)."""
    if now is None or before is None:
        return None
    if unit in ("count", "days"):
        return percent_change(now, before)
    return round(now - before, 2 if unit == "rating" else 1)


@dataclass(frozen=True, slots=True)
class Comparison:
    """One figure for the period, the period of the same length before it and the same period a
    year earlier. A comparison period that the data only partly covers (it begins before the
    first request there is) is `part`: its figure is shown, labelled, and given no change; one
    wholly before the data has no figure at all (None), never nought."""

    current: float | None
    previous: float | None
    year_earlier: float | None
    unit: str = "count"  # "count", "percent", "rating" or "days"
    previous_part: bool = False
    year_part: bool = False

    @property
    def change_previous(self) -> float | None:
        return None if self.previous_part else change(self.current, self.previous, self.unit)

    @property
    def change_year(self) -> float | None:
        return None if self.year_part else change(self.current, self.year_earlier, self.unit)


def coverage(filters: periods.Filters, first: date | None) -> str:
    """How the data covers a period: "none" (it ends before the first request there is), "part"
    (it begins before it) or "whole"."""
    if first is None or filters.now.astimezone(clock.UK).date() <= first:
        return "none"
    return "part" if filters.start.astimezone(clock.UK).date() < first else "whole"


def compared(current, previous, year_earlier, unit: str, covers: tuple[str, str]) -> Comparison:
    """A Comparison of three figures, the comparison periods' coverage (`covers`: previous, year
    earlier, from coverage()) deciding which have no figure and which are part periods."""
    return Comparison(
        current=None if current is None else float(current),
        previous=None if previous is None or covers[0] == "none" else float(previous),
        year_earlier=None if year_earlier is None or covers[1] == "none" else float(year_earlier),
        unit=unit,
        previous_part=covers[0] == "part",
        year_part=covers[1] == "part",
    )


def covers(filters: periods.Filters, first: date | None = None) -> tuple[str, str]:
    """How the data covers the period before this one and the same period a year earlier (`first`:
    first_received(filters), when the caller has it already)."""
    first = first or first_received(filters)
    return coverage(filters.previous(), first), coverage(filters.year_earlier(), first)


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
    # First response (median, 90th percentile) and resolution (the same), in working minutes,
    # compared with the period before and a year earlier.
    times: tuple[Comparison, Comparison, Comparison, Comparison] | None = None

    @property
    def compliance(self) -> float | None:
        """Resolved within target, as a percentage of those resolved (one decimal place)."""
        return _compliance(self.within_target, self.resolved)


@dataclass(frozen=True, slots=True)
class Summary:
    """The headline counts of a period: what the comparisons compare."""

    received: int
    resolved: int
    within_target: int
    ratings: int
    average_rating: float | None
    deflections: int

    @property
    def compliance(self) -> float | None:
        return _compliance(self.within_target, self.resolved)


# --- A period and those it is compared with, counted together ----------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    """Requests received, resolved and resolved within target in one period: in all, in each week
    or month (by its first day), and for each service (by id); each as (received, resolved, within
    target)."""

    received: int
    resolved: int
    within_target: int
    by_bucket: dict[date, tuple[int, int, int]]
    by_service: dict[int, tuple[int, int, int]]


@dataclass(frozen=True, slots=True)
class Counted:
    """What a period's request figures count, for the period and the two it is compared with (the
    period before, the same period a year earlier), each counted once: requests received, and
    resolved (and within target), by UK day and by service, in a Tally for each; ratings and
    deflections; first response and resolution percentiles. The summary, the trend, the
    per-service table and the headline comparisons all read it, so no figure counts again."""

    windows: tuple[periods.Filters, ...]  # the distinct ones: the period before may be a year earlier
    tallies: tuple[Tally, ...]
    ratings: tuple[tuple[int, float | None], ...]  # (ratings, average) in each window
    deflections: tuple[int, ...]
    first_response: tuple[tuple[int | None, ...], ...]  # (median, 90th percentile) in each window
    resolution: tuple[tuple[int | None, ...], ...]

    def index(self, window: periods.Filters) -> int:
        return self.windows.index(window)


def _tallies(windows: list[periods.Filters], scope: list[ColumnElement]) -> tuple[Tally, ...]:
    """Received and resolved (and within target) in each window: by UK day (folded into weeks or
    months) and by service, two grouped queries a window for each. A query for each window, over
    its own range of the covering index, costs less on both databases than one query over all of
    them grouped on which windows each row is in (measured: docs/performance.md, "Dashboard")."""
    weekly = windows[0].weekly  # the period and those it is compared with have the same length
    tallies = []
    for window in windows:
        totals = [0, 0, 0]
        by_bucket: defaultdict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
        by_service: defaultdict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for column, also, places in (
            (ServiceRequest.submitted_at, None, (0,)),  # received
            (ServiceRequest.resolved_at, ServiceRequest.resolved_within_sla.is_(True), (1, 2)),  # resolved, in time
        ):
            here = periods.within(column, window)
            for moment, *counts in by_day(column, here, *scope, also=also):
                bucket = by_bucket[periods.bucket(moment, weekly)]
                for place, value in zip(places, counts):
                    bucket[place] += value
                    totals[place] += value
            counted = [func.count()] + ([func.count(case((also, 1)))] if also is not None else [])
            for service_id, *counts in db.session.execute(
                select(ServiceRequest.service_id, *counted).where(here, *scope).group_by(ServiceRequest.service_id)
            ):
                for place, value in zip(places, counts):
                    by_service[service_id][place] += value
        tallies.append(
            Tally(
                received=totals[0],
                resolved=totals[1],
                within_target=totals[2],
                by_bucket={start: tuple(counts) for start, counts in by_bucket.items()},  # type: ignore[misc]
                by_service={service_id: tuple(counts) for service_id, counts in by_service.items()},  # type: ignore[misc]
            )
        )
    return tuple(tallies)


def count_requests(filters: periods.Filters) -> Counted:
    """Count the period and those it is compared with (see Counted): ratings and deflections in one
    query each for all of them (a row of counts), six small queries for each period, whichever
    figures are then read from it."""
    windows = filters.with_comparisons()
    scope = _scope(filters)

    def inside(column) -> list[ColumnElement]:
        return [periods.within(column, window) for window in windows]

    rated = inside(ServiceRequest.rated_at)
    rating_row = db.session.execute(
        select(
            *[func.count(case((window, ServiceRequest.rating))) for window in rated],
            *[func.avg(case((window, ServiceRequest.rating))) for window in rated],
        ).where(or_(*rated), *scope)
    ).one()
    deflected = inside(Deflection.created_at)
    deflection_scope = []
    if filters.service_id:
        deflection_scope.append(Deflection.service_id == filters.service_id)
    if filters.team_id:
        deflection_scope.append(Deflection.service_id.in_(select(Service.id).where(Service.team_id == filters.team_id)))
    deflections = db.session.execute(
        select(*[func.count(case((window, 1))) for window in deflected]).where(or_(*deflected), *deflection_scope)
    ).one()
    return Counted(
        windows=tuple(windows),
        tallies=_tallies(windows, scope),
        ratings=tuple((rating_row[index], _rounded(rating_row[len(windows) + index])) for index in range(len(windows))),
        deflections=tuple(deflections),
        first_response=tuple(
            distribution.percentiles
            for distribution in percentiles_each(
                ServiceRequest.first_response_minutes, (0.5, 0.9), inside(ServiceRequest.first_response_at), *scope
            )
        ),
        resolution=tuple(
            distribution.percentiles
            for distribution in percentiles_each(
                ServiceRequest.resolution_minutes, (0.5, 0.9), inside(ServiceRequest.resolved_at), *scope
            )
        ),
    )


def _rounded(average) -> float | None:
    return round(float(average), 2) if average is not None else None


def summary(filters: periods.Filters, counted: Counted | None = None) -> Summary:
    """Received, resolved (and within target), ratings and deflections in the period (`counted`:
    the period, or one it is compared with, counted already)."""
    counted = counted or count_requests(filters)
    index = counted.index(filters)
    tally = counted.tallies[index]
    ratings, average = counted.ratings[index]
    return Summary(
        received=tally.received,
        resolved=tally.resolved,
        within_target=tally.within_target,
        ratings=ratings,
        average_rating=average,
        deflections=counted.deflections[index],
    )


def summaries(filters: periods.Filters, counted: Counted | None = None) -> tuple[Summary, Summary, Summary]:
    """The summaries of the period, the period before and the same period a year earlier."""
    counted = counted or count_requests(filters)
    return (
        summary(filters, counted),
        summary(filters.previous(), counted),
        summary(filters.year_earlier(), counted),
    )


def request_figures(filters: periods.Filters, counted: Counted | None = None) -> RequestFigures:
    """The period's figures (`counted`: the period counted already)."""
    scope = _scope(filters)
    counted = counted or count_requests(filters)
    counts = summary(filters, counted)
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
    first = first_received(filters)
    period_covers = covers(filters, first)
    here, before, year = (counted.index(window) for window in (filters, filters.previous(), filters.year_earlier()))
    times = tuple(
        compared(measure[here][rank], measure[before][rank], measure[year][rank], "count", period_covers)
        for measure in (counted.first_response, counted.resolution)
        for rank in (0, 1)  # median, 90th percentile
    )
    return RequestFigures(
        received=counts.received,
        resolved=counts.resolved,
        within_target=counts.within_target,
        backlog=sum(band_counts),
        age_bands=[(label, count) for (label, _, _), count in zip(age_days, band_counts)],
        first_response_median=counted.first_response[here][0],
        first_response_p90=counted.first_response[here][1],
        resolution_median=counted.resolution[here][0],
        resolution_p90=counted.resolution[here][1],
        ratings=counts.ratings,
        average_rating=counts.average_rating,
        deflections=counts.deflections,
        trend=trend(filters, counted=counted, first=first),
        times=times,  # type: ignore[arg-type]  # four, as built above
    )


def first_received(filters: periods.Filters) -> date | None:
    """The UK date of the first request there is for the team or service chosen (whatever the
    period): before it, there are no figures rather than zero."""
    first = db.session.execute(select(func.min(ServiceRequest.submitted_at)).where(*_scope(filters))).scalar_one()
    return first.astimezone(clock.UK).date() if first is not None else None


def trend(
    filters: periods.Filters, *, counted: Counted | None = None, first: date | None = None, compare: bool = True
) -> list[TrendRow]:
    """Received, resolved and resolved within target in each week or month of the period, the
    weeks or months before the first request there is left empty, with the same weeks or months
    a year earlier and in the period before (`compare`); `counted`: the period counted already;
    `first`: first_received(filters), when the caller has it already."""
    counted = counted or count_requests(filters)
    first = first or first_received(filters)
    by_bucket = counted.tallies[counted.index(filters)].by_bucket
    before: list[TrendRow] = []
    earlier: list[TrendRow] = []
    if compare:
        before, earlier = (
            trend(period, counted=counted, first=first, compare=False)
            for period in (filters.previous(), filters.year_earlier())
        )
    starts = periods.buckets(filters)
    # The same week or month a year earlier (and in the period before), matched from the latest
    # back (a year earlier may have a week more or fewer at its start).
    matched: dict[date, TrendRow] = dict(zip(reversed(starts), reversed(earlier)))
    matched_before: dict[date, TrendRow] = dict(zip(reversed(starts), reversed(before)))
    rows = []
    for start in starts:
        has_data = first is not None and periods.bucket_end(start, filters.weekly) > first
        rows.append(
            TrendRow(
                start=start,
                label=periods.bucket_label(start, filters.weekly),
                received=by_bucket.get(start, (0, 0, 0))[0] if has_data else None,
                resolved=by_bucket.get(start, (0, 0, 0))[1] if has_data else None,
                within_target=by_bucket.get(start, (0, 0, 0))[2] if has_data else None,
                part=periods.part_note(start, filters) if periods.is_part(start, filters) else None,
                earlier=matched.get(start),
                previous=matched_before.get(start),
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class ServiceRow:
    """One service against its target, with the period before and a year earlier (`covers`: how
    the data covers those two periods, from covers())."""

    service: Row  # .id, .name, .slug, .team_id and .resolution_days only: not a whole Service
    target_days: int
    received: int
    resolved: int
    within_target: int
    median_days: float | None  # median resolution, in working days
    previous: "ServiceRow | None" = None  # the same service in the period before (None: none there)
    earlier: "ServiceRow | None" = None  # the same service a year earlier
    covers: tuple[str, str] = ("whole", "whole")

    @property
    def compliance(self) -> float | None:
        return _compliance(self.within_target, self.resolved)

    @property
    def earlier_compliance(self) -> float | None:
        """% within target in the same period a year earlier."""
        return self.compliance_compared.year_earlier

    @property
    def received_compared(self) -> Comparison:
        return compared(
            self.received,
            self.previous.received if self.previous else 0,
            self.earlier.received if self.earlier else 0,
            "count",
            self.covers,
        )

    @property
    def compliance_compared(self) -> Comparison:
        return compared(
            self.compliance,
            self.previous.compliance if self.previous else None,
            self.earlier.compliance if self.earlier else None,
            "percent",
            self.covers,
        )


def per_service(
    filters: periods.Filters, *, counted: Counted | None = None, compare: bool = True, medians: bool = True
) -> list[ServiceRow]:
    """Each service against its target: received, resolved, within target, median resolution,
    and (`compare`) the same counts in the period before and a year earlier (without the medians,
    `medians=False`, which the comparisons do not use); `counted`: the period counted already. A
    service with requests in any of the three periods has a row."""
    counted = counted or count_requests(filters)
    index = counted.index(filters)
    previous: dict[int, ServiceRow] = {}
    earlier: dict[int, ServiceRow] = {}
    period_covers = ("whole", "whole")
    if compare:
        previous, earlier = (
            {row.service.id: row for row in per_service(period, counted=counted, compare=False, medians=False)}
            for period in (filters.previous(), filters.year_earlier())
        )
        period_covers = covers(filters)
    by_service = counted.tallies[index].by_service
    median_minutes = (
        percentiles_by(
            ServiceRequest.service_id,
            ServiceRequest.resolution_minutes,
            0.5,
            periods.within(ServiceRequest.resolved_at, filters),
            *_scope(filters),
        )
        if medians
        else {}
    )
    # Names and targets only (rows with .id, .name, .resolution_days): not whole services.
    services = db.session.execute(
        select(Service.id, Service.name, Service.slug, Service.team_id, Service.resolution_days)
        .where(Service.id.in_(set(by_service) | set(previous) | set(earlier)))
        .order_by(Service.name)
    )
    rows = []
    for service in services:
        received, resolved, within = by_service.get(service.id, (0, 0, 0))
        rows.append(
            ServiceRow(
                service=service,
                target_days=service.resolution_days,
                received=received,
                resolved=resolved,
                within_target=within,
                median_days=_working_days(median_minutes.get(service.id)),
                previous=previous.get(service.id),
                earlier=earlier.get(service.id),
                covers=period_covers,
            )
        )
    return rows


# --- Demand patterns -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Demand:
    """When requests come in: by month of each year, weekday and hour, week, and service."""

    years: list[int]
    by_month: dict[int, list[int | None]]  # year -> 12 counts (None before the first request and after this month)
    heatmap: list[list[int]]  # weekday (Mon..Sun) x hour 0..23
    busiest_weeks: list[tuple[date, int]]
    peak: str | None
    by_service: list[tuple[Row, list[int | None]]]  # service (.id .name .slug .team_id) -> counts a month
    months: list[date]
    # Received on each weekday (Monday first) in the period, the period before and a year earlier.
    by_weekday: list[Comparison] = field(default_factory=list)


def demand(filters: periods.Filters) -> Demand:
    """Received requests by month of year (each year), weekday × hour, week, and service. Three
    grouped queries: by team and day over every year (months of each year, the team behind the
    peak, the weekdays of the period before and a year earlier), by hour over the period (the
    heatmap, busiest weeks), by service and day since the first month shown."""
    scope = _scope(filters)
    column = ServiceRequest.submitted_at
    counted: dict[int, list[int]] = defaultdict(lambda: [0] * 12)
    weeks: Counter[date] = Counter()
    team_months: defaultdict[int, Counter[int]] = defaultdict(Counter)
    # Every request ever, also grouped on whether it is in the period before and a year earlier
    # (the same rows split exactly at their boundaries): their weekdays for the comparison.
    earlier = [filters.previous(), filters.year_earlier()]
    in_earlier = [periods.within(column, window) for window in earlier]
    weekdays_earlier = [[0] * 7, [0] * 7]
    for moment, team_id, in_before, in_year, count in by_day(
        column, *scope, group=(ServiceRequest.team_id, *in_earlier)
    ):
        counted[moment.year][moment.month - 1] += count
        team_months[team_id][moment.month] += count
        if in_before:
            weekdays_earlier[0][moment.weekday()] += count
        if in_year:
            weekdays_earlier[1][moment.weekday()] += count
    first = first_received(filters)
    this_month = filters.now.astimezone(clock.UK).date().replace(day=1)
    # No data yet, or a month still to come: no figure, not nought.
    by_month: dict[int, list[int | None]] = {
        year: [
            count if first and first.replace(day=1) <= date(year, index + 1, 1) <= this_month else None
            for index, count in enumerate(counts)
        ]
        for year, counts in counted.items()
    }
    heatmap = [[0] * 24 for _ in WEEKDAYS]
    for moment, count in by_hour(column, periods.within(column, filters), *scope):
        heatmap[moment.weekday()][moment.hour] += count
        weeks[periods.week_start(moment)] += count
    months = periods.buckets(periods.Filters(period=filters.period if not filters.weekly else "12m", now=filters.now))
    service_months: defaultdict[int, Counter[date]] = defaultdict(Counter)
    since = datetime.combine(months[0], datetime.min.time(), clock.UK)
    for moment, service_id, count in by_day(column, column >= since, *scope, group=(ServiceRequest.service_id,)):
        service_months[service_id][moment.date().replace(day=1)] += count
    services = {
        row.id: row
        for row in db.session.execute(
            select(Service.id, Service.name, Service.slug, Service.team_id).where(Service.id.in_(list(service_months)))
        )
    }
    by_service = sorted(
        (
            (
                services[service_id],
                [counts[month] if first and periods.bucket_end(month, False) > first else None for month in months],
            )
            for service_id, counts in service_months.items()
        ),
        key=lambda item: (-sum(count or 0 for count in item[1]), item[0].name),
    )
    weekdays_now = [sum(hours) for hours in heatmap]
    weekdays_before, weekdays_year = weekdays_earlier
    period_covers = covers(filters, first)
    return Demand(
        years=sorted(by_month),
        by_month=dict(by_month),
        heatmap=heatmap,
        busiest_weeks=sorted(weeks.items(), key=lambda item: (-item[1], item[0]))[:3],
        peak=_peak_sentence(dict(by_month), team_months),
        by_service=by_service,
        months=months,
        by_weekday=[
            compared(weekdays_now[day], weekdays_before[day], weekdays_year[day], "count", period_covers)
            for day in range(7)
        ],
    )


def _peak_sentence(by_month: dict[int, list[int | None]], team_months: dict[int, Counter]) -> str | None:
    """ "Demand peaks in March–April: 38% above the average month, driven by Recruitment." The
    busiest two months in a row on average over the years, against the average month."""
    years = [[count or 0 for count in counts] for counts in by_month.values() if sum(count or 0 for count in counts)]
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
    return f"Demand peaks in {MONTHS[best]}–{MONTHS[(best + 1) % 12]}: {percent(lift)} above the average month{driven}."


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
    """One person's workload now, and what they resolved in the period, the period before and a
    year earlier."""

    person: User | None  # None: the requests nobody holds
    open: int
    resolved: int
    within_target: int
    median_days: float | None  # median resolution, in working days
    previous: tuple[int, int] | None = None  # (resolved, within target) in the period before
    earlier: tuple[int, int] | None = None  # the same, a year earlier
    covers: tuple[str, str] = ("whole", "whole")

    @property
    def compliance(self) -> float | None:
        return _compliance(self.within_target, self.resolved)

    @property
    def resolved_compared(self) -> Comparison:
        return compared(
            self.resolved,
            (self.previous or (0, 0))[0],
            (self.earlier or (0, 0))[0],
            "count",
            self.covers,
        )

    @property
    def compliance_compared(self) -> Comparison:
        return compared(
            self.compliance,
            _compliance(*reversed(self.previous)) if self.previous else None,
            _compliance(*reversed(self.earlier)) if self.earlier else None,
            "percent",
            self.covers,
        )


def _resolved_by_assignee(base: list, filters: periods.Filters) -> dict[int | None, tuple[int, int]]:
    """assignee -> (resolved, resolved within target) in the period."""
    return {
        assignee: (count, within)
        for assignee, count, within in db.session.execute(
            select(
                ServiceRequest.assignee_id,
                func.count(),
                func.count(case((ServiceRequest.resolved_within_sla.is_(True), 1))),
            )
            .where(*base, periods.within(ServiceRequest.resolved_at, filters))
            .group_by(ServiceRequest.assignee_id)
        )
    }


def per_agent(team: Team, filters: periods.Filters) -> list[PersonRow]:
    """Workload now, and resolved and within target in the period (and the period before, and a
    year earlier), for each of the team's people who hold requests."""
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
    resolved = _resolved_by_assignee(base, filters)
    previous, earlier = filters.earlier(lambda period: _resolved_by_assignee(base, period))
    period_covers = covers(replace(filters, team_id=team.id))
    medians = percentiles_by(
        ServiceRequest.assignee_id,
        ServiceRequest.resolution_minutes,
        0.5,
        *base,
        periods.within(ServiceRequest.resolved_at, filters),
    )
    ids = {key for key in set(open_counts) | set(resolved) | set(previous) | set(earlier) if key is not None}
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
                previous=previous.get(person_id),
                earlier=earlier.get(person_id),
                covers=period_covers,
            )
        )
    if open_counts.get(None):
        rows.append(
            PersonRow(
                person=None,
                open=open_counts[None],
                resolved=0,
                within_target=0,
                median_days=None,
                covers=period_covers,
            )
        )
    return rows
