"""Notices reach people as they chose (in Staffroom only, by email at once, or in the daily
digest); every email to a person ends with a signed link that stops that kind by email without
signing in; editors hear of community questions and managers of new ideas."""

import re

from flask import current_app
from itsdangerous import URLSafeSerializer
from sqlalchemy import select

from app import clock
from app.assistant import services as assistant
from app.extensions import db
from app.models import AskedQuestion, Delivery, NoticePreference, Notification
from app.notify import MY_REQUESTS, TEAM_REQUESTS, choose, unsubscribe_token
from tests.conftest import page_text
from tests.factories import make_article, make_category, make_user, signed_in_client
from tests.ideas.helpers import make_idea
from tests.service_requests.helpers import emails, london, make_cast, raise_request

MONDAY = london(2026, 3, 2, 10)


def messages_for(user) -> list[str]:
    return list(
        db.session.scalars(
            select(Notification.message).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    )


def preference(user, kind) -> str | None:
    return db.session.scalar(
        select(NoticePreference.delivery).where(NoticePreference.user_id == user.id, NoticePreference.kind == kind.key)
    )


# --- The settings page -------------------------------------------------------------------------


def test_each_person_is_offered_the_kinds_of_notice_meant_for_them(app):
    cast = make_cast()
    staff = page_text(signed_in_client(app, cast.requester).get("/account/notices"))
    agent = page_text(signed_in_client(app, cast.agent).get("/account/notices"))
    assert "Your requests" in staff and "Daily digest" in staff
    assert "Your team’s requests" not in staff and "SLA alerts" not in staff and "New ideas" not in staff
    assert "Your team’s requests" in agent and "SLA alerts" in agent
    assert "Community questions" not in agent


def test_choices_are_saved_and_shown_again(app):
    cast = make_cast()
    client = signed_in_client(app, cast.agent)
    page = client.get("/account/notices").get_data(as_text=True)
    assert re.search(r'name="team_requests" type="radio" value="email" checked', page)  # the default
    response = client.post(
        "/account/notices",
        data={
            "my_requests": "email",
            "team_requests": "digest",
            "sla": "in_app",
            "summary": "in_app",
            "approvals": "email",
        },
    )
    assert response.status_code == 303
    assert preference(cast.agent, TEAM_REQUESTS) == "digest"
    page = client.get("/account/notices").get_data(as_text=True)
    assert "Notice settings saved" in page
    assert re.search(r'name="team_requests" type="radio" value="digest" checked', page)
    assert re.search(r'name="summary" type="radio" value="in_app" checked', page)


def test_a_choice_that_is_not_offered_is_refused_on_its_field(app):
    cast = make_cast()
    client = signed_in_client(app, cast.requester)
    response = client.post("/account/notices", data={"my_requests": "carrier-pigeon", "summary": "email"})
    assert response.status_code == 422
    text = page_text(response)
    assert "There is a problem" in text and "Not a valid choice" in text
    assert preference(cast.requester, MY_REQUESTS) is None


# --- Delivery --------------------------------------------------------------------------------


def test_in_staffroom_only_sends_no_email_but_leaves_the_notification(app):
    cast = make_cast()
    choose(cast.agent, TEAM_REQUESTS, Delivery.IN_APP)
    choose(cast.requester, MY_REQUESTS, Delivery.DIGEST)
    db.session.commit()
    with clock.fixed(MONDAY):
        service_request = raise_request(cast.service, cast.requester)
    new_request = f"New request {service_request.reference}: Minutes for the Planning Committee"
    assert sorted(email.to_address for email in emails(subject=new_request)) == sorted(
        [cast.manager.email, cast.other_agent.email]
    )
    assert new_request in messages_for(cast.agent)
    assert emails(acknowledgements=True, to_address=cast.requester.email) == []  # the digest will say it
    assert any(message.startswith(f"{service_request.reference} received") for message in messages_for(cast.requester))


def test_every_email_to_a_person_ends_with_a_link_that_stops_that_kind(app):
    cast = make_cast()
    with clock.fixed(MONDAY):
        raise_request(cast.service, cast.requester)
    [acknowledgement] = emails(acknowledgements=True, to_address=cast.requester.email)
    assert "Choose which emails" not in acknowledgement.body
    link = re.search(
        r"To stop these emails \(your requests\): http://127.0.0.1:5000(/notices/stop/\S+)", acknowledgement.body
    )
    assert link, acknowledgement.body
    assert "/account/notices" in acknowledgement.body

    browser = app.test_client()  # not signed in
    page = browser.get(link.group(1))
    assert page.status_code == 200
    assert "Stop emails: Your requests" in page_text(page)
    assert preference(cast.requester, MY_REQUESTS) is None  # opening the link changes nothing
    stopped = browser.post(link.group(1))
    assert stopped.status_code == 200
    assert "Emails stopped: Your requests" in page_text(stopped)
    assert preference(cast.requester, MY_REQUESTS) == "in_app"
    with clock.fixed(MONDAY):
        raise_request(cast.service, cast.requester, subject="Another one")
    assert len(emails(acknowledgements=True, to_address=cast.requester.email)) == 1  # none since


def test_a_stop_link_not_signed_by_staffroom_for_this_is_not_found(app):
    person = make_user()
    forged = URLSafeSerializer("not the key", salt="staffroom-notice-unsubscribe").dumps([person.id, "my_requests"])
    other_purpose = URLSafeSerializer(current_app.config["SECRET_KEY"], salt="staffroom-rating-link").dumps(
        [person.id, "my_requests"]
    )
    unknown_kind = URLSafeSerializer(current_app.config["SECRET_KEY"], salt="staffroom-notice-unsubscribe").dumps(
        [person.id, "everything"]
    )
    browser = app.test_client()
    for token in (forged, other_purpose, unknown_kind, "nonsense"):
        assert browser.get(f"/notices/stop/{token}").status_code == 404
        assert browser.post(f"/notices/stop/{token}").status_code in (400, 404)
    assert browser.get(f"/notices/stop/{unsubscribe_token(person.id + 1000, MY_REQUESTS)}").status_code == 404


# --- Notices to the right people --------------------------------------------------------------


def test_editors_of_the_matching_category_hear_of_a_community_question(app):
    rooms, travel = make_category("Rooms"), make_category("Travel")
    room_editor = make_user(roles=["editor"], name="Rory Rooms")
    travel_editor = make_user(roles=["editor"], name="Tess Travel")
    article = make_article(category=rooms, owner=room_editor, author=room_editor)
    make_article(category=travel, owner=travel_editor, author=travel_editor)
    asker = make_user()
    asked = AskedQuestion(user_id=asker.id, question="Can I book the chamber at night?", article_id=article.id)
    db.session.add(asked)
    db.session.commit()
    with current_app.test_request_context():
        assistant.refer(asked, asker)
        assistant.refer(asked, asker)  # sent on twice: told once
        db.session.commit()
    assert messages_for(room_editor) == ["A question for the community: “Can I book the chamber at night?”"]
    assert messages_for(travel_editor) == []
    assert emails(to_address=room_editor.email) == []  # editors get these in the digest unless they choose


def test_every_editor_hears_of_a_question_that_came_near_no_article(app):
    editors = [make_user(roles=["editor"]) for _ in range(2)]
    asker = make_user()
    asked = AskedQuestion(user_id=asker.id, question="Where is the parking permit form?")
    db.session.add(asked)
    db.session.commit()
    with current_app.test_request_context():
        assistant.refer(asked, asker)
        db.session.commit()
    assert all(len(messages_for(editor)) == 1 for editor in editors)


def test_managers_hear_of_new_ideas_without_an_anonymous_authors_name(app):
    manager = make_user(roles=["manager"], name="Mo Manager")
    author = make_user(name="Ana Author")
    make_idea(author=author, title="Scan the post")
    make_idea(author=author, title="Fewer forms", anonymous=True)
    make_idea(author=manager, title="My own idea")
    assert messages_for(manager) == ["New idea by Ana Author: Scan the post", "New idea: Fewer forms"]
    assert messages_for(author) == []
