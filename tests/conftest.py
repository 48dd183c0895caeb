"""Test set-up: one schema per run, emptied after every test; SQLite by default, PostgreSQL
when TEST_DATABASE_URL is set. CSRF protection stays on: the client sends real tokens."""

import html
import os
import re
import threading
from pathlib import Path

import pytest
from flask import has_app_context as _has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text

from app import create_app
from app import search as search_index
from app.extensions import db

pytest_plugins = ["tests.factories", "tests.auth.oidc_provider", "tests.mail_server"]

TOKEN_PATTERN = re.compile(r'"X-CSRFToken": "([^"]+)"')


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


def config_for_tests(tmp_path_factory, database_uri, **overrides) -> dict:
    return {
        "STAFFROOM_ENV": "development",
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        # PostgreSQL: a test database need not wait for each commit to reach the disk (a crash
        # loses the last few transactions, never consistency); the suite runs several times faster.
        **(
            {
                "SQLALCHEMY_ENGINE_OPTIONS": {
                    "pool_pre_ping": True,
                    "connect_args": {"options": "-c synchronous_commit=off"},
                }
            }
            if database_uri.startswith("postgresql")
            else {}
        ),
        "SEARCH_INDEX_DIR": str(tmp_path_factory.mktemp("search-index")),
        "UPLOAD_DIR": str(tmp_path_factory.mktemp("uploads")),
        "SERVER_NAME": None,
        # Real argon2id at a low cost: the suite signs in hundreds of times.
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_KIB": 1024,
        # Every test sees the figures its own data gives (tests/dashboard checks the cache itself).
        "DASHBOARD_CACHE_SECONDS": 0,
        # Rate limits off, so no test is refused for searching or posting often; tests/test_rate_limits.py
        # switches them on with small limits, counted in the real Redis.
        "RATELIMIT_ENABLED": False,
        **overrides,
    }


@pytest.fixture(scope="session")
def database_uri(tmp_path_factory):
    return database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def _schema(tmp_path_factory, database_uri):
    """Build the schema once per run, from the models (migrations are tested separately)."""
    app = create_app(config_for_tests(tmp_path_factory, database_uri))
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def empty_all_tables():
    tables = [table.name for table in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        # DELETE then reset the sequences: TRUNCATE of some fifty tables costs a third of a second
        # a test (new files for every table), DELETE of a few rows next to nothing. Ids start at 1
        # again either way, as tests expect (BS-000001).
        for table in tables:
            db.session.execute(text(f"DELETE FROM {table}"))
        sequences = db.session.scalars(text("SELECT relname FROM pg_class WHERE relkind = 'S'")).all()
        if sequences:
            db.session.execute(text("SELECT " + ", ".join(f"setval('{name}', 1, false)" for name in sequences)))
    else:
        for table in tables:
            db.session.execute(text(f"DELETE FROM {table}"))
    db.session.commit()


@pytest.fixture(scope="session")
def _shared_app(_schema, tmp_path_factory, database_uri):
    """One app for every test that needs no special settings: its templates compile once."""
    app = create_app(config_for_tests(tmp_path_factory, database_uri))
    app.test_client_class = StaffroomClient
    return app


@pytest.fixture
def make_app(_shared_app, tmp_path_factory, database_uri):
    """The test's app, or with extra settings a new one; every app in a test shares the test's
    database, which is emptied afterwards."""
    apps = []

    def make(**overrides):
        if not overrides:
            app = _shared_app
        else:
            app = create_app(config_for_tests(tmp_path_factory, database_uri, **overrides))
            app.test_client_class = StaffroomClient
        apps.append(app)
        return app

    yield make

    # A rebuild a read started in the background (search/health.py) ends within its test: one
    # still running would hold the process's rebuild lock into the next test, and read tables
    # being emptied.
    for thread in threading.enumerate():
        if thread.name == "search-rebuild":
            thread.join(timeout=120)
    with _shared_app.app_context():
        db.session.remove()
        empty_all_tables()
        search_index.clear()  # ids start again at 1: the next test must not find these documents
    for app in {id(app): app for app in apps if app is not _shared_app}.values():
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        yield app


class StaffroomClient(FlaskClient):
    """A browser-like client: fetches the page's CSRF token before posting, like a form would.

    Each request runs in an app context of its own (its own `g` and database session), as it
    would in a server; the test's session is rolled back around it, so the test then reads
    what the request committed.
    """

    def open(self, *args, **kwargs):
        outer = db.session if _has_app_context() else None
        if outer is not None:
            outer.rollback()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if outer is not None:
            outer.rollback()
        return response

    def csrf_token(self) -> str:
        page = self.get("/cookies")
        match = TOKEN_PATTERN.search(html.unescape(page.get_data(as_text=True)))
        assert match, "no CSRF token on the page"
        return match.group(1)

    def post(self, *args, data=None, csrf=True, **kwargs):
        if csrf and isinstance(data, dict) and "csrf_token" not in data:
            data = {**data, "csrf_token": self.csrf_token()}
        elif csrf and data is None and "json" not in kwargs:
            data = {"csrf_token": self.csrf_token()}
        return super().post(*args, data=data, **kwargs)

    def hx(self, method: str, url: str, **kwargs):
        """An htmx request: HX-Request plus the CSRF header htmx sends from <body hx-headers>."""
        headers = {"HX-Request": "true", "HX-Current-URL": "http://localhost/", **kwargs.pop("headers", {})}
        if method.upper() != "GET":
            headers.setdefault("X-CSRFToken", self.csrf_token())
        return self.open(url, method=method.upper(), headers=headers, **kwargs)

    def sign_in(self, user, password=None, remember=False):
        # tests.factories is a plugin (pytest_plugins above): imported at the top of this module, before
        # pytest registers it, its asserts would not be rewritten (PytestAssertRewriteWarning).
        from tests.factories import DEFAULT_PASSWORD  # noqa: PLC0415 - see above

        response = self.post(
            "/sign-in",
            data={
                "email": user.email,
                "password": password or DEFAULT_PASSWORD,
                **({"remember": "y"} if remember else {}),
            },
        )
        assert response.status_code == 303, f"sign-in failed: {response.status_code}"
        return response


@pytest.fixture
def client(app):
    return app.test_client()


def page_text(response) -> str:
    """The visible words of a page, whitespace collapsed: what a person reads."""
    markup = response.get_data(as_text=True)
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", markup).split()))


def pytest_collection_modifyitems(config, items):
    # Browser tests last: the fast feedback comes first.
    items.sort(key=lambda item: "tests/browser/" in str(Path(item.fspath)).replace(os.sep, "/"))
