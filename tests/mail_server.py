"""A real SMTP server on loopback for the tests that send mail (a plugin: tests/conftest.py lists
it), and an app that sends to it: `smtp_server` yields (inbox, port), `mail_app` an app context."""

import socket
import threading
from contextlib import closing
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """An aiosmtpd handler that keeps what arrives; addresses starting "gone" are refused."""

    def __init__(self):
        self.messages = []
        self.envelopes = []
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("gone"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.envelopes.append(envelope)
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1; yields (inbox, port)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def mail_app(make_app, smtp_server):
    """An app that sends to the test SMTP server (only ever when asked: never in a request)."""
    _, port = smtp_server
    app = make_app(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_FROM="Staffroom <staffroom@council.test>",
        MAIL_TIMEOUT=5,
        BASE_URL="https://staffroom.council.test",
    )
    with app.app_context():
        yield app
