"""In-app notifications: what changed that a person asked to hear about; how each person wants
each kind of notice (in Staffroom only, by email at once, or in the daily digest); the digests sent."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime, check_in


class Delivery(StrEnum):
    IN_APP = "in_app"  # in Staffroom only
    EMAIL = "email"  # by email at once (and in Staffroom)
    DIGEST = "digest"  # in the daily digest email (and in Staffroom)


class Notification(Model):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_id_read_at", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    message: Mapped[str] = mapped_column(String(300))
    link: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The kind of notice (app/notify.py KINDS), "" for those no one chooses how to receive.
    kind: Mapped[str] = mapped_column(String(20), default="", server_default="")


class NoticePreference(Model):
    """One person's choice for one kind of notice; without a row, the kind's default."""

    __tablename__ = "notice_preferences"
    __table_args__ = (check_in("delivery", Delivery), UniqueConstraint("user_id", "kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    delivery: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class DigestSent(Model):
    """A person's daily digest for one UK day: the unique key keeps two runs to one email."""

    __tablename__ = "digests_sent"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
