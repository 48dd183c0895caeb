"""The daily digest: one email a day to each person with something waiting (their requests, their
queue, decisions, reviews) and the notices they chose for it; nobody else; once per day."""

import re

import pytest
from sqlalchemy import select

from app import clock, mail
from app.extensions import db
from app.home import digests
from app.models import Delivery, OutgoingEmail
from app.notify import MY_REQUESTS, SUMMARY, TEAM_REQUESTS, choose
from tests.factories import make_user
from tests.service_requests.helpers import change_status, london, make_cast, raise_request

TUESDAY_MORNING = london(2026, 3, 3, 7)
WEDNESDAY_MORNING = london(2026, 3, 4, 7)
DIGEST = "Staffroom: what is waiting for you"


def digests_to(address: str) -> list[OutgoingEmail]:
    return list(
        db.session.scalars(
            select(OutgoingEmail)
            .where(OutgoingEmail.to_address == address, OutgoingEmail.subject.startswith(DIGEST))
            .order_by(OutgoingEmail.id)
        )
    )


@pytest.fixture
def cast(app):
    cast = make_cast()
    with clock.fixed(london(2026, 3, 2, 10)):  # Monday
        waiting = raise_request(cast.service, cast.requester, subject="Minutes for Licensing")
        change_status(waiting, cast.agent, "waiting")
        raise_request(cast.service, make_user(), subject="Room for the panel")
    return cast


def run_at(moment) -> int:
    with clock.fixed(moment):
        return digests.send_digests()


def test_people_with_something_waiting_get_one_digest_saying_what(cast):
    quiet = make_user(name="Quinn Quiet")
    assert run_at(TUESDAY_MORNING) == 4  # the requester, both agents and the manager
    [for_requester] = digests_to(cast.requester.email)
    assert for_requester.subject == f"{DIGEST}, 3 March 2026"
    body = for_requester.body
    assert body.startswith("Good morning Rita,")
    assert "- 1 need you: http://127.0.0.1:5000/requests/mine?show=needs-me" in body
    assert "Minutes for Licensing (waiting for your reply)" in body
    [for_agent] = digests_to(cast.agent.email)
    assert "Democratic Services queue" in for_agent.body
    assert re.search(
        r"- 2 unassigned: http://127.0.0.1:5000/requests/queue\?team=\d+&assignee=unassigned", for_agent.body
    )
    assert "0 overdue" not in for_agent.body  # only what is there
    assert digests_to(quiet.email) == []
    assert re.search(r"To stop these emails \(daily digest\): http://127.0.0.1:5000/notices/stop/\S+", body)


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(cast):
    assert run_at(TUESDAY_MORNING) == 4
    assert run_at(london(2026, 3, 3, 9)) == 0
    assert len(digests_to(cast.requester.email)) == 1
    assert run_at(WEDNESDAY_MORNING) == 4
    assert len(digests_to(cast.requester.email)) == 2


def test_nobody_who_chose_not_to_get_it_gets_it(cast):
    choose(cast.requester, SUMMARY, Delivery.IN_APP)
    db.session.commit()
    assert run_at(TUESDAY_MORNING) == 3
    assert digests_to(cast.requester.email) == []


def test_notices_chosen_for_the_digest_come_in_it_once(cast):
    choose(cast.agent, TEAM_REQUESTS, Delivery.DIGEST)
    choose(cast.requester, MY_REQUESTS, Delivery.DIGEST)
    db.session.commit()
    run_at(TUESDAY_MORNING)  # the notices from before the first digest: the day before's
    with clock.fixed(london(2026, 3, 3, 11)):
        new = raise_request(cast.service, make_user(), subject="Chairs for the hall")
    run_at(WEDNESDAY_MORNING)
    second = digests_to(cast.agent.email)[1].body
    assert "Since your last digest" in second
    assert (
        f"- New request {new.reference}: Chairs for the hall: http://127.0.0.1:5000/requests/{new.reference}" in second
    )
    assert "Room for the panel" not in second.split("Since your last digest")[1]  # in Tuesday's, not again
    assert "Since your last digest" not in digests_to(cast.manager.email)[1].body  # emailed at once instead


def test_the_command_reports_how_many_it_queued(app, cast):
    with clock.fixed(TUESDAY_MORNING):
        result = app.test_cli_runner().invoke(args=["notices", "send-digests"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "notices: 4 digests queued"


def test_digests_arrive_once_over_smtp(mail_app, smtp_server):
    inbox, _ = smtp_server
    cast = make_cast()
    with clock.fixed(london(2026, 3, 2, 10)):
        raise_request(cast.service, make_user(), subject="Room for the panel")
    for moment in (TUESDAY_MORNING, london(2026, 3, 3, 8)):
        run_at(moment)
        with clock.fixed(moment):
            mail.send_pending()
    received = sorted(message["To"] for message in inbox.messages if message["Subject"].startswith(DIGEST))
    assert received == sorted([cast.agent.email, cast.other_agent.email, cast.manager.email])
    body = next(m for m in inbox.messages if m["To"] == cast.agent.email and m["Subject"].startswith(DIGEST))
    assert "https://staffroom.council.test/requests/queue" in body.get_body(preferencelist=("plain",)).get_content()
