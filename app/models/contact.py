"""People without a Staffroom account that agents raise requests for (residents, staff without an
account), how each wants to hear from us, and the phone calls and letters owed to them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime, check_in
from app.models.user import Team, User


class ContactMethod(StrEnum):
    """How a contact wants acknowledgements and updates: an email is sent; a phone call and a
    letter are tasks for an agent."""

    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"


CONTACT_METHOD_LABELS: dict[str, str] = {
    ContactMethod.EMAIL: "Email",
    ContactMethod.PHONE: "Phone",
    ContactMethod.LETTER: "Letter",
}

ANONYMOUS_NAME = "Former contact"


class Contact(Model):
    __tablename__ = "contacts"
    __table_args__ = (check_in("preferred", ContactMethod),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The team of the agent who recorded them: its agents and managers find them again.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    # The phone number's digits only ("+44" as "0"), to spot the same number typed differently.
    phone_digits: Mapped[str] = mapped_column(String(20), default="", index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    preferred: Mapped[str] = mapped_column(String(10))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Set when the retention period cleared their details (flask housekeeping).
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The form's submission key: posted twice (a double click), one contact.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    team: Mapped[Team | None] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def preferred_label(self) -> str:
        return CONTACT_METHOD_LABELS[self.preferred]

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    def __str__(self) -> str:
        return self.name


class ContactTask(Model):
    """A phone call or letter owed to a contact about their request: the words to give them,
    until an agent marks it done."""

    __tablename__ = "contact_tasks"
    __table_args__ = (
        check_in("method", (ContactMethod.PHONE, ContactMethod.LETTER)),
        Index("ix_contact_tasks_request_id", "request_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    method: Mapped[str] = mapped_column(String(10))
    # What to tell them: the acknowledgement, the reply or the news, as the requester would read it.
    headline: Mapped[str] = mapped_column(String(200), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    contact: Mapped[Contact] = relationship()
    done_by: Mapped[User | None] = relationship()
