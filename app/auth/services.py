"""Sign-in rules: credentials, the shared lock-out counter, password changes."""

from collections import Counter
from datetime import date, datetime, timedelta

from flask import current_app, has_request_context, request
from sqlalchemy import Select, delete, func, select

from app import audit, clock
from app.auth import passwords
from app.extensions import db
from app.models import LoginAttempt, PasswordResetToken, Role, User
from app.validation import FieldError

BAD_CREDENTIALS = "Enter a correct email address and password"
# Addresses named in each day's summary of failed sign-ins on addresses with no account.
SUMMARY_SAMPLE = 20


class SignInRefused(FieldError):
    def __init__(self, message: str):
        super().__init__("email", message)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def _failures_since_success(email: str, since: datetime) -> Select[LoginAttempt]:
    """Failed attempts on this address after `since` and after its last success, newest first."""
    last_success = db.session.scalar(
        select(func.max(LoginAttempt.attempted_at)).where(LoginAttempt.email == email, LoginAttempt.succeeded.is_(True))
    )
    if last_success and last_success > since:
        since = last_success
    return (
        select(LoginAttempt)
        .where(LoginAttempt.email == email, LoginAttempt.succeeded.is_(False), LoginAttempt.attempted_at > since)
        .order_by(LoginAttempt.attempted_at.desc(), LoginAttempt.id.desc())
    )


def lockout_remaining(email: str) -> timedelta | None:
    """How long sign-in stays refused for this address, or None if it is not locked.

    Locked while the address has had the maximum number of failures within the window since its
    last success; it unlocks when the oldest of those failures leaves the window.
    """
    window: timedelta = current_app.config["LOGIN_FAILURE_WINDOW"]
    limit: int = current_app.config["LOGIN_MAX_FAILURES"]
    now = clock.now()
    recent = list(db.session.scalars(_failures_since_success(email, now - window).limit(limit)))
    if len(recent) < limit:
        return None
    remaining: timedelta = recent[-1].attempted_at + window - now
    return remaining


def _serialise_attempts_on(email: str) -> None:
    """Until this transaction ends, other workers signing in to this address wait here. SQLite needs
    nothing: the attempt's insert takes its one write lock, held until commit."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(func.pg_advisory_xact_lock(func.hashtext("sign-in:" + email))))


def _reserve_password_check(email: str) -> LoginAttempt | None:
    """This attempt, written as a failure and committed before the password is checked, or None if
    the address is locked. Counting and writing happen under one lock, so a burst of attempts on
    many workers at once runs at most LOGIN_MAX_FAILURES password checks. (An attempt whose worker
    dies mid-check stays a failure: erring towards the lock-out.)"""
    _serialise_attempts_on(email)
    attempt = LoginAttempt(
        email=email,
        attempted_at=clock.now(),
        succeeded=False,
        ip=(request.remote_addr or "")[:45] if has_request_context() else "",
    )
    db.session.add(attempt)
    db.session.flush()
    window: timedelta = current_app.config["LOGIN_FAILURE_WINDOW"]
    limit: int = current_app.config["LOGIN_MAX_FAILURES"]
    earlier = db.session.scalars(
        _failures_since_success(email, attempt.attempted_at - window).where(LoginAttempt.id != attempt.id).limit(limit)
    ).all()
    locked = len(earlier) >= limit
    if locked:
        db.session.delete(attempt)  # refused without a check: not another failure
    # Committed now, not with the request: the other workers must count it before this one checks.
    db.session.commit()
    return None if locked else attempt


def _minutes(delta: timedelta) -> str:
    minutes = max(1, -(-int(delta.total_seconds()) // 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def password_sign_in_allowed(user: User) -> bool:
    """With single sign-on, a setting keeps Staffroom passwords for administrators alone
    (break-glass): nobody else signs in with one, nor is sent a link to set one."""
    setting = current_app.config["PASSWORD_SIGN_IN"]
    return setting != "administrators" or user.has_role(Role.ADMIN)


def authenticate(email: str, password: str) -> User:
    """The person these credentials belong to, or SignInRefused saying why (never which part
    was wrong). Every attempt is recorded, so the lock-out holds across all worker processes."""
    email = normalise_email(email)
    attempt = _reserve_password_check(email)
    user = find_by_email(email)
    if attempt is None:
        if user is not None:
            audit.record(None, "sign_in_refused_locked", user, email=email)
        raise SignInRefused(
            "There have been too many failed attempts to sign in to this account. "
            f"Try again in {_minutes(lockout_remaining(email) or timedelta(minutes=1))}, "
            "or set a new one through “Forgotten your password?”."
        )
    valid = passwords.verify_password(user.password_hash if user else None, password)
    password_refused = valid and user is not None and not password_sign_in_allowed(user)
    if password_refused and user is not None and user.active:
        audit.record(None, "sign_in_refused_password_off", user, email=email)
        raise SignInRefused(
            f"Sign in with {current_app.config['OIDC_PROVIDER_NAME']} instead: Staffroom passwords are kept "
            "for administrators only."
        )
    if not (valid and user is not None and user.active):
        if user is not None:
            # Addresses with no account are summarised by housekeeping (summarise_unknown_address_
            # failures), not recorded one by one: a client trying made-up addresses would fill the log.
            audit.record(
                None, "sign_in_failed", user, email=email, reason="deactivated" if valid else "wrong email or password"
            )
            if lockout_remaining(email):
                # This failure was the one too many: the address is locked from now on.
                audit.record(
                    None, "sign_in_locked_out", user, email=email, failures=current_app.config["LOGIN_MAX_FAILURES"]
                )
        # Deactivated accounts get the same answer as wrong passwords.
        raise SignInRefused(BAD_CREDENTIALS)
    attempt.succeeded = True
    audit.record(user, "sign_in", user)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    return user


def summarise_unknown_address_failures(before: datetime) -> int:
    """One audit row per client address and UK day for the failed sign-ins before `before` on
    email addresses that have no account (attempts, addresses, the most tried, first and last time), then
    those attempts are deleted, so each is summarised once. Returns the number of rows written."""
    known = select(User.email)
    unknown_failures = (
        LoginAttempt.succeeded.is_(False),
        LoginAttempt.attempted_at < before,
        LoginAttempt.email.not_in(known),
    )
    by_client: dict[tuple[str, date], list[LoginAttempt]] = {}
    for attempt in db.session.scalars(
        select(LoginAttempt).where(*unknown_failures).order_by(LoginAttempt.attempted_at)
    ):
        by_client.setdefault((attempt.ip, attempt.attempted_at.astimezone(clock.UK).date()), []).append(attempt)
    for (ip, day), attempts in by_client.items():
        tries = Counter(attempt.email for attempt in attempts)
        most_tried = sorted(tries, key=lambda address: (-tries[address], address))
        audit.record(
            None,
            "sign_in_failed_unknown_addresses",
            day=day.isoformat(),
            client=ip or "unknown",
            attempts=len(attempts),
            addresses=len(tries),
            first=attempts[0].attempted_at.isoformat(timespec="seconds"),
            last=attempts[-1].attempted_at.isoformat(timespec="seconds"),
            most_tried=most_tried[:SUMMARY_SAMPLE],
        )
    db.session.execute(delete(LoginAttempt).where(*unknown_failures).execution_options(synchronize_session=False))
    return len(by_client)


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
