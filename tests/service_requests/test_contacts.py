"""People without an account (assisted digital): recording them (checked details on their fields,
the preferred way needing its detail, duplicates warned), the person picker without JavaScript and
as htmx fragment, requests for them and how they hear (an email through the real SMTP server on
loopback; phone calls and letters as tasks, done once, on the timeline and in the audit log), the
printable letter, who may see them, and the retention period applied by `flask housekeeping`."""

import html
import re
from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import func, select

from app import clock, mail
from app.extensions import db
from app.models import (
    ApprovalStep,
    AuditEvent,
    Contact,
    ContactTask,
    EventKind,
    OutgoingEmail,
    RequestEvent,
    RequestStatus,
    ServiceRequest,
)
from app.service_requests import approvals, contacts, participants, raising, workflow
from app.service_requests.contacts import ContactDetails
from app.validation import FieldError
from tests.conftest import page_text
from tests.factories import make_team, make_user, signed_in_client
from tests.service_requests.helpers import act, fresh, london, make_cast

MONDAY = london(2026, 3, 2, 10)
MRS_JONES = ContactDetails(
    name="Mrs Edna Jones",
    phone="0116 496 0123",
    address="12 Mill Lane\nAylestone\nLeicester\nLE2 8AB",
    preferred="letter",
    notes="Needs large print",
)


@pytest.fixture
def cast(app):
    with clock.fixed(MONDAY):
        yield make_cast()


@pytest.fixture
def hub(app):
    """Business Support's front desk: agents who key requests for residents in the library."""
    team = make_team("Customer Hub")
    return make_user(roles=["agent"], name="Harriet Hub", team=team)


def markup(response) -> str:
    return response.get_data(as_text=True)


def field_error(response, name) -> str | None:
    match = re.search(rf'<p id="{name}-error" class="govuk-error-message">(.*?)</p>', markup(response), re.S)
    if not match:
        return None
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())).removeprefix("Error: ")


def record(user, details=MRS_JONES) -> Contact:
    with current_app.test_request_context():
        contact = contacts.record(user, details)
        db.session.commit()
    return contact


def raise_for(contact, service, agent, subject="A copy of the planning decision") -> ServiceRequest:
    with current_app.test_request_context():
        draft = raising.save_draft(
            service,
            agent,
            token=None,
            subject=subject,
            description="She asked at Aylestone library",
            answers={},
            new_files={},
            shown_file_ids=set(),
            requester_id=contacts.contact_value(contact),
        )
        service_request = raising.submit_draft(draft, agent)
        db.session.commit()
    return service_request


def audit_actions(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


# --- Checking what is recorded ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"name": "  "}, "name", "Enter the person’s name"),
        (
            {"email": "", "phone": "", "address": ""},
            "email",
            "Enter at least one of an email address, a phone number or a postal address",
        ),
        ({"email": "edna at home"}, "email", "Enter an email address in the correct format, like name@example.com"),
        ({"phone": "call me"}, "phone", "Enter a phone number, like 0116 496 0123 or +44 116 496 0123"),
        ({"phone": "0116 49"}, "phone", "Enter a phone number, like 0116 496 0123 or +44 116 496 0123"),
        (
            {"address": "12 Mill Lane"},
            "address",
            "Enter the full postal address, with the postcode, on separate lines",
        ),
        ({"preferred": ""}, "preferred", "Choose how the person would like to hear from us"),
        ({"preferred": "pigeon"}, "preferred", "Choose how the person would like to hear from us"),
        ({"preferred": "email"}, "preferred", "Enter their email address, or choose another way to contact them"),
        (
            {"preferred": "phone", "phone": "", "email": "e@example.com"},
            "preferred",
            "Enter their phone number, or choose another way to contact them",
        ),
        (
            {"preferred": "letter", "address": "", "email": "e@example.com"},
            "preferred",
            "Enter their postal address, or choose another way to contact them",
        ),
    ],
)
def test_details_that_cannot_be_used_are_refused_on_their_field(cast, changes, field, message):
    with pytest.raises(FieldError) as refused:
        contacts.checked(ContactDetails(**{**MRS_JONES.__dict__, **changes}))
    assert (refused.value.field, refused.value.message) == (field, message)


def test_one_way_to_reach_them_is_enough_and_is_tidied(cast):
    details = contacts.checked(
        ContactDetails(name="  Sam   Patel ", phone=" +44 116  496 0999 ", preferred="phone", address="")
    )
    assert (details.name, details.phone) == ("Sam Patel", "+44 116 496 0999")
    assert contacts.phone_digits(details.phone) == "01164960999"


def test_the_form_shows_the_message_on_its_field_and_keeps_what_was_typed(cast):
    client = signed_in_client(current_app, cast.agent)
    response = client.post(
        "/requests/contacts/new",
        data={"name": "Mrs Edna Jones", "address": "12 Mill Lane\nLeicester\nLE2 8AB", "preferred": "email"},
    )
    assert response.status_code == 422
    assert field_error(response, "preferred") == "Enter their email address, or choose another way to contact them"
    assert "12 Mill Lane" in markup(response) and 'value="Mrs Edna Jones"' in markup(response)
    assert db.session.scalar(select(func.count(Contact.id))) == 0


def test_recording_is_audited_without_copying_the_personal_data(cast):
    contact = record(cast.agent)
    [event] = audit_actions("contact_recorded")
    assert (event.actor_id, event.subject_type, event.subject_id) == (cast.agent.id, "contacts", contact.id)
    assert event.details == {"preferred": "letter"}  # not a copy of the personal data
    admin = signed_in_client(current_app, make_user(roles=["admin"]))
    log = page_text(admin.get("/admin/audit?view=everything"))
    assert f"Recorded person without an account no. {contact.id}" in log and "Edna" not in log

    with current_app.test_request_context():
        contacts.change(cast.agent, contact, ContactDetails(**{**MRS_JONES.__dict__, "phone": "0116 496 0999"}))
        db.session.commit()
    [changed] = audit_actions("contact_changed")
    assert changed.details == {"fields": ["phone"]}


def test_the_same_form_posted_twice_records_one_person(cast):
    client = signed_in_client(current_app, cast.agent)
    data = {**MRS_JONES.__dict__, "submission_key": "the-same-showing-of-the-form"}
    assert client.post("/requests/contacts/new", data=data).status_code == 303
    assert client.post("/requests/contacts/new", data=data).status_code == 303
    assert db.session.scalar(select(func.count(Contact.id))) == 1


def test_someone_with_the_same_phone_number_is_offered_before_a_second_record(cast):
    edna = record(cast.agent)
    client = signed_in_client(current_app, cast.other_agent)
    data = {"name": "Edna Jones", "phone": "+44 116 4960123", "preferred": "phone"}

    warned = client.post("/requests/contacts/new", data=data)
    assert warned.status_code == 200
    text = page_text(warned)
    assert "Someone with the same email address or phone number is recorded already" in text
    assert f"Use {edna.name}" in text
    assert db.session.scalar(select(func.count(Contact.id))) == 1

    # A different person after all: the warning's form says so, and saving again records them.
    assert re.search(r'name="confirm_new" type="hidden" value="1"', markup(warned))
    again = client.post("/requests/contacts/new", data={**data, "confirm_new": "1"})
    assert again.status_code == 303
    assert db.session.scalar(select(func.count(Contact.id))) == 2


def test_another_teams_contact_is_not_offered_as_a_duplicate(cast, hub):
    record(hub)
    assert contacts.same_details(cast.agent, contacts.checked(MRS_JONES)) == []


# --- The person picker ---------------------------------------------------------------------------------


def test_the_picker_without_javascript_keeps_what_was_typed_and_lists_accounts_and_contacts(cast):
    edna = record(cast.agent)
    jones = make_user(name="Jo Jones", email="jo.jones@council.test", team=make_team("Planning Policy"))
    client = signed_in_client(current_app, cast.agent)
    slug = cast.service.slug

    found = client.post(
        f"/services/{slug}/request",
        data={
            "subject": "Copy of a decision",
            "description": "For her appeal",
            "person_query": "jones",
            "find_person": "1",
        },
    )
    assert found.status_code == 303  # a GET shows the search, with the typed words kept in a draft
    page = client.get(found.headers["Location"])
    text = page_text(page)
    assert "2 found for “jones”" in text
    assert "Jo Jones jo.jones@council.test, Planning Policy" in text
    assert "Mrs Edna Jones No account: 0116 496 0123" in text
    assert 'value="Copy of a decision"' in markup(page) and "For her appeal" in markup(page)
    for value in (str(jones.id), f"contact-{edna.id}"):
        assert re.search(rf'<input [^>]*name="requester" type="radio" value="{value}"', markup(page))


def test_the_picker_as_typed_answers_an_htmx_fragment_and_keeps_the_choice(cast):
    edna = record(cast.agent)
    client = signed_in_client(current_app, cast.agent)
    url = f"/services/{cast.service.slug}/people"

    fragment = client.hx("GET", url, query_string={"person_query": "edna"})
    assert fragment.status_code == 200
    assert "<html" not in markup(fragment)
    assert 'role="status"' in markup(fragment) and "1 found for “edna”" in page_text(fragment)
    assert f'value="contact-{edna.id}"' in markup(fragment)

    # Typing on after choosing someone: the chosen person stays in the list, checked.
    again = client.hx("GET", url, query_string={"person_query": "zzz", "requester": f"contact-{edna.id}"})
    assert re.search(rf'value="contact-{edna.id}"\s+aria-describedby="[^"]*" checked', markup(again))

    # A staff member who does not raise requests for others finds nobody here.
    assert (
        signed_in_client(current_app, cast.requester).get(url, query_string={"person_query": "edna"}).status_code == 404
    )


def test_the_picker_finds_a_contact_by_phone_number_typed_any_way(cast):
    edna = record(cast.agent)
    assert [choice.value for choice in contacts.find_people(cast.agent, "4960123")] == [f"contact-{edna.id}"]


def test_the_picker_never_offers_another_teams_contacts(cast, hub):
    record(hub)
    assert contacts.find_people(cast.agent, "edna") == []
    client = signed_in_client(current_app, cast.agent)
    assert "Edna" not in page_text(client.hx("GET", f"/services/{cast.service.slug}/people?person_query=edna"))


def test_not_listed_leads_to_the_contact_form_and_back_with_the_contact_chosen_and_nothing_lost(cast):
    client = signed_in_client(current_app, cast.agent)
    slug = cast.service.slug
    start = client.post(
        f"/services/{slug}/request",
        data={
            "subject": "Copy of a decision",
            "description": "For her appeal",
            "person_query": "Edna",
            "new_contact": "1",
        },
    )
    assert start.status_code == 303
    form_url = start.headers["Location"]
    assert form_url.startswith("/requests/contacts/new?")
    form = client.get(form_url)
    assert 'value="Edna"' in markup(form)  # what was searched for starts the name

    token = re.search(r"draft=([\w-]+)", form_url).group(1)
    saved = client.post(form_url, data={**MRS_JONES.__dict__, "service": slug, "draft": token})
    assert saved.status_code == 303
    edna = db.session.scalar(select(Contact))
    back = client.get(saved.headers["Location"])
    assert re.search(rf'value="contact-{edna.id}"\s+aria-describedby="[^"]*" checked', markup(back))
    assert 'value="Copy of a decision"' in markup(back) and "For her appeal" in markup(back)

    sent = client.post(
        f"/services/{slug}/request",
        data={
            "subject": "Copy of a decision",
            "description": "For her appeal",
            "requester": f"contact-{edna.id}",
            "draft": token,
        },
    )
    assert sent.status_code == 303, page_text(sent)
    check = client.get(sent.headers["Location"])
    assert "Mrs Edna Jones (no account; you are keying it for them)" in page_text(check)
    done = client.post(sent.headers["Location"])
    assert done.status_code == 303
    service_request = db.session.scalar(select(ServiceRequest))
    assert (service_request.contact_id, service_request.requester_id) == (edna.id, cast.agent.id)


def test_a_contact_cannot_be_chosen_for_a_service_only_for_some_teams(cast):
    edna = record(cast.agent)
    cast.service.audience = "teams"
    cast.service.requesting_teams = [cast.team]
    db.session.commit()
    with current_app.test_request_context(), pytest.raises(FieldError) as refused:
        raise_for(edna, cast.service, cast.agent)
    assert refused.value.field == "requester"


def test_a_made_up_or_hidden_contact_cannot_be_chosen(cast, hub):
    theirs = record(hub)
    client = signed_in_client(current_app, cast.agent)
    for value in (f"contact-{theirs.id}", "contact-999999", "contact-x"):
        response = client.post(
            f"/services/{cast.service.slug}/request",
            data={"subject": "Copy", "description": "Please", "requester": value},
        )
        assert response.status_code == 422
        assert field_error(response, "requester") == "Choose the person this request is for from the list"


# --- Telling them ------------------------------------------------------------------------------------------


def test_a_contact_who_chose_email_is_acknowledged_and_sent_replies_through_the_outbox(mail_app, smtp_server):
    inbox, _ = smtp_server
    with clock.fixed(MONDAY):
        cast = make_cast()
        sam = record(cast.agent, ContactDetails(name="Sam Patel", email="sam.patel@example.com", preferred="email"))
        service_request = raise_for(sam, cast.service, cast.agent)
        act(workflow.add_message, fresh(service_request), cast.other_agent, "The decision notice is attached.")
    to_sam = list(db.session.scalars(select(OutgoingEmail).where(OutgoingEmail.to_address == "sam.patel@example.com")))
    assert [email.subject for email in to_sam] == [
        f"{service_request.reference}: we have your request",
        f"{service_request.reference}: reply from Democratic Services",
    ]
    # The agent who keyed it is not sent the acknowledgement meant for the person.
    assert not db.session.scalar(
        select(OutgoingEmail).where(
            OutgoingEmail.to_address == cast.agent.email, OutgoingEmail.subject.like("We have%")
        )
    )
    assert mail.send_pending()["failed"] == 0
    delivered = [message for message in inbox.messages if message["To"] == "sam.patel@example.com"]
    assert len(delivered) == 2
    body = delivered[1].get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith("Dear Sam Patel,")
    assert "The decision notice is attached." in body
    assert f"Your reference number is {service_request.reference}" in body
    assert "Reply in Staffroom" not in body  # they have no account
    assert db.session.scalar(select(func.count(ContactTask.id))) == 0


def test_a_contact_who_asked_for_a_letter_gets_tasks_and_a_printable_letter(cast):
    edna = record(cast.agent)
    service_request = raise_for(edna, cast.service, cast.agent)
    with clock.fixed(MONDAY + timedelta(hours=2)):
        act(workflow.add_message, fresh(service_request), cast.agent, "Your copy of the decision is enclosed.")
    acknowledgement, reply = db.session.scalars(select(ContactTask).order_by(ContactTask.id))
    assert (acknowledgement.method, reply.method) == ("letter", "letter")
    assert "We have your request" in acknowledgement.message
    assert reply.message == "Your copy of the decision is enclosed."
    assert not db.session.scalar(
        select(OutgoingEmail).where(OutgoingEmail.subject.like(f"{service_request.reference}%"))
    )

    client = signed_in_client(current_app, cast.other_agent)
    page = page_text(client.get(f"/requests/{service_request.reference}"))
    assert "For Mrs Edna Jones, who has no account" in page
    assert "Send a letter to Mrs Edna Jones" in page and "Your copy of the decision is enclosed." in page

    letter = client.get(f"/requests/{service_request.reference}/letters/{reply.id}")
    assert letter.status_code == 200
    text = page_text(letter)
    assert "12 Mill Lane Aylestone Leicester LE2 8AB" in text
    assert "Town Hall" in text and "Dear Mrs Edna Jones" in text
    assert "Your copy of the decision is enclosed." in text and f"Our reference: {service_request.reference}" in text
    assert "use your browser’s Print command" in text and 'id="print-letter-tools" hidden' in markup(letter)
    [viewed] = audit_actions("contact_letter_viewed")
    assert (viewed.actor_id, viewed.subject_id) == (cast.other_agent.id, service_request.id)


def test_a_phone_task_says_whom_to_ring_and_is_marked_done_once(cast):
    sam = record(cast.agent, ContactDetails(name="Sam Patel", phone="0116 496 0777", preferred="phone"))
    service_request = raise_for(sam, cast.service, cast.agent)
    [task] = db.session.scalars(select(ContactTask))
    first = signed_in_client(current_app, cast.agent)
    assert "Phone Sam Patel on 0116 496 0777 to tell them" in page_text(
        first.get(f"/requests/{service_request.reference}")
    )

    url = f"/requests/{service_request.reference}/contact-tasks/{task.id}/done"
    assert first.post(url).status_code == 303
    second = signed_in_client(current_app, cast.other_agent)
    second.post(url)
    assert "Alex Agent marked this done already" in page_text(second.get(f"/requests/{service_request.reference}"))

    notes = list(
        db.session.scalars(
            select(RequestEvent).where(
                RequestEvent.request_id == service_request.id, RequestEvent.kind == EventKind.NOTE
            )
        )
    )
    assert [note.body for note in notes] == [f"Phoned the person this request is for: {task.headline}"]
    assert [event.actor_id for event in audit_actions("contact_task_done")] == [cast.agent.id]
    assert fresh(service_request).first_response_at is None  # a task is not a response by itself


def test_a_reply_by_the_agent_who_keyed_it_and_works_it_goes_to_the_contact_and_counts_as_a_response(cast):
    edna = record(cast.agent)
    service_request = raise_for(edna, cast.service, cast.agent)
    act(workflow.add_message, fresh(service_request), cast.agent, "We are on it.")
    assert fresh(service_request).first_response_at is not None
    assert db.session.scalar(select(func.count(ContactTask.id))) == 2


def test_a_letter_that_is_not_a_letter_task_or_another_requests_is_not_found(cast):
    sam = record(cast.agent, ContactDetails(name="Sam Patel", phone="0116 496 0777", preferred="phone"))
    phoned = raise_for(sam, cast.service, cast.agent)
    edna = record(cast.agent)
    written = raise_for(edna, cast.service, cast.agent)
    phone_task, letter_task = db.session.scalars(select(ContactTask).order_by(ContactTask.id))
    client = signed_in_client(current_app, cast.agent)
    assert client.get(f"/requests/{phoned.reference}/letters/{phone_task.id}").status_code == 404
    assert client.get(f"/requests/{phoned.reference}/letters/{letter_task.id}").status_code == 404
    assert client.get(f"/requests/{written.reference}/letters/{letter_task.id}").status_code == 200


def test_the_details_are_shown_only_to_the_teams_that_need_them(cast, hub):
    edna = record(hub)
    service_request = raise_for(edna, cast.service, hub)
    # The team working it sees them (to ring or write); another team's agent, and an admin, do not.
    assert "0116 496 0123" in page_text(
        signed_in_client(current_app, cast.other_agent).get(f"/requests/{service_request.reference}")
    )
    outsider = make_user(roles=["agent"], team=make_team("Elections"))
    admin = make_user(roles=["admin"])
    for person in (outsider, admin):
        client = signed_in_client(current_app, person)
        assert client.get(f"/requests/contacts/{edna.id}").status_code == 404
        assert "0116 496 0123" not in page_text(client.get(f"/requests/{service_request.reference}"))
    assert signed_in_client(current_app, hub).get(f"/requests/contacts/{edna.id}").status_code == 200


# --- Retention ---------------------------------------------------------------------------------------------


def test_contacts_are_anonymised_the_retention_period_after_their_last_request_closed(cast):
    current_app.config["CONTACT_RETENTION_MONTHS"] = 24
    edna = record(cast.agent)
    service_request = raise_for(edna, cast.service, cast.agent)
    waiting = record(cast.agent, ContactDetails(name="Wendy Waiting", email="wendy@example.com", preferred="email"))
    still_open = raise_for(waiting, cast.service, cast.agent)
    closed_at = MONDAY + timedelta(days=10)
    service_request = fresh(service_request)
    service_request.status, service_request.closed_at = RequestStatus.CLOSED, closed_at
    db.session.commit()

    two_years = london(2028, 3, 12, 10)  # 24 months after the close, to the minute
    with clock.fixed(two_years - timedelta(minutes=1)), current_app.test_request_context():
        assert contacts.anonymise_expired() == 0
    with clock.fixed(two_years + timedelta(minutes=1)), current_app.test_request_context():
        assert contacts.anonymise_expired() == 1
        db.session.commit()
        assert contacts.anonymise_expired() == 0  # idempotent

    edna = db.session.get(Contact, edna.id)
    assert (edna.name, edna.email, edna.phone, edna.address, edna.notes) == ("Former contact", "", "", "", "")
    assert db.session.get(Contact, waiting.id).email == "wendy@example.com"  # an open request keeps them
    assert fresh(service_request).subject == "A copy of the planning decision"  # the request stays
    assert all(
        task.message == "" for task in db.session.scalars(select(ContactTask).where(ContactTask.contact_id == edna.id))
    )
    [event] = audit_actions("contact_anonymised")
    assert (event.actor_id, event.subject_id, event.details) == (None, edna.id, {"months": 24})
    assert fresh(still_open).contact_id == waiting.id


def test_flask_housekeeping_applies_the_retention_period(cast):
    edna = record(cast.agent)
    with clock.fixed(MONDAY + timedelta(days=800)):
        result = current_app.test_cli_runner().invoke(args=["housekeeping"])
    assert result.exit_code == 0, result.output
    assert "1 contacts without an account anonymised" in result.output
    assert db.session.get(Contact, edna.id).name == "Former contact"


@pytest.mark.parametrize("value", ["contact-99999999999999999999", "99999999999999999999", "contact-²", "contact--1"])
def test_a_number_no_column_holds_is_refused_on_the_field_not_a_crash(cast, value):
    client = signed_in_client(current_app, cast.agent)
    response = client.post(
        f"/services/{cast.service.slug}/request", data={"subject": "Copy", "description": "Please", "requester": value}
    )
    assert response.status_code == 422
    assert field_error(response, "requester") == "Choose the person this request is for from the list"


def test_a_contact_hears_of_the_resolution_but_not_of_every_status(cast):
    edna = record(cast.agent)
    service_request = raise_for(edna, cast.service, cast.agent)
    act(workflow.change_status, fresh(service_request), cast.agent, "in_progress")
    assert db.session.scalar(select(func.count(ContactTask.id))) == 1  # the acknowledgement only
    act(workflow.change_status, fresh(service_request), cast.agent, "resolved", note="The copies are in the post.")
    resolution = db.session.scalars(select(ContactTask).order_by(ContactTask.id)).all()[-1]
    assert resolution.message.startswith("Your request “A copy of the planning decision” has been resolved.")
    assert "The copies are in the post." in resolution.message
    assert "How did we do?" not in resolution.message  # the rating links need an account


# --- Where requests for a contact meet approvals and participants ------------------------------


def test_only_people_who_may_see_the_resident_are_copied_into_their_request(cast):
    service_request = raise_for(record(cast.agent), cast.service, cast.agent)
    outsider = make_user(name="Pat Parks", team=make_team("Parks", business_support=False))
    with pytest.raises(FieldError, match="cannot be copied in: this request is for someone without an account"):
        act(participants.add, service_request, cast.agent, outsider.id)
    act(participants.add, service_request, cast.agent, cast.other_agent.id)
    assert [each.user_id for each in fresh(service_request).participants] == [cast.other_agent.id]


def test_a_question_the_team_waits_for_reaches_the_resident_their_way(cast):
    service_request = raise_for(record(cast.agent), cast.service, cast.agent)
    letters_before = len(contacts.tasks(service_request))
    act(workflow.change_status, service_request, cast.agent, "waiting", note="Which address was the decision about?")
    tasks = contacts.tasks(fresh(service_request))
    assert len(tasks) == letters_before + 1
    assert "Which address was the decision about?" in tasks[-1].message


def test_a_residents_request_needing_approval_asks_the_team_not_the_agents_manager_and_a_refusal_reaches_them(cast):
    agents_manager = make_user(name="Lena Line", team=cast.team)
    cast.agent.line_manager_id = agents_manager.id
    db.session.add(ApprovalStep(service_id=cast.service.id, position=1, approver_kind="line_manager"))
    db.session.commit()
    service_request = raise_for(record(cast.agent), cast.service, cast.agent)
    assert service_request.status == RequestStatus.AWAITING_APPROVAL
    step = approvals.pending_step(service_request)
    assert [row.user_id for row in step.approvers] == [cast.manager.id]  # the team's manager
    # The letter acknowledging it promises no date: approval moves it.
    [acknowledgement] = contacts.tasks(service_request)
    assert "needs to be approved before we can start" in acknowledgement.message
    assert "We aim to finish it by" not in acknowledgement.message
    tasks_before = 1
    act(approvals.decide, step, cast.manager, approve=False, reason="The budget is spent for this year")
    assert fresh(service_request).status == RequestStatus.CANCELLED
    tasks = contacts.tasks(fresh(service_request))
    assert len(tasks) == tasks_before + 1 and "The budget is spent for this year" in tasks[-1].message
