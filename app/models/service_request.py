"""Service requests: what someone asked a service for, with their answers as the form stood
then (labels copied, so later form changes never alter them), attachments, and the drafts that
become requests after the check-answers page."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.catalogue import FieldKind, Service
from app.models.contact import Contact
from app.models.types import UTCDateTime, check_in
from app.models.user import Team, User


class RequestStatus(StrEnum):
    SUBMITTED = "submitted"
    AWAITING_APPROVAL = "awaiting_approval"  # not yet the team's to work (approvals.py)
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"  # for the requester
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Priority(StrEnum):
    NORMAL = "normal"
    HIGH = "high"


class EventKind(StrEnum):
    """What one entry of a request's timeline records."""

    SUBMITTED = "submitted"
    ASSIGNED = "assigned"
    STATUS = "status"
    PRIORITY = "priority"
    REPLY = "reply"
    NOTE = "note"
    RATED = "rated"
    REOPENED = "reopened"
    CANCELLED = "cancelled"
    SLA = "sla"  # an SLA alert sent (sla_alerts), seen by the team only
    APPROVAL = "approval"  # asked, approved, rejected or reminded (approvals.py); to_value says which


class DueBasis(StrEnum):
    """What a request's due time was counted from."""

    SUBMISSION = "submission"  # the service's resolution target, from when it was sent
    EVENT = "event"  # working days before a date the form asked for
    # The event's target had passed (or came before sending) when it was sent: due at the end of
    # the working day it arrived, and shown as such.
    EVENT_PASSED = "event_passed"


class SlaPoint(StrEnum):
    """The moments of a request's SLA at which people are told: the warning and the breach."""

    WARNING = "warning"
    BREACH = "breach"


REQUEST_STATUS_LABELS: dict[str, str] = {
    RequestStatus.SUBMITTED: "Submitted",
    RequestStatus.AWAITING_APPROVAL: "Awaiting approval",
    RequestStatus.IN_PROGRESS: "In progress",
    RequestStatus.WAITING: "Waiting for requester",
    RequestStatus.RESOLVED: "Resolved",
    RequestStatus.CLOSED: "Closed",
    RequestStatus.CANCELLED: "Cancelled",
}
# What a status change means to the person who asked, after "Your request ...".
REQUEST_STATUS_NEWS: dict[str, str] = {
    RequestStatus.SUBMITTED: "has been sent",
    RequestStatus.AWAITING_APPROVAL: "is waiting for approval",
    RequestStatus.IN_PROGRESS: "is being worked on",
    RequestStatus.WAITING: "is waiting for a reply from you",
    RequestStatus.RESOLVED: "has been resolved",
    RequestStatus.CLOSED: "is closed",
    RequestStatus.CANCELLED: "has been cancelled",
}
REQUEST_STATUS_COLOURS = {
    RequestStatus.SUBMITTED: "blue",
    RequestStatus.AWAITING_APPROVAL: "purple",
    RequestStatus.IN_PROGRESS: "yellow",
    RequestStatus.WAITING: "orange",
    RequestStatus.RESOLVED: "green",
    RequestStatus.CLOSED: "grey",
    RequestStatus.CANCELLED: "grey",
}
OPEN_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS, RequestStatus.WAITING)
# Statuses in which the SLA clock is stopped: waiting for the requester, or resolved (until reopened),
# or awaiting approval (the team cannot work it yet).
PAUSED_STATUSES = (RequestStatus.WAITING, RequestStatus.RESOLVED, RequestStatus.AWAITING_APPROVAL)
PRIORITY_LABELS: dict[str, str] = {Priority.NORMAL: "Normal", Priority.HIGH: "High"}
REFERENCE_PATTERN = re.compile(r"BS-(\d{6,9})", re.IGNORECASE)


class ServiceRequest(Model):
    __tablename__ = "service_requests"
    __table_args__ = (
        check_in("status", RequestStatus),
        check_in("priority", Priority),
        check_in("due_basis", DueBasis),
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_1_to_5"),
        Index("ix_service_requests_requester_submitted", "requester_id", "submitted_at"),
        Index("ix_service_requests_team_status", "team_id", "status"),
        Index("ix_service_requests_service_submitted", "service_id", "submitted_at"),
        # Covering indexes for the dashboard: its counts and percentiles over a period read these
        # alone, never the table (50,000 requests: see docs/performance.md).
        Index("ix_service_requests_submitted_scope", "submitted_at", "team_id", "service_id"),
        Index(
            "ix_service_requests_resolved_figures",
            "resolved_at",
            "resolution_minutes",
            "resolved_within_sla",
            "team_id",
            "service_id",
            "assignee_id",
        ),
        Index(
            "ix_service_requests_first_response_figures",
            "first_response_at",
            "first_response_minutes",
            "team_id",
            "service_id",
        ),
        Index("ix_service_requests_rated_figures", "rated_at", "rating", "team_id", "service_id"),
        Index("ix_service_requests_status_submitted", "status", "submitted_at", "team_id", "service_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    # The team that owned the service when the request came in works it.
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    # Who it is for, and who keyed it (an agent, for someone digitally excluded).
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    subject: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=RequestStatus.SUBMITTED)
    priority: Mapped[str] = mapped_column(String(10), default=Priority.NORMAL)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    # When the SLA clock starts (the next working day after 17:00), and when it is due.
    clock_started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # The draft's token: sending the same draft twice finds this request instead of a second one.
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # SLA: the first response target (if the service has one) and when it came; pauses while
    # waiting for the requester or resolved move due_at on by the working time paused.
    first_response_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_minutes: Mapped[int | None] = mapped_column(Integer)
    paused_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Working minutes from the clock starting to resolution, pauses left out; and whether in time.
    resolution_minutes: Mapped[int | None] = mapped_column(Integer)
    resolved_within_sla: Mapped[bool | None] = mapped_column(Boolean)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_comment: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    # A request for someone without an account (assisted digital): requester_id stays the agent
    # who raised it, the person accountable for it and who hears of it in Staffroom; the contact
    # hears by their preferred way (service_requests/contact_updates.py). Expand only: nullable.
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    contact: Mapped[Contact | None] = relationship()
    # What due_at was counted from; for an event, its date, the question's label and the working
    # days before it, copied when sent (so later form changes never alter them).
    due_basis: Mapped[str] = mapped_column(String(12), default=DueBasis.SUBMISSION, server_default="submission")
    event_date: Mapped[date | None] = mapped_column(Date)
    event_label: Mapped[str] = mapped_column(String(200), default="", server_default="")
    event_days_before: Mapped[int | None] = mapped_column(Integer)

    service: Mapped[Service] = relationship(lazy="joined")
    team: Mapped[Team] = relationship()
    requester: Mapped[User] = relationship(foreign_keys=[requester_id], lazy="joined")
    submitted_by: Mapped[User] = relationship(foreign_keys=[submitted_by_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="joined")
    answers: Mapped[list[RequestAnswer]] = relationship(
        order_by="RequestAnswer.position", cascade="all, delete-orphan", back_populates="request"
    )
    attachments: Mapped[list[RequestAttachment]] = relationship(
        order_by="RequestAttachment.id", cascade="all, delete-orphan", back_populates="request"
    )
    participants: Mapped[list[RequestParticipant]] = relationship(
        order_by="RequestParticipant.id", cascade="all, delete-orphan", back_populates="request"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def reference(self) -> str:
        return f"BS-{self.id:06d}"

    @property
    def status_label(self) -> str:
        return REQUEST_STATUS_LABELS[self.status]

    @property
    def priority_label(self) -> str:
        return PRIORITY_LABELS[self.priority]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def keyed_for_someone_else(self) -> bool:
        return self.submitted_by_id != self.requester_id

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"


def parse_reference(text: str) -> int | None:
    """The request id in "BS-000123" (any case), or None."""
    match = REFERENCE_PATTERN.fullmatch((text or "").strip())
    return int(match.group(1)) if match else None


class RequestParticipant(Model):
    """A colleague copied into a request: they see it and its public replies, hear of its changes
    and may reply; never its internal notes."""

    __tablename__ = "request_participants"
    __table_args__ = (UniqueConstraint("request_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    request: Mapped[ServiceRequest] = relationship(back_populates="participants")
    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")


class RequestAnswer(Model):
    """One answer, with the question's label and kind as they were when it was given."""

    __tablename__ = "request_answers"
    __table_args__ = (check_in("kind", FieldKind),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id", ondelete="CASCADE"), index=True)
    field_id: Mapped[int | None] = mapped_column(ForeignKey("service_fields.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(12))
    # Text as typed; dates as YYYY-MM-DD; checkboxes one per line; files the file's name.
    value: Mapped[str] = mapped_column(Text, default="")

    request: Mapped[ServiceRequest] = relationship(back_populates="answers")


class RequestAttachment(Model):
    __tablename__ = "request_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id", ondelete="CASCADE"), index=True)
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("request_answers.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(130))
    stored_name: Mapped[str] = mapped_column(String(32), unique=True)
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    request: Mapped[ServiceRequest] = relationship(back_populates="attachments")
    answer: Mapped[RequestAnswer | None] = relationship()
    # A file sent with a reply or note (its event says who may see it).
    event_id: Mapped[int | None] = mapped_column(ForeignKey("request_events.id", ondelete="CASCADE"), index=True)


class RequestDraft(Model):
    """A filled-in form waiting on the check-answers page. Its token travels with the form, so
    going back to change an answer edits the same draft, and sending it twice sends one request."""

    __tablename__ = "request_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(150), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # {field id: answer as submitted (a list for checkboxes)}
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # {field id: {"stored_name", "filename", "content_type", "size"}}: uploads kept between steps
    files: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("service_requests.id", ondelete="SET NULL"))
    # Keyed for a contact without an account (requester_id is then empty).
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))

    service: Mapped[Service] = relationship()
    requester: Mapped[User | None] = relationship(foreign_keys=[requester_id])
    contact: Mapped[Contact | None] = relationship()


class RequestEvent(Model):
    """One entry of a request's timeline. Public ones the requester sees; notes are the team's."""

    __tablename__ = "request_events"
    __table_args__ = (
        check_in("kind", EventKind),
        Index("ix_request_events_request_created", "request_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    body: Mapped[str] = mapped_column(Text, default="")
    from_value: Mapped[str] = mapped_column(String(120), default="")
    to_value: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # A reply or note: the key of the form it came from, so a retry or double post adds it once.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    actor: Mapped[User | None] = relationship(lazy="joined")
    attachments: Mapped[list[RequestAttachment]] = relationship(order_by="RequestAttachment.id")


class SlaAlert(Model):
    """An SLA alert sent for a request: one per request and point (the unique constraint is what
    keeps two runs of `flask requests sla-alerts` at once to one alert)."""

    __tablename__ = "sla_alerts"
    __table_args__ = (
        check_in("point", SlaPoint),
        UniqueConstraint("request_id", "point"),  # uq_sla_alerts_request_id: one per request and point
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id", ondelete="CASCADE"))
    point: Mapped[str] = mapped_column(String(10))
    # The due time it was about (a pause moves a request's due time on), and when it was sent.
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class CannedReply(Model):
    """A team's ready-made reply, kept by its managers."""

    __tablename__ = "canned_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
