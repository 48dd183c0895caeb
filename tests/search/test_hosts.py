"""Several hosts sharing one outbox: no time window (a change that commits late is applied however
late), each host's position kept in the database, housekeeping removing only what every live host
has applied, a host that was away too long rebuilding itself, and the `flask search follow` worker
applying changes as they come so that searches leave it to it. On both databases."""

import os
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from flask import current_app
from sqlalchemy import func, select

from app import clock
from app import search as search_index
from app.extensions import db
from app.kb import services
from app.models import SearchHost, SearchOutbox, SearchOutboxHorizon, User
from tests.factories import make_article, make_category, make_user
from tests.search.test_healing_index import rebuilds, wait_for_rebuilds
from tests.search.test_index_consistency import index_dir, indexed

__all__ = ["rebuilds"]  # a fixture

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def outbox_rows() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(SearchOutbox))


def host_rows() -> dict[str, SearchHost]:
    db.session.rollback()
    return {host.name: host for host in db.session.scalars(select(SearchHost))}


def housekeeping(app):
    result = app.test_cli_runner().invoke(args=["housekeeping"])
    assert result.exit_code == 0, result.output
    return result.output


def settle(*apps) -> None:
    """PostgreSQL: wait until no transaction that began before now is running on the server (other
    databases' included: transaction ids are the server's), then let each host apply, so each
    position moves past every change made so far."""
    if db.engine.dialect.name == "postgresql":
        db.session.rollback()
        newest = db.session.scalar(select(func.max(SearchOutbox.xid)))
        deadline = time.monotonic() + 30
        while (search_index.indexing.oldest_running_xid() or 0) <= (newest or 0) and time.monotonic() < deadline:
            db.session.rollback()
            time.sleep(0.1)
        db.session.rollback()
    for host in apps:
        with host.app_context():
            search_index.apply_pending()


def test_a_change_that_commits_long_after_a_later_one_was_applied_is_still_indexed(app, editor):
    """No time window: PostgreSQL numbers outbox rows when a transaction writes them, not when it
    commits, and the slow transaction commits ten minutes after a quicker one with a higher number
    was applied (the index used to look back two minutes, and missed it)."""
    if db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite lets one transaction write at a time, so rows commit in number order")
    category = make_category("Rooms")
    search_index.reindex(progress=lambda *_: None)
    with clock.fixed(START) as now:
        slow = current_app.app_context()
        slow.push()
        try:
            with current_app.test_request_context():
                services.create_article(
                    author=db.session.get(User, editor.id),
                    title="Booking the council chamber",
                    summary="Slow",
                    body="Text.",
                    category_id=category.id,
                    tags="",
                    owner_id=editor.id,
                    status="published",
                    review_by=None,
                    change_note="",
                )
            fast = current_app.app_context()
            fast.push()
            try:
                make_article(title="Booking a desk", category=category)
                search_index.apply_pending()
            finally:
                db.session.remove()
                fast.pop()
            now.advance(minutes=10)
            db.session.commit()
        finally:
            db.session.remove()
            slow.pop()
        search_index.apply_changes_quietly(after_commit=True)  # as a request applies its own changes

    assert sorted(indexed().values()) == ["Booking a desk", "Booking the council chamber"]
    assert search_index.pending_count() == 0


ONE_HOST_ON_SQLITE = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="several hosts share a PostgreSQL database; SQLite is one host's file (hosts.record_position)",
)


@ONE_HOST_ON_SQLITE
def test_each_host_records_its_position_in_the_database(app):
    search_index.reindex(progress=lambda *_: None)
    make_article(title="Parking permits")

    search_index.apply_pending()

    [host] = host_rows().values()
    assert host.name.endswith(str(index_dir().resolve()))
    assert host.position_id == db.session.scalar(select(func.max(SearchOutbox.id)))
    assert host.position_xid is not None
    assert host.generation == (index_dir() / "current").resolve().name


@ONE_HOST_ON_SQLITE
def test_housekeeping_keeps_what_a_live_host_has_not_applied_and_a_host_away_too_long_rebuilds(
    make_app, app, tmp_path, rebuilds
):
    other_host = make_app(SEARCH_INDEX_DIR=str(tmp_path / "other-host"), SEARCH_HOST_NAME="host-b")
    with clock.fixed(START) as now:
        for host in (app, other_host):
            with host.app_context():
                search_index.reindex(progress=lambda *_: None)
        make_article(title="Parking permits")
        search_index.apply_pending()  # this host applies it; host B has not yet
        now.advance(days=2)

        housekeeping(app)
        assert outbox_rows() >= 1  # host B still needs it

        with other_host.app_context():
            search_index.apply_pending()
            assert "Parking permits" in indexed(other_host).values()
        settle(app, other_host)
        housekeeping(app)
        assert outbox_rows() == 0  # every live host has applied it

        # Host B goes away; changes are made, applied here and, after a week, removed.
        with other_host.app_context():
            search_index.forget_open_indexes()
        make_article(title="Visitor passes")
        search_index.apply_pending()
        newest_change = db.session.scalar(select(func.max(SearchOutbox.id)))
        now.advance(days=8)
        housekeeping(app)
        assert outbox_rows() == 0
        horizon = db.session.get(SearchOutboxHorizon, 1)
        assert horizon is not None and horizon.pruned_through_id == newest_change

        # Back: it has missed a change it can no longer read, so it rebuilds rather than stay wrong.
        with other_host.app_context():
            search_index.apply_pending()
            wait_for_rebuilds(rebuilds)
            assert sorted(indexed(other_host).values()) == ["Parking permits", "Visitor passes"]


def test_on_sqlite_a_host_away_for_more_than_a_week_rebuilds_when_it_is_back(app, rebuilds):
    with clock.fixed(START) as now:
        search_index.reindex(progress=lambda *_: None)
        make_article(title="Parking permits")  # never applied: the host is away
        now.advance(days=8)
        housekeeping(app)
        assert outbox_rows() == 0

        search_index.apply_pending()
        wait_for_rebuilds(rebuilds)
    assert list(indexed().values()) == ["Parking permits"]


def test_the_follow_worker_applies_a_change_within_two_seconds_and_searches_leave_it_to_it(app):
    search_index.reindex(progress=lambda *_: None)
    stop = threading.Event()

    def work():
        with app.app_context():
            search_index.follow(stop, interval=0.2)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(h.follower_seen_at for h in host_rows().values()):
            time.sleep(0.05)
        make_article(title="Parking permits")  # committed, nothing applied by this session
        committed = time.monotonic()
        while "Parking permits" not in indexed().values() and time.monotonic() < committed + 5:
            time.sleep(0.05)
        assert "Parking permits" in indexed().values()
        assert time.monotonic() - committed < 2

        # With the worker running, a search does not apply changes itself (it never pays for an import).
        stop.set()
        worker.join(timeout=10)
        make_article(title="Visitor passes")
        with app.test_request_context():
            search_index.search(make_user(), "visitor", log=False)
        assert "Visitor passes" not in indexed().values()
    finally:
        stop.set()
        worker.join(timeout=10)
    # Once the worker has been silent for a while, searches apply changes again.
    with clock.fixed(clock.now() + timedelta(minutes=1)), app.test_request_context():
        search_index.search(make_user(), "visitor", log=False)
    assert "Visitor passes" in indexed().values()
