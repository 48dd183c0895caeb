"""Journey: anyone opens the dashboard, changes the filters (in place with JavaScript, by the
button without), reads charts that axe-core finds accessible, and a manager sees figures per person."""

import re

from playwright.sync_api import expect

from app import demo
from tests.browser.conftest import axe_violations, axe_violations_after_swap, sign_in


def test_staff_filter_the_dashboard_in_place_and_every_section_is_accessible(page, demo_content):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Requests and service levels")).to_be_visible()
    page.wait_for_load_state()  # htmx applies the filters only once the page's scripts have run
    assert axe_violations(page) == []

    page.get_by_label("Period", exact=True).select_option(label="Last 4 weeks")
    expect(page).to_have_url(re.compile(r"period=4w"))
    expect(page.locator("#dashboard-content")).to_contain_text("Last 4 weeks to")
    expect(page.locator("#dashboard-heading")).to_be_focused()  # focus follows the update
    expect(page.locator("#live-announcer")).to_contain_text("figures for last 4 weeks shown")
    assert axe_violations_after_swap(page) == []

    for section in ("Demand", "Ideas", "Knowledge"):
        page.get_by_role("navigation", name="Dashboard sections").get_by_role("link", name=section).click()
        expect(page).to_have_url(re.compile(r"period=4w"))  # the filters carry over
        assert page.locator("svg.sr-chart").count() == 0 or page.locator("svg.sr-chart title").count() > 0
        assert axe_violations(page) == [], section
    assert page.get_by_role("link", name="Per person").count() == 0  # staff do not get figures per person
    assert page.console_errors == [], page.console_errors


def test_the_dashboard_filters_work_without_javascript(page_without_js, demo_content):
    page = page_without_js
    sign_in(page, "manager@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/dashboard")
    page.get_by_label("Period", exact=True).select_option(label="Last 13 weeks")
    page.get_by_role("button", name="Show figures").click()
    expect(page).to_have_url(re.compile(r"period=13w"))
    expect(page.locator("#dashboard-content")).to_contain_text("Last 13 weeks to")
    page.get_by_role("link", name="Per person").click()
    expect(page.get_by_role("heading", name=re.compile("Figures per person: Executive Support"))).to_be_visible()


def test_a_manager_reads_the_resilience_tab_and_the_monthly_pack_and_both_are_accessible(page, demo_content):
    sign_in(page, "manager@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/dashboard")
    page.get_by_role("navigation", name="Dashboard sections").get_by_role("link", name="Resilience").click()
    expect(page.get_by_role("heading", name="Resilience: single points of failure")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Services, the most exposed first"))).to_be_visible()
    assert page.get_by_label("Period", exact=True).count() == 0  # a fixed 90 days: no filters
    assert axe_violations(page) == []
    page.get_by_role("navigation", name="Dashboard sections").get_by_role("link", name="Requests").click()
    page.get_by_role("link", name="Monthly performance pack").click()
    expect(page.get_by_role("heading", name=re.compile("Business Support performance: "))).to_be_visible()
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Printable view").click()
    expect(page.get_by_role("button", name="Show pack")).to_have_count(0)
    assert axe_violations(page) == []
    assert page.console_errors == [], page.console_errors
