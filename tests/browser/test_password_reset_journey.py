"""Journey: "Forgotten your password?" from the sign-in page, the email through the real SMTP server
on loopback, the link followed, a new password chosen, and the person lands on their home page."""

import re

import pytest
from playwright.sync_api import expect

from app import mail
from tests.browser.conftest import axe_violations, serving
from tests.factories import make_user

LINK = re.compile(r"https://staffroom\.council\.test(/reset-password/[A-Za-z0-9_-]+)")


@pytest.fixture
def live_server(make_app, smtp_server):
    """As tests/browser/conftest.py's, sending mail to the test SMTP server (when asked)."""
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server[1], BASE_URL="https://staffroom.council.test")
    with serving(app) as server:
        yield server


def test_a_person_who_forgot_their_password_sets_a_new_one_from_the_emailed_link(page, live_server, smtp_server):
    with live_server.app.app_context():
        make_user(name="Jo Bloggs", email="jo.bloggs@council.test")
    page.goto("/sign-in")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgotten your password")
    assert axe_violations(page) == []
    page.get_by_label("Email address").fill("jo.bloggs@council.test")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.locator("main")).to_contain_text("jo.bloggs@council.test")

    with live_server.app.app_context():
        assert mail.send_pending()["sent"] == 1
    [message] = smtp_server[0].messages
    path = LINK.search(message.get_body(preferencelist=("plain",)).get_content()).group(1)

    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    assert axe_violations(page) == []
    page.get_by_label("New password", exact=True).fill("too short")
    page.get_by_label("Confirm new password").fill("too short")
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Password must be 12 characters or more")
    page.get_by_label("New password", exact=True).fill("a brand new passphrase for jo")
    page.get_by_label("Confirm new password").fill("a brand new passphrase for jo")
    page.get_by_role("button", name="Set password and sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("#flash-messages")).to_contain_text("Your password has been changed and you are signed in")
    assert page.console_errors == []
