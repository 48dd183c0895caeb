"""Signing in and out: credentials, redirects, sessions, lock-out."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app import clock
from app.auth import passwords
from app.extensions import db
from app.models import UserSession
from tests.conftest import page_text
from tests.factories import DEFAULT_PASSWORD, make_user


def sign_in(client, email, password, **extra):
    return client.post("/sign-in", data={"email": email, "password": password, **extra})


def test_pages_need_sign_in_and_come_back_after(client, staff):
    response = client.get("/admin/people?status=all")
    assert response.status_code == 303
    assert response.headers["Location"] == "/sign-in?next=/admin/people?status%3Dall"

    response = client.post("/sign-in", data={"email": staff.email, "password": DEFAULT_PASSWORD, "next": "/account"})
    assert response.headers["Location"] == "/account"


def test_email_is_matched_whatever_its_case_and_spaces(client):
    make_user(email="grace.holloway@council.test")
    response = sign_in(client, "  Grace.Holloway@Council.TEST ", DEFAULT_PASSWORD)
    assert response.status_code == 303
    assert "Grace" not in page_text(response)  # a redirect, not the form again


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/phish",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/\t/evil.example",
    ],
)
def test_next_never_leads_off_site(client, staff, next_url):
    response = sign_in(client, staff.email, DEFAULT_PASSWORD, next=next_url)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_wrong_password_shows_error_summary_and_keeps_the_email(client, staff):
    response = sign_in(client, staff.email, "not the right password")
    text = page_text(response)
    assert response.status_code == 422
    assert "There is a problem" in text
    assert "Enter a correct email address and password" in text
    assert f'value="{staff.email}"' in response.get_data(as_text=True)
    assert response.get_data(as_text=True).count("<title>Error: ") == 1


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(client, staff):
    unknown = page_text(sign_in(client, "nobody@council.test", "whatever password"))
    wrong = page_text(sign_in(client, staff.email, "whatever password"))
    assert unknown.replace("nobody@council.test", "X") == wrong.replace(staff.email, "X")


def test_empty_fields_get_messages_for_each_field(client):
    text = page_text(sign_in(client, "", ""))
    assert "Enter your email address" in text
    assert "Enter your password" in text


def test_deactivated_person_cannot_sign_in(client):
    person = make_user(active=False)
    response = sign_in(client, person.email, DEFAULT_PASSWORD)
    assert response.status_code == 422
    assert "Enter a correct email address and password" in page_text(response)


def test_sign_in_starts_a_new_session_not_the_old_one(client, staff):
    client.get("/sign-in")
    before = client.get_cookie("staffroom").value
    sign_in(client, staff.email, DEFAULT_PASSWORD)
    after = client.get_cookie("staffroom").value
    assert before != after
    # The CSRF token of the anonymous session no longer works.
    assert client.get("/").status_code == 200


def test_sign_out_ends_the_session_even_if_the_cookie_is_replayed(client, staff):
    client.sign_in(staff)
    stolen_cookie = client.get_cookie("staffroom").value
    assert client.post("/sign-out").status_code == 303

    client.set_cookie("staffroom", stolen_cookie)
    response = client.get("/")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/sign-in")


def test_sign_out_needs_a_post_with_a_token(client, staff):
    client.sign_in(staff)
    assert client.get("/sign-out").status_code == 405
    assert client.post("/sign-out", data={}, csrf=False).status_code == 400
    assert client.get("/").status_code == 200


def test_session_ends_after_eight_hours_idle(client, staff):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with clock.fixed(start) as time:
        client.sign_in(staff)
        time.advance(hours=7, minutes=59)
        assert client.get("/").status_code == 200
        time.advance(hours=7, minutes=59)
        assert client.get("/").status_code == 200  # activity keeps it alive
        time.advance(hours=8, minutes=1)
        assert client.get("/").status_code == 303


def test_session_ends_seven_days_after_sign_in_even_when_active(client, staff):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with clock.fixed(start) as time:
        client.sign_in(staff, remember=True)
        for _ in range(23):
            time.advance(hours=7)
            assert client.get("/").status_code == 200
        time.advance(hours=7, minutes=1)
        assert client.get("/").status_code == 303


def test_remember_me_keeps_the_cookie_after_the_browser_closes(client, staff):
    client.sign_in(staff, remember=True)
    assert client.get_cookie("staffroom").expires is not None


def test_without_remember_me_the_cookie_goes_when_the_browser_closes(client, staff):
    client.sign_in(staff)
    assert client.get_cookie("staffroom").expires is None


def test_session_cookie_is_httponly_and_samesite_lax(client, staff):
    response = client.post("/sign-in", data={"email": staff.email, "password": DEFAULT_PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_over_https_the_cookie_is_secure_and_host_prefixed(make_app):
    app = make_app(SESSION_COOKIE_SECURE=True)
    with app.app_context():
        email = make_user().email
    client = app.test_client()
    page = client.get("/sign-in", base_url="https://localhost").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/sign-in",
        base_url="https://localhost",
        csrf=False,
        headers={"Referer": "https://localhost/sign-in"},
        data={"email": email, "password": DEFAULT_PASSWORD, "csrf_token": csrf},
    )
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-staffroom=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


def test_five_failures_lock_the_account_even_for_the_right_password(client, staff):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with clock.fixed(start) as time:
        for _ in range(5):
            time.advance(minutes=1)
            sign_in(client, staff.email, "wrong password, again")
        response = sign_in(client, staff.email, DEFAULT_PASSWORD)
        assert response.status_code == 422
        assert "too many failed attempts" in page_text(response)
        assert "Try again in 11 minutes" in page_text(response)

        time.advance(minutes=11)
        assert sign_in(client, staff.email, DEFAULT_PASSWORD).status_code == 303


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(client, staff):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with clock.fixed(start) as time:
        for _ in range(6):
            time.advance(minutes=4)
            sign_in(client, staff.email, "wrong password, again")
        assert sign_in(client, staff.email, DEFAULT_PASSWORD).status_code == 303


def test_lock_out_is_shared_by_every_worker(make_app, staff):
    """Two app instances (as two gunicorn workers) count failures in the same database."""
    # Any setting makes a separate app instance, as separate gunicorn workers are.
    first, second = make_app(TESTING=True).test_client(), make_app(TESTING=True).test_client()
    for client in (first, second, first, second, first):
        sign_in(client, staff.email, "wrong password, again")
    assert "too many failed attempts" in page_text(sign_in(second, staff.email, DEFAULT_PASSWORD))


def test_a_burst_of_attempts_on_many_workers_checks_at_most_five_passwords(app, staff, monkeypatch):
    """Twelve attempts at the same moment, each in its own thread with its own database connection
    as on separate workers: the lock-out is counted before each check, under one lock, so only five
    passwords are ever checked (it used to be as many as tried)."""
    checks = []
    real_verify = passwords.verify_password

    def slow_verify(password_hash, password):
        checks.append(password)
        time.sleep(0.05)  # as argon2 takes: the moment in which the others used to slip through
        return real_verify(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", slow_verify)
    start = threading.Barrier(12)
    email = staff.email

    def attempt(number):
        worker = app.test_client()
        with app.app_context():
            worker.csrf_token()  # the form as a browser has it, before the moment everyone posts
            start.wait()
            return page_text(sign_in(worker, email, f"guess number {number}"))

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(attempt, range(12)))
    assert len(checks) == 5
    assert sum("Enter a correct email address and password" in answer for answer in answers) == 5
    assert sum("too many failed attempts" in answer for answer in answers) == 7


def test_a_successful_sign_in_records_a_session_row(client, staff):
    client.sign_in(staff)
    rows = db.session.scalars(select(UserSession).where(UserSession.user_id == staff.id)).all()
    assert len(rows) == 1
    assert len(rows[0].token_hash) == 64
    assert rows[0].token_hash not in client.get_cookie("staffroom").value


def test_signed_in_person_visiting_sign_in_goes_home(client, staff):
    client.sign_in(staff)
    assert client.get("/sign-in").headers["Location"] == "/"
