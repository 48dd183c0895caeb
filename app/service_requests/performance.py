"""How a service performs against its targets, computed in the database: the figures on each
service's page, and the building blocks of the dashboard."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import InstrumentedAttribute

from app import clock
from app.extensions import db
from app.models import ServiceRequest
from app.working_time import calendar


@dataclass
class Performance:
    received: int
    resolved: int
    within_target: int
    median_resolution_minutes: int | None
    first_responses: int
    first_responses_within_target: int
    ratings: int
    average_rating: float | None

    @property
    def within_target_percent(self) -> int | None:
        return round(100 * self.within_target / self.resolved) if self.resolved else None

    @property
    def median_resolution_days(self) -> float | None:
        """In working days of the configured length, to one decimal place."""
        if self.median_resolution_minutes is None:
            return None
        return round(self.median_resolution_minutes / calendar().minutes_per_day, 1)


def median(column: InstrumentedAttribute[int | None], *conditions: ColumnElement[bool]) -> int | None:
    """The median of `column` over the rows matching `conditions`, with the same SQL on SQLite and
    PostgreSQL (the lower middle value for an even count)."""
    count = db.session.scalar(select(func.count()).where(column.is_not(None), *conditions))
    if not count:
        return None
    return db.session.scalar(
        select(column).where(column.is_not(None), *conditions).order_by(column).offset((count - 1) // 2).limit(1)
    )


def service_performance(service_id: int, *, days: int = 90, now: datetime | None = None) -> Performance:
    """Requests received and resolved in the last `days` days, against the service's targets."""
    since = (now or clock.now()) - timedelta(days=days)
    received = db.session.execute(
        select(func.count())
        .select_from(ServiceRequest)
        .where(ServiceRequest.service_id == service_id, ServiceRequest.submitted_at >= since)
    ).scalar_one()
    resolved_here = (ServiceRequest.service_id == service_id, ServiceRequest.resolved_at >= since)
    resolved, within = db.session.execute(
        select(
            func.count(),
            func.count(case((ServiceRequest.resolved_within_sla.is_(True), 1))),
        ).where(*resolved_here)
    ).one()
    responded, responded_in_time = db.session.execute(
        select(
            func.count(),
            func.count(case((ServiceRequest.first_response_at <= ServiceRequest.first_response_due_at, 1))),
        ).where(
            ServiceRequest.service_id == service_id,
            ServiceRequest.first_response_at >= since,
            ServiceRequest.first_response_due_at.is_not(None),
        )
    ).one()
    ratings, average = db.session.execute(
        select(func.count(ServiceRequest.rating), func.avg(ServiceRequest.rating)).where(
            ServiceRequest.service_id == service_id, ServiceRequest.rated_at >= since
        )
    ).one()
    return Performance(
        received=received,
        resolved=resolved,
        within_target=within,
        median_resolution_minutes=median(ServiceRequest.resolution_minutes, *resolved_here),
        first_responses=responded,
        first_responses_within_target=responded_in_time,
        ratings=ratings,
        average_rating=round(float(average), 1) if average is not None else None,
    )
