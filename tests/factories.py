"""Small factories with sensible defaults, and the fixtures that use them."""
import itertools

import pytest

from app.auth import passwords
from app.extensions import db
from app.models import Team, User

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
        name=name or f"Person {number}", email=(email or f"person{number}@council.test").lower(),
        password_hash=_hash(password), team=team, active=active,
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
