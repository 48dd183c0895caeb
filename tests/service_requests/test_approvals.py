"""Approvals: conditional, sequential and any-of steps, rejection with a reason, delegation while
away, reminders once a day, the SLA clock paused while waiting, and races (two approvers at once,
approve after cancel, approve twice) on both databases."""

import re
import threading
from datetime import date

import pytest
from flask import current_app
from sqlalchemy import select

from app import clock, mail
from app.extensions import db
from app.models import (
    ApprovalStep,
    AuditEvent,
    Notification,
    RequestApproval,
    RequestEvent,
    ServiceRequest,
    User,
)
from app.service_requests import approvals, raising, workflow
from app.validation import FieldError
from app.working_time import calendar
from tests.conftest import page_text
from tests.factories import make_service, make_team, make_user, run_at_once, signed_in_client
from tests.service_requests.helpers import act, emails, fresh, london

MONDAY = london(2026, 4, 6, 10)  # a working Monday, 10:00


@pytest.fixture
def po(app):
    """The purchase-order cast: Finance runs it, its two managers approve orders under a line
    manager, Rita (in Planning) asks, Larry is her line manager."""
    finance = make_team("Finance")
    planning = make_team("Planning", business_support=False)
    agent = make_user(roles=["agent"], name="Alex Agent", team=finance)
    manager_a = make_user(roles=["manager"], name="Fay Finance", team=finance)
    manager_b = make_user(roles=["manager"], name="Gus Finance", team=finance)
    line_manager = make_user(name="Larry Line", team=planning)
    requester = make_user(name="Rita Requester", team=planning)
    requester.line_manager_id = line_manager.id
    service = make_service(
        name="Purchase orders",
        team=finance,
        resolution_days=3,
        first_response_hours=4,
        fields=[
            {"kind": "number", "label": "Amount (£)"},
            {"kind": "select", "label": "Budget", "options": "Capital\nRevenue"},
        ],
    )
    db.session.commit()
    return dict(
        finance=finance,
        agent=agent,
        managers=[manager_a, manager_b],
        line_manager=line_manager,
        requester=requester,
        service=service,
    )


def add_step(service, kind, *, person=None, team=None, role=None, field=None, operator=None, value=""):
    step = ApprovalStep(
        service_id=service.id,
        position=len(approvals.service_steps(service.id)) + 1,
        approver_kind=kind,
        person_id=person.id if person else None,
        team_id=team.id if team else None,
        role=role,
        condition_field_id=field.id if field else None,
        condition_operator=operator,
        condition_value=value,
    )
    db.session.add(step)
    db.session.commit()
    return step


def send(service, requester, amount="6000", budget="Revenue", keyed_by=None):
    amount_field, budget_field = service.fields
    by = keyed_by or requester
    with current_app.test_request_context():
        draft = raising.save_draft(
            service,
            by,
            token=None,
            subject="Laptops for the new starters",
            description="",
            answers={str(amount_field.id): amount, str(budget_field.id): budget},
            new_files={},
            shown_file_ids=set(),
            requester_id=requester.id if keyed_by else None,
        )
        service_request = raising.submit_draft(draft, by)
        db.session.commit()
    return service_request


def decide(service_request, actor, *, approve=True, reason=""):
    return act(approvals.decide, approvals.pending_step(fresh(service_request)), actor, approve=approve, reason=reason)


def approval_events(service_request):
    return list(
        db.session.scalars(
            select(RequestEvent.body)
            .where(RequestEvent.request_id == service_request.id, RequestEvent.kind == "approval")
            .order_by(RequestEvent.id)
        )
    )


# --- Conditions -------------------------------------------------------------------------------


def test_a_request_meeting_the_condition_awaits_approval_with_its_clock_paused(po):
    add_step(po["service"], "line_manager", field=po["service"].fields[0], operator="gt", value="5000")
    with clock.fixed(MONDAY):
        service_request = send(po["service"], po["requester"], amount="5000.01")
    assert service_request.status == "awaiting_approval"
    assert service_request.paused_since == MONDAY
    [step] = approvals.request_approvals(service_request)
    assert [row.user_id for row in step.approvers] == [po["line_manager"].id]
    # Not the team's yet: its people hear nothing until it is approved.
    assert emails(to_address=po["agent"].email) == []
    assert emails(to_address=po["line_manager"].email)[0].subject.startswith(
        f"{service_request.reference} needs your approval"
    )


@pytest.mark.parametrize(
    "operator, value, amount, applies",
    [
        ("gt", "5000", "5000", False),
        ("gt", "5000", "5001", True),
        ("ge", "5000", "5000", True),
        ("lt", "100", "99.99", True),
        ("le", "100", "100.01", False),
        ("eq", "250", "250.00", True),
    ],
)
def test_number_conditions(po, operator, value, amount, applies):
    add_step(
        po["service"],
        "person",
        person=po["line_manager"],
        field=po["service"].fields[0],
        operator=operator,
        value=value,
    )
    service_request = send(po["service"], po["requester"], amount=amount)
    assert (service_request.status == "awaiting_approval") is applies


def test_a_choice_condition_and_a_request_no_step_applies_to_goes_straight_to_the_team(po):
    add_step(
        po["service"],
        "person",
        person=po["line_manager"],
        field=po["service"].fields[1],
        operator="is",
        value="Capital",
    )
    revenue = send(po["service"], po["requester"], budget="Revenue")
    capital = send(po["service"], po["requester"], budget="Capital")
    assert revenue.status == "submitted" and revenue.paused_since is None
    assert approvals.request_approvals(revenue) == []
    assert emails(to_address=po["agent"].email)[0].subject.startswith(f"New request {revenue.reference}")
    assert capital.status == "awaiting_approval"


# --- Sequential and any-of ------------------------------------------------------------------


def test_sequential_steps_ask_the_second_only_after_the_first_and_the_last_sends_it_to_the_team(po):
    add_step(po["service"], "line_manager")
    add_step(po["service"], "team", team=po["finance"], role="manager")
    service_request = send(po["service"], po["requester"])
    first, second = approvals.request_approvals(service_request)
    assert (first.state, second.state) == ("pending", "queued")
    assert emails(to_address=po["managers"][0].email) == []
    decide(service_request, po["line_manager"])
    first, second = approvals.request_approvals(fresh(service_request))
    assert (first.state, second.state) == ("approved", "pending")
    assert {row.user_id for row in second.approvers} == {manager.id for manager in po["managers"]}
    assert fresh(service_request).status == "awaiting_approval"
    assert len(emails(to_address=po["managers"][0].email)) == 1
    decide(service_request, po["managers"][1])
    service_request = fresh(service_request)
    assert service_request.status == "submitted"
    assert emails(to_address=po["agent"].email)[0].subject.startswith(f"New request {service_request.reference}")
    assert approval_events(service_request) == [
        "Larry Line",
        "Approved by Larry Line",
        "Fay Finance, Gus Finance",
        "Approved by Gus Finance",
    ]
    assert [event.body for event in workflow.timeline(service_request, po["agent"]) if event.kind == "status"] == [
        "Approved: sent to the team, and the clock started again."
    ]
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("request_appro%"))).all()
    assert actions == ["request_approved", "request_approved"]


def test_any_one_of_a_step_approves_it_and_the_other_is_told_it_is_done(po):
    add_step(po["service"], "team", team=po["finance"], role="manager")
    service_request = send(po["service"], po["requester"])
    step = approvals.pending_step(service_request)
    decide(service_request, po["managers"][0])
    with pytest.raises(FieldError, match="Fay Finance approved this a moment ago"):
        act(approvals.decide, db.session.get(RequestApproval, step.id), po["managers"][1], approve=True)
    with pytest.raises(FieldError, match="Fay Finance approved this a moment ago"):  # a second click
        act(approvals.decide, db.session.get(RequestApproval, step.id), po["managers"][0], approve=True)
    assert fresh(service_request).status == "submitted"
    assert len(approval_events(service_request)) == 2


# --- Rejection, own requests ------------------------------------------------------------------


def test_rejection_needs_a_reason_cancels_the_request_and_tells_the_requester_why(po):
    add_step(po["service"], "line_manager")
    add_step(po["service"], "team", team=po["finance"], role="manager")
    service_request = send(po["service"], po["requester"])
    with pytest.raises(FieldError) as refused:
        decide(service_request, po["line_manager"], approve=False, reason="  ")
    assert refused.value.field == "reason"
    decide(service_request, po["line_manager"], approve=False, reason="We bought laptops last month")
    service_request = fresh(service_request)
    assert service_request.status == "cancelled" and service_request.cancelled_at is not None
    assert [step.state for step in approvals.request_approvals(service_request)] == ["rejected", "cancelled"]
    [told] = emails(to_address=po["requester"].email, subject=f"{service_request.reference}: not approved")
    assert "We bought laptops last month" in told.body
    assert emails(to_address=po["managers"][0].email) == []  # the second step is never asked
    assert emails(to_address=po["agent"].email) == []


def test_nobody_approves_their_own_request_and_is_never_asked_to(po):
    # The named approver is the requester: the service's team managers are asked instead.
    add_step(po["service"], "person", person=po["requester"])
    service_request = send(po["service"], po["requester"])
    step = approvals.pending_step(service_request)
    assert {row.user_id for row in step.approvers} == {manager.id for manager in po["managers"]}
    # An agent keying a request for someone is not asked either, and cannot decide it.
    add_step(po["service"], "team", team=po["finance"])
    keyed = send(po["service"], po["requester"], keyed_by=po["agent"])
    with pytest.raises(FieldError, match="cannot approve or reject your own request"):
        act(approvals.decide, approvals.pending_step(keyed), po["agent"], approve=True)
    with pytest.raises(FieldError, match="cannot approve or reject your own request"):
        act(approvals.decide, approvals.pending_step(keyed), po["requester"], approve=True)


# --- Delegation and reminders -----------------------------------------------------------------


def test_an_approver_away_has_their_approvals_go_to_their_delegate(po):
    line_manager, delegate = po["line_manager"], po["managers"][0]
    line_manager.away_until, line_manager.delegate_id = date(2026, 4, 10), delegate.id
    db.session.commit()
    add_step(po["service"], "line_manager")
    with clock.fixed(MONDAY):
        service_request = send(po["service"], po["requester"])
        [row] = approvals.pending_step(service_request).approvers
        assert (row.user_id, row.on_behalf_of_id) == (delegate.id, line_manager.id)
        assert "You are asked for Larry Line, who is away." in emails(to_address=delegate.email)[0].body
        decide(service_request, delegate)
    assert approval_events(service_request)[-1] == "Approved by Fay Finance for Larry Line"
    [audit] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "request_approved")).all()
    assert audit.details["for"] == "Larry Line"


def test_reminders_go_once_a_day_after_two_working_days_and_to_a_delegate_of_someone_now_away(po):
    add_step(po["service"], "line_manager")
    with clock.fixed(MONDAY):
        service_request = send(po["service"], po["requester"])
    with clock.fixed(london(2026, 4, 8, 10)):  # Wednesday: two working days
        assert act(approvals.send_reminders) == 0
    po["line_manager"].away_until, po["line_manager"].delegate_id = date(2026, 4, 20), po["managers"][1].id
    db.session.commit()
    with clock.fixed(london(2026, 4, 9, 10)):  # Thursday
        assert act(approvals.send_reminders) == 1
        assert act(approvals.send_reminders) == 0  # once a day, however often it runs
    with clock.fixed(london(2026, 4, 10, 10)):
        assert act(approvals.send_reminders) == 1
    reminders = [email for email in emails() if email.subject.startswith("Reminder:")]
    assert sorted(email.to_address for email in reminders) == [po["managers"][1].email] * 2
    assert approval_events(service_request)[-1] == "Reminder sent to Gus Finance (for Larry Line, who is away)"


def test_the_reminder_command_says_how_many(po, app):
    add_step(po["service"], "line_manager")
    with clock.fixed(MONDAY):
        send(po["service"], po["requester"])
    with clock.fixed(london(2026, 4, 9, 10)):
        first = app.test_cli_runner().invoke(args=["requests", "approval-reminders"])
        again = app.test_cli_runner().invoke(args=["requests", "approval-reminders"])
    assert first.output.strip() == "requests: 1 approval reminders sent"
    assert again.output.strip() == "requests: 0 approval reminders sent"


# --- The SLA clock ----------------------------------------------------------------------------


def test_the_due_time_moves_on_by_the_working_time_spent_waiting_for_approval(po):
    add_step(po["service"], "line_manager")
    with clock.fixed(MONDAY):
        service_request = send(po["service"], po["requester"])
    due_before, first_response_before = service_request.due_at, service_request.first_response_due_at
    assert first_response_before is not None
    approved_at = london(2026, 4, 7, 14)  # Tuesday 14:00
    with clock.fixed(approved_at):
        decide(service_request, po["line_manager"])
    service_request = fresh(service_request)
    waited = calendar().working_minutes_between(MONDAY, approved_at)
    assert waited > 0
    assert service_request.paused_minutes == waited
    assert service_request.due_at == calendar().add_working_minutes(due_before, waited)
    assert service_request.paused_since is None
    assert service_request.first_response_due_at == calendar().add_working_minutes(first_response_before, waited)
    # The team answers an hour after it reached them: its first response took an hour, not the
    # approval's wait as well (the dashboard's first response times read this).
    with clock.fixed(london(2026, 4, 7, 15)):
        act(workflow.add_message, service_request, po["agent"], "We have ordered it.")
    assert fresh(service_request).first_response_minutes == 60


# --- Races -------------------------------------------------------------------------------------


def test_two_approvers_at_once_give_one_approval(make_app):
    apps = [make_app(), make_app()]
    with apps[0].app_context():
        finance = make_team("Finance")
        managers = [make_user(roles=["manager"], name=f"Manager {n}", team=finance) for n in range(2)]
        service = make_service(
            name="Purchase orders",
            team=finance,
            fields=[{"kind": "number", "label": "Amount (£)"}, {"kind": "text", "label": "Budget"}],
        )
        add_step(service, "team", team=finance, role="manager")
        service_request = send(service, make_user(name="Rita"))
        reference, step_id = service_request.id, approvals.pending_step(service_request).id
        manager_ids = [manager.id for manager in managers]
    turn = iter(manager_ids)
    lock = threading.Lock()

    def approve():
        with lock:
            manager_id = next(turn)
        try:
            with current_app.test_request_context():
                approvals.decide(
                    db.session.get(RequestApproval, step_id), db.session.get(User, manager_id), approve=True
                )
                db.session.commit()
            return "approved"
        except FieldError as error:
            db.session.rollback()
            return error.message

    results = run_at_once(apps, approve)
    assert results.count("approved") == 1
    [lost] = [result for result in results if result != "approved"]
    assert re.fullmatch(r"Manager \d approved this a moment ago: nothing more is needed from you", lost)
    with apps[0].app_context():
        db.session.expire_all()
        assert db.session.get(ServiceRequest, reference).status == "submitted"
        events = db.session.scalars(
            select(RequestEvent).where(RequestEvent.request_id == reference, RequestEvent.kind == "approval")
        ).all()
        assert [event.body for event in events][1:] == [
            f"Approved by {next(m.name for m in managers if m.name in events[1].body)}"
        ]


def test_the_requester_cancels_a_request_awaiting_approval_from_its_page(po, app):
    add_step(po["service"], "line_manager")
    service_request = send(po["service"], po["requester"])
    requester = signed_in_client(app, po["requester"])
    page = page_text(requester.get(f"/requests/{service_request.reference}/cancel"))
    assert "It is waiting for approval: nobody will be asked to approve it any more" in page
    assert requester.post(f"/requests/{service_request.reference}/cancel", data={"reason": ""}).status_code == 303
    assert fresh(service_request).status == "cancelled"
    assert [step.state for step in approvals.request_approvals(service_request)] == ["cancelled"]
    approver = signed_in_client(app, po["line_manager"])
    assert "Nothing is waiting for your approval." in page_text(approver.get("/requests/approvals"))


def test_approve_after_cancel_changes_nothing_and_says_so(po):
    add_step(po["service"], "line_manager")
    service_request = send(po["service"], po["requester"])
    step = approvals.pending_step(service_request)
    act(workflow.cancel, service_request, po["requester"], reason="Found some spare laptops")
    with pytest.raises(FieldError, match="This request has been cancelled"):
        act(approvals.decide, db.session.get(RequestApproval, step.id), po["line_manager"], approve=True)
    assert fresh(service_request).status == "cancelled"
    assert db.session.get(RequestApproval, step.id).state == "cancelled"
    assert emails(to_address=po["agent"].email) == []


# --- Pages ---------------------------------------------------------------------------------------


def link_in(email) -> str:
    return re.search(r"Approve or reject it \(the link works for 14 days\): https?://[^/]+(\S+)", email.body).group(1)


def test_the_emailed_link_leads_to_a_confirm_page_and_only_its_post_decides(po, app):
    add_step(po["service"], "line_manager")
    service_request = send(po["service"], po["requester"])
    [email] = emails(to_address=po["line_manager"].email)
    approver = signed_in_client(app, po["line_manager"])
    page = approver.get(link_in(email))
    assert page.status_code == 200
    assert "Approve “Laptops for the new starters”?" in page_text(page)
    assert "6000" in page_text(page)  # the answers it asks about
    assert fresh(service_request).status == "awaiting_approval"  # a GET changes nothing
    decided = approver.post(link_in(email), data={"decision": "approve"})
    assert decided.status_code == 303
    assert decided.headers["Location"].endswith(f"/requests/{service_request.reference}#approval")
    assert fresh(service_request).status == "submitted"
    again = approver.post(link_in(email), data={"decision": "approve"}, follow_redirects=True)
    assert "Larry Line approved this a moment ago: nothing more is needed from you" in page_text(again)


def test_rejecting_from_the_request_page_without_a_reason_is_refused_on_the_field(po, app):
    add_step(po["service"], "line_manager")
    service_request = send(po["service"], po["requester"])
    step = approvals.pending_step(service_request)
    approver = signed_in_client(app, po["line_manager"])
    page = page_text(approver.get(f"/requests/{service_request.reference}"))
    assert "Do you approve this request?" in page
    refused = approver.post(f"/requests/{service_request.reference}/approvals/{step.id}", data={"decision": "reject"})
    assert refused.status_code == 422
    assert "Say why you are rejecting it: the requester is told" in page_text(refused)
    assert fresh(service_request).status == "awaiting_approval"
    rejected = approver.post(
        f"/requests/{service_request.reference}/approvals/{step.id}",
        data={"decision": "reject", "reason": "Over budget"},
        follow_redirects=True,
    )
    assert "Not approved by Larry Line: Over budget" in page_text(rejected)
    assert fresh(service_request).status == "cancelled"


def test_an_approver_sees_the_answers_but_not_the_teams_internal_notes(po, app):
    add_step(po["service"], "line_manager")
    service_request = send(po["service"], po["requester"])
    act(workflow.add_message, service_request, po["agent"], "Check the supplier first", internal=True)
    page = page_text(signed_in_client(app, po["line_manager"]).get(f"/requests/{service_request.reference}"))
    assert "Amount (£)" in page and "Laptops for the new starters" in page
    assert "Check the supplier first" not in page
    assert "Work on it" not in page


def test_approvals_waiting_for_me_lists_what_waits_and_the_home_page_links_to_it(po, app):
    add_step(po["service"], "line_manager")
    service_request = send(po["service"], po["requester"])
    approver = signed_in_client(app, po["line_manager"])
    assert service_request.reference in page_text(approver.get("/requests/approvals"))
    assert 'href="/requests/approvals"' in approver.get("/").get_data(as_text=True)
    others = signed_in_client(app, po["requester"])
    assert "Nothing is waiting for your approval." in page_text(others.get("/requests/approvals"))
    assert 'href="/requests/approvals"' not in others.get("/").get_data(as_text=True)


def test_the_team_hears_nothing_of_a_reply_to_a_request_it_has_not_been_sent(po):
    add_step(po["service"], "line_manager")
    service_request = send(po["service"], po["requester"])
    act(workflow.add_message, service_request, po["requester"], "The supplier is Viking, by the way")
    told = db.session.scalars(select(Notification.user_id).where(Notification.user_id == po["agent"].id)).all()
    assert told == []


def test_the_team_queue_leaves_out_requests_awaiting_approval_until_approved(po, app):
    add_step(po["service"], "line_manager")
    service_request = send(po["service"], po["requester"])
    agent = signed_in_client(app, po["agent"])
    assert service_request.reference not in page_text(agent.get("/requests/queue"))
    assert service_request.reference in page_text(agent.get("/requests/queue?status=awaiting_approval"))
    decide(service_request, po["line_manager"])
    assert service_request.reference in page_text(agent.get("/requests/queue"))


# --- Line managers and time away ------------------------------------------------------------------


def test_an_administrator_records_a_line_manager_on_the_person_page(po, app):
    admin = signed_in_client(app, make_user(roles=["admin"]))
    person = po["requester"]
    page = admin.get(f"/admin/people/{person.id}").get_data(as_text=True)
    assert f'value="{po["line_manager"].email}"' in page
    assert "Line manager: Larry Line" in page_text(admin.get("/admin/people?q=rita"))
    data = {"name": person.name, "email": person.email, "team_id": str(person.team_id), "version": str(person.version)}
    refused = admin.post(f"/admin/people/{person.id}", data={**data, "line_manager_email": "nobody@council.test"})
    assert refused.status_code == 422
    assert "Nobody with a Staffroom account has that email address" in page_text(refused)
    assert fresh_user(person).line_manager_id == po["line_manager"].id
    saved = admin.post(f"/admin/people/{person.id}", data={**data, "line_manager_email": po["agent"].email})
    assert saved.status_code == 303
    assert fresh_user(person).line_manager_id == po["agent"].id
    assert db.session.scalar(select(AuditEvent.details).where(AuditEvent.action == "person_line_manager_changed")) == {
        "line_manager": ["Larry Line", "Alex Agent"]
    }


def fresh_user(person):
    db.session.expire_all()
    return db.session.get(User, person.id)


def test_someone_sets_and_clears_their_time_away_on_their_account(po, app):
    client = signed_in_client(app, po["line_manager"])
    past = client.post(
        "/account/away",
        data={"away_until": ["1", "1", "2020"], "delegate_email": "x"},
    )
    assert past.status_code == 422
    assert "The date you are back must be today or later" in page_text(past)
    back_on = {"away_until": ["10", "4", "2099"]}
    missing = client.post("/account/away", data=back_on)
    assert "Enter the email address of the person your approvals go to" in page_text(missing)
    saved = client.post(
        "/account/away", data={**back_on, "delegate_email": po["managers"][0].email}, follow_redirects=True
    )
    assert "Until you are back, your approvals go to Fay Finance" in page_text(saved)
    person = fresh_user(po["line_manager"])
    assert (person.away_until, person.delegate_id) == (date(2099, 4, 10), po["managers"][0].id)
    back = client.post("/account/away", data={"delegate_email": ""}, follow_redirects=True)
    assert "Your approvals come to you" in page_text(back)
    assert fresh_user(po["line_manager"]).away_until is None


# --- Over real SMTP ------------------------------------------------------------------------------


def test_the_approval_email_arrives_over_smtp_and_its_link_works_once(mail_app, smtp_server):
    inbox, _ = smtp_server
    finance = make_team("Finance")
    line_manager = make_user(name="Larry Line")
    requester = make_user(name="Rita Requester")
    requester.line_manager_id = line_manager.id
    service = make_service(
        name="Purchase orders",
        team=finance,
        fields=[{"kind": "number", "label": "Amount (£)"}, {"kind": "text", "label": "Budget"}],
    )
    add_step(service, "line_manager", field=service.fields[0], operator="gt", value="5000")
    service_request = send(service, requester, amount="7500")
    mail.send_pending()
    [message] = [message for message in inbox.messages if message["To"] == line_manager.email]
    assert message["Subject"] == f"{service_request.reference} needs your approval: Laptops for the new starters"
    body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert "Amount (£): 7,500" in body or "Amount (£): 7500" in body
    link = re.search(r"the link works for 14 days\): https://staffroom\.council\.test(\S+)", body).group(1)
    approver = signed_in_client(mail_app, line_manager)
    assert approver.post(link, data={"decision": "approve"}).status_code == 303
    assert fresh(service_request).status == "submitted"
    mail.send_pending()
    told = [message["Subject"] for message in inbox.messages if message["To"] == requester.email]
    assert f"{service_request.reference}: approved" in told


# --- All of them -----------------------------------------------------------------------------------


def test_a_step_of_all_of_them_waits_for_every_approver_and_one_rejection_ends_it(po):
    step = add_step(po["service"], "team", team=po["finance"], role="manager")
    step.mode = "all"
    db.session.commit()
    first, second = po["managers"]
    service_request = send(po["service"], po["requester"])
    decide(service_request, first)
    assert fresh(service_request).status == "awaiting_approval"
    assert approval_events(service_request)[-1] == "Approved by Fay Finance; still to approve: Gus Finance"
    with pytest.raises(FieldError, match="You have approved this already: it waits for the others"):
        decide(service_request, first)
    # Nor may they now reject it, from a page or link they still had open.
    with pytest.raises(FieldError, match="You have approved this already: it waits for the others"):
        decide(service_request, first, approve=False, reason="Changed my mind")
    assert fresh(service_request).status == "awaiting_approval"
    decide(service_request, second)
    assert fresh(service_request).status == "submitted"
    assert approvals.request_approvals(service_request)[0].state == "approved"

    rejected = send(po["service"], po["requester"])
    decide(rejected, first)
    decide(rejected, second, approve=False, reason="Not this year")
    assert fresh(rejected).status == "cancelled"


def test_all_of_them_approving_at_the_same_moment_approve_the_step_once(make_app):
    apps = [make_app(), make_app()]
    with apps[0].app_context():
        finance = make_team("Finance")
        managers = [make_user(roles=["manager"], name=f"Manager {n}", team=finance) for n in range(2)]
        service = make_service(
            name="Purchase orders",
            team=finance,
            fields=[{"kind": "number", "label": "Amount (£)"}, {"kind": "text", "label": "Budget"}],
        )
        step = add_step(service, "team", team=finance, role="manager")
        step.mode = "all"
        db.session.commit()
        request_id = send(service, make_user(name="Rita")).id
        step_id = approvals.pending_step(db.session.get(ServiceRequest, request_id)).id
        turn = iter([manager.id for manager in managers])
    lock = threading.Lock()

    def approve():
        with lock:
            manager_id = next(turn)
        try:
            with current_app.test_request_context():
                approvals.decide(
                    db.session.get(RequestApproval, step_id), db.session.get(User, manager_id), approve=True
                )
                db.session.commit()
            return "approved"
        except FieldError as error:
            db.session.rollback()
            return error.message

    results = run_at_once(apps, approve)
    with apps[0].app_context():
        db.session.expire_all()
        # Both approvals count (the claim on the request serialises them): the second completes it.
        assert results == ["approved", "approved"]
        assert db.session.get(ServiceRequest, request_id).status == "submitted"
        assert db.session.get(RequestApproval, step_id).state == "approved"
