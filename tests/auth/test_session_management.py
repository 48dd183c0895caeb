"""Session management against OWASP ASVS 5.0 chapter V7 (docs/security.md maps each requirement
to its code and tests): what tests/auth/test_sign_in.py and test_account.py leave out."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, UserSession
from tests.factories import DEFAULT_PASSWORD, make_user, signed_in_client


def session_token(app, client) -> str | None:
    """The token in this browser's signed session cookie (the cookie carries nothing else of note)."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return app.session_interface.get_signing_serializer(app).loads(cookie.value).get("sid") if cookie else None


def test_each_sign_in_gets_a_new_random_token_of_256_bits_kept_only_as_a_hash(app, staff):
    """V7.2.3: reference tokens from a CSPRNG with at least 128 bits; V7.2.4: new at every sign-in."""
    tokens = [session_token(app, signed_in_client(app, staff)) for _ in range(3)]
    assert len(set(tokens)) == 3
    assert all(len(token) == 43 for token in tokens)  # secrets.token_urlsafe(32): 32 random bytes
    stored = set(db.session.scalars(select(UserSession.token_hash)))
    assert len(stored) == 3 and not stored & set(tokens)


def test_a_cookie_from_before_sign_in_never_becomes_signed_in(app, client, staff):
    """Session fixation: a cookie planted before the person signs in stays signed out."""
    client.get("/sign-in")
    planted = client.get_cookie("staffroom").value
    client.sign_in(staff)
    attacker = app.test_client()
    attacker.set_cookie("staffroom", planted)
    assert attacker.get("/").status_code == 303


def test_signing_in_again_ends_the_session_the_browser_had(app, client, staff):
    """V7.2.4: the current session token is ended when a new one is issued."""
    client.sign_in(staff)
    first = session_token(app, client)
    copied = app.test_client()
    copied.set_cookie("staffroom", client.get_cookie("staffroom").value)
    client.post("/sign-out")
    client.sign_in(staff)
    assert session_token(app, client) != first
    assert copied.get("/").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 1


def test_a_deactivated_persons_session_ends_even_if_its_record_were_left(app, staff):
    """V7.4.2, belt and braces: deactivation deletes the records; a record somehow left is refused."""
    browser = signed_in_client(app, staff)
    staff.active = False
    db.session.commit()
    assert browser.get("/").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 0


def test_every_session_of_everyone_ends_from_the_command_line(app, staff, admin):
    """V7.4.5: administrators can end the sessions of one person (admin page) or of everyone."""
    browsers = [signed_in_client(app, staff), signed_in_client(app, admin), signed_in_client(app, make_user())]
    result = app.test_cli_runner().invoke(args=["users", "sign-out-everyone", "--yes"])
    assert result.exit_code == 0, result.output
    assert "3 sessions ended" in result.output
    assert all(browser.get("/").status_code == 303 for browser in browsers)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "everyone_signed_out"))
    assert (event.actor_id, event.details) == (None, {"sessions_ended": 3})


def test_the_command_asks_before_signing_everyone_out(app, staff):
    signed_in_client(app, staff)
    result = app.test_cli_runner().invoke(args=["users", "sign-out-everyone"], input="n\n")
    assert result.exit_code != 0
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 1


def test_changing_the_password_gives_this_browser_a_new_token_and_keeps_remember_me(app, staff):
    """V7.2.4 "including re-authentication": the current password was given again."""
    browser = app.test_client()
    browser.sign_in(staff, remember=True)
    before = session_token(app, browser)
    copied = app.test_client()
    copied.set_cookie("staffroom", browser.get_cookie("staffroom").value)

    response = browser.post(
        "/account/password",
        data={
            "current_password": DEFAULT_PASSWORD,
            "new_password": "a new and longer passphrase",
            "confirm_password": "a new and longer passphrase",
        },
    )
    assert response.status_code == 303
    assert session_token(app, browser) not in (None, before)
    assert browser.get("/account").status_code == 200
    assert browser.get_cookie("staffroom").expires is not None  # still "keep me signed in"
    assert copied.get("/").status_code == 303  # the old token no longer works
    assert db.session.scalar(select(UserSession.remember)) is True


def test_after_an_htmx_password_change_the_whole_page_reloads_for_its_new_form_token(app, staff):
    browser = signed_in_client(app, staff)
    response = browser.hx(
        "post",
        "/account/password",
        data={
            "current_password": DEFAULT_PASSWORD,
            "new_password": "a new and longer passphrase",
            "confirm_password": "a new and longer passphrase",
        },
    )
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/account"
