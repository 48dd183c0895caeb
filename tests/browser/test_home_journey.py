"""Journey: each role's home page shows its own work first, and each figure leads to the page
listing exactly that many (with and without JavaScript; axe-core reads each home page)."""

import re

import pytest

from app import demo
from app.extensions import db
from tests.browser.conftest import axe_violations, sign_in

# What each demo account's "What needs you" holds, besides their own requests.
SECTIONS = {
    "staff@staffroom.test": [],
    "agent@staffroom.test": ["Executive Support queue"],
    "manager@staffroom.test": ["Executive Support queue", "Decisions and gaps"],
    "ea@staffroom.test": ["Knowledge base"],
}
COUNTED_BY = {  # how the linked page says how many it lists
    "/requests/queue": r"(\d+) requests?\b",
    "/ideas": r"(\d+) ideas?\b",
}


@pytest.fixture
def demo_data(live_server):
    with live_server.app.app_context():
        demo.seed(progress=lambda line: None, request_history=False)
        db.session.commit()


def figures(page) -> list[tuple[int, str, str]]:
    panel = page.locator("section[aria-labelledby=waiting-heading]")
    found = []
    for link in panel.locator("a:has(strong)").all():
        text = " ".join(link.inner_text().split())
        count, label = text.split(" ", 1)
        found.append((int(count), label, link.get_attribute("href")))
    return found


@pytest.mark.parametrize("email", SECTIONS)
def test_each_role_sees_its_own_work_first(page, demo_data, email):
    sign_in(page, email, demo.DEMO_PASSWORD)
    panel = page.locator("section[aria-labelledby=waiting-heading]")
    assert panel.get_by_role("heading", name="What needs you").count() == 1
    headings = [h.inner_text().strip() for h in panel.locator("h3").all() if h.inner_text().strip() != "Your requests"]
    assert headings == SECTIONS[email]
    assert axe_violations(page) == []
    for count, label, href in figures(page):
        path = href.split("?")[0]
        if path not in COUNTED_BY:
            continue
        page.goto(href)
        shown = re.search(COUNTED_BY[path], page.locator("main").inner_text())
        assert shown and int(shown.group(1)) == count, f"{label}: home says {count}"
        page.go_back()
    assert page.console_errors == []


def test_the_figures_work_without_javascript(page_without_js, demo_data):
    page = page_without_js
    sign_in(page, "agent@staffroom.test", demo.DEMO_PASSWORD)
    [(count, _, href)] = [figure for figure in figures(page) if figure[1] == "unassigned"]
    page.locator("section[aria-labelledby=waiting-heading]").get_by_role("link", name=f"{count} unassigned").click()
    page.wait_for_load_state()
    assert page.url.endswith(href)
    assert re.search(rf"\b{count} requests?\b", page.locator("main").inner_text())
