"""Approvals: the approval steps a service's requests go through (who approves, and when), and
each request's own copy of the steps that applied to it, with the people asked and the outcome."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime, check_in
from app.models.user import ROLES, Team, User


class ApproverKind(StrEnum):
    """Who approves a step."""

    PERSON = "person"  # a named person
    LINE_MANAGER = "line_manager"  # the requester's line manager (else the team and role given)
    TEAM = "team"  # the members of a team (of one role, if given)
    ROLE = "role"  # everyone with a role


class ApprovalMode(StrEnum):
    """How many of a step's approvers must approve it (one rejection rejects it either way)."""

    ANY = "any"  # any one of them
    ALL = "all"  # every one of them


APPROVAL_MODE_LABELS: dict[str, str] = {
    ApprovalMode.ANY: "Any one of them",
    ApprovalMode.ALL: "All of them",
}


class ConditionOperator(StrEnum):
    """How an answer is compared with a step's condition value."""

    GT = "gt"
    GE = "ge"
    LT = "lt"
    LE = "le"
    EQ = "eq"
    IS = "is"  # a choice answer (for checkboxes: one of the ticked)


class ApprovalState(StrEnum):
    QUEUED = "queued"  # a later step: waits for the ones before it
    PENDING = "pending"  # waiting for one of its approvers
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"  # the request was cancelled, or an earlier step rejected


APPROVER_KIND_LABELS: dict[str, str] = {
    ApproverKind.PERSON: "A named person",
    ApproverKind.LINE_MANAGER: "The requester’s line manager",
    ApproverKind.TEAM: "The members of a team",
    ApproverKind.ROLE: "Everyone with a role",
}
OPERATOR_LABELS: dict[str, str] = {
    ConditionOperator.GT: "is more than",
    ConditionOperator.GE: "is at least",
    ConditionOperator.LT: "is less than",
    ConditionOperator.LE: "is at most",
    ConditionOperator.EQ: "equals",
    ConditionOperator.IS: "is",
}
NUMBER_OPERATORS = (
    ConditionOperator.GT,
    ConditionOperator.GE,
    ConditionOperator.LT,
    ConditionOperator.LE,
    ConditionOperator.EQ,
)


class ApprovalStep(Model):
    """One step of a service's approval: any one (or all) of its approvers approve it, in position
    order. A step with a condition applies only when the answer to its question meets it."""

    __tablename__ = "approval_steps"
    __table_args__ = (
        check_in("approver_kind", ApproverKind),
        check_in("mode", ApprovalMode),
        # NULL passes a check: a step without a condition, or of a kind without a role.
        check_in("condition_operator", ConditionOperator),
        check_in("role", ROLES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    approver_kind: Mapped[str] = mapped_column(String(20))
    mode: Mapped[str] = mapped_column(String(3), default=ApprovalMode.ANY, server_default=ApprovalMode.ANY)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    role: Mapped[str | None] = mapped_column(String(20))
    # "Only when question X's answer <operator> <value>". Removing X is refused while this uses it.
    condition_field_id: Mapped[int | None] = mapped_column(ForeignKey("service_fields.id"), index=True)
    condition_operator: Mapped[str | None] = mapped_column(String(4))
    condition_value: Mapped[str] = mapped_column(String(200), default="", server_default="")

    person: Mapped[User | None] = relationship(foreign_keys=[person_id])
    team: Mapped[Team | None] = relationship()


class RequestApproval(Model):
    """One approval step of one request, copied from the service's step when the request was
    sent (later changes to the service never alter it). Deciding it is one conditional UPDATE of
    a pending row, so two approvers at once, or a second click, give one outcome."""

    __tablename__ = "request_approvals"
    __table_args__ = (
        check_in("state", ApprovalState),
        check_in("approver_kind", ApproverKind),
        check_in("mode", ApprovalMode),
        UniqueConstraint("request_id", "position"),
        Index("ix_request_approvals_state_activated", "state", "activated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    # Who approves it, as the service's step said when the request was sent.
    approver_kind: Mapped[str] = mapped_column(String(20))
    mode: Mapped[str] = mapped_column(String(3), default=ApprovalMode.ANY, server_default=ApprovalMode.ANY)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    role: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(10), default=ApprovalState.QUEUED)
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A delegate's decision: whose approval they gave (the approver away).
    decided_for_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The UK day its approvers were last reminded: one reminder a day, however often the job runs.
    reminded_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    approvers: Mapped[list[RequestApprover]] = relationship(
        cascade="all, delete-orphan", order_by="RequestApprover.user_id", lazy="selectin"
    )
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    decided_for: Mapped[User | None] = relationship(foreign_keys=[decided_for_id])


class RequestApprover(Model):
    """A person asked to approve a pending step (for someone away, as their delegate)."""

    __tablename__ = "request_approvers"

    approval_id: Mapped[int] = mapped_column(ForeignKey("request_approvals.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    # The approver this person stands in for while they are away (None: asked in their own right).
    on_behalf_of_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # When they approved (a step of "all of them" waits for every one; a delegate's approval
    # counts for the person they stand in for, and theirs for their delegate).
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    on_behalf_of: Mapped[User | None] = relationship(foreign_keys=[on_behalf_of_id], lazy="joined")
