"""Knowledge base: articles with revisions, old slugs, tags, categories, attachments,
feedback, questions and watchers."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model, db
from app.models.types import UTCDateTime, check_in
from app.models.user import User


class ArticleStatus(StrEnum):
    DRAFT = "draft"  # only editors see it
    PUBLISHED = "published"
    ARCHIVED = "archived"  # kept for reference, marked as no longer current


article_tags = Table(
    "article_tags",
    db.metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Category(Model):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    def __str__(self) -> str:
        return self.name


class Tag(Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)

    def __str__(self) -> str:
        return self.name


class Article(Model):
    __tablename__ = "articles"
    __table_args__ = (
        check_in("status", ArticleStatus),
        Index("ix_articles_status_updated_at", "status", "updated_at"),
        # The dashboard's lists: most read, overdue for review, owners per category.
        Index("ix_articles_status_view_count", "status", "view_count"),
        Index("ix_articles_status_review_by", "status", "review_by"),
        Index("ix_articles_status_category_owner", "status", "category_id", "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(90), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    summary: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=ArticleStatus.DRAFT)
    # Bumped by every content save; an edit based on an older number is a conflict.
    revision_number: Mapped[int] = mapped_column(Integer, default=1)
    review_by: Mapped[date | None] = mapped_column(Date)
    last_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    view_count: Mapped[int] = mapped_column(Integer, default=0)

    category: Mapped[Category] = relationship(lazy="joined")
    owner: Mapped[User] = relationship(foreign_keys=[owner_id], lazy="joined")
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    last_reviewed_by: Mapped[User | None] = relationship(foreign_keys=[last_reviewed_by_id])
    tags: Mapped[list[Tag]] = relationship(secondary=article_tags, lazy="selectin", order_by=Tag.name)
    revisions: Mapped[list[ArticleRevision]] = relationship(
        back_populates="article",
        order_by="ArticleRevision.number.desc()",
        cascade="all, delete-orphan",
        lazy="dynamic",
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="article",
        order_by="Attachment.uploaded_at",
        cascade="all, delete-orphan",
    )

    @property
    def is_draft(self) -> bool:
        return self.status == ArticleStatus.DRAFT

    @property
    def is_archived(self) -> bool:
        return self.status == ArticleStatus.ARCHIVED

    def review_overdue(self, today: date) -> bool:
        return self.status == ArticleStatus.PUBLISHED and self.review_by is not None and self.review_by < today

    def __str__(self) -> str:
        return self.title


class ArticleSlug(Model):
    """A slug the article had before its title changed: its old links redirect."""

    __tablename__ = "article_slugs"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(90), unique=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)


class ArticleRevision(Model):
    __tablename__ = "article_revisions"
    __table_args__ = (
        UniqueConstraint("article_id", "number", name="uq_article_revisions_article_number"),
        Index("ix_article_revisions_article_author", "article_id", "author_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(150))
    summary: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(String(500), default="")  # comma-separated, as typed
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    change_note: Mapped[str] = mapped_column(String(200), default="")
    restored_from: Mapped[int | None] = mapped_column(Integer)

    article: Mapped[Article] = relationship(back_populates="revisions")
    author: Mapped[User] = relationship(lazy="joined")


class Attachment(Model):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    # The generated name its bytes are kept under (app/files.py); the person's file name is only ever shown.
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(150))
    file_type: Mapped[str] = mapped_column(String(10))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    article: Mapped[Article] = relationship(back_populates="attachments")
    uploaded_by: Mapped[User] = relationship()


class ArticleFeedback(Model):
    __tablename__ = "article_feedback"
    __table_args__ = (
        UniqueConstraint("article_id", "user_id", name="uq_article_feedback_article_user"),
        Index("ix_article_feedback_article_helpful", "article_id", "helpful"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    user: Mapped[User] = relationship()


class ArticleQuestion(Model):
    __tablename__ = "article_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User] = relationship(lazy="joined")
    answers: Mapped[list[ArticleAnswer]] = relationship(
        order_by="ArticleAnswer.created_at",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class ArticleAnswer(Model):
    __tablename__ = "article_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("article_questions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    author: Mapped[User] = relationship(lazy="joined")


class ArticleWatch(Model):
    __tablename__ = "article_watches"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
