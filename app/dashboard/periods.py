"""The dashboard's filters (a period, a team, a service) and the UK weeks or months a period is
counted in."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_
from sqlalchemy.sql import ColumnElement

from app import clock

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


def within(column, filters: Filters) -> ColumnElement:
    return and_(column >= filters.start, column < filters.now)


# --- Weeks and months ------------------------------------------------------------------------


def week_start(moment: datetime) -> date:
    return (moment - timedelta(days=moment.weekday())).date()


def bucket(moment: datetime, weekly: bool) -> date:
    return week_start(moment) if weekly else moment.date().replace(day=1)


def bucket_label(start: date, weekly: bool) -> str:
    return f"w/c {start.day} {start:%b %Y}" if weekly else f"{start:%b %Y}"


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
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return buckets
