"""The daily digest (`flask notices send-digests`, cron each working morning): one email to each
person who has something waiting — what their home page shows first (their requests, their
queue, decisions, reviews and community questions) and the notices they chose to get in the
digest since the last one. Sent once per person and UK day (digests_sent's unique key), through
the outbox; nobody who chose not to get it, and nobody with nothing waiting."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from app import clock, mail
from app.extensions import db
from app.formatting import local_date
from app.home.services import Waiting, waiting_for
from app.models import Delivery, DigestSent, Notification, User
from app.notify import KINDS, SUMMARY, deliveries, footer

NOTICES_LISTED = 20  # the rest behind a link to the notifications page


@dataclass(frozen=True)
class Digest:
    waiting: Waiting
    notices: list[Notification]

    @property
    def empty(self) -> bool:
        figures = any(figure.count for section in self.waiting.sections for figure in section.counts)
        return not (self.notices or self.waiting.needs_me_total or figures)


def _digest_kinds(user: User) -> list[str]:
    return [kind.key for kind in KINDS.values() if deliveries([user.id], kind)[user.id] == Delivery.DIGEST]


def digest_for(user: User, since: datetime) -> Digest | None:
    """What this person's digest would say, or None if they chose not to get one."""
    kinds = _digest_kinds(user)
    if SUMMARY.key not in kinds:
        return None
    notices = list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user.id, Notification.kind.in_(kinds), Notification.created_at > since)
            .order_by(Notification.created_at, Notification.id)
        )
    )
    return Digest(waiting_for(user), notices)


def _line(text: str, path: str) -> str:
    return f"- {text}: {mail.absolute_url(path)}"


def body(user: User, digest: Digest) -> str:
    first_name = user.name.split(" ")[0]
    lines = [f"Good morning {first_name},", "", "This is what is waiting for you in Staffroom today."]
    waiting = digest.waiting
    if waiting.needs_me_total:
        lines += ["", "Your requests"]
        lines.append(_line(f"{waiting.needs_me_total} need you", waiting.needs_me_url))
        for item in waiting.needs_me:
            why = "waiting for your reply" if item.status == "waiting" else "resolved: how did we do?"
            lines.append(f"  {item.reference}: {item.subject} ({why})")
    for section in waiting.sections:
        shown = [figure for figure in section.counts if figure.count]
        if shown:
            lines += ["", section.heading]
            lines += [_line(f"{figure.count} {figure.label}", figure.url) for figure in shown]
    if digest.notices:
        lines += ["", "Since your last digest"]
        lines += [_line(notice.message, notice.link) for notice in digest.notices[:NOTICES_LISTED]]
        if len(digest.notices) > NOTICES_LISTED:
            more = len(digest.notices) - NOTICES_LISTED
            lines.append(_line(f"and {more} more", "/notifications"))
    lines += ["", "--", footer(user.id, SUMMARY)]
    return "\n".join(lines) + "\n"


def _claim(user_id: int, day: date, now: datetime) -> bool:
    """Record today's digest as the first statement of its own transaction: False if it went already."""
    try:
        db.session.execute(insert(DigestSent).values(user_id=user_id, day=day, sent_at=now))
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def send_digests(now: datetime | None = None) -> int:
    """Queue today's digest for everyone with something waiting who has not had it; returns how
    many. Commits after each person (from the CLI, never in a web request)."""
    now = now or clock.now()
    day = now.astimezone(clock.UK).date()
    sent = 0
    people = list(db.session.scalars(select(User.id).where(User.active.is_(True)).order_by(User.id)))
    already = set(db.session.scalars(select(DigestSent.user_id).where(DigestSent.day == day)))
    db.session.rollback()
    # Home's figures link with url_for: the links are the same paths a request would build.
    with current_app.test_request_context("/"):
        for user_id in people:
            if user_id in already or not _claim(user_id, day, now):
                continue
            user = db.session.get_one(User, user_id)
            last = db.session.scalar(
                select(DigestSent.sent_at)
                .where(DigestSent.user_id == user_id, DigestSent.day < day)
                .order_by(DigestSent.day.desc())
                .limit(1)
            )
            digest = digest_for(user, last or now - timedelta(days=1))
            if digest is None or digest.empty:
                db.session.rollback()  # nothing to say: no record, so a later run today may still send
                continue
            mail.queue(user.email, f"Staffroom: what is waiting for you, {local_date(day)}", body(user, digest))
            db.session.commit()
            sent += 1
    return sent
