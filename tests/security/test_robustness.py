"""What the fuzzers found, each kept as a plain example: input no page can use is turned away where
it arrives (a 404, the form again with a message, or simply ignored), never a 500."""

import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Idea, IdeaComment
from tests.conftest import page_text
from tests.security.fuzzing import changed_tables, snapshot

HUGE = "9" * 30


def test_an_expired_token_on_a_form_for_something_gone_is_not_found_not_a_crash(app, targets, admin):
    # The error handler shows the form again, which needs the thing it is for.
    response = admin.post(f"/services/{targets['service']}/form/999/remove", data={"csrf_token": "expired"}, csrf=False)
    assert response.status_code == 404
    assert "Page not found" in page_text(response)
    assert (
        admin.post(
            "/kb/no-such-article/questions", data={"body": "Hello?", "csrf_token": "expired"}, csrf=False
        ).status_code
        == 404
    )


def test_a_nul_character_in_posted_text_is_dropped(app, targets, admin):
    # PostgreSQL text cannot hold one: the idea is saved without it rather than failing.
    response = admin.post(
        "/ideas/new",
        data={"title": "Front\x00 sheets", "description": "One\x00 template", "area": "0", "tags": "a\x00b"},
    )
    assert response.status_code == 303
    idea = db.session.scalar(select(Idea).where(Idea.title == "Front sheets"))
    assert idea.description == "One template"
    response = admin.post(f"/ideas/{idea.id}/comments", data={"body": "\x00"})
    assert response.status_code == 422  # nothing left of it: an empty comment


@pytest.mark.parametrize(
    "path", ["/kb/%00", "/kb/category/a%00b", "/kb/tag/%00", "/services/%00", "/requests/BS-%00", "/ask/vocabulary/%00"]
)
def test_a_nul_character_in_the_path_is_not_found(app, targets, admin, path):
    assert admin.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/ideas?tag=%00&area=%00&q=%00",
        "/services?category=%00",
        "/search?q=%00&tag=%00",
        "/requests/queue?service=%00&q=%00",
        "/admin/people?q=%00",
    ],
)
def test_a_nul_character_in_a_filter_is_ignored(app, targets, admin, path):
    assert admin.get(path).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        f"/ideas?page={HUGE}",
        f"/kb/recent?page={HUGE}",
        f"/requests/mine?page={HUGE}",
        f"/admin/people?page={HUGE}",
        f"/admin/audit?page={HUGE}",
        f"/dashboard?service={HUGE}&team={HUGE}",
        "/kb/claiming-mileage/history?new=2147483648",
        f"/requests/BS-000001?canned={HUGE}",
        "/requests/queue?assignee=%C2%B2",
        f"/requests/queue?assignee={'9' * 12}&page={HUGE}",
    ],
)
def test_a_number_no_column_can_hold_in_the_address_is_ignored(app, targets, admin, path):
    assert admin.get(path).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        f"/ideas/{HUGE}",
        "/ideas/2147483648",
        f"/kb/attachments/{HUGE}/x.pdf",
        f"/admin/people/{HUGE}",
        f"/requests/BS-000001/attachments/{HUGE}/x.pdf",
    ],
)
def test_a_number_no_column_can_hold_in_the_path_is_not_found(app, targets, admin, path):
    assert admin.get(path).status_code == 404


def test_a_number_no_column_can_hold_in_a_form_is_refused_and_nothing_is_saved(app, targets, admin):
    idea = targets["idea"]
    for path, data in (
        (f"/ideas/{idea}/comments", {"body": "Reply", "parent_id": HUGE}),
        (f"/ideas/{idea}/status", {"status": "duplicate", "duplicate_of": HUGE}),
        (
            f"/admin/people/{targets['person']}",
            {"name": "Pat", "email": "pat@council.test", "team_id": HUGE, "version": HUGE},
        ),
        (f"/services/{targets['service']}/answered", {"article": HUGE}),
    ):
        before = snapshot(app)
        response = admin.post(path, data=data)
        assert response.status_code in (404, 422), f"{path}: {response.status_code}"
        assert not changed_tables(before, snapshot(app)), path
    assert db.session.scalar(select(IdeaComment).where(IdeaComment.body == "Reply")) is None


def test_a_condition_naming_a_question_by_thousands_of_digits_is_refused(app, targets, admin):
    for condition in ("1" * 5000 + ":Yes", "²:Yes", f"{HUGE}:Yes"):
        response = admin.post(
            f"/services/{targets['service']}/form/new?kind=text", data={"label": "Which floor?", "condition": condition}
        )
        assert response.status_code == 422
        assert "Choose when to show this question from the list" in page_text(response)


def test_a_form_sent_as_json_is_not_read_and_nothing_is_saved(app, targets, admin):
    """A script's JSON can put numbers, lists or objects where every field expects text."""
    before = snapshot(app)
    response = admin.open(
        "/ideas/new",
        method="POST",
        content_type="application/json",
        headers={"X-CSRFToken": admin.csrf_token()},
        data=json.dumps({"title": {"a": 1}, "description": True, "area": [1, 2], "tags": 3.5}),
    )
    assert response.status_code == 422
    assert "Enter your idea in a line" in page_text(response)
    assert not changed_tables(before, snapshot(app))
