"""The service-wide targets: set by administrators (as typed, with clear messages for bad input),
a figure's status against them (met, close, missed at the stated thresholds), and the headline
figures compared with the period before and a year earlier, across a year boundary."""

from datetime import timedelta

import pytest

from app import clock
from app.dashboard import figures, formats, targets
from app.dashboard.periods import Filters
from app.extensions import db
from app.formatting import number, percent
from app.models import AuditEvent, PerformanceTargets
from app.validation import FieldError
from tests.conftest import page_text
from tests.dashboard.dataset import NOW, build
from tests.factories import make_service, make_user, signed_in_client
from tests.service_requests.helpers import london, raise_request


def test_the_defaults_stand_until_an_administrator_sets_targets(app):
    goals = targets.current()
    assert (goals.within_target_percent, goals.satisfaction, goals.set_at) == (90.0, 4.0, None)


def test_an_administrator_sets_targets_as_typed_and_it_is_audited(app):
    admin = make_user(name="Ada Admin", roles=("admin",))
    with clock.fixed(NOW):
        targets.set_targets(admin, within_target_percent="92.5%", satisfaction=" 4.2 ")
    goals = targets.current()
    assert (goals.within_target_percent, goals.satisfaction, goals.set_by, goals.set_at) == (
        92.5,
        4.2,
        "Ada Admin",
        NOW,
    )
    assert db.session.query(AuditEvent).filter_by(action="performance_targets_set").count() == 1
    targets.set_targets(admin, within_target_percent="95", satisfaction="4.5")  # the one row, changed
    assert db.session.query(PerformanceTargets).count() == 1 and targets.current().within_target_percent == 95.0


@pytest.mark.parametrize(
    "percent, rating, field",
    [
        ("ninety", "4", "within_target_percent"),
        ("0", "4", "within_target_percent"),
        ("100.5", "4", "within_target_percent"),
        ("92.55", "4", "within_target_percent"),
        ("NaN", "4", "within_target_percent"),
        ("90", "5.5", "satisfaction"),
        ("90", "-1", "satisfaction"),
        ("90", "4.125", "satisfaction"),
    ],
)
def test_targets_out_of_range_are_refused_on_their_field(app, percent, rating, field):
    admin = make_user(roles=("admin",))
    with pytest.raises(FieldError) as refused:
        targets.set_targets(admin, within_target_percent=percent, satisfaction=rating)
    assert refused.value.field == field


def test_status_is_met_at_the_target_close_within_the_threshold_and_missed_beyond(app):
    assert targets.status(90.0, 90.0, targets.CLOSE_POINTS) == targets.Status.MET
    assert targets.status(85.1, 90.0, targets.CLOSE_POINTS) == targets.Status.CLOSE
    assert targets.status(85.0, 90.0, targets.CLOSE_POINTS) == targets.Status.MISSED
    assert targets.status(3.8, 4.0, targets.CLOSE_RATING) == targets.Status.CLOSE
    assert targets.status(None, 90.0, targets.CLOSE_POINTS) is None


def test_formats_are_the_same_everywhere(app):
    assert [formats.percent(91.1), formats.percent(60.0), formats.percent(None)] == ["91.1%", "60%", "–"]
    assert [formats.count(1234), formats.count(None), formats.count(2.94), formats.count(12.04)] == [
        "1,234",
        "No data",
        "2.9",
        "12",  # never "12.0"
    ]
    assert [number(1234567), number(12.0), number(0.25, 2), percent(91.1)] == ["1,234,567", "12", "0.25", "91.1%"]
    assert formats.change(12.0, "count") == "+12%"
    assert formats.change(-1.5, "percent") == "\u22121.5 points"
    assert formats.change(0.25, "rating") == "+0.25 points"
    assert formats.change(0.0, "rating") == "no change"
    assert [formats.in_words(12.0, "count"), formats.in_words(-1.5, "percent")] == ["up 12%", "down 1.5 points"]


def test_the_headline_figures_compare_with_the_previous_period_and_a_year_earlier(app):
    data = build()
    rows = {row.measure.key: row for row in targets.compare(Filters(period="4w", now=NOW), targets.current())}
    # This period (30 March to 27 April 2026): 7 received, 3 resolved, 2 within target, ratings 5, 4, 1.
    # The four weeks before: nothing. A year earlier (30 March to 27 April 2025): R7 alone, and the
    # data begins with R7 on 15 April 2025, so a year earlier is a part period: no change figure.
    received = rows["received"]
    assert (received.current, received.previous, received.year_earlier) == (7, 0, 1)
    assert (received.previous_part, received.year_part) == (False, True)
    assert (received.change_previous, received.change_year, received.direction) == (None, None, "Up")
    compliance = rows["compliance"]
    assert (compliance.current, compliance.year_earlier, compliance.change_year) == (66.7, 100.0, None)
    assert (compliance.target, compliance.status) == (90.0, targets.Status.MISSED)
    satisfaction = rows["average_rating"]
    assert (satisfaction.current, satisfaction.target, satisfaction.status) == (3.33, 4.0, targets.Status.MISSED)
    assert data.minutes.name == "Minute taking"


def test_a_comparison_across_the_year_boundary(app):
    """Four weeks to Monday 11 January 2027 against four weeks to 11 January 2026: the weeks of
    both straddle new year; the previous period is the four weeks to 14 December 2026."""
    service = make_service(name="Post")
    requester = make_user()
    # The data begins before all three periods (else the earliest would be a part period).
    for moment in (london(2025, 11, 3, 10), london(2025, 12, 29, 10), london(2026, 1, 5, 10)):  # a year earlier: 2
        with clock.fixed(moment):
            raise_request(service, requester)
    for moment in (london(2026, 12, 1, 10),):  # the previous period: 1
        with clock.fixed(moment):
            raise_request(service, requester)
    for moment in (london(2026, 12, 21, 10), london(2026, 12, 30, 10), london(2027, 1, 4, 10)):  # this period: 3
        with clock.fixed(moment):
            raise_request(service, requester)
    now = london(2027, 1, 11, 12)
    filters = Filters(period="4w", now=now)
    assert filters.year_earlier().now == london(2026, 1, 11, 12)
    assert filters.previous().now == now - timedelta(weeks=4)
    received = targets.compare(filters, targets.current())[0]
    assert (received.current, received.previous, received.year_earlier) == (3, 1, 2)
    assert (received.change_previous, received.change_year) == (200.0, 50.0)
    # The weekly trend beside the same weeks a year earlier, matched from the latest back: w/c 14
    # Dec 2026 (part) ... w/c 11 Jan 2027 (part, today) against w/c 8 Dec 2025 ... w/c 5 Jan 2026.
    rows = figures.trend(filters)
    assert [(row.start.isoformat(), row.received, bool(row.part)) for row in rows] == [
        ("2026-12-14", 0, True),
        ("2026-12-21", 1, False),
        ("2026-12-28", 1, False),
        ("2027-01-04", 1, False),
        ("2027-01-11", 0, True),
    ]
    assert [row.earlier.start.isoformat() if row.earlier else None for row in rows] == [
        "2025-12-08",
        "2025-12-15",
        "2025-12-22",
        "2025-12-29",
        "2026-01-05",
    ]
    # 29 December 2025 and 5 January 2026 a year earlier. Part weeks get no change figure, nor
    # does a week after one with none (no percentage of nought).
    assert [row.earlier.received if row.earlier else None for row in rows] == [0, 0, 0, 1, 1]
    assert [row.change for row in rows] == [None, None, None, 0.0, None]
    # The period before (16 November to 14 December 2026), matched from the latest back: w/c 16
    # Nov (part), 23 Nov, 30 Nov (the request of 1 December), 7 Dec, 14 Dec (part).
    assert [row.previous.start.isoformat() if row.previous else None for row in rows] == [
        "2026-11-16",
        "2026-11-23",
        "2026-11-30",
        "2026-12-07",
        "2026-12-14",
    ]
    assert [row.previous.received if row.previous else None for row in rows] == [0, 0, 1, 0, 0]
    assert [row.change_previous for row in rows] == [None, None, 0.0, None, None]


def test_a_year_earlier_before_the_data_begins_has_no_figures(app):
    """Nothing but the period itself: the period before and a year earlier are before the first
    request, so they have no figures (not noughts) and no change."""
    service = make_service(name="Post")
    with clock.fixed(london(2027, 1, 4, 10)):
        raise_request(service, make_user())
    filters = Filters(period="4w", now=london(2027, 1, 11, 12))
    received = targets.compare(filters, targets.current())[0]
    assert (received.current, received.previous, received.year_earlier) == (1, None, None)
    assert (received.change_previous, received.change_year) == (None, None)
    rows = figures.per_service(filters)
    assert [(row.service.name, formats.comparison_cells(row.received_compared)) for row in rows] == [
        ("Post", ["No data", "–", "No data", "–"])
    ]


def test_admins_set_targets_on_a_form_and_the_dashboard_measures_against_them(app):
    admin = make_user(roles=("admin",))
    with clock.fixed(NOW):
        build()
        browser = signed_in_client(app, admin)
        refused = browser.post("/dashboard/targets", data={"within_target_percent": "120", "satisfaction": "4"})
        assert refused.status_code == 422
        text = page_text(refused)
        assert "Enter a percentage between 0 and 100" in text and 'value="120"' in refused.get_data(as_text=True)
        saved = browser.post("/dashboard/targets", data={"within_target_percent": "66", "satisfaction": "3.2"})
        assert saved.status_code == 303
        text = page_text(browser.get("/dashboard?period=4w"))
    assert "Resolved within target 66.7% – – 100% (part period) – 66% Met" in text
    assert "Satisfaction (out of 5) 3.33 – – – – 3.2 Met" in text
    assert "Targets set by" in text and "on 27 April 2026" in text
