"""A large, realistic Staffroom dataset for benchmarks, loaded in minutes with bulk inserts.

    .venv/bin/python -m bench.seed_large --database-url sqlite:////tmp/seedlarge/large.sqlite
    .venv/bin/python -m bench.seed_large --database-url postgresql+psycopg://postgres@127.0.0.1:5432/seedlarge
    .venv/bin/python -m bench.seed_large --database-url sqlite:////tmp/seedlarge/small.sqlite --scale 0.1 --seed 7

The command builds the app with that DATABASE_URL (the rest of the configuration comes from the
environment, as `flask` would read it), runs the migrations on the empty database, seeds it and
prints the rows per table and the seconds per stage. It refuses a database that already has people.

At scale 1.0: 500 people in 16 teams (the demo's Business Support teams and departments, and four
more departments), each with the demo password `staffroom-demo` (one argon2 hash, computed once
with the app's own `passwords.hash_password`); the demo's named accounts (admin@staffroom.test,
manager@…, agent@…, ea@…, staff@staffroom.test …) are among them. 10,000 articles with revisions,
tags, review dates, Zipf-like view counts, feedback and questions; 20,000 ideas with 200,000 votes,
100,000 comments, status histories and benefits; the demo service catalogue (15 services) with
50,000 requests over 18 months played through by the demo's own request engine (app.demo.requests), so
their timelines and SLA columns follow the working-time calendar exactly as the workflow keeps
them; deflections and a search log with searches that found nothing.

From Python, inside an app context: `seed_large(scale, seed=..., progress=...)` (it commits after
each stage). Same seed, same data, relative to `clock.now()` (fix the clock for identical rows).

The search index is not built here (a separate concern, and slower: about 2.5 minutes for the
30,000 documents of scale 1.0 on 2 cores). Afterwards, as `make seed` does:

    DATABASE_URL=<url> SEARCH_INDEX_DIR=<dir> .venv/bin/flask --app wsgi search reindex

or in Python, inside an app context on that database: `app.search.reindex()`.
"""

import argparse
import math
import os
import random
import sys
import time as timer
from bisect import bisect
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from pathlib import Path

from sqlalchemy import func, insert, inspect, select, text, update

from app import clock
from app.auth import passwords
from app.clock import UK
from app.demo import content, knowledge, request_history
from app.demo import requests as demo_requests
from app.demo.people import BUSINESS_SUPPORT_TEAMS, DEMO_PASSWORD, DEMO_PEOPLE, DEPARTMENTS
from app.demo.requests import (
    BANK_HOLIDAY_FACTOR,
    HOUR_WEIGHTS,
    REQUEST_MONTHS,
    RETIRED_MONTHS_AGO,
    WEEKDAY_FACTORS,
    _DemoRequests,
)
from app.extensions import db
from app.kb.services import a_year_after
from app.markup import slugify
from app.models import (
    Article,
    ArticleAnswer,
    ArticleFeedback,
    ArticleQuestion,
    ArticleRevision,
    ArticleSlug,
    ArticleWatch,
    Category,
    Deflection,
    Idea,
    IdeaBenefit,
    IdeaComment,
    IdeaCommentEdit,
    IdeaFollow,
    IdeaStatusChange,
    IdeaVote,
    RequestAnswer,
    RequestEvent,
    SearchLog,
    Service,
    ServiceRequest,
    Tag,
    Team,
    User,
    UserRole,
)
from app.models.article import article_tags
from app.models.idea import IdeaStatus, idea_tags
from app.models.service_request import OPEN_STATUSES
from app.working_time import bank_holidays
from bench import vocabulary as vocab
from bench.search_bench import Generator

# Rows at scale 1.0. People do not shrink below MIN_USERS: every team needs a manager and each
# Business Support team its agents.
VOLUMES = {
    "users": 500,
    "articles": 10_000,
    "ideas": 20_000,
    "idea_votes": 200_000,
    "idea_comments": 100_000,
    "service_requests": 50_000,
    "deflections": 4_000,
    "search_log": 40_000,
}
MIN_USERS = 60
BATCH = 5_000  # rows per executemany: big enough to be quick, small enough to stay light on memory
REQUEST_CHUNK = 5_000  # requests made (with their answers and events) and inserted at a time

# Team sizes at 500 people (the demo's teams first; the last four departments are new here).
TEAM_SIZES = {
    "Executive Support": 26,
    "Recruitment": 14,
    "Children's Services Support": 16,
    "Customer Hub": 20,
    "Finance Support": 14,
    "Planning": 38,
    "Highways": 40,
    "Adult Social Care": 70,
    "Children's Services": 66,
    "Housing": 50,
    "Legal Services": 18,
    "Environmental Health": 24,
    "Revenues and Benefits": 34,
    "Waste and Parks": 30,
    "Human Resources": 22,
    "Democratic Services": 18,
}
EXTRA_FIRST_NAMES = [
    "Aaron",
    "Abigail",
    "Alan",
    "Alice",
    "Andrew",
    "Angela",
    "Anna",
    "Anthony",
    "Barbara",
    "Carl",
    "Catherine",
    "Charlotte",
    "Chris",
    "Claire",
    "Colin",
    "David",
    "Dawn",
    "Dean",
    "Donna",
    "Eleanor",
    "Emily",
    "Emma",
    "Fatima",
    "Gary",
    "Helen",
    "Ian",
    "Jacqueline",
    "James",
    "Jane",
    "Jason",
    "Jennifer",
    "John",
    "Julie",
    "Karen",
    "Kelly",
    "Kevin",
    "Lee",
    "Leanne",
    "Lisa",
    "Louise",
    "Lucy",
    "Marcus",
    "Maria",
    "Martin",
    "Michelle",
    "Neil",
    "Nicola",
    "Paul",
    "Peter",
    "Priti",
    "Rebecca",
    "Richard",
    "Robert",
    "Sandra",
    "Sarah",
    "Simon",
    "Stephen",
    "Susan",
    "Thomas",
    "Tracey",
    "Vikram",
    "Wendy",
    "Yasmin",
    "Zoe",
]
EXTRA_LAST_NAMES = [
    "Adams",
    "Allen",
    "Baker",
    "Brown",
    "Campbell",
    "Carter",
    "Collins",
    "Cook",
    "Cooper",
    "Evans",
    "Graham",
    "Gray",
    "Harris",
    "Harrison",
    "Hill",
    "Hussain",
    "Jackson",
    "Johnson",
    "Kaur",
    "King",
    "Lee",
    "Martin",
    "Moore",
    "Morgan",
    "Morris",
    "Murphy",
    "Phillips",
    "Price",
    "Reid",
    "Richards",
    "Robinson",
    "Scott",
    "Smith",
    "Thomas",
    "Thompson",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wood",
    "Yusuf",
]

# --- Knowledge base text --------------------------------------------------------------------

EXTRA_CATEGORY_DESCRIPTION = "Guidance, how-tos and contacts for {name}."
CHANGE_NOTES = [
    "Updated contact details",
    "New link to the form",
    "Reviewed: small wording changes",
    "Added a checklist",
    "Clarified who approves",
    "Updated for the new financial year",
    "Fixed broken links",
    "Added screenshots",
    "Rewritten in plain English",
    "New mailbox address",
    "Added the out-of-hours process",
    "Updated thresholds",
]
HELPFUL_COMMENTS = [
    "Thanks, saved me a phone call.",
    "Exactly what I needed.",
    "Clear and to the point.",
    "Used the checklist today: it worked.",
    "Much better than the old version.",
    "Sent this to my whole team.",
]
UNHELPFUL_COMMENTS = [
    "It does not cover what to do when the usual contact is away.",
    "The link to the form is broken.",
    "Out of date: the mailbox address has changed.",
    "Too long; I could not find the actual steps.",
    "Doesn't say who approves it for my directorate.",
    "The screenshots show the old system.",
    "Contradicts the finance regulations page.",
    "I followed this and the request was rejected.",
    "Needs an example.",
    "Which form is it? There are two on the intranet.",
]
QUESTIONS = [
    "Does this still apply when the request comes from a councillor rather than an officer?",
    "Is there a different process for agency staff?",
    "Who covers this when the team is on leave?",
    "Does this apply to the Riverside Road office as well?",
    "What is the deadline at year end?",
    "Can I do this on behalf of my director?",
    "Is there a template for this?",
]
ANSWERS = [
    "Yes, the same process applies. I've added a line to the article to make it clearer.",
    "Good question: email the team's shared mailbox and they will pick it up.",
    "Not yet; we are checking with Finance and will update the article.",
    "There is: it's linked under 'Templates'.",
]

# --- Ideas text -----------------------------------------------------------------------------

IDEA_TITLES = [
    "Shared template for {n} {n}",
    "Move {n} {n} online",
    "Stop printing {n} {n}",
    "One mailbox for {n} {n}",
    "Self-service {n} {n} for managers",
    "Automatic reminders for {n} {n}",
    "A checklist for {n} {n}",
    "Put {n} {n} on the intranet",
    "E-signatures for {n} {n}",
    "Book {n} through the catalogue",
    "Standard wording for {n} letters",
    "Weekly digest of {n} {n}",
    "Fewer steps to approve {n}",
    "Track {n} {n} in one place",
    "Drop the paper form for {n} {n}",
    "Quicker {n} for new starters",
    "Use Teams for {n} {n}",
    "Cut duplicate {n} {n}",
    "Monthly report on {n} {n}",
    "Clearer guidance on {n}",
]
IDEA_PROBLEMS = [
    "Every week we get the same questions about {n} and {n}, and the answers are spread over three places.",
    "Today the {n} goes round on paper: printed, signed, scanned and emailed back, and it often gets lost.",
    "Each directorate does {n} its own way, so Business Support re-types the same details again and again.",
    "When the usual contact is away, {n} requests sit in an inbox nobody is watching.",
    "Managers chase us for updates on {n} because they cannot see where their request is.",
    "We spend hours every month copying {n} figures from one spreadsheet into another.",
]
IDEA_PROPOSALS = [
    "**The idea:** one shared {n} in the catalogue, with a form that asks for everything up front.",
    "**The idea:** a simple template and a checklist on the intranet, kept up to date by the team.",
    "**The idea:** use the council's existing tools (Teams, the e-signature service) instead of paper.",
    "**The idea:** an automatic reminder a week before the {n} deadline, sent to the person responsible.",
    "**The idea:** one named owner for {n}, with cover arranged through the rota.",
]
IDEA_BENEFITS = [
    "**Who benefits:** officers get answers faster, and Business Support can spend its time on live work.",
    "**Who benefits:** fewer returned forms, fewer chasers, and a clear record for audit.",
    "**Who benefits:** everyone who raises {n} requests, and the PAs who currently chase them.",
]
IDEA_QUALITY = [
    "Fewer errors and returned forms",
    "A clear audit trail",
    "Faster answers for managers",
    "Less paper and postage",
    "Better experience for residents",
    "Fewer repeat emails",
]
IDEA_TAGS = [
    "self-service",
    "paperless",
    "e-signatures",
    "automation",
    "hr",
    "knowledge base",
    "digital",
    "customer experience",
    "process improvement",
    "data quality",
]
COMMENT_OPENERS = [
    "Yes please.",
    "Great idea.",
    "We've had the same problem in {team}.",
    "I like this, but",
    "Agree with this.",
    "Not sure about this one.",
    "This would save us a lot of time.",
    "We tried something similar last year.",
    "Could this work for the depot too?",
    "+1 from {team}.",
]
COMMENT_BODIES = [
    "I spend at least an hour a week on {n} that could be avoided.",
    "It would need Legal to agree the wording first.",
    "Please make sure it works on a phone as well.",
    "The {n} part is the real bottleneck for us.",
    "Happy to help test it.",
    "We'd need training for the team before it goes live.",
    "Does IT already have a licence for this?",
    "Our {n} process would need to change too.",
    "Can we see the figures behind the estimate?",
    "It should link to the existing {n} guidance rather than repeat it.",
]
REPLY_BODIES = [
    "Good point, I'll add that to the idea.",
    "Thanks, that's really useful.",
    "Agreed: we'll check with IT.",
    "Yes, the depot would be included.",
    "I'll send you the figures.",
    "Let's pick this up at the next team meeting.",
]
STATUS_NOTES = {
    "under_review": [
        "Looking at how often this comes up.",
        "Checking with the team that owns the process.",
        "Pulling the last three months of figures.",
        "",
    ],
    "planned": [
        "Agreed at the management team; starting next quarter.",
        "No extra cost: we can use existing tools.",
        "Planned for after year end.",
        "",
    ],
    "in_progress": [
        "Pilot started with one directorate.",
        "Templates being written.",
        "IT have started the set-up.",
        "",
    ],
    "implemented": ["Live for everyone.", "Rolled out to all directorates.", "Done: guidance is on the intranet."],
    "new": ["Back to new: more detail needed from the author."],
}
NOT_TAKEN_FORWARD_REASONS = [
    "The new case management system will do this from next year.",
    "The cost is higher than the saving.",
    "Legal advice is that the current process is required.",
    "Covered by the corporate review of {n}.",
    "Not enough demand: most teams already do this.",
]
# Where ideas have got to, by age in days (weights in IdeaStatus order): many never leave "new".
IDEA_STATUS_BY_AGE = [
    (14, (80, 15, 0, 0, 0, 3, 2)),
    (60, (45, 25, 8, 4, 0, 10, 8)),
    (180, (30, 14, 12, 9, 7, 17, 11)),
    (math.inf, (22, 7, 7, 6, 18, 28, 12)),
]
DUPLICATE_NOTE = "Merged: the same as an earlier idea."
BENEFIT_DESCRIPTIONS = [
    "Repeat queries down by about half.",
    "Forms now come in complete; returns stopped.",
    "Paper, printing and courier runs stopped.",
    "Requests answered in a day instead of a week.",
    "Managers find the answer themselves in most cases.",
]
HIDDEN_REASONS = ["Named a colleague in a personal way.", "Off topic and unkind.", "Contained personal information."]

# Searches that find nothing (the knowledge gaps), most asked first.
GAP_SEARCHES = [
    "parking permit for visitors",
    "maternity leave cover",
    "visitor wifi",
    "franking machine",
    "lone working policy",
    "dbs renewal",
    "webcasting consent",
    "eye test voucher",
    "bike to work scheme",
    "salary sacrifice car",
    "blue badge for staff",
    "lost id badge",
    "desk booking app",
    "printer toner order",
    "jury service pay",
]

# Open requests by age (the demo's table, with a longer tail): a benchmark's queues and "open"
# figures need a backlog of about a tenth of all requests, not the demo's two or three per cent.
STATUS_BY_AGE_WITH_BACKLOG = [
    (120, [("closed", 82), ("resolved", 3), ("cancelled", 4), ("waiting", 5), ("in_progress", 6)]),
    (42, [("closed", 68), ("resolved", 5), ("cancelled", 4), ("waiting", 10), ("in_progress", 13)]),
    (21, [("closed", 52), ("resolved", 10), ("cancelled", 4), ("waiting", 12), ("in_progress", 18), ("submitted", 4)]),
    (7, [("resolved", 38), ("closed", 22), ("in_progress", 20), ("waiting", 12), ("submitted", 4), ("cancelled", 4)]),
    (2, [("submitted", 20), ("in_progress", 36), ("waiting", 14), ("resolved", 27), ("cancelled", 3)]),
    (-1, [("submitted", 62), ("in_progress", 28), ("waiting", 4), ("resolved", 6)]),
]


# --- Helpers ---------------------------------------------------------------------------------


def volumes(scale: float) -> dict:
    """The rows seed_large makes at this scale (what the test and the command line compare with)."""
    wanted = {name: max(1, round(count * scale)) for name, count in VOLUMES.items()}
    wanted["users"] = max(MIN_USERS, wanted["users"])
    return wanted


def _allocate(total: int, weights: list[float], cap: int | None = None) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), none above `cap`: exact totals."""
    result = [0] * len(weights)
    remaining, open_ = total, [i for i, w in enumerate(weights) if w > 0]
    while remaining > 0 and open_:
        weight_sum = sum(weights[i] for i in open_)
        shares = {i: remaining * weights[i] / weight_sum for i in open_}
        given = {i: int(shares[i]) for i in open_}
        left = remaining - sum(given.values())
        for i in sorted(open_, key=lambda i: shares[i] - given[i], reverse=True)[:left]:
            given[i] += 1
        remaining = 0
        for i in open_:
            result[i] += given[i]
            if cap is not None and result[i] > cap:
                remaining += result[i] - cap  # handed on to the others in the next round
                result[i] = cap
        open_ = [i for i in open_ if cap is None or result[i] < cap]
    return result


def _cumulative(weights):
    return list(accumulate(weights))


def _zipf_pick(rng, items, cum):
    return items[bisect(cum, rng.random() * cum[-1])]


def _between(rng, start: datetime, end: datetime) -> datetime:
    if end <= start:
        return start
    return start + (end - start) * rng.random()


def _soon_after(rng, start: datetime, mean_days: float, now: datetime) -> datetime:
    """Most soon after `start`, a few long after; never after now (then anywhere up to now)."""
    moment = start + timedelta(days=rng.expovariate(1 / mean_days))
    return moment if moment <= now else _between(rng, start, now)


def _a_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


class _Clock:
    """Moments in office hours, UK time, as people post, search and ask."""

    def __init__(self, now: datetime):
        self.now, self.london = now, UK
        self.today = now.astimezone(UK).date()
        self.hours, self.hour_cum = list(HOUR_WEIGHTS), _cumulative(HOUR_WEIGHTS.values())

    def moment(self, rng, days_ago: float) -> datetime:
        """A moment on the day `days_ago` days back (weekends mostly moved to the Friday), never after now."""
        day = self.today - timedelta(days=int(days_ago))
        if day.weekday() >= 5 and rng.random() < 0.9:
            day -= timedelta(days=day.weekday() - 4)
        hour = self.hours[bisect(self.hour_cum, rng.random() * self.hour_cum[-1])]
        local = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), self.london)
        moment = local.astimezone(UTC)
        return moment if moment <= self.now else self.now - timedelta(minutes=rng.randint(1, 600))


class _Writer:
    """Bulk inserts in batches (SQLAlchemy core executemany), counting rows per table."""

    def __init__(self):
        self.rows = {}

    def insert(self, table, rows: list[dict]) -> None:
        for start in range(0, len(rows), BATCH):
            db.session.execute(insert(table), rows[start : start + BATCH])
        self.rows[table.name] = self.rows.get(table.name, 0) + len(rows)

    def next_id(self, table) -> int:
        return (db.session.scalar(select(func.max(table.c.id))) or 0) + 1


class _Person:
    __slots__ = ("active", "email", "id", "name", "roles", "team")

    def __init__(self, id, name, email, team, roles, active=True):
        self.id, self.name, self.email, self.team, self.roles, self.active = id, name, email, team, roles, active


# --- The stages ------------------------------------------------------------------------------


def _people(ctx) -> str:
    """Teams and people: the demo accounts first, then colleagues spread over the teams."""
    rng, writer = ctx.rng("people"), ctx.writer
    existing = dict(db.session.execute(select(Team.name, Team.id)).all())
    names = list(dict.fromkeys([*BUSINESS_SUPPORT_TEAMS, *DEPARTMENTS, *TEAM_SIZES]))
    writer.insert(
        Team.__table__,
        [
            {"name": name, "is_business_support": name in BUSINESS_SUPPORT_TEAMS, "email": ""}
            for name in names
            if name not in existing
        ],
    )
    ctx.teams = dict(db.session.execute(select(Team.name, Team.id)).all())
    ctx.business_support = [ctx.teams[name] for name in BUSINESS_SUPPORT_TEAMS]

    # Each team's share of the generated people: one each first, so every team has a manager.
    generated = ctx.volumes["users"] - len(DEMO_PEOPLE)
    counts = [n + 1 for n in _allocate(generated - len(names), [TEAM_SIZES.get(n, 10) for n in names])]

    demo_names = content.data("names")
    first_names = list(dict.fromkeys(demo_names["first_names"] + EXTRA_FIRST_NAMES))
    last_names = list(dict.fromkeys(demo_names["last_names"] + EXTRA_LAST_NAMES))
    emails = {email for email, *_ in DEMO_PEOPLE}
    people, next_id = [], writer.next_id(User.__table__)
    for email, name, team, roles in DEMO_PEOPLE:
        people.append(_Person(next_id, name, email, ctx.teams[team], list(roles)))
        next_id += 1
    managed = {person.team for person in people if "manager" in person.roles}
    admins = sum("admin" in person.roles for person in people)
    for team_name, count in zip(names, counts):
        team_id, business_support = ctx.teams[team_name], team_name in BUSINESS_SUPPORT_TEAMS
        for _ in range(count):
            name = f"{rng.choice(first_names)} {rng.choice(last_names)}"
            base = name.lower().replace("'", "").replace(" ", ".")
            email, number = f"{base}@staffroom.test", 2
            while email in emails:
                email, number = f"{base}{number}@staffroom.test", number + 1
            emails.add(email)
            roles, active = [], True
            if team_id not in managed:
                roles, managed = ["manager"], managed | {team_id}
            elif business_support:
                if admins < 2 and team_name == "Executive Support":
                    roles, admins = ["admin"], admins + 1
                else:
                    if rng.random() < 0.72:
                        roles.append("agent")
                    if rng.random() < (0.35 if team_name == "Executive Support" else 0.12):
                        roles.append("editor")
            elif rng.random() < 0.04:
                roles.append("editor")
            elif rng.random() < 0.03:
                active = False  # a leaver: their old votes and comments stay
            people.append(_Person(next_id, name, email, team_id, roles, active))
            next_id += 1

    # Hashing is deliberately slow: one hash, shared by everyone.
    password_hash = passwords.hash_password(DEMO_PASSWORD)
    writer.insert(
        User.__table__,
        [
            {
                "id": p.id,
                "email": p.email,
                "name": p.name,
                "password_hash": password_hash,
                "team_id": p.team,
                "active": p.active,
                "created_at": ctx.now - timedelta(days=rng.uniform(1500, 1800)),
                "version": 1,
            }
            for p in people
        ],
    )
    writer.insert(UserRole.__table__, [{"user_id": p.id, "role": role} for p in people for role in sorted(p.roles)])

    ctx.people = people
    ctx.user_ids = [p.id for p in people]
    ctx.active_ids = [p.id for p in people if p.active]
    ctx.writers = [p.id for p in people if p.active and ({"editor", "admin"} & set(p.roles))]
    ctx.moderators = [p.id for p in people if p.active and ({"manager", "admin"} & set(p.roles))]
    ctx.team_managers = {p.team: p.id for p in people if p.active and "manager" in p.roles}
    ctx.team_of = {p.id: p.team for p in people}
    ctx.team_name = {team_id: name for name, team_id in ctx.teams.items()}
    return (
        f"{len(people)} people in {len(names)} teams: {len(ctx.writers)} can write articles, "
        f"{sum('agent' in p.roles for p in people)} agents, {len(ctx.moderators)} managers and admins, "
        f"{sum(not p.active for p in people)} left"
    )


def _knowledge(ctx) -> str:
    """Categories, tags and articles, each with its revisions, old slugs, feedback and questions."""
    rng, writer, now = ctx.rng("knowledge"), ctx.writer, ctx.now
    today = now.date()  # the knowledge base's "today" (kb.services.today)

    existing = dict(db.session.execute(select(Category.name, Category.id)).all())
    demo_categories = knowledge.categories()
    wanted = demo_categories + [
        (name, EXTRA_CATEGORY_DESCRIPTION.format(name=name.lower()))
        for name in vocab.CATEGORIES
        if name not in dict(demo_categories)
    ]
    writer.insert(
        Category.__table__,
        [
            {"name": name, "slug": slugify(name), "description": description, "position": position}
            for position, (name, description) in enumerate(wanted, start=1 + len(existing))
            if name not in existing
        ],
    )
    categories = list(db.session.execute(select(Category.id, Category.name)).all())
    # Some categories hold far more guidance than others.
    category_cum = _cumulative(1 / (rank**0.7) for rank in range(1, len(categories) + 1))

    existing_tags = dict(db.session.execute(select(Tag.name, Tag.id)).all())
    tag_names = [name for name in dict.fromkeys(vocab.phrases(vocab.TAGS) + IDEA_TAGS) if len(name) <= 40]
    taken_slugs = set(db.session.scalars(select(Tag.slug)))
    new_tags = []
    for name in tag_names:
        if name in existing_tags:
            continue
        slug = base = slugify(name, max_length=40)
        number = 2
        while slug in taken_slugs:  # numbered as kb.services._unique_slug does
            slug, number = f"{base[: 40 - len(str(number)) - 1].rstrip('-')}-{number}", number + 1
        taken_slugs.add(slug)
        new_tags.append({"name": name, "slug": slug})
    writer.insert(Tag.__table__, new_tags)
    ctx.tags = dict(db.session.execute(select(Tag.name, Tag.id)).all())

    generator = Generator(rng)
    count = ctx.volumes["articles"]
    owners = ctx.writers * 6 + ctx.active_ids  # mostly editors; now and then a subject expert
    taken = set(db.session.scalars(select(Article.slug))) | set(db.session.scalars(select(ArticleSlug.slug)))

    def unique_slug(title):
        base = slugify(title) or "article"
        slug, number = base, 2
        while slug in taken:
            suffix = f"-{number}"
            slug, number = f"{base[: 90 - len(suffix)].rstrip('-')}{suffix}", number + 1
        taken.add(slug)
        return slug

    article_id = writer.next_id(Article.__table__)
    articles, revisions, old_slugs, links = [], [], [], []
    feedback, questions, answers, watches = [], [], [], []
    question_id = writer.next_id(ArticleQuestion.__table__)
    ranks = list(range(1, count + 1))
    rng.shuffle(ranks)  # popularity has nothing to do with age or id
    status_counts = {"published": 0, "draft": 0, "archived": 0}
    any_overdue = False
    for number in range(count):
        entry = generator.article(rng.randint(300, 600))
        status = rng.choices(("published", "draft", "archived"), (85, 9, 6))[0]
        status_counts[status] += 1
        category_id = categories[bisect(category_cum, rng.random() * category_cum[-1])][0]
        owner = rng.choice(owners)
        created = ctx.clock.moment(rng, rng.uniform(3, 1450))
        versions = min(8, 1 + int(rng.expovariate(0.9)))
        span = min(now - created, timedelta(days=700))
        times = [created, *sorted(_between(rng, created, created + span) for _ in range(versions - 1))]
        authors = [
            owner if owner in ctx.writers and rng.random() < 0.6 else rng.choice(ctx.writers) for _ in range(versions)
        ]
        title = entry["title"]
        slug = unique_slug(title)
        tag_text = ", ".join(sorted(entry["tags"]))  # as kb.services._snapshot writes them (by name)
        sections = entry["body"].split("\n\n## ")
        renamed = versions > 1 and rng.random() < 0.04
        for index in range(versions):
            body = (
                entry["body"]
                if index == versions - 1
                else "\n\n## ".join(sections[: max(1, len(sections) - (versions - 1 - index))])
            )
            first_title = generator.title() if renamed and index == 0 else title
            revisions.append(
                {
                    "article_id": article_id,
                    "number": index + 1,
                    "title": first_title,
                    "summary": entry["summary"],
                    "body": body,
                    "tags": tag_text,
                    "author_id": authors[index],
                    "created_at": times[index],
                    "change_note": "First version" if index == 0 else rng.choice(CHANGE_NOTES),
                    "restored_from": None,
                }
            )
        if renamed:
            old_slugs.append({"slug": unique_slug(revisions[-versions]["title"]), "article_id": article_id})

        published_at = review_by = reviewed_at = reviewed_by = None
        if status != "draft":
            published_at = times[0] if versions == 1 or rng.random() < 0.8 else times[1]
            # Due for review a year after the last review (kb.services.mark_reviewed), or after
            # publishing if never reviewed; about one in eight published over a year ago is overdue,
            # and the first such always is, so that even a tiny seed has one whatever the date.
            overdue = (
                status == "published"
                and published_at.date() < _a_year_before(today)
                and (rng.random() < 0.12 or not any_overdue)
            )
            review_by = today + timedelta(days=-rng.randint(1, 240) if overdue else rng.randint(1, 365))
            reviewed_on = _a_year_before(review_by)
            if published_at.date() < reviewed_on <= today:
                reviewed_at = min(now, datetime.combine(reviewed_on, time(10, 30), UTC))
                reviewed_by = owner if owner in ctx.writers else rng.choice(ctx.writers)
            else:
                review_by = a_year_after(published_at.date())  # before today when overdue: published over a year ago
            any_overdue = any_overdue or overdue
        rank = ranks[number]
        views = (
            int(30_000 * _view_scale(count) / rank**0.85 * rng.uniform(0.7, 1.3)) + rng.randint(0, 15)
            if status != "draft"
            else rng.randint(0, 12)
        )
        articles.append(
            {
                "id": article_id,
                "slug": slug,
                "title": title,
                "summary": entry["summary"],
                "body": entry["body"],
                "category_id": category_id,
                "owner_id": owner,
                "status": status,
                "revision_number": versions,
                "review_by": review_by,
                "last_reviewed_at": reviewed_at,
                "last_reviewed_by_id": reviewed_by,
                "published_at": published_at,
                "created_at": created,
                "updated_at": times[-1],
                "updated_by_id": authors[-1],
                "view_count": views,
            }
        )
        links += [{"article_id": article_id, "tag_id": ctx.tags[name]} for name in entry["tags"]]

        if status != "draft":
            # Feedback follows readership; most articles help, some clearly do not.
            helpful_share = rng.choices(
                (rng.uniform(0.75, 0.97), rng.uniform(0.45, 0.7), rng.uniform(0.1, 0.4)), (80, 12, 8)
            )[0]
            wanted = min(int(len(ctx.user_ids) * 0.8), int(views * 0.06 + rng.random() * 1.5))
            for user_id in rng.sample(ctx.user_ids, wanted):
                helpful = rng.random() < helpful_share
                comment = ""
                if not helpful and rng.random() < 0.75:
                    comment = rng.choice(UNHELPFUL_COMMENTS)
                elif helpful and rng.random() < 0.12:
                    comment = rng.choice(HELPFUL_COMMENTS)
                given = _between(rng, published_at, now)
                feedback.append(
                    {
                        "article_id": article_id,
                        "user_id": user_id,
                        "helpful": helpful,
                        "comment": comment,
                        "created_at": given,
                        "updated_at": _between(rng, given, now) if rng.random() < 0.05 else given,
                    }
                )
            if status == "published" and rng.random() < 0.03:
                for _ in range(rng.randint(1, 2)):
                    asked = _between(rng, published_at, now)
                    answered = rng.random() < 0.65
                    answered_at = _between(rng, asked, min(now, asked + timedelta(days=10))) if answered else None
                    questions.append(
                        {
                            "id": question_id,
                            "article_id": article_id,
                            "author_id": rng.choice(ctx.active_ids),
                            "body": rng.choice(QUESTIONS),
                            "created_at": asked,
                            "answered_at": answered_at,
                        }
                    )
                    if answered:
                        answers.append(
                            {
                                "question_id": question_id,
                                "author_id": owner,
                                "body": rng.choice(ANSWERS),
                                "created_at": answered_at,
                            }
                        )
                    question_id += 1
            watchers = ([owner] if rng.random() < 0.3 else []) + (
                rng.sample(ctx.active_ids, rng.randint(1, 4)) if rng.random() < 0.15 else []
            )
            for user_id in dict.fromkeys(watchers):
                watches.append(
                    {"article_id": article_id, "user_id": user_id, "created_at": _between(rng, created, now)}
                )
        article_id += 1

    writer.insert(Article.__table__, articles)
    writer.insert(ArticleRevision.__table__, revisions)
    writer.insert(ArticleSlug.__table__, old_slugs)
    writer.insert(article_tags, links)
    writer.insert(ArticleFeedback.__table__, feedback)
    writer.insert(ArticleQuestion.__table__, questions)
    writer.insert(ArticleAnswer.__table__, answers)
    writer.insert(ArticleWatch.__table__, watches)
    # For deflections: published articles, the most read most likely to be suggested.
    ctx.published = [(row["id"], row["view_count"]) for row in articles if row["status"] == "published"]
    overdue = sum(1 for row in articles if row["status"] == "published" and row["review_by"] < today)
    return (
        f"{count} articles ({status_counts['published']} published, {status_counts['draft']} draft, "
        f"{status_counts['archived']} archived; {overdue} overdue for review), {len(revisions)} revisions, "
        f"{len(feedback)} feedback, {len(questions)} questions"
    )


def _view_scale(count: int) -> float:
    """Fewer articles, fewer readers each: views keep their Zipf shape at any scale."""
    return max(0.05, min(1.0, count / VOLUMES["articles"])) ** 0.5


def _idea_text(rng, generator) -> tuple[str, str]:
    title = _fill(generator, rng.choice(IDEA_TITLES))
    description = "\n\n".join(
        _fill(generator, rng.choice(parts)) for parts in (IDEA_PROBLEMS, IDEA_PROPOSALS, IDEA_BENEFITS)
    )
    return (title[0].upper() + title[1:])[:150], description


def _fill(generator, template: str) -> str:
    """The template with each {n} replaced by a word of the vocabulary (Zipf-weighted)."""
    while "{n}" in template:
        template = template.replace("{n}", generator._content(1)[0], 1)
    return template


def _idea_path(rng, status: str) -> list[str]:
    """The statuses an idea went through to reach `status`, as TRANSITIONS allows them."""
    forward = ["under_review", "planned", "in_progress", "implemented"]
    if status == "new":
        return ["under_review", "new"] if rng.random() < 0.03 else []
    if status in forward:
        return forward[: forward.index(status) + 1]
    if status == "duplicate":
        return ["under_review", "duplicate"] if rng.random() < 0.3 else ["duplicate"]
    return [*forward[: rng.choice((0, 0, 1, 1, 1, 2, 3))], "not_taken_forward"]  # declined at any open stage


def _ideas(ctx) -> str:
    """Ideas with their histories, votes (authors first), followers, comments and benefits."""
    rng, writer, now = ctx.rng("ideas"), ctx.writer, ctx.now
    generator = Generator(rng)
    count = ctx.volumes["ideas"]
    areas = [*ctx.business_support, None, None, None]  # a Business Support team, or council-wide
    tag_ids = [ctx.tags[name] for name in IDEA_TAGS + vocab.phrases(vocab.TAGS)[:40] if name in ctx.tags]

    # Older ideas first, so ids follow posting order and a duplicate can point at an older one.
    ages = sorted((1095 * rng.random() ** 1.3 for _ in range(count)), reverse=True)
    idea_id = writer.next_id(Idea.__table__)
    ideas, changes, benefits, links, open_ids = [], [], [], [], []
    for age in ages:
        author = rng.choice(ctx.user_ids)
        created = ctx.clock.moment(rng, age)
        weights = next(weights for limit, weights in IDEA_STATUS_BY_AGE if age < limit)
        status = rng.choices(tuple(IdeaStatus), weights)[0]
        if status == "duplicate" and not open_ids:
            status = "new"
        area = rng.choice(areas)
        path = _idea_path(rng, status)
        span = min(now - created, timedelta(days=40 * max(1, len(path))))
        times = sorted(_between(rng, created, created + span) for _ in path)
        previous, reason, duplicate_of = "new", "", None
        for to_status, at in zip(path, times):
            actor = ctx.team_managers.get(area) if area and rng.random() < 0.7 else None
            note = rng.choice(STATUS_NOTES.get(to_status, [""]))
            if to_status == "not_taken_forward":
                reason = note = _fill(generator, rng.choice(NOT_TAKEN_FORWARD_REASONS))
            elif to_status == "duplicate":
                duplicate_of, note = rng.choice(open_ids[-2000:]), DUPLICATE_NOTE
            changes.append(
                {
                    "idea_id": idea_id,
                    "actor_id": actor or rng.choice(ctx.moderators),
                    "from_status": previous,
                    "to_status": to_status,
                    "note": note,
                    "created_at": at,
                }
            )
            previous = to_status
        title, description = _idea_text(rng, generator)
        ideas.append(
            {
                "id": idea_id,
                "title": title,
                "description": description,
                "area_team_id": area,
                "author_id": author,
                "anonymous": rng.random() < 0.08,
                "expected_hours_per_month": Decimal(rng.randint(2, 80)) / 2 if rng.random() < 0.6 else None,
                "expected_pounds_per_year": rng.randint(5, 200) * 100 if rng.random() < 0.4 else None,
                "expected_quality": rng.choice(IDEA_QUALITY) if rng.random() < 0.3 else "",
                "status": status,
                "status_reason": reason[:500],
                "duplicate_of_id": duplicate_of,
                "created_at": created,
                "updated_at": times[-1] if times else created,
            }
        )
        links += [{"idea_id": idea_id, "tag_id": tag} for tag in dict.fromkeys(rng.sample(tag_ids, rng.randint(0, 3)))]
        if status == "implemented" and rng.random() < 0.85:
            realised = min(ctx.clock.today, (times[-1] + timedelta(days=rng.randint(7, 120))).date())
            recorded = min(now, datetime.combine(realised, time(11), UTC) + timedelta(days=rng.randint(0, 30)))
            benefits.append(
                {
                    "idea_id": idea_id,
                    "hours_per_month": Decimal(rng.randint(2, 120)) / 2 if rng.random() < 0.85 else None,
                    "pounds_per_year": rng.randint(2, 300) * 100 if rng.random() < 0.6 else None,
                    "description": rng.choice(BENEFIT_DESCRIPTIONS),
                    "realised_on": realised,
                    "recorded_by_id": ctx.team_managers.get(area) or rng.choice(ctx.moderators),
                    "recorded_at": recorded,
                }
            )
        if status != "duplicate":
            open_ids.append(idea_id)
        idea_id += 1

    # Votes: every idea carries its author's vote (ideas.services.post_idea); the rest are heavy-
    # tailed (log-normal), more for ideas that went somewhere, fewer for the newest. A merged
    # duplicate has none: merging moved them to the idea it duplicates.
    by_id = {idea["id"]: idea for idea in ideas}
    status_pull = {
        "implemented": 2.5,
        "in_progress": 2,
        "planned": 2,
        "under_review": 1.5,
        "new": 1,
        "not_taken_forward": 0.7,
    }
    live = [by_id[i] for i in open_ids]
    weights = [
        rng.lognormvariate(0, 1.1) * status_pull[idea["status"]] * min(1.0, ((now - idea["created_at"]).days + 3) / 45)
        for idea in live
    ]
    extra = _allocate(max(0, ctx.volumes["idea_votes"] - len(live)), weights, cap=len(ctx.user_ids) - 1)
    votes, follows = [], {}
    for idea, wanted in zip(live, extra):
        created, author = idea["created_at"], idea["author_id"]
        votes.append({"idea_id": idea["id"], "user_id": author, "created_at": created})
        follows[(idea["id"], author)] = True
        voters = rng.sample(ctx.user_ids, min(wanted + 1, len(ctx.user_ids)))
        voters = [v for v in voters if v != author][:wanted]
        for voter in voters:
            votes.append({"idea_id": idea["id"], "user_id": voter, "created_at": _soon_after(rng, created, 25, now)})
            follows[(idea["id"], voter)] = rng.random() >= 0.015  # a few chose to unfollow
    for idea in ideas:
        if idea["status"] == "duplicate":
            follows[(idea["id"], idea["author_id"])] = True

    # Comments: busy ideas draw more; a third are replies (one level, as the app allows).
    comment_counts = _allocate(ctx.volumes["idea_comments"], [(w + 2) ** 0.8 for w in extra])
    comment_id = writer.next_id(IdeaComment.__table__)
    comments, edits = [], []
    for idea, wanted in zip(live, comment_counts):
        if not wanted:
            continue
        start = idea["created_at"]
        moments = sorted(_soon_after(rng, start, 30, now) for _ in range(wanted))
        threads = []
        for at in moments:
            author = rng.choice(ctx.user_ids)
            parent = rng.choice(threads) if threads and rng.random() < 0.33 else None
            team = ctx.team_name.get(ctx.team_of[author], "our team")
            if parent is None:
                body = (
                    _fill(generator, rng.choice(COMMENT_OPENERS)).replace("{team}", team)
                    + " "
                    + _fill(generator, rng.choice(COMMENT_BODIES))
                )
            else:
                body = rng.choice(REPLY_BODIES)
            row = {
                "id": comment_id,
                "idea_id": idea["id"],
                "parent_id": parent,
                "author_id": author,
                "body": body,
                "created_at": at,
                "edited_at": None,
                "hidden_at": None,
                "hidden_by_id": None,
                "hidden_reason": "",
            }
            if rng.random() < 0.02:
                row["edited_at"] = min(now, at + timedelta(minutes=rng.randint(2, 600)))
                edits.append(
                    {"comment_id": comment_id, "body": body.rsplit(" ", 3)[0], "replaced_at": row["edited_at"]}
                )
            if rng.random() < 0.003:
                row.update(
                    hidden_at=min(now, at + timedelta(hours=rng.randint(1, 72))),
                    hidden_by_id=rng.choice(ctx.moderators),
                    hidden_reason=rng.choice(HIDDEN_REASONS),
                )
            comments.append(row)
            if parent is None:
                threads.append(comment_id)
            follows.setdefault((idea["id"], author), True)
            comment_id += 1
        idea["updated_at"] = max(idea["updated_at"], moments[-1])

    writer.insert(Idea.__table__, ideas)
    writer.insert(idea_tags, links)
    writer.insert(IdeaStatusChange.__table__, changes)
    writer.insert(IdeaVote.__table__, votes)
    # Each idea's vote_count from its rows, in one statement (the app keeps it vote by vote).
    ideas_table, votes_table = Idea.__table__, IdeaVote.__table__
    db.session.execute(
        update(ideas_table).values(
            vote_count=select(func.count())
            .select_from(votes_table)
            .where(votes_table.c.idea_id == ideas_table.c.id)
            .scalar_subquery()
        )
    )
    writer.insert(IdeaFollow.__table__, [{"idea_id": i, "user_id": u, "following": f} for (i, u), f in follows.items()])
    writer.insert(IdeaComment.__table__, comments)
    writer.insert(IdeaCommentEdit.__table__, edits)
    writer.insert(IdeaBenefit.__table__, benefits)
    by_status = {}
    for idea in ideas:
        by_status[idea["status"]] = by_status.get(idea["status"], 0) + 1
    return (
        f"{len(ideas)} ideas ({', '.join(f'{n} {s}' for s, n in sorted(by_status.items()))}), {len(votes)} votes, "
        f"{len(comments)} comments, {len(changes)} status changes, {len(benefits)} benefits"
    )


@contextmanager
def _open_backlog():
    """The demo request engine picks a request's fate from app.demo.request_history.STATUS_BY_AGE; swap
    in the table with a backlog for the length of this stage (and always put the demo's back)."""
    saved = request_history.STATUS_BY_AGE
    request_history.STATUS_BY_AGE = STATUS_BY_AGE_WITH_BACKLOG
    try:
        yield
    finally:
        request_history.STATUS_BY_AGE = saved


def _requests(ctx) -> str:
    """The demo catalogue (app.demo.requests.seed_services, without its requests) and canned replies, then
    requests made by the demo's own engine (who asks, the form's answers, and each request's
    life: assignment, replies, waits, resolution, rating, closing, with the calendar's SLA columns)."""
    writer = ctx.writer
    # The demo's own catalogue and canned replies (this stage reports for them).
    demo_requests.seed_services(lambda line: None, request_history=False)
    demo_requests.seed_canned_replies(lambda line: None)
    entries = {entry["name"]: entry for entry in content.services()}
    services = [
        (service, entries[service.name])
        for service in db.session.scalars(select(Service).order_by(Service.id))
        if service.name in entries
    ]
    ctx.services = [(service.id, entry["per_month"]) for service, entry in services if service.active]

    engine = _LargeRequests(random.Random(f"{ctx.seed}:requests"), ctx.now, ctx.seed)
    arrivals = engine.arrivals(services, ctx.volumes["service_requests"])
    columns = set(ServiceRequest.__table__.c.keys())
    request_id = writer.next_id(ServiceRequest.__table__)
    statuses = {}
    with _open_backlog():
        for start in range(0, len(arrivals), REQUEST_CHUNK):
            rows, answers, events = [], [], []
            for number, arrival in enumerate(arrivals[start : start + REQUEST_CHUNK], start=start + 1):
                row, answered, timeline = engine._request(number, *arrival)
                row = {key: value for key, value in row.items() if key in columns}
                row.update(id=request_id, submission_key=f"seed-{ctx.seed}-{number}")
                rows.append(row)
                answers += [{**answer, "request_id": request_id} for answer in answered]
                events += [{**event, "request_id": request_id} for event in timeline]
                statuses[row["status"]] = statuses.get(row["status"], 0) + 1
                request_id += 1
            writer.insert(ServiceRequest.__table__, rows)
            writer.insert(RequestAnswer.__table__, answers)
            writer.insert(RequestEvent.__table__, events)
    open_count = sum(statuses.get(status, 0) for status in OPEN_STATUSES)
    return (
        f"{len(services)} services; {len(arrivals)} requests ({open_count} open, "
        f"{100 * open_count / max(1, len(arrivals)):.0f}%: "
        f"{', '.join(f'{n} {s}' for s, n in sorted(statuses.items()))}), "
        f"{writer.rows.get('request_events', 0)} events"
    )


class _LargeRequests(_DemoRequests):
    """The demo's request engine (app.demo.requests), with an exact number of arrivals and histories drawn
    from our seed."""

    def __init__(self, rng, now, seed):
        super().__init__(rng, now)
        self.history_rng = random.Random(f"{seed}:request histories")

    def arrivals(self, services, total: int) -> list:
        """`total` arrival moments spread as the demo spreads them (per_month, season, weekday,
        bank holidays, the upward trend, the retired service fading out), oldest first."""
        holidays = bank_holidays()
        today = self.now.astimezone(self.london).date()
        first = today - timedelta(days=round(REQUEST_MONTHS * 30.44))
        retired_on = today - timedelta(days=round(RETIRED_MONTHS_AGO * 30.44))
        total_days = (today - first).days
        cells, weights = [], []
        for offset in range(total_days + 1):
            day = first + timedelta(days=offset)
            factor = BANK_HOLIDAY_FACTOR if day in holidays else WEEKDAY_FACTORS[day.weekday()]
            trend = 0.85 + 0.25 * offset / total_days
            christmas = (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3)
            for service, entry in services:
                if not service.active and day >= retired_on:
                    continue
                rate = entry["per_month"] * entry["season"][day.month - 1] * factor * trend
                if christmas and entry.get("quiet_christmas"):
                    rate *= 0.2
                if not service.active:
                    rate *= (retired_on - day).days / (retired_on - first).days + 0.2
                cells.append((day, service, entry, factor < 0.5))
                weights.append(rate)
        # Exactly `total`: drawn in proportion to the rates (the demo draws a Poisson number a day).
        cum = _cumulative(weights)
        arrivals = []
        while len(arrivals) < total:
            day, service, entry, weekend = cells[bisect(cum, self.rng.random() * cum[-1])]
            moment = self._moment(day, weekend=weekend)
            if moment <= self.now:  # today's later hours have not happened yet: draw again
                arrivals.append((moment, service, entry))
        arrivals.sort(key=lambda arrival: (arrival[0], arrival[1].id))
        return arrivals


def _searches(ctx) -> str:
    """Deflections (a suggested article answered the question) and the search log."""
    rng, writer = ctx.rng("searches"), ctx.writer
    rows, keys = [], set()
    article_ids = [article for article, _ in ctx.published]
    article_cum = _cumulative(views + 1 for _, views in ctx.published)
    service_ids = [service for service, _ in ctx.services]
    service_cum = _cumulative(per_month for _, per_month in ctx.services)
    while article_ids and service_ids and len(rows) < ctx.volumes["deflections"]:
        user = rng.choice(ctx.active_ids)
        service, article = _zipf_pick(rng, service_ids, service_cum), _zipf_pick(rng, article_ids, article_cum)
        at = ctx.clock.moment(rng, 548 * rng.random() ** 1.2)
        key = f"{user}:{service}:{article}:{at.astimezone(ctx.clock.london).date().isoformat()}"
        if key not in keys:
            keys.add(key)
            rows.append(
                {"service_id": service, "article_id": article, "user_id": user, "created_at": at, "dedupe_key": key}
            )
    writer.insert(Deflection.__table__, rows)

    words = [w for w in vocab.words(vocab.CONTENT_WORDS) if len(w) > 3]
    word_cum = _cumulative(1 / rank**1.07 for rank in range(1, len(words) + 1))
    phrases = vocab.phrases(vocab.COLLOCATIONS)
    gap_cum = _cumulative(1 / rank for rank in range(1, len(GAP_SEARCHES) + 1))
    searches = []
    for _ in range(ctx.volumes["search_log"]):
        roll = rng.random()
        if roll < 0.08:
            query, results = _zipf_pick(rng, GAP_SEARCHES, gap_cum), 0
        elif roll < 0.35:
            query, results = rng.choice(phrases), int(math.exp(rng.uniform(0, 5)))
        else:
            query = " ".join(_zipf_pick(rng, words, word_cum) for _ in range(rng.choice((1, 1, 2))))
            results = int(math.exp(rng.uniform(0, 6.5)))
        searches.append(
            {
                "query": query.lower()[:200],
                "results": results,
                "searched_at": ctx.clock.moment(rng, 548 * rng.random() ** 1.2),
            }
        )
    writer.insert(SearchLog.__table__, searches)
    zero = sum(1 for row in searches if row["results"] == 0)
    return f"{len(rows)} deflections, {len(searches)} searches ({zero} found nothing)"


def _finish(ctx) -> str:
    """PostgreSQL: move each id sequence past the ids given explicitly, and gather statistics."""
    if db.engine.dialect.name != "postgresql":
        return "nothing to do on SQLite"
    tables = [table.name for table in db.metadata.sorted_tables if "id" in table.c and table.c.id.primary_key]
    for name in tables:
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
                f"FROM {name}"
            )
        )
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    return f"{len(tables)} sequences moved on; ANALYZE done"


class _Context:
    def __init__(self, now, scale, seed):
        self.now, self.seed = now, seed
        self.volumes = volumes(scale)
        self.writer = _Writer()
        self.clock = _Clock(now)

    def rng(self, stage: str) -> random.Random:
        # One generator per stage: a stage's data does not depend on what earlier stages drew.
        return random.Random(f"{self.seed}:{stage}")


STAGES = [
    ("people", _people),
    ("knowledge", _knowledge),
    ("ideas", _ideas),
    ("requests", _requests),
    ("searches", _searches),
    ("finish", _finish),
]


def seed_large(scale: float = 1.0, *, seed: int = 0, progress=print) -> dict:
    """Fill the (empty) database of the current app with the large dataset; commits after each
    stage. Returns the rows in every table afterwards."""
    if scale <= 0:
        raise ValueError("scale must be above 0")
    if db.session.scalar(select(User.id).limit(1)) is not None:
        raise RuntimeError("seed_large needs an empty database: this one already has people")
    ctx = _Context(clock.now(), scale, seed)
    for name, stage in STAGES:
        started = timer.perf_counter()
        summary = stage(ctx)
        db.session.commit()
        progress(f"{name}: {summary} ({timer.perf_counter() - started:.1f} s)")
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table)) for table in db.metadata.sorted_tables
    }


# --- Command line ----------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True, help="an empty database (SQLite file or PostgreSQL)")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 500 people, 10k articles, 50k requests ...")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    url = args.database_url
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = url  # read by app.config, as for `flask` itself

    import flask_migrate

    from app import create_app

    app = create_app()
    started = timer.perf_counter()
    with app.app_context():
        shown = db.engine.url.render_as_string(hide_password=True)
        if inspect(db.engine).has_table("users") and db.session.scalar(text("SELECT 1 FROM users LIMIT 1")):
            print(
                f"seed_large: {shown} already has people. Give it an empty database "
                "(a new SQLite file, or `createdb`).",
                file=sys.stderr,
            )
            return 1
        db.session.remove()
        print(f"seed_large: {shown}, scale {args.scale}, seed {args.seed}")
        flask_migrate.upgrade()
        print(f"migrations: upgraded to head ({timer.perf_counter() - started:.1f} s)")
        counts = seed_large(args.scale, seed=args.seed)
        print("\nRows per table:")
        for name, rows in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            if rows:
                print(f"  {name:<28}{rows:>10,}")
        print(f"  {'(all tables)':<28}{sum(counts.values()):>10,}")
        db.session.remove()
        db.engine.dispose()
    print(
        f"\nDone in {timer.perf_counter() - started:.1f} s. Demo password for everyone: staffroom-demo. "
        "Search index: DATABASE_URL=... flask --app wsgi search reindex"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
