"""The monthly performance pack against the hand-computed dataset (tests/dashboard/dataset.py):
April 2026 against March 2026 and April 2025, with its summary in words at the front."""

from datetime import date

from app import clock
from app.dashboard import pack, periods
from tests.conftest import page_text
from tests.dashboard.dataset import build
from tests.factories import make_user, signed_in_client
from tests.service_requests.helpers import london

AFTER_APRIL = london(2026, 5, 5, 9)


def test_a_calendar_month_compares_with_the_month_before_and_a_year_earlier():
    april = periods.Filters.calendar_month(date(2026, 4, 1))
    assert (april.start, april.now) == (london(2026, 4, 1, 0), london(2026, 5, 1, 0))
    assert (april.previous().start, april.previous().now) == (london(2026, 3, 1, 0), london(2026, 4, 1, 0))
    assert (april.year_earlier().start, april.year_earlier().now) == (london(2025, 4, 1, 0), london(2025, 5, 1, 0))
    # January's month before is December of the year before.
    january = periods.Filters.calendar_month(date(2027, 1, 1))
    assert january.previous().month == date(2026, 12, 1)


def test_the_pack_for_april_says_in_words_whether_each_target_was_met(app):
    build()
    with clock.fixed(AFTER_APRIL):
        assert pack.last_complete_month() == date(2026, 4, 1)
        april = pack.build(pack.last_complete_month())
    # April 2026: R1–R5, R8, R9 received (7); April 2025: R7 alone. R1, R2 (in time) and R3 (late)
    # resolved: 66.7% against 90%; a year earlier R7 in time (100%). Ratings 5, 4, 1: 3.33 against 4.
    # Minute taking had R1, R2, R5, R8. In the 90 days to 1 May only Cy resolved Room booking's.
    assert april.summary == [
        "7 requests came in during April 2026, up 600% on April 2025.",
        "66.7% were resolved within their service’s target against a target of 90%: target missed "
        "(down 33.3 points on a year earlier).",
        "Satisfaction averaged 3.33 out of 5 against a target of 4: target missed.",
        "Minute taking was the busiest service (4 requests).",
        "1 service depends on a single agent: Room booking.",
    ]


def test_the_pack_page_prints_every_section_for_the_month_chosen(app):
    build()
    with clock.fixed(AFTER_APRIL):
        browser = signed_in_client(app, make_user())
        text = page_text(browser.get("/dashboard/pack?print=1"))
        assert "Business Support performance: April 2026" in text
        assert "7 requests came in during April 2026" in text
        for heading in ("Requests by week", "Each service against its target", "Ideas", "Resilience"):
            assert heading in text
        assert "Show pack" not in text  # the printed pack has no form
        march = page_text(browser.get("/dashboard/pack?month=2026-03"))
        assert (
            "Business Support performance: March 2026" in march
            and "0 requests came in during March 2026; there is no figure for March 2025" in march
        )
        # A month not over yet, or nonsense, gives the last whole month rather than an error.
        for month in ("2026-05", "2026-13", "soon", "99999-1"):
            response = browser.get(f"/dashboard/pack?month={month}")
            assert response.status_code == 200 and "performance: April 2026" in page_text(response), month
