"""The content gaps in one module: searches that found nothing (from the search log the search
package writes), counted per query within the period, most asked first."""

from datetime import UTC, datetime, timedelta

from app import clock, search
from app.extensions import db
from app.kb import gaps
from tests.factories import make_article, make_user

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_searches_without_results_are_counted_per_query_within_the_period_most_asked_first(app):
    make_article(title="Booking the chamber")
    staff = make_user()
    with app.test_request_context():
        with clock.fixed(NOW - timedelta(days=40)):
            search.search(staff, "parking permits")
        with clock.fixed(NOW - timedelta(days=2)):
            for text in ("Lost badge", "menopause policy", "lost badge", "booking"):
                search.search(staff, text)
            search.search(staff, "fax machine", kinds=["article"])  # a filtered search is not logged
        db.session.commit()

    with clock.fixed(NOW):
        last_30 = gaps.searches_without_results(30)
        last_90 = gaps.searches_without_results(90, limit=2)

    assert [(text, times) for text, times, _ in last_30] == [("lost badge", 2), ("menopause policy", 1)]
    assert [(text, times) for text, times, _ in last_90] == [("lost badge", 2), ("menopause policy", 1)]
    assert last_30[0][2] == NOW - timedelta(days=2)
