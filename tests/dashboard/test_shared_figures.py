"""The dashboard's figures on several hosts: with REDIS_URL set, one value for everyone (a figure
worked out by one host is served by another until it is a minute old); without Redis each worker
keeps its own; Redis out of reach never fails a page (figures worked out and served, logged once).
In the real Redis, on keys of the test's own."""

import logging
import os
import pickle
import uuid

import pytest
import redis

from app import clock, shared_cache
from app.extensions import db
from tests.conftest import page_text
from tests.dashboard.dataset import NOW, build
from tests.factories import make_user, signed_in_client
from tests.service_requests.helpers import raise_request

# A database of its own in the one Redis (tests/test_rate_limits.py uses 15).
REDIS_URL = os.environ.get("TEST_SHARED_CACHE_REDIS_URL", "redis://127.0.0.1:6379/7")
REQUESTS = "/dashboard?period=4w"
UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def prefix():
    """A key prefix of this test's own, and its keys removed afterwards (not FLUSHDB: the SQLite
    and PostgreSQL suites may run at once against one Redis)."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        reason = f"Redis is not reachable at {REDIS_URL} ({error}); set TEST_SHARED_CACHE_REDIS_URL"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    prefix = f"staffroom-test-{uuid.uuid4().hex}:"
    yield prefix
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)
    client.close()


def host(make_app, tmp_path, name: str, **settings):
    return make_app(
        DASHBOARD_CACHE_SECONDS=300,
        SEARCH_INDEX_DIR=str(tmp_path / name / "index"),
        UPLOAD_DIR=str(tmp_path / name / "uploads"),
        **settings,
    )


def viewers(*hosts):
    """One person signed in on each host (a load balancer sends them anywhere)."""
    with hosts[0].app_context():
        person = make_user(name="Mina Viewer")
    clients = []
    for each in hosts:
        with each.app_context():
            clients.append(signed_in_client(each, db.session.merge(person)))
    return clients


def received(client) -> str:
    """The number of requests received the page shows, and " cached" if it says they are figures
    worked out earlier ("Figures as at ...", shown when they are not of this moment)."""
    text = page_text(client.get(REQUESTS))
    return text[: text.index(" requests received")].rsplit(" ", 1)[-1] + (" cached" if "Figures as at" in text else "")


def late_request(app, dataset, time) -> None:
    """Another request, and a minute on: the figures count up to the last whole minute."""
    time.advance(seconds=30)
    with app.app_context():
        raise_request(db.session.merge(dataset.rooms), make_user(name="Late Requester"))
    time.advance(seconds=31)


def test_a_figure_worked_out_on_one_host_is_served_by_another_until_it_expires(make_app, tmp_path, prefix):
    host_a = host(make_app, tmp_path, "a", REDIS_URL=REDIS_URL, SHARED_CACHE_PREFIX=prefix)
    host_b = host(make_app, tmp_path, "b", REDIS_URL=REDIS_URL, SHARED_CACHE_PREFIX=prefix)
    with clock.fixed(NOW) as time:
        with host_a.app_context():
            dataset = build()
        on_a, on_b = viewers(host_a, host_b)
        assert received(on_a) == "7"  # worked out on A, kept in Redis

        late_request(host_a, dataset, time)
        assert received(on_b) == "7 cached"  # B serves A's figure (its own would be 8): one for everyone
        assert received(on_a) == "7 cached"

        time.advance(seconds=240)
        assert received(on_b) == "8"  # five minutes old: worked out again, by whoever asks first
        time.advance(seconds=1)
        assert received(on_a) == "8 cached"


def test_without_redis_each_host_keeps_its_own_figures(make_app, tmp_path):
    host_a = host(make_app, tmp_path, "a")
    host_b = host(make_app, tmp_path, "b")
    with host_a.app_context():
        assert not shared_cache.shared()
    with clock.fixed(NOW) as time:
        with host_a.app_context():
            dataset = build()
        on_a, on_b = viewers(host_a, host_b)
        assert received(on_a) == "7"
        late_request(host_a, dataset, time)
        assert received(on_b) == "8"  # B had none of its own yet
        assert received(on_a) == "7 cached"  # A keeps what it worked out


def test_redis_out_of_reach_never_fails_the_page_and_is_logged_once(make_app, tmp_path, caplog, monkeypatch):
    unreachable = host(make_app, tmp_path, "a", REDIS_URL=UNREACHABLE)
    with clock.fixed(NOW) as time:
        with unreachable.app_context():
            assert shared_cache.shared()
            dataset = build()
        [viewer] = viewers(unreachable)
        with caplog.at_level(logging.WARNING, logger="app.shared_cache"):
            assert received(viewer) == "7"  # worked out and served
            time.advance(seconds=1)
            assert received(viewer) == "7 cached"  # kept in this worker meanwhile
            late_request(unreachable, dataset, time)
            time.advance(seconds=300)
            # Redis is asked again after RETRY_SECONDS (and fails again): still no error, no second log.
            monkeypatch.setattr(shared_cache, "RETRY_SECONDS", 0)
            with unreachable.app_context():
                shared_cache._state().down_until = 0
            assert received(viewer) == "8"
            time.advance(seconds=1)
            assert received(viewer) == "8 cached"
    gone = [record for record in caplog.records if "Redis cannot be reached" in record.getMessage()]
    assert len(gone) == 1, caplog.text


def test_redis_back_is_used_again_and_logged(make_app, tmp_path, prefix, caplog):
    app = host(make_app, tmp_path, "a", REDIS_URL=REDIS_URL, SHARED_CACHE_PREFIX=prefix)
    with app.app_context(), caplog.at_level(logging.WARNING, logger="app.shared_cache"):
        state = shared_cache._state()
        working = state.client
        state.client = redis.Redis.from_url(UNREACHABLE, socket_connect_timeout=0.5, socket_timeout=0.5)
        shared_cache.put("figure", 41, timeout=60)  # kept in this worker
        assert shared_cache.get("figure") == 41
        state.client, state.down_until = working, 0
        assert shared_cache.get("figure") is None  # Redis again: it has none yet
        shared_cache.put("figure", 42, timeout=60)
        assert shared_cache.get("figure") == 42
        assert redis.Redis.from_url(REDIS_URL).ttl(f"{prefix}figure") in range(55, 61)
    messages = [record.getMessage() for record in caplog.records]
    assert sum("Redis cannot be reached" in message for message in messages) == 1
    assert sum("Redis answers again" in message for message in messages) == 1


def test_something_unreadable_under_a_key_is_a_miss(make_app, tmp_path, prefix):
    app = host(make_app, tmp_path, "a", REDIS_URL=REDIS_URL, SHARED_CACHE_PREFIX=prefix)
    redis.Redis.from_url(REDIS_URL).set(f"{prefix}figure", b"not a pickle", ex=60)
    with app.app_context():
        assert shared_cache.get("figure") is None


class Planted:
    """What a pickle written by someone else could make a worker do when read back."""

    def __reduce__(self):
        return (Planted.ran.append, ("code run",))

    ran: list = []


def test_a_pickle_this_site_did_not_sign_is_never_unpickled(make_app, tmp_path, prefix, caplog):
    app = host(make_app, tmp_path, "a", REDIS_URL=REDIS_URL, SHARED_CACHE_PREFIX=prefix)
    redis.Redis.from_url(REDIS_URL).set(f"{prefix}figure", pickle.dumps(Planted()), ex=60)
    with app.app_context():
        assert shared_cache.get("figure") is None
        shared_cache.put("figure", 42, timeout=60)
        assert shared_cache.get("figure") == 42  # what this site writes, it reads
    assert Planted.ran == []
    assert any("not signed by this site" in record.getMessage() for record in caplog.records)
    other = host(make_app, tmp_path, "b", REDIS_URL=REDIS_URL, SHARED_CACHE_PREFIX=prefix, SECRET_KEY="another site")
    with other.app_context():
        assert shared_cache.get("figure") is None  # signed with another key
