"""Command-line tasks an operator runs."""

from datetime import timedelta

from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import (
    User,
    UserSession,
)
from tests.factories import DEFAULT_PASSWORD


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_if_empty_leaves_a_used_database_alone(app, staff):
    result = app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
    assert "nothing to do" in result.output
    assert count(User) == 1


def test_seed_demo_refuses_in_production(make_app):
    app = make_app(STAFFROOM_ENV="production")
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code != 0
        assert "production" in result.output
        assert count(User) == 0


def test_create_admin_makes_an_administrator_who_can_sign_in(app, client):
    result = app.test_cli_runner().invoke(
        args=["users", "create-admin", "--email", "Head.Of.BS@council.test", "--name", "Jo Head"],
        input=f"{DEFAULT_PASSWORD}\n{DEFAULT_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    person = db.session.scalar(select(User).where(User.email == "head.of.bs@council.test"))
    assert person.has_role("admin")
    client.sign_in(person)
    assert client.get("/admin/people").status_code == 200


def test_create_admin_rejects_a_short_password(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create-admin", "--email", "a@council.test", "--name", "A"],
        input="short\nshort\n",
    )
    assert result.exit_code != 0
    assert "12 characters" in result.output
    assert count(User) == 0


def test_housekeeping_removes_expired_sessions(app, client, staff):
    client.sign_in(staff)
    with clock.fixed(clock.now() + timedelta(hours=9)):
        result = app.test_cli_runner().invoke(args=["housekeeping"])
    assert "1 expired sessions" in result.output
    assert count(UserSession) == 0
