"""Request forms, replies and notes are saved once: each showing of the form carries a submission
key, so "Continue" pressed four times keeps one draft, a reply retried after a failure or sent
from several workers at once is added (and told to people) once, and a new showing of the form
makes a new one."""

import threading

from sqlalchemy import func, select

from app.extensions import db
from app.models import Notification, RequestDraft, RequestEvent, ServiceRequest
from tests.factories import signed_in_client
from tests.ideas.test_posting_once import keys_on
from tests.service_requests.helpers import make_cast, raise_request


def count(model, *where) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def request_form(key: str, description: str = "Two hours, Committee Room 2") -> dict:
    return {"subject": "Minutes, please", "description": description, "submit": "Continue", "submission_key": key}


def test_continue_pressed_four_times_keeps_one_draft_and_one_request(app):
    cast = make_cast()
    client = signed_in_client(app, cast.requester)
    url = f"/services/{cast.service.slug}/request"
    [key] = keys_on(client.get(url))

    answers = [client.post(url, data=request_form(key)) for _ in range(4)]

    assert {answer.status_code for answer in answers} == {303}
    assert len({answer.headers["Location"] for answer in answers}) == 1
    assert count(RequestDraft) == 1
    sent = client.post(answers[0].headers["Location"])
    assert sent.status_code == 303
    # The same form posted again after sending (the back button): the request already sent.
    again = client.post(url, data=request_form(key, "Changed my mind about the room"))
    assert again.status_code == 303 and again.headers["Location"] == sent.headers["Location"].removesuffix("/sent")
    assert count(RequestDraft) == 1 and count(ServiceRequest) == 1


def test_a_new_showing_of_the_request_form_keeps_a_new_draft(app):
    cast = make_cast()
    client = signed_in_client(app, cast.requester)
    url = f"/services/{cast.service.slug}/request"
    for _ in range(2):
        [key] = keys_on(client.get(url))
        assert client.post(url, data=request_form(key)).status_code == 303
    assert count(RequestDraft) == 2


def test_someone_elses_key_is_not_their_draft(app):
    cast = make_cast()
    url = f"/services/{cast.service.slug}/request"
    first = signed_in_client(app, cast.requester)
    [key] = keys_on(first.get(url))
    mine = first.post(url, data=request_form(key)).headers["Location"]

    theirs = signed_in_client(app, cast.other_agent).post(url, data=request_form(key, "Someone else's request"))

    assert theirs.status_code == 303 and theirs.headers["Location"] != mine
    assert count(RequestDraft) == 2


def reply_form(key: str) -> dict:
    return {"body": "The agenda is attached to the invite", "visibility": "public", "submission_key": key}


def test_a_reply_posted_twice_is_added_and_told_once(app):
    cast = make_cast()
    service_request = raise_request(cast.service, cast.requester)
    agent = signed_in_client(app, cast.agent)
    page = f"/requests/{service_request.reference}"
    [key] = keys_on(agent.get(page))
    told_before = count(Notification, Notification.user_id == cast.requester.id)

    first = agent.post(f"{page}/messages", data=reply_form(key))
    retry = agent.post(f"{page}/messages", data=reply_form(key))

    assert first.status_code == retry.status_code == 303
    assert first.headers["Location"] == retry.headers["Location"]
    assert count(RequestEvent, RequestEvent.kind == "reply") == 1
    assert count(Notification, Notification.user_id == cast.requester.id) == told_before + 1
    # A new showing of the form is a new reply.
    [next_key] = keys_on(agent.get(page))
    assert next_key != key
    assert agent.post(f"{page}/messages", data=reply_form(next_key)).status_code == 303
    assert count(RequestEvent, RequestEvent.kind == "reply") == 2


def test_the_same_reply_sent_from_several_workers_at_once_is_added_once(make_app, app):
    """On PostgreSQL the posts meet at the database (the key, or the request's version, refuses
    all but one, and those answer with the reply saved); SQLite takes them one at a time."""
    cast = make_cast()
    service_request = raise_request(cast.service, cast.requester)
    clients = [signed_in_client(make_app(WORKER=str(number)), cast.requester) for number in range(4)]
    page = f"/requests/{service_request.reference}"
    [key] = keys_on(clients[0].get(page))
    barrier, answers, errors = threading.Barrier(len(clients)), [], []

    def post(client):
        try:
            barrier.wait(timeout=30)
            response = client.post(f"{page}/messages", data=reply_form(key))
            answers.append((response.status_code, response.headers.get("Location")))
        except Exception as error:  # noqa: BLE001  reported by the test
            errors.append(error)

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert count(RequestEvent, RequestEvent.kind == "reply") == 1
    assert len(set(answers)) == 1 and answers[0][0] == 303
