"""Participants: colleagues copied into a request by its requester or the team, found with a short
search that works without JavaScript. They see the request and its public replies (never internal
notes), hear of its changes in-app and by email, reply, and can leave or be taken out; My requests
lists what they are copied into. The team sees the requester's contact details and other requests."""

import re

import pytest
from sqlalchemy import insert, select

from app import clock
from app.extensions import db
from app.models import AuditEvent, Notification, RequestEvent, RequestParticipant
from app.service_requests import participants, workflow
from app.validation import FieldError
from tests.conftest import page_text
from tests.factories import make_service, make_team, make_user, signed_in_client
from tests.service_requests.helpers import act, change_status, emails, fresh, london, make_cast, raise_request

MONDAY = london(2026, 12, 7, 10)


@pytest.fixture
def now():
    with clock.fixed(MONDAY) as time:
        yield time


@pytest.fixture
def cast(app, now):
    return make_cast()


@pytest.fixture
def colleague(cast):
    return make_user(name="Carla Colleague", email="carla.colleague@council.test", team=cast.requester.team)


@pytest.fixture
def request_(cast):
    return raise_request(cast.service, cast.requester)


def copied_in(request_, actor, person):
    act(participants.add, fresh(request_), actor, person.id)
    return fresh(request_)


def markup(response) -> str:
    return response.get_data(as_text=True)


# --- Finding and adding ----------------------------------------------------------------------------


def test_the_requester_finds_a_colleague_by_name_and_copies_them_in_without_javascript(app, cast, colleague, request_):
    requester = signed_in_client(app, cast.requester)

    found = requester.get(f"/requests/{request_.reference}/participants?q=carla")

    assert found.status_code == 200
    assert "1 person found for “carla”" in page_text(found)
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*>.*?name="person" value="(\d+)"', markup(found), re.S)
    assert form.group(2) == str(colleague.id)
    added = requester.post(form.group(1), data={"person": form.group(2)})

    assert added.status_code == 303
    assert added.headers["Location"].endswith(f"/requests/{request_.reference}#copied-in")
    assert [each.user_id for each in fresh(request_).participants] == [colleague.id]
    shown = page_text(requester.get(f"/requests/{request_.reference}"))
    assert "Copied in" in shown and "Carla Colleague" in shown
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "request_participant_added"))
    assert audit.actor_id == cast.requester.id


def test_the_search_leaves_out_the_requester_those_copied_in_and_people_who_have_left(cast, colleague, request_):
    make_user(name="Carl Gone", active=False)
    request_ = copied_in(request_, cast.requester, colleague)

    assert participants.find_colleagues(request_, "car") == []  # Carla is in already, Carl has left
    assert participants.find_colleagues(request_, "rita") == []  # the requester
    assert participants.find_colleagues(request_, "c") == []  # too short to be a search


def test_a_search_of_one_letter_asks_for_more(app, cast, request_):
    requester = signed_in_client(app, cast.requester)

    page = page_text(requester.get(f"/requests/{request_.reference}/participants?q=c"))

    assert "Type at least 2 letters of their name or email address." in page


@pytest.mark.parametrize(
    "who, message",
    [
        ("requester", "Rita Requester made this request, so they see it already"),
        ("nobody", "Choose a colleague from the list"),
        ("colleague", "Carla Colleague is copied in already"),
    ],
)
def test_someone_who_cannot_be_copied_in_is_refused_with_a_message(app, cast, colleague, request_, who, message):
    request_ = copied_in(request_, cast.requester, colleague)
    person_id = {"requester": cast.requester.id, "nobody": 999_999, "colleague": colleague.id}[who]
    agent = signed_in_client(app, cast.agent)

    response = agent.post(f"/requests/{request_.reference}/participants", data={"person": str(person_id)})

    assert response.status_code == 422
    assert message in page_text(response)
    assert len(fresh(request_).participants) == 1


def test_the_database_keeps_one_row_per_request_and_person(cast, colleague, request_):
    db.session.add(RequestParticipant(request_id=request_.id, user_id=colleague.id))
    db.session.commit()
    stale = fresh(request_)
    db.session.add(RequestParticipant(request_id=request_.id, user_id=colleague.id))

    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        db.session.flush()
    db.session.rollback()
    assert len(fresh(stale).participants) == 1


def test_two_adding_the_same_colleague_at_once_give_one_row_and_a_message(app, cast, colleague, request_):
    stale = fresh(request_)
    assert stale.participants == []  # what this browser read
    # Another browser copies Carla in after that read: the unique constraint decides.
    db.session.execute(
        insert(RequestParticipant).values(request_id=request_.id, user_id=colleague.id, created_at=MONDAY)
    )

    with app.test_request_context(), pytest.raises(FieldError, match="Carla Colleague is copied in already"):
        participants.add(stale, cast.agent, colleague.id)
    db.session.commit()

    assert db.session.scalars(select(RequestParticipant.user_id)).all() == [colleague.id]


# --- What participants see and hear ---------------------------------------------------------------


def test_a_participant_sees_the_request_and_public_replies_but_never_internal_notes(app, cast, colleague, request_):
    request_ = copied_in(request_, cast.requester, colleague)

    act(workflow.add_message, fresh(request_), cast.agent, "Which room is it in?")
    act(workflow.add_message, fresh(request_), cast.agent, "Requester is tricky", internal=True)
    participant = signed_in_client(app, colleague)

    page = participant.get(f"/requests/{request_.reference}")

    assert page.status_code == 200
    assert "Which room is it in?" in page_text(page)
    assert "Requester is tricky" not in page_text(page)
    # The team's own side of the page is not theirs.
    assert 'id="requester"' not in markup(page) and "Work on it" not in page_text(page)


def test_a_participant_hears_of_replies_and_status_changes_without_the_rating_links(cast, colleague, request_):
    request_ = copied_in(request_, cast.requester, colleague)

    act(workflow.add_message, fresh(request_), cast.agent, "Which room is it in?")
    change_status(fresh(request_), cast.agent, "resolved")

    told = db.session.scalars(select(Notification.message).where(Notification.user_id == colleague.id)).all()
    assert f"{request_.reference} (you are copied in): reply from Democratic Services" in told
    assert f"{request_.reference} (you are copied in): your request has been resolved" in told
    mail = emails(to_address=colleague.email)
    assert [each.subject for each in mail][-2:] == [
        f"{request_.reference}: reply from Democratic Services",
        f"{request_.reference}: your request has been resolved",
    ]
    assert all("/rate/" not in each.body for each in mail)


def test_a_participant_replies_publicly_and_the_team_and_requester_hear_of_it(app, cast, colleague, request_):
    request_ = copied_in(request_, cast.requester, colleague)
    change_status(fresh(request_), cast.agent, "waiting")
    participant = signed_in_client(app, colleague)
    page = participant.get(f"/requests/{request_.reference}")
    assert "Send reply to Democratic Services" in page_text(page)

    response = participant.post(
        f"/requests/{request_.reference}/messages",
        data={"body": "Committee Room 2", "visibility": "internal", "submission_key": "k" * 32},
    )

    assert response.status_code == 303
    event = fresh(request_)
    assert event.status == "in_progress"  # the answer the team waited for, from the requester's side
    told = db.session.scalars(select(Notification.message).where(Notification.user_id == cast.requester.id)).all()
    assert f"{request_.reference}: reply from Carla Colleague" in told
    reply = db.session.scalar(select(RequestEvent).where(RequestEvent.body == "Committee Room 2"))
    assert reply.public is True  # a participant's "internal" is not theirs to choose


def test_the_requester_replying_tells_those_copied_in(cast, colleague, request_):
    request_ = copied_in(request_, cast.requester, colleague)

    act(workflow.add_message, fresh(request_), cast.requester, "It is in Room 2")

    told = db.session.scalars(select(Notification.message).where(Notification.user_id == colleague.id)).all()
    assert f"{request_.reference} (you are copied in): reply from Rita Requester" in told


def test_being_copied_in_is_a_notice_and_my_requests_lists_it(app, cast, colleague, request_):
    request_ = copied_in(request_, cast.requester, colleague)

    told = db.session.scalars(select(Notification.message).where(Notification.user_id == colleague.id)).all()
    assert told == [f"{request_.reference}: Rita Requester copied you in: {request_.subject}"]
    assert emails(to_address=colleague.email)[0].subject == f"{request_.reference}: you are copied in"
    mine = signed_in_client(app, colleague).get("/requests/mine")
    assert "Requests I’m copied into" in page_text(mine)
    assert f"/requests/{request_.reference}" in markup(mine)


# --- Leaving and taking out -----------------------------------------------------------------------


def test_a_participant_leaves_and_can_no_longer_see_the_request(app, cast, colleague, request_):
    request_ = copied_in(request_, cast.requester, colleague)
    participant = signed_in_client(app, colleague)
    assert "Leave this request" in page_text(participant.get(f"/requests/{request_.reference}"))

    response = participant.post(f"/requests/{request_.reference}/participants/{colleague.id}/remove")

    assert response.status_code == 303 and response.headers["Location"].endswith("/requests/mine")
    assert fresh(request_).participants == []
    assert participant.get(f"/requests/{request_.reference}").status_code == 404


def test_the_team_takes_a_participant_out(app, cast, colleague, request_):
    request_ = copied_in(request_, cast.requester, colleague)
    agent = signed_in_client(app, cast.agent)

    response = agent.post(f"/requests/{request_.reference}/participants/{colleague.id}/remove")

    assert response.status_code == 303
    assert fresh(request_).participants == []
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "request_participant_removed"))


def test_a_participant_cannot_copy_others_in_nor_take_them_out(app, cast, colleague, request_):
    other = make_user(name="Otto Other")
    request_ = copied_in(request_, cast.requester, colleague)
    request_ = copied_in(request_, cast.requester, other)
    participant = signed_in_client(app, colleague)

    assert participant.get(f"/requests/{request_.reference}/participants?q=bo").status_code == 404
    assert (
        participant.post(f"/requests/{request_.reference}/participants", data={"person": str(make_user().id)})
    ).status_code == 404
    assert participant.post(f"/requests/{request_.reference}/participants/{other.id}/remove").status_code == 404
    assert sorted(each.user_id for each in fresh(request_).participants) == sorted([colleague.id, other.id])
    # Nor the requester's own actions.
    assert participant.get(f"/requests/{request_.reference}/cancel").status_code == 404


# --- The requester, as the team sees them ---------------------------------------------------------


def test_the_team_sees_the_requesters_contact_details_and_other_requests_to_the_team(app, cast, request_):
    cast.requester.phone = "0116 454 1000"  # from the council's directory (People in bulk)
    db.session.commit()
    others = [raise_request(cast.service, cast.requester, subject=f"Minutes {number}") for number in range(6)]
    elsewhere_team = make_team("Facilities")
    elsewhere = raise_request(make_service(name="Rooms", team=elsewhere_team), cast.requester, subject="A room")
    agent = signed_in_client(app, cast.agent)

    page = agent.get(f"/requests/{request_.reference}")

    panel = markup(page).split('id="requester"')[1].split("Work on it")[0]
    assert f'<a class="govuk-link" href="mailto:{cast.requester.email}">' in panel and "Planning" in panel
    assert "0116 454 1000" in panel
    listed = re.findall(r"/requests/(BS-\d+)", panel)
    assert listed == [each.reference for each in reversed(others)][:5]  # the latest five, newest first
    assert elsewhere.reference not in panel and request_.reference not in panel


def test_the_requester_does_not_see_the_team_panel_about_themselves(app, cast, request_):
    page = signed_in_client(app, cast.requester).get(f"/requests/{request_.reference}")

    assert 'id="requester"' not in markup(page)
