"""Request forms as GOV.UK does them: a conditional question revealed directly under the answer
that shows it (GOV.UK's conditional reveal for radios, yes/no and checkboxes, shown with a note
when JavaScript is off; under a drop-down list, a wrapper the page's script shows), answers to
questions whose condition is not met ignored by the server; services that leave out "What do you
need?" and "Tell us more"; and reply buttons that say what they do."""

import html
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import RequestDraft, Service, ServiceRequest
from tests.conftest import page_text
from tests.factories import make_service, make_team, make_user, signed_in_client
from tests.service_requests.helpers import raise_request

MONDAY = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def now():
    with clock.fixed(MONDAY) as time:
        yield time


def with_conditions(name: str, controller: dict, dependants: list[tuple[dict, str]], **service) -> Service:
    """A service whose first question is `controller`, then each dependant shown for its answer,
    and a last question everyone is asked."""
    made = make_service(
        name=name,
        team=make_team(f"Team for {name}"),
        fields=[controller, *(spec for spec, _ in dependants), {"kind": "text", "label": "Anything else"}],
        **service,
    )
    first = made.fields[0]
    for field, (_, answer) in zip(made.fields[1:], dependants, strict=False):
        field.show_if_field_id, field.show_if_value = first.id, answer
    db.session.commit()
    return made


def markup(response) -> str:
    return response.get_data(as_text=True)


def reveal_of(page: str, field_name: str, value: str) -> tuple[str, str] | None:
    """(the class list, the content) of the conditional reveal of one answer, or None."""
    choice = re.search(
        rf'name="{field_name}" type="(?:radio|checkbox)" value="{re.escape(value)}"[^>]*data-aria-controls="([^"]+)"',
        page,
    )
    if choice is None:
        return None
    block = re.search(rf'<div class="([^"]+)" id="{choice.group(1)}">(.*?)\n    </div>', page, re.S)
    return block.group(1), block.group(2)


# --- Reveals ---------------------------------------------------------------------------------------


def test_a_yes_no_question_reveals_its_question_under_yes_as_stacked_radios(app, staff_client):
    service = with_conditions(
        "Public notices",
        {"kind": "yesno", "label": "Is the meeting public?"},
        [({"kind": "text", "label": "Wording for the public notice"}, "Yes")],
    )
    controller, wording, _ = service.fields

    page = markup(staff_client.get(f"/services/{service.slug}/request"))

    classes, content = reveal_of(page, controller.name, "Yes")
    assert classes == "govuk-radios__conditional govuk-radios__conditional--hidden"
    assert f'for="{wording.name}"' in content
    # Without JavaScript it shows, and says when to answer it.
    assert "Answer if you chose “Yes” for “Is the meeting public?”" in html.unescape(content)
    assert reveal_of(page, controller.name, "No") is None
    assert "govuk-radios--inline" not in page  # GOV.UK: no inline radios with a reveal
    # It comes before the question after it, not at the end.
    assert page.index(f'for="{wording.name}"') < page.index(">\n    Anything else\n")


def test_a_reveal_is_open_when_the_form_comes_back_with_that_answer_chosen(app, staff_client):
    service = with_conditions(
        "Public notices",
        {"kind": "yesno", "label": "Is the meeting public?"},
        [({"kind": "text", "label": "Wording for the public notice"}, "Yes")],
    )
    controller, wording, other = service.fields

    response = staff_client.post(
        f"/services/{service.slug}/request",
        data={"subject": "Notice", "description": "For the meeting", controller.name: "Yes", other.name: "x"},
    )

    assert response.status_code == 422
    classes, content = reveal_of(markup(response), controller.name, "Yes")
    assert classes == "govuk-radios__conditional"
    assert f'id="{wording.name}"' in content
    assert "Enter the wording for the public notice" in html.unescape(content)  # its error, in place


def test_checkboxes_reveal_a_question_under_the_box_that_shows_it(app, staff_client):
    service = with_conditions(
        "Catering",
        {"kind": "checkboxes", "label": "Refreshments", "options": "Tea and coffee\nSandwiches"},
        [({"kind": "textarea", "label": "Dietary needs"}, "Sandwiches")],
    )
    controller, dietary, _ = service.fields

    page = markup(staff_client.get(f"/services/{service.slug}/request"))

    classes, content = reveal_of(page, controller.name, "Sandwiches")
    assert classes == "govuk-checkboxes__conditional govuk-checkboxes__conditional--hidden"
    assert f'for="{dietary.name}"' in content
    assert reveal_of(page, controller.name, "Tea and coffee") is None


def test_a_drop_down_list_shows_its_question_directly_under_it_with_a_note(app, staff_client):
    service = with_conditions(
        "Rooms",
        {"kind": "select", "label": "Room", "options": "Committee Room 1\nCouncil Chamber"},
        [({"kind": "text", "label": "Who unlocks the chamber"}, "Council Chamber")],
    )
    controller, unlocks, other = service.fields

    page = markup(staff_client.get(f"/services/{service.slug}/request"))

    wrapper = re.search(
        r'<div class="sr-conditional" data-show-if="([^"]+)" data-show-if-value="([^"]+)">(.*?)</div>\s*</div>',
        page,
        re.S,
    )
    assert wrapper.group(1, 2) == (controller.name, "Council Chamber")
    assert "Answer if you chose “Council Chamber” for “Room”" in html.unescape(wrapper.group(3))
    assert (
        page.index(f'id="{controller.name}"') < page.index(f'for="{unlocks.name}"') < page.index(f'for="{other.name}"')
    )


def test_an_answer_to_a_question_whose_condition_is_not_met_is_ignored(app, staff_client):
    service = with_conditions(
        "Public notices",
        {"kind": "yesno", "label": "Is the meeting public?"},
        [({"kind": "number", "label": "Seats for the public"}, "Yes")],
    )
    controller, seats, other = service.fields

    response = staff_client.post(
        f"/services/{service.slug}/request",
        # Not a number, in a question the answer "No" hides: neither checked nor kept.
        data={
            "subject": "Notice",
            "description": "Private",
            controller.name: "No",
            seats.name: "lots",
            other.name: "x",
        },
    )

    assert response.status_code == 303
    draft = db.session.scalar(select(RequestDraft))
    assert str(seats.id) not in draft.answers and draft.answers[str(controller.id)] == "No"


# --- Without the description questions -------------------------------------------------------------


@pytest.fixture
def plain_service(app):
    return make_service(
        name="Scanning",
        team=make_team("Records"),
        fields=[{"kind": "text", "label": "What to scan"}, {"kind": "number", "label": "Pages"}],
    )


def test_a_service_may_leave_out_the_description_questions_and_the_subject_comes_from_its_answers(
    app, staff_client, plain_service
):
    plain_service.asks_description = False
    db.session.commit()
    what, pages = plain_service.fields

    form = staff_client.get(f"/services/{plain_service.slug}/request")
    assert 'name="subject"' not in markup(form) and 'name="description"' not in markup(form)
    assert "What do you need?" not in page_text(form)

    filled = staff_client.post(
        f"/services/{plain_service.slug}/request", data={what.name: "Planning files 2019", pages.name: "40"}
    )
    assert filled.status_code == 303
    check = staff_client.get(filled.headers["Location"])
    assert "What you need" not in page_text(check) and "More about it" not in page_text(check)
    sent = staff_client.post(filled.headers["Location"])
    assert sent.status_code == 303

    request_ = db.session.scalar(select(ServiceRequest))
    assert (request_.subject, request_.description) == ("Scanning: Planning files 2019", "")


def test_services_ask_the_description_questions_unless_told_not_to(app, staff_client, plain_service):
    form = staff_client.get(f"/services/{plain_service.slug}/request")

    assert 'name="subject"' in markup(form) and "Tell us more" in page_text(form)
    refused = staff_client.post(f"/services/{plain_service.slug}/request", data={})
    assert "Enter what you need, in a line" in page_text(refused)


def test_a_manager_turns_the_description_questions_off_in_the_form_settings(app, plain_service):
    manager = make_user(roles=["manager"], team=plain_service.team)
    client = signed_in_client(app, manager)
    assert "checked" in re.search(
        r'<input[^>]*name="asks_description"[^>]*>', markup(client.get(f"/services/{plain_service.slug}/form/settings"))
    ).group(0)

    response = client.post(
        f"/services/{plain_service.slug}/form/settings",
        data={"due_from": "submission", "version": str(plain_service.version)},
    )

    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Service, plain_service.id).asks_description is False


# --- Reply buttons ---------------------------------------------------------------------------------


def test_the_reply_buttons_say_what_they_do(app, plain_service):
    requester = make_user(name="Rita Requester")
    agent = make_user(roles=["agent"], team=plain_service.team)
    request_ = raise_request(plain_service, requester)

    for_agent = markup(signed_in_client(app, agent).get(f"/requests/{request_.reference}"))
    for_requester = page_text(signed_in_client(app, requester).get(f"/requests/{request_.reference}"))

    buttons = re.findall(r'<button type="submit" value="(\w+)" name="visibility"[^>]*>\s*(.*?)\s*</button>', for_agent)
    assert buttons == [("public", "Send reply to requester"), ("internal", "Add internal note")]
    assert "Send reply to Records" in for_requester and "Add internal note" not in for_requester
