"""Staffroom: the intranet of Business Support. create_app builds the Flask application."""

from pathlib import Path

from flask import Flask
from flask_login import current_user
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from app import (
    assets,
    cli,
    compression,
    errors,
    formatting,
    forms,
    htmx,
    mail,
    notify,
    policy,
    rate_limits,
    search,
    security,
    shared_cache,
    validation,
)
from app import config as settings
from app.admin.routes import bp as admin_bp
from app.assistant.routes import bp as assistant_bp
from app.auth import oidc, sessions
from app.auth.reset_routes import bp as password_reset_bp
from app.auth.routes import bp as auth_bp
from app.catalogue.routes import bp as catalogue_bp
from app.dashboard.routes import bp as dashboard_bp
from app.extensions import cache, csrf, db, login_manager, migrate
from app.extensions import htmx as htmx_extension
from app.home.routes import bp as home_bp
from app.ideas.routes import bp as ideas_bp
from app.kb.routes import bp as kb_bp
from app.navigation import navigation_items
from app.search.routes import bp as search_bp
from app.security import csp_nonce
from app.service_requests.contact_routes import bp as contacts_bp
from app.service_requests.raising_routes import bp as raising_bp
from app.service_requests.routes import bp as service_requests_bp


def create_app(config: dict | None = None) -> Flask:
    """Build the app. `config` (tests) replaces what would be read from the environment."""
    app = Flask(__name__, instance_path=str(Path(__file__).resolve().parent.parent / "instance"))
    app.config.update(settings.DEFAULTS)
    if config is None:
        app.config.update(settings.from_environment(Path(app.instance_path)))
    else:
        app.config.update(config)
    settings.finalise(app.config)

    assets.init_app(app)
    if app.config["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way to add WSGI middleware
            app.wsgi_app,
            x_for=app.config["PROXY_COUNT"],
            x_proto=app.config["PROXY_COUNT"],
            x_host=app.config["PROXY_COUNT"],
        )

    _init_templates(app)
    _init_extensions(app)
    oidc.init_app(app)
    validation.init_app(app)  # before the routes: their `int` converter and the request's parameters
    _register_blueprints(app)
    _init_request_handling(app)

    cli.register(app)
    return app


def _init_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("app"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)
    formatting.register(app)
    app.jinja_env.globals["policy"] = policy  # a module: templates call policy.can_edit_article(...) and the like
    app.add_template_global(csp_nonce, "csp_nonce")
    app.add_template_global(navigation_items, "navigation_items")
    app.add_template_global(forms.submission_key_input, "submission_key_input")
    app.add_template_global(lambda: notify.unread_count(current_user.id), "unread_notifications")


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(Path(__file__).resolve().parent.parent / "migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    csrf.init_app(app)
    cache.init_app(app)
    shared_cache.init_app(app)
    htmx_extension.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(sessions.load_user)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None
    # Our own server-side session records do this job (and can be revoked).
    login_manager.session_protection = None


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite: enforce foreign keys, and use WAL so readers do not block the writer. Commits in
    WAL mode need only `synchronous=NORMAL` to survive a crash (the last ones may be lost on power
    failure, never corrupted)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


@event.listens_for(Engine, "savepoint")
def _sqlite_savepoint_inside_a_transaction(connection, name):
    """SQLite: Python's sqlite3 begins a transaction only before a write, and a SAVEPOINT outside a
    transaction begins one of its own that its RELEASE commits: a savepoint taken before the
    request's first write (validation.saving, slugs.assign) would commit its changes at once,
    whatever the request did next. Begin the request's transaction first, so that the savepoint is
    inside it and the request commits or rolls back once, as on PostgreSQL."""
    dbapi_connection = connection.connection.dbapi_connection
    if type(dbapi_connection).__module__.startswith("sqlite3") and not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN")


def _register_blueprints(app: Flask) -> None:
    # Importing each routes module (above) attached its views to the blueprint it exports.
    app.register_blueprint(auth_bp)
    app.register_blueprint(password_reset_bp)
    app.register_blueprint(home_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(kb_bp)
    app.register_blueprint(ideas_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(catalogue_bp)
    app.register_blueprint(raising_bp)
    app.register_blueprint(contacts_bp)
    app.register_blueprint(service_requests_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(assistant_bp)


def _init_request_handling(app: Flask) -> None:
    compression.register(app)  # first, so it runs last: it compresses what the others made
    security.require_sign_in(app)
    security.add_security_headers(app)
    htmx.register(app)
    errors.register(app)
    rate_limits.init_app(app)  # after the blueprints (it limits their marked views) and the sign-in check

    @app.after_request
    def _commit_once(response):
        # One commit per request; a request that ends in an error or an invalid form keeps nothing
        # (its queued mail included). Mail is never sent here: `flask mail follow` or cron does it.
        if response.status_code < 400:
            db.session.commit()
            _after_commit(app)
        else:
            db.session.rollback()
            search.take_pending_flag(db.session)
            mail.take_pending_flag(db.session)
        return response


def _after_commit(app: Flask) -> None:
    """What follows a committed request: the change is saved and the person must hear so, so
    nothing here (a dropped connection, a broken index) can turn the answer into an error. The
    index catches up on its next read or from the outbox, whatever happens here."""
    mail.take_pending_flag(db.session)  # sent by the mail worker, never in a request
    try:
        if search.take_pending_flag(db.session()):
            search.apply_changes_quietly(after_commit=True)
    except Exception:  # the change is committed: logged, never shown
        app.logger.exception("after commit: could not bring the search index up to date (the outbox keeps the change)")
    try:
        db.session.rollback()  # end any read the step opened
    except Exception:  # a dropped connection: the pool replaces it
        app.logger.exception("after commit: could not end the session's transaction")
