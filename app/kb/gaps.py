"""The content gaps, in one place: what staff looked for and did not find (searches with no
results), questions on articles nobody answered, topics Ask Staffroom could not answer, and
articles overdue for review. Editors' pages in the knowledge base (and the search section's
list) and the dashboard's knowledge page read them from here.

It lives with the knowledge base because every gap is one the knowledge base's editors close (by
writing, answering or reviewing); it reads the search log and Ask Staffroom's questions as tables,
so it depends on neither feature's code.

What staff typed is private until it is common: searches and unanswered questions are listed only
once at least MIN_PEOPLE different people have used the phrase, and what is listed has email
addresses, phone numbers and the names of people in Staffroom masked (`private_masked`). The
pages and the CSVs read these functions, so they follow the same rule; who may see them at all is
`policy.can_view_content_gaps`."""

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import defer

from app import clock
from app.extensions import db
from app.models import Article, ArticleQuestion, ArticleStatus, AskedQuestion, SearchLog, User

# --- Privacy: only common phrases, and nobody named in them ---------------------------------------

# A phrase is listed once this many different people have searched for it or asked it.
MIN_PEOPLE = 3
EMAIL_MASK, PHONE_MASK, NAME_MASK = "[email]", "[phone]", "[name]"

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
# Seven or more digits, spaced or punctuated as people write phone numbers (07700 900 123, +44 ...).
_PHONE = re.compile(r"\+?\(?\d(?:[\s().-]{0,2}\d){6,}")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_REPEATED_NAME = re.compile(re.escape(NAME_MASK) + r"(?:\s+" + re.escape(NAME_MASK) + r")+")


def _name_words() -> set[str]:
    """Every word of every person's name in Staffroom, in lower case (first names and surnames
    alone mask too: "report okafor" names someone as surely as the full name)."""
    names = db.session.scalars(select(User.name))
    return {word.lower() for name in names for word in _WORD.findall(name or "") if len(word) > 1}


def private_masked(text: str, name_words: set[str] | None = None) -> str:
    """`text` with email addresses, phone numbers and people's names replaced by a placeholder."""
    name_words = _name_words() if name_words is None else name_words
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _PHONE.sub(PHONE_MASK, text)
    text = _WORD.sub(lambda word: NAME_MASK if word.group().lower() in name_words else word.group(), text)
    return _REPEATED_NAME.sub(NAME_MASK, text)


def _listable(rows: Iterable[Any]) -> list[tuple[str, int, datetime]]:
    """Masked (what, times, last) rows, the phrases that mask alike merged, most frequent first."""
    name_words = _name_words()
    merged: dict[str, tuple[int, datetime]] = {}
    for what, times, last in rows:
        masked = private_masked(what, name_words)
        before_times, before_last = merged.get(masked, (0, last))
        merged[masked] = (before_times + times, max(before_last, last))
    return sorted(((what, times, last) for what, (times, last) in merged.items()), key=lambda row: (-row[1], row[0]))


# --- What staff looked for and did not find ------------------------------------------------------


def searches_without_results(days: int, limit: int = 50) -> list[tuple[str, int, datetime]]:
    """Searches that found nothing, made by at least MIN_PEOPLE people, masked, most asked first:
    (query, times, last searched)."""
    since = clock.now() - timedelta(days=days)
    rows = db.session.execute(
        select(SearchLog.query, func.count().label("times"), func.max(SearchLog.searched_at))
        .where(SearchLog.searched_at >= since, SearchLog.results == 0, SearchLog.searcher != "")
        .group_by(SearchLog.query)
        .having(func.count(SearchLog.searcher.distinct()) >= MIN_PEOPLE)
        .order_by(func.count().desc(), SearchLog.query)
        .limit(limit)
    )
    return _listable(rows)


# --- Questions nobody answered -------------------------------------------------------------------


def unanswered_topics(
    days: int | None = None, *, since: datetime | None = None, limit: int = 50
) -> list[tuple[str, int, datetime]]:
    """What Ask Staffroom could not answer, by topic, asked by at least MIN_PEOPLE people, masked,
    most asked first: (topic, times, last asked)."""
    since = since or clock.now() - timedelta(days=days or 30)
    rows = db.session.execute(
        select(AskedQuestion.topic, func.count().label("times"), func.max(AskedQuestion.asked_at))
        .where(AskedQuestion.asked_at >= since, AskedQuestion.answered.is_(False), AskedQuestion.topic != "")
        .group_by(AskedQuestion.topic)
        .having(func.count(AskedQuestion.user_id.distinct()) >= MIN_PEOPLE)
        .order_by(func.count().desc(), AskedQuestion.topic)
        .limit(limit)
    )
    return _listable(rows)


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
