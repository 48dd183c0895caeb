"""Raising a request through the service functions: a draft becomes one request, and every way of
sending or changing it again answers AlreadySent with that request (the pages turn it into a
redirect to it; tests/catalogue/test_raising.py has them)."""

import pytest
from flask import current_app

from app.extensions import db
from app.service_requests import raising
from app.service_requests.raising import AlreadySent
from tests.service_requests.helpers import make_cast


def _draft(service, person):
    return raising.save_draft(
        service,
        person,
        token=None,
        subject="Minutes for the Planning Committee",
        description="Two hours",
        answers={},
        new_files={},
        shown_file_ids=set(),
    )


def test_a_draft_sent_again_answers_already_sent_with_the_request_it_became(app):
    cast = make_cast()
    with current_app.test_request_context():
        draft = _draft(cast.service, cast.requester)
        service_request = raising.submit_draft(draft, cast.requester)

        with pytest.raises(AlreadySent) as sending_again:
            raising.submit_draft(draft, cast.requester)
        with pytest.raises(AlreadySent) as changing:
            raising.save_draft(
                cast.service,
                cast.requester,
                token=draft.token,
                subject="Changed",
                description="",
                answers={},
                new_files={},
                shown_file_ids=set(),
            )
        with pytest.raises(AlreadySent) as opening:
            raising.unsent_draft(draft.token, cast.requester, cast.service)

    assert sending_again.value.service_request is changing.value.service_request is service_request
    assert opening.value.service_request is service_request
    assert str(sending_again.value) == service_request.reference
    assert draft.subject == "Minutes for the Planning Committee"


def test_a_second_draft_with_the_token_of_one_sent_meets_the_unique_key_and_answers_already_sent(app):
    cast = make_cast()
    with current_app.test_request_context():
        draft = _draft(cast.service, cast.requester)
        service_request = raising.submit_draft(draft, cast.requester)
        db.session.commit()
        draft.request_id = None  # as another request read it, just before the first was sent

        with pytest.raises(AlreadySent) as lost:
            raising.submit_draft(draft, cast.requester)

    assert lost.value.service_request.id == service_request.id
