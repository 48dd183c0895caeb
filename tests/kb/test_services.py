"""Knowledge base rules: versions, conflicts, addresses, review dates, feedback, questions,
watchers and coverage."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import clock
from app.extensions import db
from app.kb import categories, community, gaps, services
from app.models import Article, ArticleFeedback, ArticleSlug, Notification
from tests.factories import make_article, make_category, make_user

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def request_context(app):
    # Notifications carry links built with url_for, as they would be during a request.
    with app.test_request_context():
        yield


def update(article, editor, *, base_revision=None, **changes):
    """Save the article as `editor` would from the edit form, changing only what is given."""
    values = dict(
        title=article.title,
        summary=article.summary,
        body=article.body,
        category_id=article.category_id,
        tags=", ".join(tag.name for tag in article.tags),
        owner_id=article.owner_id,
        status=article.status,
        review_by=None,
        change_note="",
    )
    values.update(changes)
    saved = services.update_article(
        article,
        editor=editor,
        base_revision=article.revision_number if base_revision is None else base_revision,
        **values,
    )
    db.session.commit()
    return saved


def notifications_for(user) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)))


def editor(name=None):
    return make_user(roles=["editor"], name=name)


# --- Versions ----------------------------------------------------------------------------------


def test_a_new_article_is_version_1_with_its_author():
    author = editor("Ed Writer")
    article = make_article(author=author, title="Booking the chamber", body="First text")

    revisions = services.revisions(article)
    assert article.revision_number == 1
    assert [(r.number, r.author.name, r.body, r.change_note) for r in revisions] == [
        (1, "Ed Writer", "First text", "First version")
    ]


def test_each_save_adds_a_version_with_its_author_and_note():
    first, second = editor("First Editor"), editor("Second Editor")
    article = make_article(author=first, body="One")
    update(article, second, body="Two", change_note="Added the catering section")
    update(article, first, body="Three", change_note="Fixed a typo")

    assert article.revision_number == 3
    assert [(r.number, r.author.name, r.body, r.change_note) for r in services.revisions(article)] == [
        (3, "First Editor", "Three", "Fixed a typo"),
        (2, "Second Editor", "Two", "Added the catering section"),
        (1, "First Editor", "One", "First version"),
    ]


def test_restoring_an_old_version_adds_a_new_version_and_keeps_every_earlier_one():
    person = editor()
    article = make_article(author=person, title="Expenses", summary="Old summary", body="Old text", tags="money")
    update(article, person, title="Expenses claims", summary="New summary", body="New text", tags="claims")
    update(article, person, body="Newest text")

    restored = services.restore_revision(article, 1, editor=person)
    db.session.commit()

    assert (restored.number, restored.restored_from, restored.change_note) == (4, 1, "Restored version 1")
    assert (article.title, article.summary, article.body) == ("Expenses", "Old summary", "Old text")
    assert [tag.name for tag in article.tags] == ["money"]
    assert [(r.number, r.body) for r in services.revisions(article)] == [
        (4, "Old text"),
        (3, "Newest text"),
        (2, "New text"),
        (1, "Old text"),
    ]


def test_restoring_a_version_that_does_not_exist_changes_nothing():
    person = editor()
    article = make_article(author=person, body="Text")
    with pytest.raises(services.FieldError):
        services.restore_revision(article, 7, editor=person)
    assert article.revision_number == 1
    assert len(services.revisions(article)) == 1


def test_diff_marks_added_and_removed_lines_and_keeps_the_rest():
    rows = services.diff("Intro\nOld step\nEnd", "Intro\nNew step\nExtra\nEnd")
    assert rows == [
        {"kind": "same", "text": "Intro"},
        {"kind": "removed", "text": "Old step"},
        {"kind": "added", "text": "New step"},
        {"kind": "added", "text": "Extra"},
        {"kind": "same", "text": "End"},
    ]


def test_diff_folds_long_unchanged_runs():
    same = [f"line {n}" for n in range(10)]
    rows = services.diff("\n".join([*same, "old"]), "\n".join([*same, "new"]))
    assert [row["kind"] for row in rows] == ["same", "same", "folded", "same", "same", "removed", "added"]
    assert rows[2]["text"] == "6 unchanged lines"


def test_second_editor_saving_an_outdated_version_gets_a_conflict_and_changes_nothing(make_app):
    first, second = editor("Fiona First"), editor("Sid Second")
    article = make_article(author=first, title="Room booking", body="Original")
    article_id = article.id
    # Two editors (two workers, two database sessions) open version 1.
    worker_a, worker_b = make_app(WORKER="a"), make_app(WORKER="b")  # two app instances
    with worker_a.app_context(), worker_a.test_request_context():
        mine = db.session.get(Article, article_id)
        update(
            mine,
            db.session.get(type(first), first.id),
            base_revision=1,
            body="Fiona's text",
            change_note="Fiona's change",
        )
    with worker_b.app_context(), worker_b.test_request_context():
        theirs = db.session.get(Article, article_id)
        with pytest.raises(services.EditConflict) as raised:
            services.update_article(
                theirs,
                editor=db.session.get(type(second), second.id),
                base_revision=1,
                title="Sid's title",
                summary="Sid's summary",
                body="Sid's text",
                category_id=theirs.category_id,
                tags="",
                owner_id=theirs.owner_id,
                status="published",
                review_by=None,
                change_note="Sid's change",
            )
        assert raised.value.latest.number == 2
        assert raised.value.latest.author.name == "Fiona First"
        assert "Fiona First saved a new version" in raised.value.message
        db.session.rollback()

    db.session.expire_all()
    saved = db.session.get(Article, article_id)
    assert (saved.revision_number, saved.title, saved.body) == (2, "Room booking", "Fiona's text")
    assert [r.change_note for r in services.revisions(saved)] == ["Fiona's change", "First version"]


def test_saving_on_top_of_the_latest_version_after_a_conflict_works():
    first, second = editor(), editor()
    article = make_article(author=first, body="Original")
    update(article, first, base_revision=1, body="First's text")
    with pytest.raises(services.EditConflict):
        update(article, second, base_revision=1, body="Second's text")
    db.session.rollback()
    update(article, second, base_revision=2, body="Second's text, merged")
    assert (article.revision_number, article.body) == (3, "Second's text, merged")


# --- Addresses ---------------------------------------------------------------------------------


def test_changing_the_title_moves_the_address_and_the_old_one_still_finds_it():
    person = editor()
    article = make_article(author=person, title="Room booking")
    assert article.slug == "room-booking"
    update(article, person, title="Booking a meeting room")

    assert article.slug == "booking-a-meeting-room"
    assert services.find_by_slug("booking-a-meeting-room", person) == (article, False)
    assert services.find_by_slug("room-booking", person) == (article, True)


def test_an_old_address_is_never_given_to_another_article():
    person = editor()
    first = make_article(author=person, title="Room booking")
    update(first, person, title="Booking a meeting room")
    second = make_article(author=person, title="Room booking")

    assert second.slug != "room-booking"
    assert services.find_by_slug("room-booking", person) == (first, True)
    update(second, person, title="Room booking!")  # the same words again: still not the old address
    assert second.slug != "room-booking"


def test_renaming_an_article_back_takes_back_its_own_old_address():
    person = editor()
    article = make_article(author=person, title="Room booking")
    update(article, person, title="Meeting rooms")
    update(article, person, title="Room booking")

    assert article.slug == "room-booking"
    assert services.find_by_slug("meeting-rooms", person) == (article, True)
    old_slugs = db.session.scalars(select(ArticleSlug.slug).where(ArticleSlug.article_id == article.id)).all()
    assert sorted(old_slugs) == ["meeting-rooms"]


def test_two_articles_with_the_same_title_get_different_addresses():
    person = editor()
    slugs = {make_article(author=person, title="Expenses").slug for _ in range(3)}
    assert len(slugs) == 3


def test_staff_cannot_find_a_draft_by_its_address():
    article = make_article(title="Secret plans", status="draft")
    assert services.find_by_slug(article.slug, make_user()) == (None, False)


# --- Review dates ------------------------------------------------------------------------------


def test_review_date_defaults_to_twelve_months_after_publishing():
    with clock.fixed(MONDAY):
        article = make_article(status="published")
    assert article.review_by == date(2027, 3, 2)


def test_review_date_is_twelve_months_after_publishing_across_a_leap_year():
    with clock.fixed(datetime(2027, 6, 1, 9, 0, tzinfo=UTC)):
        article = make_article(status="published")
    assert article.review_by == date(2028, 6, 1)


def test_a_draft_gets_its_review_date_when_it_is_published():
    person = editor()
    with clock.fixed(MONDAY) as time:
        article = make_article(author=person, status="draft")
        assert article.review_by is None
        time.advance(days=30)
        update(article, person, status="published")
    assert article.review_by == date(2027, 4, 1)


def test_publishing_counts_as_the_first_review_by_whoever_publishes():
    person = editor()
    with clock.fixed(MONDAY) as time:
        article = make_article(author=person, status="draft")
        assert article.last_reviewed_at is None
        time.advance(days=2)
        update(article, person, status="published")
        published_at = clock.now()
        time.advance(days=5)
        update(article, person, title="Still published")  # an edit of a published article is not a review
    assert (article.last_reviewed_at, article.last_reviewed_by_id) == (published_at, person.id)


def test_a_chosen_review_date_is_kept():
    with clock.fixed(MONDAY):
        article = make_article(status="published", review_by=date(2026, 9, 30))
    assert article.review_by == date(2026, 9, 30)


def test_article_is_overdue_only_after_its_review_date_has_passed():
    with clock.fixed(MONDAY) as time:
        article = make_article(status="published", review_by=date(2026, 3, 10))
        time.advance(days=8)
        assert not article.review_overdue(clock.today())
        assert gaps.overdue_reviews() == []
        time.advance(days=1)
        assert article.review_overdue(clock.today())
        assert gaps.overdue_reviews() == [article]


def test_drafts_and_archived_articles_are_never_overdue():
    with clock.fixed(MONDAY) as time:
        draft = make_article(status="draft", review_by=date(2026, 3, 3))
        archived = make_article(status="archived", review_by=date(2026, 3, 3))
        time.advance(days=30)
        assert not draft.review_overdue(clock.today())
        assert not archived.review_overdue(clock.today())
        assert gaps.overdue_reviews() == []


def test_marking_reviewed_sets_a_new_date_and_records_who():
    reviewer = make_user(name="Rita Reviewer")
    with clock.fixed(MONDAY) as time:
        article = make_article(status="published", owner=reviewer)
        time.advance(days=400)
        assert article.review_overdue(clock.today())
        services.mark_reviewed(article, reviewer=reviewer)
        db.session.commit()
        assert not article.review_overdue(clock.today())
    assert article.review_by == date(2028, 4, 6)
    assert article.last_reviewed_by.name == "Rita Reviewer"
    assert article.last_reviewed_at == datetime(2027, 4, 6, 9, 0, tzinfo=UTC)


def test_needs_review_for_one_owner_lists_only_their_articles():
    owner, other = make_user(), make_user()
    with clock.fixed(MONDAY) as time:
        mine = make_article(owner=owner, title="Mine", review_by=date(2026, 3, 3))
        make_article(owner=other, title="Theirs", review_by=date(2026, 3, 3))
        time.advance(days=2)
        assert gaps.overdue_reviews(owner) == [mine]


# --- Feedback ----------------------------------------------------------------------------------


def test_answering_feedback_again_changes_the_first_answer():
    reader = make_user()
    article = make_article()
    community.give_feedback(article, reader, helpful=True)
    db.session.commit()
    community.give_feedback(article, reader, helpful=False, comment="The form link is broken")
    db.session.commit()

    rows = db.session.scalars(select(ArticleFeedback).where(ArticleFeedback.article_id == article.id)).all()
    assert [(row.user_id, row.helpful, row.comment) for row in rows] == [(reader.id, False, "The form link is broken")]
    assert community.feedback_summary(article) == {"yes": 0, "no": 1}


def test_only_one_feedback_row_per_person_even_from_two_workers(make_app):
    reader, article = make_user(), make_article()
    reader_id, article_id = reader.id, article.id
    worker_a, worker_b = make_app(WORKER="a"), make_app(WORKER="b")  # two app instances
    with worker_a.app_context():
        community.give_feedback(
            db.session.get(Article, article_id), db.session.get(type(reader), reader_id), helpful=True
        )
        db.session.commit()
    with worker_b.app_context():
        # The other worker's insert races past the check: the database refuses the second row.
        db.session.add(ArticleFeedback(article_id=article_id, user_id=reader_id, helpful=False, comment=""))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        # Going through the service instead changes the existing answer.
        community.give_feedback(
            db.session.get(Article, article_id),
            db.session.get(type(reader), reader_id),
            helpful=False,
            comment="Out of date",
        )
        db.session.commit()

    rows = db.session.execute(
        select(ArticleFeedback.helpful, ArticleFeedback.comment).where(ArticleFeedback.article_id == article_id)
    ).all()
    assert [tuple(row) for row in rows] == [(False, "Out of date")]


def test_poor_feedback_lists_articles_with_at_least_as_many_noes_as_yeses():
    poor, good = make_article(title="Poor"), make_article(title="Good")
    readers = [make_user() for _ in range(3)]
    community.give_feedback(poor, readers[0], helpful=False, comment="Missing the phone number")
    community.give_feedback(good, readers[0], helpful=True)
    community.give_feedback(good, readers[1], helpful=True)
    community.give_feedback(good, readers[2], helpful=False)
    db.session.commit()
    assert community.poor_feedback() == [(poor, 0, 1)]
    assert [entry.comment for entry in community.recent_negative_comments(poor)] == ["Missing the phone number"]


# --- Notifications -----------------------------------------------------------------------------


def test_watchers_hear_when_a_published_article_changes_but_not_the_editor():
    changer = editor("Eve Editor")
    watcher, other_watcher, bystander = make_user(), make_user(), make_user()
    article = make_article(author=changer, title="Parking permits")
    for person in (watcher, other_watcher, changer):
        community.toggle_watch(article, person)
    db.session.commit()

    update(article, changer, body="New rules")

    for person in (watcher, other_watcher):
        [note] = notifications_for(person)
        assert note.message == "Eve Editor updated “Parking permits”"
        assert note.link == "/kb/parking-permits"
    assert notifications_for(changer) == []
    assert notifications_for(bystander) == []


def test_people_who_stop_watching_hear_nothing():
    changer, watcher = editor(), make_user()
    article = make_article(author=changer)
    assert community.toggle_watch(article, watcher) is True
    assert community.toggle_watch(article, watcher) is False
    db.session.commit()
    update(article, changer, body="Changed")
    assert notifications_for(watcher) == []


def test_changes_to_a_draft_tell_nobody():
    changer, watcher = editor(), make_user()
    article = make_article(author=changer, status="draft")
    community.toggle_watch(article, watcher)
    db.session.commit()
    update(article, changer, body="Still drafting")
    assert notifications_for(watcher) == []


def test_asking_a_question_tells_the_owner():
    owner, asker = make_user(name="Olive Owner"), make_user(name="Asha Asker")
    article = make_article(owner=owner, title="Expenses")
    question = community.ask_question(article, asker, "  Who signs off travel?  ")
    db.session.commit()

    assert question.body == "Who signs off travel?"
    [note] = notifications_for(owner)
    assert note.message == "Asha Asker asked a question on “Expenses”"
    assert note.link == f"/kb/expenses#question-{question.id}"
    assert notifications_for(asker) == []


def test_owner_asking_on_their_own_article_is_not_told_about_it():
    owner = make_user()
    article = make_article(owner=owner)
    community.ask_question(article, owner, "A note to self?")
    db.session.commit()
    assert notifications_for(owner) == []


def test_an_empty_question_is_refused():
    with pytest.raises(services.FieldError) as raised:
        community.ask_question(make_article(), make_user(), "   ")
    assert (raised.value.field, raised.value.message) == ("body", "Enter your question")


def test_answering_tells_the_asker_and_can_mark_it_answered():
    asker, answerer = make_user(name="Asha Asker"), editor("Andy Answerer")
    article = make_article(title="Expenses")
    question = community.ask_question(article, asker, "Who signs off travel?")
    db.session.commit()
    community.answer_question(question, answerer, "Your team leader.", mark_answered=True)
    db.session.commit()

    [note] = notifications_for(asker)
    assert note.message == "Andy Answerer answered your question on “Expenses”"
    assert note.link == f"/kb/expenses#question-{question.id}"
    assert notifications_for(answerer) == []
    assert question.answered_at is not None
    assert gaps.open_questions() == []


def test_an_answer_that_does_not_settle_it_leaves_the_question_open():
    asker = make_user()
    article = make_article()
    question = community.ask_question(article, asker, "Which form?")
    community.answer_question(question, editor(), "Partly: ask finance too.", mark_answered=False)
    db.session.commit()
    assert gaps.open_questions() == [(question, article)]


# --- Coverage ----------------------------------------------------------------------------------


def _coverage_row(category):
    return next(row for row in categories.coverage() if row["category"].id == category.id)


def test_coverage_flags_a_category_that_depends_on_one_person():
    solo = make_user(roles=["editor"], name="Solo Sue")
    category = make_category("Travel")
    make_article(category=category, author=solo)
    make_article(category=category, author=solo)

    row = _coverage_row(category)
    assert (row["articles"], row["owners"], row["authors"], row["risk"]) == (2, 1, 1, "One person")
    assert row["people"] == ["Solo Sue"]


def test_coverage_flags_a_category_with_no_published_articles():
    empty, drafts_only = make_category("Empty"), make_category("Drafts only")
    make_article(category=drafts_only, status="draft")
    assert _coverage_row(empty)["risk"] == "No articles"
    assert _coverage_row(drafts_only)["risk"] == "No articles"


def test_coverage_does_not_flag_a_category_shared_between_people():
    category = make_category("Committees")
    first, second = editor("Ann"), editor("Bob")
    article = make_article(category=category, author=first)
    make_article(category=category, author=second)
    update(article, second, body="Second's improvements")

    row = _coverage_row(category)
    assert (row["articles"], row["owners"], row["authors"], row["risk"]) == (2, 2, 2, None)
    assert row["people"] == ["Ann", "Bob"]


# --- Tags and categories -----------------------------------------------------------------------


def test_tags_are_tidied_and_shared_between_articles():
    first = make_article(tags="Room Booking,  committees ; room booking")
    second = make_article(tags="room   booking")
    assert [tag.name for tag in first.tags] == ["committees", "room booking"]
    assert [tag.id for tag in second.tags] == [next(t.id for t in first.tags if t.name == "room booking")]


def test_more_than_ten_tags_are_refused():
    with pytest.raises(services.FieldError) as raised:
        make_article(tags=", ".join(f"tag {n}" for n in range(11)))
    assert (raised.value.field, raised.value.message) == ("tags", "Use 10 tags or fewer")


def test_long_tags_that_differ_only_in_punctuation_each_get_an_address():
    # Both make the same 40-character slug; the second must still fit the column.
    make_article(tags="minutes agendas and papers for committee")
    article = make_article(tags="minutes-agendas-and-papers-for-committee")
    [tag] = article.tags
    assert tag.slug != "minutes-agendas-and-papers-for-committee"
    assert len(tag.slug) <= 40
    assert services.get_tag(tag.slug) == tag


def test_long_category_names_that_make_the_same_address_each_get_one():
    admin = make_user(roles=["admin"])
    words = "travel expenses mileage and subsistence claims by elected members and officer ok"
    assert len(words) == 80
    first = categories.save_category(None, name=words, description="", actor=admin)
    second = categories.save_category(None, name=words.replace(" ", "-"), description="", actor=admin)
    db.session.commit()
    assert first.slug != second.slug
    assert len(second.slug) <= 80
    assert categories.get_category(second.slug) == second


def test_adding_a_category_with_the_name_of_another_in_any_case_is_refused():
    admin = make_user(roles=["admin"])
    categories.save_category(None, name="Travel", description="", actor=admin)
    with pytest.raises(services.FieldError) as raised:
        categories.save_category(None, name="  TRAVEL ", description="", actor=admin)
    assert raised.value.message == "There is already a category with this name"


def test_at_half_past_midnight_bst_today_is_the_uk_date_and_yesterdays_review_is_overdue():
    """00:30 BST on 11 June is still 10 June in UTC: "today" is the UK date, so an article due
    for review on the 10th is overdue from midnight, not from 1am."""
    with clock.fixed(datetime(2026, 6, 1, 9, 0, tzinfo=UTC)):
        article = make_article(status="published", review_by=date(2026, 6, 10))
    with clock.fixed(datetime(2026, 6, 10, 23, 30, tzinfo=UTC)):
        assert clock.today() == date(2026, 6, 11)
        assert article.review_overdue(clock.today())
        assert gaps.overdue_reviews() == [article]
        assert gaps.overdue_review_count() == 1
    with clock.fixed(datetime(2026, 6, 10, 22, 30, tzinfo=UTC)):  # 23:30 BST on the 10th
        assert clock.today() == date(2026, 6, 10)
        assert gaps.overdue_reviews() == []
