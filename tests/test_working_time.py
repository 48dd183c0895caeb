"""The working-time calendar: England and Wales working days (no weekends, no bank holidays),
when the SLA clock starts, when a request is due (17:00 UK time, GMT or BST), and working
minutes across nights, weekends and bank holidays.

Bank holiday dates checked against GOV.UK's list as bundled with govuk-bank-holidays:
Good Friday 3 April 2026, Easter Monday 6 April 2026, Early May 4 May 2026, Spring 25 May 2026,
Christmas Day Friday 25 December 2026, Boxing Day (substitute) Monday 28 December 2026,
New Year's Day Friday 1 January 2027. British Summer Time 2026: 29 March to 25 October."""

from datetime import UTC, date, datetime, time

import pytest

from app import clock
from app.clock import UK
from app.working_time import WorkingCalendar, bank_holidays, calendar

UTC = UTC
WORK = WorkingCalendar()


def uk(year, month, day, hour=0, minute=0) -> datetime:
    """A moment on UK wall clocks (GMT in winter, BST in summer)."""
    return datetime(year, month, day, hour, minute, tzinfo=UK)


def utc(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- Working days ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 3, 16),  # a Monday
        date(2026, 3, 20),  # a Friday
        date(2026, 4, 2),  # Thursday before Good Friday
        date(2026, 4, 7),  # Tuesday after Easter Monday
        date(2026, 12, 24),  # Christmas Eve is worked
        date(2026, 12, 29),
        date(2026, 3, 17),  # St Patrick's Day: a holiday in Northern Ireland only
        date(2026, 1, 2),  # 2 January: a holiday in Scotland only
        date(2026, 11, 30),  # St Andrew's Day (a Monday): Scotland only
    ],
)
def test_weekdays_that_are_not_england_and_wales_bank_holidays_are_working_days(day):
    assert WORK.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 3, 21),
        date(2026, 3, 22),  # Saturday, Sunday
        date(2026, 1, 1),  # New Year's Day
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 4),  # Early May bank holiday
        date(2026, 5, 25),  # Spring bank holiday
        date(2026, 8, 31),  # Summer bank holiday
        date(2026, 12, 25),  # Christmas Day
        date(2026, 12, 26),  # Boxing Day falls on a Saturday...
        date(2026, 12, 28),  # ...so Monday is the substitute day
        date(2027, 1, 1),
    ],
)
def test_weekends_and_bank_holidays_are_not_working_days(day):
    assert not WORK.is_working_day(day)


def test_bank_holidays_come_from_the_bundled_england_and_wales_list():
    holidays = bank_holidays()
    assert {date(2026, 4, 3), date(2026, 4, 6), date(2026, 12, 25), date(2026, 12, 28)} <= holidays
    assert date(2026, 3, 17) not in holidays and date(2026, 8, 3) not in holidays  # NI, Scotland only


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2026, 3, 16), date(2026, 3, 17)),  # Monday -> Tuesday
        (date(2026, 3, 20), date(2026, 3, 23)),  # Friday -> Monday
        (date(2026, 3, 21), date(2026, 3, 23)),  # Saturday -> Monday
        (date(2026, 4, 2), date(2026, 4, 7)),  # over Easter
        (date(2026, 12, 24), date(2026, 12, 29)),  # over Christmas
        (date(2026, 12, 31), date(2027, 1, 4)),  # over New Year and a weekend
    ],
)
def test_the_next_working_day_skips_weekends_and_bank_holidays(day, expected):
    assert WORK.next_working_day(day) == expected


def test_adding_working_days_counts_only_working_days():
    assert WORK.add_working_days(date(2026, 4, 2), 0) == date(2026, 4, 2)
    assert WORK.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert WORK.add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 8)
    assert WORK.add_working_days(date(2026, 3, 16), 10) == date(2026, 3, 30)


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (date(2026, 3, 16), date(2026, 3, 16), 0),
        (date(2026, 3, 16), date(2026, 3, 20), 4),  # Monday to Friday
        (date(2026, 3, 20), date(2026, 3, 23), 1),  # Friday to Monday
        (date(2026, 3, 21), date(2026, 3, 22), 0),  # Saturday to Sunday
        (date(2026, 4, 2), date(2026, 4, 7), 1),  # Thursday to Tuesday over Easter
        (date(2026, 4, 2), date(2026, 4, 9), 3),
        (date(2026, 12, 24), date(2027, 1, 4), 4),  # 29, 30, 31 December and 4 January
        (date(2026, 3, 20), date(2026, 3, 16), -4),  # earlier: negative
    ],
)
def test_working_days_between_counts_the_working_days_after_the_start_up_to_the_end(start, end, expected):
    assert WORK.working_days_between(start, end) == expected


def test_working_days_until_is_zero_on_the_due_day_and_negative_once_overdue():
    due = uk(2026, 4, 7, 17)
    assert WORK.working_days_until(due, uk(2026, 4, 2, 10)) == 1
    assert WORK.working_days_until(due, uk(2026, 4, 7, 16, 59)) == 0
    assert WORK.working_days_until(due, uk(2026, 4, 8, 9)) == -1
    # 23:30 UTC on 6 April is already 7 April in BST.
    assert WORK.working_days_until(due, utc(2026, 4, 6, 23, 30)) == 0


# --- When the clock starts -------------------------------------------------------------------


@pytest.mark.parametrize(
    "arrived, starts",
    [
        (uk(2026, 3, 16, 10, 0), uk(2026, 3, 16, 10, 0)),  # in working hours: at once
        (uk(2026, 3, 16, 16, 59), uk(2026, 3, 16, 16, 59)),  # a minute before the end: that day
        (uk(2026, 3, 16, 17, 0), uk(2026, 3, 17, 9, 0)),  # at 17:00: the next working day
        (uk(2026, 3, 16, 23, 30), uk(2026, 3, 17, 9, 0)),
        (uk(2026, 3, 16, 8, 15), uk(2026, 3, 16, 9, 0)),  # before 09:00: at 09:00
        (uk(2026, 3, 16, 0, 0), uk(2026, 3, 16, 9, 0)),
        (uk(2026, 3, 21, 11, 0), uk(2026, 3, 23, 9, 0)),  # Saturday: Monday
        (uk(2026, 3, 20, 17, 30), uk(2026, 3, 23, 9, 0)),  # Friday evening: Monday
        (uk(2026, 4, 2, 17, 0), uk(2026, 4, 7, 9, 0)),  # Thursday evening before Easter: Tuesday
        (uk(2026, 4, 3, 10, 0), uk(2026, 4, 7, 9, 0)),  # on Good Friday: Tuesday
        (uk(2026, 12, 24, 18, 0), uk(2026, 12, 29, 9, 0)),  # Christmas Eve evening
    ],
)
def test_the_clock_starts_in_working_hours_on_a_working_day(arrived, starts):
    assert WORK.clock_start(arrived) == starts


def test_the_clock_start_is_worked_out_in_uk_time_not_utc():
    # 16:30 UTC in June is 17:30 BST: after hours, so the clock starts the next day at 09:00 BST.
    assert WORK.clock_start(utc(2026, 6, 15, 16, 30)) == utc(2026, 6, 16, 8, 0)
    # 16:30 UTC in January is 16:30 GMT: still the same working day.
    assert WORK.clock_start(utc(2026, 1, 12, 16, 30)) == utc(2026, 1, 12, 16, 30)
    # 07:30 UTC in June is 08:30 BST: the clock starts at 09:00 BST, 08:00 UTC.
    assert WORK.clock_start(utc(2026, 6, 15, 7, 30)) == utc(2026, 6, 15, 8, 0)
    # 23:30 UTC on a Friday in June is already Saturday in the UK: Monday 09:00 BST.
    assert WORK.clock_start(utc(2026, 6, 19, 23, 30)) == utc(2026, 6, 22, 8, 0)


# --- Due dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arrived, days, due",
    [
        (uk(2026, 3, 16, 10, 0), 3, uk(2026, 3, 19, 17, 0)),  # Monday + 3: Thursday
        (uk(2026, 3, 16, 16, 59), 1, uk(2026, 3, 17, 17, 0)),  # starts that day: Tuesday
        (uk(2026, 3, 16, 17, 0), 1, uk(2026, 3, 18, 17, 0)),  # starts Tuesday: Wednesday
        (uk(2026, 3, 16, 8, 0), 1, uk(2026, 3, 17, 17, 0)),  # before 09:00: starts that day
        (uk(2026, 3, 21, 11, 0), 1, uk(2026, 3, 24, 17, 0)),  # Saturday: starts Monday, due Tuesday
        (uk(2026, 3, 16, 10, 0), 0, uk(2026, 3, 16, 17, 0)),  # same day
        (uk(2026, 3, 21, 11, 0), 0, uk(2026, 3, 23, 17, 0)),
        (uk(2026, 4, 2, 10, 0), 1, uk(2026, 4, 7, 17, 0)),  # over Good Friday and Easter Monday
        (uk(2026, 4, 2, 10, 0), 2, uk(2026, 4, 8, 17, 0)),
        (uk(2026, 5, 22, 16, 59), 3, uk(2026, 5, 28, 17, 0)),  # Friday before the Spring bank holiday
        (uk(2026, 5, 22, 17, 30), 3, uk(2026, 5, 29, 17, 0)),  # the same Friday, after 17:00
        (uk(2026, 12, 24, 10, 0), 1, uk(2026, 12, 29, 17, 0)),
        (uk(2026, 12, 24, 10, 0), 4, uk(2027, 1, 4, 17, 0)),
    ],
)
def test_a_request_is_due_at_17_00_on_the_nth_working_day_after_its_clock_starts(arrived, days, due):
    assert WORK.due_at(arrived, days) == due


def test_the_due_time_is_17_00_uk_time_so_an_hour_earlier_in_utc_in_summer():
    winter = WORK.due_at(utc(2026, 1, 12, 10), 1)
    summer = WORK.due_at(utc(2026, 6, 15, 10), 1)
    assert winter.astimezone(UTC) == utc(2026, 1, 13, 17)
    assert summer.astimezone(UTC) == utc(2026, 6, 16, 16)
    assert winter.astimezone(UK).time() == summer.astimezone(UK).time() == time(17, 0)


def test_due_dates_across_the_clock_changes_stay_at_17_00_on_uk_clocks():
    # Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    assert WORK.due_at(uk(2026, 3, 27, 10), 1).astimezone(UTC) == utc(2026, 3, 30, 16)
    assert WORK.due_at(uk(2026, 10, 23, 10), 1).astimezone(UTC) == utc(2026, 10, 26, 17)


def test_a_negative_number_of_days_is_due_the_day_the_clock_starts():
    assert WORK.due_at(uk(2026, 3, 16, 10), -2) == uk(2026, 3, 16, 17)


# --- Working minutes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, minutes",
    [
        (uk(2026, 3, 16, 10, 0), uk(2026, 3, 16, 11, 30), 90),
        (uk(2026, 3, 16, 9, 0), uk(2026, 3, 17, 9, 0), 480),  # one full working day
        (uk(2026, 3, 16, 18, 0), uk(2026, 3, 17, 8, 0), 0),  # overnight
        (uk(2026, 3, 16, 7, 0), uk(2026, 3, 16, 10, 0), 60),  # before hours does not count
        (uk(2026, 3, 20, 16, 0), uk(2026, 3, 23, 10, 0), 120),  # over a weekend
        (uk(2026, 3, 21, 9, 0), uk(2026, 3, 22, 17, 0), 0),  # all weekend
        (uk(2026, 4, 2, 16, 0), uk(2026, 4, 7, 10, 0), 120),  # over Good Friday, weekend, Easter Monday
        (uk(2026, 3, 27, 16, 0), uk(2026, 3, 30, 10, 0), 120),  # over the spring clock change
        (uk(2026, 3, 16, 11, 0), uk(2026, 3, 16, 10, 0), 0),  # the end before the start
        (uk(2026, 3, 16, 10, 0), uk(2026, 3, 16, 10, 0), 0),
        (uk(2026, 12, 24, 9, 0), uk(2026, 12, 29, 10, 0), 540),  # 24th in full, 1 hour on the 29th
    ],
)
def test_working_minutes_count_only_working_hours_on_working_days(start, end, minutes):
    assert WORK.working_minutes_between(start, end) == minutes


def test_working_minutes_are_the_same_whatever_timezone_the_moments_are_given_in():
    start, end = uk(2026, 6, 12, 16, 0), uk(2026, 6, 15, 10, 0)  # a Friday and Monday in BST
    assert WORK.working_minutes_between(start.astimezone(UTC), end.astimezone(UTC)) == 120


@pytest.mark.parametrize(
    "at, minutes, expected",
    [
        (uk(2026, 3, 16, 10, 0), 90, uk(2026, 3, 16, 11, 30)),
        (uk(2026, 3, 16, 16, 0), 60, uk(2026, 3, 16, 17, 0)),  # to the end of the day: stays on its day
        (uk(2026, 3, 16, 16, 0), 61, uk(2026, 3, 17, 9, 1)),
        (uk(2026, 3, 20, 16, 0), 120, uk(2026, 3, 23, 10, 0)),  # over a weekend
        (uk(2026, 3, 21, 11, 0), 30, uk(2026, 3, 23, 9, 30)),  # from a Saturday
        (uk(2026, 3, 16, 7, 0), 30, uk(2026, 3, 16, 9, 30)),  # from before hours
        (uk(2026, 3, 16, 18, 0), 30, uk(2026, 3, 17, 9, 30)),  # from after hours
        (uk(2026, 4, 2, 16, 30), 60, uk(2026, 4, 7, 9, 30)),  # over Easter
        (uk(2026, 3, 16, 9, 0), 480 * 5, uk(2026, 3, 20, 17, 0)),  # a working week
        (uk(2026, 3, 16, 10, 0), 0, uk(2026, 3, 16, 10, 0)),
    ],
)
def test_adding_working_minutes_skips_nights_weekends_and_bank_holidays(at, minutes, expected):
    assert WORK.add_working_minutes(at, minutes) == expected


@pytest.mark.parametrize(
    "at", [uk(2026, 3, 16, 9, 0), uk(2026, 4, 2, 15, 45), uk(2026, 12, 23, 12, 0), uk(2026, 3, 27, 16, 30)]
)
@pytest.mark.parametrize("minutes", [1, 59, 480, 481, 1000, 4000])
def test_adding_working_minutes_then_measuring_them_gives_the_same_number(at, minutes):
    assert WORK.working_minutes_between(at, WORK.add_working_minutes(at, minutes)) == minutes


# --- Other working hours ---------------------------------------------------------------------


def test_a_calendar_with_other_working_hours_uses_them_everywhere():
    early = WorkingCalendar("08:30", "16:30")
    assert early.minutes_per_day == 480
    assert early.clock_start(uk(2026, 3, 16, 8, 0)) == uk(2026, 3, 16, 8, 30)
    assert early.clock_start(uk(2026, 3, 16, 16, 29)) == uk(2026, 3, 16, 16, 29)
    assert early.clock_start(uk(2026, 3, 16, 16, 30)) == uk(2026, 3, 17, 8, 30)
    assert early.due_at(uk(2026, 3, 16, 10, 0), 1) == uk(2026, 3, 17, 16, 30)
    assert early.due_at(uk(2026, 4, 2, 16, 45), 1) == uk(2026, 4, 8, 16, 30)
    assert early.working_minutes_between(uk(2026, 3, 16, 8, 0), uk(2026, 3, 17, 8, 0)) == 480
    assert early.working_minutes_between(uk(2026, 3, 20, 16, 0), uk(2026, 3, 23, 9, 0)) == 60
    assert early.add_working_minutes(uk(2026, 3, 20, 16, 0), 60) == uk(2026, 3, 23, 9, 0)


def test_a_shorter_day_has_fewer_working_minutes():
    assert WorkingCalendar("10:00", "15:00").working_minutes_between(uk(2026, 3, 16, 9), uk(2026, 3, 17, 9)) == 300


@pytest.mark.parametrize("start, end", [("17:00", "09:00"), ("09:00", "09:00")])
def test_a_working_day_that_ends_before_it_starts_is_refused(start, end):
    with pytest.raises(ValueError, match="The working day must end after it starts"):
        WorkingCalendar(start, end)


def test_the_app_calendar_uses_the_configured_working_hours(make_app):
    app = make_app(WORKING_DAY_START="08:00", WORKING_DAY_END="16:00")
    with app.app_context():
        assert calendar().due_at(uk(2026, 3, 16, 10), 1) == uk(2026, 3, 17, 16)
        assert calendar().clock_start(uk(2026, 3, 16, 16, 30)) == uk(2026, 3, 17, 8)


def test_without_an_app_the_calendar_is_nine_to_five():
    assert calendar().due_at(uk(2026, 3, 16, 10), 1) == uk(2026, 3, 17, 17)


def test_clock_today_is_the_uk_date_across_midnight_bst_and_gmt():
    with clock.fixed(utc(2026, 6, 10, 23, 30)):  # 00:30 BST on the 11th
        assert clock.today() == date(2026, 6, 11)
    with clock.fixed(utc(2026, 12, 10, 23, 30)):  # 23:30 GMT: the same day
        assert clock.today() == date(2026, 12, 10)


# --- Counting back from an event --------------------------------------------------------------------


@pytest.mark.parametrize(
    "event, days_before, due_day",
    [
        (date(2026, 12, 15), 2, date(2026, 12, 11)),  # Tuesday: Monday 14, Friday 11
        (date(2026, 12, 29), 1, date(2026, 12, 24)),  # over Christmas Day and Boxing Day (substitute)
        (date(2026, 12, 29), 0, date(2026, 12, 29)),  # by the day itself, a working day
        (date(2026, 4, 6), 0, date(2026, 4, 2)),  # Easter Monday: by the Thursday before Good Friday
        (date(2026, 12, 12), 0, date(2026, 12, 11)),  # a Saturday: by the Friday
        (date(2027, 1, 4), 1, date(2026, 12, 31)),  # over New Year's Day
    ],
)
def test_working_days_before_an_event_skip_weekends_and_bank_holidays(event, days_before, due_day):
    assert WORK.working_days_before(event, days_before) == due_day
    assert WORK.end_of_day(due_day) == datetime.combine(due_day, time(17), UK)
