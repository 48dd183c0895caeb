"""Rate limits per person on search and on posting (Flask-Limiter), counted in storage every
worker shares, and the answer when one is reached: the form again with what was typed, a page,
or for htmx a message in the page's flash region.

Views are marked with `@limited("idea")`; `init_app` applies the limits when the app is built.
Flask-Limiter keeps its storage and switches on the `Limiter` object rather than per app, so
each app gets its own (tests build several apps in one process, with different settings).
"""

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import limits
from flask import Flask, current_app, g, request
from flask.typing import ResponseReturnValue
from flask_limiter import Limiter, RateLimitExceeded
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from app.config import ConfigError
from app.extensions import db
from app.htmx import render, wants_fragment

TITLE = "You have done that too many times"
# Never limited, whatever Flask-Limiter's own RATELIMIT_DEFAULT or RATELIMIT_APPLICATION say: the
# load balancer must always get its answer.
EXEMPT_ENDPOINTS = frozenset({"home.healthz", "home.readyz", "static"})


@dataclass(frozen=True)
class Action:
    setting: str  # the config key holding its limit, e.g. "10 per hour"
    methods: tuple[str, ...] | None  # the methods counted; None: every one
    counts: str  # "every" use, only what was "saved" (not a form sent back with errors), or only "refused" ones
    done: str  # "You have {done} in a short time."
    verb: str  # "You can {verb} up to 10 {things} an hour."
    things: tuple[str, str]  # singular, plural
    # Whose count: None is the signed-in person's (else the address's), see _who.
    key: Callable[[], str] | None = None


def _ip_address() -> str:
    return f"address:{request.remote_addr or 'unknown'}"


def _email_typed() -> str:
    """The email address in the form, normalised as sign-in does, as a hash: one count per account
    asked about, whoever asks, without keeping addresses in the shared storage."""
    typed = (request.form.get("email") or "").strip().lower()
    return "email:" + hashlib.sha256(typed.encode()).hexdigest()


ACTIONS = {
    # Results and search-as-you-type share one count: both ask the index.
    "search": Action("RATELIMIT_SEARCH", None, "every", "searched too many times", "search", ("time", "times")),
    "idea": Action("RATELIMIT_IDEAS", ("POST",), "saved", "posted too many ideas", "post", ("idea", "ideas")),
    "comment": Action(
        "RATELIMIT_COMMENTS", ("POST",), "saved", "posted too many comments", "post", ("comment", "comments")
    ),
    # Each save of a request form keeps a draft and its attachments; going back to change an
    # answer saves it again, hence a higher limit than for sending.
    "request_form": Action(
        "RATELIMIT_REQUEST_FORMS",
        ("POST",),
        "saved",
        "saved request forms too many times",
        "save request forms",
        ("time", "times"),
    ),
    "request": Action(
        "RATELIMIT_REQUESTS", ("POST",), "saved", "sent too many requests", "send", ("request", "requests")
    ),
    "request_message": Action(
        "RATELIMIT_REQUEST_MESSAGES",
        ("POST",),
        "saved",
        "sent too many replies and notes",
        "send",
        ("reply or note", "replies and notes"),
    ),
    # Per address (nobody is signed in yet), failures only: an office behind one address signing in
    # at nine is never refused, a client guessing across many accounts is, before any password
    # check. The lock-out per account (app/auth/services.py) holds whatever the address.
    "sign_in": Action(
        "RATELIMIT_SIGN_IN",
        ("POST",),
        "refused",
        "had too many failed attempts to sign in from this network",
        "get a sign-in wrong",
        ("time", "times"),
    ),
    # Password reset emails (app/auth/reset_routes.py): per network address, and per account asked
    # about, so nobody can fill a colleague's inbox. Every valid request counts, whether or not the
    # address has an account: the limit says nothing about which addresses exist.
    "password_reset": Action(
        "RATELIMIT_PASSWORD_RESET",
        ("POST",),
        "saved",
        "asked for too many password reset emails",
        "ask for",
        ("password reset email", "password reset emails"),
        key=_ip_address,
    ),
    "password_reset_address": Action(
        "RATELIMIT_PASSWORD_RESET_ADDRESS",
        ("POST",),
        "saved",
        "asked for too many password reset emails for this email address",
        "ask for",
        ("password reset email for one address", "password reset emails for one address"),
        key=_email_typed,
    ),
}


def limited(*actions: str):
    """Count the view against each of ACTIONS[action] (applied by init_app, when the app is built)."""
    for action in actions:
        if action not in ACTIONS:
            raise ValueError(f"Unknown rate-limited action {action!r}")

    def mark(view):
        view.rate_limited = actions
        return view

    return mark


def _who() -> str:
    """Whose count: the signed-in person's (on any browser or device), else the address's."""
    if current_user.is_authenticated:
        return f"person:{current_user.id}"
    return f"address:{request.remote_addr or 'unknown'}"


def _rerun() -> bool:
    # The view is being run again to show its form (after a limit here, or an expired CSRF
    # token in app/errors.py): that run must neither count nor be refused a second time.
    return "rate_limit_refusal" in g or bool(g.get("csrf_failed"))


def _saved(response) -> bool:
    return response.status_code < 400 and "rate_limit_refusal" not in g


def _refused(response) -> bool:
    return response.status_code >= 400 and "rate_limit_refusal" not in g


DEDUCT_WHEN = {"every": None, "saved": _saved, "refused": _refused}


def storage_uri(config) -> str:
    return config.get("RATELIMIT_STORAGE_URI") or config.get("REDIS_URL") or "memory://"


def check_settings(config) -> None:
    """Refuse to start with limits that cannot work: per-process memory in production (each
    worker would allow the full limit, so the real limit is multiplied by the worker count), or a
    limit that does not parse (Flask-Limiter would log it and apply no limit at all)."""
    if config.get("STAFFROOM_ENV") == "production" and storage_uri(config).startswith("memory://"):
        raise ConfigError(
            "Rate limits need storage that every worker shares in production: set REDIS_URL (or "
            "RATELIMIT_STORAGE_URI), e.g. redis://127.0.0.1:6379/0. With memory:// each gunicorn "
            "worker would count on its own. (RATELIMIT_ENABLED=false turns rate limits off.)"
        )
    for action in ACTIONS.values():
        value = config.get(action.setting)
        try:
            limits.parse_many(value or "")
        except ValueError:
            raise ConfigError(
                f"{action.setting} must be a rate limit such as '10 per hour' or '120/minute', not {value!r}."
            ) from None


def init_app(app: Flask) -> None:
    """Build the app's limiter and apply the limits of every view marked `@limited`. Call it
    after the blueprints are registered (it wraps their views) and after the sign-in check (so
    Flask-Limiter's own app-wide limits, if ever set, do not count people sent to sign in)."""
    config = app.config
    config["RATELIMIT_STORAGE_URI"] = storage_uri(config)
    if not config.get("RATELIMIT_ENABLED", True):
        return
    check_settings(config)
    if config["RATELIMIT_STORAGE_URI"].startswith(("redis", "rediss", "valkey")):
        # Redis unreachable: give up within a second, not hang the request (see fallback below).
        config.setdefault("RATELIMIT_STORAGE_OPTIONS", {"socket_connect_timeout": 1, "socket_timeout": 1})
    # Redis down: count in this worker's memory meanwhile (checking Redis again now and then) and
    # log it, rather than refuse search and posting to everyone.
    config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    # Retry-After is set on the 429 answer below; counters on every answer would cost a
    # storage round trip each.
    config.setdefault("RATELIMIT_HEADERS_ENABLED", False)

    limiter = Limiter(key_func=_who)
    limiter.request_filter(lambda: request.endpoint in EXEMPT_ENDPOINTS)
    limiter.init_app(app)
    app.extensions["staffroom_limiter"] = limiter
    for endpoint, view in list(app.view_functions.items()):
        # Staffroom's views are plain (not async) functions: what they return is a response.
        plain_view = cast(Callable[..., ResponseReturnValue], view)
        # Several limits on one view stack: the innermost wrapper checks them all (Flask-Limiter
        # keeps them by the view's name), and a refusal names the one that was reached.
        for name in getattr(view, "rate_limited", ()):
            action = ACTIONS[name]
            plain_view = limiter.shared_limit(
                config[action.setting],
                scope=name,
                key_func=action.key,
                methods=list(action.methods) if action.methods else None,
                exempt_when=_rerun,
                deduct_when=DEDUCT_WHEN[action.counts],
            )(plain_view)
        app.view_functions[endpoint] = plain_view
    app.register_error_handler(RateLimitExceeded, _too_many)
    app.after_request(_say_when_storage_fails)


# --- When the shared count's storage (Redis) goes away ---------------------------------------------


def _say_when_storage_fails(response):
    """Flask-Limiter falls back to counting in this worker's memory when Redis fails, and back
    again when it answers; it says so only on its own logger, at warning level. Staffroom logs each
    change on the app's log as an error: meanwhile a limit holds per worker, not for the site."""
    limiter = current_app.extensions.get("staffroom_limiter")
    # Flask-Limiter's own flag for "storage unreachable, counting in memory" (no public API for it).
    dead = bool(getattr(limiter, "_storage_dead", False))
    if dead != current_app.extensions.get("staffroom_limiter_storage_dead", False):
        current_app.extensions["staffroom_limiter_storage_dead"] = dead
        if dead:
            current_app.logger.error(
                "rate limits: the shared storage (%s) is unreachable; each worker counts in its own memory "
                "until it answers, so every limit is multiplied by the number of workers",
                _storage_name(current_app.config),
            )
        else:
            current_app.logger.warning("rate limits: the shared storage answers again; limits hold for the site")
    return response


def _storage_name(config) -> str:
    """The storage URI without a password."""
    uri = str(config.get("RATELIMIT_STORAGE_URI", ""))
    scheme, _, rest = uri.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}" if rest else uri


def storage_status(app: Flask) -> dict:
    """For /readyz: {"ok", "detail"}; whether the shared count's storage answers now."""
    limiter = app.extensions.get("staffroom_limiter")
    if limiter is None:
        return {"ok": True, "detail": "rate limits are off"}
    name = _storage_name(app.config)
    try:
        answers = bool(limiter.storage.check())
    except Exception as error:  # noqa: BLE001  reported, not raised: this is the check
        return {"ok": False, "detail": f"{name} unreachable ({type(error).__name__})"}
    if not answers:
        return {"ok": False, "detail": f"{name} unreachable: each worker counts in its own memory"}
    return {"ok": True, "detail": name}


# --- The answer when a limit is reached ----------------------------------------------------------


def _seconds_to_wait(error: RateLimitExceeded) -> int:
    """Until the earliest counted use leaves the window (a whole window if storage cannot say)."""
    try:
        current = current_app.extensions["staffroom_limiter"].current_limit
        if current is not None and current.breached:
            seconds = math.ceil(current.window.reset_time - time.time())
            return min(max(1, seconds), int(error.limit.limit.get_expiry()))
    except Exception:  # storage trouble must not turn a 429 into a 500
        current_app.logger.warning("Could not read the rate-limit window", exc_info=True)
    return int(error.limit.limit.get_expiry())


def wait_text(seconds: int) -> str:
    """'40 seconds', '12 minutes', '1 hour and 5 minutes' (rounded up: never too soon)."""

    def count(number, unit):
        return f"{number} {unit}{'' if number == 1 else 's'}"

    if seconds < 60:
        return count(seconds, "second")
    hours, minutes = divmod(math.ceil(seconds / 60), 60)
    if not hours:
        return count(minutes, "minute")
    return count(hours, "hour") + (f" and {count(minutes, 'minute')}" if minutes else "")


def _per(limit_item: limits.RateLimitItem) -> str:
    unit = limit_item.GRANULARITY.name
    if limit_item.multiples == 1:
        return f"{'an' if unit == 'hour' else 'a'} {unit}"
    return f"every {limit_item.multiples} {unit}s"


def refusal_message(action: Action | None, limit_item: limits.RateLimitItem, seconds: int) -> str:
    """What the person reads: what happened, when to try again, and the limit."""
    wait = f"Try again in {wait_text(seconds)}."
    if action is None:  # one of Flask-Limiter's own limits (RATELIMIT_DEFAULT, RATELIMIT_APPLICATION)
        return f"You have done that too many times in a short time. {wait}"
    things = action.things[0] if limit_item.amount == 1 else action.things[1]
    return (
        f"You have {action.done} in a short time. {wait} "
        f"You can {action.verb} up to {limit_item.amount} {things} {_per(limit_item)}."
    )


def _too_many(error: RateLimitExceeded):
    db.session.rollback()
    seconds = _seconds_to_wait(error)
    scope = error.limit.scope  # our limits' scope is the action's name (limited() above)
    action = ACTIONS.get(scope) if isinstance(scope, str) else None
    refusal = refusal_message(action, error.limit.limit, seconds)
    view = current_app.view_functions.get(request.endpoint or "")
    if request.method == "POST" and view is not None and getattr(view, "redisplays_form", False):
        # The view shows its form again with what was typed; its validate_on_submit fails with
        # this message (app/forms.py), so nothing is saved.
        g.rate_limit_refusal = refusal
        try:
            response = current_app.make_response(current_app.ensure_sync(view)(**(request.view_args or {})))
        except HTTPException as refused:  # the view's own 403/404, as it would have answered
            return current_app.handle_http_exception(refused)
        if response.status_code not in (200, 422):
            return response  # e.g. a redirect: the request was sent already
        response.status_code = 429
    else:
        # A page in the site layout; for htmx, a message swapped into the page's flash region
        # (not into the target, which may be a search box's suggestions) and read out.
        if request.method not in ("GET", "HEAD"):
            refusal = f"Nothing was saved. {refusal}"
        response = render(
            "errors/error.html",
            "errors/_rate_limited.html",
            status_code=429,
            code=429,
            title=TITLE,
            advice=refusal,
            announce=refusal,
        )
        if wants_fragment():
            response.headers.update(
                {
                    "HX-Retarget": "#flash-messages",
                    "HX-Reswap": "innerHTML",
                    "HX-Reselect": "unset",
                    "HX-Push-Url": "false",
                }
            )
    response.headers["Retry-After"] = str(seconds)
    return response
