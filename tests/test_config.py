"""Configuration from the environment, and the SQLite settings."""

import pytest
from sqlalchemy import text

from app import create_app
from app.auth.passwords import hash_password, verify_password
from app.config import DEFAULTS, ConfigError, finalise, from_environment
from app.extensions import db


@pytest.fixture
def clean_environment(monkeypatch):
    for name in ("STAFFROOM_ENV", "SECRET_KEY", "DATABASE_URL", "SEARCH_INDEX_DIR", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_development_generates_a_secret_key_once_and_keeps_it(clean_environment, tmp_path):
    first = from_environment(tmp_path)["SECRET_KEY"]
    second = from_environment(tmp_path)["SECRET_KEY"]
    assert first == second
    assert len(first) >= 48
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_secret_key(clean_environment, tmp_path):
    clean_environment.setenv("STAFFROOM_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        from_environment(tmp_path)
    assert not (tmp_path / "secret_key").exists()


def test_defaults_keep_data_under_instance(clean_environment, tmp_path):
    settings = from_environment(tmp_path)
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'staffroom.sqlite'}"
    assert settings["SEARCH_INDEX_DIR"] == str(tmp_path / "search-index")
    assert settings["SESSION_COOKIE_SECURE"] is False


def test_postgres_urls_get_the_psycopg_driver(clean_environment, tmp_path):
    clean_environment.setenv("DATABASE_URL", "postgres://staffroom:pw@db.internal/staffroom")
    url = from_environment(tmp_path)["SQLALCHEMY_DATABASE_URI"]
    assert url == "postgresql+psycopg://staffroom:pw@db.internal/staffroom"


def test_sites_sharing_one_redis_each_name_their_own_key_prefix(clean_environment, tmp_path):
    clean_environment.delenv("SHARED_CACHE_PREFIX", raising=False)
    assert from_environment(tmp_path)["SHARED_CACHE_PREFIX"] == "staffroom:"
    clean_environment.setenv("SHARED_CACHE_PREFIX", "intranet-b:")
    assert from_environment(tmp_path)["SHARED_CACHE_PREFIX"] == "intranet-b:"


def test_unknown_environment_name_is_refused(clean_environment, tmp_path):
    clean_environment.setenv("STAFFROOM_ENV", "prod")
    with pytest.raises(ConfigError, match="STAFFROOM_ENV"):
        from_environment(tmp_path)


def test_https_setting_makes_cookies_secure_and_host_prefixed(clean_environment, tmp_path):
    clean_environment.setenv("SESSION_COOKIE_SECURE", "true")
    clean_environment.setenv("SECRET_KEY", "x" * 40)
    app = create_app({**from_environment(tmp_path)})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-staffroom"


def test_production_cookies_are_secure_unless_turned_off(clean_environment, tmp_path):
    clean_environment.setenv("STAFFROOM_ENV", "production")
    clean_environment.setenv("SECRET_KEY", "x" * 40)
    assert from_environment(tmp_path)["SESSION_COOKIE_SECURE"] is True
    clean_environment.setenv("SESSION_COOKIE_SECURE", "false")
    assert from_environment(tmp_path)["SESSION_COOKIE_SECURE"] is False


def test_sqlite_enforces_foreign_keys_and_uses_wal(tmp_path):
    app = create_app(
        {
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        }
    )
    with app.app_context():
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        db.engine.dispose()


def test_postgresql_plans_every_query_for_its_own_values(app):
    """No server-side prepared statements (app/config.py _finalise_database): a dashboard query
    run many times is still planned for the dates it asks about, never with a generic plan."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite plans each statement as it runs it")
    for _ in range(8):  # psycopg would prepare it after five
        db.session.execute(text("SELECT count(*) FROM users WHERE created_at >= :since"), {"since": "2026-01-01"})
    assert db.session.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar() == 0
    assert DEFAULTS["SQLALCHEMY_ENGINE_OPTIONS"] == {"pool_pre_ping": True}  # the shared default untouched


def test_passwords_are_hashed_with_argon2id_at_the_rfc_9106_cost_by_default(tmp_path):
    app = create_app(
        {
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        }
    )
    with app.app_context():
        hashed = hash_password("correct horse battery staple")
        assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
        assert verify_password(hashed, "correct horse battery staple")
        assert not verify_password(hashed, "correct horse battery stapler")


SSO_VARIABLES = (
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
    "OIDC_ALLOWED_DOMAINS",
    "OIDC_ALLOWED_GROUPS",
    "OIDC_TEAM_CLAIM",
    "OIDC_GROUP_ROLES",
    "PASSWORD_SIGN_IN",
    "OIDC_TIMEOUT",
)


@pytest.fixture
def sso_environment(clean_environment):
    for name in SSO_VARIABLES:
        clean_environment.delenv(name, raising=False)
    return clean_environment


def finalised(settings):
    config = {**DEFAULTS, **settings}
    finalise(config)
    return config


def test_single_sign_on_is_off_by_default(sso_environment, tmp_path):
    config = finalised(from_environment(tmp_path))
    assert config["OIDC_ENABLED"] is False
    assert config["OIDC_ROLE_GROUPS"] == {}
    assert config["PASSWORD_SIGN_IN"] == "everyone"


def test_single_sign_on_settings_come_from_the_environment(sso_environment, tmp_path):
    for name, value in {
        "OIDC_ISSUER": "https://login.microsoftonline.com/tenant-id/v2.0/",
        "OIDC_CLIENT_ID": "client-id",
        "OIDC_CLIENT_SECRET": "client-secret",
        "OIDC_ALLOWED_DOMAINS": "council.gov.uk, @Schools.Council.gov.uk",
        "OIDC_ALLOWED_GROUPS": "group-1 group-2",
        "OIDC_TEAM_CLAIM": "department",
        "OIDC_GROUP_ROLES": "admin:group-a, agent:group-b agent:group-c",
        "PASSWORD_SIGN_IN": "Administrators",
        "OIDC_TIMEOUT": "5",
    }.items():
        sso_environment.setenv(name, value)
    config = finalised(from_environment(tmp_path))
    assert config["OIDC_ENABLED"] is True
    assert config["OIDC_ISSUER"] == "https://login.microsoftonline.com/tenant-id/v2.0"
    assert config["OIDC_ALLOWED_DOMAINS"] == ("council.gov.uk", "schools.council.gov.uk")
    assert config["OIDC_ALLOWED_GROUPS"] == ("group-1", "group-2")
    assert config["OIDC_TEAM_CLAIM"] == "department"
    assert config["OIDC_ROLE_GROUPS"] == {"admin": {"group-a"}, "agent": {"group-b", "group-c"}}
    assert config["PASSWORD_SIGN_IN"] == "administrators"
    assert config["OIDC_TIMEOUT"] == 5


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"OIDC_ISSUER": "https://login.example/v2.0"}, "set OIDC_CLIENT_ID, OIDC_CLIENT_SECRET"),
        ({"OIDC_CLIENT_ID": "id", "OIDC_CLIENT_SECRET": "secret"}, "set OIDC_ISSUER"),
        ({"PASSWORD_SIGN_IN": "administrators"}, "nobody else could sign in"),
        ({"PASSWORD_SIGN_IN": "nobody"}, "PASSWORD_SIGN_IN must be one of"),
        ({"OIDC_GROUP_ROLES": ("owner:group-a",)}, "is not role:group-id"),
        ({"OIDC_GROUP_ROLES": ("admin",)}, "is not role:group-id"),
        (
            {
                "STAFFROOM_ENV": "production",
                "OIDC_ISSUER": "http://login.example",
                "OIDC_CLIENT_ID": "id",
                "OIDC_CLIENT_SECRET": "secret",
            },
            "https:// address",
        ),
    ],
)
def test_single_sign_on_set_up_by_halves_is_refused(settings, message):
    with pytest.raises(ConfigError, match=message):
        finalised(settings)
