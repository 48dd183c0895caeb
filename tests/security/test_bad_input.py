"""Input no form can use, refused on the field it was meant for rather than with a 500 or a
lost form: a file where text belongs, a field too large to keep, and characters that make text
read other than it is (bidirectional overrides, zero-width characters) in titles, tags and names."""

import io

from sqlalchemy import select

from app.extensions import db
from app.models import Idea, Tag
from app.validation import TEXT_LIMIT
from tests.conftest import page_text
from tests.factories import make_user, signed_in_client


def idea_form(**changes) -> dict:
    return {
        "title": "Scan the post on arrival",
        "description": "Scan letters as they arrive, so nobody walks to the post room.",
        "area": "0",
        "tags": "post",
        "submit": "Post idea",
        **changes,
    }


def test_a_text_field_sent_as_a_file_is_refused_with_the_forms_message(app, staff_client):
    required = staff_client.post(
        "/ideas/new",
        data=idea_form(title=(io.BytesIO(b"Scan the post"), "title.txt")),
        content_type="multipart/form-data",
    )
    optional = staff_client.post(
        "/ideas/new", data=idea_form(tags=(io.BytesIO(b"post"), "tags.txt")), content_type="multipart/form-data"
    )

    assert required.status_code == optional.status_code == 422
    assert "There is a problem Enter your idea in a line" in page_text(required)
    assert "Type this in the box: a file cannot be used here" in page_text(optional)
    assert db.session.scalar(select(Idea.id)) is None


def test_a_text_field_sent_as_a_file_with_a_bad_token_is_no_error_either(app, staff_client):
    response = staff_client.post(
        "/ideas/new",
        data=idea_form(csrf_token="not-the-token", title=(io.BytesIO(b"Scan the post"), "title.txt")),
        content_type="multipart/form-data",
    )

    assert response.status_code in (400, 422)
    assert db.session.scalar(select(Idea.id)) is None


def test_an_oversized_field_answers_413_and_keeps_the_rest_of_the_form(app, staff_client):
    response = staff_client.post(
        "/ideas/new",
        data=idea_form(title="Scan the post on arrival", description="x" * (TEXT_LIMIT + 100_000)),
        content_type="multipart/form-data",  # as a browser sends a form with a file input
    )

    assert response.status_code == 413
    markup = response.get_data(as_text=True)
    assert 'href="#description"' in markup  # the error summary points at the field
    assert 'value="Scan the post on arrival"' in markup
    assert db.session.scalar(select(Idea.id)) is None


def test_bidi_overrides_and_zero_width_characters_are_stripped_from_titles_and_tags(app, staff_client):
    response = staff_client.post(
        "/ideas/new",
        data=idea_form(title="Holiday photo \u202egnp.exe", tags="fresh\u200b tag, \u2066post\u2069"),
    )

    assert response.status_code == 303
    assert db.session.scalar(select(Idea.title)) == "Holiday photo gnp.exe"
    assert sorted(db.session.scalars(select(Tag.name))) == ["fresh tag", "post"]


def test_bidi_and_zero_width_characters_are_stripped_from_peoples_names(app):
    admin = signed_in_client(app, make_user(roles=["admin"]))

    response = admin.post(  # no password yet: the form comes back with the name as it will be kept
        "/admin/people/new", data={"name": "Tom\u200b Ok\u202eafor", "email": "tom.okafor@council.test", "team": ""}
    )

    assert response.status_code == 422
    assert 'name="name" type="text" spellcheck="false" value="Tom Okafor"' in response.get_data(as_text=True)
