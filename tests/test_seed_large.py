"""The large benchmark dataset (bench/seed_large.py), made tiny: the amounts asked for, data that
keeps the app's own rules (one vote per person, SLA columns from the working-time calendar), and
pages that render on it."""

import pytest
from sqlalchemy import func, select

from app.demo import DEMO_PASSWORD
from app.extensions import db
from app.ideas import services as ideas
from app.kb import community as kb_community
from app.kb import gaps
from app.models import (
    Article,
    ArticleRevision,
    Deflection,
    Idea,
    IdeaComment,
    IdeaVote,
    SearchLog,
    ServiceRequest,
    User,
)
from app.models.service_request import OPEN_STATUSES
from app.working_time import calendar
from bench.seed_large import seed_large, volumes
from tests.factories import signed_in_client

SCALE = 0.005


@pytest.fixture
def seeded(app):
    return seed_large(SCALE, seed=3, progress=lambda line: None)


def test_tiny_seed_makes_the_amounts_asked_for(seeded):
    wanted = volumes(SCALE)
    tables = {
        "users": User,
        "articles": Article,
        "ideas": Idea,
        "idea_votes": IdeaVote,
        "idea_comments": IdeaComment,
        "service_requests": ServiceRequest,
        "deflections": Deflection,
        "search_log": SearchLog,
    }
    for name, model in tables.items():
        assert (
            seeded[model.__tablename__] == wanted[name] == db.session.scalar(select(func.count()).select_from(model))
        ), name
    # One password hash, computed once: anyone can be signed in as.
    assert len(set(db.session.scalars(select(User.password_hash)))) == 1
    still_open = db.session.scalar(
        select(func.count()).select_from(ServiceRequest).where(ServiceRequest.status.in_(OPEN_STATUSES))
    )
    open_share = still_open / wanted["service_requests"]
    assert 0.04 <= open_share <= 0.2
    assert db.session.scalar(select(func.count()).select_from(SearchLog).where(SearchLog.results == 0)) > 0


def test_votes_are_one_per_person_and_counted_from_the_rows(seeded):
    twice = (
        select(IdeaVote.idea_id, IdeaVote.user_id).group_by(IdeaVote.idea_id, IdeaVote.user_id).having(func.count() > 1)
    )
    assert db.session.execute(twice).all() == []
    # Each idea's stored count is its rows, and every open idea carries its author's vote.
    rows = dict(db.session.execute(select(IdeaVote.idea_id, func.count()).group_by(IdeaVote.idea_id)).all())
    assert sum(rows.values()) > 0
    for idea in db.session.scalars(ideas.board(sort="top")):
        votes = ideas.vote_count(idea)
        assert votes == rows.get(idea.id, 0)
        if idea.status == "duplicate":
            assert votes == 0 and idea.duplicate_of_id is not None
        else:
            assert db.session.get(IdeaVote, (idea.id, idea.author_id)) is not None
    # Revisions: the article's number is its latest revision's.
    latest = dict(
        db.session.execute(
            select(ArticleRevision.article_id, func.max(ArticleRevision.number)).group_by(ArticleRevision.article_id)
        ).all()
    )
    assert all(latest[article.id] == article.revision_number for article in db.session.scalars(select(Article)))


def test_resolved_requests_have_sla_figures_from_the_working_time_calendar(seeded):
    work = calendar()
    resolved = list(db.session.scalars(select(ServiceRequest).where(ServiceRequest.resolved_at.is_not(None))))
    assert len(resolved) > 0.7 * volumes(SCALE)["service_requests"]
    for request in resolved:
        assert request.resolved_at >= request.submitted_at
        assert request.resolution_minutes == max(
            0, work.working_minutes_between(request.clock_started_at, request.resolved_at) - request.paused_minutes
        )
        assert request.resolved_within_sla == (request.resolved_at <= request.due_at)
        if request.first_response_at is not None:
            assert request.first_response_minutes == work.working_minutes_between(
                request.clock_started_at, request.first_response_at
            )
    assert all(
        request.resolved_at is None
        for request in db.session.scalars(select(ServiceRequest).where(ServiceRequest.status.in_(OPEN_STATUSES)))
    )


def test_dashboard_ideas_and_knowledge_pages_render_on_the_data(seeded, app):
    staff = db.session.scalar(select(User).where(User.email == "staff@staffroom.test"))
    assert kb_community.most_helpful(staff) and kb_community.poor_feedback() and gaps.overdue_reviews()
    client = signed_in_client(app, staff, password=DEMO_PASSWORD)
    for url in ("/dashboard", "/dashboard/knowledge", "/ideas", "/kb/"):
        assert client.get(url).status_code == 200, url
