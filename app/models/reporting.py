"""Performance reporting: the service-wide targets an administrator sets (one row), the people
who receive the monthly pack, and the packs sent."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Numeric, Text
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class PerformanceTargets(Model):
    """Service-wide targets: the share of requests resolved within their service's target, and
    the average satisfaction rating (out of 5). Each service's own target (working days to
    resolve) stays on the service. There is at most one row (id 1)."""

    __tablename__ = "performance_targets"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("within_target_percent > 0 AND within_target_percent <= 100", name="percent_range"),
        CheckConstraint("satisfaction > 0 AND satisfaction <= 5", name="satisfaction_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    within_target_percent: Mapped[Decimal] = mapped_column(Numeric(4, 1))
    satisfaction: Mapped[Decimal] = mapped_column(Numeric(3, 2))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class PackRecipient(Model):
    """A person an administrator has named to receive the monthly performance pack by email."""

    __tablename__ = "pack_recipients"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class MonthlyPack(Model):
    """A monthly pack as sent: one per month (the unique month makes `flask reports send-monthly`
    send each month's once, however often cron runs it), kept as the page that was sent."""

    __tablename__ = "monthly_packs"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date, unique=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    recipients: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
