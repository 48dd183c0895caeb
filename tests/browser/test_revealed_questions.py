"""Questions revealed by an answer, in a real browser: GOV.UK's conditional reveal directly under
the answer that shows it, reached and answered by keyboard alone, with no accessibility
violations open or closed; without JavaScript every question shows with a note saying when to
answer it. And the colleague search that copies someone into a request, by keyboard."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import Team
from tests.browser.conftest import axe_violations, sign_in, tab_to
from tests.factories import make_service


@pytest.fixture
def hearing(live_server, demo_content):
    """A service whose yes/no question reveals one question, and whose radios reveal another."""
    with live_server.app.app_context():
        team = db.session.scalar(select(Team).where(Team.name == "Executive Support"))
        service = make_service(
            name="Minutes for a hearing",
            team=team,
            fields=[
                {"kind": "yesno", "label": "Is any of it confidential?"},
                {"kind": "textarea", "label": "Which items are confidential"},
                {"kind": "radios", "label": "Kind of hearing", "options": "Disciplinary\nGrievance\nAppeal"},
                {"kind": "text", "label": "Name of the HR adviser"},
                {"kind": "text", "label": "Name of the chair"},
            ],
        )
        confidential, items, kind, adviser, _ = service.fields
        items.show_if_field_id, items.show_if_value = confidential.id, "Yes"
        adviser.show_if_field_id, adviser.show_if_value = kind.id, "Appeal"
        db.session.commit()
        return service.slug


def test_revealed_questions_open_under_their_answer_and_are_answered_by_keyboard(page, hearing):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto(f"/services/{hearing}/request")
    page.wait_for_load_state()
    yes = page.get_by_label("Yes", exact=True)
    items = page.get_by_label("Which items are confidential")
    adviser = page.get_by_label("Name of the HR adviser")
    expect(items).to_be_hidden()
    expect(adviser).to_be_hidden()
    assert axe_violations(page) == []

    tab_to(page, yes)
    page.keyboard.press("Space")
    expect(yes).to_be_checked()
    expect(yes).to_have_attribute("aria-expanded", "true")
    expect(items).to_be_visible()
    # The revealed question is the next stop: directly under the answer that shows it.
    page.keyboard.press("Tab")
    expect(items).to_be_focused()
    page.keyboard.type("Item 4")
    assert axe_violations(page) == []

    # Arrows move through a radio group: Disciplinary, Grievance, Appeal.
    tab_to(page, page.get_by_label("Disciplinary"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Appeal")).to_be_checked()
    expect(adviser).to_be_visible()
    page.keyboard.press("Tab")
    expect(adviser).to_be_focused()
    page.keyboard.type("Hana Adviser")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowUp")  # Grievance: the adviser question closes again
    expect(adviser).to_be_hidden()
    expect(page.get_by_label("Appeal")).to_have_attribute("aria-expanded", "false")
    assert axe_violations(page) == []

    page.get_by_label("What do you need?").fill("Minutes for a grievance hearing")
    page.get_by_label("Tell us more").fill("Two hours")
    page.get_by_label("Name of the chair").fill("Cllr Chair")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending your request")
    answers = page.locator(".govuk-summary-list").inner_text()
    assert "Item 4" in answers and "Hana Adviser" not in answers  # the closed question's answer is dropped
    assert page.console_errors == [], page.console_errors


def test_without_javascript_every_question_shows_with_when_to_answer_it(page_without_js, hearing):
    page = page_without_js
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto(f"/services/{hearing}/request")

    expect(page.get_by_label("Which items are confidential")).to_be_visible()
    expect(page.get_by_text("Answer if you chose “Yes” for “Is any of it confidential?”")).to_be_visible()
    expect(page.get_by_label("Name of the HR adviser")).to_be_visible()
    expect(page.get_by_text("Answer if you chose “Appeal” for “Kind of hearing”")).to_be_visible()


def test_the_requester_copies_a_colleague_in_by_keyboard(page, hearing):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto(f"/services/{hearing}/request")
    page.get_by_label("What do you need?").fill("Minutes")
    page.get_by_label("Tell us more").fill("Two hours")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Grievance").check()
    page.get_by_label("Name of the chair").fill("Cllr Chair")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send request").click()
    reference = re.search(r"BS-\d{6}", page.locator(".govuk-panel").inner_text()).group(0)
    page.goto(f"/requests/{reference}")

    tab_to(page, page.get_by_role("link", name="Copy a colleague in"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    tab_to(page, page.get_by_label("Find a colleague"))
    page.keyboard.type("agent")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#colleague-results")).to_contain_text("found for “agent”")
    assert axe_violations(page) == []
    button = page.get_by_role("button", name=re.compile(r"^Copy in "))
    name = button.first.inner_text().removeprefix("Copy in").strip()
    tab_to(page, button.first)
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.locator("#flash-messages")).to_contain_text(f"{name} is copied in")
    expect(page.locator("#copied-in ~ ul").first).to_contain_text(name)
    assert axe_violations(page) == []
    assert page.console_errors == [], page.console_errors
