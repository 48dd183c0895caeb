"""An index that heals itself: a damaged or a lost index found by a search is rebuilt from the
database in the background; until then the search page says plainly that search is being rebuilt
(never a 500, never a silent "0 results"), suggestions are simply empty, and afterwards search
finds what it found before. On both databases."""

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest

from app import clock
from app import search as search_index
from app.extensions import db
from tests.search.helpers import titles_found
from tests.test_mail import free_port
from tests.test_readyz import damage, indexed

__all__ = ["indexed"]

REBUILDING = "Search is being rebuilt and will be back in a few minutes. Nothing you saved is lost."


def outbox_removed_by_housekeeping():
    """As in production a week on: housekeeping has removed the outbox rows the index had applied."""
    with clock.fixed(clock.now() + timedelta(days=8)):
        assert search_index.prune_outbox() >= 1
    db.session.commit()


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
        outbox_removed_by_housekeeping()
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
        outbox_removed_by_housekeeping()
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


# --- Found at start, not at the first search ------------------------------------------------------


def break_index(harm: str, index_dir) -> None:
    if harm == "damaged":
        damage(index_dir)
    else:
        outbox_removed_by_housekeeping()
        shutil.rmtree(index_dir)
        search_index.forget_open_indexes()


@pytest.mark.parametrize("harm", ["damaged", "lost"])
def test_a_broken_index_is_found_and_rebuilt_when_a_worker_starts(app, staff_client, indexed, harm):
    break_index(harm, indexed)

    rebuild = search_index.check_at_start(app)

    assert rebuild is not None
    rebuild.join(timeout=60)
    assert search_index.readiness()["ok"] is True
    assert "Raising a purchase order" in titles_found(staff_client, "purchase order")


def test_a_sound_index_or_a_new_empty_site_is_left_alone_at_start(app, indexed, tmp_path):
    assert search_index.check_at_start(app) is None
    shutil.rmtree(indexed)  # a new site: no index yet, and every change still in the outbox
    search_index.forget_open_indexes()
    assert search_index.check_at_start(app) is None


def test_one_process_rebuilds_while_the_others_say_it_is_being_rebuilt(app, indexed):
    damage(indexed)
    other_process = search_index.health._claim_rebuild()  # as another worker's rebuild holds it
    try:
        assert search_index.rebuilding() is True
        assert search_index.check_at_start(app) is None  # not a second rebuild
    finally:
        other_process.close()
    assert search_index.rebuilding() is False


def test_gunicorn_workers_find_a_damaged_index_at_start_and_one_rebuilds_it(app, indexed, database_uri, tmp_path):
    """The real thing: gunicorn with two workers on the test database and a damaged index; with no
    search asked, /readyz turns ready, and the log shows a single rebuild."""
    damage(indexed)
    db.session.commit()
    port = free_port()
    log = tmp_path / "gunicorn.log"
    environment = {
        **os.environ,
        "DATABASE_URL": database_uri,
        "SEARCH_INDEX_DIR": str(indexed),
        "SEARCH_REINDEX_PROCESSES": "1",
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "RATELIMIT_ENABLED": "false",
    }
    root = Path(__file__).resolve().parents[2]
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
                "wsgi:app",
            ],
            cwd=root,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline and status != 200:
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as answer:
                    status = answer.status
            except urllib.error.HTTPError as refused:
                status = refused.code  # 503 while the index is rebuilt
            except OSError:
                status = None  # not listening yet
        assert status == 200, log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert log.read_text().count("rebuilding it from the database") == 1, log.read_text()
