"""An idea or a comment is posted once: the form carries a submission key, so a retry after a
failure, a double click or the same form sent from several workers at once gives one item and
the same answer; different showings of a form (a reply under each comment) have different keys."""

import os
import re
import threading

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Idea, IdeaComment
from tests.factories import make_user, signed_in_client
from tests.ideas.helpers import make_idea

KEY = re.compile(r'name="submission_key"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="submission_key"')


def keys_on(response) -> list[str]:
    return [first or second for first, second in KEY.findall(response.get_data(as_text=True))]


def idea_form(key: str) -> dict:
    return {
        "title": "Scan the post on arrival",
        "description": "Scan letters as they arrive, so nobody walks to the post room.",
        "area": "0",
        "tags": "post",
        "submit": "Post idea",
        "submission_key": key,
    }


def count(model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_same_idea_form_posted_twice_makes_one_idea_and_the_same_answer(app, staff_client):
    [key] = keys_on(staff_client.get("/ideas/new"))

    first = staff_client.post("/ideas/new", data=idea_form(key))
    retry = staff_client.post("/ideas/new", data=idea_form(key))

    assert first.status_code == retry.status_code == 303
    assert first.headers["Location"] == retry.headers["Location"]
    assert count(Idea) == 1


def test_a_new_showing_of_the_form_posts_a_new_idea(app, staff_client):
    for _ in range(2):
        [key] = keys_on(staff_client.get("/ideas/new"))
        assert staff_client.post("/ideas/new", data=idea_form(key)).status_code == 303
    assert count(Idea) == 2


def test_the_same_comment_posted_twice_makes_one_comment(app, staff_client):
    idea = make_idea()
    page = staff_client.get(f"/ideas/{idea.id}")
    keys = keys_on(page)
    assert len(keys) == len(set(keys)) >= 1  # every form on the page its own key
    data = {"body": "Yes please", "submit": "Post comment", "submission_key": keys[-1]}

    first = staff_client.post(f"/ideas/{idea.id}/comments", data=data)
    retry = staff_client.post(f"/ideas/{idea.id}/comments", data=data)

    assert first.status_code == retry.status_code == 303
    assert first.headers["Location"] == retry.headers["Location"]
    assert count(IdeaComment) == 1


def test_someone_elses_key_is_not_their_idea(app, staff_client):
    [key] = keys_on(staff_client.get("/ideas/new"))
    staff_client.post("/ideas/new", data=idea_form(key))
    other = signed_in_client(app, make_user())

    response = other.post("/ideas/new", data=idea_form(key))

    assert response.status_code == 303  # their own idea, never the first person's
    assert count(Idea) == 2


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="SQLite lets one writer at a time, so workers posting at once are not concurrent there",
)
def test_the_same_form_sent_from_several_workers_at_once_makes_one_idea(make_app, app, staff):
    clients = [signed_in_client(make_app(WORKER=str(number)), staff) for number in range(6)]
    [key] = keys_on(clients[0].get("/ideas/new"))
    barrier, responses, errors = threading.Barrier(len(clients)), [], []

    def post(client):
        try:
            barrier.wait(timeout=30)
            response = client.post("/ideas/new", data=idea_form(key))
            responses.append((response.status_code, response.headers.get("Location")))
        except Exception as error:  # noqa: BLE001  reported by the test
            errors.append(error)

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert count(Idea) == 1
    assert len(set(responses)) == 1 and responses[0][0] == 303
