"""Search while the index is behind the database (another host's follow worker a moment behind, or
the writer busy, as here: the test holds it): an object changed since the index applied it is
checked against the database, so the facets, the count, the spelling corrections and "Did you
mean" never come from something the person may not see now, and a result's snippet is its text
now. An editor, who may see drafts, still gets a draft's words. On both databases."""

import re

import pytest

from app import search as search_index
from app.extensions import db
from app.models import Audience, Team
from app.search import indexing, storage
from tests.factories import make_article, make_category, make_service, make_team, make_user, signed_in_client
from tests.search.helpers import did_you_mean, result_blocks, save, search, titles, words


@pytest.fixture
def index_behind(app):
    """Call it to hold the index's writer from then on: changes wait in the outbox, unapplied."""
    held = []

    def hold():
        indexing.apply_pending()  # everything so far applied
        assert indexing.pending_count() == 0
        held.append(storage.open_index(storage.current_dir()).writer())

    yield hold
    for writer in held:
        writer.cancel()


def facets(response) -> dict[str, int]:
    """Every "Name (count)" of the filters, as shown."""
    lists = re.findall(r'<ul class="govuk-list sr-facets">(.*?)</ul>', response.get_data(as_text=True), re.S)
    return {
        words(name): int(count)
        for name, count in re.findall(r'>([^<>]*?) <span class="sr-meta">\((\d+)\)</span>', "".join(lists))
    }


def total(response) -> int:
    return int(re.search(r"<strong>(\d+)</strong> results? for", response.get_data(as_text=True)).group(1))


@pytest.fixture
def articles(app, editor):
    rooms, secret = make_category("Rooms"), make_category("Restructure")
    make_article(title="Booking the council chamber", category=rooms, tags="rooms", body="Book the chamber.")
    return make_article(
        title="Booking after the quinquennial review",
        category=secret,
        tags="confidential",
        body="Booking rooms after the quinquennial review.",
    )


def test_an_article_made_draft_that_the_index_has_not_applied_is_left_out_of_facets_and_did_you_mean(
    app, editor, staff_client, editor_client, articles, index_behind
):
    assert did_you_mean(search(staff_client, "quinquenial booking")) == "quinquennial booking"
    index_behind()

    save(articles, editor, status="draft")
    assert indexing.pending_keys() == {("article", articles.id)}  # the index has not applied this: it says published

    response = search(staff_client, "booking")
    assert titles(response) == ["Booking the council chamber"]
    assert total(response) == 1
    shown = facets(response)
    assert shown["Knowledge article"] == 1 and shown["Rooms"] == 1
    assert "Restructure" not in shown and "confidential" not in shown
    # The draft's word is neither offered nor taken as a word documents have.
    assert did_you_mean(search(staff_client, "quinquenial booking")) is None
    assert titles(search(staff_client, "quinquennial")) == []
    assert titles(search(staff_client, "quinquenial")) == []

    # An editor may see drafts: the draft is found, counted, and its word offered.
    response = search(editor_client, "booking")
    assert sorted(titles(response)) == ["Booking after the quinquennial review", "Booking the council chamber"]
    assert facets(response)["Restructure"] == 1 and total(response) == 2
    assert did_you_mean(search(editor_client, "quinquenial booking")) == "quinquennial booking"


def test_a_service_made_team_only_that_the_index_has_not_applied_is_not_counted_for_others(
    app, staff_client, index_behind
):
    post_room = make_team("Post room")
    make_service(name="Scanning the post", category="Post", summary="Letters scanned on arrival")
    hidden = make_service(name="Franking the post", category="Franking", summary="Franking outgoing letters")
    member = signed_in_client(app, make_user(name="Pat Post", team=post_room))
    index_behind()

    hidden.audience = Audience.TEAMS
    hidden.requesting_teams = [db.session.get(Team, post_room.id)]
    db.session.commit()
    assert indexing.pending_keys() == {("service", hidden.id)}

    response = search(staff_client, "post letters")
    assert titles(response) == ["Scanning the post"]
    shown = facets(response)
    assert total(response) == shown["Service"] == 1 == len(result_blocks(response))
    assert "Franking" not in shown
    assert did_you_mean(search(staff_client, "frankin post")) is None

    # The team it is for still finds it, counted.
    response = search(member, "post letters")
    assert sorted(titles(response)) == ["Franking the post", "Scanning the post"]
    assert total(response) == facets(response)["Service"] == 2


def test_a_result_changed_since_the_index_applied_it_shows_its_text_now(
    app, editor, staff_client, articles, index_behind
):
    index_behind()
    save(articles, editor, body="Booking rooms after the review: ask the zanzibar desk.")
    save(articles, editor, body="Booking rooms after the review: ask democratic services.")

    response = search(staff_client, "booking rooms")
    [changed] = [block for block in result_blocks(response) if "quinquennial" in block.lower()]
    assert "democratic services" in words(changed)
    assert "quinquennial review" not in words(changed).lower().split(":")[-1]
    assert "zanzibar" not in response.get_data(as_text=True)


def test_ask_staffroom_never_answers_from_an_article_made_draft_the_index_has_not_applied(
    app, editor, articles, index_behind
):
    """Ask Staffroom answers from published articles only, even for an editor who may see drafts."""

    def answers() -> list[str]:
        with app.test_request_context():
            found = search_index.retrieve(editor, [("quinquennial review booking", 1.0)])
        return [candidate.result.object.title for candidate in found.candidates]

    assert "Booking after the quinquennial review" in answers()
    index_behind()
    save(articles, editor, status="draft")
    assert "Booking after the quinquennial review" not in answers()
