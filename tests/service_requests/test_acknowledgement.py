"""A new request is acknowledged to the person it is for: in Staffroom and by one email (through
the outbox, delivered by the real SMTP server on loopback) with the reference, the due date in
words, what they asked and a link."""

import pytest
from flask import current_app
from sqlalchemy import select

from app import clock, mail
from app.extensions import db
from app.models import Notification
from app.service_requests import raising
from tests.factories import make_service
from tests.service_requests.helpers import ACKNOWLEDGEMENT, emails, london, make_cast, raise_request

# Thursday 2 April 2026, 16:30 BST: Good Friday and Easter Monday are bank holidays, so the clock
# starts on Tuesday 7 April and three working days end on Thursday 9 April at 5pm.
THURSDAY = london(2026, 4, 2, 16, 30)


@pytest.fixture
def cast(mail_app):
    with clock.fixed(THURSDAY):
        yield make_cast()


def acknowledgements():
    return [email for email in emails(acknowledgements=True) if email.subject.startswith(ACKNOWLEDGEMENT)]


def send_with_answers(cast, by, *, requester=None):
    """A request with answers of its own (a choice and a date), sent as the check-answers page does."""
    service = make_service(
        name="Committee support",
        team=cast.team,
        fields=[
            {"kind": "radios", "label": "Which committee?", "options": "Planning\nLicensing"},
            {"kind": "date", "label": "Meeting date"},
        ],
    )
    committee, meeting = service.fields
    with current_app.test_request_context():
        draft = raising.save_draft(
            service,
            by,
            token=None,
            subject="Minutes for the Planning Committee",
            description="Two hours, Committee Room 2",
            answers={str(committee.id): "Planning", str(meeting.id): "2026-04-14"},
            new_files={},
            shown_file_ids=set(),
            requester_id=requester.id if requester else None,
        )
        service_request = raising.submit_draft(draft, by)
        db.session.commit()
    return draft, service_request


def test_the_requester_is_emailed_once_with_reference_due_date_answers_and_link(cast, smtp_server):
    inbox, _ = smtp_server
    _, service_request = send_with_answers(cast, cast.requester)
    [queued] = emails(acknowledgements=True, to_address=cast.requester.email)
    assert queued.subject == f"{ACKNOWLEDGEMENT} {service_request.reference}: Minutes for the Planning Committee"

    assert mail.send_pending()["failed"] == 0
    [message] = [message for message in inbox.messages if message["To"] == cast.requester.email]
    body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert f"Your reference number is {service_request.reference}." in body
    assert "It is due by 5pm on Thursday 9 April 2026." in body
    assert "Subject: Minutes for the Planning Committee" in body
    assert "Details: Two hours, Committee Room 2" in body
    assert "Which committee?: Planning" in body
    assert "Meeting date: 14 April 2026" in body
    assert f"https://staffroom.council.test/requests/{service_request.reference}" in body
    # Only what they asked: nothing of the team's own fields.
    assert "Priority" not in body and "Assigned" not in body
    assert mail.send_pending()["sent"] == 0  # sent once
    assert len([message for message in inbox.messages if message["To"] == cast.requester.email]) == 1


def test_the_requester_is_told_in_staffroom_too(cast):
    service_request = raise_request(cast.service, cast.requester)
    [told] = db.session.scalars(select(Notification).where(Notification.user_id == cast.requester.id))
    assert told.message.startswith(f"{service_request.reference} received: Minutes for the Planning Committee")
    assert "Due by 5pm on Thursday 9 April 2026" in told.message
    assert told.link == f"/requests/{service_request.reference}"


def test_a_request_keyed_by_an_agent_is_acknowledged_to_the_person_it_is_for(cast):
    _, service_request = send_with_answers(cast, cast.agent, requester=cast.requester)
    [email] = acknowledgements()
    assert email.to_address == cast.requester.email  # not the agent who keyed it
    assert email.subject.startswith(f"{ACKNOWLEDGEMENT} {service_request.reference}")
    assert "Alex Agent sent this request for you." in email.body


def test_sending_the_same_draft_twice_acknowledges_once(cast):
    draft, _ = send_with_answers(cast, cast.requester)
    with current_app.test_request_context(), pytest.raises(raising.AlreadySent):
        raising.submit_draft(draft, cast.requester)
    db.session.rollback()
    assert len(acknowledgements()) == 1
