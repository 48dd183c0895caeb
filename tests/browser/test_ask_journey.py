"""Journey: Ask Staffroom from the home page, by keyboard: a passage for the question, a follow-up
read with the question before, a question nothing covers declined and handed to the community.
With JavaScript each answer joins a live log and focus stays in the question box; without it the
form posts and the page shows the answer. axe-core after each step."""

import re

from playwright.sync_api import expect

from app import demo
from tests.browser.conftest import axe_violations, sign_in

HTMX_BUSY = ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added"


def settled(page) -> None:
    page.wait_for_function(f"() => !document.querySelector({HTMX_BUSY!r})")


def tab_to(page, target, *, limit: int = 80) -> None:
    """Press Tab until `target` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} not reached with {limit} presses of Tab")


def test_ask_follow_up_get_a_passage_and_hand_a_question_to_the_community(page, demo_content):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    home_box = page.get_by_label("Ask Staffroom")
    assert axe_violations(page) == []
    tab_to(page, home_box)
    page.keyboard.type("How do I claim mileage for a site visit?")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ask#exchange-\d+$"))

    log = page.get_by_role("log", name="Your conversation with Ask Staffroom")
    first = log.locator(".sr-ask-exchange").first
    expect(first).to_contain_text("You asked: How do I claim mileage for a site visit?")
    expect(first.get_by_role("heading", name=re.compile("from “Claiming mileage for a site visit”"))).to_be_visible()
    expect(first.get_by_role("link", name="Read the whole article: Claiming mileage for a site visit")).to_be_visible()
    assert axe_violations(page) == []

    # A follow-up, by keyboard: the answer joins the log under its question; focus stays in the box.
    box = page.get_by_role("textbox", name="Your question")
    tab_to(page, box)
    page.keyboard.type("and for a hire car?")
    page.keyboard.press("Enter")
    expect(log.locator(".sr-ask-exchange")).to_have_count(2)
    settled(page)
    follow_up = log.locator(".sr-ask-exchange").nth(1)
    expect(follow_up).to_contain_text("Read with your last question, as “How do I claim mileage for a hire car?”")
    expect(
        follow_up.get_by_role("heading", name=re.compile("from “Booking a hire car for council business”"))
    ).to_be_visible()
    expect(box).to_be_focused()
    expect(box).to_have_value("")
    assert axe_violations(page) == []

    # Feedback in place, by keyboard.
    tab_to(page, follow_up.get_by_role("button", name="This helped"))
    page.keyboard.press("Enter")
    expect(follow_up.get_by_text("Thank you. You said this helped.")).to_be_visible()
    settled(page)
    assert axe_violations(page) == []

    # Something Staffroom does not cover: it says so, and the question goes to the community.
    tab_to(page, box)
    page.keyboard.type("How do I apply for maternity leave?")
    page.keyboard.press("Enter")
    expect(log.locator(".sr-ask-exchange")).to_have_count(3)
    settled(page)
    declined = log.locator(".sr-ask-exchange").nth(2)
    expect(declined).to_contain_text("Sorry, Staffroom has no answer to that")
    expect(declined.get_by_role("button", name="Raise a general enquiry")).to_be_visible()
    expect(box).to_be_focused()
    assert axe_violations(page) == []
    tab_to(page, declined.get_by_role("button", name="Ask the community of practice"))
    page.keyboard.press("Enter")
    expect(declined).to_contain_text("Sent to the community of practice")
    settled(page)
    assert axe_violations(page) == []
    assert page.console_errors == []

    # The editors see it with the open questions.
    page.context.clear_cookies()
    sign_in(page, "ea@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/kb/questions")
    page.get_by_role("link", name="How do I apply for maternity leave?").click()
    expect(page.get_by_role("heading", level=1, name="How do I apply for maternity leave?")).to_be_visible()
    assert axe_violations(page) == []


def test_ask_staffroom_works_without_javascript(page_without_js, demo_content):
    page = page_without_js
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/ask")
    page.get_by_role("textbox", name="Your question").fill("What is the maximum hotel rate per night in London?")
    page.get_by_role("button", name="Ask", exact=True).click()
    page.wait_for_url(re.compile(r"/ask#exchange-\d+$"))
    expect(
        page.get_by_role("heading", name=re.compile("Nightly limits, from “Booking hotel accommodation"))
    ).to_be_visible()

    page.get_by_role("textbox", name="Your question").fill("and elsewhere?")
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator(".sr-ask-exchange")).to_have_count(2)
    expect(page.locator(".sr-ask-exchange").nth(1)).to_contain_text("Read with your last question")

    page.get_by_role("textbox", name="Your question").fill("Is there a Christmas party this year?")
    page.get_by_role("button", name="Ask", exact=True).click()
    declined = page.locator(".sr-ask-exchange").nth(2)
    expect(declined).to_contain_text("Sorry, Staffroom has no answer to that")
    declined.get_by_role("button", name="Ask the community of practice").click()
    expect(page.locator("#flash-messages")).to_contain_text("Sent to the community of practice")
    expect(page.locator(".sr-ask-exchange").nth(2)).to_contain_text("Sent to the community of practice")

    page.get_by_role("button", name="Clear the conversation").click()
    expect(page.locator(".sr-ask-exchange")).to_have_count(0)
    expect(page.locator("#flash-messages")).to_contain_text("Conversation cleared")


def test_an_empty_question_with_javascript_shows_the_error_summary_with_the_focus(page, demo_content):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/ask")
    box = page.get_by_role("textbox", name="Your question")
    tab_to(page, box)
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter your question")
    expect(
        page.get_by_role("log", name="Your conversation with Ask Staffroom").locator(".sr-ask-exchange")
    ).to_have_count(0)
    settled(page)
    assert axe_violations(page) == []
    assert page.console_errors == []
