"""Forgotten your password: the link goes out through the real SMTP server on loopback, and the
test follows it from the message received, as a person would."""

import hashlib
import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from app import clock, mail
from app.auth import passwords
from app.extensions import db
from app.models import AuditEvent, LoginAttempt, OutgoingEmail, PasswordResetToken, UserSession
from tests.conftest import page_text
from tests.factories import DEFAULT_PASSWORD, make_user, signed_in_client

NEW_PASSWORD = "a brand new passphrase for staffroom"
MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LINK = re.compile(r"https://staffroom\.council\.test(/reset-password/[A-Za-z0-9_-]+)")


@pytest.fixture
def person(mail_app):
    return make_user(name="Jo Bloggs", email="jo.bloggs@council.test")


def ask_for_link(client, email="jo.bloggs@council.test"):
    return client.post("/forgotten-password", data={"email": email})


def delivered(smtp_server) -> list:
    """Send what the outbox holds to the test SMTP server, and return every message received."""
    received, _ = smtp_server
    mail.send_pending()
    return received.messages


def link_in(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    match = LINK.search(body)
    assert match, body
    return match.group(1)


def choose(client, path, new=NEW_PASSWORD, confirm=None):
    return client.post(path, data={"new_password": new, "confirm_password": new if confirm is None else confirm})


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def sessions_of(user) -> int:
    return db.session.scalar(select(func.count()).select_from(UserSession).where(UserSession.user_id == user.id))


def test_the_sign_in_page_links_to_forgotten_password(client):
    response = client.get("/sign-in")
    assert 'href="/forgotten-password"' in response.get_data(as_text=True)
    assert "Forgotten your password?" in page_text(response)


def test_a_person_resets_their_password_through_the_emailed_link(mail_app, smtp_server, person):
    browser = mail_app.test_client()
    with clock.fixed(MONDAY_9AM):
        phone = signed_in_client(mail_app, person, user_agent="Phone")
        response = ask_for_link(browser, "  Jo.Bloggs@Council.test ")
        assert response.status_code == 303
        assert urlsplit(response.headers["Location"]).path == "/forgotten-password/check-your-email"
        page = browser.get("/forgotten-password/check-your-email")
        assert "Check your email" in page_text(page)
        assert "Jo.Bloggs@Council.test" in page_text(page)

        [message] = delivered(smtp_server)
        assert message["To"] == "jo.bloggs@council.test"
        assert message["Subject"] == "Reset your Staffroom password"
        assert "within 30 minutes" in message.get_body(preferencelist=("plain",)).get_content()
        path = link_in(message)

        form = browser.get(path)
        assert form.status_code == 200
        assert "Choose a new password" in page_text(form)
        assert "jo.bloggs@council.test" in page_text(form)
        done = choose(browser, path)
        assert done.status_code == 303
        assert urlsplit(done.headers["Location"]).path == "/"
        # This browser is signed in as them; the phone's session has ended.
        assert "Your password has been changed and you are signed in" in page_text(browser.get("/"))
        assert phone.get("/").status_code == 303
    assert sessions_of(person) == 1
    db.session.refresh(person)
    assert passwords.verify_password(person.password_hash, NEW_PASSWORD)
    assert not passwords.verify_password(person.password_hash, DEFAULT_PASSWORD)
    assert audit_actions()[-3:] == ["sign_in", "password_reset_requested", "password_reset"]
    reset_event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "password_reset"))
    assert (reset_event.actor_id, reset_event.subject_id, reset_event.details) == (
        person.id,
        person.id,
        {"sessions_ended": 1},
    )
    # The link worked once.
    again = mail_app.test_client().get(path)
    assert again.status_code == 404
    assert "This link has expired or has already been used" in page_text(again)
    assert choose(mail_app.test_client(), path, "yet another new passphrase").status_code == 404


def test_only_a_hash_of_the_token_is_stored(mail_app, smtp_server, person):
    ask_for_link(mail_app.test_client())
    token = link_in(delivered(smtp_server)[0]).rsplit("/", 1)[1]
    [row] = db.session.scalars(select(PasswordResetToken))
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.token_hash
    assert row.user_id == person.id


@pytest.mark.parametrize(
    "email",
    ["nobody@council.test", "deactivated@council.test"],
    ids=["no such account", "deactivated account"],
)
def test_an_address_without_an_active_account_gets_the_same_answer_and_no_email(mail_app, smtp_server, person, email):
    make_user(email="deactivated@council.test", active=False)
    known, unknown = mail_app.test_client(), mail_app.test_client()
    answers = [ask_for_link(known), ask_for_link(unknown, email)]
    assert [answer.status_code for answer in answers] == [303, 303]
    assert answers[0].headers["Location"] == answers[1].headers["Location"]
    assert answers[0].get_data() == answers[1].get_data()
    pages = [
        page_text(known.get(answers[0].headers["Location"])),
        page_text(unknown.get(answers[1].headers["Location"])),
    ]
    assert pages[0].replace("jo.bloggs@council.test", email) == pages[1]
    assert [message["To"] for message in delivered(smtp_server)] == ["jo.bloggs@council.test"]
    assert db.session.scalar(select(func.count()).select_from(PasswordResetToken)) == 1
    requested = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "password_reset_requested")).all()
    assert [(event.details["email"], event.details["sent"]) for event in requested] == [
        ("jo.bloggs@council.test", True),
        (email, False),
    ]


def test_an_empty_address_is_refused_on_its_field(mail_app):
    response = ask_for_link(mail_app.test_client(), "")
    assert response.status_code == 422
    assert "Enter your email address" in page_text(response)
    assert db.session.scalar(select(func.count()).select_from(OutgoingEmail)) == 0


def test_the_link_expires_after_30_minutes(mail_app, smtp_server, person):
    browser = mail_app.test_client()
    with clock.fixed(MONDAY_9AM) as now:
        ask_for_link(browser)
        path = link_in(delivered(smtp_server)[0])
        now.advance(minutes=29, seconds=59)
        assert browser.get(path).status_code == 200
        now.advance(seconds=1)
        expired = choose(browser, path)
    assert expired.status_code == 404
    assert "Ask for a new link" in page_text(expired)
    db.session.refresh(person)
    assert passwords.verify_password(person.password_hash, DEFAULT_PASSWORD)


def test_changing_the_password_another_way_ends_every_link(mail_app, smtp_server, person):
    admin = make_user(roles=["admin"])
    browser = mail_app.test_client()
    ask_for_link(browser)
    ask_for_link(browser)
    first, second = (link_in(message) for message in delivered(smtp_server))
    assert first != second
    laptop = signed_in_client(mail_app, person)
    changed = laptop.post(
        "/account/password",
        data={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
    )
    assert changed.status_code == 303
    assert browser.get(first).status_code == 404
    assert browser.get(second).status_code == 404

    ask_for_link(browser)
    third = link_in(delivered(smtp_server)[-1])
    set_by_admin = signed_in_client(mail_app, admin).post(
        f"/admin/people/{person.id}/password", data={"new_password": "set by an administrator"}
    )
    assert set_by_admin.status_code == 303
    assert browser.get(third).status_code == 404


def test_a_link_stops_working_when_its_person_is_deactivated(mail_app, smtp_server, person):
    browser = mail_app.test_client()
    ask_for_link(browser)
    path = link_in(delivered(smtp_server)[0])
    person.active = False
    db.session.commit()
    assert choose(browser, path).status_code == 404


@pytest.mark.parametrize(
    "new, confirm, message",
    [
        ("too short", None, "Password must be 12 characters or more"),
        ("jo.bloggs@council.test", None, "Password must not be your email address"),
        (NEW_PASSWORD, "something else entirely", "The passwords do not match"),
    ],
    ids=["too short", "the email address", "confirmation differs"],
)
def test_a_new_password_the_rules_refuse_says_why_and_keeps_the_link(
    mail_app, smtp_server, person, new, confirm, message
):
    browser = mail_app.test_client()
    ask_for_link(browser)
    path = link_in(delivered(smtp_server)[0])
    refused = choose(browser, path, new, confirm)
    assert refused.status_code == 422
    assert message in page_text(refused)
    assert f'value="{new}"' not in refused.get_data(as_text=True)  # passwords are never sent back
    assert choose(browser, path).status_code == 303


def test_a_reset_lifts_a_sign_in_lock_out(mail_app, smtp_server, person):
    attacker = mail_app.test_client()
    for _ in range(5):
        attacker.post("/sign-in", data={"email": person.email, "password": "wrong guess number"})
    locked = attacker.post("/sign-in", data={"email": person.email, "password": DEFAULT_PASSWORD})
    assert "too many failed attempts" in page_text(locked)
    assert "Forgotten your password?" in page_text(locked)
    browser = mail_app.test_client()
    ask_for_link(browser)
    assert choose(browser, link_in(delivered(smtp_server)[0])).status_code == 303
    assert signed_in_client(mail_app, person, password=NEW_PASSWORD)
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt).where(LoginAttempt.succeeded)) == 2


def test_a_made_up_link_is_not_found(client):
    for path in ("/reset-password/made-up", "/reset-password/" + "x" * 2000):
        response = client.get(path)
        assert response.status_code == 404
        assert "This link has expired or has already been used" in page_text(response)


def test_housekeeping_removes_expired_links(mail_app, smtp_server, person):
    runner = mail_app.test_cli_runner()
    with clock.fixed(MONDAY_9AM) as now:
        ask_for_link(mail_app.test_client())
        now.advance(minutes=31)
        ask_for_link(mail_app.test_client())
        result = runner.invoke(args=["housekeeping"])
    assert "1 expired password reset links," in result.output, result.output
    assert db.session.scalar(select(func.count()).select_from(PasswordResetToken)) == 1
