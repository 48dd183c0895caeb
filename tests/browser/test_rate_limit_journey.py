"""Journey: search as you type past the rate limit. The message appears in the page's flash region
and is read out while focus stays in the search box; the full search page then says the same in
the site layout. (Counted in memory here: tests/test_rate_limits.py tests the shared counting.)"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, serving, sign_in
from tests.factories import DEFAULT_PASSWORD, make_user


@pytest.fixture
def live_server(make_app):
    """As tests/browser/conftest.py's, with rate limits on: two searches a minute."""
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://", RATELIMIT_SEARCH="2 per minute")
    with serving(app) as server:
        yield server


def test_search_as_you_type_past_the_limit_says_so_without_taking_focus(page, live_server):
    with live_server.app.app_context():
        email = make_user(name="Quick Typist").email
    sign_in(page, email, DEFAULT_PASSWORD)
    box = page.get_by_role("combobox", name="Search Staffroom")
    statuses = []
    for text in ("le", "lea", "leav"):
        with page.expect_response(lambda response: "/search/suggest" in response.url) as answer:
            box.fill(text)
        statuses.append(answer.value.status)
    assert statuses == [200, 200, 429]

    flash = page.locator("#flash-messages")
    expect(flash).to_contain_text("You have done that too many times")
    expect(flash).to_contain_text("You can search up to 2 times a minute.")
    expect(page.locator("#live-announcer")).to_contain_text("You have searched too many times")
    expect(box).to_be_focused()
    expect(box).to_have_value("leav")
    assert axe_violations(page) == []

    box.press("Enter")
    page.wait_for_url("**/search?q=leav")
    expect(page.get_by_role("heading", level=1)).to_have_text("You have done that too many times")
    assert axe_violations(page) == []
    # The browser logs each 429 as a failed load; nothing else may go wrong.
    assert [error for error in page.console_errors if "status of 429" not in error] == []
