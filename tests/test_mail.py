"""Email: the outbox, the sender and the notifier, against a real SMTP server on loopback."""

import asyncio
import logging
import socket
import threading
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from flask import Response
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError

from app import clock, mail
from app.config import ConfigError, from_environment
from app.extensions import db
from app.models import Notification, OutgoingEmail
from app.notify import Email, Told, notify, notify_team
from tests.factories import make_team, make_user, run_at_once
from tests.mail_server import Inbox, free_port

MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def closed_port():
    """A port bound but not listening: connections to it are refused."""
    with closing(socket.socket()) as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


def rows() -> list[OutgoingEmail]:
    db.session.rollback()
    return list(db.session.scalars(select(OutgoingEmail).order_by(OutgoingEmail.id)))


def queue_and_commit(*addresses, subject="Your request", body="Something happened."):
    emails = [mail.queue(address, subject, body) for address in addresses]
    db.session.commit()
    return emails


# --- Queueing ------------------------------------------------------------------------------------


def test_queue_writes_a_row_with_a_unique_message_id_and_flags_the_session(app):
    first = mail.queue(" someone@council.test ", "Line one\r\nBcc: evil@example.com", "Body")
    second = mail.queue("other@council.test", "Hello", "Body")
    assert mail.take_pending_flag(db.session) is True
    assert mail.take_pending_flag(db.session) is False
    db.session.commit()
    assert first.to_address == "someone@council.test"
    assert first.subject == "Line one Bcc: evil@example.com"  # no header can be smuggled in
    assert first.message_id.startswith("<") and first.message_id.endswith("@staffroom>")
    assert first.message_id != second.message_id
    assert (first.attempts, first.sent_at, first.last_error) == (0, None, "")


@pytest.mark.parametrize(
    "address",
    [
        "",
        "   ",
        None,
        "no-at-sign",
        "two@@council.test",
        "a@b.test, c@d.test",
        "x@council.test\nBcc: y@evil.test",
        "Name <x@council.test>",
    ],
)
def test_queue_skips_empty_and_malformed_addresses(app, address):
    assert mail.queue(address, "Subject", "Body") is None
    db.session.commit()
    assert rows() == []
    assert mail.take_pending_flag(db.session) is False


def test_absolute_url_prefixes_base_url(make_app):
    app = make_app(BASE_URL="https://staffroom.council.test/")
    with app.app_context():
        assert mail.absolute_url("/requests/SR-1") == "https://staffroom.council.test/requests/SR-1"
        assert mail.absolute_url("requests/SR-1") == "https://staffroom.council.test/requests/SR-1"
        assert mail.absolute_url("https://elsewhere.test/x") == "https://elsewhere.test/x"


def test_absolute_url_defaults_to_the_development_server(app):
    assert mail.absolute_url("/ideas/3") == "http://127.0.0.1:5000/ideas/3"


# --- Sending -------------------------------------------------------------------------------------


def test_send_pending_delivers_with_the_right_headers_and_body(mail_app, smtp_server):
    inbox, _ = smtp_server
    with clock.fixed(MONDAY_9AM):
        [queued] = queue_and_commit(
            "jo.bloggs@council.test",
            subject="SR-12: we replied",
            body="Hello Jo,\n\nWe have replied to your request — café booked.\n",
        )
        result = mail.send_pending()
    assert result == {"sent": 1, "failed": 0, "waiting": 0, "error": None}
    [message] = inbox.messages
    assert message["From"] == "Staffroom <staffroom@council.test>"
    assert message["To"] == "jo.bloggs@council.test"
    assert message["Subject"] == "SR-12: we replied"
    assert message["Message-ID"] == queued.message_id
    assert message["Date"].datetime == MONDAY_9AM
    body = (
        message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    )  # SMTP carries CRLF line ends
    assert body == "Hello Jo,\n\nWe have replied to your request — café booked.\n"
    assert inbox.envelopes[0].mail_from == "staffroom@council.test"
    assert inbox.envelopes[0].rcpt_tos == ["jo.bloggs@council.test"]
    [row] = rows()
    assert row.sent_at == MONDAY_9AM and row.claimed_until is None and row.attempts == 0


def test_every_message_has_an_html_part_in_the_notify_style_made_from_its_text(mail_app, smtp_server):
    inbox, _ = smtp_server
    queue_and_commit(
        "jo@council.test",
        subject="BS-000012: now <resolved>",
        body=(
            "Your request is resolved & closed.\n\nWhat you asked\n\n- Room: B12\n- Date: 4 May\n\n"
            "Open it in Staffroom: https://staffroom.council.test/requests/BS-000012\n\n--\n"
            "To stop these emails (your requests): https://staffroom.council.test/notices/stop/abc.def\n"
        ),
    )
    assert mail.send_pending()["sent"] == 1
    [message] = inbox.messages
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert plain.startswith("Your request is resolved & closed.")
    assert "<title>BS-000012: now &lt;resolved&gt;</title>" in html
    assert "Your request is resolved &amp; closed." in html
    assert '<li style="margin-bottom: 5px;">Room: B12</li>' in html
    assert (
        '<a href="https://staffroom.council.test/requests/BS-000012" style="color: #1d70b8;">'
        "https://staffroom.council.test/requests/BS-000012</a>"
    ) in html
    small_print = html.split("border-top: 1px solid #b1b4b6")[1]
    assert "To stop these emails (your requests)" in small_print and "font-size: 16px" in small_print
    assert "Your request is resolved" not in small_print


def test_several_messages_go_over_one_run_oldest_first(mail_app, smtp_server):
    inbox, _ = smtp_server
    with clock.fixed(MONDAY_9AM) as now:
        queue_and_commit("first@council.test")
        now.advance(seconds=5)
        queue_and_commit("second@council.test", "third@council.test")
        assert mail.send_pending(limit=2)["sent"] == 2
        assert [m["To"] for m in inbox.messages] == ["first@council.test", "second@council.test"]
        assert mail.send_pending() == {"sent": 1, "failed": 0, "waiting": 0, "error": None}
    assert len(inbox.messages) == 3


def test_smtp_down_keeps_the_message_and_backs_off_then_sends_it_exactly_once(make_app, smtp_server, closed_port):
    inbox, port = smtp_server
    down = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port)
    up = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    with clock.fixed(MONDAY_9AM) as now:
        with down.app_context():
            [queued] = queue_and_commit("jo@council.test")
            result = mail.send_pending()
            assert (result["sent"], result["failed"], result["waiting"]) == (0, 1, 1)
            assert "ConnectionRefusedError" in result["error"]
            [row] = rows()
            assert row.attempts == 1
            assert "ConnectionRefusedError" in row.last_error
            assert row.next_attempt_at == MONDAY_9AM + timedelta(minutes=1)
            assert row.sent_at is None and row.claimed_until is None

            now.advance(minutes=1)
            mail.send_pending()
            [row] = rows()
            assert row.attempts == 2
            assert row.next_attempt_at == MONDAY_9AM + timedelta(minutes=1 + 2)

        with up.app_context():
            # The server is back, but the retry is not due yet: nothing goes early.
            assert mail.send_pending() == {"sent": 0, "failed": 0, "waiting": 1, "error": None}
            assert inbox.messages == []
            now.advance(minutes=2)
            assert mail.send_pending()["sent"] == 1
            assert mail.send_pending()["sent"] == 0
            now.advance(hours=7)
            assert mail.send_pending()["sent"] == 0
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["Message-ID"] == queued.message_id  # the same message, retried


def test_every_message_in_a_run_records_the_outage_without_waiting_for_each(make_app, closed_port):
    down = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port)
    with down.app_context(), clock.fixed(MONDAY_9AM):
        queue_and_commit("a@council.test", "b@council.test", "c@council.test")
        result = mail.send_pending()
        assert (result["sent"], result["failed"], result["waiting"]) == (0, 3, 3)
        assert {(row.attempts, row.next_attempt_at) for row in rows()} == {(1, MONDAY_9AM + timedelta(minutes=1))}


def test_back_off_doubles_from_a_minute_up_to_six_hours():
    assert [mail.back_off(n) for n in range(1, 6)] == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16)]
    assert mail.back_off(9) == timedelta(minutes=256)
    assert mail.back_off(10) == timedelta(hours=6)
    assert mail.back_off(500) == timedelta(hours=6)


def test_all_option_retries_messages_before_their_back_off_ends(make_app, smtp_server, closed_port):
    inbox, port = smtp_server
    with clock.fixed(MONDAY_9AM):
        with make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port).app_context():
            queue_and_commit("jo@council.test")
            mail.send_pending()
        with make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port).app_context():
            assert mail.send_pending()["sent"] == 0
            assert mail.send_pending(include_waiting=True)["sent"] == 1
    assert len(inbox.messages) == 1


def test_a_refused_recipient_is_kept_and_retried_at_the_longest_interval(mail_app, smtp_server):
    inbox, _ = smtp_server
    with clock.fixed(MONDAY_9AM):
        queue_and_commit("gone@council.test", "here@council.test")
        result = mail.send_pending()
    assert (result["sent"], result["failed"], result["error"]) == (1, 1, None)
    assert [m["To"] for m in inbox.messages] == ["here@council.test"]  # the connection carried on
    gone = rows()[0]
    assert gone.sent_at is None and gone.attempts == 1
    assert gone.last_error.startswith("permanent: SMTPRecipientsRefused") and "550" in gone.last_error
    assert gone.next_attempt_at == MONDAY_9AM + timedelta(hours=6)


def test_two_senders_at_once_send_each_message_once(make_app, smtp_server):
    inbox, port = smtp_server
    apps = [
        make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=timeout) for timeout in (5, 6)
    ]  # two app instances: two engines, as two processes would have
    with apps[0].app_context():
        queue_and_commit(*(f"person{n}@council.test" for n in range(30)))
    results = run_at_once(apps, lambda: mail.send_pending())
    assert sum(result["sent"] for result in results) == 30
    assert sorted(m["To"] for m in inbox.messages) == sorted(f"person{n}@council.test" for n in range(30))
    with apps[0].app_context():
        assert all(row.sent_at is not None for row in rows())


def test_running_send_pending_again_sends_nothing_twice(mail_app, smtp_server):
    inbox, _ = smtp_server
    queue_and_commit("jo@council.test", "sam@council.test")
    assert mail.send_pending()["sent"] == 2
    assert mail.send_pending() == {"sent": 0, "failed": 0, "waiting": 0, "error": None}
    assert len(inbox.messages) == 2


def test_a_claimed_message_is_left_alone_until_the_claim_expires(mail_app, smtp_server):
    inbox, _ = smtp_server
    with clock.fixed(MONDAY_9AM) as now:
        [queued] = queue_and_commit("jo@council.test")
        # Another sender took it and then died without finishing.
        db.session.execute(
            update(OutgoingEmail)
            .where(OutgoingEmail.id == queued.id)
            .values(claimed_until=MONDAY_9AM + timedelta(minutes=5))
        )
        db.session.commit()
        assert mail.send_pending() == {"sent": 0, "failed": 0, "waiting": 1, "error": None}
        now.advance(minutes=4)
        assert mail.send_pending()["sent"] == 0
        now.advance(minutes=2)
        assert mail.send_pending()["sent"] == 1
    assert len(inbox.messages) == 1


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_is_used_when_a_username_is_set(make_app):
    inbox = Inbox()
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((mechanism, auth_data.login, auth_data.password))
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"staffroom", b"s3cret")
        return AuthResult(success=ok, handled=False)

    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    try:
        good = make_app(
            MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USERNAME="staffroom", MAIL_PASSWORD="s3cret"
        )
        bad = make_app(
            MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USERNAME="staffroom", MAIL_PASSWORD="wrong"
        )
        with clock.fixed(MONDAY_9AM):
            with bad.app_context():
                queue_and_commit("jo@council.test")
                result = bad_result = mail.send_pending()
                assert (result["sent"], result["failed"]) == (0, 1)
                assert "SMTPAuthenticationError" in bad_result["error"]
                assert not rows()[0].last_error.startswith("permanent")  # a server problem: normal back-off
            with good.app_context():
                assert mail.send_pending(include_waiting=True)["sent"] == 1
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert logins[-1][1:] == (b"staffroom", b"s3cret")


def test_development_without_a_server_logs_the_message_and_marks_it_sent(app, caplog):
    caplog.set_level(logging.INFO, logger=app.logger.name)
    with clock.fixed(MONDAY_9AM):
        queue_and_commit("jo@council.test", subject="SR-3: closed", body="Your request is closed.")
        assert mail.send_pending() == {"sent": 1, "failed": 0, "waiting": 0, "error": None}
    logged = "\n".join(record.getMessage() for record in caplog.records if record.levelno == logging.INFO)
    assert "To: jo@council.test" in logged
    assert "Subject: SR-3: closed" in logged
    assert "Your request is closed." in logged
    assert rows()[0].sent_at == MONDAY_9AM


def test_production_without_a_server_keeps_mail_queued(make_app):
    app = make_app(STAFFROOM_ENV="production", MAIL_SERVER="")
    with app.app_context():
        queue_and_commit("jo@council.test")
        result = mail.send_pending()
        assert (result["sent"], result["failed"], result["waiting"]) == (0, 0, 1)
        assert "MAIL_SERVER" in result["error"]
        assert rows()[0].attempts == 0


# --- After the request ---------------------------------------------------------------------------


def finish_request(app, status: int):
    """Run the app's after-request handling (the one commit) on a response with this status."""
    return app.process_response(Response("done", status=status))


def test_mail_queued_by_a_request_that_fails_is_never_written(make_app, smtp_server):
    inbox, port = smtp_server
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    with app.test_request_context("/", method="POST"):
        mail.queue("jo@council.test", "Subject", "Body")
        finish_request(app, 422)
        assert rows() == []
        assert mail.take_pending_flag(db.session) is False
    assert inbox.messages == []


class SlowInbox(Inbox):
    """A mail server that takes its time over every message (as one did, for 30 seconds)."""

    def __init__(self, delay: float):
        super().__init__()
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp_server():
    inbox = SlowInbox(delay=1.5)
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


def test_a_request_never_waits_on_a_slow_mail_server_and_its_mail_stays_queued(make_app, slow_smtp_server):
    inbox, port = slow_smtp_server
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=10)
    with app.test_request_context("/", method="POST"):
        for number in range(3):
            mail.queue(f"person{number}@council.test", "Subject", "Body")
        started = time.monotonic()
        assert finish_request(app, 200).status_code == 200
        elapsed = time.monotonic() - started
        assert [row.sent_at for row in rows()] == [None, None, None]  # committed, waiting for the worker

    assert elapsed < inbox.delay, f"the request waited {elapsed:.1f} s on the mail server"
    assert inbox.messages == []
    with app.app_context():
        assert mail.send_pending()["sent"] == 3
    assert len(inbox.messages) == 3


def run_worker(app, stop: threading.Event, interval: float = 0.05) -> threading.Thread:
    def work():
        with app.app_context():
            mail.follow(stop, interval=interval)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    return worker


def wait_for(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_the_mail_worker_sends_what_is_queued_as_it_comes_until_stopped(mail_app, smtp_server):
    inbox, _ = smtp_server
    stop = threading.Event()
    worker = run_worker(mail_app, stop)
    try:
        queue_and_commit("jo@council.test")
        wait_for(lambda: len(inbox.messages) == 1)
        queue_and_commit("sam@council.test", "ali@council.test")
        wait_for(lambda: len(inbox.messages) == 3)
    finally:
        stop.set()
        worker.join(timeout=10)
    assert not worker.is_alive()
    assert sorted(message["To"] for message in inbox.messages) == [
        "ali@council.test",
        "jo@council.test",
        "sam@council.test",
    ]


def test_the_mail_worker_carries_on_after_a_failure(mail_app, smtp_server, monkeypatch, caplog):
    inbox, _ = smtp_server
    real_send_pending = mail.send_pending
    failures = []

    def fails_once(**kwargs):
        if not failures:
            failures.append(True)
            raise OperationalError("SELECT", {}, Exception("server closed the connection unexpectedly"))
        return real_send_pending(**kwargs)

    monkeypatch.setattr(mail, "send_pending", fails_once)
    queue_and_commit("jo@council.test")
    stop = threading.Event()
    worker = run_worker(mail_app, stop)
    try:
        wait_for(lambda: len(inbox.messages) == 1)
    finally:
        stop.set()
        worker.join(timeout=10)
    assert failures and "the worker could not send" in caplog.text


def test_the_mail_follow_command_is_there_for_a_process_manager(mail_app):
    result = mail_app.test_cli_runner().invoke(args=["mail", "follow", "--help"])
    assert result.exit_code == 0 and "--interval" in result.output


# --- Commands ------------------------------------------------------------------------------------


def test_send_pending_command_reports_what_it_sent(mail_app, smtp_server):
    inbox, _ = smtp_server
    queue_and_commit("jo@council.test", "sam@council.test")
    result = mail_app.test_cli_runner().invoke(args=["mail", "send-pending"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "mail: 2 sent, 0 failed, 0 waiting"
    assert len(inbox.messages) == 2


def test_send_pending_command_says_when_the_server_is_down_but_succeeds(make_app, closed_port):
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port)
    with app.app_context():
        queue_and_commit("jo@council.test")
        result = app.test_cli_runner().invoke(args=["mail", "send-pending"])
    assert result.exit_code == 0
    assert "mail: 0 sent, 1 failed, 1 waiting" in result.output
    assert "could not be used" in result.output and "ConnectionRefusedError" in result.output


def test_send_pending_quiet_prints_nothing_when_there_is_nothing_to_do(mail_app):
    result = mail_app.test_cli_runner().invoke(args=["mail", "send-pending", "--quiet"])
    assert result.exit_code == 0 and result.output == ""


def test_mail_status_shows_pending_count_oldest_age_and_last_error(make_app, closed_port):
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port)
    with app.app_context(), clock.fixed(MONDAY_9AM) as now:
        runner = app.test_cli_runner()
        assert "pending: 0" in runner.invoke(args=["mail", "status"]).output
        queue_and_commit("jo@council.test", "sam@council.test")
        runner.invoke(args=["mail", "send-pending"])
        now.advance(minutes=30)
        result = runner.invoke(args=["mail", "status"])
    assert result.exit_code == 0
    assert "pending: 2 (2 due now, 0 being sent, 2 failed at least once)" in result.output
    assert "oldest pending: 30 minutes" in result.output
    assert "last error: ConnectionRefusedError" in result.output


# --- The notifier --------------------------------------------------------------------------------


def test_notify_with_an_email_queues_it_to_each_active_recipient_with_the_link(mail_app):
    actor, jo, sam = make_user(name="Actor"), make_user(name="Jo"), make_user(name="Sam")
    gone = make_user(name="Left", active=False)
    told = notify(
        [actor.id, jo.id, sam.id, gone.id, None],
        "SR-1: we replied",
        "/requests/SR-1",
        except_id=actor.id,
        email=Email(subject="SR-1: we replied", body="Our reply:\n\nAll done."),
    )
    db.session.commit()
    assert told == 3  # in-app as before (inactive people included)
    queued = rows()
    assert sorted(row.to_address for row in queued) == sorted([jo.email, sam.email])
    assert queued[0].subject == "SR-1: we replied"
    assert queued[0].body == (
        "Our reply:\n\nAll done.\n\nOpen it in Staffroom: https://staffroom.council.test/requests/SR-1\n\n--\n"
        "Choose which emails Staffroom sends you: https://staffroom.council.test/account/notices\n"
    )


def test_notify_without_an_email_queues_none(app):
    notify([make_user().id], "Hello", "/ideas/1")
    db.session.commit()
    assert rows() == []
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 1


def team_with_people(**team_kwargs):
    team = make_team(**team_kwargs)
    people = {
        "agent": make_user(roles=["agent"], team=team),
        "manager": make_user(roles=["manager", "agent"], team=team),
        "staff": make_user(team=team),
        "inactive_agent": make_user(roles=["agent"], team=team, active=False),
        "other_team_agent": make_user(roles=["agent"], team=make_team()),
    }
    return team, people


def test_notify_team_with_a_mailbox_emails_it_once_and_tells_agents_and_managers_in_app(mail_app):
    team, people = team_with_people(email="bs-north@council.test")
    told = notify_team(
        team,
        "New request SR-9",
        "/requests/SR-9",
        except_id=people["agent"].id,
        email=Email(subject="New request SR-9", body="Book a room."),
    )
    db.session.commit()
    assert told == Told(in_app=1, emails=1)
    in_app = set(db.session.scalars(select(Notification.user_id)))
    assert in_app == {people["manager"].id}
    [queued] = rows()
    assert queued.to_address == "bs-north@council.test"
    assert queued.body.endswith("Open it in Staffroom: https://staffroom.council.test/requests/SR-9\n")


def test_notify_team_without_a_mailbox_emails_its_agents_and_managers(mail_app, smtp_server):
    inbox, _ = smtp_server
    team, people = team_with_people()
    actor = make_user(name="Requester")
    told = notify_team(
        team,
        "New request SR-10",
        "/requests/SR-10",
        except_id=actor.id,
        email=Email(subject="New request SR-10", body="Book a room."),
    )
    db.session.commit()
    assert told == Told(in_app=2, emails=2)
    assert sorted(row.to_address for row in rows()) == sorted([people["agent"].email, people["manager"].email])
    mail.send_pending()
    assert sorted(m["To"] for m in inbox.messages) == sorted([people["agent"].email, people["manager"].email])


def test_notify_team_leaves_the_person_who_acted_out_of_individual_emails(mail_app):
    team, people = team_with_people()
    told = notify_team(
        team,
        "Reply on SR-11",
        "/requests/SR-11",
        except_id=people["manager"].id,
        email=Email(subject="Reply on SR-11", body="The requester replied."),
    )
    db.session.commit()
    assert told == Told(in_app=1, emails=1)
    assert [row.to_address for row in rows()] == [people["agent"].email]


def test_notify_team_without_an_email_only_tells_in_app(mail_app):
    team, _ = team_with_people(email="bs-north@council.test")
    assert notify_team(team, "Heads up", "/requests") == Told(in_app=2, emails=0)
    db.session.commit()
    assert rows() == []


# --- Settings ------------------------------------------------------------------------------------

MAIL_VARIABLES = (
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_USE_TLS",
    "MAIL_USE_SSL",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_FROM",
    "MAIL_TIMEOUT",
    "BASE_URL",
    "STAFFROOM_ENV",
    "SECRET_KEY",
)


@pytest.fixture
def mail_environment(monkeypatch):
    for name in MAIL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_mail_settings_default_to_the_log_in_development(mail_environment, tmp_path):
    settings = from_environment(tmp_path)
    assert settings["MAIL_SERVER"] == ""
    assert settings["MAIL_PORT"] == 25
    assert (settings["MAIL_USE_TLS"], settings["MAIL_USE_SSL"]) == (False, False)
    assert settings["MAIL_FROM"] == "Staffroom <staffroom@localhost>"
    assert settings["MAIL_TIMEOUT"] == 10
    assert "MAIL_SEND_AFTER_REQUEST" not in settings  # mail is never sent in a request
    assert settings["BASE_URL"] == "http://127.0.0.1:5000"


def test_mail_settings_come_from_the_environment(mail_environment, tmp_path):
    for name, value in {
        "MAIL_SERVER": "smtp.council.test",
        "MAIL_PORT": "587",
        "MAIL_USE_TLS": "true",
        "MAIL_USERNAME": "staffroom",
        "MAIL_PASSWORD": "pw",
        "MAIL_FROM": "Staffroom <no-reply@council.test>",
        "MAIL_TIMEOUT": "2.5",
        "BASE_URL": "https://staffroom.council.test/",
    }.items():
        mail_environment.setenv(name, value)
    settings = from_environment(tmp_path)
    assert settings["MAIL_SERVER"] == "smtp.council.test"
    assert (settings["MAIL_PORT"], settings["MAIL_USE_TLS"]) == (587, True)
    assert (settings["MAIL_USERNAME"], settings["MAIL_PASSWORD"]) == ("staffroom", "pw")
    assert settings["MAIL_FROM"] == "Staffroom <no-reply@council.test>"
    assert settings["MAIL_TIMEOUT"] == 2.5
    assert settings["BASE_URL"] == "https://staffroom.council.test"


def test_implicit_tls_defaults_to_port_465_and_cannot_be_combined_with_starttls(mail_environment, tmp_path):
    mail_environment.setenv("MAIL_USE_SSL", "1")
    assert from_environment(tmp_path)["MAIL_PORT"] == 465
    mail_environment.setenv("MAIL_USE_TLS", "1")
    with pytest.raises(ConfigError, match="MAIL_USE_SSL"):
        from_environment(tmp_path)
