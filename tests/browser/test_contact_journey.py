"""Journeys: a Customer Hub agent raises a request for a resident without an account who asked for
a letter — finding people with the person picker by keyboard as it is typed, recording someone
not listed and coming back with nothing lost — replies, and opens the printable letter with the
reply and the address; and the same picker without JavaScript. Axe checks the picker, the
contact form and the letter."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import Team
from tests.browser.conftest import axe_violations, axe_violations_after_swap, sign_in
from tests.factories import make_service

HUB_AGENT = "hub.officer@staffroom.test"


@pytest.fixture
def resident_enquiries(live_server, demo_content):
    """A service the Customer Hub runs itself, so its agent both keys and works the request."""
    with live_server.app.app_context():
        hub = db.session.scalar(select(Team).where(Team.name == "Customer Hub"))
        service = make_service(name="Resident enquiries", team=hub, category="Meetings and events")
        return service.slug


def test_an_agent_raises_a_request_for_a_resident_who_asked_for_a_letter_and_prints_it(page, resident_enquiries):
    sign_in(page, HUB_AGENT, demo.DEMO_PASSWORD)
    page.goto(f"/services/{resident_enquiries}/request")
    page.wait_for_load_state()
    page.get_by_label("What do you need?").fill("A replacement bus pass form")
    page.get_by_label("Tell us more").fill("Asked at the library desk; lost her pass last week")

    # The picker by keyboard: type, the list updates (read out), Tab into the group, arrows choose.
    search = page.get_by_label("Find someone by name, email or team")
    search.focus()
    page.keyboard.type("Edna")
    results = page.locator("#person-results")
    expect(results.get_by_role("status")).to_have_text(re.compile("1 found for “Edna”"))
    edna = results.get_by_role("radio", name="Mrs Edna Jones")
    page.keyboard.press("Tab")  # the Find button
    page.keyboard.press("Tab")  # into the radios, at the checked one ("Me")
    expect(results.get_by_role("radio", name="Me")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(edna).to_be_checked()
    assert axe_violations_after_swap(page) == []

    # Not Edna after all: someone not listed, recorded, and back with nothing lost.
    search.fill("")
    search.focus()
    page.keyboard.type("Arthur Price")
    expect(results.get_by_role("status")).to_have_text(re.compile("0 found for “Arthur Price”"))
    page.get_by_role("button", name="Not listed? Record someone without an account").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/requests/contacts/new"))
    expect(page.get_by_label("Full name")).to_have_value("Arthur Price")
    assert axe_violations(page) == []
    page.get_by_label("Postal address (optional)").fill("4 Canal Street\nLeicester\nLE1 2AB")
    page.get_by_label("Letter: an agent posts it").check()
    page.get_by_label("Anything we should know (optional)").fill("Needs large print")
    page.get_by_role("button", name="Save and use for this request").click()
    page.wait_for_url(re.compile(f"/services/{resident_enquiries}/request"))
    expect(page.get_by_label("What do you need?")).to_have_value("A replacement bus pass form")
    expect(page.get_by_role("radio", name="Arthur Price")).to_be_checked()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main")).to_contain_text("Arthur Price (no account; you are keying it for them)")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("main")).to_contain_text("You sent this for Arthur Price, who has no account")
    page.get_by_role("link", name="see what you sent").click()

    # The acknowledgement is a letter to send; so is the reply.
    expect(page.locator("#contact")).to_contain_text("For Arthur Price, who has no account")
    page.get_by_label("Your message").fill("Your new bus pass form is enclosed. Return it in the envelope.")
    page.get_by_role("button", name="Send reply to Arthur Price").click()
    tasks = page.locator(".sr-contact-task")
    expect(tasks).to_have_count(2)
    tasks.nth(1).get_by_role("link", name=re.compile("Print the letter")).click()

    letter = page.locator(".sr-letter")
    expect(letter).to_contain_text("Arthur Price")
    expect(letter).to_contain_text("4 Canal Street")
    expect(letter).to_contain_text("LE1 2AB")
    expect(letter).to_contain_text("Your new bus pass form is enclosed.")
    expect(page.get_by_role("button", name="Print the letter")).to_be_visible()
    assert axe_violations(page) == []
    # Printed, only the letter: no header, navigation, instructions or button.
    page.emulate_media(media="print")
    expect(page.locator(".govuk-template__header")).to_be_hidden()
    expect(page.locator(".sr-letter-tools")).to_be_hidden()
    expect(letter).to_be_visible()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Back to the request").click()
    page.locator(".sr-contact-task").nth(1).get_by_role("button", name=re.compile("I have posted the letter")).click()
    expect(page.locator(".sr-contact-task").nth(1)).to_contain_text("Done by Chloe Evans")


def test_the_person_picker_works_without_javascript(page_without_js, resident_enquiries):
    page = page_without_js
    sign_in(page, HUB_AGENT, demo.DEMO_PASSWORD)
    page.goto(f"/services/{resident_enquiries}/request")
    page.get_by_label("What do you need?").fill("Copies of council letters")
    page.get_by_label("Tell us more").fill("For her husband's pension")
    page.get_by_label("Find someone by name, email or team").fill("Edna")
    page.get_by_role("button", name="Find").click()
    expect(page.locator("#person-results")).to_contain_text("1 found for “Edna”")
    expect(page.get_by_label("What do you need?")).to_have_value("Copies of council letters")
    page.get_by_role("radio", name="Mrs Edna Jones").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main")).to_contain_text("Mrs Edna Jones (no account; you are keying it for them)")
    page.get_by_role("button", name="Send request").click()
    page.get_by_role("link", name="see what you sent").click()

    page.get_by_label("Your message").fill("We have scanned your letters and sent them to Pensions.")
    page.get_by_role("button", name="Send reply to Mrs Edna Jones").click()
    page.locator(".sr-contact-task").nth(1).get_by_role("link", name=re.compile("Print the letter")).click()
    letter = page.locator(".sr-letter")
    expect(letter).to_contain_text("12 Mill Lane")
    expect(letter).to_contain_text("We have scanned your letters and sent them to Pensions.")
    expect(page.locator("main")).to_contain_text("use your browser’s Print command")
    expect(page.get_by_role("button", name="Print the letter")).to_be_hidden()
