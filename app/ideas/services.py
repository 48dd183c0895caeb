"""Ideas board rules and writes: posting, voting, comments, the status workflow with merging,
following, and the benefits register."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from flask import url_for
from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm.attributes import set_committed_value

from app import audit, clock
from app.extensions import db, rows_changed
from app.models import (
    Idea,
    IdeaBenefit,
    IdeaComment,
    IdeaCommentEdit,
    IdeaFollow,
    IdeaStatus,
    IdeaStatusChange,
    IdeaVote,
    Role,
    Tag,
    Team,
    User,
    UserRole,
)
from app.models.idea import STATUS_LABELS
from app.notify import NEW_IDEAS, Email, link_to, notify
from app.tags import parse_tags, tags_named
from app.validation import FieldError

# An idea or a comment: what a form posts once (post_idea, add_comment).
Posted = TypeVar("Posted", Idea, IdeaComment)

PAGE_SIZE = 20
TRENDING_DAYS = 14
TRENDING_NEW_IDEA = 3  # what being posted in the last TRENDING_DAYS counts for, in votes
SORTS = {"trending": "Trending", "top": "Most votes", "newest": "Newest", "updated": "Recently updated"}
# Which status may follow which. Moderators only; any open idea can be declined or merged.
TRANSITIONS: dict[str, set[str]] = {
    IdeaStatus.NEW: {IdeaStatus.UNDER_REVIEW, IdeaStatus.NOT_TAKEN_FORWARD, IdeaStatus.DUPLICATE},
    IdeaStatus.UNDER_REVIEW: {IdeaStatus.PLANNED, IdeaStatus.NOT_TAKEN_FORWARD, IdeaStatus.DUPLICATE, IdeaStatus.NEW},
    IdeaStatus.PLANNED: {IdeaStatus.IN_PROGRESS, IdeaStatus.NOT_TAKEN_FORWARD, IdeaStatus.UNDER_REVIEW},
    IdeaStatus.IN_PROGRESS: {IdeaStatus.IMPLEMENTED, IdeaStatus.PLANNED, IdeaStatus.NOT_TAKEN_FORWARD},
    IdeaStatus.IMPLEMENTED: {IdeaStatus.IN_PROGRESS},
    IdeaStatus.NOT_TAKEN_FORWARD: {IdeaStatus.UNDER_REVIEW},
    IdeaStatus.DUPLICATE: set(),
}
# Decided ideas: their votes are kept and shown, but no more are taken; a merged idea (duplicate)
# is read-only, its votes and comments moved to the idea it was merged into.
VOTING_CLOSED = frozenset({IdeaStatus.IMPLEMENTED, IdeaStatus.NOT_TAKEN_FORWARD, IdeaStatus.DUPLICATE})
CLOSED_TO_COMMENTS = frozenset({IdeaStatus.DUPLICATE})

# Each status's label, looked up by the value a form or a caller gives (a str).
_LABELS: dict[str, str] = dict(STATUS_LABELS.items())
ROADMAP_COLUMNS = (
    IdeaStatus.NEW,
    IdeaStatus.UNDER_REVIEW,
    IdeaStatus.PLANNED,
    IdeaStatus.IN_PROGRESS,
    IdeaStatus.IMPLEMENTED,
)
ROADMAP_SIZE = 30  # the most-voted ideas shown in each column


# --- Reading ---------------------------------------------------------------------------------


def areas() -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.is_business_support.is_(True)).order_by(Team.name)))


def get_idea(idea_id: int) -> Idea | None:
    return db.session.get(Idea, idea_id)


def recent_votes_subquery(since, until):
    """Votes per idea cast between `since` and `until`, read from the (created_at, idea_id) index
    alone: only its recent entries. The upper bound matters to SQLite: given only `>= since` it
    would rather walk the primary key in idea_id order for the GROUP BY and read all 200,000 votes
    (34 ms, not 1)."""
    return (
        select(IdeaVote.idea_id, func.count().label("votes"))
        .where(IdeaVote.created_at.between(since, until))
        .group_by(IdeaVote.idea_id)
        .subquery()
    )


def board(*, sort="trending", status=None, area=None, tag=None, ids=None, author_id=None, voter_id=None):
    """The board's query: ideas, filtered and sorted (counts come from each idea's vote_count)."""
    statement = select(Idea)
    if status:
        statement = statement.where(Idea.status == status)
    if area == "council-wide":
        statement = statement.where(Idea.area_team_id.is_(None))
    elif area:
        statement = statement.where(Idea.area_team.has(Team.name == area))
    if tag:
        statement = statement.where(Idea.tags.any(Tag.slug == tag))
    if ids is not None:
        statement = statement.where(Idea.id.in_(ids or [-1]))
    if author_id is not None:
        statement = statement.where(Idea.author_id == author_id)
    if voter_id is not None:
        statement = statement.where(Idea.id.in_(select(IdeaVote.idea_id).where(IdeaVote.user_id == voter_id)))
    if sort == "top":
        order = [Idea.vote_count.desc()]
    elif sort == "newest":
        order = [Idea.created_at.desc()]
    elif sort == "updated":
        order = [Idea.updated_at.desc()]
    else:
        # Trending (README, "Ideas board"): open ideas before decided ones; among them, the most
        # activity in the last TRENDING_DAYS (each vote and each comment counts one, and a new
        # idea counts TRENDING_NEW_IDEA); then the newest. Last year's implemented ideas, however
        # many votes they had, come after this week's new ones.
        now = clock.now()
        since = now - timedelta(days=TRENDING_DAYS)
        recent = recent_votes_subquery(since, now)
        talk = (
            select(IdeaComment.idea_id, func.count().label("comments"))
            .where(IdeaComment.created_at.between(since, now))
            .group_by(IdeaComment.idea_id)
            .subquery()
        )
        statement = statement.outerjoin(recent, recent.c.idea_id == Idea.id).outerjoin(talk, talk.c.idea_id == Idea.id)
        activity = (
            func.coalesce(recent.c.votes, 0)
            + func.coalesce(talk.c.comments, 0)
            + case((Idea.created_at >= since, TRENDING_NEW_IDEA), else_=0)
        )
        decided = case((Idea.status.in_(VOTING_CLOSED), 1), else_=0)
        order = [decided, activity.desc(), Idea.created_at.desc()]
    return statement.order_by(*order, Idea.id.desc())


def _first_ids(statement, limit: int) -> list[int]:
    """The ids of the statement's first ideas: narrow rows to sort (an id and its sort keys)."""
    return list(db.session.scalars(statement.with_only_columns(Idea.id).limit(limit)))


def _loaded(ids: list[int]) -> list[Idea]:
    """These ideas, in this order, with their authors, areas and tags."""
    ideas_by_id = {idea.id: idea for idea in db.session.scalars(select(Idea).where(Idea.id.in_(ids)))} if ids else {}
    return [ideas_by_id[idea_id] for idea_id in ids if idea_id in ideas_by_id]


def trending(limit: int = 5) -> list[tuple[Idea, int]]:
    """Open ideas with the most votes lately (the home page's list)."""
    statement = board(sort="trending").where(
        Idea.status.not_in((IdeaStatus.DUPLICATE, IdeaStatus.NOT_TAKEN_FORWARD, IdeaStatus.IMPLEMENTED))
    )
    return [(idea, vote_count(idea)) for idea in _loaded(_first_ids(statement, limit))]


def page_of(statement, page: int):
    """A page of the board's ideas. The page's ids are found first, sorting narrow rows; then only
    those ideas are loaded. Sorting whole ideas, each joined to its author and area, cost 20 ms on
    SQLite and 40 ms on PostgreSQL for "trending" at 20,000 ideas: both join every row before the
    sort."""
    ideas_page = db.paginate(
        statement.with_only_columns(Idea.id), page=max(page, 1), per_page=PAGE_SIZE, error_out=False, count=True
    )
    ideas_page.items = _loaded(list(ideas_page.items))
    return ideas_page


def count_of(statement) -> int:
    """How many ideas a board statement finds (what its page's total says), in one narrow count."""
    narrow = statement.with_only_columns(Idea.id).order_by(None).subquery()
    return db.session.scalar(select(func.count()).select_from(narrow)) or 0


def count_in_status(status: str) -> int:
    """How many ideas the board filtered to this status lists (the home page's figures)."""
    return count_of(board(status=status))


def roadmap() -> dict[str, list[tuple[Idea, int]]]:
    """Each stage's most-voted ideas: for each column the ids from the top of the (status,
    vote_count, id) index, then all of them loaded at once."""
    ids = {status: _first_ids(board(sort="top", status=status), ROADMAP_SIZE) for status in ROADMAP_COLUMNS}
    ideas = {idea.id: idea for idea in _loaded([idea_id for column in ids.values() for idea_id in column])}
    return {
        status: [(ideas[idea_id], vote_count(ideas[idea_id])) for idea_id in column if idea_id in ideas]
        for status, column in ids.items()
    }


def vote_counts(ideas) -> dict[int, int]:
    """Votes for each of these ideas."""
    return {idea.id: vote_count(idea) for idea in ideas}


def vote_count(idea: Idea) -> int:
    """The idea's votes: its vote_count column, which every vote and unvote keeps (_count_votes)."""
    return idea.vote_count


def has_voted(idea: Idea, user) -> bool:
    return db.session.get(IdeaVote, (idea.id, user.id)) is not None


def voted_ids(user, ideas) -> set[int]:
    ids = [idea.id for idea in ideas]
    if not ids:
        return set()
    return set(
        db.session.scalars(select(IdeaVote.idea_id).where(IdeaVote.user_id == user.id, IdeaVote.idea_id.in_(ids)))
    )


def is_following(idea: Idea, user) -> bool:
    follow = db.session.get(IdeaFollow, (idea.id, user.id))
    return follow is not None and follow.following


def comments(idea: Idea) -> list[tuple[IdeaComment, list[IdeaComment]]]:
    """Top-level comments in order, each with its replies."""
    rows = list(
        db.session.scalars(
            select(IdeaComment).where(IdeaComment.idea_id == idea.id).order_by(IdeaComment.created_at, IdeaComment.id)
        )
    )
    replies: dict[int, list[IdeaComment]] = {}
    for comment in rows:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    return [(comment, replies.get(comment.id, [])) for comment in rows if comment.parent_id is None]


def history(idea: Idea) -> list[IdeaStatusChange]:
    return list(
        db.session.scalars(
            select(IdeaStatusChange).where(IdeaStatusChange.idea_id == idea.id).order_by(IdeaStatusChange.created_at)
        )
    )


def get_comment(comment_id: int) -> IdeaComment | None:
    return db.session.get(IdeaComment, comment_id)


# --- Posting ---------------------------------------------------------------------------------


def _area(area_team_id) -> Team | None:
    if not area_team_id:
        return None
    team = db.session.get(Team, area_team_id)
    if team is None:
        raise FieldError("area", "Choose an area from the list")
    return team


def _follow(idea_id: int, user_id: int) -> None:
    """Follow, unless the person chose to unfollow this idea before."""
    if db.session.get(IdeaFollow, (idea_id, user_id)) is None:
        try:
            with db.session.begin_nested():
                db.session.add(IdeaFollow(idea_id=idea_id, user_id=user_id, following=True))
        except IntegrityError:
            pass  # followed a moment ago in another request


def _posted_before(model: type[Posted], submission_key: str | None, author: User) -> Posted | None:
    """What `author` already posted from the form with this key, if anything."""
    if not submission_key:
        return None
    return db.session.scalar(select(model).where(model.submission_key == submission_key, model.author_id == author.id))


def _save_once(item: Posted, submission_key: str | None, author: User) -> Posted:
    """Insert `item`; if the same form was posted at the same moment by another request (its key
    taken a moment ago), that request's item instead: one item, the same answer to both."""
    try:
        with db.session.begin_nested():
            db.session.add(item)
    except IntegrityError:
        posted = _posted_before(type(item), submission_key, author)
        if posted is not None:
            return posted
        if item.submission_key is None:
            raise  # not the key's constraint
        item.submission_key = None  # someone else's key (never a browser's doing): saved without one
        db.session.add(item)
        db.session.flush()
    return item


def post_idea(
    *,
    author: User,
    title: str,
    description: str,
    area_team_id,
    tags: str,
    anonymous: bool,
    hours_per_month,
    pounds_per_year,
    quality: str,
    submission_key: str | None = None,
) -> Idea:
    """A new idea, voted for and followed by its author. Posted again from the same form (a retry,
    a double click: the same `submission_key`), it is the idea already posted, not a second."""
    posted = _posted_before(Idea, submission_key, author)
    if posted is not None:
        return posted
    tag_names = parse_tags(tags)
    idea = Idea(
        title=" ".join(title.split()),
        description=description.strip(),
        area_team=_area(area_team_id),
        author_id=author.id,
        anonymous=anonymous,
        expected_hours_per_month=hours_per_month,
        expected_pounds_per_year=pounds_per_year,
        expected_quality=(quality or "").strip(),
        status=IdeaStatus.NEW,
        created_at=clock.now(),
        updated_at=clock.now(),
        vote_count=1,  # the author's vote below: both rows are new in this transaction
        submission_key=submission_key or None,
    )
    idea.tags = tags_named(tag_names)
    saved = _save_once(idea, submission_key, author)
    if saved is not idea:
        return saved
    # Authors vote for their own idea and follow it.
    db.session.add(IdeaVote(idea_id=idea.id, user_id=author.id, created_at=clock.now()))
    _follow(idea.id, author.id)
    audit.record(author, "idea_posted", idea, title=idea.title)
    db.session.flush()
    _tell_managers(idea, author)
    return idea


def _tell_managers(idea: Idea, author: User) -> None:
    """The continuous-improvement managers (every active manager, who decide on ideas) hear of a
    new idea; an anonymous one's author is never named."""
    managers = db.session.scalars(
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.MANAGER, User.active.is_(True))
    )
    by = "" if idea.anonymous else f" by {author.name}"
    notify(
        managers,
        f"New idea{by}: {idea.title}",
        link_to("ideas.show", idea_id=idea.id),  # also when posted outside a request (the demo, tests)
        except_id=author.id,
        email=Email(
            subject=f"New idea: {idea.title}",
            body=f"A new idea{by} on the ideas board:\n\n{idea.title}\n\n{idea.description}",
        ),
        kind=NEW_IDEAS,
    )


# --- Voting and following --------------------------------------------------------------------


def _count_votes(idea: Idea, change: int) -> None:
    """Add `change` (the vote rows just inserted, or minus those just deleted) to the idea's
    count, in the same transaction. `vote_count = vote_count + n` is atomic: on PostgreSQL the row
    lock makes concurrent votes queue and each adds to the latest committed count, where a recount
    (a subquery) under READ COMMITTED could miss a vote committed meanwhile. The new count comes
    back with RETURNING, so the page shows it."""
    if not change:
        return
    count = db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(vote_count=Idea.vote_count + change)
        .returning(Idea.vote_count)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    set_committed_value(idea, "vote_count", count)


def voting_open(idea: Idea) -> bool:
    return idea.status not in VOTING_CLOSED


def voting_closed_reason(idea: Idea) -> str:
    if idea.status == IdeaStatus.DUPLICATE:
        return "Voting has moved: this idea was merged into another"
    return f"Voting has closed: this idea is {_LABELS[idea.status].lower()}"


def set_vote(idea: Idea, user: User, wanted: bool) -> bool:
    """Vote or take the vote back. Idempotent (a double click changes nothing more); the primary
    key means two requests at once can never count a person twice, and the count changes only
    when a row was really added or removed. A decided idea keeps its votes and takes no change."""
    if not voting_open(idea):
        raise FieldError("vote", voting_closed_reason(idea))
    if wanted:
        try:
            with db.session.begin_nested():
                db.session.add(IdeaVote(idea_id=idea.id, user_id=user.id, created_at=clock.now()))
        except IntegrityError:
            pass  # already voted
        else:
            _count_votes(idea, +1)
        _follow(idea.id, user.id)
    else:
        removed = rows_changed(delete(IdeaVote).where(IdeaVote.idea_id == idea.id, IdeaVote.user_id == user.id))
        _count_votes(idea, -removed)  # 0 if there was no vote, or another request took it back first
    return wanted


def set_following(idea: Idea, user: User, following: bool) -> None:
    follow = db.session.get(IdeaFollow, (idea.id, user.id))
    if follow is None:
        db.session.add(IdeaFollow(idea_id=idea.id, user_id=user.id, following=following))
    else:
        follow.following = following
    db.session.flush()


def _followers(idea_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(IdeaFollow.user_id).where(IdeaFollow.idea_id == idea_id, IdeaFollow.following.is_(True))
        )
    )


def _tell_followers(idea: Idea, actor: User, message: str, anchor: str | None = None) -> None:
    notify(_followers(idea.id), message, url_for("ideas.show", idea_id=idea.id, _anchor=anchor), except_id=actor.id)


# --- Comments --------------------------------------------------------------------------------


def add_comment(
    idea: Idea, author: User, body: str, *, parent_id=None, submission_key: str | None = None
) -> IdeaComment:
    """A comment, or a reply (one level). Posted again from the same form (the same
    `submission_key`), it is the comment already posted, not a second."""
    posted = _posted_before(IdeaComment, submission_key, author)
    if posted is not None:
        return posted
    if idea.status in CLOSED_TO_COMMENTS:
        raise FieldError("body", "This idea was merged into another: comment on that one instead")
    body = (body or "").strip()
    if not body:
        raise FieldError("body", "Enter your comment")
    parent = None
    if parent_id:
        parent = db.session.get(IdeaComment, parent_id)
        if parent is None or parent.idea_id != idea.id:
            raise FieldError("body", "The comment you are replying to no longer exists")
        if parent.parent_id is not None:  # one level of replies: answer the thread instead
            parent = db.session.get(IdeaComment, parent.parent_id)
    comment = IdeaComment(
        idea_id=idea.id,
        author_id=author.id,
        parent_id=parent.id if parent else None,
        body=body,
        created_at=clock.now(),
        submission_key=submission_key or None,
    )
    saved = _save_once(comment, submission_key, author)
    if saved is not comment:
        return saved
    idea.updated_at = clock.now()
    db.session.flush()
    _follow(idea.id, author.id)
    _tell_followers(idea, author, f"{author.name} commented on “{idea.title}”", anchor=f"comment-{comment.id}")
    return comment


def edit_comment(comment: IdeaComment, editor: User, body: str) -> IdeaComment:
    body = (body or "").strip()
    if not body:
        raise FieldError("body", "Enter your comment")
    if body != comment.body:
        db.session.add(IdeaCommentEdit(comment_id=comment.id, body=comment.body, replaced_at=clock.now()))
        comment.body, comment.edited_at = body, clock.now()
        db.session.flush()
    return comment


def hide_comment(comment: IdeaComment, moderator: User, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise FieldError("reason", "Say why the comment is being removed")
    comment.hidden_at, comment.hidden_by_id, comment.hidden_reason = clock.now(), moderator.id, reason[:300]
    audit.record(moderator, "idea_comment_hidden", comment, reason=reason)
    db.session.flush()


# --- Status workflow -------------------------------------------------------------------------


def allowed_next(idea: Idea) -> list[IdeaStatus]:
    return [IdeaStatus(status) for status in STATUS_LABELS if status in TRANSITIONS[idea.status]]


def change_status(
    idea: Idea, moderator: User, to_status: str, *, note: str = "", reason: str = "", duplicate_of_id=None
) -> Idea:
    if to_status not in TRANSITIONS.get(idea.status, set()):
        raise FieldError(
            "status",
            f"An idea that is {idea.status_label.lower()} cannot become {_LABELS.get(to_status, to_status).lower()}",
        )
    reason = (reason or "").strip()
    if to_status == IdeaStatus.NOT_TAKEN_FORWARD and not reason:
        raise FieldError("reason", "Give the reason this idea is not being taken forward")
    target = None
    if to_status == IdeaStatus.DUPLICATE:
        target = db.session.get(Idea, duplicate_of_id) if duplicate_of_id else None
        if target is None or target.id == idea.id or target.status == IdeaStatus.DUPLICATE:
            raise FieldError("duplicate_search", "Find and choose the idea this one duplicates")
        note = note or f"Merged into idea {target.id}, “{target.title}”"
    from_status = idea.status
    idea.status, idea.status_reason, idea.updated_at = to_status, reason[:500], clock.now()
    db.session.add(
        IdeaStatusChange(
            idea_id=idea.id,
            actor_id=moderator.id,
            from_status=from_status,
            to_status=to_status,
            note=(note or reason).strip()[:1000],
            created_at=clock.now(),
        )
    )
    if target is not None:
        _merge(idea, target)
        # The merge is on both ideas' histories: not a change of the target's status.
        db.session.add(
            IdeaStatusChange(
                idea_id=target.id,
                actor_id=moderator.id,
                from_status=target.status,
                to_status=target.status,
                note=f"Idea {idea.id}, “{idea.title}”, merged into this one with its votes and comments"[:1000],
                created_at=clock.now(),
            )
        )
    audit.record(
        moderator,
        "idea_status_changed",
        idea,
        from_status=from_status,
        to_status=to_status,
        **({"merged_into": f"{target.id}: {target.title}"} if target is not None else {}),
    )
    db.session.flush()
    message = f"“{idea.title}” is now {_LABELS[to_status].lower()}"
    if target is not None:
        message += f": it has been merged into “{target.title}”"
    _tell_followers(idea, moderator, message, anchor="history")
    return idea


MERGE_CHOICES = 10


def merge_targets(idea: Idea, text: str) -> list[Idea]:
    """The ideas `idea` could be merged into that match what a moderator typed: its number, or
    every word of it in the title; open and decided ideas alike, never itself or a merged one."""
    text = " ".join((text or "").split())[:200]
    if not text:
        return []
    statement = select(Idea).where(Idea.id != idea.id, Idea.status != IdeaStatus.DUPLICATE)
    number = text.lstrip("#")
    if number.isdigit():
        statement = statement.where(Idea.id == int(number))
    else:
        for word in text.lower().split():
            statement = statement.where(func.lower(Idea.title).contains(word, autoescape=True))
    return list(db.session.scalars(statement.order_by(Idea.vote_count.desc(), Idea.id.desc()).limit(MERGE_CHOICES)))


def _merge(duplicate: Idea, target: Idea) -> None:
    """Move votes (nobody counted twice), comments and followers to the target idea."""
    duplicate.duplicate_of_id = target.id
    already = select(IdeaVote.user_id).where(IdeaVote.idea_id == target.id)
    moved = rows_changed(
        insert(IdeaVote)
        .from_select(
            ["idea_id", "user_id", "created_at"],
            select(db.literal(target.id), IdeaVote.user_id, IdeaVote.created_at).where(
                IdeaVote.idea_id == duplicate.id, IdeaVote.user_id.not_in(already)
            ),
        )
        .execution_options(preserve_rowcount=True)  # else -1 for an INSERT on PostgreSQL
    )
    removed = rows_changed(delete(IdeaVote).where(IdeaVote.idea_id == duplicate.id))
    # The rows each statement really changed: the target gains the voters it did not have, and
    # the duplicate loses every vote (its count becomes 0).
    _count_votes(target, moved)
    _count_votes(duplicate, -removed)
    db.session.execute(
        update(IdeaComment)
        .where(IdeaComment.idea_id == duplicate.id)
        .values(idea_id=target.id)
        .execution_options(synchronize_session=False)
    )
    following = select(IdeaFollow.user_id).where(IdeaFollow.idea_id == target.id)
    db.session.execute(
        insert(IdeaFollow).from_select(
            ["idea_id", "user_id", "following"],
            select(db.literal(target.id), IdeaFollow.user_id, IdeaFollow.following).where(
                IdeaFollow.idea_id == duplicate.id, IdeaFollow.user_id.not_in(following)
            ),
        )
    )
    target.updated_at = clock.now()


# --- Benefits register -----------------------------------------------------------------------


def parse_amount(text: str | None, field: str, *, whole: bool = False, label: str):
    """'' -> None; '1,200' -> 1200; anything else a clear message."""
    text = (text or "").strip().replace(",", "").replace("£", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():  # "NaN" and "Infinity" parse, but are no amount
        raise FieldError(field, f"{label} must be a number, like 12")
    if value < 0 or value > 10_000_000:
        raise FieldError(field, f"{label} must be between 0 and 10,000,000")
    if whole:
        if value != value.to_integral_value():
            raise FieldError(field, f"{label} must be a whole number of pounds")
        return int(value)
    return round(float(value), 1)


def record_benefit(
    idea: Idea, moderator: User, *, hours_per_month, pounds_per_year, description: str, realised_on: date
) -> IdeaBenefit:
    if idea.status != IdeaStatus.IMPLEMENTED:
        raise FieldError(None, "Benefits are recorded for implemented ideas")
    if hours_per_month is None and pounds_per_year is None and not (description or "").strip():
        raise FieldError("hours_per_month", "Enter the hours saved, the money saved, or describe the benefit")
    if realised_on is None:
        raise FieldError("realised_on", "Enter the date the benefit was realised")
    if realised_on > clock.today():  # "today" where the register is kept
        raise FieldError("realised_on", "The date the benefit was realised must be today or in the past")
    benefit = idea.benefit or IdeaBenefit(idea_id=idea.id)
    benefit.hours_per_month, benefit.pounds_per_year = hours_per_month, pounds_per_year
    benefit.description, benefit.realised_on = (description or "").strip()[:1000], realised_on
    benefit.recorded_by_id, benefit.recorded_at = moderator.id, clock.now()
    db.session.add(benefit)
    audit.record(moderator, "idea_benefit_recorded", idea, hours=str(hours_per_month), pounds=pounds_per_year)
    db.session.flush()
    return benefit


def benefits() -> list[IdeaBenefit]:
    return list(
        db.session.scalars(
            select(IdeaBenefit)
            .join(Idea)
            .options(contains_eager(IdeaBenefit.idea))
            .where(Idea.status == IdeaStatus.IMPLEMENTED)
            .order_by(IdeaBenefit.realised_on.desc(), IdeaBenefit.id.desc())
        )
    )


def benefit_totals() -> dict:
    """Ideas, hours per month and pounds per year realised: by year (the latest first), by area
    (in the database's order of their names), and in all; one grouped query, folded here."""
    year = func.extract("year", IdeaBenefit.realised_on)
    area = func.coalesce(Team.name, "Council-wide")  # the same expression in SELECT, GROUP BY and ORDER BY
    rows = db.session.execute(
        select(
            area,
            year,
            func.count(IdeaBenefit.id),
            func.coalesce(func.sum(IdeaBenefit.hours_per_month), 0),
            func.coalesce(func.sum(IdeaBenefit.pounds_per_year), 0),
        )
        .select_from(IdeaBenefit)
        .join(Idea, Idea.id == IdeaBenefit.idea_id)
        .outerjoin(Team, Team.id == Idea.area_team_id)
        .where(Idea.status == IdeaStatus.IMPLEMENTED)
        .group_by(area, year)
        .order_by(area, year)
    ).all()
    by_year: dict[int, list] = {}
    by_area: dict[str, list] = {}
    total: list = [0, 0.0, 0]
    for area_name, realised_year, ideas, hours, pounds in rows:
        for sums in (
            by_year.setdefault(int(realised_year), [0, 0.0, 0]),
            by_area.setdefault(area_name, [0, 0.0, 0]),
            total,
        ):
            sums[0] += ideas
            sums[1] += float(hours or 0)  # coalesced to 0 in SQL: never None here
            sums[2] += int(pounds or 0)
    return {
        "by_year": [(year_, *sums) for year_, sums in sorted(by_year.items(), reverse=True)],
        "by_area": [(area_name, *sums) for area_name, sums in by_area.items()],
        "total": tuple(total),
    }


BENEFITS_HEADER = ("Idea", "Area", "Realised on", "Hours per month", "Pounds per year", "Description", "Link")


def benefit_rows() -> list[tuple]:
    """The benefits register as CSV rows, under BENEFITS_HEADER."""
    return [
        (
            benefit.idea.title,
            benefit.idea.area_name,
            benefit.realised_on.isoformat(),
            "" if benefit.hours_per_month is None else benefit.hours_per_month,
            "" if benefit.pounds_per_year is None else benefit.pounds_per_year,
            benefit.description,
            url_for("ideas.show", idea_id=benefit.idea.id, _external=True),
        )
        for benefit in benefits()
    ]
