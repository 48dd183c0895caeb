"""Server-side session records: start, check, end. The signed cookie only carries a token.

Flask's cookie session cannot be revoked, so every signed-in browser also has a UserSession row;
signing out, deactivation or a password change delete rows and the cookie stops working.
"""

import hashlib
import secrets

from flask import current_app, request, session
from flask_login import login_user, logout_user
from sqlalchemy import delete, func, select

from app import clock
from app.extensions import db, rows_changed
from app.models import User, UserSession

_SESSION_KEY = "sid"
# Writing last-seen on every request would make every page view a database write.
_TOUCH_INTERVAL_SECONDS = 300


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(user: User, *, remember: bool) -> None:
    """Sign `user` in on this browser with a brand-new session (no session fixation)."""
    end_current()
    session.clear()
    token = secrets.token_urlsafe(32)
    now = clock.now()
    db.session.add(
        UserSession(
            token_hash=_hash(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            remember=remember,
            user_agent=(request.user_agent.string or "")[:200],
        )
    )
    session[_SESSION_KEY] = token
    # A permanent cookie survives closing the browser ("remember me"); the record still
    # expires after the idle and absolute limits.
    session.permanent = remember
    login_user(user)


def renew(user: User) -> None:
    """After re-authentication (a password change): this browser carries on signed in, under a new
    token; the old one stops working, and the idle and absolute limits start again."""
    token = session.get(_SESSION_KEY)
    record = db.session.scalar(select(UserSession).where(UserSession.token_hash == _hash(token))) if token else None
    start(user, remember=record.remember if record is not None else bool(session.permanent))


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader: the person only if this browser's session record is valid."""
    token = session.get(_SESSION_KEY)
    if not token or not user_id.isdigit():
        return None
    record = db.session.scalar(select(UserSession).where(UserSession.token_hash == _hash(token)))
    if record is None or record.user_id != int(user_id):
        return None
    now = clock.now()
    config = current_app.config
    expired = (
        now - record.last_seen_at > config["SESSION_IDLE_TIMEOUT"]
        or now - record.created_at > config["SESSION_ABSOLUTE_TIMEOUT"]
    )
    if expired or not record.user.active:
        db.session.delete(record)
        return None
    if (now - record.last_seen_at).total_seconds() > _TOUCH_INTERVAL_SECONDS:
        record.last_seen_at = now
    return record.user


def end_current() -> None:
    """Sign this browser out: delete its record, then forget the cookie's contents."""
    token = session.get(_SESSION_KEY)
    if token:
        db.session.execute(delete(UserSession).where(UserSession.token_hash == _hash(token)))
    logout_user()
    session.clear()


def end_all_for(user: User, *, except_current: bool = False) -> int:
    """End every session of `user` (deactivation, password change). Returns how many ended."""
    statement = delete(UserSession).where(UserSession.user_id == user.id)
    token = session.get(_SESSION_KEY) if except_current else None
    if token:
        statement = statement.where(UserSession.token_hash != _hash(token))
    return rows_changed(statement)


def end_all_for_people(user_ids: list[int]) -> dict[int, int]:
    """End every session of each of these people at once (deactivations in bulk): how many ended
    for each person who had any."""
    ended: dict[int, int] = {}
    for start_at in range(0, len(user_ids), 500):  # well under every database's limit on parameters
        chunk = user_ids[start_at : start_at + 500]
        counts = db.session.execute(
            select(UserSession.user_id, func.count())
            .where(UserSession.user_id.in_(chunk))
            .group_by(UserSession.user_id)
        )
        ended.update((user_id, count) for user_id, count in counts)
        db.session.execute(delete(UserSession).where(UserSession.user_id.in_(chunk)))
    return ended


def active_for(user: User) -> list[UserSession]:
    return list(
        db.session.scalars(
            select(UserSession).where(UserSession.user_id == user.id).order_by(UserSession.last_seen_at.desc())
        )
    )


def is_current(record: UserSession) -> bool:
    token = session.get(_SESSION_KEY)
    if not token:
        return False
    return record.token_hash == _hash(token)


def delete_expired() -> int:
    """Housekeeping: remove records past their idle or absolute limit."""
    now = clock.now()
    config = current_app.config
    return rows_changed(
        delete(UserSession).where(
            (UserSession.last_seen_at < now - config["SESSION_IDLE_TIMEOUT"])
            | (UserSession.created_at < now - config["SESSION_ABSOLUTE_TIMEOUT"])
        )
    )
