"""Knowledge base categories: listing them with article counts, saving one, and who covers each."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app import audit, slugs
from app.extensions import db
from app.kb.services import visible_statuses
from app.models import Article, ArticleRevision, ArticleStatus, Category, User
from app.validation import FieldError


def list_categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.name)))


def categories_with_counts(user: User) -> list[tuple[Category, int]]:
    counts = (
        select(Article.category_id, func.count().label("n"))
        .where(Article.status.in_(visible_statuses(user)))
        .group_by(Article.category_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Category, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.category_id == Category.id)
        .order_by(Category.position, Category.name)
    )
    return [(category, count) for category, count in rows]


def get_category(slug: str) -> Category | None:
    return db.session.scalar(select(Category).where(Category.slug == slug))


def save_category(category: Category | None, *, name: str, description: str, actor: User) -> Category:
    name = " ".join(name.split())
    clash = db.session.scalar(select(Category).where(func.lower(Category.name) == name.lower()))
    if clash is not None and clash is not category:
        raise FieldError("name", "There is already a category with this name")
    created = category is None
    try:
        # Changes inside the savepoint: a clash rolls back only these, with a clear message.
        with db.session.begin_nested():
            if category is None:
                position = (db.session.scalar(select(func.max(Category.position))) or 0) + 1
                category = Category(position=position)
            category.name, category.description = name, description.strip()
            slugs.assign(category, name, fallback="category")  # adds a new category
    except IntegrityError as error:
        raise FieldError("name", "There is already a category with this name") from error
    audit.record(actor, "category_created" if created else "category_updated", category, name=name)
    return category


def coverage() -> list[dict[str, Any]]:
    """Per category: published articles and distinct owners and authors. One owner/author or
    no article at all is a single point of failure."""
    articles = (
        select(
            Article.category_id,
            func.count(func.distinct(Article.id)).label("articles"),
            func.count(func.distinct(Article.owner_id)).label("owners"),
        )
        .where(Article.status == ArticleStatus.PUBLISHED)
        .group_by(Article.category_id)
        .subquery()
    )
    authors = (
        select(Article.category_id, func.count(func.distinct(ArticleRevision.author_id)).label("authors"))
        .join(ArticleRevision, ArticleRevision.article_id == Article.id)
        .where(Article.status == ArticleStatus.PUBLISHED)
        .group_by(Article.category_id)
        .subquery()
    )
    # Who owns each category's published articles: one query for every category.
    owner_names: dict[int, list[str]] = {}
    for category_id, name in db.session.execute(
        select(Article.category_id, User.name)
        .join(Article, Article.owner_id == User.id)
        .where(Article.status == ArticleStatus.PUBLISHED)
        .distinct()
        .order_by(Article.category_id, User.name)
    ):
        owner_names.setdefault(category_id, []).append(name)
    rows = db.session.execute(
        select(
            Category,
            func.coalesce(articles.c.articles, 0),
            func.coalesce(articles.c.owners, 0),
            func.coalesce(authors.c.authors, 0),
        )
        .outerjoin(articles, articles.c.category_id == Category.id)
        .outerjoin(authors, authors.c.category_id == Category.id)
        .order_by(Category.position, Category.name)
    )
    result = []
    for category, count, owners, authors_count in rows:
        people = owner_names.get(category.id, []) if count else []
        risk = "No articles" if count == 0 else ("One person" if max(owners, authors_count) <= 1 else None)
        result.append(
            {
                "category": category,
                "articles": count,
                "owners": owners,
                "authors": authors_count,
                "people": people,
                "risk": risk,
            }
        )
    return result
