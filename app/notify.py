"""The one notifier: tells people about things they follow, in-app and (when asked) by email
through the outbox in app/mail.py, both in the caller's transaction."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func, select, update

from app import clock, mail
from app.extensions import db
from app.models import Notification, Role, Team, User, UserRole

MAX_MESSAGE = 300
TEAM_ROLES = (Role.AGENT, Role.MANAGER)


@dataclass(frozen=True)
class Email:
    """What to email as well as the in-app message; the link is added to the body."""

    subject: str
    body: str


class Told(NamedTuple):
    in_app: int
    emails: int


def notify(
    recipient_ids: Iterable[int | None],
    message: str,
    link: str,
    *,
    except_id: int | None = None,
    email: Email | None = None,
) -> int:
    """Leave `message` (with a link to follow) for each recipient, and queue `email` to each
    active recipient's address. Returns how many were told in-app."""
    ids = sorted({rid for rid in recipient_ids if rid is not None and rid != except_id})
    now = clock.now()
    db.session.add_all(
        Notification(user_id=rid, message=message[:MAX_MESSAGE], link=link, created_at=now) for rid in ids
    )
    if email is not None and ids:
        addresses = db.session.scalars(
            select(User.email).where(User.id.in_(ids), User.active.is_(True)).order_by(User.id)
        )
        _email(addresses, email, link)
    return len(ids)


def notify_team(
    team: Team | None,
    message: str,
    link: str,
    *,
    email: Email | None = None,
    except_id: int | None = None,
    roles: Iterable[Role] = TEAM_ROLES,
    mailbox: bool = True,
) -> Told:
    """Tell a team's active agents and managers (or only those of `roles`) in-app; email the
    team's shared mailbox, or those people one by one when it has none (or `mailbox` is False:
    a message for those people, not the desk). `except_id` (whoever made the change) is left out
    of the in-app and individual messages, not the shared mailbox."""
    if team is None:
        return Told(0, 0)
    people = list(
        db.session.execute(
            select(User.id, User.email)
            .join(UserRole, UserRole.user_id == User.id)
            .where(User.team_id == team.id, User.active.is_(True), UserRole.role.in_(tuple(roles)))
            .distinct()
            .order_by(User.id)
        )
    )
    told = notify([person.id for person in people], message, link, except_id=except_id)
    emails = 0
    if email is not None:
        if mailbox and (team.email or "").strip():
            emails = _email([team.email], email, link)
        else:
            emails = _email([person.email for person in people if person.id != except_id], email, link)
    return Told(told, emails)


def _email(addresses: Iterable[str], email: Email, link: str) -> int:
    body = email.body.rstrip()
    if link:
        body = (body + "\n\n" if body else "") + f"Open it in Staffroom: {mail.absolute_url(link)}"
    return sum(mail.queue(address, email.subject, body + "\n") is not None for address in addresses)


def unread_count(user_id: int) -> int:
    return db.session.execute(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    ).scalar_one()


def recent(user_id: int, limit: int = 50) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def mark_all_read(user_id: int) -> None:
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=clock.now())
    )
