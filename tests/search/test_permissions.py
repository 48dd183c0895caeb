"""Who finds what: drafts only for editors — in results, suggestions, similar(), facet counts and
"Did you mean" — archived articles for everyone, marked; and the database has the last word."""

import pytest
from sqlalchemy import delete

from app import search as search_index
from app.extensions import db
from app.models import Article
from tests.factories import make_article, make_category
from tests.search.helpers import (
    did_you_mean,
    edit_form,
    result_blocks,
    save,
    search,
    suggestion_options,
    titles,
    titles_found,
    words,
)


@pytest.fixture
def rooms_and_a_draft(app):
    rooms, secret = make_category("Rooms"), make_category("Restructure")
    make_article(
        title="Booking the council chamber",
        category=rooms,
        tags="rooms",
        body="Book the chamber through democratic services.",
    )
    make_article(
        title="Booking rooms after the restructure",
        category=secret,
        tags="confidential",
        status="draft",
        body="Quinquennial review of booking: the zanzibar proposal.",
    )


# --- Drafts --------------------------------------------------------------------------------------


def test_staff_never_find_a_draft_in_results(staff_client, rooms_and_a_draft):
    assert titles_found(staff_client, "booking") == ["Booking the council chamber"]
    assert titles_found(staff_client, "restructure") == []
    assert titles_found(staff_client, "zanzibar proposal") == []
    assert titles_found(staff_client, '"zanzibar proposal"') == []


def test_staff_never_find_a_draft_through_close_spellings(staff_client, rooms_and_a_draft):
    assert titles_found(staff_client, "zanzibor") == []
    assert titles_found(staff_client, "restructur") == []


def test_staff_never_find_a_draft_by_filtering_to_its_category_or_tag(staff_client, rooms_and_a_draft):
    assert titles_found(staff_client, "booking", category="Restructure") == []
    assert titles_found(staff_client, "booking", tag="confidential") == []


def test_staff_never_see_a_draft_in_suggestions(staff_client, rooms_and_a_draft):
    assert suggestion_options(staff_client.hx("GET", "/search/suggest?q=boo"))[:-1] == [
        "Booking the council chamber Knowledge article"
    ]
    assert suggestion_options(staff_client.hx("GET", "/search/suggest?q=zanz")) == [
        "No quick matches. Search for “zanz”"
    ]


def test_drafts_are_not_counted_in_the_facets_staff_see(staff_client, rooms_and_a_draft):
    response = search(staff_client, "booking")
    text = words(response.get_data(as_text=True))

    assert "<strong>1</strong> result " in response.get_data(as_text=True)
    assert "Knowledge article (1)" in text
    assert "Rooms (1)" in text and "Restructure" not in text
    assert "confidential" not in text


def test_staff_are_never_offered_a_word_only_a_draft_contains(staff_client, editor_client, rooms_and_a_draft):
    # The editor is offered it: the word is in the index, only not for staff.
    assert did_you_mean(search(editor_client, "quinquenial")) == "quinquennial"
    assert did_you_mean(search(staff_client, "quinquenial")) is None
    assert did_you_mean(search(staff_client, "zanzibor")) is None


def test_a_word_of_an_article_made_draft_is_no_longer_offered_to_staff(staff_client, editor, app):
    article = make_article(title="Quinquennial review", body="The quinquennial review of services.")
    assert did_you_mean(search(staff_client, "quinquenial")) == "quinquennial"

    save(article, editor, status="draft")

    assert titles_found(staff_client, "quinquennial") == []
    assert did_you_mean(search(staff_client, "quinquenial")) is None


def test_staff_never_get_a_draft_from_similar(app, staff, editor, rooms_and_a_draft):
    with app.test_request_context():
        for_staff = [r.object.title for r in search_index.similar(staff, "booking rooms restructure zanzibar")]
        for_editor = [r.object.title for r in search_index.similar(editor, "booking rooms restructure zanzibar")]

    assert for_staff == ["Booking the council chamber"]
    assert for_editor[0] == "Booking rooms after the restructure"


def test_editors_find_drafts_marked_as_drafts(editor_client, rooms_and_a_draft):
    response = search(editor_client, "booking")

    assert sorted(titles(response)) == ["Booking rooms after the restructure", "Booking the council chamber"]
    [draft] = [block for block in result_blocks(response) if "restructure" in block]
    assert "Draft" in words(draft)
    assert "Restructure (1)" in words(response.get_data(as_text=True))
    assert suggestion_options(editor_client.hx("GET", "/search/suggest?q=zanz"))[0] == (
        "Booking rooms after the restructure Knowledge article, draft"
    )


def test_archived_articles_are_found_by_everyone_and_marked(staff_client, editor_client):
    make_article(title="Old booking system", status="archived", body="How bookings used to work.")
    make_article(title="Booking system", body="How bookings work now.")

    for client in (staff_client, editor_client):
        response = search(client, "booking system")
        assert sorted(titles(response)) == ["Booking system", "Old booking system"]
        [archived] = [block for block in result_blocks(response) if "Old" in block]
        [current] = [block for block in result_blocks(response) if "Old" not in block]
        assert "Archived" in words(archived) and "Archived" not in words(current)
    assert suggestion_options(staff_client.hx("GET", "/search/suggest?q=old boo"))[0] == (
        "Old booking system Knowledge article, archived"
    )


# --- Changes of status ---------------------------------------------------------------------------


def test_an_article_made_draft_through_the_editor_disappears_for_staff_at_once(staff_client, editor_client):
    article = make_article(title="Booking the council chamber", body="Book through democratic services.")
    assert titles_found(staff_client, "chamber") == ["Booking the council chamber"]

    response = editor_client.post(f"/kb/{article.slug}/edit", data=edit_form(article, status="draft"))
    assert response.status_code == 303

    assert titles_found(staff_client, "chamber") == []
    assert suggestion_options(staff_client.hx("GET", "/search/suggest?q=cham")) == [
        "No quick matches. Search for “cham”"
    ]
    assert titles_found(editor_client, "chamber") == ["Booking the council chamber"]


def test_an_article_made_draft_by_a_service_call_disappears_for_staff_after_the_commit(
    app, staff, staff_client, editor
):
    article = make_article(title="Booking the council chamber", body="Book through democratic services.")
    assert titles_found(staff_client, "chamber") == ["Booking the council chamber"]

    save(article, editor, status="draft")

    assert titles_found(staff_client, "chamber") == []
    with app.test_request_context():
        assert search_index.similar(staff, "council chamber") == []


def test_a_draft_published_is_found_by_staff_at_once(staff_client, editor_client, editor):
    article = make_article(title="Booking the council chamber", status="draft", author=editor)
    assert titles_found(staff_client, "chamber") == []

    editor_client.post(f"/kb/{article.slug}/edit", data=edit_form(article, status="published"))

    assert titles_found(staff_client, "chamber") == ["Booking the council chamber"]


# --- The database has the last word ---------------------------------------------------------------


def test_a_hit_whose_article_was_deleted_behind_the_index_is_left_out(staff_client):
    make_article(title="Booking the council chamber")
    kept = make_article(title="Booking a desk")
    assert sorted(titles_found(staff_client, "booking")) == ["Booking a desk", "Booking the council chamber"]

    # Deleted straight in the database: no outbox row, so the index still holds it.
    db.session.execute(delete(Article).where(Article.id != kept.id))
    db.session.commit()

    response = search(staff_client, "booking")
    assert titles(response) == ["Booking a desk"]
    assert "<strong>1</strong> result " in response.get_data(as_text=True)
    assert suggestion_options(staff_client.hx("GET", "/search/suggest?q=boo"))[:-1] == [
        "Booking a desk Knowledge article"
    ]


def test_a_hit_that_became_a_draft_behind_the_index_is_left_out_for_staff(app, staff, staff_client):
    article = make_article(title="Booking the council chamber")
    assert titles_found(staff_client, "chamber") == ["Booking the council chamber"]

    # Changed straight in the database: the index still says published.
    db.session.execute(Article.__table__.update().where(Article.id == article.id).values(status="draft"))
    db.session.commit()

    response = search(staff_client, "chamber")
    assert titles(response) == []
    assert "No results" in response.get_data(as_text=True)
    with app.test_request_context():
        assert search_index.similar(staff, "council chamber") == []
