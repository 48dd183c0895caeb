"""Targets and how each figure stands against them: the service-wide targets an administrator
sets, a figure's status (met, close or missed, by thresholds the page states) and its direction
of travel, and every headline figure compared with the previous period and a year earlier."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from sqlalchemy import select

from app import audit, clock
from app.dashboard import figures, periods
from app.extensions import db
from app.formatting import number
from app.models import PerformanceTargets, User
from app.validation import FieldError

# Until an administrator sets them (the page says so).
DEFAULT_WITHIN_TARGET = 90.0
DEFAULT_SATISFACTION = 4.0
# "Close": short of the target by less than this (in the figure's own unit).
CLOSE_POINTS = 5.0  # percentage points, for "% within target"
CLOSE_RATING = 0.25  # rating points out of 5, for satisfaction


class Status(StrEnum):
    MET = "met"
    CLOSE = "close"
    MISSED = "missed"


STATUS_LABELS = {Status.MET: "Met", Status.CLOSE: "Close", Status.MISSED: "Missed"}
THRESHOLDS = (
    f"Met: at or above the target. Close: below it by less than {number(CLOSE_POINTS)} percentage points "
    f"(for satisfaction, {number(CLOSE_RATING, 2)} of a point). Missed: further below."
)


@dataclass(frozen=True, slots=True)
class Targets:
    within_target_percent: float
    satisfaction: float
    set_at: datetime | None  # None: the defaults, not yet set by an administrator
    set_by: str | None


def current() -> Targets:
    row = db.session.get(PerformanceTargets, 1)
    if row is None:
        return Targets(DEFAULT_WITHIN_TARGET, DEFAULT_SATISFACTION, None, None)
    set_by = db.session.scalar(select(User.name).where(User.id == row.updated_by_id)) if row.updated_by_id else None
    return Targets(float(row.within_target_percent), float(row.satisfaction), row.updated_at, set_by)


def _number(field: str, text: str, low: float, high: float, message: str) -> Decimal:
    try:
        number = Decimal(text.strip().rstrip("%").strip())
    except InvalidOperation:
        raise FieldError(field, message) from None
    if not number.is_finite() or not low < number <= high:
        raise FieldError(field, message)
    return number


def set_targets(actor: User, *, within_target_percent: str, satisfaction: str) -> PerformanceTargets:
    """Save the service-wide targets (as typed: "90", "92.5%", "4.2"), with an audit record."""
    percent = _number(
        "within_target_percent",
        within_target_percent,
        0,
        100,
        "Enter a percentage between 0 and 100, like 90 or 92.5",
    )
    rating = _number("satisfaction", satisfaction, 0, 5, "Enter a rating between 0 and 5, like 4 or 4.2")
    if percent.as_tuple().exponent < -1:  # type: ignore[operator]
        raise FieldError("within_target_percent", "Enter the percentage to one decimal place at most, like 92.5")
    if rating.as_tuple().exponent < -2:  # type: ignore[operator]
        raise FieldError("satisfaction", "Enter the rating to two decimal places at most, like 4.25")
    row = db.session.get(PerformanceTargets, 1)
    if row is None:
        row = PerformanceTargets(id=1)
        db.session.add(row)
    row.within_target_percent, row.satisfaction = percent, rating
    row.updated_at, row.updated_by_id = clock.now(), actor.id
    db.session.flush()
    audit.record(actor, "performance_targets_set", None, within_target_percent=str(percent), satisfaction=str(rating))
    return row


def status(value: float | None, target: float | None, close: float) -> Status | None:
    """Met at or above the target, close when short by less than `close`, else missed."""
    if value is None or target is None:
        return None
    if value >= target:
        return Status.MET
    return Status.CLOSE if target - value < close else Status.MISSED


# --- Comparisons ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measure:
    """A headline figure: how it reads, its unit, which way is better, its target if any."""

    key: str
    label: str
    unit: str  # "count", "percent" or "rating"
    higher_is_better: bool | None  # None: neither (demand)
    target: str | None = None  # the Targets attribute


MEASURES = (
    Measure("received", "Requests received", "count", None),
    Measure("resolved", "Requests resolved", "count", None),
    Measure("compliance", "Resolved within target", "percent", True, "within_target_percent"),
    Measure("average_rating", "Satisfaction (out of 5)", "rating", True, "satisfaction"),
    Measure("deflections", "Answered by guidance, with no request", "count", None),
)


@dataclass(frozen=True, slots=True)
class Compared:
    """One headline figure this period, the period before and a year earlier, against its target."""

    measure: Measure
    current: float | None
    previous: float | None
    year_earlier: float | None
    target: float | None
    status: Status | None
    previous_part: bool = False  # the data begins during the period before: no change figure
    year_part: bool = False  # the same, a year earlier

    @property
    def unit(self) -> str:
        return self.measure.unit

    @property
    def change_previous(self) -> float | None:
        return None if self.previous_part else figures.change(self.current, self.previous, self.measure.unit)

    @property
    def change_year(self) -> float | None:
        return None if self.year_part else figures.change(self.current, self.year_earlier, self.measure.unit)

    @property
    def direction(self) -> str | None:
        """The direction of travel since the previous period, in words."""
        if self.current is None or self.previous is None:
            return None
        if self.current == self.previous:
            return "No change"
        up = self.current > self.previous
        if self.measure.higher_is_better is None:
            return "Up" if up else "Down"
        return "Improving" if up == self.measure.higher_is_better else "Getting worse"


def _value(summary: figures.Summary, measure: Measure) -> float | None:
    value = getattr(summary, measure.key)
    return None if value is None else float(value)


def compare(filters: periods.Filters, targets: Targets, counted: figures.Counted | None = None) -> list[Compared]:
    """Every headline figure for the period, the period before it and the same period a year
    earlier (periods of the same length, so whole and comparable), with target and status
    (`counted`: the period counted already). A period before the first request there is has no
    figures (not noughts); one the data only partly covers is labelled and given no change."""
    now, before, year = figures.summaries(filters, counted)
    covers = figures.covers(filters)
    rows = []
    for measure in MEASURES:
        target = getattr(targets, measure.target) if measure.target else None
        value = _value(now, measure)
        close = CLOSE_RATING if measure.unit == "rating" else CLOSE_POINTS
        figure = figures.compared(value, _value(before, measure), _value(year, measure), measure.unit, covers)
        rows.append(
            Compared(
                measure=measure,
                current=value,
                previous=figure.previous,
                year_earlier=figure.year_earlier,
                target=target,
                status=status(value, target, close),
                previous_part=figure.previous_part,
                year_part=figure.year_part,
            )
        )
    return rows
