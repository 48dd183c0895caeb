"""The rules of working a request, through the service functions on a fixed clock: the status
lifecycle and the moves it refuses, optimistic locking, SLA clocks that pause while waiting
(across a weekend and the Easter bank holidays), the first response, replies and internal notes
(never emailed), cancelling, reopening within 5 working days, closing after it, rating once,
and the emails each change queues."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app import clock
from app.extensions import db
from app.models import Notification, RequestEvent, ServiceRequest
from app.service_requests import sla, team_replies, workflow
from app.validation import FieldError, StaleEdit
from tests.factories import make_service, make_team, make_user
from tests.service_requests.helpers import act, change_status, emails, fresh, london, make_cast, raise_request

# Thursday 2 April 2026, 10:00 BST. Good Friday (3 April) and Easter Monday (6 April) are bank
# holidays: the next working day is Tuesday 7 April.
THURSDAY = london(2026, 4, 2, 10)


@pytest.fixture
def now():
    with clock.fixed(THURSDAY) as time:
        yield time


@pytest.fixture
def cast(app, now):
    return make_cast()


@pytest.fixture
def request_(cast):
    return raise_request(cast.service, cast.requester)


# --- Raising -----------------------------------------------------------------------------------


def test_a_new_request_starts_its_clock_at_once_and_is_due_at_5pm_three_working_days_on(request_):
    assert request_.status == "submitted"
    assert request_.clock_started_at == THURSDAY
    # Fri 3 and Mon 6 April are bank holidays: Tue 7, Wed 8, Thu 9.
    assert request_.due_at == london(2026, 4, 9, 17)


def test_sla_state_counts_working_days_not_calendar_days(request_):
    # From Thursday: Tue 7, Wed 8, Thu 9 are the working days to the due date.
    assert sla.sla_state(request_, THURSDAY).text == "Due in 3 working days"
    assert sla.sla_state(request_, london(2026, 4, 8, 9)).text == "Due in 1 working day"
    assert sla.sla_state(request_, london(2026, 4, 9, 9)).text == "Due today by 5pm"
    late = sla.sla_state(request_, london(2026, 4, 10, 9))
    assert (late.text, late.overdue) == ("Overdue by 1 working day", True)
    # Fri 10, Mon 13, Tue 14.
    assert sla.sla_state(request_, london(2026, 4, 14, 9)).text == "Overdue by 3 working days"


def test_a_request_sent_after_5pm_on_the_thursday_before_easter_starts_on_tuesday(cast, now):
    now.at = london(2026, 4, 2, 17, 30)
    late = raise_request(cast.service, cast.requester)
    assert late.clock_started_at == london(2026, 4, 7, 9)
    assert late.due_at == london(2026, 4, 10, 17)  # Wed 8, Thu 9, Fri 10


def test_a_new_request_records_its_submission_on_the_public_timeline(request_, cast):
    events = workflow.timeline(request_, cast.requester)
    assert [(event.kind, event.actor_id, event.public) for event in events] == [("submitted", cast.requester.id, True)]


# --- The lifecycle -----------------------------------------------------------------------------


def _in_status(request_, cast, status):
    """Bring a new request to `status` the way people would."""
    path = {
        "submitted": [],
        "in_progress": ["in_progress"],
        "waiting": ["waiting"],
        "resolved": ["resolved"],
        "closed": ["resolved", "closed"],
    }
    if status == "cancelled":
        act(workflow.cancel, request_, cast.requester)
    else:
        for step in path[status]:
            change_status(request_, cast.agent, step)
    assert fresh(request_).status == status
    return fresh(request_)


ALLOWED = {
    ("submitted", "in_progress"),
    ("submitted", "waiting"),
    ("submitted", "resolved"),
    ("in_progress", "waiting"),
    ("in_progress", "resolved"),
    ("waiting", "in_progress"),
    ("waiting", "resolved"),
    ("resolved", "in_progress"),
    ("resolved", "closed"),
}
STATUSES = ("submitted", "in_progress", "waiting", "resolved", "closed", "cancelled")


@pytest.mark.parametrize("from_status,to_status", sorted(ALLOWED))
def test_the_team_can_make_each_allowed_move(request_, cast, from_status, to_status):
    service_request = _in_status(request_, cast, from_status)
    change_status(service_request, cast.agent, to_status, expected_version=service_request.version)
    service_request = fresh(service_request)
    assert service_request.status == to_status
    last = workflow.timeline(service_request, cast.agent)[-1]
    assert (last.kind, last.from_value, last.to_value, last.actor_id) == (
        "status",
        from_status,
        to_status,
        cast.agent.id,
    )


FORBIDDEN = sorted((a, b) for a in STATUSES for b in STATUSES if a != b and (a, b) not in ALLOWED)


@pytest.mark.parametrize("from_status,to_status", FORBIDDEN)
def test_the_team_cannot_make_any_other_move_and_is_told_why(request_, cast, from_status, to_status):
    service_request = _in_status(request_, cast, from_status)
    version, events = service_request.version, len(workflow.timeline(service_request, cast.agent))
    labels = {
        "submitted": "submitted",
        "in_progress": "in progress",
        "waiting": "waiting for requester",
        "resolved": "resolved",
        "closed": "closed",
        "cancelled": "cancelled",
    }
    with pytest.raises(FieldError) as refused:
        change_status(service_request, cast.agent, to_status)
    assert refused.value.field == "status"
    assert refused.value.message == (f"A request that is {labels[from_status]} cannot be moved to {labels[to_status]}")
    db.session.rollback()
    service_request = fresh(service_request)
    assert (service_request.status, service_request.version) == (from_status, version)
    assert len(workflow.timeline(service_request, cast.agent)) == events


def test_an_unknown_status_is_refused(request_, cast):
    with pytest.raises(FieldError, match="Choose the new status"):
        change_status(request_, cast.agent, "archived")


@pytest.mark.parametrize("status", ["submitted", "in_progress", "waiting"])
def test_the_requester_can_cancel_an_open_request(request_, cast, status):
    service_request = _in_status(request_, cast, status)
    act(workflow.cancel, service_request, cast.requester, reason="Meeting called off")
    service_request = fresh(service_request)
    assert (
        service_request.status == "cancelled"
        and service_request.cancelled_at == THURSDAY
        and service_request.paused_since is None
    )
    last = workflow.timeline(service_request, cast.requester)[-1]
    assert (last.kind, last.body, last.from_value) == ("cancelled", "Meeting called off", status)
    assert sla.sla_state(service_request).text == "Cancelled"


@pytest.mark.parametrize("status", ["resolved", "closed", "cancelled"])
def test_a_request_cannot_be_cancelled_once_resolved_closed_or_cancelled(request_, cast, status):
    service_request = _in_status(request_, cast, status)
    with pytest.raises(FieldError, match=f"A request that is {status} cannot be cancelled"):
        act(workflow.cancel, service_request, cast.requester)


def test_only_the_requester_can_cancel_reopen_or_rate(request_, cast):
    for function, kwargs in ((workflow.cancel, {}), (workflow.reopen, {"reason": "Still broken"})):
        with pytest.raises(FieldError, match="Only the person who asked"):
            act(function, request_, cast.agent, **kwargs)
    change_status(request_, cast.agent, "resolved")
    with pytest.raises(FieldError, match="Only the person who asked can rate"):
        act(workflow.rate, fresh(request_), cast.manager, 5)
    assert fresh(request_).rating is None


def test_whoever_keyed_a_request_for_someone_may_cancel_it_as_well(cast):
    keyed = raise_request(cast.service, cast.requester, keyed_by=cast.agent)
    assert (keyed.requester_id, keyed.submitted_by_id) == (cast.requester.id, cast.agent.id)
    act(workflow.cancel, keyed, cast.agent)
    assert fresh(keyed).status == "cancelled"


def test_nobody_replies_to_a_closed_or_cancelled_request(request_, cast):
    act(workflow.cancel, request_, cast.requester)
    for actor in (cast.requester, cast.agent):
        with pytest.raises(FieldError, match=r"This request is cancelled\. Raise a new request"):
            act(workflow.add_message, fresh(request_), actor, "Any news?")


def test_closed_and_cancelled_requests_cannot_be_assigned(request_, cast):
    act(workflow.cancel, request_, cast.requester)
    with pytest.raises(FieldError, match="cancelled: it cannot be assigned"):
        act(workflow.assign, fresh(request_), cast.manager, cast.agent.id)


def test_requests_are_assigned_only_to_agents_and_managers_of_their_team(request_, cast):
    outsider = make_user(roles=["agent"], team=make_team("Facilities"))
    for person in (outsider, cast.requester):
        with pytest.raises(FieldError, match="Choose someone from the team working this request"):
            act(workflow.assign, request_, cast.manager, person.id)
    assert act(workflow.assign, request_, cast.manager, cast.agent.id) is True
    assert act(workflow.assign, fresh(request_), cast.manager, cast.agent.id) is False  # no change, no event
    service_request = fresh(request_)
    assert service_request.assignee_id == cast.agent.id
    assigned = [event for event in workflow.timeline(service_request, cast.requester) if event.kind == "assigned"]
    assert [(event.to_value, event.public) for event in assigned] == [("Alex Agent", True)]
    messages = db.session.scalars(select(Notification.message).where(Notification.user_id == cast.agent.id)).all()
    assert f"{service_request.reference} was assigned to you: Minutes for the Planning Committee" in messages


def test_bulk_assign_changes_only_the_teams_open_requests(cast):
    first, second, done = (raise_request(cast.service, cast.requester, subject=f"Request {n}") for n in range(3))
    act(workflow.cancel, done, cast.requester)
    elsewhere = make_cast_elsewhere()
    changed = act(
        workflow.bulk_assign, cast.team, cast.manager, [first.id, second.id, done.id, elsewhere.id], cast.other_agent.id
    )
    assert changed == 2
    assert [fresh(item).assignee_id for item in (first, second, done)] == [cast.other_agent.id] * 2 + [None]
    assert fresh(elsewhere).assignee_id is None


def make_cast_elsewhere():
    team = make_team("Facilities")
    return raise_request(make_service(name="Desk moves", team=team), make_user())


def test_priority_changes_are_kept_from_the_requester(request_, cast):
    act(workflow.set_priority, request_, cast.agent, "high")
    service_request = fresh(request_)
    assert service_request.priority == "high"
    assert "priority" in [event.kind for event in workflow.timeline(service_request, cast.agent)]
    assert "priority" not in [event.kind for event in workflow.timeline(service_request, cast.requester)]
    with pytest.raises(FieldError, match="Choose normal or high priority"):
        act(workflow.set_priority, service_request, cast.agent, "urgent")


# --- Optimistic locking --------------------------------------------------------------------------


def test_a_change_made_from_a_page_opened_before_someone_elses_change_is_refused(request_, cast):
    opened_version = request_.version
    act(workflow.assign, request_, cast.manager, cast.agent.id)  # someone else, meanwhile
    service_request = fresh(request_)
    for function, args in (
        (workflow.change_status, ("resolved",)),
        (workflow.assign, (cast.other_agent.id,)),
        (workflow.set_priority, ("high",)),
    ):
        with pytest.raises(StaleEdit, match="Someone else changed this request"):
            act(function, service_request, cast.agent, *args, expected_version=opened_version)
        db.session.rollback()
    service_request = fresh(service_request)
    assert (service_request.status, service_request.assignee_id, service_request.priority) == (
        "submitted",
        cast.agent.id,
        "normal",
    )


def test_a_change_racing_another_writer_is_refused_not_lost(request_, cast):
    service_request = fresh(request_)
    # Another worker saves (and commits) between this one reading the row and writing it.
    with db.engine.begin() as other_worker:
        other_worker.execute(
            update(ServiceRequest)
            .where(ServiceRequest.id == service_request.id)
            .values(priority="high", version=ServiceRequest.version + 1)
        )
    with pytest.raises(StaleEdit):
        act(workflow.change_status, service_request, cast.agent, "in_progress")
    db.session.rollback()
    service_request = fresh(service_request)
    assert (service_request.status, service_request.priority) == ("submitted", "high")


# --- SLA clocks ------------------------------------------------------------------------------


def test_waiting_over_easter_pauses_the_clock_and_moves_the_due_date_by_the_working_time_paused(request_, cast, now):
    now.at = london(2026, 4, 2, 14)
    change_status(request_, cast.agent, "waiting", note="Which committee room?")
    service_request = fresh(request_)
    assert service_request.paused_since == now.at
    assert sla.sla_state(service_request).text == "On hold: waiting for the requester"

    now.at = london(2026, 4, 7, 11)  # Tuesday after Easter: the requester answers
    act(workflow.add_message, service_request, cast.requester, "Committee Room 2")
    service_request = fresh(service_request)
    assert service_request.status == "in_progress"
    assert service_request.paused_since is None
    # Thursday 14:00-17:00 and Tuesday 09:00-11:00; Good Friday, the weekend and Easter Monday are not working time.
    assert service_request.paused_minutes == 180 + 120
    # Five working hours after the end of Thursday 9 April.
    assert service_request.due_at == london(2026, 4, 10, 14)
    resumed = workflow.timeline(service_request, cast.agent)[-1]
    # Nobody chose it: it happened automatically, and the timeline says why.
    assert (resumed.kind, resumed.from_value, resumed.to_value, resumed.actor_id, resumed.body) == (
        "status",
        "waiting",
        "in_progress",
        None,
        f"Back in progress automatically: {cast.requester.name} replied.",
    )

    now.at = london(2026, 4, 10, 12)  # after the first due date, before the moved one
    change_status(service_request, cast.agent, "resolved")
    service_request = fresh(service_request)
    # Working minutes Thu 2 10:00 → Fri 10 12:00: 420 + 3 × 480 + 180 = 2040, less the 300 paused.
    assert service_request.resolution_minutes == 1740
    assert service_request.resolved_within_sla is True
    assert service_request.resolved_at == now.at
    assert sla.sla_state(service_request).text == "Resolved within target"


def test_without_the_pause_the_same_resolution_would_be_late(request_, cast, now):
    now.at = london(2026, 4, 10, 12)
    change_status(request_, cast.agent, "resolved")
    service_request = fresh(request_)
    assert service_request.resolution_minutes == 2040
    assert service_request.resolved_within_sla is False
    state = sla.sla_state(service_request)
    assert (state.text, state.overdue) == ("Resolved after the target", True)


def test_resolving_straight_from_waiting_ends_the_pause(request_, cast, now):
    now.at = london(2026, 4, 2, 14)
    change_status(request_, cast.agent, "waiting")
    now.at = london(2026, 4, 7, 10)
    change_status(fresh(request_), cast.agent, "resolved")
    service_request = fresh(request_)
    assert service_request.paused_minutes == 180 + 60
    # 240 before waiting (Thu 10:00-14:00); the wait is not counted.
    assert service_request.resolution_minutes == 240
    assert service_request.resolved_within_sla is True


def test_a_pause_that_starts_and_ends_outside_working_hours_moves_nothing(request_, cast, now):
    now.at = london(2026, 4, 2, 18)
    change_status(request_, cast.agent, "waiting")
    now.at = london(2026, 4, 6, 12)  # Easter Monday
    change_status(fresh(request_), cast.agent, "in_progress")
    service_request = fresh(request_)
    assert service_request.paused_minutes == 0
    assert service_request.due_at == london(2026, 4, 9, 17)


def test_a_request_resolved_and_reopened_by_the_team_carries_on_with_its_time_paused(request_, cast, now):
    now.at = london(2026, 4, 2, 12)
    change_status(request_, cast.agent, "resolved")
    now.at = london(2026, 4, 7, 10)  # one working hour of Tuesday passed while resolved
    change_status(fresh(request_), cast.agent, "in_progress")
    service_request = fresh(request_)
    assert (service_request.resolved_at, service_request.resolution_minutes, service_request.resolved_within_sla) == (
        None,
        None,
        None,
    )
    assert service_request.paused_minutes == 300 + 60  # Thursday 12:00-17:00, Tuesday 09:00-10:00
    assert service_request.due_at == london(2026, 4, 10, 15)
    now.at = london(2026, 4, 7, 11)
    change_status(service_request, cast.agent, "resolved")
    service_request = fresh(service_request)
    assert service_request.resolution_minutes == 120 + 60  # Thursday 10:00-12:00, Tuesday 10:00-11:00


# --- First response ----------------------------------------------------------------------------


def test_an_assignment_and_an_internal_note_are_not_a_first_response_but_a_public_reply_is(app, now):
    cast = make_cast(first_response_hours=4)
    service_request = raise_request(cast.service, cast.requester)
    assert service_request.first_response_due_at == london(2026, 4, 2, 14)
    now.at = london(2026, 4, 2, 11)
    act(workflow.assign, service_request, cast.manager, cast.agent.id)
    now.at = london(2026, 4, 2, 12)
    act(workflow.add_message, fresh(service_request), cast.agent, "Check the room bookings first", internal=True)
    now.at = london(2026, 4, 2, 12, 30)
    act(workflow.add_message, fresh(service_request), cast.requester, "Any news?")
    assert fresh(service_request).first_response_at is None

    now.at = london(2026, 4, 7, 9, 30)  # the first working minutes after Easter count, the holidays do not
    act(workflow.add_message, fresh(service_request), cast.agent, "Room 2 is booked for you")
    service_request = fresh(service_request)
    assert service_request.first_response_at == now.at
    assert service_request.first_response_minutes == 420 + 30
    now.at = london(2026, 4, 7, 10)
    change_status(service_request, cast.other_agent, "in_progress")
    assert fresh(service_request).first_response_at == london(2026, 4, 7, 9, 30)  # the first one stays


def test_a_status_change_by_the_team_is_a_first_response(request_, cast, now):
    now.at = london(2026, 4, 2, 10, 45)
    change_status(request_, cast.agent, "in_progress")
    service_request = fresh(request_)
    assert (service_request.first_response_at, service_request.first_response_minutes) == (now.at, 45)


def test_a_team_member_replying_to_their_own_request_is_not_a_first_response(cast, now):
    own = raise_request(cast.service, cast.agent)
    now.at = london(2026, 4, 2, 11)
    act(workflow.add_message, own, cast.agent, "Adding the agenda")
    assert fresh(own).first_response_at is None


# --- Replies, internal notes and what is emailed -------------------------------------------------


def test_the_requester_never_sees_internal_notes_on_the_timeline(request_, cast):
    act(workflow.add_message, request_, cast.agent, "Requester is difficult, keep it short", internal=True)
    act(workflow.add_message, fresh(request_), cast.agent, "We are on it")
    kinds_for_team = [event.kind for event in workflow.timeline(fresh(request_), cast.manager)]
    kinds_for_requester = [event.kind for event in workflow.timeline(fresh(request_), cast.requester)]
    assert kinds_for_team == ["submitted", "note", "reply"]
    assert kinds_for_requester == ["submitted", "reply"]


def test_only_the_team_can_add_internal_notes(request_, cast):
    with pytest.raises(FieldError, match="Only the team can add internal notes"):
        act(workflow.add_message, request_, cast.requester, "Sneaky", internal=True)
    stranger = make_user()
    with pytest.raises(FieldError, match="You cannot reply to this request"):
        act(workflow.add_message, fresh(request_), stranger, "Hello")


def test_an_empty_or_overlong_message_is_refused(request_, cast):
    with pytest.raises(FieldError, match="Enter your message"):
        act(workflow.add_message, request_, cast.agent, "   ")
    with pytest.raises(FieldError, match="20,000 characters"):
        act(workflow.add_message, request_, cast.agent, "x" * 20_001)


def test_a_new_request_emails_each_agent_and_manager_when_the_team_has_no_mailbox(request_, cast):
    sent = emails()
    assert sorted(email.to_address for email in sent) == sorted(
        [cast.manager.email, cast.agent.email, cast.other_agent.email]
    )
    assert {email.subject for email in sent} == {
        f"New request {request_.reference}: Minutes for the Planning Committee"
    }
    body = sent[0].body
    assert "Rita Requester has made a request: Minute taking." in body and "Two hours, Committee Room 2" in body
    assert "Due by 5pm on Thursday 9 April 2026" in body
    assert f"http://127.0.0.1:5000/requests/{request_.reference}" in body


def test_a_new_request_emails_the_team_mailbox_only_when_it_has_one(app, now):
    cast = make_cast(mailbox="democratic.services@council.test")
    service_request = raise_request(cast.service, cast.requester)
    assert [(email.to_address, email.subject) for email in emails()] == [
        (
            "democratic.services@council.test",
            f"New request {service_request.reference}: Minutes for the Planning Committee",
        )
    ]
    # Agents and managers are still told in-app (the requester is told it arrived).
    told = set(db.session.scalars(select(Notification.user_id)))
    assert told == {cast.manager.id, cast.agent.id, cast.other_agent.id, cast.requester.id}


def test_inactive_team_members_are_not_emailed(app, now):
    cast = make_cast()
    cast.other_agent.active = False
    db.session.commit()
    raise_request(cast.service, cast.requester)
    assert sorted(email.to_address for email in emails()) == sorted([cast.manager.email, cast.agent.email])


def test_an_agent_keying_a_request_is_not_emailed_about_it_but_the_requester_hears_of_replies(cast):
    keyed = raise_request(cast.service, cast.requester, keyed_by=cast.agent)
    assert cast.agent.email not in [email.to_address for email in emails()]
    act(workflow.add_message, keyed, cast.other_agent, "Booked")
    replies = emails(subject=f"{keyed.reference}: reply from Democratic Services")
    assert sorted(email.to_address for email in replies) == sorted([cast.requester.email, cast.agent.email])


def test_replies_are_emailed_but_internal_notes_never_are(request_, cast):
    before = len(emails())
    act(workflow.assign, request_, cast.manager, cast.agent.id)
    act(workflow.add_message, fresh(request_), cast.manager, "SECRET-NOTE about the budget", internal=True)
    act(workflow.set_priority, fresh(request_), cast.agent, "high")
    assert len(emails()) == before  # assigning, notes and priority are not emailed

    act(workflow.add_message, fresh(request_), cast.agent, "Room 2 is **booked**")
    [reply] = emails()[before:]
    assert reply.to_address == cast.requester.email
    assert reply.subject == f"{request_.reference}: reply from Democratic Services"
    assert "Alex Agent (Democratic Services) wrote:" in reply.body and "Room 2 is booked" in reply.body

    change_status(fresh(request_), cast.agent, "resolved", note="All done")
    act(workflow.add_message, fresh(request_), cast.agent, "SECRET-NOTE again", internal=True)
    assert all("SECRET-NOTE" not in email.body and "SECRET-NOTE" not in email.subject for email in emails())
    # The note reaches the assignee in-app only, as a pointer without its words.
    note_alerts = db.session.scalars(select(Notification.message).where(Notification.user_id == cast.agent.id)).all()
    assert f"{request_.reference}: internal note from Mo Manager" in note_alerts
    assert not any("SECRET" in message for message in db.session.scalars(select(Notification.message)))


def test_the_requesters_reply_goes_to_the_assignee_or_else_the_team(request_, cast):
    before = len(emails())
    act(workflow.add_message, request_, cast.requester, "It is for 12 people")
    to_team = emails()[before:]
    assert sorted(email.to_address for email in to_team) == sorted(
        [cast.manager.email, cast.agent.email, cast.other_agent.email]
    )
    assert {email.subject for email in to_team} == {f"{request_.reference}: reply from Rita Requester"}
    act(workflow.assign, fresh(request_), cast.manager, cast.agent.id)
    before = len(emails())
    act(workflow.add_message, fresh(request_), cast.requester, "And a projector")
    assert [(email.to_address, email.subject) for email in emails()[before:]] == [
        (cast.agent.email, f"{request_.reference}: reply from Rita Requester")
    ]


def test_resolving_emails_the_requester_the_note_one_click_rating_links_and_the_reopen_date(request_, cast, now):
    now.at = london(2026, 4, 8, 15)
    change_status(request_, cast.agent, "resolved", note="Minutes are on the shared drive")
    [email] = emails(to_address=cast.requester.email)
    assert email.subject == f"{request_.reference}: your request has been resolved"
    assert "Your request “Minutes for the Planning Committee” has been resolved." in email.body
    assert "Minutes are on the shared drive" in email.body
    for score in range(1, 6):
        assert f"/requests/{request_.reference}/rate/{score}?token=" in email.body
    # Five working days after Wednesday 8 April: 9, 10, 13, 14, 15.
    assert "You can reopen it until Wednesday 15 April 2026." in email.body


def test_cancelling_and_reopening_tell_the_team(request_, cast, now):
    act(workflow.assign, request_, cast.manager, cast.agent.id)
    change_status(fresh(request_), cast.agent, "resolved")
    act(workflow.reopen, fresh(request_), cast.requester, reason="The minutes miss item 4")
    reopened = emails(subject=f"{request_.reference}: reopened by Rita Requester")
    assert [email.to_address for email in reopened] == [cast.agent.email]
    assert "The minutes miss item 4" in reopened[0].body
    act(workflow.cancel, fresh(request_), cast.requester)
    assert [email.to_address for email in emails(subject=f"{request_.reference}: cancelled by Rita Requester")] == [
        cast.agent.email
    ]


# --- Reopening, closing and rating ----------------------------------------------------------------


def _resolve_on_friday_10_april(request_, cast, now):
    now.at = london(2026, 4, 10, 12)
    change_status(request_, cast.agent, "resolved")
    service_request = fresh(request_)
    # Mon 13, Tue 14, Wed 15, Thu 16, Fri 17 April.
    assert sla.reopen_until(service_request) == london(2026, 4, 17, 17)
    return service_request


def test_the_requester_can_reopen_until_the_end_of_the_fifth_working_day(request_, cast, now):
    service_request = _resolve_on_friday_10_april(request_, cast, now)
    now.at = london(2026, 4, 17, 16, 59)
    assert sla.can_reopen(service_request)
    act(workflow.reopen, service_request, cast.requester, reason="Item 4 is missing")
    service_request = fresh(service_request)
    assert service_request.status == "in_progress" and service_request.resolved_at is None
    last = workflow.timeline(service_request, cast.requester)[-1]
    assert (last.kind, last.body) == ("reopened", "Item 4 is missing")


def test_reopening_after_five_working_days_is_refused(request_, cast, now):
    service_request = _resolve_on_friday_10_april(request_, cast, now)
    now.at = london(2026, 4, 20, 9)
    assert not sla.can_reopen(service_request)
    with pytest.raises(FieldError, match="Requests can be reopened for 5 working days after they are resolved"):
        act(workflow.reopen, service_request, cast.requester, reason="Item 4 is missing")
    assert fresh(service_request).status == "resolved"


def test_reopening_needs_a_reason_and_a_resolved_request(request_, cast, now):
    with pytest.raises(FieldError, match="5 working days"):
        act(workflow.reopen, request_, cast.requester, reason="Not started")
    service_request = _resolve_on_friday_10_april(request_, cast, now)
    with pytest.raises(FieldError) as refused:
        act(workflow.reopen, service_request, cast.requester, reason="  ")
    assert (refused.value.field, refused.value.message) == ("reason", "Say what still needs doing")


def test_close_resolved_closes_only_requests_past_their_reopening_window_and_is_safe_to_repeat(cast, now):
    first = raise_request(cast.service, cast.requester, subject="First")
    second = raise_request(cast.service, cast.requester, subject="Second")
    still_open = raise_request(cast.service, cast.requester, subject="Open")
    _resolve_on_friday_10_april(first, cast, now)
    now.at = london(2026, 4, 14, 12)
    change_status(second, cast.agent, "resolved")  # window to Tuesday 21 April

    now.at = london(2026, 4, 17, 16)
    assert act(workflow.close_resolved) == 0
    now.at = london(2026, 4, 20, 9)
    assert act(workflow.close_resolved) == 1
    assert act(workflow.close_resolved) == 0
    assert [fresh(item).status for item in (first, second, still_open)] == ["closed", "resolved", "submitted"]
    closed = fresh(first)
    assert closed.closed_at == now.at
    last = workflow.timeline(closed, cast.requester)[-1]
    assert (last.kind, last.actor_id, last.to_value, last.body) == (
        "status",
        None,
        "closed",
        "Closed automatically: it was not reopened within 5 working days.",
    )
    closing_events = db.session.scalars(select(RequestEvent).where(RequestEvent.to_value == "closed")).all()
    assert len(closing_events) == 1
    with pytest.raises(FieldError):
        act(workflow.reopen, closed, cast.requester, reason="Too late")


def test_rating_counts_once(request_, cast):
    change_status(request_, cast.agent, "resolved")
    assert act(workflow.rate, fresh(request_), cast.requester, 4, "Quick, thanks") is True
    assert act(workflow.rate, fresh(request_), cast.requester, 1, "Changed my mind") is False
    service_request = fresh(request_)
    assert (service_request.rating, service_request.rating_comment, service_request.rated_at) == (
        4,
        "Quick, thanks",
        THURSDAY,
    )
    rated = [event for event in workflow.timeline(service_request, cast.requester) if event.kind == "rated"]
    assert [event.to_value for event in rated] == ["4 – Good"]


def test_rating_needs_a_resolved_request_and_a_score_from_1_to_5(request_, cast):
    with pytest.raises(FieldError, match="once it is resolved"):
        act(workflow.rate, request_, cast.requester, 5)
    change_status(request_, cast.agent, "resolved")
    for score in (0, 6):
        with pytest.raises(FieldError, match="Choose a rating from 1 to 5"):
            act(workflow.rate, fresh(request_), cast.requester, score)
    assert fresh(request_).rating is None


def test_a_closed_request_can_still_be_rated(request_, cast):
    change_status(request_, cast.agent, "resolved")
    change_status(fresh(request_), cast.agent, "closed")
    assert act(workflow.rate, fresh(request_), cast.requester, 5) is True


# --- Canned replies ----------------------------------------------------------------------------


def test_canned_replies_belong_to_their_team_and_need_a_title_and_body(cast):
    reply = act(
        team_replies.save_canned_reply, cast.team, cast.manager, title="  Room   booked ", body="Your room is booked."
    )
    other = make_team("Facilities")
    act(team_replies.save_canned_reply, other, cast.manager, title="Desk moved", body="Done")
    assert [item.title for item in team_replies.canned_replies(cast.team)] == ["Room booked"]
    with pytest.raises(FieldError, match="Enter a short name"):
        act(team_replies.save_canned_reply, cast.team, cast.manager, title=" ", body="x")
    with pytest.raises(FieldError, match="Enter the reply"):
        act(team_replies.save_canned_reply, cast.team, cast.manager, title="x", body=" ")
    act(team_replies.delete_canned_reply, reply, cast.manager)
    assert team_replies.canned_replies(cast.team) == []


def test_due_dates_move_on_only_by_working_time_even_after_many_days(request_, cast, now):
    """A long wait from a Friday afternoon to the next Friday: five working days paused."""
    now.at = london(2026, 4, 10, 13)
    change_status(request_, cast.agent, "waiting")
    now.at = london(2026, 4, 17, 13)
    change_status(fresh(request_), cast.agent, "in_progress")
    service_request = fresh(request_)
    assert service_request.paused_minutes == 5 * 480
    # Thu 9 April 17:00 plus five working days of minutes: the end of Thursday 16 April.
    assert service_request.due_at == london(2026, 4, 16, 17)
    assert service_request.due_at - london(2026, 4, 9, 17) == timedelta(days=7)


def test_close_resolved_writes_no_closing_entry_for_a_request_it_did_not_close(request_, cast, now):
    """Another transaction (a rating, a second cron run) changed the request after this run read
    it: the guarded UPDATE closes nothing, so the timeline must not say it was closed."""
    service_request = _resolve_on_friday_10_april(request_, cast, now)
    now.at = london(2026, 4, 20, 9)
    stale_version = service_request.version  # this session holds the request as it was read
    with db.engine.begin() as other_transaction:
        other_transaction.execute(
            update(ServiceRequest)
            .where(ServiceRequest.id == service_request.id)
            .values(rating=5, version=ServiceRequest.version + 1)
        )
    assert service_request.version == stale_version
    assert workflow.close_resolved() == 0
    db.session.commit()
    service_request = fresh(service_request)
    assert service_request.status == "resolved"
    assert [event.to_value for event in workflow.timeline(service_request, cast.agent)][-1] == "resolved"
    assert act(workflow.close_resolved) == 1  # the next run closes it, once
    closing = db.session.scalars(select(RequestEvent).where(RequestEvent.to_value == "closed")).all()
    assert len(closing) == 1


def test_closing_a_resolved_request_by_hand_or_automatically_leaves_its_sla_figures_alone(cast, now):
    by_hand = raise_request(cast.service, cast.requester, subject="By hand")
    automatic = raise_request(cast.service, cast.requester, subject="Automatic")
    now.at = london(2026, 4, 14, 12)  # Tuesday after Easter
    for item in (by_hand, automatic):
        change_status(item, cast.agent, "resolved")
    before = {
        item.id: (
            fresh(item).due_at,
            fresh(item).resolution_minutes,
            fresh(item).resolved_within_sla,
            fresh(item).paused_minutes,
        )
        for item in (by_hand, automatic)
    }

    now.at = london(2026, 4, 16, 15)  # two working days later
    change_status(fresh(by_hand), cast.agent, "closed")
    now.at = london(2026, 4, 22, 9)
    assert act(workflow.close_resolved) == 1

    for item in (by_hand, automatic):
        closed = fresh(item)
        assert closed.status == "closed" and closed.paused_since is None
        # The clock stopped at resolution: closing days later moves no due date and adds no pause.
        assert (closed.due_at, closed.resolution_minutes, closed.resolved_within_sla, closed.paused_minutes) == before[
            item.id
        ]
