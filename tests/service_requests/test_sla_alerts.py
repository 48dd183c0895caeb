"""SLA alerts (`flask requests sla-alerts`): the warning to the assignee (or the team's agents),
the breach to the team's managers, each once, in working time across Easter 2026 (Good Friday
3 April and Easter Monday 6 April are bank holidays), never for a request on hold."""

import pytest
from sqlalchemy import select, update

from app import clock, mail
from app.extensions import db
from app.models import Notification, RequestEvent, Service, SlaAlert
from app.service_requests import sla_alerts, workflow
from tests.factories import make_user, run_at_once, signed_in_client
from tests.service_requests.helpers import act, change_status, emails, london, make_cast, raise_request

# Raised on Wednesday 1 April 2026 at 10:00 BST: the clock starts at once.
RAISED = london(2026, 4, 1, 10)


def alerts_at(moment) -> sla_alerts.AlertsSent:
    with clock.fixed(moment):
        return sla_alerts.send_alerts()


def subjects(prefix: str) -> list[tuple[str, str]]:
    return [(email.to_address, email.subject) for email in emails() if email.subject.startswith(prefix)]


def sla_events(service_request) -> list[RequestEvent]:
    return list(
        db.session.scalars(
            select(RequestEvent).where(RequestEvent.request_id == service_request.id, RequestEvent.kind == "sla")
        )
    )


@pytest.fixture
def five_days(app):
    """Five working days from Wednesday 1 April: Thursday 2, Tuesday 7 to Friday 10 (due 5pm).
    2,820 working minutes; 75 % used at 13:15 on Thursday 9 April."""
    cast = make_cast(resolution_days=5)
    with clock.fixed(RAISED):
        service_request = raise_request(cast.service, cast.requester)
        act(workflow.assign, service_request, cast.manager, cast.agent.id)
    assert service_request.due_at == london(2026, 4, 10, 17)
    return cast, service_request


def test_the_warning_waits_through_the_weekend_and_bank_holidays_then_goes_to_the_assignee_once(five_days):
    cast, service_request = five_days
    for moment in (
        london(2026, 4, 3, 12),  # Good Friday
        london(2026, 4, 4, 12),  # Saturday
        london(2026, 4, 6, 16),  # Easter Monday
        london(2026, 4, 9, 13, 14),  # a minute short of 75 %
    ):
        assert alerts_at(moment) == sla_alerts.AlertsSent(0, 0), moment
    assert alerts_at(london(2026, 4, 9, 13, 15)) == sla_alerts.AlertsSent(warnings=1, breaches=0)
    assert alerts_at(london(2026, 4, 9, 13, 20)) == sla_alerts.AlertsSent(0, 0)  # once
    assert subjects("Due soon") == [
        (
            cast.agent.email,
            f"Due soon: {service_request.reference} is due by 5pm on Friday 10 April 2026: "
            "Minutes for the Planning Committee",
        )
    ]
    [event] = sla_events(service_request)
    assert event.public is False and event.to_value == "warning"
    assert event.body == "Due by 5pm on Friday 10 April 2026: warning sent to Alex Agent."


def test_the_warning_point_is_set_per_service(five_days):
    cast, _ = five_days
    db.session.execute(update(Service).where(Service.id == cast.service.id).values(sla_warning_percent=50))
    db.session.commit()
    # Half of 2,820 minutes is 1,410: 420 on Wednesday 1, 480 on Thursday 2, 480 on Tuesday 7
    # (Good Friday, the weekend and Easter Monday use none) and 30 more: 09:30 on Wednesday 8 April.
    assert alerts_at(london(2026, 4, 8, 9, 29)).warnings == 0
    assert alerts_at(london(2026, 4, 8, 9, 30)).warnings == 1


def test_on_the_day_it_is_due_the_warning_comes_when_the_working_day_starts(app):
    cast = make_cast(resolution_days=3)  # due 5pm Wednesday 8 April; 75 % is 09:15 that day
    with clock.fixed(RAISED):
        raise_request(cast.service, cast.requester)
    assert alerts_at(london(2026, 4, 8, 8, 59)).warnings == 0
    assert alerts_at(london(2026, 4, 8, 9)).warnings == 1


def test_unassigned_requests_warn_the_teams_agents_each_not_the_managers_or_mailbox(app):
    cast = make_cast(mailbox="democratic.services@council.test")
    with clock.fixed(RAISED):
        service_request = raise_request(cast.service, cast.requester)
    assert alerts_at(london(2026, 4, 8, 9, 30)).warnings == 1
    assert sorted(address for address, _ in subjects("Due soon")) == sorted([cast.agent.email, cast.other_agent.email])
    told = set(
        db.session.scalars(
            select(Notification.user_id).where(Notification.message.startswith(service_request.reference + " is due"))
        )
    )
    assert told == {cast.agent.id, cast.other_agent.id}
    assert sla_events(service_request)[0].body.endswith("warning sent to the Democratic Services agents.")


def test_a_breach_tells_the_teams_managers_once(five_days):
    cast, service_request = five_days
    second_manager = make_user(roles=["manager"], team=cast.team, name="Max Manager")
    # The run before the breach warned; the run at 5pm tells the managers.
    assert alerts_at(london(2026, 4, 10, 9)).warnings == 1
    assert alerts_at(london(2026, 4, 10, 16, 59)) == sla_alerts.AlertsSent(0, 0)
    assert alerts_at(london(2026, 4, 10, 17)) == sla_alerts.AlertsSent(warnings=0, breaches=1)
    assert alerts_at(london(2026, 4, 13, 10)) == sla_alerts.AlertsSent(0, 0)
    breached = subjects("SLA breached")
    assert sorted(address for address, _ in breached) == sorted([cast.manager.email, second_manager.email])
    assert breached[0][1].startswith(f"SLA breached: {service_request.reference} missed its due time")
    assert [event.to_value for event in sla_events(service_request)] == ["warning", "breach"]


@pytest.mark.usefixtures("five_days")
def test_a_run_that_finds_a_request_already_overdue_sends_the_breach_only():
    assert alerts_at(london(2026, 4, 13, 10)) == sla_alerts.AlertsSent(warnings=0, breaches=1)
    assert subjects("Due soon") == []


def test_requests_on_hold_or_resolved_are_never_alerted(app):
    cast = make_cast(resolution_days=3)
    with clock.fixed(RAISED):
        waiting = raise_request(cast.service, cast.requester, subject="Waiting")
        resolved = raise_request(cast.service, cast.requester, subject="Resolved")
        cancelled = raise_request(cast.service, cast.requester, subject="Cancelled")
        change_status(waiting, cast.agent, "waiting")
        change_status(resolved, cast.agent, "resolved")
        act(workflow.cancel, cancelled, cast.requester)
    assert alerts_at(london(2026, 4, 20, 10)) == sla_alerts.AlertsSent(0, 0)
    assert db.session.scalars(select(SlaAlert)).all() == []


def test_the_timeline_shows_alerts_to_the_team_only(app, five_days):
    cast, service_request = five_days
    alerts_at(london(2026, 4, 13, 10))
    page = f"/requests/{service_request.reference}"
    with clock.fixed(london(2026, 4, 13, 11)):
        assert "SLA breached" in signed_in_client(app, cast.agent).get(page).get_data(as_text=True)
        assert "SLA breached" not in signed_in_client(app, cast.requester).get(page).get_data(as_text=True)


def test_the_command_reports_what_it_sent(app, five_days):
    with clock.fixed(london(2026, 4, 9, 14)):
        result = app.test_cli_runner().invoke(args=["requests", "sla-alerts"])
        again = app.test_cli_runner().invoke(args=["requests", "sla-alerts"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "requests: 1 SLA warnings and 0 breaches sent"
    assert again.output.strip() == "requests: 0 SLA warnings and 0 breaches sent"


def test_two_runners_at_once_send_each_alert_once(make_app):
    """Two apps (two engines, as two cron runs would have) run at the same moment over 12
    requests that are all due an alert."""
    apps = [make_app(), make_app(MAIL_TIMEOUT=6)]
    with apps[0].app_context():
        cast = make_cast(resolution_days=3)
        with clock.fixed(RAISED):
            requests = [raise_request(cast.service, make_user(), subject=f"Request {n}") for n in range(12)]
        for service_request in requests[::2]:
            act(workflow.assign, service_request, cast.manager, cast.agent.id)
    results = run_at_once(apps, lambda: sla_alerts.send_alerts(london(2026, 4, 8, 10)))
    assert sum(result.warnings for result in results) == 12
    with apps[0].app_context():
        db.session.rollback()
        assert len(db.session.scalars(select(SlaAlert)).all()) == 12
        assert len(db.session.scalars(select(RequestEvent).where(RequestEvent.kind == "sla")).all()) == 12
        # Six assigned (one email each), six unassigned (both agents each).
        assert len(subjects("Due soon")) == 6 + 6 * 2


def test_alert_emails_arrive_exactly_once_over_smtp(mail_app, smtp_server):
    inbox, _ = smtp_server
    cast = make_cast(resolution_days=3)
    with clock.fixed(RAISED):
        service_request = raise_request(cast.service, cast.requester)
        act(workflow.assign, service_request, cast.manager, cast.agent.id)
    for moment in (london(2026, 4, 8, 9), london(2026, 4, 8, 12), london(2026, 4, 8, 17), london(2026, 4, 9, 9)):
        alerts_at(moment)
        with clock.fixed(moment):
            mail.send_pending()
    received = [(message["To"], message["Subject"].split(":")[0]) for message in inbox.messages]
    alerts = [item for item in received if item[1] in ("Due soon", "SLA breached")]
    assert sorted(alerts) == sorted([(cast.agent.email, "Due soon"), (cast.manager.email, "SLA breached")])
    [warning] = [message for message in inbox.messages if message["Subject"].startswith("Due soon")]
    body = warning.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert "is due by 5pm on Wednesday 8 April 2026" in body
    assert f"https://staffroom.council.test/requests/{service_request.reference}" in body
