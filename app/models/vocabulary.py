"""The council's vocabulary: abbreviations and other ways of saying things ("PO" means "purchase
order"), kept by editors and used by search and Ask Staffroom alike to widen a query."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime
from app.models.user import User


class Synonym(Model):
    """`term` means `meaning`, either way round: a search for one also finds the other."""

    __tablename__ = "synonyms"
    __table_args__ = (
        CheckConstraint("key <> ''", name="key_not_empty"),
        CheckConstraint("meaning <> ''", name="meaning_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(60))  # as the editor wrote it: "A/L"
    # The term folded (lower case, spaces collapsed): one entry per term, whatever its case.
    key: Mapped[str] = mapped_column(String(60), unique=True)
    meaning: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    updated_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return f"{self.term} = {self.meaning}"
