"""The audit log: who changed what, for administrators and investigations."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NoReturn

from sqlalchemy import JSON, Connection, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, Mapper, ORMExecuteState, Session, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime
from app.models.user import User


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or remove an audit event."""


class AuditEvent(Model):
    """Append-only: the ORM refuses to update or delete one (below), and so does the database
    (a trigger, migration 0011)."""

    __tablename__ = "audit_events"
    # "Everything about this person": the admin page's person filter, and investigations.
    __table_args__ = (Index("ix_audit_events_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(80))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None]
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ip: Mapped[str] = mapped_column(String(45), default="", server_default="")

    actor: Mapped[User | None] = relationship(lazy="joined")


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_changes(mapper: Mapper[AuditEvent], connection: Connection, target: AuditEvent) -> NoReturn:
    raise AuditLogIsAppendOnly(f"Audit event {target.id} cannot be changed or deleted")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    """update(AuditEvent)/delete(AuditEvent) statements skip the events above: refused here."""
    if (
        (state.is_update or state.is_delete)
        and state.bind_mapper is not None
        and state.bind_mapper.class_ is AuditEvent
    ):
        raise AuditLogIsAppendOnly("Audit events cannot be changed or deleted")
