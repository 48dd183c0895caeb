"""Values worked out once and shared: in Redis when REDIS_URL is set (one value for every worker
on every host), else in this worker's memory (app/extensions.py `cache`, Flask-Caching's
SimpleCache). Used by the dashboard's figures.

Redis is a help here, never a need: when it cannot be reached, or answers with something this
code cannot read, a value is a miss and what is worked out is kept in this worker's memory
meanwhile. That is logged once when Redis goes away and once when it is back, and Redis is not
asked again for RETRY_SECONDS (so a Redis that has gone does not cost every page a timeout).

Values are pickled and signed with SECRET_KEY (shared by every host): whatever else can write to
that Redis cannot make a worker unpickle something this site did not write."""

import hashlib
import logging
import pickle
import threading
import time
from dataclasses import dataclass, field
from typing import Any, cast

import redis
from flask import Flask, current_app
from itsdangerous import BadSignature, Signer

from app.extensions import cache as local_cache

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 0.5  # connecting and each answer: a page never waits longer on Redis
RETRY_SECONDS = 30  # after a failure, how long this worker keeps to its own memory


@dataclass
class _State:
    client: redis.Redis | None
    prefix: str
    signer: Signer
    lock: threading.Lock = field(default_factory=threading.Lock)
    down_until: float = 0.0  # time.monotonic(): Redis is not asked before then
    down: bool = False  # logged as gone, not yet as back


def init_app(app: Flask) -> None:
    url = app.config.get("REDIS_URL")
    client = (
        redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS)
        if url
        else None
    )
    app.extensions["shared_cache"] = _State(
        client=client,
        prefix=app.config.get("SHARED_CACHE_PREFIX", "staffroom:"),
        signer=Signer(app.config["SECRET_KEY"], salt="staffroom.shared_cache", digest_method=hashlib.sha256),
    )


def _state() -> _State:
    return current_app.extensions["shared_cache"]


def shared() -> bool:
    """Whether values are shared between workers and hosts (Redis is configured)."""
    return _state().client is not None


def _redis(state: _State) -> redis.Redis | None:
    if state.client is None or time.monotonic() < state.down_until:
        return None
    return state.client


def _failed(state: _State, error: Exception) -> None:
    with state.lock:
        state.down_until = time.monotonic() + RETRY_SECONDS
        if not state.down:
            state.down = True
            log.warning(
                "shared cache: Redis cannot be reached (%s); values are worked out and kept in each "
                "worker meanwhile, and Redis is tried again every %d seconds",
                error,
                RETRY_SECONDS,
            )


def _worked(state: _State) -> None:
    if state.down:
        with state.lock:
            if state.down:
                state.down = False
                log.warning("shared cache: Redis answers again; values are shared again")


def get(key: str) -> Any | None:
    """The value kept under `key`, or None (never kept, expired, or Redis unreachable)."""
    state = _state()
    client = _redis(state)
    if client is None:
        return local_cache.get(key)
    try:
        raw = cast(bytes | None, client.get(state.prefix + key))
    except redis.RedisError as error:
        _failed(state, error)
        return local_cache.get(key)
    _worked(state)
    if raw is None:
        return None
    try:
        return pickle.loads(state.signer.unsign(raw))  # noqa: S301 - signed: written by this site
    except BadSignature:
        log.warning("shared cache: a value under %s is not signed by this site; ignored", key)
        return None
    except Exception:  # noqa: BLE001 - kept by another release, say: a miss, worked out again
        return None


def put(key: str, value: Any, *, timeout: int) -> None:
    """Keep `value` under `key` for `timeout` seconds, for everyone (or, without Redis, this worker)."""
    state = _state()
    client = _redis(state)
    if client is not None:
        try:
            signed = state.signer.sign(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            client.set(state.prefix + key, signed, ex=timeout)
        except redis.RedisError as error:
            _failed(state, error)
        else:
            _worked(state)
            return
    local_cache.set(key, value, timeout=timeout)
