"""Ideas board rules: posting, amounts, voting (also from many workers at once), the board's sorts
and filters, the roadmap, comments, the status workflow with merging, following and
notifications, anonymous authors in the search index, and the benefits register."""

import csv
import io
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from whoosh import index as whoosh_index

from app import clock, search
from app.csv_export import to_csv
from app.extensions import db
from app.ideas import services
from app.models import (
    AuditEvent,
    Idea,
    IdeaComment,
    IdeaCommentEdit,
    IdeaFollow,
    IdeaVote,
    User,
)
from app.validation import FieldError
from tests.factories import make_team, make_user
from tests.ideas.helpers import (
    comment,
    make_idea,
    messages_for,
    moderator,
    move,
    stored_and_counted,
    vote,
    voter_ids,
)

NOW = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def request_context(app):
    # Notifications and the CSV carry links built with url_for, as they would in a request.
    with app.test_request_context():
        yield


def board_titles(**filters) -> list[str]:
    return [idea.title for idea in db.session.scalars(services.board(**filters))]


# --- Posting -----------------------------------------------------------------------------------


def test_the_author_has_voted_for_their_new_idea_and_follows_it():
    author = make_user(name="Pat Poster")
    idea = make_idea(author=author, title="  Scan   the post  on arrival ")

    assert idea.title == "Scan the post on arrival"
    assert idea.status == "new"
    assert voter_ids(idea.id) == [author.id]
    assert services.vote_count(idea) == 1
    assert services.is_following(idea, author)


def test_an_idea_keeps_its_area_tags_and_expected_benefit():
    revenues = make_team("Revenues")
    idea = make_idea(
        area=revenues, tags="Templates, cabinet, templates", hours=7.5, pounds=1200, quality="Fewer complaints"
    )

    assert idea.area_name == "Revenues"
    assert [tag.name for tag in idea.tags] == ["cabinet", "templates"]
    assert (float(idea.expected_hours_per_month), idea.expected_pounds_per_year, idea.expected_quality) == (
        7.5,
        1200,
        "Fewer complaints",
    )


def test_an_idea_without_an_area_is_council_wide():
    assert make_idea(area=None).area_name == "Council-wide"


def test_an_area_that_does_not_exist_is_refused_on_the_area_field():
    with pytest.raises(FieldError) as raised:
        services.post_idea(
            author=make_user(),
            title="Idea",
            description="Text",
            area_team_id=9999,
            tags="",
            anonymous=False,
            hours_per_month=None,
            pounds_per_year=None,
            quality="",
        )
    assert raised.value.field == "area"
    assert raised.value.message == "Choose an area from the list"


@pytest.mark.parametrize("typed, expected", [("12", 12.0), ("7.5", 7.5), ("1,200", 1200.0), (" 3 ", 3.0), ("", None)])
def test_hours_saved_are_read_as_people_type_them(typed, expected):
    assert services.parse_amount(typed, "hours_per_month", label="Hours saved") == expected


@pytest.mark.parametrize("typed, expected", [("£1,200", 1200), ("450", 450), ("0", 0), ("", None)])
def test_money_saved_is_read_with_or_without_the_pound_sign_and_commas(typed, expected):
    assert services.parse_amount(typed, "pounds_per_year", whole=True, label="Money saved") == expected


@pytest.mark.parametrize("typed", ["twelve", "12 hours", "1.2.3", "NaN", "nan", "sNaN", "Infinity", "-inf"])
def test_hours_that_are_not_a_number_are_refused_with_a_clear_message(typed):
    with pytest.raises(FieldError) as raised:
        services.parse_amount(typed, "hours_per_month", label="Hours saved")
    assert raised.value.field == "hours_per_month"
    assert raised.value.message == "Hours saved must be a number, like 12"


@pytest.mark.parametrize("typed", ["-50", "£-1", "10,000,001"])
def test_money_below_nothing_or_beyond_ten_million_is_refused(typed):
    with pytest.raises(FieldError) as raised:
        services.parse_amount(typed, "pounds_per_year", whole=True, label="Money saved")
    assert raised.value.field == "pounds_per_year"
    assert raised.value.message == "Money saved must be between 0 and 10,000,000"


def test_money_in_pence_is_refused_as_not_whole_pounds():
    with pytest.raises(FieldError) as raised:
        services.parse_amount("12.50", "pounds_per_year", whole=True, label="Money saved")
    assert raised.value.message == "Money saved must be a whole number of pounds"


# --- Voting --------------------------------------------------------------------------------------


def test_voting_twice_counts_once():
    idea, voter = make_idea(), make_user()
    vote(idea, voter)
    vote(idea, voter)

    assert services.vote_count(idea) == 2  # the author's and this voter's
    assert services.has_voted(idea, voter)


def test_taking_a_vote_back_removes_it_and_taking_it_back_again_changes_nothing():
    idea, voter = make_idea(), make_user()
    vote(idea, voter)
    vote(idea, voter, wanted=False)
    vote(idea, voter, wanted=False)

    assert services.vote_count(idea) == 1
    assert not services.has_voted(idea, voter)


def test_the_database_refuses_a_second_vote_row_for_the_same_person():
    idea = make_idea()
    with pytest.raises(IntegrityError):
        db.session.execute(insert(IdeaVote).values(idea_id=idea.id, user_id=idea.author_id, created_at=clock.now()))
    db.session.rollback()
    assert services.vote_count(idea) == 1


def _vote_in_own_worker(app, idea_id, user_id, barrier, errors, wanted=True):
    """One worker (its own app, session and connection) voting, or taking a vote back, as soon as
    all are ready."""
    try:
        with app.app_context(), app.test_request_context():
            try:
                idea, person = db.session.get(Idea, idea_id), db.session.get(User, user_id)
                barrier.wait(timeout=30)
                services.set_vote(idea, person, wanted)
                db.session.commit()
            finally:
                db.session.remove()
    except Exception as error:  # noqa: BLE001  reported by the test
        errors.append(error)


def _run_at_once(targets):
    threads = [threading.Thread(target=target, args=args) for target, args in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker never finished"


def test_many_people_voting_for_one_idea_at_once_are_each_counted_once(make_app):
    idea = make_idea()
    voters = [make_user().id for _ in range(10)]
    workers = [make_app(WORKER=str(number)) for number in range(len(voters))]
    barrier, errors = threading.Barrier(len(voters)), []

    _run_at_once([(_vote_in_own_worker, (app, idea.id, voter, barrier, errors)) for app, voter in zip(workers, voters)])

    assert errors == []
    db.session.rollback()
    assert voter_ids(idea.id) == sorted([idea.author_id, *voters])
    assert services.vote_count(idea) == 11
    followers = set(
        db.session.scalars(
            select(IdeaFollow.user_id).where(IdeaFollow.idea_id == idea.id, IdeaFollow.following.is_(True))
        )
    )
    assert followers == {idea.author_id, *voters}


def test_the_same_person_voting_from_several_workers_at_once_counts_once(make_app):
    idea, voter = make_idea(), make_user()
    workers = [make_app(WORKER=f"same-{number}") for number in range(4)]
    barrier, errors = threading.Barrier(len(workers)), []

    _run_at_once([(_vote_in_own_worker, (app, idea.id, voter.id, barrier, errors)) for app in workers])

    assert errors == []
    db.session.rollback()
    assert voter_ids(idea.id) == sorted([idea.author_id, voter.id])
    follows = db.session.scalar(
        select(func.count())
        .select_from(IdeaFollow)
        .where(IdeaFollow.idea_id == idea.id, IdeaFollow.user_id == voter.id)
    )
    assert follows == 1


# --- The count kept on the idea -------------------------------------------------------------------


def test_a_new_idea_is_counted_with_its_author_s_vote():
    idea = make_idea()
    assert stored_and_counted(idea.id) == (1, 1)


def test_a_vote_adds_one_to_the_count_and_the_idea_in_hand_shows_it():
    idea, voter = make_idea(), make_user()

    services.set_vote(idea, voter, True)

    assert services.vote_count(idea) == 2  # the vote's response shows this, before any commit
    db.session.commit()
    assert stored_and_counted(idea.id) == (2, 2)


def test_a_second_vote_by_the_same_person_leaves_the_count_alone():
    idea, voter = make_idea(), make_user()
    vote(idea, voter)
    vote(idea, voter)

    assert stored_and_counted(idea.id) == (2, 2)


def test_taking_a_vote_back_takes_one_off_and_taking_it_back_again_changes_nothing():
    idea, voter = make_idea(), make_user()
    vote(idea, voter)

    vote(idea, voter, wanted=False)
    assert stored_and_counted(idea.id) == (1, 1)
    vote(idea, voter, wanted=False)
    assert stored_and_counted(idea.id) == (1, 1)
    vote(idea, make_user(), wanted=False)  # someone who never voted
    assert stored_and_counted(idea.id) == (1, 1)


def test_taking_a_vote_back_lowers_the_count_of_the_idea_in_hand():
    idea, voter = make_idea(), make_user()
    vote(idea, voter)

    services.set_vote(idea, voter, False)

    assert services.vote_count(idea) == 1
    assert services.vote_counts([idea]) == {idea.id: 1}


def test_the_database_refuses_a_count_below_nothing():
    idea = make_idea()
    with pytest.raises(IntegrityError):
        db.session.execute(update(Idea).where(Idea.id == idea.id).values(vote_count=-1))
    db.session.rollback()
    assert stored_and_counted(idea.id) == (1, 1)


def test_merging_a_duplicate_moves_its_count_and_counts_a_shared_voter_once():
    target, copy = make_idea(title="Original"), make_idea(title="Copy")
    both, copy_only, target_only = make_user(), make_user(), make_user()
    vote(target, both, target_only)
    vote(copy, both, copy_only)

    services.change_status(copy, moderator(), "duplicate", duplicate_of_id=target.id)

    # target's author, both, target_only + copy's author, copy_only; "both" once
    assert (services.vote_count(target), services.vote_count(copy)) == (5, 0)
    db.session.commit()
    assert stored_and_counted(target.id) == (5, 5)
    assert stored_and_counted(copy.id) == (0, 0)


def test_merging_into_an_idea_every_voter_already_backs_adds_nothing():
    target, copy = make_idea(title="Original"), make_idea(title="Copy")
    vote(target, copy.author)
    vote(copy, target.author)

    move(copy, moderator(), "duplicate", duplicate_of_id=target.id)

    assert stored_and_counted(target.id) == (2, 2)
    assert stored_and_counted(copy.id) == (0, 0)


def test_the_count_matches_the_votes_when_people_vote_and_take_votes_back_at_once(make_app):
    idea = make_idea()
    leaving, joining = [make_user() for _ in range(3)], [make_user() for _ in range(3)]
    vote(idea, *leaving)
    # Each person from two workers at once, as a double click reaching two servers would.
    plan = [(person.id, False) for person in leaving] * 2 + [(person.id, True) for person in joining] * 2
    workers = [make_app(WORKER=f"count-{number}") for number in range(len(plan))]
    barrier, errors = threading.Barrier(len(plan)), []

    _run_at_once(
        [
            (_vote_in_own_worker, (app, idea.id, user_id, barrier, errors, wanted))
            for app, (user_id, wanted) in zip(workers, plan)
        ]
    )

    assert errors == []
    db.session.rollback()
    assert voter_ids(idea.id) == sorted([idea.author_id, *(person.id for person in joining)])
    assert stored_and_counted(idea.id) == (4, 4)


# --- The board: sorts and filters ------------------------------------------------------------------


def _three_ideas_over_a_month():
    """ "Old favourite" has the most votes, all a month old; "Rising" has fewer, all this week."""
    with clock.fixed(NOW - timedelta(days=30)):
        old = make_idea(title="Old favourite")
        vote(old, *[make_user() for _ in range(4)])
    with clock.fixed(NOW - timedelta(days=3)):
        rising = make_idea(title="Rising")
        vote(rising, make_user(), make_user())
    with clock.fixed(NOW - timedelta(days=1)):
        quiet = make_idea(title="Quiet")
    return old, rising, quiet


def test_trending_puts_ideas_with_the_most_votes_in_the_last_14_days_first():
    _three_ideas_over_a_month()
    with clock.fixed(NOW):
        assert board_titles(sort="trending") == ["Rising", "Quiet", "Old favourite"]


def test_votes_older_than_14_days_stop_counting_for_trending():
    with clock.fixed(NOW - timedelta(days=15)):
        fading = make_idea(title="Fading")
        vote(fading, make_user(), make_user())  # 3 votes, 15 days ago
    with clock.fixed(NOW - timedelta(days=13)):
        steady = make_idea(title="Steady")
        vote(steady, make_user())  # 2 votes, 13 days ago
    with clock.fixed(NOW):
        assert board_titles(sort="trending") == ["Steady", "Fading"]
        assert board_titles(sort="top") == ["Fading", "Steady"]


def test_trending_puts_this_weeks_new_ideas_above_last_years_implemented_ones():
    with clock.fixed(NOW - timedelta(days=300)):
        famous = make_idea(title="Implemented last year")
        vote(famous, *[make_user() for _ in range(6)])
        move(famous, moderator(), "under_review", "planned", "in_progress", "implemented")
        dormant = make_idea(title="Open but quiet since spring")
        vote(dormant, make_user(), make_user())
    with clock.fixed(NOW - timedelta(days=2)):
        make_idea(title="Posted this week")
    with clock.fixed(NOW - timedelta(days=1)):
        comment(dormant, make_user(), "Still needed")  # a comment counts as recent activity
        comment(dormant, make_user(), "Yes, please")
        comment(dormant, make_user(), "And for the Annexe")
        comment(dormant, make_user(), "Agreed")
        comment(dormant, make_user(), "Me too")
        assert board_titles(sort="trending") == [
            "Open but quiet since spring",  # 5 comments this fortnight
            "Posted this week",  # new (counts 3) and the author's vote: 4
            "Implemented last year",  # decided: after every open idea, whatever its votes
        ]


def test_top_puts_the_most_votes_ever_first():
    _three_ideas_over_a_month()
    with clock.fixed(NOW):
        assert board_titles(sort="top") == ["Old favourite", "Rising", "Quiet"]


def test_newest_puts_the_latest_posted_first():
    _three_ideas_over_a_month()
    with clock.fixed(NOW):
        assert board_titles(sort="newest") == ["Quiet", "Rising", "Old favourite"]


def test_recently_updated_puts_an_idea_with_a_new_comment_or_status_first():
    old, rising, _quiet = _three_ideas_over_a_month()
    with clock.fixed(NOW - timedelta(hours=2)):
        comment(old, make_user())
    with clock.fixed(NOW - timedelta(hours=1)):
        move(rising, moderator(), "under_review")
    with clock.fixed(NOW):
        assert board_titles(sort="updated") == ["Rising", "Old favourite", "Quiet"]


def test_the_board_filters_by_status_area_and_tag():
    revenues, democratic = make_team("Revenues"), make_team("Democratic Services")
    make_idea(title="Council tax letters", area=revenues, tags="letters", status="planned")
    make_idea(title="Agenda packs", area=democratic, tags="Cabinet Reports")
    make_idea(title="Shared inbox rules", tags="email, letters")

    assert board_titles(status="planned") == ["Council tax letters"]
    assert board_titles(area="Democratic Services") == ["Agenda packs"]
    assert board_titles(area="council-wide") == ["Shared inbox rules"]
    assert sorted(board_titles(tag="letters")) == ["Council tax letters", "Shared inbox rules"]
    assert board_titles(tag="cabinet-reports") == ["Agenda packs"]
    assert board_titles(tag="letters", area="Revenues", status="new") == []


def test_free_text_filters_the_board_through_search():
    scanning = make_idea(title="Scan the post on arrival", description="Scanning saves a walk to the post room.")
    make_idea(title="Agenda packs online", description="Publish agenda packs as one document.")
    staff = make_user()

    ids = search.matching_ids(staff, "scanning", "idea")
    assert ids == [scanning.id]
    assert board_titles(ids=ids) == ["Scan the post on arrival"]
    assert board_titles(ids=search.matching_ids(staff, "nothing like this", "idea")) == []


def test_my_ideas_and_my_votes_list_only_mine():
    me, someone = make_user(), make_user()
    mine = make_idea(author=me, title="Mine")
    voted = make_idea(author=someone, title="Voted for")
    make_idea(author=someone, title="Not mine")
    vote(voted, me)

    assert board_titles(author_id=me.id) == ["Mine"]
    assert sorted(board_titles(voter_id=me.id)) == ["Mine", "Voted for"]
    assert mine.id in services.voted_ids(me, [mine, voted])


def test_pages_of_the_board_keep_its_order(monkeypatch):
    monkeypatch.setattr(services, "PAGE_SIZE", 2)
    with clock.fixed(NOW - timedelta(days=30)):
        vote(make_idea(title="Old, 3 votes"), make_user(), make_user())
    with clock.fixed(NOW - timedelta(days=2)):
        vote(make_idea(title="Recent, 2 votes"), make_user())
        make_idea(title="Recent, 1 vote")
    with clock.fixed(NOW - timedelta(days=1)):
        make_idea(title="Newest, 1 vote")

    with clock.fixed(NOW):
        pages = [
            services.page_of(services.board(sort=sort), number) for sort in ("trending", "top") for number in (1, 2)
        ]
    assert [[idea.title for idea in page.items] for page in pages] == [
        ["Recent, 2 votes", "Newest, 1 vote"],
        ["Recent, 1 vote", "Old, 3 votes"],
        ["Old, 3 votes", "Recent, 2 votes"],
        ["Newest, 1 vote", "Recent, 1 vote"],
    ]
    assert {page.total for page in pages} == {4}


def test_trending_reads_only_the_recent_entries_of_the_votes_index(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL chooses by its statistics; SQLite's choice is fixed by the query's shape")
    statement = services.board(sort="trending").with_only_columns(Idea.id).limit(20)
    sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
    plan = " / ".join(row[-1] for row in db.session.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "SEARCH idea_votes USING COVERING INDEX ix_idea_votes_created_at_idea_id" in plan, plan


# --- Roadmap ---------------------------------------------------------------------------------


def test_the_roadmap_has_a_column_per_stage_with_the_most_voted_first_and_no_closed_ideas():
    make_idea(title="Fresh")
    popular = make_idea(title="Popular plan", status="planned")
    make_idea(title="Quiet plan", status="planned")
    vote(popular, make_user(), make_user())
    make_idea(title="Doing it", status="in_progress")
    make_idea(title="Done", status="implemented")
    make_idea(title="Declined", status="not_taken_forward")
    target = make_idea(title="Original")
    move(make_idea(title="Copy"), moderator(), "duplicate", duplicate_of_id=target.id)

    columns = services.roadmap()
    assert list(columns) == ["new", "under_review", "planned", "in_progress", "implemented"]
    assert {status: [(idea.title, votes) for idea, votes in items] for status, items in columns.items()} == {
        "new": [("Original", 2), ("Fresh", 1)],  # the copy's vote moved over
        "under_review": [],
        "planned": [("Popular plan", 3), ("Quiet plan", 1)],
        "in_progress": [("Doing it", 1)],
        "implemented": [("Done", 1)],
    }


def test_each_roadmap_column_keeps_only_its_most_voted_ideas(monkeypatch):
    monkeypatch.setattr(services, "ROADMAP_SIZE", 2)
    vote(make_idea(title="Planned, 2 votes", status="planned"), make_user())
    make_idea(title="Planned, 1 vote", status="planned")
    vote(make_idea(title="Planned, 3 votes", status="planned"), make_user(), make_user())
    for title in ("New first", "New second", "New third"):
        make_idea(title=title)

    columns = services.roadmap()
    assert [(idea.title, votes) for idea, votes in columns["planned"]] == [
        ("Planned, 3 votes", 3),
        ("Planned, 2 votes", 2),
    ]
    assert [idea.title for idea, _votes in columns["new"]] == ["New third", "New second"]  # a tie: newest first


# --- Comments --------------------------------------------------------------------------------


def test_a_reply_to_a_reply_joins_the_thread_it_belongs_to():
    idea = make_idea()
    first = comment(idea, make_user(), "Top comment")
    reply = comment(idea, make_user(), "A reply", parent=first)
    answer = comment(idea, make_user(), "A reply to the reply", parent=reply)

    assert answer.parent_id == first.id
    assert [(top.body, [r.body for r in replies]) for top, replies in services.comments(idea)] == [
        ("Top comment", ["A reply", "A reply to the reply"])
    ]


def test_replying_to_a_comment_on_another_idea_is_refused():
    elsewhere = comment(make_idea(), make_user())
    with pytest.raises(FieldError) as raised:
        services.add_comment(make_idea(), make_user(), "Hello", parent_id=elsewhere.id)
    assert raised.value.message == "The comment you are replying to no longer exists"


def test_an_empty_comment_is_refused():
    with pytest.raises(FieldError) as raised:
        services.add_comment(make_idea(), make_user(), "   \n ")
    assert (raised.value.field, raised.value.message) == ("body", "Enter your comment")


def test_editing_a_comment_keeps_each_earlier_text():
    idea, author = make_idea(), make_user()
    with clock.fixed(NOW) as now:
        said = comment(idea, author, "First words")
        now.advance(minutes=5)
        services.edit_comment(said, author, "Second words")
        now.advance(minutes=5)
        services.edit_comment(said, author, "Third words")
        services.edit_comment(said, author, "Third words")  # saved unchanged: nothing to keep
        db.session.commit()

    assert said.body == "Third words"
    assert said.edited_at == NOW + timedelta(minutes=10)
    earlier = db.session.scalars(
        select(IdeaCommentEdit).where(IdeaCommentEdit.comment_id == said.id).order_by(IdeaCommentEdit.id)
    ).all()
    assert [(edit.body, edit.replaced_at) for edit in earlier] == [
        ("First words", NOW + timedelta(minutes=5)),
        ("Second words", NOW + timedelta(minutes=10)),
    ]


def test_hiding_a_comment_needs_a_reason_and_keeps_its_text():
    said = comment(make_idea(), make_user(), "Something unkind")
    manager = moderator()
    with pytest.raises(FieldError) as raised:
        services.hide_comment(said, manager, "  ")
    assert raised.value.field == "reason"

    services.hide_comment(said, manager, "Personal remarks")
    db.session.commit()
    db.session.expire_all()
    kept = db.session.get(IdeaComment, said.id)
    assert (kept.body, kept.hidden_reason, kept.hidden_by_id) == ("Something unkind", "Personal remarks", manager.id)
    assert kept.hidden_at is not None
    assert (
        db.session.scalar(
            select(AuditEvent.action).where(
                AuditEvent.subject_id == said.id, AuditEvent.subject_type == "idea_comments"
            )
        )
        == "idea_comment_hidden"
    )


# --- Status workflow ----------------------------------------------------------------------------


def test_an_idea_cannot_jump_from_new_to_implemented():
    idea = make_idea()
    with pytest.raises(FieldError) as raised:
        services.change_status(idea, moderator(), "implemented")
    assert raised.value.field == "status"
    assert raised.value.message == "An idea that is new cannot become implemented"
    assert idea.status == "new"


def test_a_duplicate_cannot_change_status_again():
    target = make_idea()
    copy = make_idea()
    move(copy, moderator(), "duplicate", duplicate_of_id=target.id)
    assert services.allowed_next(copy) == []
    with pytest.raises(FieldError):
        services.change_status(copy, moderator(), "under_review")


def test_the_next_statuses_offered_follow_the_workflow():
    idea = make_idea(status="planned")
    assert services.allowed_next(idea) == ["under_review", "in_progress", "not_taken_forward"]


def test_not_taken_forward_needs_a_reason():
    idea = make_idea()
    with pytest.raises(FieldError) as raised:
        services.change_status(idea, moderator(), "not_taken_forward", reason="   ")
    assert (raised.value.field, raised.value.message) == (
        "reason",
        "Give the reason this idea is not being taken forward",
    )
    assert idea.status == "new"


def test_every_status_change_is_in_the_history_with_who_from_to_and_the_note():
    mo, ada = moderator("Mo Manager"), make_user(roles=["admin"], name="Ada Admin")
    idea = make_idea()
    with clock.fixed(NOW) as now:
        move(idea, mo, "under_review", note="Looking at this with IT")
        now.advance(days=1)
        move(idea, ada, "not_taken_forward", reason="The new case system does this")

    assert idea.status_reason == "The new case system does this"
    assert [(c.actor.name, c.from_status, c.to_status, c.note, c.created_at) for c in services.history(idea)] == [
        ("Mo Manager", "new", "under_review", "Looking at this with IT", NOW),
        ("Ada Admin", "under_review", "not_taken_forward", "The new case system does this", NOW + timedelta(days=1)),
    ]


# --- Merging duplicates ------------------------------------------------------------------------


def test_marking_a_duplicate_moves_its_votes_and_nobody_is_counted_twice():
    target = make_idea(title="Original")
    copy = make_idea(title="Copy")
    both, copy_only, target_only = make_user(), make_user(), make_user()
    vote(target, both, target_only)
    vote(copy, both, copy_only)

    move(copy, moderator(), "duplicate", duplicate_of_id=target.id)

    assert voter_ids(target.id) == sorted({target.author_id, copy.author_id, both.id, copy_only.id, target_only.id})
    assert voter_ids(copy.id) == []
    assert (copy.status, copy.duplicate_of_id) == ("duplicate", target.id)


def test_a_merged_vote_keeps_its_date_so_trending_stays_true():
    with clock.fixed(NOW - timedelta(days=40)):
        copy = make_idea(title="Copy")
        vote(copy, make_user(), make_user())
    with clock.fixed(NOW):
        target = make_idea(title="Original")
        rival = make_idea(title="Rival")
        vote(rival, make_user())
        move(copy, moderator(), "duplicate", duplicate_of_id=target.id)
        assert board_titles(sort="trending", status="new") == ["Rival", "Original"]
        assert board_titles(sort="top", status="new") == ["Original", "Rival"]


def test_marking_a_duplicate_moves_its_comments_and_their_replies():
    target, copy = make_idea(title="Original"), make_idea(title="Copy")
    comment(target, make_user(), "On the original")
    first = comment(copy, make_user(), "On the copy")
    comment(copy, make_user(), "A reply on the copy", parent=first)

    move(copy, moderator(), "duplicate", duplicate_of_id=target.id)

    db.session.expire_all()
    assert [(top.body, [r.body for r in replies]) for top, replies in services.comments(target)] == [
        ("On the original", []),
        ("On the copy", ["A reply on the copy"]),
    ]
    assert services.comments(copy) == []


def test_followers_of_a_duplicate_hear_about_the_idea_it_was_merged_into():
    target, copy = make_idea(title="Original"), make_idea(title="Copy")
    fan, gone_quiet = make_user(), make_user()
    vote(copy, fan)
    vote(target, gone_quiet)
    services.set_following(target, gone_quiet, False)
    vote(copy, gone_quiet)
    db.session.commit()

    move(copy, moderator(), "duplicate", duplicate_of_id=target.id)
    comment(target, make_user(), "News on the original")

    assert "commented on “Original”" in messages_for(fan)[-1]
    assert services.is_following(target, fan)
    assert not services.is_following(target, gone_quiet)  # their "unfollow" of the target stands
    assert not any("commented" in message for message in messages_for(gone_quiet))


@pytest.mark.parametrize("which", ["missing", "itself", "a duplicate", "none"])
def test_a_duplicate_needs_an_idea_it_duplicates(which):
    idea = make_idea()
    other, original = make_idea(), make_idea()
    move(other, moderator(), "duplicate", duplicate_of_id=original.id)
    target_id = {"missing": 9999, "itself": idea.id, "a duplicate": other.id, "none": None}[which]

    with pytest.raises(FieldError) as raised:
        services.change_status(idea, moderator(), "duplicate", duplicate_of_id=target_id)
    assert (raised.value.field, raised.value.message) == (
        "duplicate_search",
        "Find and choose the idea this one duplicates",
    )
    assert idea.status == "new"


# --- Following and notifications ------------------------------------------------------------------


def test_voters_and_commenters_follow_automatically():
    idea, voter, commenter, reader = make_idea(), make_user(), make_user(), make_user()
    vote(idea, voter)
    comment(idea, commenter)

    assert services.is_following(idea, voter)
    assert services.is_following(idea, commenter)
    assert not services.is_following(idea, reader)


def test_a_status_change_tells_every_follower_but_not_the_moderator():
    author, voter = make_user(), make_user()
    mo = moderator()
    idea = make_idea(author=author, title="Scan the post")
    vote(idea, voter, mo)

    move(idea, mo, "under_review")

    assert messages_for(author) == ["“Scan the post” is now under review"]
    assert messages_for(voter) == ["“Scan the post” is now under review"]
    assert messages_for(mo) == [f"New idea by {author.name}: Scan the post"]  # a manager: not their own change


def test_a_new_comment_tells_followers_but_not_the_person_commenting():
    author, commenter = make_user(), make_user(name="Chris Commenter")
    idea = make_idea(author=author, title="Scan the post")

    comment(idea, commenter)
    comment(idea, commenter, "And another thing")

    assert messages_for(author) == ["Chris Commenter commented on “Scan the post”"] * 2
    assert messages_for(commenter) == []


def test_people_who_unfollow_hear_nothing_more_even_after_voting_and_commenting_again():
    author, fan = make_user(), make_user()
    idea = make_idea(author=author)
    vote(idea, fan)
    services.set_following(idea, fan, False)
    db.session.commit()

    vote(idea, fan, wanted=False)
    vote(idea, fan)
    comment(idea, fan, "Still keen")
    move(idea, moderator(), "under_review")

    assert not services.is_following(idea, fan)
    assert messages_for(fan) == []
    assert len(messages_for(author)) == 2  # the comment and the status change


def test_following_again_after_unfollowing_brings_the_news_back():
    idea, fan = make_idea(), make_user()
    services.set_following(idea, fan, False)
    services.set_following(idea, fan, True)
    db.session.commit()

    move(idea, moderator(), "under_review")
    assert len(messages_for(fan)) == 1


# --- Anonymous ideas in the search index -------------------------------------------------------------


def _indexed_authors() -> dict[str, str]:
    """{title: stored author} straight from the index files."""
    current = Path(current_app.config["SEARCH_INDEX_DIR"]) / "current"
    with whoosh_index.open_dir(str(current.resolve())).searcher() as searcher:
        return {fields["title"]: fields.get("author", "") for fields in searcher.all_stored_fields()}


def test_the_search_index_never_holds_the_name_of_an_anonymous_author():
    shy = make_user(name="Priya Quietlyname")
    open_author = make_user(name="Owen Openname")
    make_idea(author=shy, title="Quieter printers", anonymous=True)
    make_idea(author=open_author, title="Louder doorbells")
    staff = make_user()

    assert search.matching_ids(staff, "Quietlyname", "idea") == []
    assert search.matching_ids(staff, "Priya", "idea") == []
    assert search.similar(staff, "Priya Quietlyname", kinds=["idea"]) == []
    assert _indexed_authors() == {"Quieter printers": "", "Louder doorbells": "Owen Openname"}


# --- Benefits register -------------------------------------------------------------------------


def _record(idea, by, **values):
    values = {
        "hours_per_month": None,
        "pounds_per_year": None,
        "description": "",
        "realised_on": date(2026, 1, 5),
        **values,
    }
    benefit = services.record_benefit(idea, by, **values)
    db.session.commit()
    return benefit


@pytest.mark.parametrize("status", ["new", "planned", "in_progress", "not_taken_forward"])
def test_a_benefit_is_recorded_only_for_an_implemented_idea(status):
    idea = make_idea(status=status)
    with clock.fixed(NOW), pytest.raises(FieldError) as raised:
        _record(idea, moderator(), hours_per_month=3.0)
    assert (raised.value.field, raised.value.message) == (None, "Benefits are recorded for implemented ideas")
    assert idea.benefit is None


def test_a_benefit_cannot_be_realised_in_the_future():
    idea = make_idea(status="implemented")
    with clock.fixed(NOW):
        with pytest.raises(FieldError) as raised:
            _record(idea, moderator(), hours_per_month=3.0, realised_on=date(2026, 3, 17))
        assert (raised.value.field, raised.value.message) == (
            "realised_on",
            "The date the benefit was realised must be today or in the past",
        )
        assert _record(idea, moderator(), hours_per_month=3.0, realised_on=date(2026, 3, 16)).realised_on == date(
            2026, 3, 16
        )


def test_a_benefit_realised_today_in_the_uk_is_accepted_just_after_midnight_in_summer():
    idea = make_idea(status="implemented")
    # 00:30 on 2 June in London is still 1 June in UTC.
    with clock.fixed(datetime(2026, 6, 1, 23, 30, tzinfo=UTC)):
        assert _record(idea, moderator(), pounds_per_year=100, realised_on=date(2026, 6, 2)).realised_on == date(
            2026, 6, 2
        )
        with pytest.raises(FieldError):
            _record(idea, moderator(), pounds_per_year=100, realised_on=date(2026, 6, 3))


def test_a_benefit_needs_hours_money_or_words():
    idea = make_idea(status="implemented")
    with clock.fixed(NOW), pytest.raises(FieldError) as raised:
        _record(idea, moderator(), description="   ")
    assert raised.value.field == "hours_per_month"


def test_recording_a_benefit_again_replaces_the_first():
    idea = make_idea(status="implemented")
    with clock.fixed(NOW):
        _record(idea, moderator(), hours_per_month=3.0)
        _record(idea, moderator(), hours_per_month=5.0, description="Measured over a quarter")

    assert [(float(b.hours_per_month), b.description) for b in services.benefits()] == [
        (5.0, "Measured over a quarter")
    ]


def _register():
    """A fixed register: three implemented ideas with benefits, and one sent back to in progress."""
    revenues, democratic = make_team("Revenues"), make_team("Democratic Services")
    mo = moderator()
    with clock.fixed(NOW):
        letters = make_idea(title="Council tax letters", area=revenues, status="implemented", by=mo)
        _record(letters, mo, hours_per_month=10.5, pounds_per_year=1200, realised_on=date(2025, 11, 3))
        refunds = make_idea(title="Refund checks", area=revenues, status="implemented", by=mo)
        _record(refunds, mo, hours_per_month=4.0, pounds_per_year=300, realised_on=date(2026, 2, 10))
        inbox = make_idea(title="Shared inbox rules", status="implemented", by=mo)
        _record(inbox, mo, pounds_per_year=5000, description="Fewer lost emails", realised_on=date(2026, 1, 20))
        agendas = make_idea(title="Agenda packs", area=democratic, status="implemented", by=mo)
        _record(agendas, mo, hours_per_month=99.0, realised_on=date(2026, 3, 1))
        move(agendas, mo, "in_progress")  # reopened: its benefit no longer counts
    return mo


def test_benefit_totals_are_given_per_year_and_per_area():
    _register()
    totals = services.benefit_totals()

    assert totals["by_year"] == [(2026, 2, 4.0, 5300), (2025, 1, 10.5, 1200)]
    assert totals["by_area"] == [("Council-wide", 1, 0.0, 5000), ("Revenues", 2, 14.5, 1500)]
    assert totals["total"] == (3, 14.5, 6500)
    assert [b.idea.title for b in services.benefits()] == ["Refund checks", "Shared inbox rules", "Council tax letters"]


def test_the_benefits_csv_has_a_row_for_each_benefit():
    _register()
    rows = list(csv.reader(io.StringIO(to_csv(services.BENEFITS_HEADER, services.benefit_rows()))))

    assert rows[0] == ["Idea", "Area", "Realised on", "Hours per month", "Pounds per year", "Description", "Link"]
    assert [row[:6] for row in rows[1:]] == [
        ["Refund checks", "Revenues", "2026-02-10", "4.0", "300", ""],
        ["Shared inbox rules", "Council-wide", "2026-01-20", "", "5000", "Fewer lost emails"],
        ["Council tax letters", "Revenues", "2025-11-03", "10.5", "1200", ""],
    ]
    assert all(row[6].startswith("http://localhost/ideas/") for row in rows[1:])


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised():
    mo = moderator()
    with clock.fixed(NOW):
        for title, description in [
            ('=HYPERLINK("http://evil.test","Click")', "+44 1234 cost"),
            ("@SUM(A1:A9)", "-5 days of rework"),
            ("Plain title", "=1+1"),
        ]:
            idea = make_idea(title=title, status="implemented", by=mo)
            _record(idea, mo, hours_per_month=1.0, description=description)

    register = to_csv(services.BENEFITS_HEADER, services.benefit_rows())
    cells = {cell for row in csv.reader(io.StringIO(register)) for cell in row}
    assert {
        '\'=HYPERLINK("http://evil.test","Click")',
        "'+44 1234 cost",
        "'@SUM(A1:A9)",
        "'-5 days of rework",
        "'=1+1",
        "Plain title",
    } <= cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
