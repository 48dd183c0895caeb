"""Ask Staffroom: each question asked, what answered it (or that nothing did), the asker's
feedback, and the community's reply to a question the assistant could not answer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime
from app.models.user import User


class AskedQuestion(Model):
    __tablename__ = "asked_questions"
    __table_args__ = (
        CheckConstraint("confidence >= 0 AND confidence <= 100", name="confidence_is_a_percentage"),
        # The dashboard and the content-gap list: questions in a period, answered or not.
        Index("ix_asked_questions_asked_at_answered", "asked_at", "answered"),
        # The editors' list of community questions still waiting for a reply.
        Index("ix_asked_questions_referred_replied", "referred_at", "replied_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    question: Mapped[str] = mapped_column(String(200))  # as typed
    # What was searched for: the question with a follow-up's carried-over terms.
    understood_as: Mapped[str] = mapped_column(String(400), default="")
    # The question's key words (no question words or filler): unanswered questions group by it.
    topic: Mapped[str] = mapped_column(String(200), default="")
    follow_up_of_id: Mapped[int | None] = mapped_column(ForeignKey("asked_questions.id", ondelete="SET NULL"))
    answered: Mapped[bool] = mapped_column(Boolean, default=False)  # confident enough to answer
    confidence: Mapped[int] = mapped_column(Integer, default=0)  # per cent
    # The passage: the best article and the heading of its section ("" for its opening).
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    heading: Mapped[str] = mapped_column(String(200), default="")
    # Everything the answer showed, best first: "article:12,service:3,article:7".
    ranked: Mapped[str] = mapped_column(String(300), default="")
    helpful: Mapped[bool | None] = mapped_column(Boolean)
    feedback_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Sent to the community of practice (editors answer it), and their reply.
    referred_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reply: Mapped[str] = mapped_column(Text, default="")
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    replied_by: Mapped[User | None] = relationship(foreign_keys=[replied_by_id])

    @property
    def ranked_keys(self) -> list[tuple[str, int]]:
        keys = []
        for item in (self.ranked or "").split(","):
            kind, _, number = item.partition(":")
            if kind and number.isdigit():
                keys.append((kind, int(number)))
        return keys
