"""Journey: an editor writes an article with the live preview, publishes and revises it;
a member of staff finds it, rates it in place, and watches it. axe-core after every swap."""

import re

import pytest
from playwright.sync_api import expect

from app import demo
from app.extensions import db
from tests.browser.conftest import axe_violations, axe_violations_after_swap, sign_in


@pytest.fixture
def demo_people(live_server):
    with live_server.app.app_context():
        demo.seed(progress=lambda line: None, request_history=False)
        db.session.commit()


def write_article(page, title: str):
    page.goto("/kb/new")
    page.get_by_label("How-to").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("How to book the roof terrace for a team event.")
    body = page.get_by_label("Article")
    body.fill("Book it early.\n\n## Steps\n\n1. Email Facilities\n2. Wait for the booking reference\n")


def test_editor_writes_previews_publishes_and_revises(page, demo_people):
    sign_in(page, "ea@staffroom.test", demo.DEMO_PASSWORD)
    write_article(page, "Booking the roof terrace")
    # The live preview follows the typing, rendered by the server's sanitiser.
    preview = page.locator("#article-preview")
    preview.get_by_text("Email Facilities").wait_for()
    assert preview.get_by_role("heading", name="Steps").count() == 1
    assert axe_violations_after_swap(page) == []

    page.get_by_label("Category").select_option(label="Meetings and committees")
    page.get_by_label("Published – everyone can read it").check()
    page.get_by_role("button", name="Save article").click()
    page.get_by_role("heading", level=1, name="Booking the roof terrace").wait_for()
    assert "saved as published" in page.locator("#flash-messages").inner_text()
    assert page.url.endswith("/kb/booking-the-roof-terrace")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Edit article").click()
    page.get_by_label("Title").fill("Booking the roof terrace for events")
    page.get_by_label("Article").fill("Book it at least a week early.\n\n## Steps\n\n1. Email Facilities\n")
    page.get_by_label("What changed (optional)").fill("Added the notice period")
    page.get_by_role("button", name="Save article").click()
    page.get_by_role("heading", level=1, name="Booking the roof terrace for events").wait_for()

    page.get_by_role("link", name=re.compile(r"History \(2 versions\)")).click()
    diff = page.locator("#revision-diff")
    added = diff.locator(".sr-diff__line--added").first
    assert " ".join(added.text_content().split()) == "Added in version 2: Book it at least a week early."
    assert axe_violations(page) == []

    # Restoring version 1 makes a third version; nothing is lost.
    page.get_by_role("button", name="Restore version 1").click()
    assert "Version 1 restored as version 3" in page.locator("#flash-messages").inner_text()
    assert page.get_by_role("cell", name="3 (current)").count() == 1
    assert axe_violations(page) == []

    # The old address still works, and the title is back to version 1's.
    page.goto("/kb/booking-the-roof-terrace-for-events")
    assert page.url.endswith("/kb/booking-the-roof-terrace")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Booking the roof terrace"

    # Attach a checklist; readers download it under its own name.
    page.get_by_label("Add an attachment").set_input_files(
        files=[{"name": "terrace checklist.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 checklist"}]
    )
    page.get_by_role("button", name="Upload").click()
    assert "terrace checklist.pdf attached" in page.locator("#flash-messages").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="terrace checklist.pdf").click()
    assert download.value.suggested_filename == "terrace checklist.pdf"
    assert axe_violations(page) == []
    assert page.console_errors == []

    # Staff then find the revised article by typing in the header's search box.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    box = page.get_by_role("combobox", name="Search Staffroom")
    box.click()
    page.keyboard.type("roof terr")
    suggestion = page.get_by_role("listbox", name="Suggestions").get_by_role(
        "option", name=re.compile("Booking the roof terrace")
    )
    expect(suggestion).to_be_visible()
    assert axe_violations_after_swap(page) == []
    suggestion.click()
    page.wait_for_url("**/kb/booking-the-roof-terrace")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Booking the roof terrace"


def test_staff_reads_rates_in_place_and_watches(page, demo_people):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/kb/")
    page.get_by_role("link", name="Meetings and committees").click()
    page.get_by_role("link", name="Booking the Council Chamber").click()
    assert page.get_by_role("navigation", name="Contents").count() == 1
    assert page.get_by_role("button", name="Edit article").count() == 0
    assert axe_violations(page) == []

    feedback = page.locator("#feedback-panel")
    if feedback.locator("details").get_attribute("open") is None:  # they rated it before
        feedback.locator("summary").click()
    feedback.get_by_label("No").check()
    feedback.get_by_label("What was missing or wrong? (optional)").fill("Nothing about evening bookings.")
    feedback.get_by_role("button", name="Send feedback").click()
    page.locator("#feedback-panel").get_by_text("Thank you for your feedback").wait_for()
    # Focus moves to the thanks, so screen-reader and keyboard users land on the result.
    expect(page.locator("#feedback-panel [data-focus-after-swap]")).to_be_focused()
    page.locator("#live-announcer").get_by_text("Thank you for your feedback").wait_for(state="attached")
    assert axe_violations_after_swap(page) == []

    watch = page.get_by_role("button", name=re.compile("^Follow this article"))
    watch.click()
    stop = page.get_by_role("button", name=re.compile("^Stop following this article"))
    stop.wait_for()
    assert stop.get_attribute("aria-pressed") == "true"
    assert axe_violations_after_swap(page) == []
    assert page.console_errors == []


def test_rating_works_without_javascript(page_without_js, demo_people):
    page = page_without_js
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/kb/booking-the-council-chamber")
    feedback = page.locator("#feedback-panel")
    if feedback.locator("details").get_attribute("open") is None:  # they rated it before
        feedback.locator("summary").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Send feedback").click()
    assert "Thank you for your feedback" in page.locator("#flash-messages").inner_text()
    assert "You said this article was helpful" in page.locator("#feedback-panel").inner_text()
