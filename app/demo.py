"""Demo data: the teams and people of every role. Later features add their own content here."""
from sqlalchemy import select

from app.auth import passwords
from app.extensions import db
from app.models import Team, User

DEMO_PASSWORD = "staffroom-demo"

BUSINESS_SUPPORT_TEAMS = [
    "Executive Support", "Recruitment", "Children's Services Support", "Customer Hub", "Finance Support",
]
DEPARTMENTS = ["Planning", "Highways", "Adult Social Care", "Housing", "Legal Services", "Environmental Health"]

# (email, name, team, roles): the five accounts in README first, then colleagues.
DEMO_PEOPLE = [
    ("admin@staffroom.test", "Alex Morgan", "Executive Support", ["admin"]),
    ("manager@staffroom.test", "Priya Shah", "Executive Support", ["manager"]),
    ("agent@staffroom.test", "Tom Okafor", "Executive Support", ["agent"]),
    ("ea@staffroom.test", "Grace Holloway", "Executive Support", ["editor"]),
    ("staff@staffroom.test", "Sam Patel", "Planning", []),
    ("recruitment.lead@staffroom.test", "Hannah Lewis", "Recruitment", ["manager"]),
    ("recruitment.officer@staffroom.test", "Daniel Reid", "Recruitment", ["agent"]),
    ("childrens.officer@staffroom.test", "Aisha Begum", "Children's Services Support", ["agent"]),
    ("childrens.lead@staffroom.test", "Mark Jennings", "Children's Services Support", ["manager"]),
    ("hub.officer@staffroom.test", "Chloe Evans", "Customer Hub", ["agent"]),
    ("finance.officer@staffroom.test", "Oliver Grant", "Finance Support", ["agent"]),
    ("pa.director@staffroom.test", "Fiona Walsh", "Executive Support", ["editor"]),
    ("pa.leader@staffroom.test", "Ruth Adeyemi", "Executive Support", ["editor", "agent"]),
    ("highways@staffroom.test", "Gareth Price", "Highways", []),
    ("housing@staffroom.test", "Mei Lin", "Housing", []),
    ("asc@staffroom.test", "Joanne Carter", "Adult Social Care", []),
]


def is_empty() -> bool:
    return db.session.scalar(select(User.id).limit(1)) is None


def seed(progress=print) -> dict:
    """Create whatever demo data is missing; running it again changes nothing."""
    created = {"teams": 0, "people": 0}
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    for name in BUSINESS_SUPPORT_TEAMS + DEPARTMENTS:
        if name not in teams:
            teams[name] = Team(name=name, is_business_support=name in BUSINESS_SUPPORT_TEAMS)
            db.session.add(teams[name])
            created["teams"] += 1
    progress(f"teams: {created['teams']} created, {len(teams)} in all")

    existing = set(db.session.scalars(select(User.email)))
    # One hash for every demo account: hashing is deliberately slow.
    password_hash = passwords.hash_password(DEMO_PASSWORD) if len(existing) < len(DEMO_PEOPLE) else None
    for email, name, team, roles in DEMO_PEOPLE:
        if email in existing:
            continue
        person = User(email=email, name=name, team=teams[team], active=True, password_hash=password_hash)
        person.set_roles(roles)
        db.session.add(person)
        created["people"] += 1
    db.session.flush()
    progress(f"people: {created['people']} created, {len(existing) + created['people']} in all")
    created["articles"] = seed_knowledge(progress)
    created["searches"] = seed_search_log(progress)
    created["ideas"] = seed_ideas(progress)
    return created


CATEGORIES = [
    ("Diary management", "Keeping directors' and managers' diaries, leave cover and recurring meetings."),
    ("Meetings and committees", "Rooms, agendas, papers and minutes, from team meetings to Cabinet."),
    ("Travel and expenses", "Mileage, rail, hire cars, hotels and claiming expenses."),
    ("Recruitment", "Interview panels, shortlisting, invitations and vetting."),
    ("Finance and purchasing", "Purchase orders, invoices, P-cards and petty cash."),
    ("Systems how-to", "The council's systems: diaries, shared mailboxes, Teams and records."),
    ("Onboarding", "Welcoming new starters: equipment, access, inductions and checklists."),
]


def _add_tags(names, tags: dict) -> None:
    """Make Tag rows for names not yet in `tags` (name -> Tag), adding them to it."""
    from app.markup import slugify
    from app.models import Tag

    for name in names:
        if name not in tags:
            tags[name] = Tag(name=name, slug=slugify(name, max_length=40))
            db.session.add(tags[name])


def seed_knowledge(progress=print) -> int:
    """Categories and the demo articles (with history, feedback, questions); skips what exists."""
    from datetime import timedelta

    from app import clock
    from app.demo_articles import ARTICLES
    from app.markup import slugify
    from app.models import (
        Article, ArticleFeedback, ArticleQuestion, ArticleRevision, Category, Tag,
    )

    categories = {c.name: c for c in db.session.scalars(select(Category))}
    for position, (name, description) in enumerate(CATEGORIES, start=1):
        if name not in categories:
            categories[name] = Category(name=name, slug=slugify(name), description=description, position=position)
            db.session.add(categories[name])
    db.session.flush()

    people = {user.email: user for user in db.session.scalars(select(User))}
    readers = [user for user in people.values() if user.active]
    tags = {tag.name: tag for tag in db.session.scalars(select(Tag))}
    existing = set(db.session.scalars(select(Article.title)))
    now = clock.now()
    created = 0
    for number, entry in enumerate(ARTICLES):
        if entry["title"] in existing:
            continue
        _add_tags(entry["tags"], tags)
        versions = [*entry["history"], {"body": entry["body"], "note": entry["change_note"], "author": entry["owner"]}]
        started = now - timedelta(days=60 + 25 * len(versions) + number * 11)
        reviewed = now - timedelta(days=30 * entry["months_since_review"])
        article = Article(
            slug=slugify(entry["title"]), title=entry["title"], summary=entry["summary"], body=entry["body"],
            category=categories[entry["category"]], owner=people[entry["owner"]], status="published",
            revision_number=len(versions), published_at=started, created_at=started,
            updated_at=started + timedelta(days=25 * (len(versions) - 1)),
            updated_by_id=people[versions[-1]["author"]].id,
            last_reviewed_at=reviewed, last_reviewed_by_id=people[entry["owner"]].id,
            review_by=(reviewed + timedelta(days=365)).date(),
            tags=[tags[name] for name in entry["tags"]], view_count=17 * (len(ARTICLES) - number) % 230 + 12,
        )
        db.session.add(article)
        db.session.flush()
        for index, version in enumerate(versions, start=1):
            db.session.add(ArticleRevision(
                article_id=article.id, number=index, title=entry["title"], summary=entry["summary"],
                body=version["body"], tags=", ".join(entry["tags"]), author_id=people[version["author"]].id,
                created_at=started + timedelta(days=25 * (index - 1)), change_note=version["note"],
            ))
        votes = [True] * entry["helpful"] + [False] * entry["not_helpful"]
        for offset, helpful in enumerate(votes):
            reader = readers[(number + offset) % len(readers)]
            db.session.add(ArticleFeedback(
                article_id=article.id, user_id=reader.id, helpful=helpful,
                comment="" if helpful else "It does not cover what to do when the usual contact is away.",
                created_at=now - timedelta(days=offset + 1), updated_at=now - timedelta(days=offset + 1),
            ))
        if number % 6 == 0:
            db.session.add(ArticleQuestion(
                article_id=article.id, author_id=people["staff@staffroom.test"].id,
                body="Does this still apply when the request comes from a councillor rather than an officer?",
                created_at=now - timedelta(days=3 + number),
            ))
        created += 1
    db.session.flush()
    progress(f"knowledge: {len(CATEGORIES)} categories, {created} articles created")
    return created


# Searches people made that found nothing: the knowledge gaps editors and the dashboard show.
UNANSWERED_SEARCHES = [
    ("parking permit for visitors", 9), ("maternity leave cover", 6), ("visitor wifi", 5),
    ("franking machine", 4), ("lone working policy", 3), ("dbs renewal", 2), ("webcasting consent", 2),
]


def seed_search_log(progress=print) -> int:
    from datetime import timedelta

    from app import clock
    from app.models import SearchLog

    if db.session.scalar(select(SearchLog.id).limit(1)) is not None:
        return 0
    now, added = clock.now(), 0
    for text, times in UNANSWERED_SEARCHES:
        for repeat in range(times):
            db.session.add(SearchLog(query=text, results=0, searched_at=now - timedelta(days=3 + repeat * 7 + added % 5)))
            added += 1
    progress(f"search log: {added} searches with no results")
    return added


def seed_ideas(progress=print) -> int:
    """The demo ideas: every status and area, with votes, comments, histories and benefits."""
    from datetime import timedelta

    from app import clock
    from app.demo_ideas import IDEAS
    from app.models import (
        Idea, IdeaBenefit, IdeaComment, IdeaFollow, IdeaStatusChange, IdeaVote, Tag,
    )

    existing = set(db.session.scalars(select(Idea.title)))
    people = {user.email: user for user in db.session.scalars(select(User))}
    voters = sorted(people.values(), key=lambda user: user.id)
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    tags = {tag.name: tag for tag in db.session.scalars(select(Tag))}
    now, created, by_title = clock.now(), 0, {}
    for number, entry in enumerate(IDEAS):
        if entry["title"] in existing:
            continue
        _add_tags(entry["tags"], tags)
        posted = now - timedelta(days=entry["posted_days_ago"])
        author = people[entry["author"]]
        idea = Idea(
            title=entry["title"], description=entry["description"], area_team=teams.get(entry["area"]),
            author_id=author.id, anonymous=entry["anonymous"],
            expected_hours_per_month=entry["expected_hours_per_month"],
            expected_pounds_per_year=entry["expected_pounds_per_year"], expected_quality=entry["expected_quality"],
            status=entry["status"], status_reason=entry["reason"], created_at=posted, updated_at=posted,
            tags=[tags[name] for name in entry["tags"]],
        )
        db.session.add(idea)
        db.session.flush()
        by_title[idea.title] = idea
        previous = "new"
        for change in entry["history"]:
            at = now - timedelta(days=change["days_ago"])
            db.session.add(IdeaStatusChange(idea_id=idea.id, actor_id=people[change["by"]].id, from_status=previous,
                                            to_status=change["to"], note=change["note"], created_at=at))
            previous, idea.updated_at = change["to"], at
        chosen = [author] + [v for v in voters[(number * 3) % len(voters):] + voters if v.id != author.id]
        # A merged duplicate's votes went to the idea it duplicates.
        wanted = 0 if entry["status"] == "duplicate" else entry["voters"] + 1
        for offset, voter in enumerate(dict.fromkeys(chosen[:wanted])):
            db.session.add(IdeaVote(idea_id=idea.id, user_id=voter.id,
                                    created_at=max(posted, now - timedelta(days=(offset * 5 + number) % 60))))
            db.session.add(IdeaFollow(idea_id=idea.id, user_id=voter.id, following=True))
        for item in entry["comments"]:
            comment = IdeaComment(idea_id=idea.id, author_id=people[item["author"]].id, body=item["body"],
                                  created_at=now - timedelta(days=item["days_ago"]))
            db.session.add(comment)
            db.session.flush()
            for reply in item.get("replies", []):
                db.session.add(IdeaComment(idea_id=idea.id, parent_id=comment.id, author_id=people[reply["author"]].id,
                                           body=reply["body"], created_at=now - timedelta(days=reply["days_ago"])))
        if entry.get("benefit"):
            benefit = entry["benefit"]
            db.session.add(IdeaBenefit(
                idea_id=idea.id, hours_per_month=benefit["hours_per_month"], pounds_per_year=benefit["pounds_per_year"],
                description=benefit["description"], realised_on=(now - timedelta(days=benefit["realised_days_ago"])).date(),
                recorded_by_id=people["manager@staffroom.test"].id, recorded_at=now - timedelta(days=benefit["realised_days_ago"]),
            ))
        created += 1
    for entry in IDEAS:
        if entry["status"] == "duplicate" and entry["title"] in by_title:
            target = by_title.get(entry["duplicate_of"]) or db.session.scalar(
                select(Idea).where(Idea.title == entry["duplicate_of"]))
            by_title[entry["title"]].duplicate_of_id = target.id if target else None
    db.session.flush()
    progress(f"ideas: {created} created")
    return created
