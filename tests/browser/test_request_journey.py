"""Journeys: staff find a service, fill its form (a mistake corrected on the way), see guidance
that might answer them, check their answers, send once and find the request in My requests; a
manager builds and reorders a form with the keyboard; the same without JavaScript."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app import demo
from app import search as search_index
from app.extensions import db
from app.models import Team, User
from tests.browser.conftest import axe_violations, axe_violations_after_swap, sign_in, tab_to
from tests.factories import make_article, make_category, make_service


@pytest.fixture
def minute_taking(live_server, demo_content):
    """A service of the demo manager's team with a conditional question, and an article that
    might answer requests for it."""
    with live_server.app.app_context():
        team = db.session.scalar(select(Team).where(Team.name == "Executive Support"))
        service = make_service(
            name="Minutes for a formal meeting",
            team=team,
            category="Meetings and events",
            resolution_days=5,
            keywords="minute taker, clerk",
            fields=[
                {"kind": "date", "label": "Date of the meeting", "not_in_past": True},
                {"kind": "number", "label": "Expected length in hours", "min_value": 1, "max_value": 8},
                {"kind": "yesno", "label": "Is any of it confidential?"},
                {"kind": "textarea", "label": "Which items are confidential", "required": True},
            ],
        )
        service.fields[3].show_if_field_id = service.fields[2].id
        service.fields[3].show_if_value = "Yes"
        editor = db.session.scalar(select(User).where(User.email == "ea@staffroom.test"))
        make_article(
            title="Taking minutes for a confidential item",
            summary="How to minute a part II item",
            # Says what the journey's request asks (a licensing sub-committee's confidential item):
            # this test is about the suggestions appearing as one types, not about how sure Ask is.
            body="Minutes of confidential committee items, such as a premises licence at a licensing "
            "sub-committee, go in a separate part II record.",
            category=make_category("Minute-taking"),
            author=editor,
        )
        db.session.commit()
        search_index.apply_pending()
        return service.slug


def test_staff_raise_a_request_fixing_a_mistake_then_find_it_in_my_requests(page, minute_taking):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Services", exact=True).click()
    page.wait_for_load_state()  # htmx is listening only once the page's scripts have run
    page.get_by_label("Find a service").fill("minute taker")
    results = page.locator("#service-results")
    expect(results.get_by_role("link", name="Minutes for a formal meeting")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=minute(%20|\+)taker"))
    assert axe_violations_after_swap(page) == []
    results.get_by_role("link", name="Minutes for a formal meeting").click()
    page.get_by_role("button", name="Make a request").click()
    page.wait_for_load_state()

    # The confidential question hides until "Yes" is chosen.
    confidential_items = page.get_by_label("Which items are confidential")
    expect(confidential_items).to_be_hidden()
    page.get_by_label("What do you need?").fill("Minutes for the licensing sub-committee")
    page.get_by_label("Tell us more").fill("It has a confidential item about a premises licence")
    suggestions = page.locator("#request-suggestions")
    expect(suggestions.get_by_role("link", name=re.compile("Taking minutes for a confidential item"))).to_be_visible()
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2099")
    page.get_by_label("Expected length in hours").fill("12")
    page.get_by_label("Yes", exact=True).check()
    expect(confidential_items).to_be_visible()
    assert axe_violations_after_swap(page) == []
    page.get_by_role("button", name="Continue").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    assert "Expected length in hours must be between 1 and 8" in summary.inner_text()
    assert "Answer “Which items are confidential”" not in summary.inner_text()
    assert "Enter which items are confidential" in summary.inner_text()
    assert page.get_by_label("What do you need?").input_value() == "Minutes for the licensing sub-committee"
    assert axe_violations(page) == []
    summary.get_by_role("link", name=re.compile("Expected length")).click()
    expect(page.get_by_label("Expected length in hours")).to_be_focused()
    page.get_by_label("Expected length in hours").fill("3")
    page.get_by_label("Which items are confidential").fill("Item 4: premises licence review")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending your request")
    answers = page.locator(".govuk-summary-list").inner_text()
    assert "12 March 2099" in answers and "Item 4: premises licence review" in answers
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send request").click()

    panel = page.locator(".govuk-panel")
    expect(panel).to_contain_text("Request sent")
    reference = re.search(r"BS-\d{6}", panel.inner_text()).group(0)
    assert axe_violations(page) == []
    page.go_back()  # back to check answers, and send again: still one request
    page.reload()
    expect(page.locator(".govuk-panel")).to_contain_text(reference)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My requests").click()
    row = page.get_by_role("row", name=re.compile(reference))
    expect(row).to_contain_text("Minutes for a formal meeting")
    assert page.get_by_role("row", name=re.compile("Minutes for the licensing sub-committee")).count() == 1
    assert axe_violations(page) == []
    row.get_by_role("link").click()
    expect(page.locator("main")).to_contain_text("Item 4: premises licence review")
    assert axe_violations(page) == []
    assert page.console_errors == [], page.console_errors


def test_staff_raise_a_request_without_javascript(page_without_js, minute_taking):
    page = page_without_js
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto(f"/services/{minute_taking}/request")
    # Every question shows, the conditional one with a note saying when to answer it.
    expect(page.get_by_text("Answer if you chose “Yes” for “Is any of it confidential?”")).to_be_visible()
    page.get_by_label("What do you need?").fill("Minutes for Cabinet")
    page.get_by_label("Tell us more").fill("Regular Cabinet meeting")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2000")
    page.get_by_label("Expected length in hours").fill("2")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Which items are confidential").fill("typed but not needed")
    page.get_by_role("button", name="Continue").click()
    assert "Date of the meeting must be today or in the future" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Continue").click()
    answers = page.locator(".govuk-summary-list").inner_text()
    assert "typed but not needed" not in answers  # a hidden question's answer is dropped
    page.get_by_role("button", name="Send request").click()
    assert "Request sent" in page.locator(".govuk-panel").inner_text()


def test_manager_builds_and_reorders_a_form_with_the_keyboard(page, minute_taking):
    sign_in(page, "manager@staffroom.test", demo.DEMO_PASSWORD)
    page.goto(f"/services/{minute_taking}/form")
    assert axe_violations(page) == []
    # Keyboard only from here: Tab to reach a control, arrows to choose, Enter to press.
    tab_to(page, page.get_by_label("Short text", exact=True))  # into the radio group
    while not page.get_by_label("Drop-down list").is_checked():
        page.keyboard.press("ArrowDown")
    tab_to(page, page.get_by_role("button", name="Add question"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Question", exact=True))
    page.keyboard.type("Which room?")
    tab_to(page, page.get_by_label("Options"))
    page.keyboard.type("Committee Room 1\nCommittee Room 2")
    tab_to(page, page.get_by_role("button", name="Save question"))
    page.keyboard.press("Enter")
    expect(page.locator("#flash-messages")).to_contain_text("Question added: Which room?")
    questions = page.locator(".sr-question__text strong")
    expect(questions.last).to_have_text("5. Which room?")
    page.wait_for_load_state()  # htmx moves the question only once the page's scripts have run

    tab_to(page, page.get_by_role("button", name=re.compile(r"^Move up\W+Which room")))
    page.keyboard.press("Enter")
    expect(questions.nth(3)).to_have_text("4. Which room?")
    # Focus stays on the moved question's button, and the move is read out.
    expect(page.get_by_role("button", name=re.compile(r"^Move up\W+Which room"))).to_be_focused()
    expect(page.locator("#live-announcer")).to_contain_text("now question 4 of 5")
    for position in (3, 2, 1):
        # Wait for focus to come back to the button after each swap before pressing again.
        expect(page.get_by_role("button", name=re.compile(r"^Move up\W+Which room"))).to_be_focused()
        page.keyboard.press("Enter")
        expect(questions.nth(position - 1)).to_have_text(f"{position}. Which room?")
    # At the top there is no "Move up": focus moves to "Move down".
    expect(page.get_by_role("button", name=re.compile(r"^Move down\W+Which room"))).to_be_focused()
    expect(page.locator("#live-announcer")).to_contain_text("now question 1 of 5")
    assert axe_violations_after_swap(page) == []
    # Space presses a button too: one step down, and focus stays on "Move down".
    page.keyboard.press("Space")
    expect(questions.nth(1)).to_have_text("2. Which room?")
    expect(page.get_by_role("button", name=re.compile(r"^Move down\W+Which room"))).to_be_focused()
    expect(page.locator("#live-announcer")).to_contain_text("moved down: it is now question 2 of 5")
    assert axe_violations_after_swap(page) == []

    page.goto(f"/services/{minute_taking}/request")
    labels = [
        text.strip() for text in page.locator("form .govuk-label, form .govuk-fieldset__legend").all_inner_texts()
    ]
    assert labels.index("Date of the meeting") < labels.index("Which room?") < labels.index("Expected length in hours")
    assert page.console_errors == [], page.console_errors


def _raise(page, slug: str, subject: str) -> str:
    page.goto(f"/services/{slug}/request")
    page.get_by_label("What do you need?").fill(subject)
    page.get_by_label("Tell us more").fill("Three items on the agenda")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2099")
    page.get_by_label("Expected length in hours").fill("2")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send request").click()
    return re.search(r"BS-\d{6}", page.locator(".govuk-panel").inner_text()).group(0)


def _resolved_in_four_weeks(page) -> int:
    """The dashboard's "N resolved" for the last 4 weeks, as a manager reads it."""
    page.goto("/dashboard?period=4w")
    value = page.locator(".sr-kpi", has_text="resolved").first.locator(".sr-kpi__value").inner_text()
    return int(value.replace(",", ""))


def test_agent_works_a_request_and_the_requester_replies_and_rates_it(page, minute_taking):
    sign_in(page, "manager@staffroom.test", demo.DEMO_PASSWORD)
    resolved_before = _resolved_in_four_weeks(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    reference = _raise(page, minute_taking, "Minutes for the audit committee")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "agent@staffroom.test", demo.DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team queue").click()
    page.get_by_role("link", name=re.compile(r"^Nobody")).click()
    page.wait_for_load_state()
    row = page.locator("tr", has=page.get_by_role("link", name=re.compile(reference)))
    expect(row).to_contain_text("Due in")
    assert axe_violations(page) == []
    # htmx: the row changes in place. Wait for the answer itself: with both suites running, the
    # post and the swap may take longer than a look at the row waits.
    with page.expect_response(lambda response: response.url.endswith(f"/{reference}/assign-to-me")) as answer:
        row.get_by_role("button", name=re.compile("Assign to me")).click()
    assert answer.value.status == 200
    expect(page.locator("tr", has=page.get_by_role("link", name=re.compile(reference)))).to_contain_text("Tom Okafor")
    expect(page.locator("#live-announcer")).to_contain_text(f"{reference} assigned to you")
    assert axe_violations_after_swap(page) == []

    page.get_by_role("link", name=re.compile(reference)).click()
    page.get_by_label("Your message").fill("Which room is it in?")
    page.get_by_role("button", name="Send reply to requester").click()
    expect(page.locator("#flash-messages")).to_contain_text("Reply sent")
    page.get_by_label("Waiting for requester").check()
    page.get_by_role("button", name="Change status").click()
    expect(page.locator("main")).to_contain_text("On hold: waiting for the requester")
    page.get_by_label("Your message").fill("Colleague asked for a typed copy too")
    page.get_by_role("button", name="Add internal note").click()
    expect(page.locator(".sr-timeline__item--internal")).to_contain_text("Colleague asked for a typed copy too")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto(f"/requests/{reference}")
    expect(page.get_by_role("heading", name="The team is waiting for your reply")).to_be_visible()
    assert "typed copy" not in page.locator("main").inner_text()  # internal notes stay internal
    page.get_by_label("Your message").fill("Committee Room 2")
    page.get_by_role("button", name=re.compile("^Send reply to ")).click()
    expect(page.locator("main")).to_contain_text("Waiting for requester → In progress")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "agent@staffroom.test", demo.DEMO_PASSWORD)
    page.goto(f"/requests/{reference}")
    page.get_by_label("Resolved").check()
    page.get_by_label("Message to the requester (optional)").fill("Minutes are in the shared folder.")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator("main")).to_contain_text("Resolved within target")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto(f"/requests/{reference}")
    page.get_by_label("Very good").check()
    page.get_by_label("Anything you want to tell us? (optional)").fill("Quick and clear")
    page.get_by_role("button", name="Send rating").click()
    expect(page.get_by_role("heading", name="Rate this service")).to_be_visible()
    expect(page.locator("main")).to_contain_text("You rated it 5 out of 5")
    assert axe_violations(page) == []
    assert page.console_errors == [], page.console_errors

    # The manager sees the resolved request in the dashboard's figures.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "manager@staffroom.test", demo.DEMO_PASSWORD)
    assert _resolved_in_four_weeks(page) == resolved_before + 1
