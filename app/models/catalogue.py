"""Service catalogue: services in categories, owned by a Business Support team, each with the
questions of its own request form; and deflections (a suggested article answered the question)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model, db
from app.models.types import UTCDateTime, check_in
from app.models.user import Team


class FieldKind(StrEnum):
    """Kinds of question a request form can ask."""

    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    DATE = "date"
    EMAIL = "email"
    SELECT = "select"
    RADIOS = "radios"
    CHECKBOXES = "checkboxes"
    YESNO = "yesno"
    FILE = "file"


class Audience(StrEnum):
    """Who may ask for a service."""

    EVERYONE = "everyone"
    TEAMS = "teams"  # only the teams listed in requesting_teams


# The kinds as the form builder names them.
FIELD_KINDS: dict[str, str] = {
    FieldKind.TEXT: "Short text",
    FieldKind.TEXTAREA: "Long text",
    FieldKind.NUMBER: "Number",
    FieldKind.DATE: "Date",
    FieldKind.EMAIL: "Email address",
    FieldKind.SELECT: "Drop-down list",
    FieldKind.RADIOS: "Radio buttons (choose one)",
    FieldKind.CHECKBOXES: "Checkboxes (choose any)",
    FieldKind.YESNO: "Yes or no",
    FieldKind.FILE: "File upload",
}
# Kinds whose answer is one of a fixed list, so another question can depend on it.
CHOICE_KINDS = (FieldKind.SELECT, FieldKind.RADIOS, FieldKind.CHECKBOXES, FieldKind.YESNO)
YES_NO = ("Yes", "No")

service_requesting_teams = Table(
    "service_requesting_teams",
    db.metadata,
    Column("service_id", ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ServiceCategory(Model):
    __tablename__ = "service_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    slug: Mapped[str] = mapped_column(String(90), unique=True)

    def __str__(self) -> str:
        return self.name


# When a service's team is warned of a request's due time unless the service says otherwise.
DEFAULT_SLA_WARNING_PERCENT = 75


class Service(Model):
    __tablename__ = "services"
    __table_args__ = (
        check_in("audience", Audience),
        CheckConstraint("resolution_days >= 1", name="positive_resolution_days"),
        CheckConstraint("sla_warning_percent BETWEEN 1 AND 99", name="sla_warning_percent_1_to_99"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    slug: Mapped[str] = mapped_column(String(130), unique=True)
    summary: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    # Words people use for it that its name does not contain ("PO", "minutes").
    keywords: Mapped[str] = mapped_column(String(300), default="")
    category_id: Mapped[int] = mapped_column(ForeignKey("service_categories.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    # SLA targets: resolution in working days; first response in working hours (optional).
    resolution_days: Mapped[int] = mapped_column(Integer)
    first_response_hours: Mapped[int | None] = mapped_column(Integer)
    # When its team is warned (`flask requests sla-alerts`): this share of the working time used
    # (or on the day it is due, whichever comes first).
    sla_warning_percent: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_SLA_WARNING_PERCENT, server_default=str(DEFAULT_SLA_WARNING_PERCENT)
    )
    audience: Mapped[str] = mapped_column(String(10), default=Audience.EVERYONE)
    # Retired services keep their requests but take no new ones.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Whether its form opens with "What do you need?" and "Tell us more" (off: the form's own
    # questions say it all, and the subject is made from the service's name and first answer).
    asks_description: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Optimistic locking: two managers editing the same service cannot overwrite each other.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    category: Mapped[ServiceCategory] = relationship(lazy="joined")
    team: Mapped[Team] = relationship(lazy="joined")
    requesting_teams: Mapped[list[Team]] = relationship(
        secondary=service_requesting_teams, lazy="selectin", order_by=Team.name
    )
    fields: Mapped[list[ServiceField]] = relationship(
        back_populates="service",
        order_by="ServiceField.position",
        cascade="all, delete-orphan",
        foreign_keys="ServiceField.service_id",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def due_question(self) -> ServiceField | None:
        """The date question its requests' due time counts back from, if it has one."""
        return next((field for field in self.fields if field.due_working_days_before is not None), None)

    @property
    def audience_text(self) -> str:
        if self.audience == Audience.EVERYONE:
            return "Everyone"
        return ", ".join(team.name for team in self.requesting_teams) or "Nobody yet"

    def __str__(self) -> str:
        return self.name


class ServiceField(Model):
    """One question of a service's request form."""

    __tablename__ = "service_fields"
    __table_args__ = (
        check_in("kind", FieldKind),
        CheckConstraint("due_working_days_before BETWEEN 0 AND 250", name="due_working_days_before_0_to_250"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(12))
    label: Mapped[str] = mapped_column(String(200))
    hint: Mapped[str] = mapped_column(String(500), default="")
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    # Choices, one per line (select, radios, checkboxes).
    options: Mapped[str] = mapped_column(Text, default="")
    min_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    max_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    not_in_past: Mapped[bool] = mapped_column(Boolean, default=False)
    # "Show only if question X is answered Y". Removing X is refused while this depends on it.
    show_if_field_id: Mapped[int | None] = mapped_column(ForeignKey("service_fields.id"), index=True)
    show_if_value: Mapped[str] = mapped_column(String(200), default="")
    # A required date question can set its requests' due time: this many working days before the
    # date answered (0: by that date), instead of the resolution target from sending. One a service.
    due_working_days_before: Mapped[int | None] = mapped_column(Integer)

    service: Mapped[Service] = relationship(back_populates="fields", foreign_keys=[service_id])

    @property
    def choices(self) -> list[str]:
        if self.kind == FieldKind.YESNO:
            return list(YES_NO)
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def kind_label(self) -> str:
        return FIELD_KINDS[self.kind]

    @property
    def name(self) -> str:
        """The form field's name in a request form."""
        return f"field_{self.id}"

    def __str__(self) -> str:
        return self.label


class Deflection(Model):
    """A suggested article answered someone's question, so no request was raised."""

    __tablename__ = "deflections"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id", ondelete="SET NULL"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    # person, service, article and day: a double click or a second visit that day counts once.
    dedupe_key: Mapped[str] = mapped_column(String(80), unique=True)
