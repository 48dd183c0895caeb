"""The content gaps, in one place: what staff looked for and did not find (searches with no
results), questions on articles nobody answered, topics Ask Staffroom could not answer, and
articles overdue for review. Editors' pages in the knowledge base (and the search section's
list) and the dashboard's knowledge page read them from here.

It lives with the knowledge base because every gap is one the knowledge base's editors close (by
writing, answering or reviewing); it reads the search log and Ask Staffroom's questions as tables,
so it depends on neither feature's code."""

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import defer

from app import clock
from app.extensions import db
from app.models import Article, ArticleQuestion, ArticleStatus, AskedQuestion, SearchLog, User

# --- What staff looked for and did not find ------------------------------------------------------


def searches_without_results(days: int, limit: int = 50) -> list[tuple[str, int, datetime]]:
    """Searches that found nothing, most asked first: (query, times, last searched)."""
    since = clock.now() - timedelta(days=days)
    rows = db.session.execute(
        select(SearchLog.query, func.count().label("times"), func.max(SearchLog.searched_at))
        .where(SearchLog.searched_at >= since, SearchLog.results == 0)
        .group_by(SearchLog.query)
        .order_by(func.count().desc(), SearchLog.query)
        .limit(limit)
    )
    return [(query, times, last_searched) for query, times, last_searched in rows]


# --- Questions nobody answered -------------------------------------------------------------------


def unanswered_topics(
    days: int | None = None, *, since: datetime | None = None, limit: int = 50
) -> list[tuple[str, int, datetime]]:
    """What Ask Staffroom could not answer, by topic, most asked first: (topic, times, last asked)."""
    since = since or clock.now() - timedelta(days=days or 30)
    rows = db.session.execute(
        select(AskedQuestion.topic, func.count().label("times"), func.max(AskedQuestion.asked_at))
        .where(AskedQuestion.asked_at >= since, AskedQuestion.answered.is_(False), AskedQuestion.topic != "")
        .group_by(AskedQuestion.topic)
        .order_by(func.count().desc(), AskedQuestion.topic)
        .limit(limit)
    )
    return [(topic, times, last_asked) for topic, times, last_asked in rows]


def open_questions(limit: int = 50) -> list[tuple[ArticleQuestion, Article]]:
    """Readers' questions on articles that nobody has answered yet, oldest first."""
    rows = db.session.execute(
        select(ArticleQuestion, Article)
        .join(Article, Article.id == ArticleQuestion.article_id)
        .where(ArticleQuestion.answered_at.is_(None), Article.status != ArticleStatus.DRAFT)
        .order_by(ArticleQuestion.created_at)
        .limit(limit)
    )
    return [(question, article) for question, article in rows]


# --- Articles overdue for review -----------------------------------------------------------------


def _overdue(user: User | None = None) -> list[ColumnElement[bool]]:
    conditions = [Article.status == ArticleStatus.PUBLISHED, Article.review_by < clock.today()]
    if user is not None:
        conditions.append(Article.owner_id == user.id)
    return conditions


def overdue_reviews(user: User | None = None, limit: int | None = None) -> list[Article]:
    """Published articles past their review date (`user`'s own, or everyone's), longest overdue first."""
    statement = (
        select(Article)
        .options(defer(Article.body))
        .where(*_overdue(user))
        .order_by(Article.review_by, Article.title)
        .limit(limit)
    )
    return list(db.session.scalars(statement))


def overdue_review_count(user: User | None = None) -> int:
    return db.session.scalar(select(func.count(Article.id)).where(*_overdue(user))) or 0
