"""The one working-time calendar: England and Wales working days (weekends and bank holidays
excluded) and working hours, in UK time. SLA due dates and clocks are all worked out here.

Bank holidays come from the data bundled with `govuk-bank-holidays` (GOV.UK's own list, read
from the package, never downloaded at run time).
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from flask import current_app, has_app_context
from govuk_bank_holidays.bank_holidays import BankHolidays

from app.clock import UK
from app.formatting import local_time

DEFAULT_DAY_START = "09:00"
DEFAULT_DAY_END = "17:00"


@lru_cache(maxsize=1)
def bank_holidays() -> frozenset[date]:
    holidays = BankHolidays(use_cached_holidays=True).get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    return frozenset(holiday["date"] for holiday in holidays)


def _parse_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


class WorkingCalendar:
    """Working days and hours. Every datetime in and out is timezone-aware."""

    def __init__(self, day_start: str = DEFAULT_DAY_START, day_end: str = DEFAULT_DAY_END):
        self.day_start, self.day_end = _parse_time(day_start), _parse_time(day_end)
        if self.day_end <= self.day_start:
            raise ValueError("The working day must end after it starts")
        self.minutes_per_day = (
            self.day_end.hour * 60 + self.day_end.minute - self.day_start.hour * 60 - self.day_start.minute
        )

    @property
    def day_end_text(self) -> str:
        """ "5pm": when the working day ends, as people say it."""
        return local_time(datetime.combine(date(2026, 1, 5), self.day_end, UK))

    # --- Days --------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in bank_holidays()

    def next_working_day(self, day: date) -> date:
        """The first working day after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day before `day`."""
        day -= timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def working_days_before(self, day: date, count: int) -> date:
        """The working day `count` working days before `day`; with 0, the last working day on or
        before it (an event on a Saturday or a bank holiday is due by the working day before)."""
        if count <= 0:
            return day if self.is_working_day(day) else self.previous_working_day(day)
        for _ in range(count):
            day = self.previous_working_day(day)
        return day

    def end_of_day(self, day: date) -> datetime:
        """When the working day `day` ends: the moment something due that day is due."""
        return self._at(day, self.day_end)

    def add_working_days(self, day: date, count: int) -> date:
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1 for offset in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=offset))
        )

    # --- Moments -----------------------------------------------------------------------------

    def _at(self, day: date, moment: time) -> datetime:
        return datetime.combine(day, moment, UK)

    def clock_start(self, at: datetime) -> datetime:
        """When the clock starts for something arriving at `at`: at once in working hours; at
        the start of the day before them; the next working day after 17:00 or on a day off."""
        local = at.astimezone(UK)
        day = local.date()
        if self.is_working_day(day):
            if local.time() < self.day_start:
                return self._at(day, self.day_start)
            if local.time() < self.day_end:
                return local
        return self._at(self.next_working_day(day), self.day_start)

    def due_at(self, arrived_at: datetime, working_days: int) -> datetime:
        """The end of the working day `working_days` after the day the clock starts."""
        start_day = self.clock_start(arrived_at).date()
        return self._at(self.add_working_days(start_day, max(working_days, 0)), self.day_end)

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Working minutes from `start` to `end` (0 if `end` is not later)."""
        if end <= start:
            return 0
        start, end = start.astimezone(UK), end.astimezone(UK)
        total = 0.0
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                open_at, close_at = self._at(day, self.day_start), self._at(day, self.day_end)
                overlap = (min(close_at, end) - max(open_at, start)).total_seconds()
                total += max(overlap, 0)
            day += timedelta(days=1)
        return int(total // 60)

    def add_working_minutes(self, at: datetime, minutes: int) -> datetime:
        """The moment `minutes` of working time after `at` (an end of day stays on its day)."""
        moment = self.clock_start(at) if minutes > 0 else at
        remaining = minutes
        while remaining > 0:
            close_at = self._at(moment.date(), self.day_end)
            available = int((close_at - moment).total_seconds() // 60)
            if remaining <= available:
                return moment + timedelta(minutes=remaining)
            remaining -= available
            moment = self._at(self.next_working_day(moment.date()), self.day_start)
        return moment

    def working_days_until(self, due: datetime, now: datetime) -> int:
        """Whole working days from today to the due day: 0 due today, negative when overdue."""
        return self.working_days_between(now.astimezone(UK).date(), due.astimezone(UK).date())


def calendar() -> WorkingCalendar:
    """The calendar with the configured working hours (WORKING_DAY_START/END, "HH:MM")."""
    if has_app_context():
        config = current_app.config
        return _calendar(
            config.get("WORKING_DAY_START", DEFAULT_DAY_START), config.get("WORKING_DAY_END", DEFAULT_DAY_END)
        )
    return _calendar(DEFAULT_DAY_START, DEFAULT_DAY_END)


@lru_cache(maxsize=8)
def _calendar(day_start: str, day_end: str) -> WorkingCalendar:
    return WorkingCalendar(day_start, day_end)
