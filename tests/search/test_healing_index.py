"""An index that heals itself: a damaged or a lost index found by a search is rebuilt from the
database in the background; until then the search page says plainly that search is being rebuilt
(never a 500, never a silent "0 results"), suggestions are simply empty, and afterwards search
finds what it found before. On both databases."""

import shutil

import pytest
from sqlalchemy import delete

from app import search as search_index
from app.extensions import db
from app.models import SearchOutbox
from tests.search.helpers import titles_found
from tests.test_readyz import damage, indexed

__all__ = ["indexed"]

REBUILDING = "Search is being rebuilt and will be back in a few minutes. Nothing you saved is lost."


@pytest.fixture
def rebuilds(monkeypatch):
    """The background rebuilds started, to wait for them."""
    started = []
    real = search_index.health.rebuild_in_background

    def recorded(app):
        thread = real(app)
        if thread is not None:
            started.append(thread)
        return thread

    monkeypatch.setattr(search_index.health, "rebuild_in_background", recorded)
    return started


def wait_for_rebuilds(started):
    for thread in started:
        thread.join(timeout=60)
    assert started and not any(thread.is_alive() for thread in started)


@pytest.mark.parametrize("harm", ["damaged", "lost"])
def test_a_broken_index_says_search_is_being_rebuilt_and_heals(app, staff_client, indexed, rebuilds, harm, caplog):
    if harm == "damaged":
        damage(indexed)
    else:  # as in production: housekeeping has removed the outbox rows the index had applied
        db.session.execute(delete(SearchOutbox))
        db.session.commit()
        shutil.rmtree(indexed)
        search_index.forget_open_indexes()

    while_broken = staff_client.get("/search", query_string={"q": "purchase order"})
    suggestions = staff_client.hx("GET", "/search/suggest", query_string={"q": "purchase"})

    assert while_broken.status_code == 200
    assert REBUILDING in while_broken.get_data(as_text=True).replace("\\n", " ")
    assert suggestions.status_code == 200
    wait_for_rebuilds(rebuilds)
    assert "rebuilding it from the database" in caplog.text
    assert search_index.readiness()["ok"] is True
    assert "Raising a purchase order" in titles_found(staff_client, "purchase order")


@pytest.mark.parametrize("harm", ["damaged", "lost"])
def test_ask_staffroom_keeps_the_question_and_says_it_is_being_rebuilt_then_answers(
    app, staff_client, indexed, rebuilds, harm
):
    if harm == "damaged":
        damage(indexed)
    else:
        db.session.execute(delete(SearchOutbox))
        db.session.commit()
        shutil.rmtree(indexed)
        search_index.forget_open_indexes()

    question = "How do I raise a purchase order?"
    while_broken = staff_client.post("/ask", data={"question": question})

    assert while_broken.status_code == 422  # the form again, never a 500
    text = while_broken.get_data(as_text=True)
    assert "Ask Staffroom is being rebuilt and will be back in a few minutes" in text
    assert question.replace("?", "") in text  # what was typed is kept
    wait_for_rebuilds(rebuilds)
    assert staff_client.post("/ask", data={"question": question}).status_code == 303
