"""Ideas board: ideas, votes, comments (with their earlier versions), status history,
followers and the benefits register."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model, db
from app.models.article import Tag
from app.models.types import UTCDateTime, check_in
from app.models.user import Team, User


class IdeaStatus(StrEnum):
    NEW = "new"
    UNDER_REVIEW = "under_review"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    NOT_TAKEN_FORWARD = "not_taken_forward"
    DUPLICATE = "duplicate"  # merged into another idea


STATUS_LABELS: dict[str, str] = {
    IdeaStatus.NEW: "New",
    IdeaStatus.UNDER_REVIEW: "Under review",
    IdeaStatus.PLANNED: "Planned",
    IdeaStatus.IN_PROGRESS: "In progress",
    IdeaStatus.IMPLEMENTED: "Implemented",
    IdeaStatus.NOT_TAKEN_FORWARD: "Not taken forward",
    IdeaStatus.DUPLICATE: "Duplicate",
}

# GOV.UK tag colours for each status.
STATUS_COLOURS = {
    IdeaStatus.NEW: "blue",
    IdeaStatus.UNDER_REVIEW: "purple",
    IdeaStatus.PLANNED: "turquoise",
    IdeaStatus.IN_PROGRESS: "yellow",
    IdeaStatus.IMPLEMENTED: "green",
    IdeaStatus.NOT_TAKEN_FORWARD: "grey",
    IdeaStatus.DUPLICATE: "grey",
}

idea_tags = Table(
    "idea_tags",
    db.metadata,
    Column("idea_id", ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Idea(Model):
    __tablename__ = "ideas"
    __table_args__ = (
        check_in("status", IdeaStatus),
        CheckConstraint("vote_count >= 0", name="vote_count_not_negative"),
        Index("ix_ideas_status_updated_at", "status", "updated_at"),
        Index("ix_ideas_created_figures", "created_at", "status", "area_team_id"),  # the dashboard's funnel
        # "Most votes" in order, read from the index: the board's (all statuses) and the roadmap's
        # and a status filter's (one status).
        Index("ix_ideas_vote_count_id", "vote_count", "id"),
        Index("ix_ideas_status_vote_count_id", "status", "vote_count", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(Text)
    # None means "Council-wide"; otherwise the team the idea is about.
    area_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    expected_hours_per_month: Mapped[float | None] = mapped_column(Numeric(8, 1))
    expected_pounds_per_year: Mapped[int | None] = mapped_column(Integer)
    expected_quality: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default=IdeaStatus.NEW)
    status_reason: Mapped[str] = mapped_column(String(500), default="")
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    # The number of idea_votes rows, kept by every write that adds or removes one (ideas.services),
    # so the board sorts and shows counts without counting 200,000 votes on every page.
    vote_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The key of the form it was posted from (app/forms.py): a retry or a double post finds this
    # idea instead of adding a second.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    author: Mapped[User] = relationship(lazy="joined")
    area_team: Mapped[Team | None] = relationship(lazy="joined")
    tags: Mapped[list[Tag]] = relationship(secondary=idea_tags, lazy="selectin", order_by=Tag.name)
    duplicate_of: Mapped[Idea | None] = relationship(remote_side="Idea.id", lazy="joined", join_depth=1)
    benefit: Mapped[IdeaBenefit | None] = relationship(back_populates="idea", uselist=False, lazy="selectin")

    @property
    def area_name(self) -> str:
        return self.area_team.name if self.area_team else "Council-wide"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def __str__(self) -> str:
        return self.title


class IdeaVote(Model):
    """One vote per person per idea: the primary key makes the database enforce it."""

    __tablename__ = "idea_votes"
    # Trending counts the votes since a date: the index holds idea_id too, so only the recent
    # entries of the index are read, never the table.
    __table_args__ = (Index("ix_idea_votes_created_at_idea_id", "created_at", "idea_id"),)

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class IdeaComment(Model):
    __tablename__ = "idea_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("idea_comments.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    hidden_reason: Mapped[str] = mapped_column(String(300), default="")
    # The key of the form it was posted from (app/forms.py): a retry or a double post finds this
    # comment instead of adding a second.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="joined")
    hidden_by: Mapped[User | None] = relationship(foreign_keys=[hidden_by_id])


class IdeaCommentEdit(Model):
    """A comment's text before an edit: edits are kept, for the audit."""

    __tablename__ = "idea_comment_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("idea_comments.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class IdeaStatusChange(Model):
    __tablename__ = "idea_status_changes"
    __table_args__ = (
        check_in("from_status", IdeaStatus),
        check_in("to_status", IdeaStatus),
        Index("ix_idea_status_changes_decisions", "to_status", "idea_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    actor: Mapped[User] = relationship(lazy="joined")


class IdeaFollow(Model):
    """Who hears about an idea. A row with following=False remembers an explicit "unfollow", so
    voting or commenting later does not sign the person up again."""

    __tablename__ = "idea_follows"

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    following: Mapped[bool] = mapped_column(Boolean, default=True)


class IdeaBenefit(Model):
    """The realised benefit of an implemented idea: how Business Support proves its value."""

    __tablename__ = "idea_benefits"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), unique=True)
    hours_per_month: Mapped[float | None] = mapped_column(Numeric(8, 1))
    pounds_per_year: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(1000), default="")
    realised_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    idea: Mapped[Idea] = relationship(back_populates="benefit")
