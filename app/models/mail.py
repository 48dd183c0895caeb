"""The email outbox: messages written in the same transaction as the change they report, and
sent afterwards (with retries) by `flask mail send-pending`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class OutgoingEmail(Model):
    __tablename__ = "outgoing_emails"
    __table_args__ = (Index("ix_outgoing_emails_pending", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # Stable across retries, so a receiving server can spot a repeat.
    message_id: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # A sender claims a message until this time; another sender leaves it alone meanwhile.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(String(500), default="")
