"""Ideas, votes and moves through the workflow for the ideas tests, made through the board's own
services (so each has its author's vote and follow, its history and its search outbox rows)."""

from flask import current_app
from sqlalchemy import func, select

from app.extensions import db
from app.ideas import services
from app.models import Idea, IdeaVote, Notification, User
from tests.factories import make_user

# The way to each status from "new", as a moderator would take it.
ROUTE_TO = {
    "new": [],
    "under_review": ["under_review"],
    "planned": ["under_review", "planned"],
    "in_progress": ["under_review", "planned", "in_progress"],
    "implemented": ["under_review", "planned", "in_progress", "implemented"],
    "not_taken_forward": ["not_taken_forward"],
}


def moderator(name=None) -> User:
    return make_user(roles=["manager"], name=name)


def make_idea(
    *,
    author=None,
    title=None,
    description="One template for every report, kept in one place.",
    area=None,
    tags="",
    anonymous=False,
    hours=None,
    pounds=None,
    quality="",
    status="new",
    by=None,
) -> Idea:
    """An idea posted by `author` (a new person if not given), then moved to `status` by `by`."""
    author = author or make_user()
    with current_app.test_request_context():
        idea = services.post_idea(
            author=author,
            title=title or "A shared template for report front sheets",
            description=description,
            area_team_id=area.id if area else None,
            tags=tags,
            anonymous=anonymous,
            hours_per_month=hours,
            pounds_per_year=pounds,
            quality=quality,
        )
        db.session.commit()
        if ROUTE_TO[status]:
            move(idea, by or moderator(), *ROUTE_TO[status])
    return idea


def move(idea, by, *statuses, **details) -> Idea:
    """Change the status as `by`, one step at a time, and commit."""
    with current_app.test_request_context():
        for status in statuses:
            extra = dict(details)
            if status == "not_taken_forward":
                extra.setdefault("reason", "Already covered by the new case system")
            services.change_status(idea, by, status, **extra)
        db.session.commit()
    return idea


def vote(idea, *people, wanted=True) -> None:
    with current_app.test_request_context():
        for person in people:
            services.set_vote(idea, person, wanted)
        db.session.commit()


def comment(idea, author, body="Yes please, we retype these every week", parent=None):
    with current_app.test_request_context():
        added = services.add_comment(idea, author, body, parent_id=parent.id if parent else None)
        db.session.commit()
    return added


def voter_ids(idea_id: int) -> list[int]:
    return sorted(db.session.scalars(select(IdeaVote.user_id).where(IdeaVote.idea_id == idea_id)))


def stored_and_counted(idea_id: int) -> tuple[int, int]:
    """The idea's vote_count as the database holds it, and its vote rows counted."""
    stored = db.session.scalar(select(Idea.vote_count).where(Idea.id == idea_id))
    counted = db.session.scalar(select(func.count()).select_from(IdeaVote).where(IdeaVote.idea_id == idea_id))
    return stored, counted


def messages_for(person) -> list[str]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Notification.message).where(Notification.user_id == person.id).order_by(Notification.id)
        )
    )


def new_idea_form(**changes) -> dict:
    """What the new-idea form posts, with `changes`."""
    data = {
        "title": "Scan the post on arrival",
        "description": "Scan letters as they arrive, so nobody walks to the post room.",
        "area": "0",
        "tags": "post, scanning",
        "hours_per_month": "",
        "pounds_per_year": "",
        "quality": "",
        "submit": "Post idea",
    }
    data.update(changes)
    return data
