"""/readyz tells the truth about what Staffroom needs (the database, a readable search index, the
rate limits' Redis, the mail backlog) and answers 503 when it is not ready; `/healthz` stays the
cheap liveness check; `flask search status` says when the index is damaged or lost; Redis going
away is logged loudly on the app's log."""

import logging
import shutil
import socket
from contextlib import closing
from pathlib import Path

import pytest
from flask import current_app

from app import mail
from app import search as search_index
from app.extensions import db
from tests.factories import make_article, make_user, signed_in_client


@pytest.fixture
def closed_port():
    """A port bound but not listening: connections to it are refused."""
    with closing(socket.socket()) as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


@pytest.fixture
def indexed(app):
    make_article(title="Raising a purchase order")
    search_index.reindex(progress=lambda *_: None)
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def test_readyz_reports_each_check_and_is_ready(app, client, indexed):
    mail.queue("jo@council.test", "Subject", "Body")
    db.session.commit()

    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "search", "rate_limits", "mail"}
    assert body["checks"]["search"]["generation"].startswith("gen-")
    assert body["checks"]["search"]["documents"] >= 1 and body["checks"]["search"]["pending"] == 0
    assert body["checks"]["mail"]["pending"] == 1


def damage(index_dir: Path) -> None:
    """Overwrite the first bytes of the live index's table of contents and segments."""
    current = (index_dir / "current").resolve()
    files = [*current.glob("*.toc"), *current.glob("*.seg")]
    assert files
    for path in files:
        with path.open("r+b") as handle:
            handle.write(b"\x00garbage\x00" * 4)
    search_index.forget_open_indexes()


def test_a_damaged_index_makes_readyz_503_while_healthz_stays_200(app, client, indexed):
    damage(indexed)

    response = client.get("/readyz")

    assert response.status_code == 503
    check = response.get_json()["checks"]["search"]
    assert check["ok"] is False and "cannot be read" in check["detail"]
    assert client.get("/healthz").status_code == 200


def test_flask_search_status_says_when_the_index_is_damaged(app, indexed):
    damage(indexed)

    result = app.test_cli_runner().invoke(args=["search", "status"])

    assert result.exit_code == 1
    assert "index: not usable: the index cannot be read" in result.output


def test_a_lost_index_makes_readyz_503_and_is_not_quietly_recreated(app, client, indexed):
    shutil.rmtree(indexed)
    search_index.forget_open_indexes()

    response = client.get("/readyz")
    status = app.test_cli_runner().invoke(args=["search", "status"])

    assert response.status_code == 503
    assert "no index" in response.get_json()["checks"]["search"]["detail"]
    assert status.exit_code == 1 and "no index" in status.output
    assert not (indexed / "current").exists()


def test_redis_at_a_closed_port_is_logged_loudly_and_shown_on_readyz(make_app, closed_port, caplog, monkeypatch):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{closed_port}/0")
    # Alembic's logging set-up (tests/test_migrations.py, earlier in the run) disables loggers that existed.
    monkeypatch.setattr(app.logger, "disabled", False)
    with app.app_context():
        client = signed_in_client(app, make_user())
    caplog.set_level(logging.WARNING)

    searched = client.get("/search", query_string={"q": "leave"})
    ready = client.get("/readyz")

    assert searched.status_code == 200  # counted in this worker's memory meanwhile
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert any("rate limits: the shared storage" in record.getMessage() for record in errors)
    assert f"127.0.0.1:{closed_port}" in caplog.text
    assert ready.status_code == 503
    assert ready.get_json()["checks"]["rate_limits"]["ok"] is False
