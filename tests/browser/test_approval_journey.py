"""Done when (issue 21): a purchase order over £5,000 raised in the browser waits for its
approver; the approver opens the link in the email actually queued for them, confirms, and the
request then appears in the team's queue, where an agent works it. Axe checks the approval
section and the confirm page."""

import re

from playwright.sync_api import expect
from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import OutgoingEmail
from tests.browser.conftest import axe_violations, sign_in


def approval_link_for(live_server, address: str) -> str:
    """The path of the signed link in the approval email queued for `address` (the outbox)."""
    with live_server.app.app_context():
        bodies = db.session.scalars(
            select(OutgoingEmail.body).where(
                OutgoingEmail.to_address == address, OutgoingEmail.subject.contains("needs your approval")
            )
        ).all()
    assert len(bodies) == 1, bodies
    return re.search(r"the link works for 14 days\): https?://[^/\s]+(/\S+)", bodies[0]).group(1)


def test_a_purchase_order_over_5000_waits_for_approval_from_the_email_then_is_worked(page, live_server, demo_content):
    sign_in(page, "staff@staffroom.test", demo.DEMO_PASSWORD)  # Sam Patel; his line manager is Priya Shah
    page.goto("/services/raise-a-purchase-order/request")
    page.get_by_label("What do you need?").fill("Laptops for the new starters")
    page.get_by_label("Tell us more").fill("Six laptops, quote attached to the email")
    page.get_by_label("Supplier's name").fill("Viking Direct")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("What are you buying?").fill("Six laptops")
    page.get_by_label("Total cost excluding VAT (£)").fill("6000")
    page.get_by_label("Cost centre and subjective code").fill("HW1020 4102")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send request").click()
    reference = re.search(r"BS-\d{6}", page.locator(".govuk-panel").inner_text()).group(0)
    page.goto(f"/requests/{reference}")
    expect(page.locator("main")).to_contain_text("Awaiting approval")
    expect(page.locator("#approval + ol")).to_contain_text("waiting for Priya Shah")

    # Not in Finance Support's working queue while it waits.
    page.context.clear_cookies()
    sign_in(page, "finance.officer@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/requests/queue")
    expect(page.locator("main")).not_to_contain_text(reference)

    # Priya opens the link from the email queued for her: a page to confirm, not a decision.
    page.context.clear_cookies()
    sign_in(page, "manager@staffroom.test", demo.DEMO_PASSWORD)
    page.goto(f"/requests/{reference}")
    expect(page.get_by_role("heading", name="Approval")).to_be_visible()
    expect(page.get_by_role("group", name="Do you approve this request?")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(approval_link_for(live_server, "manager@staffroom.test"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve “Laptops for the new starters”?")
    expect(page.locator("main")).to_contain_text(re.compile(r"6,?000"))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm decision").click()  # nothing chosen: asked to choose
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose approve or reject")
    assert axe_violations(page) == []
    page.get_by_label("Approve", exact=True).check()
    page.get_by_role("button", name="Confirm decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Approved. Thank you.")
    expect(page.locator("ol.sr-timeline")).to_contain_text("Approved by Priya Shah")

    # Now Finance Support's: in the queue, and worked.
    page.context.clear_cookies()
    sign_in(page, "finance.officer@staffroom.test", demo.DEMO_PASSWORD)
    page.goto("/requests/queue")
    row = page.get_by_role("row", name=re.compile(reference))
    expect(row).to_be_visible()
    row.get_by_role("link", name=re.compile(reference)).click()
    page.get_by_label("In progress", exact=True).check()
    page.get_by_role("button", name="Change status").click()
    expect(page.locator("main")).to_contain_text("Status changed to in progress")
    assert page.console_errors == [], page.console_errors
