"""Email: messages queued in the `outgoing_emails` outbox with the change they report, and the
sender that delivers them later (SMTP, or the log in development) with retries and back-off.

No request ever waits on the mail server: the outbox is drained by `flask mail send-pending`
(cron) or by the long-running `flask mail follow` worker (`follow` below)."""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TypedDict

from flask import current_app
from markupsafe import Markup, escape
from sqlalchemy import and_, func, or_, select, update

from app import clock
from app.extensions import db, rows_changed
from app.models import OutgoingEmail

PENDING_FLAG = "mail_outbox_written"
# Retry after 1, 2, 4, 8 ... minutes, never waiting longer than this between attempts.
MAX_BACK_OFF = timedelta(hours=6)
# `flask mail follow`: how long the worker waits between looks at the outbox.
FOLLOW_INTERVAL_SECONDS = 5.0

# One plain address, nothing that could add a header or a second recipient.
_ADDRESS = re.compile(r"[^@\s<>,;:\"()\[\]\\]+@[^@\s<>,;:\"()\[\]\\]+")
_MAX_ERROR = 500  # the last_error column


# --- Writing -----------------------------------------------------------------------------------


def queue(to_address: str, subject: str, body: str) -> OutgoingEmail | None:
    """Add a message to the outbox in the current transaction: it is sent only if that commits.
    Returns None (and queues nothing) for an empty or malformed address."""
    address = (to_address or "").strip()
    if len(address) > 254 or not _ADDRESS.fullmatch(address):
        return None
    now = clock.now()
    email = OutgoingEmail(
        to_address=address,
        # Headers cannot hold line breaks; the column holds 200 characters.
        subject=" ".join((subject or "").split())[:200],
        body=body or "",
        message_id=f"<{uuid.uuid4()}@staffroom>",
        created_at=now,
        attempts=0,
        next_attempt_at=now,
        claimed_until=None,
        sent_at=None,
        last_error="",
    )
    db.session.add(email)
    db.session.info[PENDING_FLAG] = True
    return email


def take_pending_flag(session) -> bool:
    """Whether this session queued mail since last asked (and forget it)."""
    return bool(session.info.pop(PENDING_FLAG, False))


def absolute_url(path: str) -> str:
    """A link for an email: BASE_URL plus the path from url_for (absolute URLs pass through)."""
    if not path or re.match(r"^https?://", path):
        return path or ""
    return current_app.config.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/") + "/" + path.lstrip("/")


# --- Sending -----------------------------------------------------------------------------------


def back_off(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt: 1, 2, 4, 8 ... minutes, at most 6 hours."""
    if attempts >= 10:  # 2**9 minutes is already past the cap
        return MAX_BACK_OFF
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACK_OFF)


def _backend(config) -> str | None:
    if config.get("MAIL_SERVER"):
        return "smtp"
    # Without a server, development logs messages; production keeps them until one is set.
    return None if config.get("STAFFROOM_ENV") == "production" else "console"


def _claim_length(config) -> timedelta:
    # Long enough for one message's connect + send, so a live sender never loses its claim;
    # short enough that a crashed sender's messages go out again soon.
    return max(timedelta(minutes=5), timedelta(seconds=10 * float(config["MAIL_TIMEOUT"])))


def _unsent():
    return OutgoingEmail.sent_at.is_(None)


def _unclaimed(now: datetime):
    return or_(OutgoingEmail.claimed_until.is_(None), OutgoingEmail.claimed_until < now)


def _count_unsent() -> int:
    count = db.session.execute(select(func.count()).select_from(OutgoingEmail).where(_unsent())).scalar_one()
    db.session.rollback()
    return count


class SendResult(TypedDict):
    sent: int
    failed: int
    waiting: int
    error: str | None


def send_pending(limit: int = 100, *, include_waiting: bool = False) -> SendResult:
    """Send messages that are due (oldest first, at most `limit`) over one connection.

    Returns {"sent", "failed", "waiting", "error"}: "waiting" is how many messages are still
    unsent afterwards (those that just failed included); "error" says why the server could not
    be used at all (None when it could). `include_waiting` also sends messages whose next retry
    is not due yet (after a mail server outage is fixed).

    Commits the session as it goes: call it from the CLI (`send-pending`, `follow`), never in a
    request.
    """
    config = current_app.config
    backend = _backend(config)
    result: SendResult = {"sent": 0, "failed": 0, "waiting": 0, "error": None}
    if backend is None:
        result["error"] = "MAIL_SERVER is not set, so nothing can be sent"
        result["waiting"] = _count_unsent()
        return result

    now = clock.now()
    due = and_(_unsent(), _unclaimed(now))
    if not include_waiting:
        due = and_(due, OutgoingEmail.next_attempt_at <= now)
    ids = list(
        db.session.scalars(
            select(OutgoingEmail.id).where(due).order_by(OutgoingEmail.next_attempt_at, OutgoingEmail.id).limit(limit)
        )
    )
    db.session.rollback()  # end the read; every claim below is its own short transaction

    sender = _Sender(config, backend)
    try:
        for email_id in ids:
            if not _claim(email_id, config):
                continue  # another sender has it, or sent it meanwhile
            email = db.session.get_one(OutgoingEmail, email_id)  # claimed: it exists
            failure = sender.send(email)
            if failure is None:
                _finish(email_id, sent_at=clock.now())
                result["sent"] += 1
            else:
                permanent = failure is not sender.server_error and _permanent(failure)
                _fail(email_id, email.attempts, failure, permanent=permanent)
                result["failed"] += 1
    finally:
        sender.close()
        db.session.rollback()
    if sender.server_error is not None:
        result["error"] = _describe(sender.server_error)
    result["waiting"] = _count_unsent()
    return result


class _Sender:
    """One connection for the whole run, opened when the first message is claimed."""

    def __init__(self, config, backend: str):
        self.config, self.backend = config, backend
        self.connection: smtplib.SMTP | None = None
        self.server_error: Exception | None = None

    def send(self, email: OutgoingEmail) -> Exception | None:
        """Send one message; returns what went wrong, or None."""
        if self.server_error is not None:
            # Unreachable, refused our login or dropped us: the rest of this run would fare no
            # better, so they record the same failure without another wait for a timeout.
            return self.server_error
        try:
            message = _message(email, self.config)
        except Exception as error:  # noqa: BLE001  one malformed message must not stop the rest
            return error
        if self.backend == "console":
            _log(message)
            return None
        try:
            if self.connection is None:
                self.connection = _connect(self.config)
            self.connection.send_message(message)
        except Exception as error:  # noqa: BLE001  recorded on the message, retried later
            if self.connection is None or _connection_lost(error):
                self.server_error = error
                self.close()
            return error
        return None

    def close(self) -> None:
        _close(self.connection)
        self.connection = None


def _claim(email_id: int, config) -> bool:
    """Take the message for this sender, committed before sending, so no other sender (another
    process, `send-pending` or a `follow` worker) can send it too."""
    now = clock.now()
    claimed = rows_changed(
        update(OutgoingEmail)
        .where(OutgoingEmail.id == email_id, _unsent(), _unclaimed(now))
        .values(claimed_until=now + _claim_length(config))
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return claimed == 1


def _finish(email_id: int, **values) -> None:
    db.session.execute(
        update(OutgoingEmail)
        .where(OutgoingEmail.id == email_id)
        .values(claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _fail(email_id: int, previous_attempts: int, error: Exception, *, permanent: bool) -> None:
    attempts = (previous_attempts or 0) + 1
    # A permanent refusal (a 5xx, say for a mailbox that has gone) is kept and retried at the
    # longest interval: nothing is dropped, and a fixed mailbox still gets its mail.
    wait = MAX_BACK_OFF if permanent else back_off(attempts)
    description = ("permanent: " if permanent else "") + _describe(error)
    _finish(email_id, attempts=attempts, next_attempt_at=clock.now() + wait, last_error=description[:_MAX_ERROR])


def _message(email: OutgoingEmail, config) -> EmailMessage:
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = email.to_address
    message["Subject"] = email.subject
    message["Date"] = format_datetime(email.created_at)
    message["Message-ID"] = email.message_id  # the stored one: a retry is recognisably the same message
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: out-of-office replies stay away
    message.set_content(email.body)
    message.add_alternative(html_version(email.body, email.subject), subtype="html")
    return message


# --- The HTML part ---------------------------------------------------------------------------------

_LINK = re.compile(r"https?://[^\s<>\"]+")
_FONT = "font-family: Helvetica, Arial, sans-serif; color: #0b0c0c;"
_TEXT = f"{_FONT} font-size: 19px; line-height: 25px; margin: 0 0 20px 0;"
_SMALL = f"{_FONT} font-size: 16px; line-height: 22px; margin: 0 0 10px 0;"


def _inline(text: str) -> Markup:
    """One line of the plain text, escaped, with its web addresses made links."""
    parts: list[Markup] = []
    last = 0
    for match in _LINK.finditer(text):
        url = match.group(0).rstrip(".,;:)")
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup('<a href="{0}" style="color: #1d70b8;">{0}</a>').format(url))
        last = match.start() + len(url)
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def _blocks(text: str, style: str) -> list[Markup]:
    """Paragraphs (blank-line separated) as <p>, runs of "- " lines as a list, indented lines kept."""
    html: list[Markup] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if all(line.startswith(("- ", "  ")) for line in lines) and lines[0].startswith("- "):
            items: list[list[Markup]] = []
            for line in lines:
                if line.startswith("- "):
                    items.append([_inline(line[2:])])
                else:
                    items[-1].append(_inline(line.strip()))
            html.append(
                Markup('<ul style="{0} padding-left: 20px;">{1}</ul>').format(
                    style,
                    Markup("").join(
                        Markup('<li style="margin-bottom: 5px;">{0}</li>').format(Markup("<br>").join(item))
                        for item in items
                    ),
                )
            )
        else:
            html.append(Markup('<p style="{0}">{1}</p>').format(style, Markup("<br>").join(map(_inline, lines))))
    return html


def html_version(body: str, subject: str) -> str:
    """The message as HTML in the GOV.UK Notify style (a black bar with the service's name, one
    column of 19px text, blue links), made from the plain text so the two never disagree; what
    follows a "--" line is the small print."""
    main, _, small_print = (body or "").partition("\n--\n")
    content = Markup("").join(_blocks(main, _TEXT))
    footer = Markup("").join(_blocks(small_print, _SMALL)) if small_print.strip() else Markup("")
    return str(
        Markup(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{subject}</title></head>'
            '<body style="margin: 0; padding: 0; background: #ffffff;">'
            '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background: #0b0c0c;">'
            '<tr><td style="padding: 10px 15px;"><span style="{font} color: #ffffff; font-size: 28px; '
            'font-weight: 700; line-height: 1.3;">Staffroom</span></td></tr></table>'
            '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width: 580px;">'
            '<tr><td style="padding: 0 15px;"><div style="height: 10px; background: #1d70b8; margin-bottom: 30px;">'
            "</div>{content}{footer}</td></tr></table></body></html>"
        ).format(
            subject=subject,
            font=_FONT,
            content=content,
            footer=Markup('<div style="border-top: 1px solid #b1b4b6; padding-top: 15px;">{0}</div>').format(footer)
            if footer
            else "",
        )
    )


def _connect(config) -> smtplib.SMTP:
    host, port, timeout = config["MAIL_SERVER"], int(config["MAIL_PORT"]), float(config["MAIL_TIMEOUT"])
    connection: smtplib.SMTP
    if config.get("MAIL_USE_SSL"):
        connection = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            connection.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            connection.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    except BaseException:
        _close(connection)
        raise
    return connection


def _close(connection) -> None:
    if connection is None:
        return
    try:
        connection.quit()
    except Exception:  # noqa: BLE001  the server may already have gone
        connection.close()


def _connection_lost(error: Exception) -> bool:
    """Whether the connection is gone (dropped, timed out), not just this message refused."""
    if isinstance(error, smtplib.SMTPResponseException):
        # 421: the server is closing the connection (smtplib has closed it already).
        return error.smtp_code == 421
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    # Every other SMTPException is about this message; SMTPException is an OSError, so it is
    # ruled out before plain OSErrors (refused, reset, timed out) count as a lost connection.
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def _permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _describe(error: Exception) -> str:
    text = str(error) or repr(error)
    return f"{type(error).__name__}: {text}"


def _log(message: EmailMessage) -> None:
    plain = message.get_body(preferencelist=("plain",))  # the text; the HTML part is made from it
    logger = current_app.logger
    if not logger.isEnabledFor(logging.INFO):
        # `flask run` without --debug leaves the app's logger at WARNING; development mail must show.
        logger.setLevel(logging.INFO)
    logger.info(
        "mail (console backend, MAIL_SERVER is not set; not sent anywhere):\n"
        "From: %s\nTo: %s\nSubject: %s\nMessage-ID: %s\n\n%s",
        message["From"],
        message["To"],
        message["Subject"],
        message["Message-ID"],
        plain.get_content().rstrip() if plain is not None else "",
    )


def follow(
    stop: threading.Event,
    interval: float = FOLLOW_INTERVAL_SECONDS,
    limit: int = 100,
    report: Callable[[SendResult], None] | None = None,
) -> None:
    """The mail worker (`flask mail follow`): send what is due, wait `interval` seconds (at once
    again when a run was full), until `stop` is set. A failure is logged and the worker carries
    on: a database or mail server outage only delays mail, it never stops the worker."""
    while not stop.is_set():
        result: SendResult | None = None
        try:
            result = send_pending(limit=limit)
        except Exception:  # logged; the next round tries again
            current_app.logger.exception("mail: the worker could not send (it carries on)")
            _quietly_rollback()
        if result is not None:
            if report is not None:
                report(result)
            if result["error"] and _backend(current_app.config) == "smtp":
                current_app.logger.warning("mail: the mail server could not be used (%s)", result["error"])
        full = result is not None and result["sent"] + result["failed"] >= limit
        if not full:
            stop.wait(interval)


def _quietly_rollback() -> None:
    try:
        db.session.rollback()
    except Exception:  # a dead connection: the pool replaces it on the next use
        current_app.logger.exception("mail: could not roll back")


# --- Reporting ---------------------------------------------------------------------------------


def status() -> dict:
    """What is waiting: unsent count, due now, being sent, failing, oldest age, the latest error."""
    now = clock.now()
    unsent = _unsent()
    pending, oldest = db.session.execute(
        select(func.count(OutgoingEmail.id), func.min(OutgoingEmail.created_at)).where(unsent)
    ).one()

    def count(*conditions) -> int:
        return db.session.execute(
            select(func.count()).select_from(OutgoingEmail).where(unsent, *conditions)
        ).scalar_one()

    latest_error = db.session.scalar(
        select(OutgoingEmail.last_error)
        .where(unsent, OutgoingEmail.last_error != "")
        .order_by(OutgoingEmail.next_attempt_at.desc(), OutgoingEmail.id.desc())
        .limit(1)
    )
    report = {
        "pending": pending,
        "due": count(OutgoingEmail.next_attempt_at <= now, _unclaimed(now)),
        "sending": count(OutgoingEmail.claimed_until >= now),
        "failing": count(OutgoingEmail.attempts > 0),
        "oldest_age": (now - oldest) if oldest is not None else None,
        "last_error": latest_error or "",
        "sent_last_day": db.session.scalar(
            select(func.count()).select_from(OutgoingEmail).where(OutgoingEmail.sent_at >= now - timedelta(days=1))
        ),
        "backend": _backend(current_app.config) or "none (MAIL_SERVER is not set)",
    }
    db.session.rollback()
    return report
