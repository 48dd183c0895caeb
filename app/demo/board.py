"""The demo ideas board: the ideas of app/demo/content/ideas.yaml, in every status and area, with
votes, comments, status histories and benefits."""

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.demo import content
from app.demo.knowledge import add_tags
from app.demo.people import DEMO_PEOPLE
from app.extensions import db
from app.models import (
    Idea,
    IdeaBenefit,
    IdeaComment,
    IdeaFollow,
    IdeaStatus,
    IdeaStatusChange,
    IdeaVote,
    Tag,
    Team,
    User,
)


def seed_ideas(progress=print) -> int:
    """The demo ideas: every status and area, with votes, comments, histories and benefits."""
    ideas = content.ideas()
    existing = set(db.session.scalars(select(Idea.title)))
    people = {user.email: user for user in db.session.scalars(select(User))}
    # Votes come from the demo accounts: the counts the ideas were written with (colleagues would add more).
    voters = sorted((people[email] for email, *_ in DEMO_PEOPLE if email in people), key=lambda user: user.id)
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    tags = {tag.name: tag for tag in db.session.scalars(select(Tag))}
    now, created, by_title = clock.now(), 0, {}
    for number, entry in enumerate(ideas):
        if entry["title"] in existing:
            continue
        add_tags(entry["tags"], tags)
        posted = now - timedelta(days=entry["posted_days_ago"])
        author = people[entry["author"]]
        idea = Idea(
            title=entry["title"],
            description=entry["description"],
            area_team=teams.get(entry["area"]),
            author_id=author.id,
            anonymous=entry["anonymous"],
            expected_hours_per_month=entry["expected_hours_per_month"],
            expected_pounds_per_year=entry["expected_pounds_per_year"],
            expected_quality=entry["expected_quality"],
            status=entry["status"],
            status_reason=entry["reason"],
            created_at=posted,
            updated_at=posted,
            tags=[tags[name] for name in entry["tags"]],
        )
        db.session.add(idea)
        db.session.flush()
        by_title[idea.title] = idea
        _add_history(idea, entry, people, now)
        chosen = [author] + [voter for voter in voters[(number * 3) % len(voters) :] + voters if voter.id != author.id]
        # A merged duplicate's votes went to the idea it duplicates.
        wanted = 0 if entry["status"] == IdeaStatus.DUPLICATE else entry["voters"] + 1
        _add_votes(idea, list(dict.fromkeys(chosen[:wanted])), number, posted, now)
        _add_comments(idea, entry["comments"], people, now)
        if entry.get("benefit"):
            _add_benefit(idea, entry["benefit"], people["manager@staffroom.test"], now)
        created += 1
    for entry in ideas:
        if entry["status"] == IdeaStatus.DUPLICATE and entry["title"] in by_title:
            target = by_title.get(entry["duplicate_of"]) or db.session.scalar(
                select(Idea).where(Idea.title == entry["duplicate_of"])
            )
            by_title[entry["title"]].duplicate_of_id = target.id if target else None
    db.session.flush()
    progress(f"ideas: {created} created")
    return created


def _add_history(idea, entry: dict, people: dict, now) -> None:
    previous = IdeaStatus.NEW
    for change in entry["history"]:
        at = now - timedelta(days=change["days_ago"])
        db.session.add(
            IdeaStatusChange(
                idea_id=idea.id,
                actor_id=people[change["by"]].id,
                from_status=previous,
                to_status=change["to"],
                note=change["note"],
                created_at=at,
            )
        )
        previous, idea.updated_at = change["to"], at


def _add_votes(idea, voters: list, number: int, posted, now) -> None:
    """Each voter's vote, and their following the idea."""
    for offset, voter in enumerate(voters):
        db.session.add(
            IdeaVote(
                idea_id=idea.id,
                user_id=voter.id,
                created_at=max(posted, now - timedelta(days=(offset * 5 + number) % 60)),
            )
        )
        db.session.add(IdeaFollow(idea_id=idea.id, user_id=voter.id, following=True))
    idea.vote_count = len(voters)  # the votes above, on an idea new in this transaction


def _add_comments(idea, comments: list, people: dict, now) -> None:
    for item in comments:
        comment = IdeaComment(
            idea_id=idea.id,
            author_id=people[item["author"]].id,
            body=item["body"],
            created_at=now - timedelta(days=item["days_ago"]),
        )
        db.session.add(comment)
        db.session.flush()
        for reply in item.get("replies", []):
            db.session.add(
                IdeaComment(
                    idea_id=idea.id,
                    parent_id=comment.id,
                    author_id=people[reply["author"]].id,
                    body=reply["body"],
                    created_at=now - timedelta(days=reply["days_ago"]),
                )
            )


def _add_benefit(idea, benefit: dict, recorded_by, now) -> None:
    realised = now - timedelta(days=benefit["realised_days_ago"])
    db.session.add(
        IdeaBenefit(
            idea_id=idea.id,
            hours_per_month=benefit["hours_per_month"],
            pounds_per_year=benefit["pounds_per_year"],
            description=benefit["description"],
            realised_on=realised.date(),
            recorded_by_id=recorded_by.id,
            recorded_at=realised,
        )
    )
