"""Demo data: the teams and people of every role. Later features add their own content here."""
import math
import random
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from string import Formatter
from types import SimpleNamespace

from sqlalchemy import insert, select

from app.auth import passwords
from app.extensions import db
from app.models import Team, User

DEMO_PASSWORD = "staffroom-demo"

BUSINESS_SUPPORT_TEAMS = [
    "Executive Support", "Recruitment", "Children's Services Support", "Customer Hub", "Finance Support",
]
DEPARTMENTS = [
    "Planning", "Highways", "Adult Social Care", "Children's Services", "Housing", "Legal Services",
    "Environmental Health",
]

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
    ("social.worker@staffroom.test", "Nadia Hussain", "Children's Services", []),
    ("cp.chair@staffroom.test", "Steven Doyle", "Children's Services", []),
    ("legal@staffroom.test", "Rebecca Stone", "Legal Services", []),
    ("env.health@staffroom.test", "Kwame Mensah", "Environmental Health", []),
]


def is_empty() -> bool:
    return db.session.scalar(select(User.id).limit(1)) is None


def seed(progress=print, *, request_history: bool = True) -> dict:
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
    created["services"] = seed_services(progress, request_history=request_history)
    created["canned_replies"] = seed_canned_replies(progress)
    from app.assistant import demo as assistant_demo

    created["vocabulary"] = assistant_demo.seed(progress)
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
        idea_voters = list(dict.fromkeys(chosen[:wanted]))
        for offset, voter in enumerate(idea_voters):
            db.session.add(IdeaVote(idea_id=idea.id, user_id=voter.id,
                                    created_at=max(posted, now - timedelta(days=(offset * 5 + number) % 60))))
            db.session.add(IdeaFollow(idea_id=idea.id, user_id=voter.id, following=True))
        idea.vote_count = len(idea_voters)  # the votes above, on an idea new in this transaction
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


# --- The service catalogue and its requests ---------------------------------------------------

REQUEST_SEED = 2718  # the same requests every time (relative to the day the demo is seeded)
REQUEST_MONTHS = 18
RETIRED_MONTHS_AGO = 12  # when the retired service stopped taking requests
# Mondays and Tuesdays are busiest; a few requests arrive at weekends and on bank holidays.
WEEKDAY_FACTORS = [1.3, 1.25, 1.0, 0.95, 0.6, 0.05, 0.04]
BANK_HOLIDAY_FACTOR = 0.05
# Hour of the day (UK time) a request is sent: office hours, a few early or in the evening.
HOUR_WEIGHTS = {7: 2, 8: 7, 9: 14, 10: 15, 11: 13, 12: 8, 13: 9, 14: 12, 15: 10, 16: 7, 17: 3, 18: 1.5, 19: 1,
                20: 0.8, 21: 0.4}
AUTO_CLOSE_DAYS = 5  # resolved requests close themselves after this many working days
# (status, weight) by the request's age in days: old requests are finished, new ones in hand.
STATUS_BY_AGE = [
    (21, [("closed", 86), ("resolved", 9), ("cancelled", 5)]),
    (7, [("resolved", 45), ("closed", 30), ("in_progress", 10), ("waiting", 7), ("submitted", 4), ("cancelled", 4)]),
    (2, [("submitted", 20), ("in_progress", 36), ("waiting", 14), ("resolved", 27), ("cancelled", 3)]),
    (-1, [("submitted", 62), ("in_progress", 28), ("waiting", 4), ("resolved", 6)]),
]
ON_BEHALF_SHARE = 0.05
HIGH_PRIORITY_SHARE = 0.05  # raised to high by the team soon after arriving
OPEN_HIGH_PRIORITY_SHARE = 0.08  # and the queue always has a few more urgent ones
OVERDUE_KEPT_SHARE = 0.35  # open requests past their due date that are still open (the rest got done)
# How requests are worked (app.service_requests.workflow's rules, played out over time).
ASSIGNED_SHARE = 0.95  # worked requests someone takes (the rest are worked from the team's queue)
TRIAGED_SHARE = 0.3  # requests not yet started that someone has already taken
SELF_ASSIGNED_SHARE = 0.6  # taken by the agent themselves rather than given out by a manager
REASSIGNED_SHARE = 0.04
REPLY_FIRST_SHARE = 0.55  # first responses that are a reply (the rest: moved to "in progress")
WAITING_SHARE = 0.2  # worked requests that wait for the requester on the way
NOTE_SHARE = 0.12  # requests with an internal note
REOPENED_SHARE = 0.03
RATED_SHARE = 0.35  # resolved requests whose requester rated the service
CHASED_SHARE = 0.5  # overdue open requests whose requester asks for news
CANCELLED_AFTER_WORK_SHARE = 0.4  # cancelled requests someone had already taken
CLOSE_RESOLVED_AT = time(1, 30)  # the nightly `flask requests close-resolved` (UK time)
# What request handling records (assignee, first response, resolution, rating): filled in where the
# table has these columns, so the seed also runs against a schema from before they were added.
HANDLING_COLUMNS = (
    "assignee_id", "first_response_due_at", "first_response_at", "first_response_minutes", "paused_since",
    "resolved_at", "resolution_minutes", "resolved_within_sla", "closed_at", "cancelled_at", "rating",
    "rating_comment", "rated_at",
)


def seed_services(progress=print, *, request_history: bool = True) -> int:
    """The demo service catalogue and 18 months of requests through it, with seasonal peaks, each
    with its timeline: assignment, replies, waits, resolution, closing, rating (leave the requests
    out with request_history=False: browser tests need the catalogue, not 3,000 requests). Skipped
    altogether once any service exists."""
    from app import clock
    from app.demo_services import SERVICE_CATEGORIES, SERVICES
    from app.markup import slugify
    from app.models import RequestAnswer, RequestEvent, Service, ServiceCategory, ServiceField, ServiceRequest

    if db.session.scalar(select(Service.id).limit(1)) is not None:
        progress("services: the catalogue is there already; nothing added")
        return 0
    now = clock.now()
    categories = {c.name: c for c in db.session.scalars(select(ServiceCategory))}
    for name in SERVICE_CATEGORIES:
        if name not in categories:
            categories[name] = ServiceCategory(name=name, slug=slugify(name, max_length=90))
            db.session.add(categories[name])
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    services = []
    for entry in SERVICES:
        active = entry.get("active", True)
        created = now - timedelta(days=(1100 if not active else 30 * REQUEST_MONTHS + 40))
        service = Service(
            name=entry["name"], slug=slugify(entry["name"], max_length=120), summary=entry["summary"],
            description=entry["description"].strip(), keywords=entry["keywords"],
            category=categories[entry["category"]], team=teams[entry["team"]], resolution_days=entry["resolution_days"],
            first_response_hours=entry["first_response_hours"], audience=entry["audience"],
            requesting_teams=[teams[name] for name in entry.get("requesting_teams", [])], active=active,
            created_at=created, updated_at=now - timedelta(days=30 * RETIRED_MONTHS_AGO) if not active else created,
        )
        for position, question in enumerate(entry["form"], start=1):
            service.fields.append(ServiceField(
                position=position, kind=question["kind"], label=question["label"], hint=question.get("hint", ""),
                required=question.get("required", True), options="\n".join(question.get("options", [])),
                min_value=Decimal(str(question["min"])) if "min" in question else None,
                max_value=Decimal(str(question["max"])) if "max" in question else None,
                not_in_past=question.get("not_in_past", False),
            ))
        db.session.add(service)
        services.append((service, entry))
    db.session.flush()
    for service, entry in services:
        by_key = {question["key"]: field for question, field in zip(entry["form"], service.fields)}
        for question, field in zip(entry["form"], service.fields):
            if "show_if" in question:
                key, value = question["show_if"]
                if value not in by_key[key].choices:
                    raise ValueError(f"{service.name}: {value!r} is not an answer to {key!r}")
                field.show_if_field_id, field.show_if_value = by_key[key].id, value
    db.session.flush()
    progress(f"services: {len(services)} in {len(SERVICE_CATEGORIES)} categories, "
             f"{sum(1 for s, _ in services if not s.active)} retired")
    if not request_history:
        return len(services)

    made = _DemoRequests(random.Random(REQUEST_SEED), now).make(services)
    # Thousands of rows: plain multi-row inserts, without an ORM object (or RETURNING) for each.
    columns = set(ServiceRequest.__table__.c.keys())
    db.session.execute(insert(ServiceRequest.__table__),
                       [{key: value for key, value in row.items() if key in columns} for row, _, _ in made])
    ids = dict(db.session.execute(select(ServiceRequest.submission_key, ServiceRequest.id)
                                  .where(ServiceRequest.service_id.in_([service.id for service, _ in services]))).all())
    db.session.execute(insert(RequestAnswer.__table__), [
        {**answer, "request_id": ids[row["submission_key"]]} for row, answers, _ in made for answer in answers])
    events = [{**event, "request_id": ids[row["submission_key"]]} for row, _, timeline in made for event in timeline]
    db.session.execute(insert(RequestEvent.__table__), events)
    progress(f"service requests: {len(made)} over the last {REQUEST_MONTHS} months, {len(events)} timeline events")
    return len(services)


def seed_canned_replies(progress=print) -> int:
    """Each Business Support team's ready-made replies, for teams that have none yet."""
    from app import clock
    from app.demo_services import CANNED_REPLIES
    from app.models import CannedReply

    teams = {team.name: team for team in db.session.scalars(select(Team))}
    having = set(db.session.scalars(select(CannedReply.team_id).distinct()))
    now, created = clock.now(), 0
    for name, replies in CANNED_REPLIES.items():
        team = teams.get(name)
        if team is None or team.id in having:
            continue
        for title, body in replies:
            db.session.add(CannedReply(team_id=team.id, title=title, body=body, updated_at=now - timedelta(days=90)))
            created += 1
    db.session.flush()
    progress(f"canned replies: {created} created")
    return created


class _DemoRequests:
    """Makes up requests for the demo services: how many each day (by season, weekday and
    trend), who asked, their answers, and how far each has got."""

    def __init__(self, rng, now):
        from app.demo_services import FIRST_NAMES, LAST_NAMES
        from app.clock import UK
        from app.working_time import calendar

        self.rng, self.now, self.london, self.work = rng, now, UK, calendar()
        # What happens to each request comes from a second generator: the requests themselves
        # (who asked, for what, with which answers) stay the same whatever their histories do.
        self.story = random.Random(f"{REQUEST_SEED} histories")
        self.first_names, self.last_names = FIRST_NAMES, LAST_NAMES
        # Plain records rather than ORM objects: read many thousands of times.
        self.people = [
            SimpleNamespace(id=user.id, name=user.name, first_name=user.name.split()[0], email=user.email,
                            team_id=user.team_id, team_name=user.team.name if user.team else "our team",
                            business_support=bool(user.team and user.team.is_business_support),
                            agent=user.has_role("agent"), manager=user.has_role("manager"),
                            admin=user.has_role("admin"))
            for user in sorted(db.session.scalars(select(User).where(User.active.is_(True))), key=lambda u: u.email)
        ]
        self.agents = [person for person in self.people if person.agent]
        # Who works each Business Support team's requests: its agents and managers.
        self.workers = {}
        for person in self.people:
            if person.business_support:
                self.workers.setdefault(person.team_id, []).append(person)
        for team_id, members in self.workers.items():
            self.workers[team_id] = [p for p in members if p.agent or p.manager] or members
        self.requesters = {}  # service id -> (people who may ask for it, weights)

    def make(self, services) -> list:
        from app.working_time import bank_holidays

        holidays = bank_holidays()
        today = self.now.astimezone(self.london).date()
        first = today - timedelta(days=round(REQUEST_MONTHS * 30.44))
        retired_on = today - timedelta(days=round(RETIRED_MONTHS_AGO * 30.44))
        total_days = (today - first).days
        arrivals = []  # (submitted_at, service, entry)
        for offset in range(total_days + 1):
            day = first + timedelta(days=offset)
            factor = BANK_HOLIDAY_FACTOR if day in holidays else WEEKDAY_FACTORS[day.weekday()]
            trend = 0.85 + 0.25 * offset / total_days  # more teams use the catalogue as time goes on
            for service, entry in services:
                if not service.active and day >= retired_on:
                    continue
                rate = entry["per_month"] / 21 * entry["season"][day.month - 1] * factor * trend
                christmas = (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3)
                if christmas and entry.get("quiet_christmas"):
                    rate *= 0.2
                if not service.active:  # fading out as people switched to dictation in Word
                    rate *= (retired_on - day).days / (retired_on - first).days + 0.2
                for _ in range(self._poisson(rate)):
                    moment = self._moment(day, weekend=factor < 0.5)
                    if moment <= self.now:
                        arrivals.append((moment, service, entry))
        arrivals.sort(key=lambda arrival: (arrival[0], arrival[1].id))
        return [self._request(number, *arrival) for number, arrival in enumerate(arrivals, start=1)]

    def _poisson(self, rate: float) -> int:
        limit, count, product = math.exp(-rate), 0, self.rng.random()
        while product > limit:
            count += 1
            product *= self.rng.random()
        return count

    def _moment(self, day, *, weekend: bool):
        if weekend:
            hour = self.rng.randint(9, 20)
        else:
            hour = self.rng.choices(list(HOUR_WEIGHTS), weights=list(HOUR_WEIGHTS.values()))[0]
        local = datetime.combine(day, time(hour, self.rng.randint(0, 59), self.rng.randint(0, 59)), self.london)
        return local.astimezone(timezone.utc)

    # --- One request ----------------------------------------------------------------------

    def _request(self, number: int, submitted_at, service, entry) -> tuple[dict, list[dict], list[dict]]:
        """The request's row, its answers' rows and its timeline's rows (without the request's id)."""
        rng = self.rng
        requester = self._requester(service)
        submitted_by = requester
        if rng.random() < ON_BEHALF_SHARE:
            keyers = [a for a in self.agents if a.id != requester.id and a.team_id == service.team_id] or \
                     [a for a in self.agents if a.id != requester.id]
            submitted_by = rng.choice(keyers)
        values = self._context(requester, submitted_at)
        answers = [{"field_id": field.id, "position": position, "label": field.label, "kind": field.kind,
                    "value": value}
                   for position, (field, value) in enumerate(self._answers(entry, service, values), start=1)]
        subject = self._fill(entry["subjects"], values) or service.name
        description = self._fill(entry["descriptions"], values)
        if rng.random() < 0.4:
            description += f"\n\nThanks, {requester.first_name}"
        clock_started = self.work.clock_start(submitted_at)
        due = self.work.due_at(submitted_at, service.resolution_days)
        high = rng.random() < HIGH_PRIORITY_SHARE
        row = {
            "service_id": service.id, "team_id": service.team_id, "requester_id": requester.id,
            "submitted_by_id": submitted_by.id, "subject": subject[:150], "description": description,
            "priority": "normal", "submitted_at": submitted_at, "clock_started_at": clock_started, "due_at": due,
            "submission_key": f"demo-{number}", "version": 1,
        }
        timeline = _Timeline(self.work, row, self.now, self.story)
        self._history(timeline, service, entry, values, requester, submitted_by, high)
        return row, answers, timeline.rows()

    def _requester(self, service):
        """Mostly staff in the council's departments; Business Support staff ask each other too (but
        not the team that works the service, nor administrators, who may work any request)."""
        if service.id not in self.requesters:
            allowed = self.people
            if service.audience == "teams":
                team_ids = {team.id for team in service.requesting_teams}
                allowed = [person for person in self.people if person.team_id in team_ids]
            allowed = [person for person in allowed if not person.admin and not (
                person.team_id == service.team_id and (person.agent or person.manager))] or allowed
            self.requesters[service.id] = allowed, [1 if person.business_support else 5 for person in allowed]
        allowed, weights = self.requesters[service.id]
        return self.rng.choices(allowed, weights=weights)[0]

    def _context(self, requester, submitted_at) -> dict:
        rng = self.rng
        colleague = rng.choice([person for person in self.people if person.id != requester.id])
        first, last = rng.choice(self.first_names), rng.choice(self.last_names)
        prefix = "".join(word[0] for word in requester.team_name.split())[:2]
        cost_centre = f"{prefix.upper()}{rng.randint(1000, 1999)}"
        return {
            "requester_name": requester.name, "requester_first": requester.first_name,
            "requester_email": requester.email, "requester_team": requester.team_name,
            "colleague_name": colleague.name, "colleague_email": colleague.email,
            "person_name": f"{first} {last}",
            "person_email": f"{first}.{last}".lower().replace("'", "") + f"{rng.randint(1, 99)}@example.com",
            "number": str(rng.randint(1000, 9999)), "number7": str(rng.randint(1_000_000, 9_999_999)),
            "cost_centre": cost_centre, "cost_code": f"{cost_centre} {rng.choice(['4102', '4410', '5120', '5230'])}",
            "_day": submitted_at.astimezone(self.london).date(),
        }

    def _answers(self, entry, service, values):
        """(field, answer) for each question answered, in form order. Questions come
        in two passes so one may depend on an earlier answer whatever their order."""
        answered = {}
        pairs = list(zip(entry["form"], service.fields))
        for depends in (False, True):
            for question, field in pairs:
                later = "show_if" in question or "samples_by" in question or "after" in question
                if later != depends:
                    continue
                if "show_if" in question:
                    key, wanted = question["show_if"]
                    if wanted not in (answered.get(key) or "").split("\n"):
                        continue
                value = self._answer(question, answered, values)
                if value is not None:
                    answered[question["key"]] = value
        for question, field in pairs:
            if question["key"] in answered:
                yield field, answered[question["key"]]

    def _answer(self, question, answered, values) -> str | None:
        rng, kind, key = self.rng, question["kind"], question["key"]
        if kind == "file" or (not question.get("required", True) and rng.random() >= question.get("answered", 0.6)):
            return None
        if kind in ("select", "radios"):
            value = rng.choices(question["options"], weights=question.get("weights"))[0]
        elif kind == "yesno":
            value = "Yes" if rng.random() < question.get("yes", 0.5) else "No"
        elif kind == "checkboxes":
            options, weights = list(question["options"]), list(question.get("weights", [1] * len(question["options"])))
            chosen = set()
            for _ in range(rng.randint(*question["pick"])):
                pick = rng.choices(range(len(options)), weights=weights)[0]
                chosen.add(options[pick])
                weights[pick] = 0
            value = "\n".join(option for option in options if option in chosen)
        elif kind == "number":
            if "samples" in question:
                number = Decimal(str(rng.choice(question["samples"])))
            else:
                low, high, step = (Decimal(str(limit)) for limit in question["range"])
                number = low + step * rng.randint(0, int((high - low) / step))
            value = f"{number.normalize():f}"
            values[f"{key}_nice"] = f"{number:,.0f}" if number == number.to_integral() else value
        elif kind == "date":
            if "after" in question:
                other, fewest, most = question["after"]
                day = date.fromisoformat(answered[other]) + timedelta(days=rng.randint(fewest, most))
            else:
                day = values["_day"] + timedelta(days=rng.randint(*question["days"]))
            if not question.get("any_day") and day.weekday() >= 5:
                day += timedelta(days=7 - day.weekday())
            value = day.isoformat()
            values[f"{key}_nice"] = f"{day.day} {day:%B}" if abs((day - values["_day"]).days) < 300 else \
                f"{day.day} {day:%B %Y}"
        else:
            samples = question.get("samples")
            if "samples_by" in question:
                other, by_answer = question["samples_by"]
                samples = by_answer[answered[other]]
            value = rng.choice(samples).format_map(values)
        values[key] = value
        values[f"{key}_lower"] = value[0].lower() + value[1:] if len(value) > 1 and not value[1].isupper() else value
        return value

    def _fill(self, templates, values) -> str:
        """One of the templates whose every placeholder has a value, filled in."""
        if isinstance(templates, dict):
            templates = templates.get(values.get(templates["by"]), templates.get("*", []))
        usable = [template for template in templates
                  if all(name in values for _, name, _, _ in Formatter().parse(template) if name)]
        return self.rng.choice(usable).format_map(values) if usable else ""

    # --- What happened to it ---------------------------------------------------------------

    def _say(self, service, kind: str, values: dict) -> str:
        from app.demo_services import GENERAL_HISTORY, REQUEST_HISTORIES

        own = REQUEST_HISTORIES.get(service.name, {}).get(kind)
        return self._fill_with(self.story, own, values) or self._fill_with(self.story, GENERAL_HISTORY[kind], values)

    @staticmethod
    def _fill_with(rng, templates, values) -> str:
        usable = [template for template in templates or ()
                  if all(name in values for _, name, _, _ in Formatter().parse(template) if name)]
        return rng.choice(usable).format_map(values) if usable else ""

    def _history(self, life, service, entry, values, requester, submitted_by, high) -> None:
        """Play the request's life through from arrival to now: its status as its age makes likely,
        reached the way the team works (see app.service_requests.workflow for the rules)."""
        from app.demo_services import GENERAL_HISTORY, RATING_COMMENTS
        from app.service_requests.workflow import RATING_LABELS

        rng, now, work = self.story, self.now, self.work
        row, submitted_at, clock_started = life.row, life.row["submitted_at"], life.row["clock_started_at"]
        age_days = (now - submitted_at).total_seconds() / 86400
        table = next(table for older_than, table in STATUS_BY_AGE if age_days > older_than)
        status = rng.choices([name for name, _ in table], weights=[weight for _, weight in table])[0]
        if status in ("submitted", "in_progress") and row["due_at"] < now and rng.random() >= OVERDUE_KEPT_SHARE:
            status = "resolved"  # only a few are left overdue
        if clock_started >= now and status != "cancelled":
            status = "submitted"  # arrived out of hours: nobody has seen it yet
        high = high or (status in ("submitted", "in_progress", "waiting") and rng.random() < OPEN_HIGH_PRIORITY_SHARE)
        if service.first_response_hours:
            row["first_response_due_at"] = work.add_working_minutes(clock_started, service.first_response_hours * 60)
        keyed = f"Keyed by {submitted_by.name} for {requester.name}" if submitted_by.id != requester.id else ""
        life.event("submitted", submitted_by, submitted_at, body=keyed)

        workers = [w for w in self.workers[service.team_id] if w.id != requester.id] or self.workers[service.team_id]
        managers = [w for w in workers if w.manager] or workers
        # Busy months run late, as do teams at their seasonal peaks; high priority goes first.
        pace = entry["season"][submitted_at.astimezone(self.london).month - 1] ** 0.7 * (0.6 if high else 1)
        say = lambda kind: self._say(service, kind, values)  # noqa: E731
        at = submitted_at
        if high:
            at = life.step(at, rng.triangular(2, 90, 10))
            life.event("priority", rng.choice(managers), at, public=False, from_value="normal", to_value="high")
            row["priority"] = "high"

        worked = status in ("in_progress", "waiting", "resolved", "closed") or (
            status == "cancelled" and rng.random() < CANCELLED_AFTER_WORK_SHARE)
        worker = rng.choice(workers)
        if (worked and rng.random() < ASSIGNED_SHARE) or (status == "submitted" and rng.random() < TRIAGED_SHARE):
            at = life.step(at, rng.triangular(2, 150, 15) * pace)
            others = [manager for manager in managers if manager is not worker]
            given_by = worker if not others or rng.random() < SELF_ASSIGNED_SHARE else rng.choice(others)
            life.assign(given_by, worker, at)
        values["agent_first"] = worker.first_name

        if worked:
            # The first response: a reply, or the move to "in progress", mostly within its target.
            target = (service.first_response_hours or 8) * 60
            first = work.add_working_minutes(clock_started, max(3, int(target * rng.triangular(0.03, 1.3, 0.2) * pace)))
            at = life.step(at, rng.triangular(1, 20, 3), not_before=first)
            if rng.random() < REPLY_FIRST_SHARE:
                life.reply(worker, at, say("first"))
                at = life.step(at, rng.triangular(1, 45, 3))
                life.status("in_progress", worker, at)
            else:
                life.status("in_progress", worker, at, body=say("first") if rng.random() < 0.5 else "")
            if row["assignee_id"] and len(workers) > 1 and rng.random() < REASSIGNED_SHARE:
                at = life.step(at, rng.triangular(10, 600, 60))
                worker = rng.choice([w for w in workers if w is not worker])
                life.assign(rng.choice(managers), worker, at)
                values["agent_first"] = worker.first_name
        if status == "cancelled":
            at = life.step(at, rng.triangular(5, 1500, 90))
            reason = rng.choice(GENERAL_HISTORY["cancel"]) if rng.random() < 0.6 else ""
            life.cancel(requester, at, reason)
        if status in ("submitted", "cancelled"):
            return self._chase(life, requester, worker, say)

        # The rest of the work, in working minutes: the resolution target is `resolution_days`
        # working days after the day the clock started (more for a request that waited).
        remaining = max(20.0, work.minutes_per_day * service.resolution_days * rng.triangular(0.05, 1.45, 0.35) * pace
                        - work.working_minutes_between(clock_started, at))
        if status == "waiting" or rng.random() < WAITING_SHARE:
            share = rng.uniform(0.1, 0.6)
            at = life.step(at, remaining * share)
            life.status("waiting", worker, at, body=say("question"))
            if status == "waiting":
                return self._note(life, worker, say)
            at = life.step(at, rng.triangular(10, 2400, 180))
            life.requester_reply(requester, at, say("answer"))
            remaining *= 1 - share
        if status == "in_progress":
            self._note(life, worker, say)
            return self._chase(life, requester, worker, say)

        at = life.step(at, remaining)
        life.status("resolved", worker, at, body=say("resolved"))
        if rng.random() < REOPENED_SHARE:
            reopened = work.add_working_minutes(at, int(rng.triangular(20, 1800, 240)))
            if reopened < min(now, work.due_at(at, AUTO_CLOSE_DAYS)):
                at = reopened
                life.reopen(requester, at, say("reopen"))
                if rng.random() < 0.6:
                    at = life.step(at, rng.triangular(5, 240, 30))
                    life.reply(worker, at, say("reopened_reply"))
                at = life.step(at, rng.triangular(30, 1200, 200))
                life.status("resolved", worker, at, body=say("resolved"))
        self._note(life, worker, say)
        resolved = row["resolved_at"]
        if rng.random() < RATED_SHARE:
            rated = work.add_working_minutes(resolved, int(rng.triangular(3, 2400, 60)))
            if rated <= now:
                late = not row["resolved_within_sla"]
                score = rng.choices([5, 4, 3, 2, 1], weights=[28, 30, 20, 13, 9] if late else [58, 30, 8, 3, 1])[0]
                chance = {5: 0.25, 4: 0.2, 3: 0.6, 2: 1, 1: 1}[score]
                comment = rng.choice(RATING_COMMENTS[score]) if rng.random() < chance else ""
                life.rate(requester, rated, score, comment, RATING_LABELS[score])
        # The nightly close-resolved job closes it once its reopening window has passed.
        until = work.due_at(resolved, AUTO_CLOSE_DAYS).astimezone(self.london)
        closes = datetime.combine(until.date() + timedelta(days=1), CLOSE_RESOLVED_AT, self.london) \
            + timedelta(seconds=rng.uniform(0, 90))
        if closes <= now:
            life.close(closes.astimezone(timezone.utc))

    def _note(self, life, worker, say) -> None:
        """Now and then, an internal note somewhere after the request was picked up (for one still
        open, perhaps after its last change)."""
        events = life.events
        if self.story.random() >= NOTE_SHARE or len(events) < 2:
            return
        start, end = events[1]["created_at"], events[-1]["created_at"]
        if life.row["status"] in ("submitted", "in_progress", "waiting"):
            end = max(end, min(self.now, end + timedelta(hours=4)))
        at = self.work.add_working_minutes(start, int(self.work.working_minutes_between(start, end)
                                                      * self.story.uniform(0.2, 0.9)))
        life.event("note", worker, min(at, end), public=False, body=say("note"))

    def _chase(self, life, requester, worker, say) -> None:
        """Open and overdue: the requester may ask for news, and the team may say sorry."""
        row, rng = life.row, self.story
        if row["status"] not in ("submitted", "in_progress") or row["due_at"] >= self.now or rng.random() >= CHASED_SHARE:
            return
        at = life.step(max(row["due_at"], life.events[-1]["created_at"]), rng.triangular(30, 1500, 200))
        life.reply(requester, at, say("chase"))
        if rng.random() < 0.5:
            life.reply(worker, life.step(at, rng.triangular(5, 480, 40)), say("sorry"))


class _Timeline:
    """One demo request's timeline, kept as app.service_requests.workflow keeps a real one: every
    change is an event, and the SLA clock (pauses, due date, first response, resolution) moves the
    same way. Times are worked out in working minutes and never pass `now`."""

    def __init__(self, work, row: dict, now, rng):
        self.work, self.row, self.now, self.rng, self.events = work, row, now, rng, []
        row.update(dict.fromkeys(HANDLING_COLUMNS), status="submitted", paused_minutes=0, rating_comment="",
                   updated_at=row["submitted_at"])

    def step(self, after, working_minutes: float, *, not_before=None):
        """A moment `working_minutes` of working time after `after` (and no sooner than
        `not_before`); squeezed in before now if that is still to come."""
        moment = self.work.add_working_minutes(after, max(1, int(working_minutes)))
        if not_before is not None and not_before > moment:
            moment = not_before
        if moment >= self.now:
            left = self.work.working_minutes_between(after, self.now)
            moment = self.work.add_working_minutes(after, max(1, int(left * self.rng.uniform(0.15, 0.5)))) if left > 4 \
                else after + (self.now - after) * self.rng.uniform(0.15, 0.5)
        return moment

    def rows(self) -> list[dict]:
        return sorted(self.events, key=lambda event: event["created_at"])

    def event(self, kind, actor, at, *, public=True, body="", from_value="", to_value="", touch=True) -> None:
        self.events.append({"kind": kind, "actor_id": actor.id if actor else None, "public": public, "body": body,
                            "from_value": from_value[:120], "to_value": to_value[:120], "created_at": at})
        if touch and at > self.row["updated_at"]:
            self.row["updated_at"] = at

    # The workflow's clock (workflow._pause, _resume, _first_response and _apply_status).
    def _pause(self, at) -> None:
        if self.row["paused_since"] is None:
            self.row["paused_since"] = at

    def _resume(self, at) -> None:
        row = self.row
        if row["paused_since"] is None:
            return
        paused = self.work.working_minutes_between(row["paused_since"], at)
        row["paused_minutes"] += paused
        if paused:
            row["due_at"] = self.work.add_working_minutes(row["due_at"], paused)
        row["paused_since"] = None

    def _first_response(self, at) -> None:
        if self.row["first_response_at"] is None:
            self.row["first_response_at"] = at
            self.row["first_response_minutes"] = self.work.working_minutes_between(self.row["clock_started_at"], at)

    def _apply_status(self, to_status, at) -> None:
        row, paused = self.row, ("waiting", "resolved")
        if row["status"] in paused and to_status not in (*paused, "closed", "cancelled"):
            self._resume(at)
        if to_status == "resolved":
            self._resume(at)
            row["resolved_at"] = at
            row["resolution_minutes"] = max(0, self.work.working_minutes_between(row["clock_started_at"], at)
                                            - row["paused_minutes"])
            row["resolved_within_sla"] = at <= row["due_at"]
        if row["status"] == "resolved" and to_status == "in_progress":
            row["resolved_at"] = row["resolution_minutes"] = row["resolved_within_sla"] = None
        if to_status in paused:
            self._pause(at)
        if to_status == "closed":
            row["closed_at"] = at
            row["paused_since"] = None
        if to_status == "cancelled":
            row["cancelled_at"] = at
            row["paused_since"] = None
        row["status"] = to_status

    # What people do (workflow.assign, change_status, add_message, cancel, reopen, rate, close_resolved).
    def assign(self, actor, assignee, at) -> None:
        before = next((e["to_value"] for e in reversed(self.events) if e["kind"] == "assigned"), "")
        self.row["assignee_id"] = assignee.id
        self.event("assigned", actor, at, from_value=before, to_value=assignee.name)

    def status(self, to_status, worker, at, *, body="") -> None:
        from_status = self.row["status"]
        self._apply_status(to_status, at)
        self._first_response(at)
        self.event("status", worker, at, body=body, from_value=from_status, to_value=to_status)

    def reply(self, actor, at, body) -> None:
        self.event("reply", actor, at, body=body)
        if actor.id != self.row["requester_id"]:
            self._first_response(at)

    def requester_reply(self, requester, at, body) -> None:
        """The answer the team was waiting for: the clock starts again."""
        self.event("reply", requester, at, body=body)
        self._apply_status("in_progress", at)
        self.event("status", requester, at, from_value="waiting", to_value="in_progress")

    def cancel(self, requester, at, reason) -> None:
        from_status = self.row["status"]
        self._apply_status("cancelled", at)
        self.event("cancelled", requester, at, body=reason, from_value=from_status, to_value="cancelled")

    def reopen(self, requester, at, reason) -> None:
        self._apply_status("in_progress", at)
        self.event("reopened", requester, at, body=reason, from_value="resolved", to_value="in_progress")

    def rate(self, requester, at, score, comment, label) -> None:
        self.row.update(rating=score, rating_comment=comment, rated_at=at)
        self.event("rated", requester, at, body=comment, to_value=f"{score} – {label}", touch=False)

    def close(self, at) -> None:
        """close_resolved: closed; the clock stopped at resolution stays stopped."""
        self.row.update(status="closed", closed_at=at, paused_since=None)
        self.event("status", None, at, from_value="resolved", to_value="closed",
                   body="Closed automatically: it was not reopened within 5 working days.")
