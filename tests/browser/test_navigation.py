"""Journey: each demo account signs in and reaches every page in the navigation, with and
without JavaScript (test_accessibility.py has axe-core read every page as each role)."""

import pytest
from playwright.sync_api import expect

from app import demo
from app.extensions import db
from tests.browser.conftest import axe_violations, axe_violations_after_swap, sign_in

NAVIGATION = ["Home", "Ask Staffroom", "Ideas", "Knowledge", "Services", "My requests", "Dashboard"]
WORKERS = ["Home", "Ask Staffroom", "Ideas", "Knowledge", "Services", "My requests", "Team queue", "Dashboard"]
ACCOUNTS = {
    "admin@staffroom.test": [*WORKERS, "Admin"],
    "manager@staffroom.test": WORKERS,
    "agent@staffroom.test": WORKERS,
    "ea@staffroom.test": NAVIGATION,
    "staff@staffroom.test": NAVIGATION,
}


@pytest.fixture
def demo_data(live_server):
    with live_server.app.app_context():
        demo.seed(progress=lambda line: None, request_history=False)
        db.session.commit()


@pytest.mark.parametrize("email", ACCOUNTS)
def test_each_demo_account_reaches_every_navigation_page(page, demo_data, email):
    sign_in(page, email, demo.DEMO_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome to the staffroom")

    navigation = page.get_by_role("navigation", name="Main")
    links = [link.inner_text().strip() for link in navigation.get_by_role("link").all()]
    assert links == ACCOUNTS[email]

    for label in ACCOUNTS[email]:
        page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        current = page.get_by_role("navigation", name="Main").locator("[aria-current]")
        assert current.inner_text().strip() == label
        assert page.get_by_role("heading", level=1).count() == 1

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert "You have signed out" in page.content()
    assert page.console_errors == []


def test_navigation_works_without_javascript(page_without_js, demo_data):
    page = page_without_js
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    for label in NAVIGATION:
        page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).count() == 1
    page.get_by_role("button", name="Sign out").click()
    assert "You have signed out" in page.content()


def test_sign_in_error_is_announced_and_fixable(page, demo_data):
    page.goto("/sign-in")
    page.get_by_label("Email address").fill("staff@staffroom.test")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter a correct email address and password" in summary.inner_text()
    # GOV.UK Frontend moves focus to the summary so screen readers read it first.
    expect(summary).to_be_focused()  # waits for GOV.UK Frontend's script, however busy the machine
    assert page.get_by_label("Email address").input_value() == "staff@staffroom.test"
    assert axe_violations(page) == []


def test_admin_people_filter_updates_results_in_place(page, demo_data):
    sign_in(page, "admin@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/admin/people")
    page.get_by_label("Search by name or email").fill("okafor")
    results = page.locator("#people-results")
    results.get_by_text("1 person matching").wait_for()
    assert "Tom Okafor" in results.inner_text()
    assert "okafor" in page.url  # the filter is in the address, so it can be shared
    assert axe_violations_after_swap(page) == []
    assert page.console_errors == []
