"""The demo knowledge base: categories, the articles of app/demo/content/articles (with their earlier
versions, feedback and questions) and searches that found nothing."""

import random
import re
from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.demo import content
from app.extensions import db
from app.markup import article_address, slugify
from app.models import (
    Article,
    ArticleFeedback,
    ArticleQuestion,
    ArticleRevision,
    ArticleStatus,
    Category,
    SearchLog,
    Tag,
    User,
)


def categories() -> list[tuple[str, str]]:
    """(name, description) of each category, in the order they are listed."""
    return [(category["name"], category["description"]) for category in content.data("knowledge")["categories"]]


def add_tags(names, tags: dict) -> None:
    """Make Tag rows for names not yet in `tags` (name -> Tag), adding them to it."""
    for name in names:
        if name not in tags:
            tags[name] = Tag(name=name, slug=slugify(name, max_length=40))
            db.session.add(tags[name])


def seed_knowledge(progress=print) -> int:
    """Categories and the demo articles (with history, feedback, questions); skips what exists."""
    wanted_categories = categories()
    by_name = {category.name: category for category in db.session.scalars(select(Category))}
    for position, (name, description) in enumerate(wanted_categories, start=1):
        if name not in by_name:
            by_name[name] = Category(name=name, slug=slugify(name), description=description, position=position)
            db.session.add(by_name[name])
    db.session.flush()

    people = {user.email: user for user in db.session.scalars(select(User).order_by(User.id))}
    readers = [user for user in people.values() if user.active]
    not_helpful_comments = content.data("knowledge")["not_helpful_comments"]
    tags = {tag.name: tag for tag in db.session.scalars(select(Tag))}
    existing = set(db.session.scalars(select(Article.title)))
    now = clock.now()
    created = 0
    new_articles = []
    for number, entry in enumerate(content.articles()):
        if entry["title"] in existing:
            continue
        add_tags(entry["tags"], tags)
        versions = [*entry["history"], {"body": entry["body"], "note": entry["change_note"], "author": entry["owner"]}]
        started = now - timedelta(days=entry["published_days_ago"])
        reviewed = now - timedelta(days=30 * entry["months_since_review"])
        article = Article(
            slug=entry["slug"],
            title=entry["title"],
            summary=entry["summary"],
            body=entry["body"],
            category=by_name[entry["category"]],
            owner=people[entry["owner"]],
            status=ArticleStatus.PUBLISHED,
            revision_number=len(versions),
            published_at=started,
            created_at=started,
            updated_at=started + timedelta(days=25 * (len(versions) - 1)),
            updated_by_id=people[versions[-1]["author"]].id,
            last_reviewed_at=reviewed,
            last_reviewed_by_id=people[entry["owner"]].id,
            review_by=(reviewed + timedelta(days=365)).date(),
            tags=[tags[name] for name in entry["tags"]],
            view_count=entry["views"],
        )
        db.session.add(article)
        db.session.flush()
        new_articles.append(article)
        for index, version in enumerate(versions, start=1):
            db.session.add(
                ArticleRevision(
                    article_id=article.id,
                    number=index,
                    title=entry["title"],
                    summary=entry["summary"],
                    body=version["body"],
                    tags=", ".join(entry["tags"]),
                    author_id=people[version["author"]].id,
                    created_at=started + timedelta(days=25 * (index - 1)),
                    change_note=version["note"],
                )
            )
        # Each "not helpful" says something different (the same seed: the same comments every time).
        comments = random.Random(f"feedback on {entry['slug']}").sample(not_helpful_comments, entry["not_helpful"])
        votes = [(True, "")] * entry["helpful"] + [(False, comment) for comment in comments]
        for offset, (helpful, comment) in enumerate(votes):
            reader = readers[(number + offset) % len(readers)]
            db.session.add(
                ArticleFeedback(
                    article_id=article.id,
                    user_id=reader.id,
                    helpful=helpful,
                    comment=comment,
                    created_at=now - timedelta(days=offset + 1),
                    updated_at=now - timedelta(days=offset + 1),
                )
            )
        if "question" in entry:
            question = entry["question"]
            db.session.add(
                ArticleQuestion(
                    article_id=article.id,
                    author_id=people[question["asker"]].id,
                    body=question["body"],
                    created_at=now - timedelta(days=question["days_ago"]),
                )
            )
        created += 1
    db.session.flush()
    link_cross_references(new_articles)
    progress(f"knowledge: {len(wanted_categories)} categories, {created} articles created")
    return created


# The content files say "(see *Another article's title*)", readable as files; in Staffroom that is a
# link to the article by its lasting address, as the editor's "Article link" writes one.
CROSS_REFERENCE = re.compile(r"\(see \*(?P<title>[^*\n]+)\*\)")


def link_cross_references(articles: list[Article]) -> None:
    """Each demo article's cross-references to another article become real links (its earlier
    versions too, so the history shows no change that nobody made)."""
    ids: dict[str, int] = dict(db.session.execute(select(Article.title, Article.id)).all())

    def linked(body: str) -> str:
        return CROSS_REFERENCE.sub(
            lambda match: (
                f"(see [{match['title']}]({article_address(ids[match['title']])}))"
                if match["title"] in ids
                else match.group(0)
            ),
            body,
        )

    for article in articles:
        article.body = linked(article.body)
        for revision in article.revisions:
            revision.body = linked(revision.body)
    db.session.flush()


def seed_search_log(progress=print) -> int:
    """Searches people made that found nothing: the knowledge gaps editors and the dashboard show."""
    if db.session.scalar(select(SearchLog.id).limit(1)) is not None:
        return 0
    now, added = clock.now(), 0
    for search in content.data("knowledge")["unanswered_searches"]:
        for repeat in range(search["times"]):
            db.session.add(
                SearchLog(
                    query=search["query"],
                    results=0,
                    searcher=f"demo-{repeat}",  # different people: the content gaps list a phrase only then
                    searched_at=now - timedelta(days=3 + repeat * 7 + added % 5),
                )
            )
            added += 1
    progress(f"search log: {added} searches with no results")
    return added
