"""After a request has committed, the steps that follow (bringing the search index up to date,
ending the session's transaction) can never turn the saved change into an error page: a database
connection dropped right after the commit is logged, and the person is told it was saved."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

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
