"""Rate limits (app/rate_limits.py), counted in the real Redis as in production: past the limit a
search or a post gets a 429 that says when to try again (a page, the form again with what was
typed, or for htmx a message for the flash region), nothing is saved, the count is per person and
shared by every worker; the health check is never limited; production refuses per-process
memory storage."""

import os
import re
import uuid

import pytest
import redis
from sqlalchemy import func, select

from app import create_app
from app.auth import passwords
from app.config import ConfigError, from_environment
from app.extensions import db
from app.models import Idea, IdeaComment, OutgoingEmail, RequestEvent, ServiceRequest
from app.rate_limits import wait_text
from tests.conftest import page_text
from tests.factories import DEFAULT_PASSWORD, make_service, make_user, signed_in_client
from tests.ideas.helpers import make_idea
from tests.service_requests.helpers import raise_request

# A database of its own, so the keys never mix with a development server's.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

IDEA = {
    "title": "Scan the post on arrival",
    "description": "Scan letters as they arrive, so nobody walks to the post room.",
    "area": "0",
    "tags": "",
    "hours_per_month": "",
    "pounds_per_year": "",
    "quality": "",
    "submit": "Post idea",
}


@pytest.fixture
def key_prefix():
    """A key prefix of the test's own in the Redis test database, and its keys removed afterwards.
    (Not FLUSHDB: CI runs the SQLite and PostgreSQL suites at the same time against one Redis.)"""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        reason = f"Redis is not reachable at {REDIS_URL} ({error}); set TEST_REDIS_URL to one that is"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)  # CI's machine runs Redis: the shared counting must be tested there
        pytest.skip(reason)
    prefix = f"staffroom-test-{uuid.uuid4().hex}"
    yield prefix
    keys = list(client.scan_iter(match=f"*{prefix}*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def limited_app(make_app, key_prefix):
    """An app with rate limits on, counted in Redis; each call is another worker."""

    def make(**limits):
        return make_app(
            RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=key_prefix, **limits
        )

    return make


def searches(client, count, *, htmx=False):
    codes = []
    for number in range(count):
        if htmx:
            codes.append(client.hx("GET", "/search/suggest", query_string={"q": f"leave {number}"}).status_code)
        else:
            codes.append(client.get("/search", query_string={"q": f"leave {number}"}).status_code)
    return codes


def retry_after(response) -> int:
    seconds = int(response.headers["Retry-After"])
    assert seconds >= 1
    return seconds


def idea_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Idea))


# --- Search ----------------------------------------------------------------------------------------


def test_the_search_past_the_limit_gets_a_429_page_saying_when_to_try_again(app, limited_app):
    limited = limited_app(RATELIMIT_SEARCH="3 per minute")
    client = signed_in_client(limited, make_user())
    # Results and search-as-you-type share one count.
    assert searches(client, 2) + searches(client, 1, htmx=True) == [200, 200, 200]
    refused = client.get("/search", query_string={"q": "leave"})
    assert refused.status_code == 429
    assert 1 <= retry_after(refused) <= 60
    text = page_text(refused)
    assert "You have done that too many times" in text
    assert "You have searched too many times in a short time. Try again in" in text
    assert "You can search up to 3 times a minute." in text
    assert "<header" in refused.get_data(as_text=True)  # the site's own layout


def test_an_htmx_search_past_the_limit_puts_a_message_in_the_flash_region_and_reads_it_out(app, limited_app):
    limited = limited_app(RATELIMIT_SEARCH="2 per minute")
    client = signed_in_client(limited, make_user())
    assert searches(client, 2, htmx=True) == [200, 200]
    refused = client.hx("GET", "/search/suggest", query_string={"q": "leave"})
    assert refused.status_code == 429  # swapped: base.html's htmx-config lists 429
    assert refused.headers["HX-Retarget"] == "#flash-messages"
    assert refused.headers["HX-Reswap"] == "innerHTML"
    assert refused.headers["HX-Reselect"] == "unset"  # the search page selects #search-results
    assert refused.headers["HX-Push-Url"] == "false"
    retry_after(refused)
    markup = refused.get_data(as_text=True)
    assert "<html" not in markup and "govuk-notification-banner" in markup
    assert "You can search up to 2 times a minute." in page_text(refused)
    assert "You have searched too many times" in refused.headers["HX-Trigger"]  # the live region
    assert '"429", "swap": true' in client.get("/cookies").get_data(as_text=True)


def test_the_limit_is_per_person(app, limited_app):
    limited = limited_app(RATELIMIT_SEARCH="2 per minute")
    person, other = make_user(), make_user()
    assert searches(signed_in_client(limited, person), 3) == [200, 200, 429]
    assert searches(signed_in_client(limited, other), 2) == [200, 200]
    # The same person in another browser shares their count.
    assert searches(signed_in_client(limited, person), 1) == [429]


def test_two_workers_sharing_redis_count_together(app, limited_app):
    one, two = limited_app(RATELIMIT_SEARCH="4 per minute"), limited_app(RATELIMIT_SEARCH="4 per minute")
    assert one is not two
    person = make_user()
    on_one, on_two = signed_in_client(one, person), signed_in_client(two, person)
    assert searches(on_one, 2) + searches(on_two, 2) == [200] * 4
    assert searches(on_one, 1) == [429]
    assert searches(on_two, 1) == [429]


# --- Posting ---------------------------------------------------------------------------------------


def test_posting_an_idea_past_the_limit_saves_nothing_and_shows_the_form_again_with_what_was_typed(app, limited_app):
    limited = limited_app(RATELIMIT_IDEAS="2 per hour")
    client = signed_in_client(limited, make_user())
    # A form sent back with a mistake does not count: only ideas posted do.
    assert client.post("/ideas/new", data={**IDEA, "title": ""}).status_code == 422
    assert [client.post("/ideas/new", data={**IDEA, "title": f"Idea {n}"}).status_code for n in (1, 2)] == [303, 303]
    assert client.get("/ideas/new").status_code == 200  # the form page itself is never limited
    refused = client.post("/ideas/new", data={**IDEA, "title": "One idea too many"})
    assert refused.status_code == 429
    assert 3500 <= retry_after(refused) <= 3600
    markup = refused.get_data(as_text=True)
    assert "govuk-error-summary" in markup
    assert re.search(r'value="One idea too many"', markup)  # what was typed is still there
    text = page_text(refused)
    assert (
        "You have posted too many ideas in a short time. Try again in 1 hour." in text
        or "You have posted too many ideas in a short time. Try again in 60 minutes." in text
    )
    assert "You can post up to 2 ideas an hour." in text
    assert idea_count() == 2
    assert not db.session.scalar(select(Idea).where(Idea.title == "One idea too many"))
    # An expired form token at the limit: the form comes back as for any expired token.
    expired = client.post("/ideas/new", data={**IDEA, "title": "Typed before lunch", "csrf_token": "stale"})
    assert expired.status_code == 422
    assert "Your session timed out" in page_text(expired) and "Typed before lunch" in expired.get_data(as_text=True)
    assert idea_count() == 2


def test_a_comment_past_the_limit_is_not_posted_and_comes_back_with_what_was_typed(app, limited_app):
    idea = make_idea()
    limited = limited_app(RATELIMIT_COMMENTS="1 per hour")
    client = signed_in_client(limited, make_user())
    assert client.post(f"/ideas/{idea.id}/comments", data={"body": "Yes please", "parent_id": ""}).status_code == 303
    refused = client.post(f"/ideas/{idea.id}/comments", data={"body": "And another thing", "parent_id": ""})
    assert refused.status_code == 429
    retry_after(refused)
    assert "And another thing" in refused.get_data(as_text=True)
    assert "You can post up to 1 comment an hour." in page_text(refused)
    assert db.session.scalar(select(func.count()).select_from(IdeaComment)) == 1
    # Commenting on an idea that is not there is still a 404, limit or not.
    assert client.post("/ideas/9999/comments", data={"body": "Hello", "parent_id": ""}).status_code == 404


def test_sending_requests_and_replies_past_their_limits_saves_nothing(app, limited_app):
    requester = make_user()
    service = make_service(name="Room booking")
    limited = limited_app(RATELIMIT_REQUESTS="1 per hour", RATELIMIT_REQUEST_MESSAGES="1 per hour")
    client = signed_in_client(limited, requester)

    def fill_in(subject):
        response = client.post(
            f"/services/{service.slug}/request",
            content_type="multipart/form-data",
            data={"subject": subject, "description": "Room 2, Tuesday", "submit": "Continue"},
        )
        assert response.status_code == 303, response.status_code
        return response.headers["Location"]

    assert client.post(fill_in("First room")).status_code == 303
    check_answers = fill_in("Second room")  # saving the form has its own, higher limit
    refused = client.post(check_answers)
    assert refused.status_code == 429
    retry_after(refused)
    assert "You can send up to 1 request an hour." in page_text(refused)
    assert "Second room" in page_text(refused)  # the check-answers page, ready to send later
    assert db.session.scalar(select(func.count()).select_from(ServiceRequest)) == 1

    sent = raise_request(service, requester)
    events = db.session.scalar(select(func.count()).select_from(RequestEvent))
    url = f"/requests/{sent.reference}/messages"
    assert client.post(url, data={"body": "Thanks", "visibility": "public"}).status_code == 303
    refused = client.post(url, data={"body": "Any news?", "visibility": "public"})
    assert refused.status_code == 429
    assert "Any news?" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(RequestEvent)) == events + 1


# --- Signing in ------------------------------------------------------------------------------------


def test_failed_sign_ins_from_one_address_are_limited_before_any_password_check(app, limited_app, monkeypatch):
    limited = limited_app(RATELIMIT_SIGN_IN="3 per minute")
    office, other_office = limited.test_client(), limited_app(RATELIMIT_SIGN_IN="3 per minute").test_client()
    people = [make_user(email=f"person.{number}@council.test") for number in range(5)]
    # Signing in successfully never counts: a whole office behind one address signs in at nine.
    for person in people:
        assert office.post("/sign-in", data={"email": person.email, "password": DEFAULT_PASSWORD}).status_code == 303
        office.post("/sign-out")
    # A client guessing across accounts (each below its own lock-out), on two workers sharing Redis.
    for client, person in zip([office, other_office, office], people[:3], strict=True):
        assert client.post("/sign-in", data={"email": person.email, "password": "a guess"}).status_code == 422

    checks = []
    monkeypatch.setattr(passwords, "verify_password", lambda *args: checks.append(args) or True)
    refused = other_office.post("/sign-in", data={"email": people[4].email, "password": DEFAULT_PASSWORD})
    assert refused.status_code == 429
    assert checks == []  # refused before the costly part
    assert 1 <= retry_after(refused) <= 60
    text = page_text(refused)
    assert "You have had too many failed attempts to sign in from this network in a short time." in text
    assert "You can get a sign-in wrong up to 3 times a minute." in text
    assert f'value="{people[4].email}"' in refused.get_data(as_text=True)  # the form, with the email kept
    # Another address is not affected.
    elsewhere = other_office.post(
        "/sign-in",
        data={"email": people[4].email, "password": DEFAULT_PASSWORD},
        environ_base={"REMOTE_ADDR": "10.9.8.7"},
    )
    assert elsewhere.status_code == 303


def test_every_search_and_posting_view_is_limited_and_the_form_pages_are_not(app, limited_app):
    limited = limited_app()
    wrapped = {
        endpoint: view.rate_limited
        for endpoint, view in limited.view_functions.items()
        if hasattr(view, "rate_limited")
    }
    assert wrapped == {
        "search.results": ("search",),
        "search.suggest": ("search",),
        "assistant.ask": ("search",),
        "kb.link_choices": ("search",),
        "ideas.new": ("idea",),
        "ideas.comment": ("comment",),
        "raising.raise_request": ("request_form",),
        "raising.check_answers": ("request",),
        "service_requests.add_message": ("request_message",),
        "password_reset.forgotten_password": ("password_reset", "password_reset_address"),
        "auth.sign_in": ("sign_in",),
    }


# --- Password reset emails: per account asked about, and per network address --------------------------


def ask_for_reset(client, email):
    return client.post("/forgotten-password", data={"email": email})


def test_reset_emails_for_one_address_past_the_limit_are_refused_whoever_asks(app, limited_app):
    limited = limited_app(RATELIMIT_PASSWORD_RESET_ADDRESS="2 per hour", RATELIMIT_PASSWORD_RESET="50 per hour")
    make_user(email="jo@council.test")
    for address in ("jo@council.test", "nobody@council.test"):  # whether or not it has an account
        first = limited.test_client()
        assert [ask_for_reset(first, address).status_code for _ in range(2)] == [303, 303]
        other_browser = limited.test_client()
        refused = ask_for_reset(other_browser, f"  {address.upper()} ")
        assert refused.status_code == 429
        text = page_text(refused)
        assert "You have asked for too many password reset emails for this email address in a short time" in text
        assert "You can ask for up to 2 password reset emails for one address an hour." in text
        assert address.upper() in refused.get_data(as_text=True)  # the form keeps what was typed
    assert ask_for_reset(limited.test_client(), "sam@council.test").status_code == 303
    # A form sent back with a mistake does not count.
    assert ask_for_reset(limited.test_client(), "").status_code == 422
    sent = db.session.scalar(select(func.count()).select_from(OutgoingEmail))
    assert sent == 2


def test_reset_emails_from_one_network_address_past_the_limit_are_refused(app, limited_app):
    limited = limited_app(RATELIMIT_PASSWORD_RESET="3 per hour", RATELIMIT_PASSWORD_RESET_ADDRESS="50 per hour")
    office = limited.test_client()
    office.environ_base["REMOTE_ADDR"] = "10.1.2.3"
    codes = [ask_for_reset(office, f"person{number}@council.test").status_code for number in range(4)]
    assert codes == [303, 303, 303, 429]
    home = limited.test_client()
    home.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    assert ask_for_reset(home, "person9@council.test").status_code == 303


# --- Never limited, and the settings ---------------------------------------------------------------


def test_the_health_check_is_never_limited(app, limited_app):
    # Even with Flask-Limiter's own limit on every page switched on through its settings.
    limited = limited_app(RATELIMIT_APPLICATION="2 per minute")
    client = limited.test_client()
    assert [client.get("/healthz").status_code for _ in range(6)] == [200] * 6
    assert [client.get("/accessibility").status_code for _ in range(3)] == [200, 200, 429]


def test_production_without_shared_storage_refuses_to_start(monkeypatch, tmp_path):
    for name in ("REDIS_URL", "RATELIMIT_STORAGE_URI", "RATELIMIT_ENABLED", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STAFFROOM_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite'}")
    with pytest.raises(ConfigError, match="REDIS_URL"):
        create_app(from_environment(tmp_path))
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "memory://")
    with pytest.raises(ConfigError, match="every worker shares"):
        create_app(from_environment(tmp_path))
    monkeypatch.delenv("RATELIMIT_STORAGE_URI")
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    app = create_app(from_environment(tmp_path))
    assert app.config["RATELIMIT_STORAGE_URI"] == REDIS_URL


def test_development_counts_in_memory_unless_told_otherwise(monkeypatch, tmp_path):
    for name in ("STAFFROOM_ENV", "REDIS_URL", "RATELIMIT_STORAGE_URI", "RATELIMIT_ENABLED", "RATELIMIT_SEARCH"):
        monkeypatch.delenv(name, raising=False)
    settings = from_environment(tmp_path)
    assert settings["RATELIMIT_ENABLED"] is True and settings["RATELIMIT_SEARCH"] == "120 per minute"
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"})
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    monkeypatch.setenv("RATELIMIT_SEARCH", "lots")
    with pytest.raises(ConfigError, match="RATELIMIT_SEARCH"):
        create_app({**from_environment(tmp_path), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"})


def test_redis_going_away_leaves_search_working(app, make_app, key_prefix):
    # Nothing listens on port 1: each worker counts in its own memory meanwhile, and logs it.
    limited = make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0",
        RATELIMIT_KEY_PREFIX=key_prefix,
        RATELIMIT_SEARCH="2 per minute",
    )
    client = signed_in_client(limited, make_user())
    assert searches(client, 3) == [200, 200, 429]


@pytest.mark.parametrize(
    "seconds, text",
    [
        (1, "1 second"),
        (40, "40 seconds"),
        (60, "1 minute"),
        (61, "2 minutes"),
        (3600, "1 hour"),
        (3660, "1 hour and 1 minute"),
        (7300, "2 hours and 2 minutes"),
    ],
)
def test_waits_are_said_in_words_and_never_too_short(seconds, text):
    assert wait_text(seconds) == text
