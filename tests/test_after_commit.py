"""After a request has committed, the steps that follow (bringing the search index up to date,
ending the session's transaction) can never turn the saved change into an error page: a database
connection dropped right after the commit is logged, and the person is told it was saved."""

import os

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app import search as search_index
from app.extensions import db
from app.models import Idea
from tests.ideas.helpers import new_idea_form

DROPPED = OperationalError("ROLLBACK", {}, Exception("server closed the connection unexpectedly"))


@pytest.fixture
def connection_dropped_after_commit(monkeypatch):
    """The database goes away right after the request's commit: the index's catch-up read fails,
    and so does the rollback that ends it (as with a terminated PostgreSQL backend)."""
    dropped = []
    real_rollback = Session.rollback

    def apply_pending(*args, **kwargs):
        dropped.append(True)
        raise DROPPED

    def rollback(self):
        if dropped:
            dropped.clear()
            raise DROPPED
        return real_rollback(self)

    # Behind the search package's face, where its after-commit catch-up reads the outbox.
    monkeypatch.setattr("app.search.indexing.apply_pending", apply_pending)
    monkeypatch.setattr(Session, "rollback", rollback)


def test_a_dropped_connection_after_commit_still_answers_success_and_keeps_the_idea(
    app, staff_client, connection_dropped_after_commit, caplog
):
    response = staff_client.post(
        "/ideas/new",
        data=new_idea_form(),
    )

    assert response.status_code == 303
    assert db.session.scalar(select(Idea.title)) == "Scan the post on arrival"
    assert "after commit" in caplog.text


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="a PostgreSQL server ends the connection; SQLite has none to drop",
)
def test_a_postgresql_connection_terminated_after_commit_still_answers_success(app, staff_client, monkeypatch, caplog):
    """Not simulated: the server really ends the request's connection (pg_terminate_backend, from
    another connection) just as the after-commit step reads the search outbox on it."""
    real_apply_pending = search_index.apply_pending
    terminated = []

    def apply_pending_on_a_dropped_connection(*args, **kwargs):
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with db.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            other.commit()
        terminated.append(pid)
        return real_apply_pending(*args, **kwargs)

    monkeypatch.setattr("app.search.indexing.apply_pending", apply_pending_on_a_dropped_connection)
    response = staff_client.post("/ideas/new", data=new_idea_form())

    assert terminated
    assert response.status_code == 303
    assert db.session.scalar(select(Idea.title)) == "Scan the post on arrival"
    assert "could not apply pending changes" in caplog.text  # logged, never shown
    assert staff_client.get("/ideas").status_code == 200  # the pool has replaced the connection
