"""Sign-in rules: credentials, the shared lock-out counter, password changes."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from app import audit, clock
from app.auth import passwords
from app.extensions import db
from app.models import LoginAttempt, PasswordResetToken, User
from app.validation import FieldError

BAD_CREDENTIALS = "Enter a correct email address and password"


class SignInRefused(FieldError):
    def __init__(self, message: str):
        super().__init__("email", message)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def lockout_remaining(email: str) -> timedelta | None:
    """How long sign-in stays refused for this address, or None if it is not locked.

    Locked while the address has had the maximum number of failures within the window since its
    last success; it unlocks when the oldest of those failures leaves the window.
    """
    config = current_app.config
    window: timedelta = config["LOGIN_FAILURE_WINDOW"]
    limit: int = config["LOGIN_MAX_FAILURES"]
    now = clock.now()
    since = now - window
    last_success = db.session.scalar(
        select(func.max(LoginAttempt.attempted_at)).where(LoginAttempt.email == email, LoginAttempt.succeeded.is_(True))
    )
    if last_success and last_success > since:
        since = last_success
    recent_failures = list(
        db.session.scalars(
            select(LoginAttempt.attempted_at)
            .where(LoginAttempt.email == email, LoginAttempt.succeeded.is_(False), LoginAttempt.attempted_at > since)
            .order_by(LoginAttempt.attempted_at.desc())
            .limit(limit)
        )
    )
    if len(recent_failures) < limit:
        return None
    return recent_failures[-1] + window - now


def _minutes(delta: timedelta) -> str:
    minutes = max(1, -(-int(delta.total_seconds()) // 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def authenticate(email: str, password: str) -> User:
    """The person these credentials belong to, or SignInRefused saying why (never which part
    was wrong). Every attempt is recorded, so the lock-out holds across all worker processes."""
    email = normalise_email(email)
    remaining = lockout_remaining(email)
    if remaining:
        audit.record(None, "sign_in_refused_locked", find_by_email(email), email=email)
        raise SignInRefused(
            "There have been too many failed attempts to sign in to this account. "
            f"Try again in {_minutes(remaining)}, or set a new one through “Forgotten your password?”."
        )
    user = find_by_email(email)
    valid = passwords.verify_password(user.password_hash if user else None, password)
    ok = valid and user is not None and user.active
    db.session.add(LoginAttempt(email=email, attempted_at=clock.now(), succeeded=ok))
    if not ok or user is None:
        audit.record(
            None,
            "sign_in_failed",
            user,
            email=email,
            reason="deactivated" if valid and user is not None else "wrong email or password",
        )
        if lockout_remaining(email):
            # This failure was the one too many: the address is locked from now on.
            audit.record(
                None, "sign_in_locked_out", user, email=email, failures=current_app.config["LOGIN_MAX_FAILURES"]
            )
        # Deactivated accounts get the same answer as wrong passwords.
        raise SignInRefused(BAD_CREDENTIALS)
    audit.record(user, "sign_in", user)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    return user


def set_password(user: User, new_password: str, *, actor: User, action: str | None = None, **details: object) -> None:
    """The one place a password changes: by its owner, by an administrator, or through a reset
    link. Every reset link the person has stops working."""
    problem = passwords.password_problem(new_password, email=user.email)
    if problem:
        raise FieldError("new_password", problem)
    user.password_hash = passwords.hash_password(new_password)
    db.session.execute(delete(PasswordResetToken).where(PasswordResetToken.user_id == user.id))
    audit.record(actor, action or ("password_set" if actor.id != user.id else "password_changed"), user, **details)
    db.session.flush()


def change_own_password(user: User, current_password: str, new_password: str) -> None:
    if not passwords.verify_password(user.password_hash, current_password):
        raise FieldError("current_password", "Your current password is not correct")
    if current_password == new_password:
        raise FieldError("new_password", "New password must be different from your current password")
    set_password(user, new_password, actor=user)
