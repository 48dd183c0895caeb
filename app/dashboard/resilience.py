"""Single points of failure, as the service review means them: per service, how many agents
resolved its requests in the last 90 days (one is a single point of failure), how many published
articles cover it (those that answered someone's question on its request form) and how many
people wrote them; per knowledge category, its published articles and the people who own and
wrote them. Ranked, the most exposed first."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Row

from app.extensions import db
from app.kb import categories as kb_categories
from app.models import Article, ArticleRevision, ArticleStatus, Category, Deflection, Service, ServiceRequest, User

WINDOW = timedelta(days=90)


@dataclass(frozen=True, slots=True)
class ServiceCover:
    """One service: who can do it, and what is written down about it."""

    service: Row  # .id, .name, .slug, .team_id
    resolved: int  # its requests resolved in the last 90 days
    agents: list[str]  # who resolved them, by name
    articles: int  # published articles that have answered a question on its request form
    authors: list[str]  # who wrote those articles, by name

    @property
    def risks(self) -> list[str]:
        risks = []
        if len(self.agents) == 1:
            risks.append("One agent")
        elif not self.agents and self.resolved == 0:
            risks.append("Nothing resolved in 90 days")
        if not self.articles:
            risks.append("No guidance")
        elif len(self.authors) == 1:
            risks.append("One author")
        return risks

    @property
    def single_point(self) -> bool:
        return len(self.agents) == 1


@dataclass(frozen=True, slots=True)
class CategoryCover:
    """One knowledge category: its published articles, and the people who own and wrote them."""

    category: Category
    articles: int
    owners: int
    authors: int
    people: list[str]  # the owners, by name
    risk: str | None  # "One person", "No articles" or None


def _names(pairs: Iterable[Any]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for key, name in pairs:
        names.setdefault(key, []).append(name)
    return names


def _covering() -> Select[int | None, int]:
    """(service, article) for each published article that has answered a question on the
    service's request form: what "guidance covering a service" means here and on the home page."""
    return (
        select(Deflection.service_id, Article.id.label("article_id"))
        .join(Article, Article.id == Deflection.article_id)
        .where(Article.status == ArticleStatus.PUBLISHED, Deflection.service_id.is_not(None))
        .distinct()
    )


def services_without_guidance() -> int:
    """How many active services no published article covers (the "No guidance" rows of
    `services`), counted in one query for the managers' home page."""
    covered = _covering().where(Deflection.service_id == Service.id)
    return (
        db.session.scalar(select(func.count()).select_from(Service).where(Service.active.is_(True), ~covered.exists()))
        or 0
    )


def services(now: datetime) -> list[ServiceCover]:
    """Every active service, a single agent first, then the fewest agents, the least guidance."""
    resolved_recently = (ServiceRequest.resolved_at >= now - WINDOW, ServiceRequest.resolved_at < now)
    resolved = dict(
        db.session.execute(
            select(ServiceRequest.service_id, func.count())
            .where(*resolved_recently)
            .group_by(ServiceRequest.service_id)
        ).all()
    )
    agents = _names(
        db.session.execute(
            select(ServiceRequest.service_id, User.name)
            .join(User, User.id == ServiceRequest.assignee_id)
            .where(*resolved_recently)
            .distinct()
            .order_by(ServiceRequest.service_id, User.name)
        )
    )
    covering = _covering().subquery()
    articles: dict[int, int] = dict(
        db.session.execute(select(covering.c.service_id, func.count()).group_by(covering.c.service_id)).all()
    )
    authors = _names(
        db.session.execute(
            select(covering.c.service_id, User.name)
            .join(ArticleRevision, ArticleRevision.article_id == covering.c.article_id)
            .join(User, User.id == ArticleRevision.author_id)
            .distinct()
            .order_by(covering.c.service_id, User.name)
        )
    )
    rows = [
        ServiceCover(
            service=service,
            resolved=resolved.get(service.id, 0),
            agents=agents.get(service.id, []),
            articles=articles.get(service.id, 0),
            authors=authors.get(service.id, []),
        )
        for service in db.session.execute(
            select(Service.id, Service.name, Service.slug, Service.team_id).where(Service.active.is_(True))
        )
    ]
    return sorted(
        rows,
        key=lambda row: (
            not row.single_point,
            len(row.risks) == 0,
            -len(row.risks),
            len(row.agents),
            row.articles,
            row.service.name,
        ),
    )


def categories() -> list[CategoryCover]:
    """Every knowledge category, those with no articles or one person first."""
    rows = [
        CategoryCover(
            category=row["category"],
            articles=row["articles"],
            owners=row["owners"],
            authors=row["authors"],
            people=row["people"],
            risk=row["risk"],
        )
        for row in kb_categories.coverage()
    ]
    order = {"One person": 0, "No articles": 1, None: 2}
    return sorted(rows, key=lambda row: (order[row.risk], row.articles, row.category.name))
