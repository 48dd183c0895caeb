"""The dashboard's filters (a period, a team, a service) and the UK weeks or months a period is
counted in."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from sqlalchemy import and_
from sqlalchemy.sql import ColumnElement

from app import clock

T = TypeVar("T")

PERIODS = {
    "4w": ("Last 4 weeks", timedelta(weeks=4)),
    "13w": ("Last 13 weeks", timedelta(weeks=13)),
    "12m": ("Last 12 months", timedelta(days=365)),
    "18m": ("Last 18 months", timedelta(days=548)),
}
DEFAULT_PERIOD = "12m"


@dataclass
class Filters:
    period: str = DEFAULT_PERIOD
    team_id: int | None = None
    service_id: int | None = None
    now: datetime = field(default_factory=clock.now)
    month: date | None = None  # a calendar month (the monthly pack), rather than the period before `now`

    @classmethod
    def calendar_month(cls, first: date, **filters) -> "Filters":
        """The UK calendar month beginning `first`, counted by week."""
        first = first.replace(day=1)
        ends = datetime.combine(bucket_end(first, weekly=False), time(), clock.UK)
        return cls(period="4w", now=ends, month=first, **filters)

    @property
    def start(self) -> datetime:
        if self.month is not None:
            return datetime.combine(self.month, time(), clock.UK)
        return self.now - PERIODS[self.period][1]

    @property
    def weekly(self) -> bool:
        """Short periods trend by week, longer ones by month."""
        return PERIODS[self.period][1] <= timedelta(weeks=13)

    def ending(self, now: datetime) -> "Filters":
        """The same filters for a period of the same length ending at `now`."""
        return Filters(period=self.period, team_id=self.team_id, service_id=self.service_id, now=now)

    def previous(self) -> "Filters":
        """The period of the same length just before this one (for a month, the month before)."""
        if self.month is not None:
            return Filters.calendar_month(
                (self.month - timedelta(days=1)).replace(day=1), team_id=self.team_id, service_id=self.service_id
            )
        return self.ending(self.start)

    def year_earlier(self) -> "Filters":
        """The same period a year earlier (same UK date and time; 28 February for a 29th)."""
        if self.month is not None:
            return Filters.calendar_month(
                self.month.replace(year=self.month.year - 1), team_id=self.team_id, service_id=self.service_id
            )
        local = self.now.astimezone(clock.UK)
        day = 28 if (local.month, local.day) == (2, 29) else local.day
        return self.ending(local.replace(year=local.year - 1, day=day))

    def earlier(self, compute: "Callable[[Filters], T]") -> "tuple[T, T]":
        """`compute` for the period before and for a year earlier: once when they are the same
        period (the last 12 months: the 365 days before are a year earlier, leap years apart)."""
        before, year = self.previous(), self.year_earlier()
        figures = compute(before)
        return figures, figures if year == before else compute(year)

    def with_comparisons(self) -> "list[Filters]":
        """This period, the period before and the same period a year earlier, each once (the period
        before twelve months is a year earlier), each to be counted once."""
        windows: list[Filters] = []
        for window in (self, self.previous(), self.year_earlier()):
            if window not in windows:
                windows.append(window)
        return windows

    def args(self, **changes) -> dict:
        values = {"period": self.period, "team": self.team_id, "service": self.service_id, **changes}
        return {
            key: value
            for key, value in values.items()
            if value not in (None, "") and not (key == "period" and value == DEFAULT_PERIOD)
        }


def within(column, filters: Filters) -> ColumnElement:
    return and_(column >= filters.start, column < filters.now)


# --- Weeks and months ------------------------------------------------------------------------


def week_start(moment: datetime) -> date:
    return (moment - timedelta(days=moment.weekday())).date()


def bucket(moment: datetime, weekly: bool) -> date:
    return week_start(moment) if weekly else moment.date().replace(day=1)


def bucket_label(start: date, weekly: bool) -> str:
    return f"w/c {start.day} {start:%b %Y}" if weekly else f"{start:%b %Y}"


def bucket_end(start: date, weekly: bool) -> date:
    """The first day after the week or month beginning `start`."""
    if weekly:
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def is_part(start: date, filters: Filters) -> bool:
    """Whether only part of this week or month is in the period: the one it begins in (unless
    it begins with it) and the one still going on."""
    begins = datetime.combine(start, time(), clock.UK)
    ends = datetime.combine(bucket_end(start, filters.weekly), time(), clock.UK)
    return begins < filters.start or ends > filters.now


def part_note(start: date, filters: Filters) -> str:
    """ "part month: 27 to 30 Apr" — the days of the week or month the period covers."""
    first = max(start, filters.start.astimezone(clock.UK).date())
    last = min(bucket_end(start, filters.weekly) - timedelta(days=1), filters.now.astimezone(clock.UK).date())
    kind = "week" if filters.weekly else "month"
    days = f"{first.day} {first:%b}" if first == last else f"{first.day} to {last.day} {last:%b}"
    if first.month != last.month:
        days = f"{first.day} {first:%b} to {last.day} {last:%b}"
    return f"part {kind}: {days}"


def buckets(filters: Filters) -> list[date]:
    """Every week or month of the period, in order (empty ones too)."""
    first = bucket(filters.start.astimezone(clock.UK), filters.weekly)
    last = bucket(filters.now.astimezone(clock.UK), filters.weekly)
    buckets, current = [], first
    while current <= last:
        buckets.append(current)
        if filters.weekly:
            current += timedelta(days=7)
        else:
            current = bucket_end(current, weekly=False)
    return buckets
