"""People in bulk: an uploaded users export kept between its preview and its confirmation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.types import UTCDateTime
from app.models.user import User


class PeopleImport(Model):
    """The decoded text of one uploaded file and its options. Confirming works out the plan again
    from this text and applies it only if it is the plan that was previewed. The text (names and
    addresses) is emptied once applied, and `flask housekeeping` removes uploads a day old."""

    __tablename__ = "people_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    filename: Mapped[str] = mapped_column(String(255))
    encoding: Mapped[str] = mapped_column(String(40))
    content: Mapped[str] = mapped_column(Text)
    everyone: Mapped[bool] = mapped_column(Boolean)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    uploaded_by: Mapped[User | None] = relationship()
