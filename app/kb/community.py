"""What readers give back to an article: feedback, questions and their answers, and watching it."""

from collections.abc import Iterable

from flask import url_for
from sqlalchemy import Subquery, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer

from app import clock
from app.extensions import db
from app.models import (
    Article,
    ArticleAnswer,
    ArticleFeedback,
    ArticleQuestion,
    ArticleStatus,
    ArticleWatch,
    User,
)
from app.notify import notify
from app.validation import FieldError

# --- Feedback --------------------------------------------------------------------------------


def helpful_counts() -> Subquery:
    """Per article: yes count, no count (a subquery)."""
    return (
        select(
            ArticleFeedback.article_id,
            func.sum(case((ArticleFeedback.helpful.is_(True), 1), else_=0)).label("yes"),
            func.sum(case((ArticleFeedback.helpful.is_(False), 1), else_=0)).label("no"),
        )
        .group_by(ArticleFeedback.article_id)
        .subquery()
    )


def most_helpful(user: User, limit: int = 10) -> list[tuple[Article, int, int]]:
    counts = helpful_counts()
    rows = db.session.execute(
        select(Article, counts.c.yes, counts.c.no)
        .options(defer(Article.body))
        .join(counts, counts.c.article_id == Article.id)
        .where(Article.status == ArticleStatus.PUBLISHED, counts.c.yes > 0)
        .order_by((counts.c.yes - counts.c.no).desc(), counts.c.yes.desc(), Article.title)
        .limit(limit)
    )
    return [tuple(row) for row in rows]


def poor_feedback(limit: int = 50) -> list[tuple[Article, int, int]]:
    counts = helpful_counts()
    rows = db.session.execute(
        select(Article, counts.c.yes, counts.c.no)
        .options(defer(Article.body))
        .join(counts, counts.c.article_id == Article.id)
        .where(Article.status != ArticleStatus.ARCHIVED, counts.c.no > 0, counts.c.no >= counts.c.yes)
        .order_by((counts.c.no - counts.c.yes).desc(), counts.c.no.desc(), Article.title)
        .limit(limit)
    )
    return [tuple(row) for row in rows]


def recent_negative_comments(article: Article, limit: int = 10) -> list[ArticleFeedback]:
    return recent_negative_comments_for([article], limit=limit)[article.id]


def recent_negative_comments_for(articles: Iterable[Article], limit: int = 10) -> dict[int, list[ArticleFeedback]]:
    """Each article's latest "not helpful" comments, newest first: for a list of articles in one
    query (the latest few per article by a window function)."""
    ids = [article.id for article in articles]
    comments_by_article: dict[int, list[ArticleFeedback]] = {article_id: [] for article_id in ids}
    if not ids:
        return comments_by_article
    newest_first = (ArticleFeedback.updated_at.desc(), ArticleFeedback.id.desc())
    ranked = (
        select(
            ArticleFeedback.id,
            func.row_number().over(partition_by=ArticleFeedback.article_id, order_by=newest_first).label("position"),
        )
        .where(ArticleFeedback.article_id.in_(ids), ArticleFeedback.helpful.is_(False), ArticleFeedback.comment != "")
        .subquery()
    )
    rows = db.session.scalars(
        select(ArticleFeedback)
        .join(ranked, ranked.c.id == ArticleFeedback.id)
        .where(ranked.c.position <= limit)
        .order_by(ArticleFeedback.article_id, *newest_first)
    )
    for entry in rows:
        comments_by_article[entry.article_id].append(entry)
    return comments_by_article


def feedback_summary(article: Article) -> dict[str, int]:
    yes, no = db.session.execute(
        select(
            func.sum(case((ArticleFeedback.helpful.is_(True), 1), else_=0)),
            func.sum(case((ArticleFeedback.helpful.is_(False), 1), else_=0)),
        ).where(ArticleFeedback.article_id == article.id)
    ).one()
    return {"yes": yes or 0, "no": no or 0}


def feedback_of(article: Article, user: User) -> ArticleFeedback | None:
    return db.session.scalar(
        select(ArticleFeedback).where(ArticleFeedback.article_id == article.id, ArticleFeedback.user_id == user.id)
    )


def give_feedback(article: Article, user: User, *, helpful: bool, comment: str = "") -> ArticleFeedback:
    """One answer per person per article; answering again changes it."""
    comment = (comment or "").strip()[:2000]
    for _ in range(2):
        existing = feedback_of(article, user)
        if existing is not None:
            existing.helpful, existing.updated_at = helpful, clock.now()
            if comment or not helpful:
                existing.comment = comment
            db.session.flush()
            return existing
        try:
            with db.session.begin_nested():
                entry = ArticleFeedback(
                    article_id=article.id,
                    user_id=user.id,
                    helpful=helpful,
                    comment=comment,
                    created_at=clock.now(),
                    updated_at=clock.now(),
                )
                db.session.add(entry)
            return entry
        except IntegrityError:
            continue  # the same person's other tab got there first: update theirs instead
    raise RuntimeError("feedback could not be saved")


# --- Questions -------------------------------------------------------------------------------


def questions(article: Article) -> list[ArticleQuestion]:
    return list(
        db.session.scalars(
            select(ArticleQuestion).where(ArticleQuestion.article_id == article.id).order_by(ArticleQuestion.created_at)
        )
    )


def ask_question(article: Article, user: User, body: str) -> ArticleQuestion:
    body = body.strip()
    if not body:
        raise FieldError("body", "Enter your question")
    question = ArticleQuestion(article_id=article.id, author_id=user.id, body=body, created_at=clock.now())
    db.session.add(question)
    db.session.flush()
    # The owner and watchers are told; editors find every open question on their questions page.
    link = url_for("kb.article", slug=article.slug, _anchor=f"question-{question.id}")
    notify(
        [article.owner_id, *_watcher_ids(article)],
        f"{user.name} asked a question on “{article.title}”",
        link,
        except_id=user.id,
    )
    return question


def answer_question(question: ArticleQuestion, user: User, body: str, *, mark_answered: bool) -> ArticleAnswer:
    body = body.strip()
    if not body:
        raise FieldError("body", "Enter your answer")
    answer = ArticleAnswer(question_id=question.id, author_id=user.id, body=body, created_at=clock.now())
    db.session.add(answer)
    if mark_answered and question.answered_at is None:
        question.answered_at = clock.now()
    db.session.flush()
    article = db.session.get_one(Article, question.article_id)
    notify(
        [question.author_id],
        f"{user.name} answered your question on “{article.title}”",
        url_for("kb.article", slug=article.slug, _anchor=f"question-{question.id}"),
        except_id=user.id,
    )
    return answer


def set_answered(question: ArticleQuestion, answered: bool) -> None:
    question.answered_at = clock.now() if answered else None
    db.session.flush()


def get_question(question_id: int) -> ArticleQuestion | None:
    return db.session.get(ArticleQuestion, question_id)


def article_slug(question: ArticleQuestion) -> str:
    return db.session.execute(select(Article.slug).where(Article.id == question.article_id)).scalar_one()


# --- Watching --------------------------------------------------------------------------------


def is_watching(article: Article, user: User) -> bool:
    return db.session.get(ArticleWatch, (article.id, user.id)) is not None


def toggle_watch(article: Article, user: User) -> bool:
    """Start or stop watching; returns whether the person now watches."""
    watch = db.session.get(ArticleWatch, (article.id, user.id))
    if watch is not None:
        db.session.delete(watch)
        db.session.flush()
        return False
    try:
        with db.session.begin_nested():
            db.session.add(ArticleWatch(article_id=article.id, user_id=user.id, created_at=clock.now()))
    except IntegrityError:
        pass  # already watching (a double click)
    return True


def _watcher_ids(article: Article) -> list[int]:
    return list(db.session.scalars(select(ArticleWatch.user_id).where(ArticleWatch.article_id == article.id)))


def tell_watchers(article: Article, actor: User, message: str) -> None:
    """Notify the article's watchers (not `actor`, who made the change) with a link to it."""
    notify(_watcher_ids(article), message, url_for("kb.article", slug=article.slug), except_id=actor.id)
