"""A damaged search index never blocks the work: suggestions on a request form and similar ideas
are optional, so a request is still filled in, checked and sent, and an idea still posted."""

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import Idea, ServiceRequest
from tests.catalogue.test_raising import MONDAY, QUESTIONS, fill_in, send
from tests.factories import make_service, make_team
from tests.ideas.helpers import new_idea_form
from tests.test_readyz import damage, indexed

__all__ = ["indexed"]


@pytest.fixture(autouse=True)
def now():
    """The request form's dates are checked against MONDAY, as in tests/catalogue/test_raising.py."""
    with clock.fixed(MONDAY) as time:
        yield time


def test_with_a_damaged_index_a_request_is_still_filled_in_checked_and_sent(app, staff_client, indexed):
    service = make_service(name="Minute taking", team=make_team("Democratic Services"), fields=QUESTIONS)
    damage(indexed)

    token = fill_in(staff_client, service, subject="Committee minutes", description="Minutes of the committee")
    check = staff_client.get(f"/services/{service.slug}/request/{token}")
    sent = send(staff_client, service, token)

    assert check.status_code == 200
    assert sent.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(ServiceRequest)) == 1


def test_with_a_damaged_index_similar_ideas_are_left_out_and_the_idea_is_posted(app, staff_client, indexed):
    damage(indexed)

    similar = staff_client.get("/ideas/similar", query_string={"title": "Scan the post on arrival"})
    posted = staff_client.post(
        "/ideas/new",
        data=new_idea_form(),
    )

    assert similar.status_code == 200
    assert posted.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Idea)) == 1
