"""The demo's teams and people: an account for every role (README lists the first five), then colleagues."""

import random

from sqlalchemy import select

from app.auth import passwords
from app.demo import content
from app.extensions import db
from app.models import Role, Team, User

DEMO_PASSWORD = "staffroom-demo"

BUSINESS_SUPPORT_TEAMS = [
    "Executive Support",
    "Recruitment",
    "Children's Services Support",
    "Customer Hub",
    "Finance Support",
]
DEPARTMENTS = [
    "Planning",
    "Highways",
    "Adult Social Care",
    "Children's Services",
    "Housing",
    "Legal Services",
    "Environmental Health",
]

# (email, name, team, roles): the five accounts in README first, then colleagues.
DEMO_PEOPLE = [
    ("admin@staffroom.test", "Alex Morgan", "Executive Support", [Role.ADMIN]),
    ("manager@staffroom.test", "Priya Shah", "Executive Support", [Role.MANAGER]),
    ("agent@staffroom.test", "Tom Okafor", "Executive Support", [Role.AGENT]),
    ("ea@staffroom.test", "Grace Holloway", "Executive Support", [Role.EDITOR]),
    ("staff@staffroom.test", "Sam Patel", "Planning", []),
    ("recruitment.lead@staffroom.test", "Hannah Lewis", "Recruitment", [Role.MANAGER]),
    ("recruitment.officer@staffroom.test", "Daniel Reid", "Recruitment", [Role.AGENT]),
    ("childrens.officer@staffroom.test", "Aisha Begum", "Children's Services Support", [Role.AGENT]),
    ("childrens.lead@staffroom.test", "Mark Jennings", "Children's Services Support", [Role.MANAGER]),
    ("hub.officer@staffroom.test", "Chloe Evans", "Customer Hub", [Role.AGENT]),
    ("finance.officer@staffroom.test", "Oliver Grant", "Finance Support", [Role.AGENT]),
    ("finance.lead@staffroom.test", "Harriet Cole", "Finance Support", [Role.MANAGER]),
    ("pa.director@staffroom.test", "Fiona Walsh", "Executive Support", [Role.EDITOR]),
    ("pa.leader@staffroom.test", "Ruth Adeyemi", "Executive Support", [Role.EDITOR, Role.AGENT]),
    ("highways@staffroom.test", "Gareth Price", "Highways", []),
    ("housing@staffroom.test", "Mei Lin", "Housing", []),
    ("asc@staffroom.test", "Joanne Carter", "Adult Social Care", []),
    ("social.worker@staffroom.test", "Nadia Hussain", "Children's Services", []),
    ("cp.chair@staffroom.test", "Steven Doyle", "Children's Services", []),
    ("legal@staffroom.test", "Rebecca Stone", "Legal Services", []),
    ("env.health@staffroom.test", "Kwame Mensah", "Environmental Health", []),
]

# Line managers (person: their line manager), for approvals: Sam Patel's purchase orders over
# £5,000 wait for Priya Shah; where none is recorded, Finance Support's managers approve.
LINE_MANAGERS = {
    "staff@staffroom.test": "manager@staffroom.test",
    "agent@staffroom.test": "manager@staffroom.test",
    "ea@staffroom.test": "manager@staffroom.test",
    "finance.officer@staffroom.test": "finance.lead@staffroom.test",
    "recruitment.officer@staffroom.test": "recruitment.lead@staffroom.test",
    "childrens.officer@staffroom.test": "childrens.lead@staffroom.test",
}

# Colleagues without a demo account of their own in each department, so requests, feedback and
# questions come from many people (as in a real council) rather than the few accounts above.
COLLEAGUES = {
    "Planning": 22,
    "Highways": 22,
    "Adult Social Care": 26,
    "Children's Services": 48,
    "Housing": 24,
    "Legal Services": 12,
    "Environmental Health": 14,
}


DEMO_EMAILS = [email for email, *_ in DEMO_PEOPLE]


def colleagues() -> list[tuple[str, str, str]]:
    """(email, name, team) of each colleague: the same people every time, none named like another."""
    names = content.data("names")
    rng = random.Random("demo colleagues")
    taken = {name for _, name, _, _ in DEMO_PEOPLE}
    made = []
    for team, count in COLLEAGUES.items():
        for _ in range(count):
            name = f"{rng.choice(names['first_names'])} {rng.choice(names['last_names'])}"
            while name in taken:
                name = f"{rng.choice(names['first_names'])} {rng.choice(names['last_names'])}"
            taken.add(name)
            made.append((name.lower().replace("'", "").replace(" ", ".") + "@staffroom.test", name, team))
    return made


def is_empty() -> bool:
    return db.session.scalar(select(User.id).limit(1)) is None


def seed_people(progress=print) -> dict:
    """The teams and the demo accounts that are missing: {"teams": created, "people": created}."""
    created = {"teams": 0, "people": 0}
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    for name in BUSINESS_SUPPORT_TEAMS + DEPARTMENTS:
        if name not in teams:
            teams[name] = Team(name=name, is_business_support=name in BUSINESS_SUPPORT_TEAMS)
            db.session.add(teams[name])
            created["teams"] += 1
    progress(f"teams: {created['teams']} created, {len(teams)} in all")

    existing = set(db.session.scalars(select(User.email)))
    everyone = DEMO_PEOPLE + [(email, name, team, []) for email, name, team in colleagues()]
    # One hash for every demo account: hashing is deliberately slow.
    password_hash = passwords.hash_password(DEMO_PASSWORD) if len(existing) < len(everyone) else None
    for email, name, team, roles in everyone:
        if email in existing:
            continue
        person = User(email=email, name=name, team=teams[team], active=True, password_hash=password_hash)
        person.set_roles(roles)
        db.session.add(person)
        created["people"] += 1
    db.session.flush()
    by_email = {person.email: person for person in db.session.scalars(select(User).where(User.email.in_(DEMO_EMAILS)))}
    for email, manager in LINE_MANAGERS.items():
        if by_email[email].line_manager_id is None:
            by_email[email].line_manager_id = by_email[manager].id
    progress(f"people: {created['people']} created, {len(existing) + created['people']} in all")
    return created
