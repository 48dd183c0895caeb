"""Demo data for Ask Staffroom: the council's vocabulary, the general enquiry service a question
nobody could answer goes to, and a few weeks of questions (answered, declined, rated) so the
dashboard and the content-gap list have something to show."""
from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.markup import slugify

# (term, meaning): abbreviations and other ways of saying things, as editors would keep them.
SYNONYMS = [
    ("PO", "purchase order"),
    ("A/L", "annual leave"),
    ("holiday", "annual leave"),
    ("DBS", "criminal record check"),
    ("CX", "customer experience"),
    ("FOI", "freedom of information"),
    ("SAR", "subject access request"),
    ("BSL", "British Sign Language"),
    ("P-card", "procurement card"),
    ("CLT", "Corporate Leadership Team"),
    ("OOO", "out of office"),
    ("ICPC", "initial child protection conference"),
    ("T&S", "travel and subsistence"),
]

GENERAL_ENQUIRY = {
    "name": "General enquiry",
    "category": "General enquiries",
    "team": "Customer Hub",
    "summary": "Not sure which service you need, or Staffroom had no answer? Ask us and we will find the "
               "right person.",
    "description": """For anything Business Support can help with that no other service covers, or when you are not sure where to start.

## What happens next

- The Customer Hub reads every enquiry within one working day.
- If another team should deal with it, we pass it on and tell you who has it.
- If the answer is something others will need too, we ask the community of practice to write it up on Staffroom.
""",
    "keywords": "enquiry general other unsure",
    "resolution_days": 5,
    "first_response_hours": 8,
    "questions": [
        {"kind": "select", "label": "What is it about?",
         "options": ["Meetings and minutes", "Diaries and executive support", "Recruitment", "Rooms and venues",
                     "Post, print and language", "Finance and purchasing", "Travel", "Something else"]},
        {"kind": "radios", "label": "How soon do you need an answer?",
         "options": ["Today", "This week", "No rush"]},
        {"kind": "file", "label": "A document that would help us", "required": False,
         "hint": "For example the email or letter you are asking about"},
    ],
}

# (days ago, asker's email, question, answering article's slug or None, helpful: True/False/None)
QUESTIONS = [
    (2, "staff@staffroom.test", "How do I claim mileage for a site visit?", "claiming-mileage-for-a-site-visit", True),
    (3, "housing@staffroom.test", "What is the maximum hotel rate in London?",
     "booking-hotel-accommodation-for-overnight-stays", True),
    (4, "highways@staffroom.test", "How do I get a staff parking permit?", None, None),
    (5, "asc@staffroom.test", "How many quotes do I need for £10,000?", "getting-quotes-before-you-buy", True),
    (6, "legal@staffroom.test", "How do I apply for maternity leave?", None, None),
    (8, "staff@staffroom.test", "How do I raise a PO?", "raising-a-purchase-order", True),
    (9, "env.health@staffroom.test", "What is the wifi password for visitors?", None, None),
    (11, "housing@staffroom.test", "Can I claim alcohol with an evening meal?", "expenses-claims-for-subsistence", True),
    (12, "highways@staffroom.test", "How do I get a staff parking permit?", None, None),
    (14, "social.worker@staffroom.test", "How long do we keep signed minutes?",
     "archiving-and-retention-of-committee-papers", False),
    (15, "staff@staffroom.test", "I've lost my ID badge", "getting-an-id-badge-and-building-access", True),
    (17, "asc@staffroom.test", "How do I apply for maternity leave?", None, None),
    (19, "legal@staffroom.test", "What's the deadline for an FOI request?",
     "handling-freedom-of-information-requests-for-a-director", True),
    (21, "cp.chair@staffroom.test", "How do I book a BSL interpreter?", "booking-interpreters", None),
    (23, "env.health@staffroom.test", "Where is the lone working policy?", None, None),
    (26, "housing@staffroom.test", "How do I reconcile my P-card statement?", "using-procurement-cards-p-cards", False),
    (29, "staff@staffroom.test", "How do I get a staff parking permit?", None, None),
    (33, "highways@staffroom.test", "When should I use a hire car?", "booking-a-hire-car-for-council-business", True),
]


def seed(progress=print) -> int:
    """The vocabulary, the general enquiry service and the sample questions; skips what exists."""
    from app.models import AskedQuestion, Article, Service, ServiceCategory, ServiceField, Synonym, Team, User
    from app.assistant.services import topic_of
    from app.search import vocabulary

    now = clock.now()
    existing = set(db.session.scalars(select(Synonym.key)))
    added = 0
    for term, meaning in SYNONYMS:
        if vocabulary.fold(term) not in existing:
            db.session.add(Synonym(term=term, key=vocabulary.fold(term), meaning=meaning,
                                   created_at=now, updated_at=now))
            added += 1

    entry = GENERAL_ENQUIRY
    team = db.session.scalar(select(Team).where(Team.name == entry["team"]))
    missing = db.session.scalar(select(Service.id).where(Service.slug == slugify(entry["name"]))) is None
    if team is not None and missing:
        category = db.session.scalar(select(ServiceCategory).where(ServiceCategory.name == entry["category"]))
        service = Service(
            name=entry["name"], slug=slugify(entry["name"]), summary=entry["summary"],
            description=entry["description"].strip(), keywords=entry["keywords"],
            category=category or ServiceCategory(name=entry["category"], slug=slugify(entry["category"])),
            team=team, resolution_days=entry["resolution_days"], first_response_hours=entry["first_response_hours"],
            audience="everyone", active=True, created_at=now - timedelta(days=400),
            updated_at=now - timedelta(days=400),
        )
        for position, question in enumerate(entry["questions"], start=1):
            service.fields.append(ServiceField(
                position=position, kind=question["kind"], label=question["label"], hint=question.get("hint", ""),
                required=question.get("required", True), options="\n".join(question.get("options", []))))
        db.session.add(service)

    asked = 0
    if db.session.scalar(select(AskedQuestion.id).limit(1)) is None:
        people = {user.email: user for user in db.session.scalars(select(User))}
        articles = {article.slug: article for article in db.session.scalars(select(Article))}
        for days, email, question, slug, helpful in QUESTIONS:
            article = articles.get(slug) if slug else None
            if email not in people or (slug and article is None):
                continue
            at = now - timedelta(days=days, hours=days % 7)
            db.session.add(AskedQuestion(
                user_id=people[email].id, question=question, understood_as=question, topic=topic_of(question),
                answered=article is not None, confidence=85 if article else 30,
                article_id=article.id if article else None, ranked=f"article:{article.id}" if article else "",
                helpful=helpful, feedback_at=at + timedelta(minutes=2) if helpful is not None else None, asked_at=at))
            asked += 1
    db.session.flush()
    progress(f"ask staffroom: {added} vocabulary entries, {asked} sample questions")
    return added
