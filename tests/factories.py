"""Small factories with sensible defaults, and the fixtures that use them."""

import itertools
import threading

import pytest
from sqlalchemy import select

from app.auth import passwords
from app.extensions import db
from app.kb import services
from app.markup import slugify
from app.models import Category, Service, ServiceCategory, ServiceField, StoredFile, Team, User

DEFAULT_PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)
_hash_cache: dict[str, str] = {}


def _hash(password: str) -> str:
    # Hashing is deliberately slow (argon2id): hash each test password once per run.
    if password not in _hash_cache:
        _hash_cache[password] = passwords.hash_password(password)
    return _hash_cache[password]


def make_team(name=None, *, business_support=True, **kwargs) -> Team:
    team = Team(name=name or f"Team {next(_sequence)}", is_business_support=business_support, **kwargs)
    db.session.add(team)
    db.session.commit()
    return team


def make_user(*, roles=(), name=None, email=None, password=DEFAULT_PASSWORD, team=None, active=True) -> User:
    number = next(_sequence)
    user = User(
        name=name or f"Person {number}",
        email=(email or f"person{number}@council.test").lower(),
        password_hash=_hash(password),
        team=team,
        active=active,
    )
    user.set_roles(roles)
    db.session.add(user)
    db.session.commit()
    return user


@pytest.fixture
def staff(app):
    return make_user(name="Sam Staff")


@pytest.fixture
def admin(app):
    return make_user(roles=["admin"], name="Ada Admin")


def signed_in_client(app, user, *, user_agent=None, **kwargs):
    """A browser of its own (own cookies, own session record), signed in as `user`."""
    client = app.test_client()
    if user_agent:
        client.environ_base["HTTP_USER_AGENT"] = user_agent
    client.sign_in(user, **kwargs)
    return client


@pytest.fixture
def editor(app):
    return make_user(roles=["editor"], name="Ed Editor")


@pytest.fixture
def staff_client(app, staff):
    return signed_in_client(app, staff)


@pytest.fixture
def editor_client(app, editor):
    return signed_in_client(app, editor)


@pytest.fixture
def admin_client(app, admin):
    return signed_in_client(app, admin)


def make_category(name=None, *, description=""):
    name = name or f"Category {next(_sequence)}"
    category = Category(name=name, slug=slugify(name), description=description, position=next(_sequence))
    db.session.add(category)
    db.session.commit()
    return category


def make_article(
    *,
    title=None,
    summary="What this article helps with",
    body="Some guidance.",
    category=None,
    author=None,
    owner=None,
    status="published",
    tags="",
    review_by=None,
    change_note="",
):
    """An article saved through the knowledge base's own service, so it has its first revision."""
    author = author or make_user(roles=["editor"])
    article = services.create_article(
        author=author,
        title=title or f"Article {next(_sequence)}",
        summary=summary,
        body=body,
        category_id=(category or make_category()).id,
        tags=tags,
        owner_id=(owner or author).id,
        status=status,
        review_by=review_by,
        change_note=change_note,
    )
    db.session.commit()
    return article


def make_service(
    *,
    name=None,
    team=None,
    category="Meetings and events",
    resolution_days=3,
    first_response_hours=None,
    audience="everyone",
    requesting_teams=(),
    active=True,
    summary="We help with this",
    description="",
    keywords="",
    fields=(),
):
    """A service saved directly, with `fields` given as dicts of ServiceField columns in order."""
    name = name or f"Service {next(_sequence)}"
    service_category = db.session.scalar(select(ServiceCategory).where(ServiceCategory.name == category))
    service = Service(
        name=name,
        slug=slugify(name),
        summary=summary,
        description=description,
        keywords=keywords,
        category=service_category or ServiceCategory(name=category, slug=slugify(category)),
        team=team or make_team(),
        resolution_days=resolution_days,
        first_response_hours=first_response_hours,
        audience=audience,
        requesting_teams=list(requesting_teams),
        active=active,
    )
    for position, spec in enumerate(fields, start=1):
        service.fields.append(ServiceField(position=position, **{"required": True, **spec}))
    db.session.add(service)
    db.session.commit()
    return service


def stored_files() -> dict[str, bytes]:
    """Every uploaded file the database keeps (app/files.py), by its generated name."""
    db.session.expire_all()
    return {row.name: row.data for row in db.session.execute(select(StoredFile.name, StoredFile.data))}


def run_at_once(apps, work) -> list:
    """`work()` in each app's context, each in a thread of its own, released together (as runs
    of a command in separate processes would be): what each returned. Any error fails the test."""
    start = threading.Barrier(len(apps))
    results, errors = [], []

    def run(app):
        try:
            with app.app_context():
                start.wait()
                results.append(work())
        except Exception as error:  # noqa: BLE001  reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    return results
