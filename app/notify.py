"""The one notifier: tells people about things they follow, in-app and (when asked) by email
through the outbox in app/mail.py, both in the caller's transaction. Each kind of notice (KINDS)
reaches each person as they chose: in Staffroom only, by email at once, or in the daily digest
(app/digests.py); every email to a person ends with a signed link that stops that kind by email,
without signing in."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from flask import current_app, has_request_context, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select, update

from app import clock, mail
from app.extensions import db
from app.models import Delivery, NoticePreference, Notification, Role, Team, User, UserRole

MAX_MESSAGE = 300
TEAM_ROLES = (Role.AGENT, Role.MANAGER)
EVERY_DELIVERY = (Delivery.EMAIL, Delivery.DIGEST, Delivery.IN_APP)


DELIVERY_LABELS: dict[str, str] = {
    Delivery.EMAIL: "By email at once",
    Delivery.DIGEST: "In the daily digest email",
    Delivery.IN_APP: "In Staffroom only",
}


@dataclass(frozen=True)
class NoticeKind:
    """A kind of notice people choose how to receive (the account's notices page)."""

    key: str
    label: str
    hint: str
    default: Delivery
    choices: tuple[Delivery, ...] = EVERY_DELIVERY
    roles: tuple[Role, ...] = ()  # who it is for (everyone when empty): the settings page offers it to them
    # Words for the choices where the usual ones (DELIVERY_LABELS) would not fit.
    choice_labels: tuple[tuple[Delivery, str], ...] = ()

    def offered_to(self, user: User) -> bool:
        return not self.roles or any(user.has_role(role) for role in self.roles)

    def label_for(self, delivery: Delivery) -> str:
        return dict(self.choice_labels).get(delivery) or DELIVERY_LABELS[delivery]


MY_REQUESTS = NoticeKind(
    "my_requests", "Your requests", "Received, replies from the team, status changes", Delivery.EMAIL
)
TEAM_REQUESTS = NoticeKind(
    "team_requests",
    "Your team’s requests",
    "New requests and requesters’ replies",
    Delivery.EMAIL,
    roles=(Role.AGENT, Role.MANAGER),
)
SLA = NoticeKind(
    "sla", "SLA alerts", "Requests due soon, and missed due times", Delivery.EMAIL, roles=(Role.AGENT, Role.MANAGER)
)
COMMUNITY = NoticeKind(
    "community",
    "Community questions",
    "Questions Ask Staffroom sends to the editors",
    Delivery.DIGEST,
    roles=(Role.EDITOR,),
)
NEW_IDEAS = NoticeKind("new_ideas", "New ideas", "Ideas posted on the board", Delivery.DIGEST, roles=(Role.MANAGER,))
SUMMARY = NoticeKind(
    "summary",
    "Daily digest",
    "One email each working morning: what is waiting for you, and the notices you chose for it",
    Delivery.DIGEST,
    choices=(Delivery.DIGEST, Delivery.IN_APP),
    choice_labels=((Delivery.DIGEST, "Send it"), (Delivery.IN_APP, "Do not send it")),
)
APPROVALS = NoticeKind(
    "approvals",
    "Approvals",
    "Requests waiting for your approval, and reminders of them",
    Delivery.EMAIL,
    choices=(Delivery.EMAIL, Delivery.IN_APP),  # a decision waits on it: never only in tomorrow's digest
)
KINDS: dict[str, NoticeKind] = {
    kind.key: kind for kind in (MY_REQUESTS, TEAM_REQUESTS, SLA, COMMUNITY, NEW_IDEAS, SUMMARY, APPROVALS)
}


def deliveries(user_ids: Iterable[int], kind: NoticeKind) -> dict[int, Delivery]:
    """How each of these people receives `kind`: their choice, or its default."""
    ids = list(user_ids)
    chosen: dict[int, str] = {}
    if ids:
        rows = db.session.execute(
            select(NoticePreference.user_id, NoticePreference.delivery).where(
                NoticePreference.user_id.in_(ids), NoticePreference.kind == kind.key
            )
        )
        chosen = {row.user_id: row.delivery for row in rows}
    return {user_id: Delivery(chosen.get(user_id, kind.default)) for user_id in ids}


def choose(user: User, kind: NoticeKind, delivery: Delivery) -> None:
    """Record how this person wants this kind of notice (one row per person and kind)."""
    if delivery not in kind.choices:
        raise ValueError(f"{kind.key} cannot be received {delivery}")
    preference = db.session.scalar(
        select(NoticePreference).where(NoticePreference.user_id == user.id, NoticePreference.kind == kind.key)
    )
    if preference is None:
        db.session.add(NoticePreference(user_id=user.id, kind=kind.key, delivery=delivery, updated_at=clock.now()))
    else:
        preference.delivery, preference.updated_at = delivery, clock.now()
    db.session.flush()


# --- Links in emails ---------------------------------------------------------------------------


def link_to(endpoint: str, **values: Any) -> str:
    """A path for a notification or email, also outside a request (the CLI's alerts and digests)."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)


def _unsubscribing() -> URLSafeSerializer:
    # Its own salt: a token for this one purpose, useless as any other signed value.
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="staffroom-notice-unsubscribe")


def unsubscribe_token(user_id: int, kind: NoticeKind) -> str:
    return _unsubscribing().dumps([user_id, kind.key])


def read_unsubscribe_token(token: str) -> tuple[int, NoticeKind] | None:
    """(person, kind) the link was made for, or None for anything not signed by us for this."""
    try:
        data = _unsubscribing().loads(token or "")
    except BadSignature:
        return None
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], int) and data[1] in KINDS):
        return None
    return data[0], KINDS[data[1]]


def footer(user_id: int, kind: NoticeKind | None) -> str:
    """The end of every email to a person: where to choose, and a link that stops this kind by email."""
    settings = mail.absolute_url(link_to("home.notice_settings"))
    if kind is None:
        return f"Choose which emails Staffroom sends you: {settings}"
    stop = mail.absolute_url(link_to("home.unsubscribe", token=unsubscribe_token(user_id, kind)))
    return (
        f"You get this because of your Staffroom notice settings ({settings}).\n"
        f"To stop these emails ({kind.label.lower()}): {stop}"
    )


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
    kind: NoticeKind | None = None,
) -> int:
    """Leave `message` (with a link to follow) for each recipient, and queue `email` to each
    active recipient's address (of a `kind`, only to those who chose it by email at once; the
    digest collects the rest). Returns how many were told in-app."""
    ids = sorted({rid for rid in recipient_ids if rid is not None and rid != except_id})
    now = clock.now()
    db.session.add_all(
        Notification(
            user_id=rid, message=message[:MAX_MESSAGE], link=link, created_at=now, kind=kind.key if kind else ""
        )
        for rid in ids
    )
    if email is not None and ids:
        people = list(
            db.session.execute(
                select(User.id, User.email).where(User.id.in_(ids), User.active.is_(True)).order_by(User.id)
            )
        )
        _email_people([(person.id, person.email) for person in people], email, link, kind)
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
    kind: NoticeKind | None = None,
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
    told = notify([person.id for person in people], message, link, except_id=except_id, kind=kind)
    emails = 0
    if email is not None:
        if mailbox and (team.email or "").strip():
            emails = _queue(team.email, email, link, "")  # the team's desk: nobody's settings
        else:
            emails = _email_people(
                [(person.id, person.email) for person in people if person.id != except_id], email, link, kind
            )
    return Told(told, emails)


def _email_people(people: list[tuple[int, str]], email: Email, link: str, kind: NoticeKind | None) -> int:
    """Email each (id, address) who takes this kind by email at once, with their own footer."""
    if kind is not None:
        how = deliveries([person_id for person_id, _ in people], kind)
        people = [(person_id, address) for person_id, address in people if how[person_id] == Delivery.EMAIL]
    return sum(_queue(address, email, link, footer(person_id, kind)) for person_id, address in people)


def _queue(address: str, email: Email, link: str, end: str) -> int:
    body = email.body.rstrip()
    if link:
        body = (body + "\n\n" if body else "") + f"Open it in Staffroom: {mail.absolute_url(link)}"
    if end:
        body += f"\n\n--\n{end}"
    return int(mail.queue(address, email.subject, body + "\n") is not None)


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
