"""The dashboard's figures against values worked out by hand from a small fixed dataset (see
tests/dashboard/dataset.py for every request, its clock and its arithmetic): counts, SLA
compliance (a request resolved exactly at its due time counts as within target; a wait over
Easter moves the due time on), nearest-rank medians and 90th percentiles, the backlog by age,
weekly and monthly trends with their empty buckets, each service, demand by month of year,
weekday × hour in UK time, busiest weeks, team and service filters, an empty period, ideas,
knowledge, and the managers' figures per person. The same tests run on SQLite and PostgreSQL."""

from datetime import date, timedelta

import pytest
from sqlalchemy import Integer, cast, literal, select, true

from app import clock
from app.dashboard import aggregates, figures, ideas_and_knowledge, periods, resilience
from app.dashboard.periods import Filters
from app.extensions import db
from app.models import SearchLog, ServiceRequest
from tests.dashboard.dataset import NOW, build, build_ideas
from tests.factories import make_article, make_category, make_service, make_user
from tests.service_requests.helpers import london, raise_request

DAY = 480  # working minutes in a working day (09:00–17:00)


@pytest.fixture
def data(app):
    return build()


def four_weeks(**kwargs) -> Filters:
    # Now is Monday 27 April 2026 12:00 BST; four weeks back is Monday 30 March 12:00 BST.
    return Filters(period="4w", now=NOW, **kwargs)


def nearest_rank(values, fraction):
    """The smallest value with at least `fraction` of the values at or below it."""
    ordered = sorted(values)
    for value in ordered:
        if sum(1 for other in ordered if other <= value) >= fraction * len(ordered):
            return value
    return None


# --- The dataset is what the figures are worked out from ----------------------------------------


def test_the_dataset_went_through_the_real_clock_as_worked_out_by_hand(data):
    r = data.requests
    # R1: due 5pm Wed 8 April (Good Friday and Easter Monday are not working days), resolved then.
    assert r["R1"].due_at == london(2026, 4, 8, 17) == r["R1"].resolved_at
    assert (r["R1"].first_response_minutes, r["R1"].resolution_minutes, r["R1"].resolved_within_sla) == (60, 1890, True)
    # R2: 150 working minutes waiting for the requester move the due time from 5pm Thu 9 April
    # to 11:30 Fri 10 April; resolved at 10:00 that day, 1560 − 150 working minutes after it came in.
    assert (r["R2"].paused_minutes, r["R2"].due_at) == (150, london(2026, 4, 10, 11, 30))
    assert (r["R2"].first_response_minutes, r["R2"].resolution_minutes, r["R2"].resolved_within_sla) == (30, 1410, True)
    # R3: due 5pm Wed 8 April, resolved at noon the day after.
    assert (r["R3"].first_response_minutes, r["R3"].resolution_minutes, r["R3"].resolved_within_sla) == (
        195,
        1320,
        False,
    )
    assert [r[name].rating for name in ("R1", "R2", "R3")] == [5, 4, 1]
    assert {
        name for name, service_request in r.items() if service_request.status in ("submitted", "in_progress", "waiting")
    } == {
        "R4",
        "R5",
        "R6",
        "R8",
        "R9",
    }


# --- Requests: the headline figures ---------------------------------------------------------------


def test_headline_figures_for_the_last_four_weeks(data):
    request_figures = figures.request_figures(four_weeks())
    # Received from Mon 30 March 12:00 BST: R1, R2, R3 (1–2 April), R4 (11th), R5 (20th), R9 (23rd),
    # R8 (24th) = 7. R6 (February) and R7 (2025) are earlier.
    assert request_figures.received == 7
    # Resolved: R1 (on the dot), R2 (after its wait) within target; R3 late. 2 of 3 = 66.7 %.
    assert (request_figures.resolved, request_figures.within_target, request_figures.compliance) == (3, 2, 66.7)
    # First responses in the period: R2 30, R5 45, R1 60, R3 195 (R6's was in February).
    # Median: rank ceil(0.5 × 4) = 2 → 45. 90th percentile: rank ceil(0.9 × 4) = 4 → 195.
    assert (request_figures.first_response_median, request_figures.first_response_p90) == (45, 195)
    # Resolutions: 1320, 1410, 1890. Median: rank ceil(1.5) = 2 → 1410; p90: rank ceil(2.7) = 3 → 1890.
    assert (request_figures.resolution_median, request_figures.resolution_p90) == (1410, 1890)
    # Ratings 5, 4, 1: (5 + 4 + 1) / 3 = 3.33.
    assert (request_figures.ratings, request_figures.average_rating) == (3, 3.33)
    # Deflections on 14 and 15 April; the one on 13 January is before the period.
    assert request_figures.deflections == 2


def test_the_backlog_is_open_requests_now_by_age_whatever_the_period(data):
    # At 12:00 Mon 27 April: R8 (Fri 24th, 2 days 18½ hours) and R9 (Thu 23rd, 3 days 23 hours)
    # under a week; R5 (Mon 20th 08:00, 7 days 4 hours) 1–2 weeks; R4 (Sat 11th, 16 days 2 hours)
    # 2–4 weeks; R6 (10 February) over 4 weeks.
    expected = [("Under a week", 2), ("1 to 2 weeks", 1), ("2 to 4 weeks", 1), ("Over 4 weeks", 1)]
    for period in periods.PERIODS:
        request_figures = figures.request_figures(Filters(period=period, now=NOW))
        assert (request_figures.backlog, request_figures.age_bands) == (5, expected), period


def test_the_median_and_90th_percentile_are_nearest_rank_values_that_occurred(data):
    request_figures = figures.request_figures(four_weeks())
    resolutions = [1890, 1410, 1320]
    responses = [60, 30, 195, 45]
    assert request_figures.resolution_median == nearest_rank(resolutions, 0.5) == 1410
    assert request_figures.resolution_p90 == nearest_rank(resolutions, 0.9) == 1890
    assert request_figures.first_response_median == nearest_rank(responses, 0.5) == 45
    assert request_figures.first_response_p90 == nearest_rank(responses, 0.9) == 195
    # Over every request ever: first responses 10, 30, 30, 45, 60, 195 → rank 3 and rank ceil(5.4) = 6.
    column = ServiceRequest.first_response_minutes
    assert aggregates.percentiles_each(column, (0.5, 0.9), [true()]) == [aggregates.Distribution(6, (30, 195))]
    assert aggregates.percentiles_each(column, (0.5, 0.9), [true()], ServiceRequest.id < 0) == [
        aggregates.Distribution(0, (None, None))
    ]


@pytest.mark.parametrize("count", [4, 10, 30, 70, 99, 1000])
def test_percentiles_are_the_nearest_rank_for_any_count(app, count):
    """The median and 90th percentile of 1..n are the values at ranks ceil(n/2) and ceil(0.9 n),
    alone and by group: PostgreSQL's percentile_disc and SQLite's ordered offsets agree."""
    with app.app_context():
        numbers = select(cast(literal(1), Integer).label("n")).cte("numbers", recursive=True)
        numbers = numbers.union_all(select(numbers.c.n + 1).where(numbers.c.n < count))  # 1, 2, … count
        expected = tuple(nearest_rank(list(range(1, count + 1)), fraction) for fraction in (0.5, 0.9))
        assert expected[1] == -(-count * 9 // 10)
        odd = [n for n in range(1, count + 1) if n % 2]
        # Several conditions at once, a value in more than one (every odd number is in both).
        assert aggregates.percentiles_each(numbers.c.n, (0.5, 0.9), [numbers.c.n > 0, numbers.c.n % 2 == 1]) == [
            aggregates.Distribution(count, expected),
            aggregates.Distribution(len(odd), tuple(nearest_rank(odd, fraction) for fraction in (0.5, 0.9))),
        ]
        assert aggregates.percentiles_by(numbers.c.n % 2, numbers.c.n, 0.9)[1] == nearest_rank(odd, 0.9)


def test_percentiles_by_group_agree_with_the_single_percentile(data):
    """The window-function version must give, group by group, what the filtered ordered query gives."""
    column = ServiceRequest.resolution_minutes
    for fraction in (0.5, 0.9):
        by_service = aggregates.percentiles_by(ServiceRequest.service_id, column, fraction)
        # Minute taking: 1410, 1890 (ranks 1 and 2); Room booking: 300, 1320 (ranks 1 and 2).
        minutes, rooms = aggregates.percentiles_each(
            column,
            (fraction,),
            [ServiceRequest.service_id == data.minutes.id, ServiceRequest.service_id == data.rooms.id],
        )
        assert by_service == {data.minutes.id: minutes.percentiles[0], data.rooms.id: rooms.percentiles[0]}
    assert aggregates.percentiles_by(ServiceRequest.service_id, column, 0.5) == {
        data.minutes.id: 1410,
        data.rooms.id: 300,
    }
    assert aggregates.percentiles_by(ServiceRequest.service_id, column, 0.9) == {
        data.minutes.id: 1890,
        data.rooms.id: 1320,
    }


def test_longer_periods_take_in_earlier_requests(data):
    twelve = figures.request_figures(Filters(period="12m", now=NOW))
    # From 27 April 2025 12:00: R6 (February) too; R7 (15 April 2025) is just before.
    assert (twelve.received, twelve.resolved, twelve.within_target) == (8, 3, 2)
    # First responses 30 (R6), 30, 45, 60, 195: rank 3 → 45; rank ceil(4.5) = 5 → 195.
    assert (twelve.first_response_median, twelve.first_response_p90) == (45, 195)
    assert twelve.deflections == 3
    eighteen = figures.request_figures(Filters(period="18m", now=NOW))
    # From 26 October 2024: R7 as well, resolved within target in 300 minutes.
    assert (eighteen.received, eighteen.resolved, eighteen.within_target, eighteen.compliance) == (9, 4, 3, 75.0)
    # Resolutions 300, 1320, 1410, 1890: rank 2 → 1320; rank ceil(3.6) = 4 → 1890.
    assert (eighteen.resolution_median, eighteen.resolution_p90) == (1320, 1890)
    # First responses 10, 30, 30, 45, 60, 195: rank 3 → 30; rank 6 → 195.
    assert (eighteen.first_response_median, eighteen.first_response_p90) == (30, 195)


# --- Trends -------------------------------------------------------------------------------------


def test_the_four_week_trend_is_weekly_with_its_empty_weeks(data):
    rows = figures.request_figures(four_weeks()).trend
    # From the week of Mon 30 March to the week of Mon 27 April, UK weeks starting on Monday.
    assert [(row.label, row.received, row.resolved, row.within_target, row.compliance) for row in rows] == [
        ("w/c 30 Mar 2026", 3, 0, 0, None),  # R1, R2, R3
        ("w/c 6 Apr 2026", 1, 3, 2, 66.7),  # R4 (Saturday 11th); R1, R3, R2 resolved
        ("w/c 13 Apr 2026", 0, 0, 0, None),
        ("w/c 20 Apr 2026", 3, 0, 0, None),  # R5, R9, R8
        ("w/c 27 Apr 2026", 0, 0, 0, None),
    ]
    assert rows[0].start == date(2026, 3, 30)


def test_the_twelve_month_trend_is_monthly_with_every_month(data):
    rows = figures.trend(Filters(period="12m", now=NOW))
    assert [row.label for row in rows] == [
        "Apr 2025",
        "May 2025",
        "Jun 2025",
        "Jul 2025",
        "Aug 2025",
        "Sep 2025",
        "Oct 2025",
        "Nov 2025",
        "Dec 2025",
        "Jan 2026",
        "Feb 2026",
        "Mar 2026",
        "Apr 2026",
    ]
    counts = {row.label: (row.received, row.resolved, row.within_target) for row in rows}
    assert counts["Feb 2026"] == (1, 0, 0)  # R6
    assert counts["Apr 2026"] == (7, 3, 2)
    # R7 came in on 15 April 2025, before the period began on the 27th: its month shows, empty.
    assert counts["Apr 2025"] == (0, 0, 0)
    assert sum(received for received, _, _ in counts.values()) == 8


def test_thirteen_weeks_is_weekly_and_a_year_is_monthly():
    assert Filters(period="4w", now=NOW).weekly and Filters(period="13w", now=NOW).weekly
    assert not Filters(period="12m", now=NOW).weekly and not Filters(period="18m", now=NOW).weekly


def test_a_request_late_on_a_sunday_in_summer_time_falls_in_that_uk_week(app, data):
    """23:30 BST on Sunday 26 April is 22:30 UTC, still Sunday either way; 00:30 BST on Monday 27
    April is 23:30 UTC on the Sunday: UK time puts it in the week of the 27th."""
    with clock.fixed(london(2026, 4, 27, 0, 30)):
        raise_request(data.minutes, data.rita, subject="Just after midnight")
    rows = figures.trend(four_weeks())
    assert (rows[-1].label, rows[-1].received) == ("w/c 27 Apr 2026", 1)
    assert rows[-2].received == 3
    heatmap = figures.demand(four_weeks()).heatmap
    assert heatmap[0][0] == 1  # Monday, 00:00–01:00 UK time


# --- Each service -------------------------------------------------------------------------------


def test_each_service_against_its_target(data):
    rows = figures.per_service(four_weeks())
    assert [
        (
            row.service.name,
            row.target_days,
            row.received,
            row.resolved,
            row.within_target,
            row.compliance,
            row.median_days,
        )
        for row in rows
    ] == [
        # R1, R2, R5, R8 in; R1 and R2 resolved in time. Median of 1410 and 1890 (rank 1) = 1410
        # working minutes = 1410 / 480 = 2.94 → 2.9 working days.
        ("Minute taking", 3, 4, 2, 2, 100.0, 2.9),
        # R3, R4, R9 in; R3 resolved late: 1320 / 480 = 2.75 → 2.8 working days.
        ("Room booking", 2, 3, 1, 0, 0.0, 2.8),
    ]


def test_each_service_over_eighteen_months(data):
    rows = {row.service.name: row for row in figures.per_service(Filters(period="18m", now=NOW))}
    # Room booking: R7 (300 minutes, in time) and R3 (1320, late): median rank 1 → 300 / 480 = 0.6.
    room = rows["Room booking"]
    assert (room.received, room.resolved, room.within_target, room.compliance, room.median_days) == (4, 2, 1, 50.0, 0.6)
    assert rows["Minute taking"].received == 5


# --- Filters ------------------------------------------------------------------------------------


def test_the_team_filter(data):
    request_figures = figures.request_figures(four_weeks(team_id=data.democratic.id))
    # Democratic Services: R1, R2, R5, R8 received; R1, R2 resolved in time.
    assert (
        request_figures.received,
        request_figures.resolved,
        request_figures.within_target,
        request_figures.compliance,
    ) == (4, 2, 2, 100.0)
    # Open: R8 (under a week), R5 (1–2 weeks), R6 (over 4 weeks).
    assert (request_figures.backlog, request_figures.age_bands) == (
        3,
        [("Under a week", 1), ("1 to 2 weeks", 1), ("2 to 4 weeks", 0), ("Over 4 weeks", 1)],
    )
    # First responses R2 30, R5 45, R1 60: rank 2 → 45, rank 3 → 60. Resolutions 1410, 1890.
    assert (request_figures.first_response_median, request_figures.first_response_p90) == (45, 60)
    assert (request_figures.resolution_median, request_figures.resolution_p90) == (1410, 1890)
    assert (request_figures.ratings, request_figures.average_rating) == (2, 4.5)
    assert request_figures.deflections == 1  # Minute taking, 14 April
    assert [row.received for row in request_figures.trend] == [2, 0, 0, 2, 0]
    assert [row.service.name for row in figures.per_service(four_weeks(team_id=data.democratic.id))] == [
        "Minute taking"
    ]


def test_the_service_filter(data):
    request_figures = figures.request_figures(four_weeks(service_id=data.rooms.id))
    # Room booking: R3, R4, R9 received; R3 resolved late.
    assert (
        request_figures.received,
        request_figures.resolved,
        request_figures.within_target,
        request_figures.compliance,
    ) == (3, 1, 0, 0.0)
    assert (request_figures.backlog, request_figures.age_bands) == (
        2,
        [("Under a week", 1), ("1 to 2 weeks", 0), ("2 to 4 weeks", 1), ("Over 4 weeks", 0)],
    )
    assert (request_figures.first_response_median, request_figures.first_response_p90) == (195, 195)
    assert (request_figures.resolution_median, request_figures.resolution_p90) == (1320, 1320)
    assert (request_figures.ratings, request_figures.average_rating) == (1, 1.0)
    assert request_figures.deflections == 1  # Room booking, 15 April
    assert [row.received for row in request_figures.trend] == [1, 1, 0, 1, 0]
    assert [row.resolved for row in request_figures.trend] == [0, 1, 0, 0, 0]


def test_a_team_and_a_service_of_another_team_find_nothing(data):
    request_figures = figures.request_figures(four_weeks(team_id=data.democratic.id, service_id=data.rooms.id))
    assert (
        request_figures.received,
        request_figures.resolved,
        request_figures.backlog,
        request_figures.deflections,
    ) == (0, 0, 0, 0)


def test_filters_args_leave_out_the_defaults():
    assert Filters(now=NOW).args() == {}
    assert Filters(period="4w", team_id=3, now=NOW).args() == {"period": "4w", "team": 3}
    assert Filters(period="4w", team_id=3, now=NOW).args(team=None, print=1) == {"period": "4w", "print": 1}


# --- An empty period ----------------------------------------------------------------------------


def test_an_empty_period_is_all_zeros_and_nothing_to_show(data):
    # Four weeks to Monday 1 December 2025: R7 was in April 2025, everything else from February 2026.
    quiet = Filters(period="4w", now=london(2025, 12, 1, 12))
    request_figures = figures.request_figures(quiet)
    assert (
        request_figures.received,
        request_figures.resolved,
        request_figures.within_target,
        request_figures.compliance,
    ) == (0, 0, 0, None)
    assert (request_figures.backlog, request_figures.age_bands) == (
        0,
        [("Under a week", 0), ("1 to 2 weeks", 0), ("2 to 4 weeks", 0), ("Over 4 weeks", 0)],
    )
    assert (
        request_figures.first_response_median,
        request_figures.first_response_p90,
        request_figures.resolution_median,
        request_figures.resolution_p90,
    ) == (
        None,
        None,
        None,
        None,
    )
    assert (request_figures.ratings, request_figures.average_rating, request_figures.deflections) == (0, None, 0)
    # 3 November 2025 is the Monday of the week the period starts in.
    assert [(row.label, row.received, row.resolved, row.compliance) for row in request_figures.trend] == [
        ("w/c 3 Nov 2025", 0, 0, None),
        ("w/c 10 Nov 2025", 0, 0, None),
        ("w/c 17 Nov 2025", 0, 0, None),
        ("w/c 24 Nov 2025", 0, 0, None),
        ("w/c 1 Dec 2025", 0, 0, None),
    ]
    assert figures.per_service(quiet) == []
    demand = figures.demand(quiet)
    assert demand.heatmap == [[0] * 24 for _ in range(7)]
    assert demand.busiest_weeks == []


def test_an_empty_database_has_no_figures_and_no_peak(app):
    request_figures = figures.request_figures(four_weeks())
    assert (
        request_figures.received,
        request_figures.backlog,
        request_figures.compliance,
        request_figures.resolution_median,
        request_figures.average_rating,
    ) == (
        0,
        0,
        None,
        None,
        None,
    )
    demand = figures.demand(four_weeks())
    assert (demand.years, demand.by_month, demand.peak, demand.by_service, demand.busiest_weeks) == (
        [],
        {},
        None,
        [],
        [],
    )
    assert figures.per_service(four_weeks()) == []


# --- Demand -------------------------------------------------------------------------------------


def test_demand_by_month_of_the_year_for_each_year(data):
    demand = figures.demand(four_weeks())
    assert demand.years == [2025, 2026]
    # 2025: R7 in April. 2026: R6 in February; R1–R5, R8, R9 in April. Every year, whatever the period.
    # No figure (not nought) before the first request, April 2025, nor after this month, April 2026.
    assert demand.by_month == {
        2025: [None, None, None, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        2026: [0, 1, 0, 7, None, None, None, None, None, None, None, None],
    }


def test_the_weekday_and_hour_heatmap_is_in_uk_time(data):
    heatmap = figures.demand(four_weeks()).heatmap
    monday, tuesday, wednesday, thursday, friday, saturday, sunday = range(7)
    # R1 came in at 09:30 BST, 08:30 UTC, on Wednesday 1 April: the 9 o'clock cell, not 8.
    assert (heatmap[wednesday][9], heatmap[wednesday][8]) == (1, 0)
    expected = {
        (wednesday, 9): 1,  # R1
        (thursday, 16): 1,
        (thursday, 14): 1,
        (thursday, 13): 1,  # R2, R3, R9
        (saturday, 10): 1,  # R4
        (monday, 8): 1,  # R5, 08:00 BST
        (friday, 17): 1,
    }  # R8, 17:30 BST
    assert {
        (day, hour): count for day, row in enumerate(heatmap) for hour, count in enumerate(row) if count
    } == expected
    assert sum(heatmap[tuesday]) == sum(heatmap[sunday]) == 0


def test_the_busiest_weeks_and_the_peak(data):
    demand = figures.demand(four_weeks())
    # Weeks of 30 March (R1–R3) and 20 April (R5, R9, R8) tie at 3: the earlier first; then 6 April (R4).
    assert demand.busiest_weeks == [(date(2026, 3, 30), 3), (date(2026, 4, 20), 3), (date(2026, 4, 6), 1)]
    # Average month over the two years: February 0.5, April (1 + 7) / 2 = 4, others 0; yearly
    # average 4.5 / 12 = 0.375. March–April (0 + 4) / 2 = 2 ties April–May and comes first:
    # (2 − 0.375) / 0.375 = +433 %. Driver: in March–April Facilities has 4 of its 4 (4 − 4 × 2/12
    # = 3.33 above its average) against Democratic Services' 4 of 5 (4 − 5 × 2/12 = 3.17).
    assert demand.peak == "Demand peaks in March–April: 433% above the average month, driven by Facilities."


def test_demand_by_service_month_by_month(data):
    demand = figures.demand(four_weeks())
    # Weekly periods show the last twelve months by month: April 2025 to April 2026.
    assert (demand.months[0], demand.months[-1], len(demand.months)) == (date(2025, 4, 1), date(2026, 4, 1), 13)
    assert [(service.name, counts) for service, counts in demand.by_service] == [
        ("Minute taking", [0] * 10 + [1, 0, 4]),  # R6 in February; R1, R2, R5, R8 in April
        ("Room booking", [1] + [0] * 11 + [3]),  # R7 in April 2025; R3, R4, R9 in April 2026
    ]


def test_demand_filtered_by_team(data):
    demand = figures.demand(four_weeks(team_id=data.democratic.id))
    # Democratic Services' first request came in February 2026: no figure for January.
    assert demand.by_month == {2026: [None, 1, 0, 4] + [None] * 8}
    assert sum(map(sum, demand.heatmap)) == 4
    assert demand.busiest_weeks == [(date(2026, 3, 30), 2), (date(2026, 4, 20), 2)]
    assert [service.name for service, _ in demand.by_service] == ["Minute taking"]


def test_steady_demand_has_no_peak(app):
    service = make_service(name="Post")
    requester = make_user()
    for month in range(1, 13):
        with clock.fixed(london(2025, month, 10, 10)):
            raise_request(service, requester)
    assert (
        figures.demand(Filters(period="12m", now=london(2025, 12, 20))).peak
        == "Demand is steady through the year: no two months stand out."
    )


# --- Managers' view -----------------------------------------------------------------------------


def test_figures_per_person_for_a_team(data):
    rows = figures.per_agent(data.democratic, four_weeks())
    assert [
        (
            row.person.name if row.person else None,
            row.open,
            row.resolved,
            row.within_target,
            row.compliance,
            row.median_days,
        )
        for row in rows
    ] == [
        ("Alex Agent", 1, 1, 1, 100.0, 3.9),  # R5 open; R1 resolved on the dot, 1890 / 480 = 3.94
        ("Bo Agent", 1, 1, 1, 100.0, 2.9),  # R6 open; R2 resolved in time, 1410 / 480 = 2.94
        (None, 1, 0, 0, None, None),  # R8, with nobody
    ]
    rows = figures.per_agent(data.facilities, four_weeks())
    assert [
        (
            row.person.name if row.person else None,
            row.open,
            row.resolved,
            row.within_target,
            row.compliance,
            row.median_days,
        )
        for row in rows
    ] == [
        ("Cy Agent", 1, 1, 0, 0.0, 2.8),  # R4 open; R3 resolved late, 1320 / 480 = 2.75
        (None, 1, 0, 0, None, None),  # R9
    ]


def test_figures_per_person_in_an_empty_period_keep_the_open_work(data):
    rows = figures.per_agent(data.democratic, Filters(period="4w", now=london(2025, 12, 1, 12)))
    # Nothing resolved then; the open counts are now (whatever the period).
    assert [(row.person.name if row.person else None, row.open, row.resolved) for row in rows] == [
        ("Alex Agent", 1, 0),
        ("Bo Agent", 1, 0),
        (None, 1, 0),
    ]


# --- Ideas --------------------------------------------------------------------------------------


def test_ideas_figures(data):
    build_ideas(data)
    ideas_figures = ideas_and_knowledge.ideas_figures(four_weeks())
    # Posted in the period: I1 (now planned), I2 (not taken forward), I3 (new), I4 (duplicate).
    assert ideas_figures.funnel == {"planned": 1, "not_taken_forward": 1, "new": 1, "duplicate": 1}
    assert ideas_figures.areas[0] == ("Democratic Services", 2)
    assert sorted(ideas_figures.areas[1:]) == [("Council-wide", 1), ("Facilities", 1)]
    # Decisions in the period: I4 after 1.0 day, I2 after 2.5, I1 after 5.0: median rank 2 → 2.5.
    assert (ideas_figures.decisions, ideas_figures.median_days_to_decision) == (3, 2.5)
    assert ideas_figures.benefits.total == (1, 4.0, 1200)
    year = ideas_and_knowledge.ideas_figures(Filters(period="12m", now=NOW))
    # I5 too: implemented; decided (planned) after 2.0 days. 1.0, 2.0, 2.5, 5.0: rank 2 → 2.0.
    assert year.funnel == {"planned": 1, "not_taken_forward": 1, "new": 1, "duplicate": 1, "implemented": 1}
    assert (year.decisions, year.median_days_to_decision) == (4, 2.0)


def test_ideas_figures_with_no_ideas(app):
    ideas_figures = ideas_and_knowledge.ideas_figures(four_weeks())
    assert (
        ideas_figures.funnel,
        ideas_figures.areas,
        ideas_figures.decisions,
        ideas_figures.median_days_to_decision,
    ) == ({}, [], 0, None)
    assert ideas_figures.benefits.total == (0, 0.0, 0)


# --- Knowledge ----------------------------------------------------------------------------------


def test_knowledge_figures(app):
    with clock.fixed(NOW):
        owner = make_user(roles=["editor"], name="Olive Owner")
        guides = make_category("Guides")
        make_category("Nothing here yet")
        read = make_article(title="Often read", category=guides, author=owner)
        rarely = make_article(title="Rarely read", category=guides, author=owner)
        overdue = make_article(title="Out of date", category=guides, author=owner, review_by=date(2026, 4, 1))
        make_article(title="A draft", category=guides, author=owner, status="draft")
        read.view_count, rarely.view_count, overdue.view_count = 30, 2, 10
        for query, results, searcher in (
            ("parking permit", 0, "a"),
            ("parking permit", 0, "b"),
            ("parking permit", 0, "c"),
            ("parking permit", 0, "c"),
            ("mileage", 0, "a"),
            ("mileage", 0, "b"),
            ("mileage", 0, "c"),
            ("mileage", 0, "c"),  # the same person again
            ("car park", 0, "a"),  # two people: not yet a listed gap
            ("car park", 0, "b"),
            ("minutes", 3, "a"),
            ("minutes", 3, "b"),
            ("minutes", 3, "c"),
        ):
            db.session.add(
                SearchLog(query=query, results=results, searcher=searcher, searched_at=NOW - timedelta(days=3))
            )
        db.session.add(SearchLog(query="long ago", results=0, searcher="a", searched_at=NOW - timedelta(days=60)))
        db.session.commit()
        knowledge_figures = ideas_and_knowledge.knowledge_figures(owner, four_weeks())
    assert [article.title for article in knowledge_figures.most_read] == ["Often read", "Out of date", "Rarely read"]
    assert [article.title for article in knowledge_figures.overdue] == ["Out of date"]
    # Searches that found nothing in the last 28 days, most asked first.
    assert [(query, times) for query, times, _ in knowledge_figures.no_results] == [
        ("mileage", 4),
        ("parking permit", 4),
    ]
    # Guides depend on one person; the empty category has no guidance at all (the Resilience tab).
    assert [(row.category.name, row.risk) for row in resilience.categories() if row.risk] == [
        ("Guides", "One person"),
        ("Nothing here yet", "No articles"),
    ]
