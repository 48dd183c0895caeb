"""The content gaps in one module: searches that found nothing (from the search log the search
package writes), counted per query within the period, most asked first; and what staff typed kept
private: a phrase is listed only once three different people used it, names, email addresses and
phone numbers masked, on the pages and in the CSVs, for editors and managers only."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from app import clock, search
from app.extensions import db
from app.kb import gaps
from app.models import AskedQuestion
from tests.conftest import page_text
from tests.factories import make_article, make_user, signed_in_client

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
HARASSMENT = "how do I report my manager Tom Okafor for harassment"


def test_searches_without_results_are_counted_per_query_within_the_period_most_asked_first(app):
    make_article(title="Booking the chamber")
    people = [make_user() for _ in range(3)]
    with app.test_request_context():
        with clock.fixed(NOW - timedelta(days=40)):
            for person in people:
                search.search(person, "parking permits")
        with clock.fixed(NOW - timedelta(days=2)):
            for person in people:
                for text in ("Lost badge", "menopause policy", "lost badge", "booking"):
                    search.search(person, text)
                search.search(person, "fax machine", kinds=["article"])  # a filtered search is not logged
        db.session.commit()

    with clock.fixed(NOW):
        last_30 = gaps.searches_without_results(30)
        last_90 = gaps.searches_without_results(90, limit=2)

    assert [(text, times) for text, times, _ in last_30] == [("lost badge", 6), ("menopause policy", 3)]
    assert [(text, times) for text, times, _ in last_90] == [("lost badge", 6), ("menopause policy", 3)]
    assert last_30[0][2] == NOW - timedelta(days=2)


# --- Private until common, and nobody named -------------------------------------------------------


def _search_as(app, people, text):
    with app.test_request_context():
        for person in people:
            search.search(person, text)
        db.session.commit()


def _ask_unanswered(people, topic):
    for person in people:
        db.session.add(AskedQuestion(user_id=person.id, question=topic, topic=topic, answered=False))
    db.session.commit()


def test_a_phrase_is_listed_only_once_three_different_people_have_used_it(app):
    make_article(title="Booking the chamber")  # an empty index logs nothing
    alone, second, third = make_user(), make_user(), make_user()
    for _ in range(5):  # one person, however often
        _search_as(app, [alone], "grievance about my team leader")
        _ask_unanswered([alone], "grievance team leader")
    _search_as(app, [alone, second], "lost badge")
    _ask_unanswered([alone, second], "lost badge")
    assert gaps.searches_without_results(30) == [] and gaps.unanswered_topics(30) == []

    _search_as(app, [third], "lost badge")
    _ask_unanswered([third], "lost badge")

    assert [(text, times) for text, times, _ in gaps.searches_without_results(30)] == [("lost badge", 3)]
    assert [(text, times) for text, times, _ in gaps.unanswered_topics(30)] == [("lost badge", 3)]


def test_names_of_people_in_staffroom_email_addresses_and_phone_numbers_are_masked(app):
    make_user(name="Tom Okafor")
    assert gaps.private_masked(HARASSMENT.lower()) == "how do i report my manager [name] for harassment"
    assert gaps.private_masked("is okafor on leave") == "is [name] on leave"
    assert gaps.private_masked("email tom.okafor@council.gov.uk about pay") == "email [email] about pay"
    assert gaps.private_masked("call 07700 900123 or +44 (0)1632 960001") == "call [phone] or [phone]"
    assert gaps.private_masked("form 27b and room 101 in 2026") == "form 27b and room 101 in 2026"


@pytest.fixture
def gap_everyone_made(app):
    """The harassment question, searched and asked by three people (so listed), masked."""
    make_article(title="Booking the chamber")
    make_user(name="Tom Okafor")
    people = [make_user() for _ in range(3)]
    _search_as(app, people, HARASSMENT)
    _ask_unanswered(people, "report manager tom okafor harassment")


@pytest.mark.parametrize("roles", [["editor"], ["manager"], ["admin"]])
def test_editors_and_managers_see_the_gaps_masked_on_the_page_and_in_the_csvs(app, gap_everyone_made, roles):
    client = signed_in_client(app, make_user(roles=roles))

    page = page_text(client.get("/dashboard/knowledge"))
    searches = client.get("/dashboard/no-results.csv")
    unanswered = client.get("/dashboard/unanswered.csv")

    assert "how do i report my manager [name] for harassment 3" in page
    assert "report manager [name] harassment 3" in page
    assert "okafor" not in page.lower()
    assert searches.status_code == unanswered.status_code == 200
    assert [row[:2] for row in csv.reader(io.StringIO(searches.get_data(as_text=True)))][1:] == [
        ["how do i report my manager [name] for harassment", "3"]
    ]
    assert [row[:2] for row in csv.reader(io.StringIO(unanswered.get_data(as_text=True)))][1:] == [
        ["report manager [name] harassment", "3"]
    ]


@pytest.mark.parametrize("roles", [[], ["agent"]])
def test_other_staff_see_no_gaps_and_cannot_download_them(app, gap_everyone_made, roles):
    client = signed_in_client(app, make_user(roles=roles))

    page = page_text(client.get("/dashboard/knowledge"))

    assert "harassment" not in page and "Top searches that found nothing" not in page
    assert "Unanswered topics" not in page
    assert client.get("/dashboard/no-results.csv").status_code == 404
    assert client.get("/dashboard/unanswered.csv").status_code == 404
    assert client.get("/dashboard/most-read.csv").status_code == 200  # the rest of the dashboard stays open
