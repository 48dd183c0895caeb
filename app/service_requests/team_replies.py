"""A team's canned replies: the answers its agents save once and pick when replying to a request."""

from sqlalchemy import select

from app import audit, clock
from app.extensions import db
from app.models import CannedReply, Team, User
from app.service_requests.workflow import MAX_MESSAGE
from app.validation import FieldError


def canned_replies(team: Team) -> list[CannedReply]:
    return list(
        db.session.scalars(select(CannedReply).where(CannedReply.team_id == team.id).order_by(CannedReply.title))
    )


def get_canned_reply(reply_id: int) -> CannedReply | None:
    return db.session.get(CannedReply, reply_id)


def save_canned_reply(
    team: Team, actor: User, *, title: str, body: str, reply: CannedReply | None = None
) -> CannedReply:
    title, body = " ".join((title or "").split()), (body or "").strip()
    if not title:
        raise FieldError("title", "Enter a short name for the reply")
    if not body:
        raise FieldError("body", "Enter the reply")
    if reply is None:
        reply = CannedReply(team_id=team.id)
        db.session.add(reply)
    reply.title, reply.body, reply.updated_at = title[:120], body[:MAX_MESSAGE], clock.now()
    db.session.flush()
    audit.record(actor, "canned_reply_saved", reply, title=reply.title)
    return reply


def delete_canned_reply(reply: CannedReply, actor: User) -> None:
    audit.record(actor, "canned_reply_deleted", reply, title=reply.title)
    db.session.delete(reply)
    db.session.flush()
