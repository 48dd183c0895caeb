"""Configuration read from the environment, with safe defaults for development."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

ENVIRONMENTS = ("development", "production")


class ConfigError(RuntimeError):
    """Raised when the environment cannot give a safe configuration."""


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance_path: Path, environment: str) -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if environment == "production":
        raise ConfigError("SECRET_KEY must be set when STAFFROOM_ENV=production.")
    # Development: generate one once and keep it, so sessions survive restarts.
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance_path / 'staffroom.sqlite'}"
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _mail_settings() -> dict[str, Any]:
    use_ssl = _flag("MAIL_USE_SSL")
    use_tls = _flag("MAIL_USE_TLS")
    if use_ssl and use_tls:
        raise ConfigError("Set MAIL_USE_SSL (implicit TLS, usually port 465) or MAIL_USE_TLS (STARTTLS), not both.")
    return {
        # Empty: development writes messages to the log; production keeps them queued.
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "").strip(),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT") or (465 if use_ssl else 25)),
        "MAIL_USE_TLS": use_tls,
        "MAIL_USE_SSL": use_ssl,
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_FROM": os.environ.get("MAIL_FROM") or DEFAULTS["MAIL_FROM"],
        "MAIL_TIMEOUT": float(os.environ.get("MAIL_TIMEOUT") or DEFAULTS["MAIL_TIMEOUT"]),
        # Where people reach Staffroom: links in emails start with it.
        "BASE_URL": (os.environ.get("BASE_URL") or DEFAULTS["BASE_URL"]).rstrip("/"),
    }


def _list(name: str) -> tuple[str, ...]:
    """A setting of several values, separated by commas or spaces."""
    return tuple(value for value in os.environ.get(name, "").replace(",", " ").split() if value)


# Who may still sign in with a Staffroom password (PASSWORD_SIGN_IN).
PASSWORD_SIGN_IN_CHOICES = ("everyone", "administrators")


def _sso_settings() -> dict[str, Any]:
    """Single sign-on with OpenID Connect (README "Single sign-on"): off unless the issuer, the
    client id and the client secret are all set."""
    return {
        "OIDC_ISSUER": os.environ.get("OIDC_ISSUER", "").strip().rstrip("/"),
        "OIDC_CLIENT_ID": os.environ.get("OIDC_CLIENT_ID", "").strip(),
        "OIDC_CLIENT_SECRET": os.environ.get("OIDC_CLIENT_SECRET", "").strip(),
        "OIDC_PROVIDER_NAME": os.environ.get("OIDC_PROVIDER_NAME", "").strip() or DEFAULTS["OIDC_PROVIDER_NAME"],
        "OIDC_ALLOWED_DOMAINS": tuple(domain.lower().lstrip("@") for domain in _list("OIDC_ALLOWED_DOMAINS")),
        "OIDC_ALLOWED_GROUPS": _list("OIDC_ALLOWED_GROUPS"),
        "OIDC_GROUPS_CLAIM": os.environ.get("OIDC_GROUPS_CLAIM", "").strip() or DEFAULTS["OIDC_GROUPS_CLAIM"],
        "OIDC_TEAM_CLAIM": os.environ.get("OIDC_TEAM_CLAIM", "").strip(),
        "OIDC_GROUP_ROLES": _list("OIDC_GROUP_ROLES"),
        "OIDC_CLOCK_SKEW_SECONDS": int(
            os.environ.get("OIDC_CLOCK_SKEW_SECONDS") or DEFAULTS["OIDC_CLOCK_SKEW_SECONDS"]
        ),
        "OIDC_TIMEOUT": float(os.environ.get("OIDC_TIMEOUT") or DEFAULTS["OIDC_TIMEOUT"]),
        "PASSWORD_SIGN_IN": (os.environ.get("PASSWORD_SIGN_IN", "").strip().lower() or DEFAULTS["PASSWORD_SIGN_IN"]),
    }


# The limits of app/rate_limits.py, each "N per second|minute|hour|day" (several joined by ";").
RATE_LIMITS = (
    "RATELIMIT_SEARCH",
    "RATELIMIT_IDEAS",
    "RATELIMIT_COMMENTS",
    "RATELIMIT_REQUEST_FORMS",
    "RATELIMIT_REQUESTS",
    "RATELIMIT_REQUEST_MESSAGES",
    "RATELIMIT_SIGN_IN",
    "RATELIMIT_PASSWORD_RESET",
    "RATELIMIT_PASSWORD_RESET_ADDRESS",
)


def _rate_limit_settings() -> dict[str, Any]:
    return {
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", default=True),
        # Empty: REDIS_URL, else memory:// (development only: app/rate_limits.py refuses it in
        # production, where each worker would keep a count of its own).
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "").strip() or None,
        **{name: os.environ.get(name, "").strip() or DEFAULTS[name] for name in RATE_LIMITS},
    }


def from_environment(instance_path: Path) -> dict[str, Any]:
    """Build the settings dict for create_app from environment variables."""
    environment = os.environ.get("STAFFROOM_ENV", "development").strip().lower()
    if environment not in ENVIRONMENTS:
        raise ConfigError(f"STAFFROOM_ENV must be one of {', '.join(ENVIRONMENTS)}.")
    instance_path.mkdir(parents=True, exist_ok=True)
    # Production is served over HTTPS: Secure (__Host-) cookies unless explicitly turned off.
    secure_cookies = _flag("SESSION_COOKIE_SECURE", default=environment == "production")
    return {
        "STAFFROOM_ENV": environment,
        "SECRET_KEY": _secret_key(instance_path, environment),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SEARCH_INDEX_DIR": os.environ.get("SEARCH_INDEX_DIR", str(instance_path / "search-index")),
        # Names this host's index in search_hosts (default: the machine's name and SEARCH_INDEX_DIR).
        "SEARCH_HOST_NAME": os.environ.get("SEARCH_HOST_NAME", "").strip() or None,
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR", str(instance_path / "uploads")),
        # `flask search reindex` indexes in this many processes (one per core is right).
        "SEARCH_REINDEX_PROCESSES": int(os.environ.get("SEARCH_REINDEX_PROCESSES", min(os.cpu_count() or 1, 4))),
        "COUNCIL_NAME": os.environ.get("COUNCIL_NAME", "City Council"),
        # The council's address block on printed letters to contacts; lines separated by "|".
        "COUNCIL_ADDRESS": os.environ.get("COUNCIL_ADDRESS", "").strip() or DEFAULTS["COUNCIL_ADDRESS"],
        # Contacts without an account are anonymised this many months after their last request closes.
        "CONTACT_RETENTION_MONTHS": int(
            os.environ.get("CONTACT_RETENTION_MONTHS") or DEFAULTS["CONTACT_RETENTION_MONTHS"]
        ),
        "SESSION_COOKIE_SECURE": secure_cookies,
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        "REDIS_URL": os.environ.get("REDIS_URL"),
        **_rate_limit_settings(),
        "DASHBOARD_CACHE_SECONDS": int(os.environ.get("DASHBOARD_CACHE_SECONDS", DEFAULTS["DASHBOARD_CACHE_SECONDS"])),
        "SHARED_CACHE_PREFIX": os.environ.get("SHARED_CACHE_PREFIX", "").strip() or DEFAULTS["SHARED_CACHE_PREFIX"],
        # Working hours for SLA clocks, UK time ("HH:MM").
        "WORKING_DAY_START": os.environ.get("WORKING_DAY_START", "09:00"),
        "WORKING_DAY_END": os.environ.get("WORKING_DAY_END", "17:00"),
        **_mail_settings(),
        **_sso_settings(),
    }


DEFAULTS: dict[str, Any] = {
    "STAFFROOM_ENV": "development",
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    # Sessions: the cookie may live 7 days ("remember me"); the server-side session record
    # enforces the 8-hour idle limit and the 7-day absolute limit for every session.
    "PERMANENT_SESSION_LIFETIME": timedelta(days=7),
    "SESSION_IDLE_TIMEOUT": timedelta(hours=8),
    "SESSION_ABSOLUTE_TIMEOUT": timedelta(days=7),
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_REFRESH_EACH_REQUEST": False,
    # A tab left open all day must still submit: the CSRF token lives as long as the session.
    "WTF_CSRF_TIME_LIMIT": None,
    "WTF_CSRF_SSL_STRICT": True,
    # Uploads come later (attachments); anything bigger is refused with a 413 page.
    "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
    # One text field of a multipart form may be as large as the request: the form, not the
    # parser, refuses one over validation.TEXT_LIMIT, on its field, keeping the rest (a 413).
    "MAX_FORM_MEMORY_SIZE": 25 * 1024 * 1024,
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_FAILURE_WINDOW": timedelta(minutes=15),
    "ARGON2_TIME_COST": 3,
    "ARGON2_MEMORY_KIB": 64 * 1024,
    "PASSWORD_MIN_LENGTH": 12,
    "PASSWORD_MAX_LENGTH": 128,
    "COUNCIL_NAME": "City Council",
    "COUNCIL_ADDRESS": "Business Support|City Council|Town Hall|Market Square|LE1 9HN",
    "CONTACT_RETENTION_MONTHS": 24,
    "SEARCH_REINDEX_PROCESSES": 1,
    "PROXY_COUNT": 0,
    "REDIS_URL": None,
    # Rate limits per person (app/rate_limits.py; README "Rate limits" says why these numbers),
    # counted in RATELIMIT_STORAGE_URI, else REDIS_URL, else memory:// (refused in production).
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_STORAGE_URI": None,
    "RATELIMIT_STRATEGY": "moving-window",
    "RATELIMIT_KEY_PREFIX": "staffroom",
    "RATELIMIT_SEARCH": "120 per minute",
    "RATELIMIT_IDEAS": "10 per hour",
    "RATELIMIT_COMMENTS": "30 per hour",
    "RATELIMIT_REQUEST_FORMS": "90 per hour",
    "RATELIMIT_REQUESTS": "30 per hour",
    "RATELIMIT_REQUEST_MESSAGES": "120 per hour",
    "RATELIMIT_SIGN_IN": "30 per minute; 300 per hour",
    "RATELIMIT_PASSWORD_RESET": "20 per hour",
    "RATELIMIT_PASSWORD_RESET_ADDRESS": "5 per hour",
    # The dashboard's figures are computed at most once a minute per filter (0: every time), and
    # shared by every worker of every host through REDIS_URL when it is set (app/shared_cache.py).
    "DASHBOARD_CACHE_SECONDS": 60,
    # Before the keys of shared values in Redis (several sites sharing one Redis each take their own).
    "SHARED_CACHE_PREFIX": "staffroom:",
    "WORKING_DAY_START": "09:00",
    "WORKING_DAY_END": "17:00",
    # Email (see README "Email"): no server means the log in development.
    "MAIL_SERVER": "",
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USE_SSL": False,
    "MAIL_USERNAME": "",
    "MAIL_PASSWORD": "",
    "MAIL_FROM": "Staffroom <staffroom@localhost>",
    "MAIL_TIMEOUT": 10,
    "BASE_URL": "http://127.0.0.1:5000",
    # Single sign-on (README "Single sign-on"): off while the issuer is empty.
    "OIDC_ISSUER": "",
    "OIDC_CLIENT_ID": "",
    "OIDC_CLIENT_SECRET": "",
    "OIDC_PROVIDER_NAME": "Microsoft",
    "OIDC_ALLOWED_DOMAINS": (),
    "OIDC_ALLOWED_GROUPS": (),
    "OIDC_GROUPS_CLAIM": "groups",
    "OIDC_TEAM_CLAIM": "",
    # "role:group-id" pairs; empty: roles are given in Staffroom only.
    "OIDC_GROUP_ROLES": (),
    # How far the provider's clock may be from ours when the ID token's times are checked.
    "OIDC_CLOCK_SKEW_SECONDS": 60,
    # "administrators": with single sign-on on, only administrators keep their password (break-glass).
    "PASSWORD_SIGN_IN": "everyone",
    # How long Staffroom waits for the provider (discovery, token, keys), in seconds.
    "OIDC_TIMEOUT": 10,
}


def finalise(config: dict[str, Any]) -> None:
    """Settings that follow from others: cookie names and flags over HTTPS."""
    if config.get("SESSION_COOKIE_SECURE"):
        # __Host- cookies must be Secure, Path=/ and carry no Domain: the browser enforces it.
        config["SESSION_COOKIE_NAME"] = "__Host-staffroom"
        config["PREFERRED_URL_SCHEME"] = "https"
    else:
        config["SESSION_COOKIE_NAME"] = "staffroom"
    config["SESSION_COOKIE_PATH"] = "/"
    config["SESSION_COOKIE_DOMAIN"] = None
    _finalise_database(config)
    _finalise_sso(config)


def _finalise_database(config: dict[str, Any]) -> None:
    """PostgreSQL through psycopg: no server-side prepared statements, so every query is planned
    for its own values. psycopg prepares a query it has run five times, and PostgreSQL then soon
    plans it once for any values: for the dashboard's date ranges that generic plan took half as
    long again as one made for the dates asked (docs/performance.md, "Dashboard")."""
    if str(config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("postgresql+psycopg"):
        options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})  # a copy: DEFAULTS' is shared
        options["connect_args"] = {**options.get("connect_args", {}), "prepare_threshold": None}
        config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _finalise_sso(config: dict[str, Any]) -> None:
    """Refuse single sign-on set up by halves, and derive OIDC_ENABLED and OIDC_ROLE_GROUPS."""
    parts = {name: bool(config.get(name)) for name in ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")}
    if any(parts.values()) and not all(parts.values()):
        missing = ", ".join(name for name, present in parts.items() if not present)
        raise ConfigError(f"Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: set {missing}.")
    config["OIDC_ENABLED"] = all(parts.values())
    issuer = config.get("OIDC_ISSUER", "")
    if issuer and not issuer.startswith("https://") and config.get("STAFFROOM_ENV") == "production":
        raise ConfigError("OIDC_ISSUER must be an https:// address in production.")
    if config.get("PASSWORD_SIGN_IN") not in PASSWORD_SIGN_IN_CHOICES:
        raise ConfigError(f"PASSWORD_SIGN_IN must be one of {', '.join(PASSWORD_SIGN_IN_CHOICES)}.")
    if config["PASSWORD_SIGN_IN"] == "administrators" and not config["OIDC_ENABLED"]:  # noqa: S105 - a setting, not a password
        raise ConfigError(
            "PASSWORD_SIGN_IN=administrators needs single sign-on (OIDC_ISSUER...): nobody else could sign in."
        )
    role_groups: dict[str, set[str]] = {}
    for pair in config.get("OIDC_GROUP_ROLES") or ():
        role, _, group = pair.partition(":")
        if role not in ("editor", "agent", "manager", "admin") or not group:
            raise ConfigError(
                f"OIDC_GROUP_ROLES: {pair!r} is not role:group-id (roles: editor, agent, manager, admin)."
            )
        role_groups.setdefault(role, set()).add(group)
    config["OIDC_ROLE_GROUPS"] = role_groups
