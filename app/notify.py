"""The one notifier: tells people about things they follow (in-app now; email joins here)."""
from sqlalchemy import func, select, update

from app import clock
from app.extensions import db
from app.models import Notification

MAX_MESSAGE = 300


def notify(recipient_ids, message: str, link: str, *, except_id: int | None = None) -> int:
    """Leave `message` (with a link to follow) for each recipient. Returns how many were told."""
    ids = sorted({rid for rid in recipient_ids if rid is not None and rid != except_id})
    now = clock.now()
    db.session.add_all(Notification(user_id=rid, message=message[:MAX_MESSAGE], link=link, created_at=now)
                       for rid in ids)
    return len(ids)


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )


def recent(user_id: int, limit: int = 50) -> list[Notification]:
    return list(db.session.scalars(
        select(Notification).where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    ))


def mark_all_read(user_id: int) -> None:
    db.session.execute(
        update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=clock.now())
    )
