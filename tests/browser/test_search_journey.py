"""Journey: search as you type from the header, by keyboard only, announced to screen readers;
and the full search page without JavaScript."""

import re

from playwright.sync_api import expect

from app import demo
from tests.browser.conftest import axe_violations, axe_violations_after_swap, sign_in, tab_to


def test_search_as_you_type_by_keyboard(page, demo_content):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    box = page.get_by_role("combobox", name="Search Staffroom")
    tab_to(page, box)
    page.keyboard.type("milea")
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    article = listbox.get_by_role("option", name=re.compile("Claiming mileage for a site visit"))
    expect(article).to_be_visible()
    expect(box).to_be_focused()  # the swap leaves focus in the box, where typing goes on
    expect(page.locator("#live-announcer")).to_contain_text("suggestion")
    assert axe_violations_after_swap(page) == []
    options = listbox.get_by_role("option")
    first = options.first
    position = [options.nth(i).get_attribute("id") for i in range(options.count())].index(article.get_attribute("id"))

    page.keyboard.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(box).to_be_focused()

    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    for _ in range(position + 1):
        page.keyboard.press("ArrowDown")
    expect(article).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kb/claiming-mileage-for-a-site-visit")
    assert page.console_errors == []


def test_enter_without_choosing_goes_to_the_full_search_page(page, demo_content):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    box = page.get_by_role("combobox", name="Search Staffroom")
    box.fill("expences claim")
    box.press("Enter")
    page.wait_for_url("**/search?q=expences+claim")
    results = page.locator("#search-results")
    expect(results).to_contain_text("including close spellings")
    expect(results.locator("mark").first).to_be_visible()
    assert axe_violations(page) == []

    # Facets filter in place and keep the query in the address.
    results.get_by_role("link", name="Travel and expenses").click()
    page.wait_for_url("**category=Travel*")
    expect(page.locator("#search-results")).to_contain_text("Travel and expenses")
    assert axe_violations_after_swap(page) == []
    assert page.console_errors == []


def test_search_page_works_without_javascript(page_without_js, demo_content):
    page = page_without_js
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.get_by_role("combobox", name="Search Staffroom").fill("council chamber")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url("**/search?q=council+chamber")
    page.get_by_role("link", name="Booking the Council Chamber").click()
    assert page.url.endswith("/kb/booking-the-council-chamber")
