"""Password reset by email: a single-use link, valid 30 minutes, for people who have forgotten
their password (or never had one: people imported in bulk set their first one this way).

Only the SHA-256 of a link's token is stored. A link stops working when it is used, when the
person's password changes in any other way (services.set_password deletes their links), when it
expires, or when the person is deactivated. Asking for a link gives the same answer whether or not
the address has an account, and the work done differs only by the two rows written for a real one
(the link and the queued email; the email itself is sent later by the outbox worker).
"""

import hashlib
import secrets
from datetime import timedelta

from flask import url_for
from sqlalchemy import delete, select

from app import audit, clock, mail
from app.auth import passwords, services, sessions
from app.extensions import db, rows_changed
from app.models import LoginAttempt, PasswordResetToken, User
from app.validation import FieldError

TOKEN_LIFETIME = timedelta(minutes=30)
LINK_EXPIRED = "This link has expired or has already been used"


class LinkExpired(FieldError):
    """The link is unknown, used, expired, or its person can no longer sign in."""

    def __init__(self) -> None:
        super().__init__(None, LINK_EXPIRED)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def request_link(email: str) -> bool:
    """Email a reset link to the active person with this address, if there is one and they may sign
    in with a password (services.password_sign_in_allowed). Returns whether
    a link was sent (for the tests and the audit log only: the person asking is never told)."""
    address = services.normalise_email(email)
    person = services.find_by_email(address)
    if person is None or not person.active or not services.password_sign_in_allowed(person):
        audit.record(None, "password_reset_requested", person, email=address, sent=False)
        return False
    token = secrets.token_urlsafe(32)
    now = clock.now()
    db.session.add(
        PasswordResetToken(token_hash=_hash(token), user_id=person.id, created_at=now, expires_at=now + TOKEN_LIFETIME)
    )
    link = mail.absolute_url(url_for("password_reset.choose_password", token=token))
    minutes = int(TOKEN_LIFETIME.total_seconds() // 60)
    mail.queue(
        person.email,
        "Reset your Staffroom password",
        f"Hello {person.name},\n\n"
        "Someone asked to reset the password of your Staffroom account. If it was you, choose a new "
        f"password here within {minutes} minutes:\n\n{link}\n\n"
        "The link works once. Choosing a new password signs you out of Staffroom on every other device.\n\n"
        "If you did not ask, you can ignore this email: your password has not changed.\n",
    )
    audit.record(None, "password_reset_requested", person, email=address, sent=True)
    return True


def _valid_token(token: str) -> PasswordResetToken:
    record = db.session.scalar(
        select(PasswordResetToken).where(PasswordResetToken.token_hash == _hash(token or "")).limit(1)
    )
    if record is None or record.expires_at <= clock.now() or not record.user.active:
        raise LinkExpired()
    return record


def person_for(token: str) -> User:
    """Whose link this is, or LinkExpired."""
    return _valid_token(token).user


def reset_password(token: str, new_password: str) -> User:
    """Set the new password of the link's person, end every session they have (the view then signs
    this browser in afresh) and lift any sign-in lock-out. The link is used up."""
    record = _valid_token(token)
    person = record.user
    problem = passwords.password_problem(new_password, email=person.email)
    if problem:
        raise FieldError("new_password", problem)
    # Single use even when the link is sent twice at once: only one request deletes the row.
    if rows_changed(delete(PasswordResetToken).where(PasswordResetToken.id == record.id)) != 1:
        raise LinkExpired()
    ended = sessions.end_all_for(person)
    services.set_password(person, new_password, actor=person, action="password_reset", sessions_ended=ended)
    # Proof of the mailbox is as good as the password: a lock-out from earlier failures is lifted.
    db.session.add(LoginAttempt(email=person.email, attempted_at=clock.now(), succeeded=True))
    return person


def delete_expired() -> int:
    """Housekeeping: remove links past their expiry."""
    return rows_changed(delete(PasswordResetToken).where(PasswordResetToken.expires_at <= clock.now()))
