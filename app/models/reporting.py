"""The performance reporting the dashboard measures against: the service-wide targets an
administrator sets (one row)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric
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
