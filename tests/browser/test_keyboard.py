"""Journeys by keyboard alone (Tab to reach, Enter or Space to press, arrows to choose; no
mouse): voting for an idea, and working the team queue. After each htmx swap focus is where the
person expects it and the change is read out. (Search as you type and reordering a request form
by keyboard are in test_search_journey.py and test_request_journey.py; the article editor's
toolbar, link picker and image chooser in test_editor.py.)"""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Idea, IdeaVote, User
from tests.browser.conftest import axe_violations_after_swap, tab_to
from tests.pages import ACCOUNTS, DEMO_PASSWORD, demo_targets


@pytest.fixture
def targets(live_server):
    with live_server.app.app_context():
        return demo_targets()


def sign_in_by_keyboard(page, role: str) -> None:
    page.goto("/sign-in")
    tab_to(page, page.get_by_label("Email address"))
    page.keyboard.type(ACCOUNTS[role])
    tab_to(page, page.get_by_label("Password", exact=True))
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/sign-in" not in url)


def test_vote_for_an_idea_and_take_it_back_by_keyboard(page, live_server, targets):
    with live_server.app.app_context():
        staff = db.session.scalar(select(User).where(User.email == ACCOUNTS["staff"]))
        idea_id = db.session.scalar(
            select(Idea.id)
            .where(
                Idea.status == "under_review",
                Idea.id.not_in(select(IdeaVote.idea_id).where(IdeaVote.user_id == staff.id)),
            )
            .order_by(Idea.id)
            .limit(1)
        )
    sign_in_by_keyboard(page, "staff")
    page.goto(f"/ideas/{idea_id}")
    page.wait_for_load_state()  # htmx is listening only once the page's scripts have run
    button = page.locator("form.sr-vote").get_by_role("button")
    count = page.locator("form.sr-vote .sr-vote__count strong")
    before = int(count.inner_text())
    expect(button).to_have_attribute("aria-pressed", "false")

    tab_to(page, button)
    page.keyboard.press("Enter")
    expect(count).to_have_text(str(before + 1))
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_text(re.compile(r"^\s*Voted"))
    expect(button).to_be_focused()  # the new button, in place of the one pressed
    expect(page.locator("#live-announcer")).to_have_text(f"Voted. {before + 1} vote{'s' if before else ''}.")
    assert axe_violations_after_swap(page) == []

    page.keyboard.press("Space")
    expect(count).to_have_text(str(before))
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_be_focused()
    expect(page.locator("#live-announcer")).to_have_text(f"Vote taken back. {before} vote{'s' if before != 1 else ''}.")
    assert axe_violations_after_swap(page) == []
    assert page.console_errors == [], page.console_errors


def test_agent_filters_the_team_queue_and_takes_a_request_by_keyboard(page, targets):
    sign_in_by_keyboard(page, "agent")
    page.goto("/requests/queue")
    page.wait_for_load_state()
    filters = page.get_by_role("navigation", name="Queue filters")

    # A filter link: the results change in place, focus moves to the new count, which is read out.
    tab_to(page, filters.get_by_role("link", name=re.compile(r"^Nobody \(\d+\)")))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"assignee=unassigned"))
    expect(filters.locator("[aria-current]", has_text="Nobody")).to_be_visible()
    count = page.locator("#queue-count")
    expect(count).to_be_focused()
    shown = count.inner_text().strip()  # "1 request", "12 requests"
    assert re.fullmatch(r"[1-9]\d* requests?", shown)
    expect(page.locator("#live-announcer")).to_have_text(f"{shown} shown")
    assert axe_violations_after_swap(page) == []

    # The drop-downs: arrows choose, Enter on "Apply" sends them (with the filter chosen before).
    tab_to(page, filters.get_by_label("Sort by"))
    page.keyboard.press("ArrowDown")
    chosen = filters.get_by_label("Sort by").input_value()
    tab_to(page, filters.get_by_role("button", name="Apply"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"assignee=unassigned.*sort={chosen}|sort={chosen}.*assignee=unassigned"))
    expect(page.locator("#queue-count")).to_have_text(shown)

    # "Assign to me" on the first request: its row changes in place, focus lands in the row on
    # the news, which is read out too.
    row = page.locator("#queue-results tbody tr").first
    reference = re.search(r"BS-\d{6}", row.inner_text()).group(0)
    row = page.locator("tr", has=page.get_by_role("link", name=re.compile(reference)))
    tab_to(page, row.get_by_role("button", name=re.compile("Assign to me")), limit=150)
    page.keyboard.press("Enter")
    expect(row).to_contain_text("Tom Okafor")
    expect(row.get_by_text(f"{reference} is assigned to you")).to_be_focused()
    expect(page.locator("#live-announcer")).to_have_text(f"{reference} assigned to you")
    assert axe_violations_after_swap(page) == []
    assert page.console_errors == [], page.console_errors
