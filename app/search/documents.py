"""What each kind of indexed object looks like to the search index, and who may find it."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import policy
from app.extensions import db
from app.markup import plain_text
from app.models import Article, ArticleStatus, Audience, Idea, Service

EXCERPT_CHARS = 1500  # the stored text snippets are cut from: enough context, quick to highlight

# What the index holds: one kind of document for each of these models.
Indexed = Article | Idea | Service


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    category_label: str  # what its categories are called, as a heading of the search page's filters
    model: type[Article] | type[Idea] | type[Service]
    document: Callable  # object -> dict of index fields
    visible: Callable  # (user, object) -> bool, the database recheck
    url: Callable  # object -> link
    load_options: tuple = ()
    # How much a match counts in search's ranking: guidance and services answer "how do I...?";
    # an idea proposes a change and often merely mentions the word, so it ranks below them at an
    # equal match (it still comes first when it matches much better).
    weight: float = 1.0

    def load(self, ids) -> dict[int, Indexed]:
        if not ids:
            return {}
        loaded: list[Indexed] = list(
            db.session.scalars(select(self.model).where(self.model.id.in_(ids)).options(*self.load_options))
        )
        return {indexed_object.id: indexed_object for indexed_object in loaded}

    def all_ids(self) -> list[int]:
        return list(db.session.scalars(select(self.model.id).order_by(self.model.id)))


_SPELLING_WORD = re.compile(r"[^\W\d_]{4,}")


def spelling_words(*texts: str) -> str:
    """The words typos are corrected to and "Did you mean" suggests (app/search/spelling.py): each
    distinct word of four letters or more, once (a document's word list, not its text)."""
    return " ".join(sorted({word for text in texts for word in _SPELLING_WORD.findall(text.lower())}))


def _article_document(article: Article) -> dict:
    text = plain_text(article.body)
    tags = [tag.name for tag in article.tags]
    public = article.status != ArticleStatus.DRAFT
    words = spelling_words(article.title, article.summary, " ".join(tags), text)
    return {
        "key": f"article:{article.id}",
        "kind": "article",
        "oid": str(article.id),
        "title": article.title,
        "excerpt": text[:EXCERPT_CHARS],
        # One field to match and rank on; the title counts three times and summary and tags
        # twice, which weighs them as field boosts would, at the cost of one posting list a word.
        "pairs": "\n".join([article.title, article.summary, text]),
        "content": "\n".join([article.title] * 3 + [article.summary] * 2 + [" ".join(tags)] * 2 + [text]),
        "tags": ",".join(tags),
        "category": article.category.name,
        "team": article.owner.team.name if article.owner.team else "",
        "status": str(article.status),  # the value: an enum member would be pickled into the index
        "audience": "all" if public else "editors",
        "author": article.owner.name,
        "updated": article.updated_at.replace(tzinfo=None),
        "spell_public": words if public else "",
        "spell_draft": "" if public else words,
    }


def _idea_document(idea: Idea) -> dict:
    text = plain_text(idea.description)
    tags = [tag.name for tag in idea.tags]
    words = spelling_words(idea.title, " ".join(tags), text)
    return {
        "key": f"idea:{idea.id}",
        "kind": "idea",
        "oid": str(idea.id),
        "title": idea.title,
        "excerpt": text[:EXCERPT_CHARS],
        "content": "\n".join([idea.title] * 3 + [" ".join(tags)] * 2 + [text]),
        "pairs": "\n".join([idea.title, text]),
        "tags": ",".join(tags),
        "category": idea.area_name,
        "team": idea.area_name,
        "status": str(idea.status),
        "audience": "all",
        # "Don't show my name": the index never holds the name of an anonymous author.
        "author": "" if idea.anonymous else idea.author.name,
        "updated": idea.updated_at.replace(tzinfo=None),
        "spell_public": words,
        "spell_draft": "",
    }


def _service_audience(service: Service) -> str:
    """policy.can_view_service as index audiences, so search never counts (in totals or facets) a
    service someone may not see. Retired services are found by nobody."""
    if not service.active:
        return "retired"
    if service.audience == Audience.EVERYONE:
        return "all"
    teams = {service.team_id, *(team.id for team in service.requesting_teams)}
    return ",".join(["services-staff", *(f"team-{team_id}" for team_id in sorted(teams))])


def _service_document(service: Service) -> dict:
    text = plain_text(service.description)
    words = spelling_words(service.name, service.summary, service.keywords, text)
    return {
        "key": f"service:{service.id}",
        "kind": "service",
        "oid": str(service.id),
        "title": service.name,
        "excerpt": "\n".join([service.summary, text])[:EXCERPT_CHARS],
        "content": "\n".join(
            [service.name] * 3 + [service.summary] * 2 + [service.keywords] * 2 + [service.category.name, text]
        ),
        "pairs": "\n".join([service.name, service.summary, text]),
        "tags": "",
        "category": service.category.name,
        "team": service.team.name,
        "status": "active" if service.active else "retired",
        "audience": _service_audience(service),
        "author": "",
        "updated": service.updated_at.replace(tzinfo=None),
        # Only what everyone may find feeds "Did you mean".
        "spell_public": words if service.active and service.audience == Audience.EVERYONE else "",
        "spell_draft": "",
    }


KINDS = {
    "article": Kind(
        name="article",
        label="Knowledge article",
        category_label="Knowledge category",
        model=Article,
        document=_article_document,
        visible=policy.can_view_article,
        url=lambda article: url_for("kb.article", slug=article.slug),
        load_options=(selectinload(Article.tags),),
    ),
    "idea": Kind(
        name="idea",
        label="Idea",
        category_label="Idea area",
        model=Idea,
        document=_idea_document,
        visible=lambda user, idea: True,
        url=lambda idea: url_for("ideas.show", idea_id=idea.id),
        load_options=(selectinload(Idea.tags),),
        weight=0.6,
    ),
    # Retired services stay indexed (their status says so) but are only found by those who can
    # still see them; the catalogue and search leave them out.
    "service": Kind(
        name="service",
        label="Service",
        category_label="Service category",
        model=Service,
        document=_service_document,
        visible=lambda user, service: service.active and policy.can_view_service(user, service),
        url=lambda service: url_for("catalogue.service", slug=service.slug),
        load_options=(selectinload(Service.requesting_teams),),
    ),
}


def audiences(user) -> list[str]:
    """Which index audiences a person may see: drafts only for editors; team-only services for
    those teams and for the staff who raise requests for others."""
    groups = ["all"]
    if policy.can_see_drafts(user):
        groups.append("editors")
    if policy.can_raise_on_behalf(user):
        groups.append("services-staff")
    if getattr(user, "team_id", None):
        groups.append(f"team-{user.team_id}")
    return groups
