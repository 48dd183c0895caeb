"""Command-line tasks an operator runs."""

from datetime import timedelta

from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.kb import gaps
from app.models import (
    Article,
    ArticleFeedback,
    ArticleRevision,
    Category,
    Idea,
    IdeaVote,
    RequestAnswer,
    SearchLog,
    Service,
    ServiceField,
    ServiceRequest,
    Team,
    User,
    UserSession,
)
from tests.factories import DEFAULT_PASSWORD


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_creates_every_role_and_prints_the_accounts(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    for email in (
        "admin@staffroom.test",
        "manager@staffroom.test",
        "agent@staffroom.test",
        "ea@staffroom.test",
        "staff@staffroom.test",
    ):
        assert email in result.output
    roles = {user.email: user.roles for user in db.session.scalars(select(User))}
    assert "admin" in roles["admin@staffroom.test"]
    assert "manager" in roles["manager@staffroom.test"]
    assert "agent" in roles["agent@staffroom.test"]
    assert "editor" in roles["ea@staffroom.test"]
    assert roles["staff@staffroom.test"] == {"staff"}
    staff = db.session.scalar(select(User).where(User.email == "staff@staffroom.test"))
    assert not staff.team.is_business_support


def test_seed_demo_twice_changes_nothing(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    models = (User, Team, Service, ServiceField, ServiceRequest, RequestAnswer)
    counts = [count(model) for model in models]
    versions = dict(db.session.execute(select(User.email, User.version)).all())
    services = dict(db.session.execute(select(Service.name, Service.version)).all())
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0
    db.session.rollback()
    assert [count(model) for model in models] == counts
    assert dict(db.session.execute(select(User.email, User.version)).all()) == versions
    assert dict(db.session.execute(select(Service.name, Service.version)).all()) == services


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


def test_seed_demo_adds_a_realistic_knowledge_base(app):
    app.test_cli_runner().invoke(args=["seed-demo"])
    assert count(Article) >= 30
    per_category = dict(
        db.session.execute(select(Category.name, func.count(Article.id)).join(Article).group_by(Category.name)).all()
    )
    assert len(per_category) == 7 and min(per_category.values()) >= 3
    assert count(ArticleRevision) > count(Article)  # some articles have a history
    assert count(ArticleFeedback) > 0
    assert len(gaps.overdue_reviews()) >= 3  # a few overdue reviews
    assert db.session.scalar(select(func.count()).select_from(SearchLog).where(SearchLog.results == 0)) > 0


def test_seed_demo_counts_each_idea_s_votes(app):
    app.test_cli_runner().invoke(args=["seed-demo"])
    rows = dict(db.session.execute(select(IdeaVote.idea_id, func.count()).group_by(IdeaVote.idea_id)).all())
    stored = dict(db.session.execute(select(Idea.id, Idea.vote_count)).all())
    assert sum(rows.values()) > len(stored) > 0
    assert stored == {idea_id: rows.get(idea_id, 0) for idea_id in stored}
