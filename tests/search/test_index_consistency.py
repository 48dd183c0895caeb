"""The index stays true to the database: changes arrive after the request's commit or at the next
search, nothing is lost to a crash or a busy writer, a rebuild swaps in atomically, operators can
see and tidy the index, and two workers writing at once lose nothing."""

import threading
from pathlib import Path

import pytest
from flask import current_app
from whoosh import index as whoosh_index

from app import search as search_index
from app.extensions import db
from app.kb import services
from app.models import Article, User
from tests.factories import make_article, make_category, make_user, signed_in_client
from tests.search.helpers import edit_form, save, search, titles_found


def index_dir(app=None) -> Path:
    return Path((app or current_app).config["SEARCH_INDEX_DIR"])


def indexed(app=None) -> dict[str, str]:
    """What the index holds right now, read straight from its files (nothing is caught up first):
    {"article:1": "Title"}."""
    current = index_dir(app) / "current"
    if not current.exists():
        return {}
    with whoosh_index.open_dir(str(current.resolve())).searcher() as searcher:
        return {fields["key"]: fields["title"] for fields in searcher.all_stored_fields()}


def pending() -> int:
    db.session.rollback()  # read what is committed now
    return search_index.pending_count()


def new_article_form(category, owner, **changes) -> dict:
    data = {
        "title": "Booking the council chamber",
        "summary": "How to book the chamber",
        "body": "Ask democratic services.",
        "category_id": str(category.id),
        "tags": "rooms",
        "owner_id": str(owner.id),
        "status": "published",
        "review_by": ["", "", ""],
        "change_note": "",
        "base_revision": "",
        "template": "how-to",
        "submit": "Save article",
    }
    data.update(changes)
    return data


class HeldWriterLock:
    """Another process busy writing the index: holds Whoosh's writer lock until released."""

    def __init__(self, app=None):
        self.writer = whoosh_index.open_dir(str((index_dir(app) / "current").resolve())).writer()

    def release(self):
        if not self.writer.is_closed:
            self.writer.cancel()


@pytest.fixture
def held_lock(app):
    search_index.status()  # the index exists
    lock = HeldWriterLock()
    yield lock
    lock.release()


# --- Changes through the site -------------------------------------------------------------------


def test_a_new_article_is_in_the_index_when_the_saving_request_ends(app, editor, editor_client, staff_client):
    response = editor_client.post("/kb/new", data=new_article_form(make_category("Rooms"), editor))
    assert response.status_code == 303

    assert list(indexed().values()) == ["Booking the council chamber"]
    assert pending() == 0
    assert titles_found(staff_client, "chamber") == ["Booking the council chamber"]


def test_a_new_title_replaces_the_old_one_when_the_saving_request_ends(app, editor_client, staff_client):
    article = make_article(title="Booking the council chamber")
    search(staff_client, "chamber")

    editor_client.post(f"/kb/{article.slug}/edit", data=edit_form(article, title="Reserving the members' lounge"))

    assert list(indexed().values()) == ["Reserving the members' lounge"]
    assert titles_found(staff_client, "chamber") == []
    assert titles_found(staff_client, "lounge") == ["Reserving the members' lounge"]


def test_unpublishing_through_the_site_hides_the_article_from_staff_when_the_request_ends(
    app, editor_client, staff_client
):
    article = make_article(title="Booking the council chamber")
    search(staff_client, "chamber")

    editor_client.post(f"/kb/{article.slug}/edit", data=edit_form(article, status="draft"))

    assert pending() == 0
    assert titles_found(staff_client, "chamber") == []


def test_a_rejected_edit_leaves_the_index_as_it_was(app, editor_client, staff_client):
    article = make_article(title="Booking the council chamber")
    search(staff_client, "chamber")

    response = editor_client.post(f"/kb/{article.slug}/edit", data=edit_form(article, title="New title", summary=""))
    assert response.status_code == 422

    assert list(indexed().values()) == ["Booking the council chamber"]
    assert pending() == 0
    assert titles_found(staff_client, "chamber") == ["Booking the council chamber"]


# --- Changes outside a request: the next search catches up ----------------------------------------


def test_an_article_saved_outside_a_request_is_found_at_the_next_search(app, staff_client):
    make_article(title="Booking the council chamber")
    assert indexed() == {} and pending() > 0

    assert titles_found(staff_client, "chamber") == ["Booking the council chamber"]
    assert pending() == 0


def test_a_title_changed_outside_a_request_is_found_under_the_new_title(app, editor, staff_client):
    article = make_article(title="Booking the council chamber")
    search(staff_client, "chamber")

    save(article, editor, title="Reserving the members' lounge")

    assert titles_found(staff_client, "chamber") == []
    assert titles_found(staff_client, "lounge") == ["Reserving the members' lounge"]


def test_an_article_unpublished_outside_a_request_disappears_for_staff(app, editor, editor_client, staff_client):
    article = make_article(title="Booking the council chamber")
    search(staff_client, "chamber")

    save(article, editor, status="draft")

    assert titles_found(staff_client, "chamber") == []
    assert titles_found(editor_client, "chamber") == ["Booking the council chamber"]


def test_a_deleted_article_leaves_the_index(app, staff_client):
    article = make_article(title="Booking the council chamber")
    kept = make_article(title="Booking a desk")
    search(staff_client, "booking")

    db.session.delete(db.session.get(Article, article.id))
    db.session.commit()

    assert titles_found(staff_client, "booking") == ["Booking a desk"]
    assert indexed() == {f"article:{kept.id}": "Booking a desk"}


def test_renaming_a_category_reindexes_its_articles(app, staff_client):
    rooms = make_category("Rooms")
    make_article(title="Booking the council chamber", category=rooms)
    assert titles_found(staff_client, "chamber", category="Rooms") == ["Booking the council chamber"]

    rooms.name = "Meeting rooms"
    db.session.commit()

    assert titles_found(staff_client, "chamber", category="Meeting rooms") == ["Booking the council chamber"]
    assert titles_found(staff_client, "chamber", category="Rooms") == []


# --- A crash between commit and apply -------------------------------------------------------------


def test_changes_committed_but_never_applied_are_caught_up_by_the_next_apply(app, editor, staff_client):
    # Committed, then the process died before applying: only the outbox knows.
    first = make_article(title="Booking the council chamber")
    second = make_article(title="Booking a desk")
    save(first, editor, title="Booking the members' lounge")
    assert indexed() == {} and pending() > 0

    result = app.test_cli_runner().invoke(args=["search", "apply"])

    assert result.exit_code == 0, result.output
    assert "search: 2 objects indexed" in result.output
    assert indexed() == {f"article:{first.id}": "Booking the members' lounge", f"article:{second.id}": "Booking a desk"}
    assert pending() == 0
    assert sorted(titles_found(staff_client, "booking")) == ["Booking a desk", "Booking the members' lounge"]


def test_an_apply_that_fails_loses_nothing_and_the_next_one_catches_up(app, editor_client, staff_client):
    article = make_article(title="Booking the council chamber")
    search(staff_client, "chamber")
    lock = HeldWriterLock()  # the request's apply fails

    response = editor_client.post(f"/kb/{article.slug}/edit", data=edit_form(article, title="Booking the lounge"))
    assert response.status_code == 303
    assert list(indexed().values()) == ["Booking the council chamber"]
    assert pending() > 0
    lock.release()

    assert titles_found(staff_client, "lounge") == ["Booking the lounge"]
    assert titles_found(staff_client, "chamber") == []
    assert pending() == 0


def test_a_lost_cursor_re_applies_everything_without_duplicates(app, staff_client):
    for number in range(3):
        make_article(title=f"Booking room {number}")
    assert len(titles_found(staff_client, "booking")) == 3

    (index_dir() / "current" / "cursor").unlink()
    assert pending() > 0

    assert len(titles_found(staff_client, "booking")) == 3
    assert pending() == 0
    assert sorted(indexed().values()) == ["Booking room 0", "Booking room 1", "Booking room 2"]


# --- Someone else holding the writer ----------------------------------------------------------------


def test_a_busy_index_never_shows_the_person_an_error_and_the_change_arrives_later(
    app, editor, editor_client, staff_client, held_lock
):
    response = editor_client.post("/kb/new", data=new_article_form(make_category("Rooms"), editor))
    assert response.status_code == 303

    # Still busy: every search page answers normally, the change waits in the outbox.
    assert search(staff_client, "chamber").status_code == 200
    assert staff_client.hx("GET", "/search/suggest?q=cham").status_code == 200
    assert editor_client.get("/kb/booking-the-council-chamber").status_code == 200
    with app.test_request_context():
        search_index.similar(editor, "council chamber")
    assert indexed() == {} and pending() > 0
    status = app.test_cli_runner().invoke(args=["search", "status"])
    assert status.exit_code == 0 and "pending outbox rows: 0" not in status.output

    held_lock.release()

    assert titles_found(staff_client, "chamber") == ["Booking the council chamber"]
    assert pending() == 0


def test_a_busy_index_during_an_edit_keeps_the_edit(app, editor_client, staff_client):
    article = make_article(title="Booking the council chamber")
    search(staff_client, "chamber")
    lock = HeldWriterLock()

    response = editor_client.post(f"/kb/{article.slug}/edit", data=edit_form(article, body="New steps."))

    lock.release()
    assert response.status_code == 303
    db.session.rollback()
    assert db.session.get(Article, article.id).body == "New steps."


# --- Rebuilding ------------------------------------------------------------------------------------

QUERIES = [
    "booking",
    "chamber",
    "council chamber",
    "expences",
    "organization",
    "café",
    '"annual leave"',
    "leave -sick",
    "recruit",
    "lounge",
    "restructure",
]


def answers(client) -> dict[str, tuple[list[str], str]]:
    result = {}
    for query in QUERIES:
        response = search(client, query)
        summary = response.get_data(as_text=True).split('id="search-summary">', 1)[1].split("</p>", 1)[0]
        result[query] = (sorted(titles_found(client, query)), " ".join(summary.split()))
    return result


def history(editor):
    """Articles created, renamed, unpublished, archived and deleted one change at a time."""
    make_article(title="Booking the council chamber", body="Committees book the chamber.")
    make_article(title="Expenses claims", body="Claim what you spent.")
    make_article(title="Organisation chart", body="Who reports to whom.")
    make_article(title="Café opening hours", body="Open from eight.")
    make_article(title="Annual leave", body="How to request annual leave.")
    make_article(title="Sick leave", body="Reporting sickness.")
    make_article(title="Recruitment", body="Hiring people.")
    renamed = make_article(title="Booking a desk", body="Hot desks.")
    save(renamed, editor, title="Booking the members' lounge")
    unpublished = make_article(title="Restructure plans", body="Booking changes.")
    save(unpublished, editor, status="draft")
    archived = make_article(title="Old booking system", body="How booking used to work.")
    save(archived, editor, status="archived")
    gone = make_article(title="Booking parking", body="Spaces.")
    db.session.delete(db.session.get(Article, gone.id))
    db.session.commit()


def test_a_rebuilt_index_answers_every_query_as_the_incremental_one_did(app, editor, staff_client, editor_client):
    history(editor)
    for client in (staff_client, editor_client):
        search(client, "booking")  # catch up one change at a time, as the site would
    before = {"staff": answers(staff_client), "editor": answers(editor_client)}
    assert before["staff"]["booking"][0] == [
        "Booking the council chamber",
        "Booking the members' lounge",
        "Old booking system",
    ]

    counts = search_index.reindex(progress=lambda line: None)

    assert counts["article"] == 10
    assert {"staff": answers(staff_client), "editor": answers(editor_client)} == before


def test_searching_during_a_rebuild_uses_the_old_index_and_afterwards_the_new_one(app, staff_client):
    for number in range(5):
        make_article(title=f"Booking room {number}")
    old = index_dir() / "current"
    assert len(titles_found(staff_client, "booking")) == 5
    old_generation = old.resolve()
    during = []

    def progress(line):
        during.append((line, len(titles_found(staff_client, "booking")), (index_dir() / "current").resolve()))

    search_index.reindex(progress=progress, batch=2)

    assert [(line, hits) for line, hits, _ in during] == [
        ("search: articles 2/5", 5),
        ("search: articles 4/5", 5),
        ("search: articles 5/5", 5),
        ("search: reindexed 5 documents and swapped the new index in", 5),
    ]
    assert all(generation == old_generation for _, _, generation in during[:3])
    new_generation = (index_dir() / "current").resolve()
    assert new_generation != old_generation
    assert not old_generation.exists()
    assert sorted(path.name for path in index_dir().iterdir()) == sorted(["current", new_generation.name])
    assert len(titles_found(staff_client, "booking")) == 5
    assert pending() == 0


def test_changes_made_during_a_rebuild_are_in_the_new_index(app, editor, staff_client):
    first = make_article(title="Booking room one")
    for number in range(3):
        make_article(title=f"Booking desk {number}")
    search(staff_client, "booking")
    changed = []

    def progress(line):
        if not changed:  # someone saves an edit while the rebuild is under way
            changed.append(True)
            editor_client = signed_in_client(app, editor)
            editor_client.post(
                f"/kb/{first.slug}/edit",
                data=edit_form(db.session.get(Article, first.id), title="Booking the members' lounge"),
            )

    search_index.reindex(progress=progress, batch=1)

    assert titles_found(staff_client, "lounge") == ["Booking the members' lounge"]
    assert titles_found(staff_client, "room") == []


def test_the_reindex_command_reports_progress_and_rebuilding_twice_keeps_one_generation(app, staff_client):
    for number in range(3):
        make_article(title=f"Booking room {number}")
    runner = app.test_cli_runner()

    first = runner.invoke(args=["search", "reindex"])
    second = runner.invoke(args=["search", "reindex"])

    assert first.exit_code == 0 and second.exit_code == 0
    assert "search: articles 3/3" in first.output
    assert "search: reindexed 3 documents and swapped the new index in" in second.output
    assert len([path for path in index_dir().iterdir() if path.name.startswith("gen-")]) == 1
    assert len(titles_found(staff_client, "booking")) == 3


def test_reindex_if_missing_builds_only_when_there_is_no_index(app, staff_client):
    make_article(title="Booking room")
    runner = app.test_cli_runner()
    search_index.clear()

    built = runner.invoke(args=["search", "reindex", "--if-missing"])
    again = runner.invoke(args=["search", "reindex", "--if-missing"])

    assert "reindexed 1 documents" in built.output
    assert "an index exists; nothing to do" in again.output
    assert list(indexed().values()) == ["Booking room"]


# --- Operators ----------------------------------------------------------------------------------------


def test_status_shows_database_and_index_counts_and_rows_waiting(app, staff_client):
    runner = app.test_cli_runner()
    for number in range(3):
        make_article(title=f"Booking room {number}")
    waiting = pending()

    before = runner.invoke(args=["search", "status"])
    search(staff_client, "booking")
    db.session.rollback()
    after = runner.invoke(args=["search", "status"])

    assert before.exit_code == 0 and after.exit_code == 0
    current = (index_dir() / "current").resolve()
    assert before.output.splitlines() == [
        f"index: generation {current.name}, 0 documents, readable",
        f"index: {current}",
        "  article    database       3   index       0",
        "  idea       database       0   index       0",
        "  service    database       0   index       0",
        f"  pending outbox rows: {waiting}",
    ]
    assert waiting >= 3
    assert after.output.splitlines()[2:] == [
        "  article    database       3   index       3",
        "  idea       database       0   index       0",
        "  service    database       0   index       0",
        "  pending outbox rows: 0",
    ]


def test_optimize_merges_the_index_into_one_segment_and_searches_still_work(app, editor, staff_client):
    article = make_article(title="Booking room 0")
    for number in range(1, 8):
        make_article(title=f"Booking room {number}")
        save(article, editor, body=f"Version {number}")
        search(staff_client, "booking")  # one small segment per change
    segments = lambda: len(whoosh_index.open_dir(str((index_dir() / "current").resolve()))._segments())  # noqa: E731
    assert segments() > 1
    before = titles_found(staff_client, "booking")

    result = app.test_cli_runner().invoke(args=["search", "optimize"])

    assert result.exit_code == 0 and "search: index optimized" in result.output
    assert segments() == 1
    after = titles_found(staff_client, "booking")
    assert sorted(after) == sorted(before) == [f"Booking room {number}" for number in range(8)]


def test_an_article_updated_many_times_is_found_once(app, editor, staff_client):
    article = make_article(title="Booking the council chamber")
    for number in range(12):
        save(article, editor, body=f"Version {number} of the booking steps.")
        assert titles_found(staff_client, "chamber") == ["Booking the council chamber"], f"after update {number}"
    search_index.optimize()
    assert titles_found(staff_client, "chamber") == ["Booking the council chamber"]
    assert "<strong>1</strong> result " in search(staff_client, "chamber").get_data(as_text=True)


# --- Similar --------------------------------------------------------------------------------------------


def test_similar_finds_the_council_chamber_article_for_a_question_about_booking_it(app, staff):
    make_article(title="Booking a desk", body="How do I book a hot desk for the day?")
    chamber = make_article(
        title="Booking the Council Chamber",
        summary="Rooms for council and committee meetings",
        body="Democratic services take bookings for the chamber for committee meetings.",
    )
    make_article(title="Committee minutes template", body="A template for the minutes of a committee.")
    make_article(title="Council tax for staff", body="How council tax discounts work for staff.")
    make_article(title="How do I claim expenses", body="For journeys to a committee or a meeting.")

    with app.test_request_context():
        results = search_index.similar(staff, "How do I book the council chamber for a committee", kinds=["article"])
        without = search_index.similar(
            staff,
            "How do I book the council chamber for a committee",
            kinds=["article"],
            exclude={f"article:{chamber.id}"},
        )

    assert results[0].object.title == "Booking the Council Chamber"
    assert len(results) <= 5
    assert "Booking the Council Chamber" not in [result.object.title for result in without]
    assert without


def test_similar_for_only_stop_words_finds_nothing(app, staff):
    make_article(title="Booking the Council Chamber")

    with app.test_request_context():
        assert search_index.similar(staff, "how do I the for a") == []


# --- Two workers at once ------------------------------------------------------------------------------

ROUNDS = 6


def _work(app, name, author_id, category_id, errors):
    try:
        with app.test_request_context():
            author = db.session.get(User, author_id)
            for number in range(ROUNDS):
                article = services.create_article(
                    author=author,
                    title=f"Worker {name} note {number} first",
                    summary="A note",
                    body="Text.",
                    category_id=category_id,
                    tags="",
                    owner_id=author_id,
                    status="published",
                    review_by=None,
                    change_note="",
                )
                db.session.commit()
                search_index.apply_changes_quietly(after_commit=True)
                services.update_article(
                    article,
                    editor=author,
                    base_revision=article.revision_number,
                    title=f"Worker {name} note {number} final",
                    summary="A note",
                    body="Text.",
                    category_id=category_id,
                    tags="",
                    owner_id=author_id,
                    status="published",
                    review_by=None,
                    change_note="",
                )
                db.session.commit()
                search_index.apply_changes_quietly(after_commit=True)
                search_index.search(author, "worker note", log=False)
                db.session.rollback()
    except Exception as error:
        errors.append(error)
        raise


@pytest.mark.parametrize("one_index", [True, False], ids=["one host, one index", "two hosts, an index each"])
def test_two_workers_writing_and_applying_at_once_lose_no_change(make_app, tmp_path, one_index, caplog):
    settings = {"SEARCH_INDEX_DIR": str(tmp_path / "index")} if one_index else {}
    workers = {name: make_app(WORKER=name, **settings) for name in ("a", "b")}
    with workers["a"].app_context():
        author_id = make_user(roles=["editor"]).id
        category_id = make_category("Notes").id
    errors = []

    threads = [
        threading.Thread(target=_work, args=(app, name, author_id, category_id, errors))
        for name, app in workers.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert not [record for record in caplog.records if record.levelname in ("ERROR", "CRITICAL")]
    expected = sorted(f"Worker {name} note {number} final" for name in workers for number in range(ROUNDS))
    for app in workers.values():
        with app.test_request_context():
            # Whatever was left for "the other worker" is caught up by the next search.
            author = db.session.get(User, author_id)
            page = search_index.search(author, "worker note", per_page=50, log=False)
            titles = [result.object.title for result in page.results]
            assert sorted(titles) == expected
            assert sorted(indexed(app).values()) == expected
            assert search_index.pending_count() == 0
