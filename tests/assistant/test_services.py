"""Ask Staffroom's rules: the passage under the right heading, only what the person may see, follow-ups
read with the question before, declining below the threshold, the council's vocabulary, feedback,
the community's questions and the figures."""

from datetime import UTC, datetime, timedelta

import pytest
from flask import current_app

from app import clock
from app.assistant import services
from app.assistant.understanding import asks_for, states
from app.extensions import db
from app.kb import gaps
from app.markup import render, sections
from app.models import AskedQuestion, Notification
from app.validation import FieldError
from tests.assistant.helpers import MILEAGE, add_synonym, guidance
from tests.factories import make_article, make_service, make_team, make_user


@pytest.fixture
def content(app):
    return guidance()


def ask(user, question, previous=None):
    with current_app.test_request_context():  # answers link to articles and services
        asked, reply = services.ask(user, question, previous=previous)
        db.session.commit()
    return asked, reply


def answer(user, question, previous=None):
    with current_app.test_request_context():
        return services.answer(user, question, previous=previous)


# --- The passage -------------------------------------------------------------------------------------


def test_sections_are_cut_at_each_heading_with_the_anchors_the_article_page_uses():
    parts = sections(MILEAGE)

    assert [part.heading for part in parts] == ["", "Before the journey", "Claiming mileage", "What you cannot claim"]
    assert parts[0].markdown.startswith("Officers who use their own car")
    assert parts[3].markdown.startswith("- Parking fines")
    assert [part.anchor for part in parts[1:]] == [heading["id"] for heading in render(MILEAGE).headings]


@pytest.mark.parametrize(
    "question, heading",
    [
        ("Can I claim for a parking fine?", "What you cannot claim"),
        ("What is the mileage rate per mile?", "Claiming mileage"),
        ("Do I need business insurance before the journey?", "Before the journey"),
    ],
)
def test_the_passage_is_the_section_under_the_heading_that_answers(app, staff, content, question, heading):
    reply = answer(staff, question)

    assert reply.confident
    assert reply.passage.article.id == content["mileage"].id
    assert reply.passage.heading == heading


def test_the_passage_is_only_its_section_and_links_to_it_in_the_whole_article(app, staff, content):
    reply = answer(staff, "Can I claim for a parking fine?")

    assert "Parking fines and speeding penalties" in reply.passage.html
    assert "45p per mile" not in reply.passage.html
    assert reply.passage.url == "/kb/claiming-mileage-for-a-site-visit#section-what-you-cannot-claim"


def test_an_article_without_headings_is_answered_by_its_whole_text(app, staff):
    article = make_article(
        title="Petty cash",
        body="The petty cash float is £100, kept in a locked box.",
        summary="Looking after the petty cash float",
    )

    reply = answer(staff, "How big is the petty cash float?")

    assert reply.passage.article.id == article.id and reply.passage.heading == ""
    assert "locked box" in reply.passage.html


def test_matching_services_and_other_relevant_articles_come_with_the_answer(app, staff, content):
    service = make_service(
        name="Hire car booking", summary="We book a hire car for your long journeys", keywords="hire car travel"
    )

    reply = answer(staff, "Can someone book a hire car for me? It is a long journey.")

    assert reply.best_service == service and reply.services == [service]
    assert reply.passage.article.id == content["hire_car"].id
    assert reply.slugs == ["hire-car-booking", "booking-a-hire-car"]

    reply = answer(staff, "Is a hire car cheaper than claiming mileage for long journeys?")
    assert {reply.passage.article.id, *(article.id for article in reply.articles)} == {
        content["hire_car"].id,
        content["mileage"].id,
    }


# --- Only what the person may see ------------------------------------------------------------------------


def test_drafts_never_answer_not_even_for_editors(app, staff, editor):
    make_article(
        title="Parking permits for staff",
        status="draft",
        body="## Applying\n\nStaff parking permits are applied for through Facilities.",
    )

    for person in (staff, editor):
        reply = answer(person, "How do I apply for a staff parking permit?")
        assert not reply.confident
        assert reply.passage is None and reply.shown == []


def test_a_draft_is_left_out_of_an_answer_given_before_it_became_one(app, staff, content):
    asked, _ = ask(staff, "Can I claim for a parking fine?")
    content["mileage"].status = "draft"
    db.session.commit()

    with current_app.test_request_context():
        ((_, replayed),) = services.conversation(staff, [asked.id])

    assert replayed.passage is None
    assert content["mileage"] not in replayed.articles


def test_team_only_services_are_offered_only_to_those_teams(app, content):
    social_care, planning = (
        make_team("Children's Services", business_support=False),
        make_team("Planning", business_support=False),
    )
    service = make_service(
        name="Child protection conference minutes",
        audience="teams",
        requesting_teams=[social_care],
        summary="A minute-taker for child protection conferences",
        keywords="ICPC child protection conference minutes",
    )
    social_worker = make_user(team=social_care)
    planner = make_user(team=planning)

    assert answer(social_worker, "Can someone minute a child protection conference?").slugs[:1] == [service.slug]
    reply = answer(planner, "Can someone minute a child protection conference?")
    assert service not in reply.services and service.slug not in reply.slugs


def test_retired_services_are_never_offered(app, staff):
    make_service(
        name="Audio typing",
        active=False,
        summary="Typing letters from a dictation recording",
        keywords="dictation typing transcription",
    )

    reply = answer(staff, "Can someone type up my dictation recording?")

    assert reply.shown == [] and not reply.confident


# --- Follow-ups -------------------------------------------------------------------------------------------


def test_a_follow_up_replaces_what_followed_the_same_word_in_the_earlier_question():
    understood = services.understand("and for a hire car?", "How do I claim mileage for a site visit?")

    assert understood.follow_up
    assert understood.text == "How do I claim mileage for a hire car?"
    assert understood.parts == [("for a hire car", 1.0), ("How do I claim mileage", services.CARRIED_WEIGHT)]


def test_a_follow_up_keeps_the_earlier_question_when_it_points_back_to_it():
    understood = services.understand("and for a telephone one?", "How much notice do I need for a BSL interpreter?")

    assert understood.follow_up
    assert "BSL interpreter" in understood.parts[1][0]
    assert understood.text == "How much notice do I need for a BSL interpreter … for a telephone one?"


@pytest.mark.parametrize("question", ["who approves it?", "what about petty cash?", "hire cars?", "And a hotel"])
def test_short_questions_leaning_on_the_one_before_are_follow_ups(question):
    assert services.is_follow_up(question, "How do I raise a purchase order?")


@pytest.mark.parametrize("question", ["How do I book a hotel?", "Can I claim for a parking fine on council business?"])
def test_questions_that_stand_alone_are_not_follow_ups(question):
    assert not services.is_follow_up(question, "How do I raise a purchase order?")
    assert not services.is_follow_up("and for a hire car?", None)


def test_a_follow_up_is_answered_in_the_context_of_the_question_before(app, staff, content):
    first, _ = ask(staff, "How do I claim mileage for a site visit?")
    follow_up, reply = ask(staff, "and for a hire car?", previous=first)

    assert reply.understood.follow_up
    assert reply.passage.article.id == content["hire_car"].id
    assert follow_up.follow_up_of_id == first.id
    assert follow_up.understood_as == "How do I claim mileage for a hire car?"


def test_a_new_question_after_another_is_not_read_as_a_follow_up(app, staff, content):
    first, _ = ask(staff, "How do I claim mileage for a site visit?")
    second, reply = ask(staff, "How do I raise a purchase order in Unit4?", previous=first)

    assert not reply.understood.follow_up and second.follow_up_of_id is None
    assert reply.passage.article.id == content["orders"].id


def test_someone_elses_question_is_never_taken_as_the_one_before(app, staff, content):
    other, _ = ask(make_user(), "How do I claim mileage for a site visit?")
    asked, reply = ask(staff, "and for a hire car?", previous=other)

    assert not reply.understood.follow_up and asked.follow_up_of_id is None


# --- Knowing when it does not know ------------------------------------------------------------------------------


def test_a_question_the_content_does_not_cover_is_declined(app, staff, content):
    asked, reply = ask(staff, "How do I apply for maternity leave?")

    assert not reply.confident and reply.confidence < services.threshold()
    assert reply.passage is None and reply.services == [] and reply.articles == []
    assert asked.answered is False and asked.article_id is None and asked.ranked == ""
    assert asked.topic == "apply maternity leave"


def test_the_threshold_decides_between_answering_and_declining(make_app, staff, content):
    question = "Can I claim for a parking fine?"
    sure = answer(staff, question).confidence
    assert sure >= services.threshold()

    strict = make_app(ASK_CONFIDENCE_THRESHOLD=min(sure + 0.01, 1.01))
    with strict.app_context():
        assert not answer(staff, question).confident


def test_an_empty_question_is_refused_on_its_field(app, staff):
    for text in ("", "   ", "the and of?"):
        with pytest.raises(FieldError) as refused:
            ask(staff, text)
        assert refused.value.field == "question"


# --- The council's vocabulary ------------------------------------------------------------------------------------


def test_the_assistant_understands_the_councils_abbreviations(app, staff, editor, content):
    assert not answer(staff, "How do I raise a PO?").confident

    add_synonym("PO", "purchase order", editor)
    reply = answer(staff, "How do I raise a PO?")

    assert reply.confident and reply.passage.article.id == content["orders"].id
    assert reply.passage.heading == "Raising the order"


def test_an_abbreviation_too_short_for_the_index_still_finds_its_meaning(app, staff, editor):
    article = make_article(
        title="Managing a diary during leave",
        body="## Before the leave\n\nBlock the annual leave in the diary as out of office.",
    )
    add_synonym("A/L", "annual leave", editor)

    reply = answer(staff, "What do I do with the diary during A/L?")

    assert reply.passage.article.id == article.id


# --- Feedback, the community and the figures -------------------------------------------------------------------------


def test_feedback_on_an_answer_is_recorded_and_can_be_changed(app, staff, content):
    asked, _ = ask(staff, "Can I claim for a parking fine?")

    with clock.fixed(datetime(2026, 3, 2, 10, 0, tzinfo=UTC)):
        services.give_feedback(asked, staff, helpful=True)
    db.session.commit()
    assert (asked.helpful, asked.feedback_at) == (True, datetime(2026, 3, 2, 10, 0, tzinfo=UTC))

    services.give_feedback(asked, staff, helpful=False)
    db.session.commit()
    assert db.session.get(AskedQuestion, asked.id).helpful is False


def test_only_the_asker_gives_feedback_or_sends_the_question_on(app, staff, content):
    asked, _ = ask(staff, "Can I claim for a parking fine?")
    someone = make_user()

    with pytest.raises(FieldError):
        services.give_feedback(asked, someone, helpful=False)
    with pytest.raises(FieldError):
        services.refer(asked, someone)
    assert asked.helpful is None and asked.referred_at is None


def test_a_declined_question_sent_to_the_community_is_answered_and_the_asker_told(app, staff, editor, content):
    asked, _ = ask(staff, "How do I apply for maternity leave?")
    services.refer(asked, staff)
    db.session.commit()
    assert services.community_questions() == [asked]

    with current_app.test_request_context():
        services.reply(asked, editor, "HR's maternity policy is on the HR intranet.")
    db.session.commit()

    assert services.community_questions() == []
    assert services.community_questions(answered=True) == [asked]
    note = db.session.query(Notification).filter_by(user_id=staff.id).one()
    assert note.link == f"/ask/community/{asked.id}" and "answered your question" in note.message


def test_a_reply_needs_words(app, staff, editor, content):
    asked, _ = ask(staff, "How do I apply for maternity leave?")
    services.refer(asked, staff)
    with pytest.raises(FieldError) as refused:
        services.reply(asked, editor, "  ")
    assert refused.value.field == "body"


def test_unanswered_topics_and_the_share_answered_helpfully(app, staff, content):
    others = [make_user(name=name) for name in ("Pat Second", "Lee Third")]
    for person, question in (
        (staff, "How do I apply for maternity leave?"),
        (others[0], "how do I apply for MATERNITY leave"),
        (others[1], "how do I apply for maternity leave"),
        (staff, "Where is the lone working policy?"),  # one person: not listed
        (staff, "Where is the lone working policy?"),
        (staff, "Where is the lone working policy?"),
    ):
        ask(person, question)
    answered, _ = ask(staff, "Can I claim for a parking fine?")
    ask(staff, "What is the mileage rate per mile?")  # answered, never rated
    services.give_feedback(answered, staff, helpful=True)
    db.session.commit()

    topics = gaps.unanswered_topics(30)
    assert [(topic, times) for topic, times, _ in topics] == [("apply maternity leave", 3)]
    figures = services.figures(clock.now() - timedelta(days=30))
    assert figures == {"asked": 8, "answered": 2, "rated": 1, "helped": 1, "answered_share": 0.25, "helpful_share": 1.0}


def test_phrases_that_do_not_point_back_do_not_make_a_follow_up():
    before = "How do I raise a purchase order?"
    assert not services.is_follow_up("is there a form for booking a meeting room at the civic centre", before)
    assert not services.is_follow_up("what are the mileage rates this year for cars and vans", before)
    assert services.is_follow_up("who approves it?", before)


def test_a_follow_up_carries_only_the_question_before_s_own_words():
    understood = services.understand("and in Leeds?", "and what about a hotel?")
    assert understood.follow_up and "hotel" in understood.text
    assert understood.parts[1] == ("a hotel", services.CARRIED_WEIGHT)


def test_questions_asking_for_a_fact_want_a_passage_stating_one():
    assert asks_for("how long does a DBS check take?") == "duration"
    assert asks_for("who approves a purchase order?") == "person"
    assert asks_for("how much is the mileage rate") == "amount"
    assert asks_for("how do I book a room?") is None
    assert states("duration", "Checks take about 10 working days.")
    assert not states("duration", "Apply through the DBS portal with the starter's documents.")


def test_a_follow_up_whose_own_words_no_article_has_is_judged_with_the_question_before(app, staff, content):
    before = answer(staff, "How do I claim mileage for a site visit?")
    reply = answer(staff, "and in Leeds?", previous=before.question)

    assert reply.understood.follow_up and reply.confident
    assert reply.slugs[0] == content["mileage"].slug
