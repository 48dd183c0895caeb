"""Ask Staffroom's demo (app/demo/content/vocabulary.yaml): the council's vocabulary, the general enquiry
service a question nobody could answer goes to, and a few weeks of questions (answered, declined,
rated) so the dashboard and the content-gap list have something to show."""

from datetime import timedelta

from sqlalchemy import select

from app import clock, search
from app.assistant.services import topic_of
from app.demo import content
from app.demo.requests import form_fields
from app.extensions import db
from app.markup import slugify
from app.models import Article, AskedQuestion, Audience, Service, ServiceCategory, Synonym, Team, User


def seed(progress=print) -> int:
    """The vocabulary, the general enquiry service and the sample questions; skips what exists."""
    vocabulary = content.data("vocabulary")
    now = clock.now()
    existing = set(db.session.scalars(select(Synonym.key)))
    added = 0
    for synonym in vocabulary["synonyms"]:
        if search.vocabulary.fold(synonym["term"]) not in existing:
            db.session.add(
                Synonym(
                    term=synonym["term"],
                    key=search.vocabulary.fold(synonym["term"]),
                    meaning=synonym["meaning"],
                    created_at=now,
                    updated_at=now,
                )
            )
            added += 1

    _seed_general_enquiry(vocabulary["general_enquiry"], now)

    asked = 0
    if db.session.scalar(select(AskedQuestion.id).limit(1)) is None:
        people = {user.email: user for user in db.session.scalars(select(User))}
        articles = {article.slug: article for article in db.session.scalars(select(Article))}
        for entry in vocabulary["questions"]:
            slug, question, helpful = entry["article"], entry["question"], entry["helpful"]
            article = articles.get(slug) if slug else None
            if entry["asker"] not in people or (slug and article is None):
                continue
            at = now - timedelta(days=entry["days_ago"], hours=entry["days_ago"] % 7)
            db.session.add(
                AskedQuestion(
                    user_id=people[entry["asker"]].id,
                    question=question,
                    understood_as=question,
                    topic=topic_of(question),
                    answered=article is not None,
                    confidence=85 if article else 30,
                    article_id=article.id if article else None,
                    ranked=f"article:{article.id}" if article else "",
                    helpful=helpful,
                    feedback_at=at + timedelta(minutes=2) if helpful is not None else None,
                    asked_at=at,
                )
            )
            asked += 1
    db.session.flush()
    progress(f"ask staffroom: {added} vocabulary entries, {asked} sample questions")
    return added


def _seed_general_enquiry(entry: dict, now) -> None:
    """The service Ask Staffroom offers when it has no answer, unless it (or its team) is missing."""
    team = db.session.scalar(select(Team).where(Team.name == entry["team"]))
    missing = db.session.scalar(select(Service.id).where(Service.slug == slugify(entry["name"]))) is None
    if team is None or not missing:
        return
    category = db.session.scalar(select(ServiceCategory).where(ServiceCategory.name == entry["category"]))
    service = Service(
        name=entry["name"],
        slug=slugify(entry["name"]),
        summary=entry["summary"],
        description=entry["description"].strip(),
        keywords=entry["keywords"],
        category=category or ServiceCategory(name=entry["category"], slug=slugify(entry["category"])),
        team=team,
        resolution_days=entry["resolution_days"],
        first_response_hours=entry["first_response_hours"],
        audience=Audience.EVERYONE,
        active=True,
        created_at=now - timedelta(days=400),
        updated_at=now - timedelta(days=400),
    )
    service.fields.extend(form_fields(entry["questions"]))
    db.session.add(service)
