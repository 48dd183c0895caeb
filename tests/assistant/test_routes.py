"""Ask Staffroom pages: asking without JavaScript (form, redirect, page) and with htmx (each answer
added to the log), the conversation kept for the session and cleared, feedback, handing a question
to the community, the editors' pages, the home page box and the content-gap list."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from app.assistant import services
from app.extensions import db
from app.models import AskedQuestion, Notification, Synonym
from tests.assistant.helpers import add_synonym, guidance
from tests.conftest import page_text
from tests.factories import make_service, make_user, signed_in_client

PARKING = "Can I claim for a parking fine?"


@pytest.fixture
def content(app):
    return guidance()


def hx_ask(client, question):
    return client.hx("POST", "/ask", data={"question": question, "csrf_token": client.csrf_token()})


def exchanges(response) -> list[str]:
    return re.findall(r'<article class="sr-ask-exchange" id="(exchange-\d+)"', response.get_data(as_text=True))


# --- Asking ----------------------------------------------------------------------------------------


def test_the_ask_page_is_a_form_under_an_empty_conversation_log(staff_client):
    markup = staff_client.get("/ask").get_data(as_text=True)

    assert re.search(r'<div id="ask-conversation"[^>]*role="log"[^>]*aria-live="polite"', markup)
    assert '<form id="ask-form"' in markup and 'hx-post="/ask"' in markup and 'method="post" action="/ask"' in markup
    assert "Clear the conversation" not in markup


def test_without_javascript_asking_posts_and_the_page_shows_the_answer(app, staff_client, content):
    response = staff_client.post("/ask", data={"question": PARKING})
    asked = db.session.query(AskedQuestion).one()

    assert response.status_code == 303
    assert response.headers["Location"] == f"/ask#exchange-{asked.id}"
    text = page_text(staff_client.get("/ask"))
    assert f"You asked: {PARKING}" in text
    assert "What you cannot claim, from “Claiming mileage for a site visit”" in text
    assert "Parking fines and speeding penalties" in text
    assert "Read the whole article: Claiming mileage for a site visit" in text
    assert 'href="/kb/claiming-mileage-for-a-site-visit#section-what-you-cannot-claim"' in staff_client.get(
        "/ask"
    ).get_data(as_text=True)


def test_with_htmx_the_answer_comes_back_alone_to_join_the_log(app, staff_client, content):
    response = hx_ask(staff_client, PARKING)
    markup = response.get_data(as_text=True)

    assert response.status_code == 200
    assert markup.lstrip().startswith('<article class="sr-ask-exchange"')
    assert "<html" not in markup and "ask-form" not in markup
    assert "What you cannot claim" in page_text(response)
    assert response.headers["Vary"].count("HX-Request")


def test_the_conversation_is_kept_for_the_session_in_order(app, staff, staff_client, content):
    hx_ask(staff_client, PARKING)
    staff_client.post("/ask", data={"question": "What is the mileage rate per mile?"})

    page = staff_client.get("/ask")
    ids = [asked.id for asked in db.session.query(AskedQuestion).order_by(AskedQuestion.id)]
    assert len(ids) == 2 and exchanges(page) == [f"exchange-{number}" for number in ids]
    # The same person in another browser starts a conversation of their own.
    assert exchanges(signed_in_client(app, staff).get("/ask")) == []


def test_a_follow_up_is_read_with_the_question_before_it(app, staff_client, content):
    hx_ask(staff_client, "How do I claim mileage for a site visit?")
    response = hx_ask(staff_client, "and for a hire car?")

    text = page_text(response)
    assert "Read with your last question, as “How do I claim mileage for a hire car?”" in text
    assert "rom “Booking a hire car”" in text  # the passage: "From ..." or "<heading>, from ..."


def test_clearing_the_conversation_forgets_it(app, staff_client, content):
    staff_client.post("/ask", data={"question": PARKING})
    assert "Clear the conversation" in page_text(staff_client.get("/ask"))

    response = staff_client.post("/ask/clear")

    assert response.status_code == 303 and response.headers["Location"] == "/ask"
    page = staff_client.get("/ask")
    assert exchanges(page) == [] and "Conversation cleared" in page_text(page)
    # Cleared, a short question is a question of its own again; and its answer takes the place
    # of the "Conversation cleared" message (out of band), which has had its moment.
    answer = hx_ask(staff_client, "hire cars?")
    assert "Read with your last question" not in page_text(answer)
    assert '<div id="flash-messages" hx-swap-oob="true"></div>' in answer.get_data(as_text=True)


def test_an_empty_question_comes_back_with_the_error_on_its_field(staff_client):
    response = staff_client.post("/ask", data={"question": "  "})

    assert response.status_code == 422
    assert "There is a problem" in page_text(response)
    assert 'href="#question"' in response.get_data(as_text=True)


def test_with_htmx_an_empty_question_replaces_the_form_not_the_log(staff_client):
    response = hx_ask(staff_client, "")

    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#ask-form" and response.headers["HX-Reswap"] == "outerHTML"
    assert response.get_data(as_text=True).lstrip().startswith('<form id="ask-form"')
    assert "Enter your question" in page_text(response)


def test_the_home_page_box_asks_staffroom(app, staff_client, content):
    markup = staff_client.get("/").get_data(as_text=True)
    assert re.search(r'<form class="sr-ask-home" method="post" action="/ask"', markup)
    assert '<label class="govuk-label govuk-label--m" for="home-ask">Ask Staffroom</label>' in markup

    response = staff_client.post("/ask", data={"question": PARKING})
    assert response.headers["Location"].startswith("/ask#exchange-")


# --- Services in the answer --------------------------------------------------------------------------


def test_a_matching_service_has_a_button_to_raise_a_request_with_the_question_filled_in(app, staff_client, content):
    service = make_service(
        name="Hire car booking", summary="We book a hire car for your long journeys", keywords="hire car travel"
    )
    question = "Can someone book a hire car for me?"

    markup = hx_ask(staff_client, question).get_data(as_text=True)
    link = re.search(
        r'<a href="([^"]+)" role="button"[^>]*>Make a request<span class="govuk-visually-hidden">: '
        r"Hire car booking</span></a>",
        markup,
    )

    assert link, markup
    target = urlsplit(link.group(1).replace("&amp;", "&"))
    assert target.path == f"/services/{service.slug}/request"
    assert parse_qs(target.query) == {"description": [question]}
    form = staff_client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert re.search(r'<textarea[^>]*name="description"[^>]*>\s*Can someone book a hire car for me\?</textarea>', form)


# --- Declining ------------------------------------------------------------------------------------------------


def test_a_question_nobody_covered_is_declined_with_two_ways_on(app, staff_client, content):
    make_service(name="General enquiry", summary="Ask us anything else")

    text = page_text(hx_ask(staff_client, "How do I apply for maternity leave?"))

    assert "Sorry, Staffroom has no answer to that" in text
    assert "Ask the community of practice" in text
    markup = hx_ask(staff_client, "How do I apply for maternity leave?").get_data(as_text=True)
    assert 'href="/services/general-enquiry/request?description=How+do+I+apply+for+maternity+leave?"' in markup


def test_without_a_general_enquiry_service_the_decline_points_to_the_catalogue(app, staff_client, content):
    markup = hx_ask(staff_client, "How do I apply for maternity leave?").get_data(as_text=True)

    assert "Raise a general enquiry" not in markup
    assert '<a class="govuk-link" href="/services">Find a service</a>' in markup


def test_sending_a_question_to_the_community_puts_it_before_the_editors(
    app, staff, staff_client, editor_client, content
):
    hx_ask(staff_client, "How do I apply for maternity leave?")
    asked = db.session.query(AskedQuestion).one()

    response = staff_client.hx("POST", f"/ask/{asked.id}/community", data={"csrf_token": staff_client.csrf_token()})

    assert response.status_code == 200
    assert (
        response.get_data(as_text=True).lstrip().startswith(f'<div class="sr-ask-community" id="community-{asked.id}">')
    )
    assert "Sent to the community of practice" in page_text(response)
    assert "How do I apply for maternity leave?" in page_text(editor_client.get("/kb/questions"))
    assert "How do I apply for maternity leave?" in page_text(editor_client.get("/ask/community"))

    response = editor_client.post(f"/ask/community/{asked.id}", data={"body": "See the HR intranet's maternity page."})
    assert response.status_code == 303
    note = db.session.query(Notification).filter_by(user_id=staff.id).one()
    assert note.link == f"/ask/community/{asked.id}"
    assert "See the HR intranet's maternity page." in page_text(staff_client.get(note.link))
    assert "read their answer" in page_text(staff_client.get("/ask"))


def test_without_javascript_sending_to_the_community_comes_back_to_the_conversation(app, staff_client, content):
    staff_client.post("/ask", data={"question": "How do I apply for maternity leave?"})
    asked = db.session.query(AskedQuestion).one()

    response = staff_client.post(f"/ask/{asked.id}/community")

    assert response.status_code == 303 and response.headers["Location"] == f"/ask#exchange-{asked.id}"
    assert db.session.get(AskedQuestion, asked.id).referred_at is not None


def test_a_community_question_is_for_its_asker_and_the_editors_only(app, staff_client, editor_client, content):
    hx_ask(staff_client, "How do I apply for maternity leave?")
    asked = db.session.query(AskedQuestion).one()
    someone = signed_in_client(app, make_user())

    assert editor_client.get(f"/ask/community/{asked.id}").status_code == 404  # not sent on yet
    staff_client.post(f"/ask/{asked.id}/community")
    assert editor_client.get(f"/ask/community/{asked.id}").status_code == 200
    assert staff_client.get(f"/ask/community/{asked.id}").status_code == 200
    assert "Answer it" not in page_text(staff_client.get(f"/ask/community/{asked.id}"))
    assert someone.get(f"/ask/community/{asked.id}").status_code == 404
    assert staff_client.post(f"/ask/community/{asked.id}", data={"body": "My own answer"}).status_code == 404
    assert someone.post(f"/ask/{asked.id}/community").status_code == 404


# --- Feedback ---------------------------------------------------------------------------------------------------


def test_feedback_with_htmx_swaps_only_the_feedback_and_is_recorded(app, staff_client, content):
    hx_ask(staff_client, PARKING)
    asked = db.session.query(AskedQuestion).one()

    response = staff_client.hx(
        "POST", f"/ask/{asked.id}/feedback", data={"helpful": "yes", "csrf_token": staff_client.csrf_token()}
    )

    assert response.status_code == 200
    assert (
        response.get_data(as_text=True).lstrip().startswith(f'<div class="sr-ask-feedback" id="feedback-{asked.id}">')
    )
    assert "Thank you. You said this helped." in page_text(response)
    assert db.session.get(AskedQuestion, asked.id).helpful is True


def test_feedback_without_javascript_and_changing_it(app, staff_client, content):
    staff_client.post("/ask", data={"question": PARKING})
    asked = db.session.query(AskedQuestion).one()

    response = staff_client.post(f"/ask/{asked.id}/feedback", data={"helpful": "no"})

    assert response.status_code == 303 and response.headers["Location"] == f"/ask#exchange-{asked.id}"
    assert db.session.get(AskedQuestion, asked.id).helpful is False
    page = page_text(staff_client.get("/ask"))
    assert "You said this didn’t help. You can ask the community of practice instead." in page
    staff_client.post(f"/ask/{asked.id}/feedback", data={"helpful": "yes"})
    assert db.session.get(AskedQuestion, asked.id).helpful is True


def test_feedback_without_a_choice_changes_nothing(app, staff_client, content):
    hx_ask(staff_client, PARKING)
    asked = db.session.query(AskedQuestion).one()

    response = staff_client.hx("POST", f"/ask/{asked.id}/feedback", data={"csrf_token": staff_client.csrf_token()})

    assert response.status_code == 422
    assert db.session.get(AskedQuestion, asked.id).helpful is None


def test_nobody_rates_someone_elses_answer(app, staff_client, content):
    hx_ask(staff_client, PARKING)
    asked = db.session.query(AskedQuestion).one()
    someone = signed_in_client(app, make_user())

    assert someone.post(f"/ask/{asked.id}/feedback", data={"helpful": "no"}).status_code == 404
    assert someone.post("/ask/99999/feedback", data={"helpful": "no"}).status_code == 404
    assert db.session.get(AskedQuestion, asked.id).helpful is None


# --- The editors' pages ---------------------------------------------------------------------------------------------


def test_editors_keep_the_vocabulary(app, editor, editor_client):
    response = editor_client.post("/ask/vocabulary", data={"term": "PO", "meaning": "purchase order"})
    assert response.status_code == 303
    entry = db.session.query(Synonym).one()
    assert (entry.term, entry.key, entry.meaning, entry.updated_by_id) == ("PO", "po", "purchase order", editor.id)
    assert "PO purchase order" in page_text(editor_client.get("/ask/vocabulary"))

    response = editor_client.post("/ask/vocabulary", data={"term": "po", "meaning": "post office"})
    assert response.status_code == 422
    assert "“PO” is already in the list: change that entry instead" in page_text(response)

    response = editor_client.post(
        f"/ask/vocabulary/{entry.id}", data={"term": "PO", "meaning": "purchase order number"}
    )
    assert response.status_code == 303
    assert db.session.get(Synonym, entry.id).meaning == "purchase order number"

    response = editor_client.post(f"/ask/vocabulary/{entry.id}/remove")
    assert response.status_code == 303 and db.session.query(Synonym).count() == 0


@pytest.mark.parametrize(
    "term, meaning, message",
    [
        ("", "purchase order", "Enter the word or abbreviation"),
        ("PO", "", "Enter what it means"),
        ("PO", "po", "Enter a different way of saying it, not the same words"),
        ("--", "purchase order", "The word or abbreviation must have at least one letter or number"),
    ],
)
def test_the_vocabulary_refuses_entries_that_mean_nothing(editor_client, term, meaning, message):
    response = editor_client.post("/ask/vocabulary", data={"term": term, "meaning": meaning})

    assert response.status_code == 422 and message in page_text(response)


def test_staff_do_not_see_the_editors_pages(app, staff_client, editor):
    entry = add_synonym("PO", "purchase order", editor)
    for path in ("/ask/vocabulary", f"/ask/vocabulary/{entry.id}", "/ask/community"):
        assert staff_client.get(path).status_code == 404
    assert staff_client.post(f"/ask/vocabulary/{entry.id}/remove").status_code == 404
    assert db.session.query(Synonym).count() == 1


def test_unanswered_questions_are_on_the_content_gap_list_beside_searches(app, staff_client, editor_client, content):
    others = [signed_in_client(app, make_user(name=name)) for name in ("Pat Second", "Lee Third")]
    for person in (staff_client, staff_client, *others):
        hx_ask(person, "How do I apply for maternity leave?")
    hx_ask(staff_client, PARKING)

    text = page_text(editor_client.get("/search/no-results"))

    assert "Questions Ask Staffroom could not answer" in text
    assert re.search(r"apply maternity leave 4 \d", text)
    assert "parking fine" not in text


def test_a_declined_question_becomes_a_vocabulary_entry_in_one_click_from_the_content_gaps(
    app, staff_client, editor_client, content
):
    question = "Can I get petrol money for my car journeys?"
    others = [signed_in_client(app, make_user(name=name)) for name in ("Pat Second", "Lee Third")]
    for person in (staff_client, *others):
        hx_ask(person, question)
    assert not db.session.query(AskedQuestion).filter_by(answered=True).count()

    page = editor_client.get("/search/no-results")
    form = re.search(
        r'<form method="post" action="/ask/vocabulary"[^>]*>.*?'
        r'name="term" value="([^"]*)".*?name="meaning" value="([^"]*)"',
        page.get_data(as_text=True),
        re.S,
    )
    assert form, page_text(page)
    term, meaning = html.unescape(form[1]), html.unescape(form[2])
    assert term == "petrol money" and meaning == "Claiming mileage for a site visit"

    response = editor_client.post("/ask/vocabulary", data={"term": term, "meaning": meaning})  # the one click
    assert response.status_code == 303
    assert db.session.query(Synonym).filter_by(term=term).count() == 1
    reply = hx_ask(staff_client, question)  # the next person to ask is answered
    assert "Claiming mileage for a site visit" in page_text(reply)
    assert db.session.query(AskedQuestion).filter_by(answered=True).count() == 1


def test_the_dashboard_shows_the_share_answered_helpfully_and_the_unanswered_topics(
    app, staff_client, editor_client, content
):
    hx_ask(staff_client, "How do I apply for maternity leave?")
    hx_ask(staff_client, PARKING)
    hx_ask(staff_client, "What is the mileage rate per mile?")
    for asked in db.session.query(AskedQuestion).filter_by(answered=True):
        staff_client.post(f"/ask/{asked.id}/feedback", data={"helpful": "yes" if "parking" in asked.question else "no"})

    for name in ("Pat Second", "Lee Third"):
        hx_ask(signed_in_client(app, make_user(name=name)), "How do I apply for maternity leave?")

    text = page_text(staff_client.get("/dashboard/knowledge"))

    assert "5 questions asked" in text
    assert "60% answered (3 of 5)" not in text and "40% answered (2 of 5)" in text
    assert "50% answered helpfully (1 of 2 rated answers)" in text
    assert "Unanswered topics" not in text  # what staff typed: editors and managers only
    editor_text = page_text(editor_client.get("/dashboard/knowledge"))
    assert re.search(r"Unanswered topics: what Ask Staffroom could not answer.*apply maternity leave 3", editor_text)


def test_what_else_answers_is_listed_in_rank_order_whatever_its_kind(app, staff_client, content):
    service = make_service(
        name="Hire car booking", summary="We book a hire car for your long journeys", keywords="hire car travel mileage"
    )
    db.session.commit()
    with app.test_request_context():
        shown = services.answer(db.session.merge(make_user()), "how do I claim mileage for a hire car")
    others = [content for _, content in shown.shown[1:]]
    assert service in others  # the catalogue's service is among what else answers

    markup = staff_client.post(
        "/ask", data={"question": "how do I claim mileage for a hire car"}, follow_redirects=True
    ).get_data(as_text=True)
    listed = markup.split("Also relevant", 1)[1].split("</ul>", 1)[0]
    positions = [listed.index(f'/{content.slug}"') for content in others]
    assert positions == sorted(positions)
