"""Journey: staff post an idea, are shown a similar one, vote for it in place and comment; a
manager moves an idea through every status, merges a duplicate and records a benefit."""

import re

from playwright.sync_api import expect

from app import demo
from tests.browser.conftest import axe_violations, axe_violations_after_swap, sign_in


def test_staff_find_a_similar_idea_vote_for_it_and_comment(page, demo_content):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/ideas/new")
    page.get_by_label("Your idea, in a line").fill("Tablet sign-in for visitors at reception")
    similar = page.locator("#similar-ideas")
    expect(similar.get_by_role("link", name=re.compile("visitors", re.I)).first).to_be_visible()
    assert axe_violations_after_swap(page) == []

    similar.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/ideas/\d+$"))
    vote = page.locator("form.sr-vote")
    before = int(vote.locator(".sr-vote__count strong").inner_text())
    button = vote.get_by_role("button")
    if button.get_attribute("aria-pressed") == "true":  # they had voted before: take it back first
        button.click()
        expect(page.locator("form.sr-vote").get_by_role("button")).to_have_attribute("aria-pressed", "false")
        before -= 1
    page.locator("form.sr-vote").get_by_role("button").click()
    expect(page.locator("form.sr-vote .sr-vote__count strong")).to_have_text(str(before + 1))
    expect(page.locator("form.sr-vote").get_by_role("button")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("form.sr-vote").get_by_role("button")).to_be_focused()
    expect(page.locator("#live-announcer")).to_contain_text("Voted")
    assert axe_violations_after_swap(page) == []

    page.get_by_label("Add a comment").fill("Reception would love this.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Reception would love this.")).to_be_visible()
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_staff_post_and_vote_without_javascript(page_without_js, demo_content):
    page = page_without_js
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/ideas/new")
    page.get_by_label("Your idea, in a line").fill("Quiet room bookings on the intranet")
    page.get_by_label("Describe it").fill("A simple booking list for the quiet room on floor 2.")
    page.get_by_label("Hours it could save each month (optional)").fill("two")
    page.get_by_role("button", name="Post idea").click()
    assert "Hours saved must be a number" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Your idea, in a line").input_value() == "Quiet room bookings on the intranet"
    page.get_by_label("Hours it could save each month (optional)").fill("2")
    page.get_by_role("button", name="Post idea").click()
    assert "Your idea is on the board" in page.locator("#flash-messages").inner_text()
    assert page.locator(".sr-vote__count").inner_text().startswith("1 vote")


def test_manager_moves_an_idea_through_every_status_merges_and_records_a_benefit(page, demo_content):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/ideas/new")
    page.get_by_label("Your idea, in a line").fill("Colour-coded diary categories for all directors")
    page.get_by_label("Describe it").fill("Use the same categories in every director's diary.")
    page.get_by_role("button", name="Post idea").click()
    idea_url = page.url
    page.goto("/ideas/new")
    page.get_by_label("Your idea, in a line").fill("Same diary colours for every director")
    page.get_by_label("Describe it").fill("One set of colours.")
    page.get_by_role("button", name="Post idea").click()
    duplicate_url = page.url
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "manager@staffroom.test", demo.DEMO_PASSWORD)
    page.goto(idea_url)
    for label in ("Under review", "Planned", "In progress", "Implemented"):
        page.get_by_label(label, exact=True).check()
        page.get_by_label("Note for followers (optional)").fill(f"Now {label.lower()}")
        page.get_by_role("button", name="Change status").click()
        expect(page.locator("#flash-messages")).to_contain_text(f"Status changed to {label.lower()}")
    history = page.locator(".sr-history").inner_text()
    assert "In progress → Implemented" in history and "by Priya Shah" in history
    assert axe_violations(page) == []

    page.get_by_label("Hours saved each month").fill("3.5")
    page.get_by_label("Money saved each year, in pounds").fill("1,200")
    page.get_by_label("Day", exact=True).fill("1")
    page.get_by_label("Month", exact=True).fill("11")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_role("button", name="Record benefit").click()
    expect(page.locator("#flash-messages")).to_contain_text("Benefit recorded")
    page.goto("/ideas/benefits")
    expect(page.get_by_role("link", name="Colour-coded diary categories for all directors")).to_be_visible()

    page.goto(duplicate_url)
    search = page.get_by_label("Find the idea it duplicates")
    expect(search).to_be_hidden()  # shown only under "Duplicate"
    expect(page.get_by_label("Why it is not being taken forward")).to_be_hidden()
    page.get_by_label("Duplicate", exact=True).check()
    search.fill("colour-coded diary")
    page.get_by_role("button", name="Change status").click()
    chosen = page.get_by_label(re.compile("Colour-coded diary categories for all directors"))
    expect(chosen).to_be_checked()  # the one idea found
    assert axe_violations(page) == []
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_text("This idea was merged into")).to_be_visible()
    expect(page.get_by_text("This idea is closed to comments")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(idea_url)
    expect(page.locator(".sr-history")).to_contain_text("Same diary colours for every director”, merged into this one")
    assert page.console_errors == []
