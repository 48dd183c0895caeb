"""Building a service's request form as its managers do: adding every kind of question in two
steps, options, number limits and conditions (without loops or dangling answers), changing,
moving with and without JavaScript, and removing questions; and what requesters then see,
while requests already sent keep the questions as they were asked."""

import html
import io
import json
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Service, ServiceField, ServiceRequest
from app.models.catalogue import FIELD_KINDS
from tests.conftest import page_text
from tests.factories import make_service, make_team, make_user, signed_in_client


def markup(response) -> str:
    return response.get_data(as_text=True)


def summary_links(response) -> list[tuple[str, str]]:
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', markup(response), re.S)
    assert summary, "no error summary on the page"
    return [
        (anchor, html.unescape(" ".join(text.split())))
        for anchor, text in re.findall(r'<a href="#([\w-]+)">(.*?)</a>', summary.group(0), re.S)
    ]


def builder_questions(response) -> list[str]:
    """The builder's list as read: "1. Label", "2. Label"..."""
    region = re.search(r'<div id="form-questions">.*', markup(response), re.S).group(0)
    return [html.unescape(text) for text in re.findall(r"<strong>(\d+\. .*?)</strong>", region)]


def request_form_labels(response) -> list[str]:
    """The labels (or legends) of the service's own questions on the request form, in order."""
    form = markup(response)
    label_texts = re.findall(
        r'<(?:label class="govuk-label" for="field_\d+(?:-day)?"|legend class="govuk-fieldset__legend")>'
        r"\s*(.*?)\s*</(?:label|legend)>",
        form,
        re.S,
    )
    return [html.unescape(" ".join(text.split())) for text in label_texts]


def fields_of(service) -> list[ServiceField]:
    db.session.expire_all()
    return list(db.session.get(Service, service.id).fields)


def labels_of(service) -> list[str]:
    return [field.label for field in fields_of(service)]


def field_labelled(service, label) -> ServiceField:
    return next(field for field in fields_of(service) if field.label == label)


def question(label="Name of the meeting", **changes) -> dict:
    data = {
        "label": label,
        "hint": "",
        "required": "y",
        "options": "",
        "min_value": "",
        "max_value": "",
        "condition": "",
        "submit": "Save question",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def add(client, service, kind, label="Name of the meeting", **changes):
    return client.post(f"/services/{service.slug}/form/new?kind={kind}", data=question(label, **changes))


def added(client, service, kind, label, **changes) -> ServiceField:
    response = add(client, service, kind, label, **changes)
    assert response.status_code == 303, page_text(response)[:600]
    return field_labelled(service, label)


def moved(client, service, field, direction):
    return client.post(f"/services/{service.slug}/form/{field.id}/move", data={"direction": direction})


def audit_actions(service) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.subject_type == "services", AuditEvent.subject_id == service.id)
            .order_by(AuditEvent.id)
        )
    )


def send_request(
    client,
    service,
    answers: dict,
    *,
    subject="Minutes for Planning Committee",
    description="The committee meets in the evening.",
) -> str:
    """Through the real pages: the form, check answers, send. Returns the request's reference."""
    data = {"subject": subject, "description": description}
    for field, value in answers.items():
        data[field.name] = value
    response = client.post(f"/services/{service.slug}/request", data=data)
    assert response.status_code == 303, page_text(response)[:800]
    sent = client.post(response.headers["Location"])
    assert sent.status_code == 303, page_text(sent)[:800]
    return re.search(r"/requests/(BS-\d+)/sent", sent.headers["Location"]).group(1)


@pytest.fixture
def team(app):
    return make_team("Democratic Services")


@pytest.fixture
def service(team):
    return make_service(name="Minute-taking for a meeting", team=team)


@pytest.fixture
def manager(app, team):
    return signed_in_client(app, make_user(roles=["manager"], team=team, name="Morgan Manager"))


@pytest.fixture
def three_questions(service):
    """A form with a choice, a short text and an optional long text, in that order."""
    return _with_fields(
        service,
        [
            {"kind": "radios", "label": "Type of meeting", "options": "Committee\nPanel"},
            {"kind": "text", "label": "Name of the meeting"},
            {"kind": "textarea", "label": "Anything else", "required": False},
        ],
    )


def _with_fields(service, specs):
    for position, spec in enumerate(specs, start=1):
        service.fields.append(ServiceField(position=position, **{"required": True, **spec}))
    db.session.commit()
    return fields_of(service)


# --- Adding questions -------------------------------------------------------------------------

KIND_EXTRAS = {
    "text": {},
    "textarea": {},
    "email": {},
    "yesno": {},
    "file": {},
    "number": {"min_value": "1", "max_value": "1,000"},
    "date": {"not_in_past": "y"},
    "select": {"options": "Civic Centre\nTown Hall\n\n  Library  "},
    "radios": {"options": "Civic Centre\nTown Hall"},
    "checkboxes": {"options": "Tea\nCoffee\nBiscuits"},
}
# How each kind shows on the request form.
KIND_MARKUP = {
    "text": r'<input class="govuk-input" id="field_1" name="field_1" type="text"',
    "textarea": r'<textarea class="govuk-textarea" id="field_1" name="field_1"',
    "number": r'<input class="govuk-input govuk-input--width-10" id="field_1" name="field_1" type="text"'
    r'[^>]*inputmode="decimal"',
    "date": r'id="field_1-day" name="field_1"',
    "email": r'id="field_1" name="field_1" type="email"',
    "select": r'<select class="govuk-select" id="field_1" name="field_1"',
    "radios": r'id="field_1-2" name="field_1" type="radio" value="Town Hall"',
    "checkboxes": r'id="field_1-3" name="field_1" type="checkbox" value="Biscuits"',
    "yesno": r'id="field_1-2" name="field_1" type="radio" value="No"',
    "file": r'id="field_1" name="field_1" type="file"',
}


def test_every_kind_of_question_has_a_place_in_these_tests():
    assert set(KIND_EXTRAS) == set(FIELD_KINDS) == set(KIND_MARKUP)


@pytest.mark.parametrize("kind", list(FIELD_KINDS))
def test_every_kind_of_question_is_added_in_two_steps_and_shows_on_the_request_form(app, service, manager, kind):
    builder = manager.get(f"/services/{service.slug}/form")
    assert f'value="{kind}"' in markup(builder)  # step one: the kind, on the builder itself

    step_two = manager.get(f"/services/{service.slug}/form/new?kind={kind}")
    assert step_two.status_code == 200
    assert f"Add a question: {FIELD_KINDS[kind].lower()}" in page_text(step_two)
    assert ('name="options"' in markup(step_two)) == (kind in ("select", "radios", "checkboxes"))
    assert ('name="min_value"' in markup(step_two)) == (kind == "number")
    assert ('name="not_in_past"' in markup(step_two)) == (kind == "date")

    response = add(manager, service, kind, "Your answer", **KIND_EXTRAS[kind])

    assert response.status_code == 303
    assert response.headers["Location"] == f"/services/{service.slug}/form"
    page = manager.get(response.headers["Location"])
    assert "Question added: Your answer" in page_text(page)
    assert builder_questions(page) == ["1. Your answer"]
    listed_as = re.search(r'<div id="form-questions">.*?<span class="sr-meta">(.*?)</span>', markup(page), re.S).group(
        1
    )
    assert html.unescape(listed_as).startswith(FIELD_KINDS[kind])
    request_page = manager.get(f"/services/{service.slug}/request")
    assert re.search(KIND_MARKUP[kind], markup(request_page)), markup(request_page)[-4000:]
    assert ('enctype="multipart/form-data"' in markup(request_page)) == (kind == "file")


def test_the_settings_of_each_kind_are_kept(app, service, manager):
    added(manager, service, "number", "Number of attendees", min_value="1", max_value="1,000.50")
    added(manager, service, "date", "Date of the meeting", not_in_past="y")
    added(manager, service, "select", "Where", options="  Civic   Centre \n\nTown Hall\n")
    added(manager, service, "text", "Room", required=None, hint="If you know it")

    number, day, where, room = fields_of(service)
    assert (str(number.min_value), str(number.max_value)) == ("1.00", "1000.50")
    assert day.not_in_past is True
    assert where.choices == ["Civic Centre", "Town Hall"]
    assert room.required is False and room.hint == "If you know it"
    page = page_text(manager.get(f"/services/{service.slug}/form"))
    assert "Short text · optional" in page and "Drop-down list · 2 options" in page


def test_choosing_no_kind_asks_for_one(app, service, manager):
    response = manager.get(f"/services/{service.slug}/form/new?submit=Continue")
    assert response.status_code == 422
    assert summary_links(response) == [("kind", "Choose the kind of answer")]
    assert manager.get(f"/services/{service.slug}/form/new").status_code == 200


def test_a_question_needs_its_wording(app, service, manager):
    response = add(manager, service, "text", "   ")
    assert response.status_code == 422
    assert summary_links(response) == [("label", "Enter the question")]
    assert fields_of(service) == []


@pytest.mark.parametrize("kind", ["select", "radios", "checkboxes"])
@pytest.mark.parametrize(
    "options, message",
    [
        ("", "Enter at least 2 options, one on each line"),
        ("Only one", "Enter at least 2 options, one on each line"),
        ("Only one\n\n   \n", "Enter at least 2 options, one on each line"),
        ("Tea\nCoffee\ntea", "Each option must be different"),
        ("\n".join(f"Option {number}" for number in range(51)), "Enter no more than 50 options"),
    ],
)
def test_choice_questions_need_at_least_two_different_options(app, service, manager, kind, options, message):
    response = add(manager, service, kind, "Refreshments", options=options)

    assert response.status_code == 422
    assert summary_links(response) == [("options", message)]
    assert re.search(r'<input[^>]*id="label"[^>]*value="Refreshments"', markup(response))  # kept
    assert fields_of(service) == []


def test_a_smallest_number_above_the_largest_is_refused(app, service, manager):
    response = add(manager, service, "number", "Number of attendees", min_value="50", max_value="10")
    assert response.status_code == 422
    assert summary_links(response) == [
        ("max_value", "Largest number must be the same as or more than the smallest number")
    ]
    assert fields_of(service) == []
    assert add(manager, service, "number", "Number of attendees", min_value="10", max_value="10").status_code == 303


def test_number_limits_must_be_numbers(app, service, manager):
    response = add(manager, service, "number", "Number of attendees", min_value="ten")
    assert summary_links(response) == [("min_value", "Smallest number must be a number, like 10 or 2.5")]


def test_a_form_takes_at_most_two_file_questions(app, service, manager):
    added(manager, service, "file", "Agenda")
    added(manager, service, "file", "Previous minutes")

    response = add(manager, service, "file", "Seating plan")

    assert response.status_code == 422
    assert "A form can have up to 2 file upload questions" in page_text(response)
    assert labels_of(service) == ["Agenda", "Previous minutes"]


def test_a_form_takes_at_most_forty_questions(app, service, manager):
    _with_fields(service, [{"kind": "text", "label": f"Question {number}"} for number in range(1, 41)])

    response = add(manager, service, "text", "One too many")

    assert response.status_code == 422
    assert "A form can have up to 40 questions. Remove one before adding another." in page_text(response)
    assert len(fields_of(service)) == 40


# --- Conditions -------------------------------------------------------------------------------


def test_a_condition_is_chosen_from_one_list_of_every_answer(app, service, manager, three_questions):
    choice = three_questions[0]
    added(manager, service, "yesno", "Is it in public?")
    public = field_labelled(service, "Is it in public?")

    page = manager.get(f"/services/{service.slug}/form/new?kind=text")
    options = re.findall(
        r'<option value="([^"]*)">(.*?)</option>',
        re.search(r'<select[^>]*id="condition".*?</select>', markup(page), re.S).group(0),
    )
    assert [(value, html.unescape(text)) for value, text in options] == [
        ("", "Always"),
        (f"{choice.id}:Committee", "Only if “Type of meeting” is “Committee”"),
        (f"{choice.id}:Panel", "Only if “Type of meeting” is “Panel”"),
        (f"{public.id}:Yes", "Only if “Is it in public?” is “Yes”"),
        (f"{public.id}:No", "Only if “Is it in public?” is “No”"),
    ]

    added(manager, service, "text", "Committee name", condition=f"{choice.id}:Committee")

    dependant = field_labelled(service, "Committee name")
    assert (dependant.show_if_field_id, dependant.show_if_value) == (choice.id, "Committee")
    assert "Shown only if “Type of meeting” is “Committee”" in page_text(manager.get(f"/services/{service.slug}/form"))


def test_a_form_with_no_choice_questions_offers_no_condition(app, service, manager):
    page = manager.get(f"/services/{service.slug}/form/new?kind=text")
    assert 'name="condition"' not in markup(page)
    assert add(manager, service, "text", "Room").status_code == 303


@pytest.mark.parametrize("condition", ["999:Committee", "{choice}:Workshop", "{text}:Committee", "nonsense"])
def test_a_condition_not_on_the_list_is_refused(app, service, manager, three_questions, condition):
    choice, text, _ = three_questions
    response = add(
        manager, service, "text", "Committee name", condition=condition.format(choice=choice.id, text=text.id)
    )
    assert response.status_code == 422
    assert summary_links(response) == [("condition", "Choose when to show this question from the list")]
    assert len(fields_of(service)) == 3


def test_a_question_cannot_depend_on_itself(app, service, manager, three_questions):
    choice = three_questions[0]
    page = manager.get(f"/services/{service.slug}/form/{choice.id}")
    assert f'value="{choice.id}:Committee"' not in markup(page)
    response = manager.post(
        f"/services/{service.slug}/form/{choice.id}",
        data=question("Type of meeting", options="Committee\nPanel", condition=f"{choice.id}:Committee"),
    )
    assert response.status_code == 422
    assert summary_links(response) == [("condition", "Choose when to show this question from the list")]


def test_conditions_that_would_go_round_in_a_loop_are_refused(app, service, manager, three_questions):
    choice = three_questions[0]
    added(manager, service, "yesno", "Is it in public?", condition=f"{choice.id}:Committee")
    public = field_labelled(service, "Is it in public?")
    added(manager, service, "select", "Which room?", options="Council Chamber\nRoom 1", condition=f"{public.id}:Yes")
    room = field_labelled(service, "Which room?")

    # Directly: the type of meeting shown only if "Is it in public?" is Yes, which is shown only
    # for one type of meeting.
    direct = manager.post(
        f"/services/{service.slug}/form/{choice.id}",
        data=question("Type of meeting", options="Committee\nPanel", condition=f"{public.id}:Yes"),
    )
    assert direct.status_code == 422
    assert summary_links(direct) == [
        ("condition", "“Is it in public?” already depends on this question, so this one cannot depend on it")
    ]
    # Through another question.
    indirect = manager.post(
        f"/services/{service.slug}/form/{choice.id}",
        data=question("Type of meeting", options="Committee\nPanel", condition=f"{room.id}:Room 1"),
    )
    assert indirect.status_code == 422
    assert summary_links(indirect) == [
        ("condition", "“Which room?” already depends on this question, so this one cannot depend on it")
    ]
    assert field_labelled(service, "Type of meeting").show_if_field_id is None


def test_an_option_a_condition_uses_cannot_be_removed(app, service, manager, three_questions):
    choice = three_questions[0]
    added(manager, service, "text", "Committee name", condition=f"{choice.id}:Committee")

    response = manager.post(
        f"/services/{service.slug}/form/{choice.id}", data=question("Type of meeting", options="Panel\nWorkshop")
    )

    assert response.status_code == 422
    assert summary_links(response) == [
        ("options", "“Committee” must stay: the question “Committee name” is shown only for that answer")
    ]
    assert "Panel\nWorkshop" in html.unescape(markup(response))  # what was typed, kept
    assert field_labelled(service, "Type of meeting").choices == ["Committee", "Panel"]
    # Other options may change.
    assert (
        manager.post(
            f"/services/{service.slug}/form/{choice.id}",
            data=question("Type of meeting", options="Committee\nWorkshop"),
        ).status_code
        == 303
    )
    assert field_labelled(service, "Type of meeting").choices == ["Committee", "Workshop"]


def test_a_question_another_depends_on_cannot_be_removed(app, service, manager, three_questions):
    choice = three_questions[0]
    added(manager, service, "text", "Committee name", condition=f"{choice.id}:Committee")

    response = manager.post(f"/services/{service.slug}/form/{choice.id}/remove")

    assert response.status_code == 422
    assert (
        "“Committee name” is shown only for an answer to “Type of meeting”. Change that question first."
        in page_text(response)
    )
    assert "Type of meeting" in labels_of(service)
    # Once the other question no longer depends on it, it can go.
    dependant = field_labelled(service, "Committee name")
    manager.post(f"/services/{service.slug}/form/{dependant.id}", data=question("Committee name", condition=""))
    assert manager.post(f"/services/{service.slug}/form/{choice.id}/remove").status_code == 303
    assert labels_of(service) == ["Name of the meeting", "Anything else", "Committee name"]


# --- Changing questions -----------------------------------------------------------------------


def test_the_change_page_starts_with_the_question_as_it_is(app, service, manager, three_questions):
    choice = three_questions[0]
    added(manager, service, "number", "Number of attendees", min_value="2.50", max_value="1000", required=None)
    number = field_labelled(service, "Number of attendees")
    added(manager, service, "text", "Committee name", hint="As on the agenda", condition=f"{choice.id}:Committee")
    dependant = field_labelled(service, "Committee name")

    page = markup(manager.get(f"/services/{service.slug}/form/{number.id}"))
    assert "Change question: number" in page_text(manager.get(f"/services/{service.slug}/form/{number.id}"))
    assert re.search(r'id="label"[^>]*value="Number of attendees"', page)
    assert re.search(r'id="min_value"[^>]*value="2.5"', page) and re.search(r'id="max_value"[^>]*value="1000"', page)
    assert not re.search(r'id="required"[^>]*checked', page)

    page = markup(manager.get(f"/services/{service.slug}/form/{dependant.id}"))
    assert re.search(r'id="hint"[^>]*value="As on the agenda"', page)
    assert f'<option value="{choice.id}:Committee" selected>' in page


def test_changing_a_question(app, service, manager, three_questions):
    text = three_questions[1]

    response = manager.post(
        f"/services/{service.slug}/form/{text.id}",
        data=question("Meeting name", hint="As on the agenda", required=None),
    )

    assert response.status_code == 303
    page = manager.get(response.headers["Location"])
    assert "Question saved: Meeting name" in page_text(page)
    assert builder_questions(page) == ["1. Type of meeting", "2. Meeting name", "3. Anything else"]
    form = manager.get(f"/services/{service.slug}/request")
    assert "Meeting name (optional)" in request_form_labels(form)
    assert "As on the agenda" in page_text(form)
    assert "service_field_changed" in audit_actions(service)


def test_a_question_of_another_service_is_not_found_here(app, service, manager, three_questions):
    other = make_service(name="Room booking", team=service.team, fields=[{"kind": "text", "label": "Room"}])
    other_field = other.fields[0]
    assert manager.get(f"/services/{service.slug}/form/{other_field.id}").status_code == 404
    assert manager.post(f"/services/{service.slug}/form/{other_field.id}/remove").status_code == 404
    assert moved(manager, service, other_field, "up").status_code == 404
    assert labels_of(other) == ["Room"]


def test_only_the_owning_teams_managers_and_admins_build_the_form(app, service, three_questions):
    choice = three_questions[0]
    for person in (
        make_user(team=service.team),
        make_user(roles=["manager"], team=make_team("Fleet")),
        make_user(roles=["agent", "editor"]),
    ):
        client = signed_in_client(app, person)
        assert client.get(f"/services/{service.slug}/form").status_code == 404
        assert add(client, service, "text", "Sneaky").status_code == 404
        assert moved(client, service, choice, "down").status_code == 404
        assert client.post(f"/services/{service.slug}/form/{choice.id}/remove").status_code == 404
        assert "Change the request form" not in page_text(client.get(f"/services/{service.slug}"))
    assert labels_of(service) == ["Type of meeting", "Name of the meeting", "Anything else"]
    admin = signed_in_client(app, make_user(roles=["admin"]))
    assert admin.get(f"/services/{service.slug}/form").status_code == 200


# --- Moving questions -------------------------------------------------------------------------


def test_moving_a_question_without_javascript_comes_back_to_the_builder_saying_where_it_went(
    app, service, manager, three_questions
):
    _, text, _ = three_questions

    response = moved(manager, service, text, "up")

    assert response.status_code == 303
    assert response.headers["Location"] == f"/services/{service.slug}/form#question-{text.id}"
    page = manager.get(response.headers["Location"])
    assert "“Name of the meeting” moved up: it is now question 1 of 3" in page_text(page)
    assert builder_questions(page) == ["1. Name of the meeting", "2. Type of meeting", "3. Anything else"]

    moved(manager, service, text, "down")
    moved(manager, service, text, "down")
    assert labels_of(service) == ["Type of meeting", "Anything else", "Name of the meeting"]
    assert audit_actions(service).count("service_field_moved") == 3


def test_moving_with_htmx_swaps_the_list_keeps_focus_and_announces_the_move(app, service, manager, three_questions):
    _, _, last = three_questions

    response = manager.hx("POST", f"/services/{service.slug}/form/{last.id}/move", data={"direction": "up"})

    assert response.status_code == 200
    body = markup(response).strip()
    assert body.startswith('<div id="form-questions">') and "<html" not in body
    assert builder_questions(response) == ["1. Type of meeting", "2. Anything else", "3. Name of the meeting"]
    # Focus goes back to the button that was pressed, on the question that moved.
    focused = re.findall(
        r'<form method="post" action="([^"]+)"[^>]*>\s*<input[^>]*>\s*'
        r'<input type="hidden" name="direction" value="(\w+)">\s*<button[^>]*data-focus-after-swap',
        body,
    )
    assert focused == [(f"/services/{service.slug}/form/{last.id}/move", "up")]
    announced = json.loads(response.headers["HX-Trigger"])["staffroom:announce"]["message"]
    assert announced == "“Anything else” moved up: it is now question 2 of 3"
    assert labels_of(service) == ["Type of meeting", "Anything else", "Name of the meeting"]


def test_a_question_moved_to_the_top_keeps_focus_on_its_other_button(app, service, manager, three_questions):
    _, text, _ = three_questions

    response = manager.hx("POST", f"/services/{service.slug}/form/{text.id}/move", data={"direction": "up"})

    assert builder_questions(response) == ["1. Name of the meeting", "2. Type of meeting", "3. Anything else"]
    assert (
        json.loads(response.headers["HX-Trigger"])["staffroom:announce"]["message"]
        == "“Name of the meeting” moved up: it is now question 1 of 3"
    )
    first = re.search(rf'<li class="sr-question" id="question-{text.id}">.*?</li>', markup(response), re.S).group(0)
    assert "Move up" not in first  # nothing above it now
    assert re.search(r'value="down">\s*<button[^>]*data-focus-after-swap', first)
    assert markup(response).count("data-focus-after-swap") == 1


def test_moving_the_first_question_up_changes_nothing(app, service, manager, three_questions):
    first = three_questions[0]
    version = db.session.get(Service, service.id).version

    response = moved(manager, service, first, "up")

    assert response.status_code == 303
    assert "“Type of meeting” cannot move further up" in page_text(manager.get(response.headers["Location"]))
    assert labels_of(service) == ["Type of meeting", "Name of the meeting", "Anything else"]
    assert "service_field_moved" not in audit_actions(service)
    assert db.session.get(Service, service.id).version == version

    with_htmx = manager.hx("POST", f"/services/{service.slug}/form/{first.id}/move", data={"direction": "up"})
    assert builder_questions(with_htmx) == ["1. Type of meeting", "2. Name of the meeting", "3. Anything else"]
    assert (
        json.loads(with_htmx.headers["HX-Trigger"])["staffroom:announce"]["message"]
        == "“Type of meeting” cannot move further up"
    )


def test_moving_the_last_question_down_changes_nothing(app, service, manager, three_questions):
    last = three_questions[2]
    response = moved(manager, service, last, "down")
    assert "“Anything else” cannot move further down" in page_text(manager.get(response.headers["Location"]))
    assert labels_of(service) == ["Type of meeting", "Name of the meeting", "Anything else"]


def test_the_request_form_asks_the_questions_in_their_new_order_with_conditions(app, service, manager, three_questions):
    choice, text, _ = three_questions
    added(manager, service, "text", "Committee name", condition=f"{choice.id}:Committee", required=None)
    dependant = field_labelled(service, "Committee name")
    moved(manager, service, text, "up")

    page = manager.get(f"/services/{service.slug}/request")

    # The conditional question comes directly under the answer that reveals it (GOV.UK's reveal).
    assert request_form_labels(page) == [
        "Name of the meeting",
        "Type of meeting",
        "Committee name (optional)",
        "Anything else (optional)",
    ]
    committee = re.search(
        r'<input class="govuk-radios__input" id="([^"]+)" name="(field_\d+)" type="radio" value="Committee"'
        r' data-aria-controls="([^"]+)">',
        markup(page),
    )
    assert committee is not None and committee.group(2) == choice.name
    reveal = re.search(
        rf'<div class="govuk-radios__conditional govuk-radios__conditional--hidden" id="{committee.group(3)}">(.*?)'
        r'<label class="govuk-label" for="(field_\d+)"',
        markup(page),
        re.S,
    )
    assert reveal.group(2) == dependant.name
    assert "Answer if you chose “Committee” for “Type of meeting”" in html.unescape(reveal.group(1))
    assert "data-show-if=" not in markup(page)  # GOV.UK's own script reveals it


# --- Removing questions -----------------------------------------------------------------------


def test_removing_a_question_asks_first(app, service, manager, three_questions):
    text = three_questions[1]
    builder = markup(manager.get(f"/services/{service.slug}/form"))
    assert f'href="/services/{service.slug}/form/{text.id}/remove"' in builder

    confirm = manager.get(f"/services/{service.slug}/form/{text.id}/remove")
    assert confirm.status_code == 200
    assert "Remove “Name of the meeting”?" in page_text(confirm)
    assert "Requests already sent keep their answers to it" in page_text(confirm)
    assert labels_of(service) == ["Type of meeting", "Name of the meeting", "Anything else"]  # nothing yet

    response = manager.post(f"/services/{service.slug}/form/{text.id}/remove")

    assert response.status_code == 303
    page = manager.get(response.headers["Location"])
    assert "Question removed: Name of the meeting. Requests already sent keep their answers to it." in page_text(page)
    assert builder_questions(page) == ["1. Type of meeting", "2. Anything else"]
    assert request_form_labels(manager.get(f"/services/{service.slug}/request")) == [
        "Type of meeting",
        "Anything else (optional)",
    ]
    assert "service_field_removed" in audit_actions(service)


# --- Requests already sent ----------------------------------------------------------------------


def test_changing_and_removing_questions_never_changes_requests_already_sent(app, service, manager, three_questions):
    choice, text, notes = three_questions
    requester = make_user(name="Rita Requester")
    client = signed_in_client(app, requester)
    reference = send_request(
        client, service, {choice: "Committee", text: "Planning Committee", notes: "Two minute-takers please"}
    )
    before = page_text(client.get(f"/requests/{reference}"))
    assert "Name of the meeting Planning Committee" in before

    manager.post(f"/services/{service.slug}/form/{text.id}", data=question("Meeting title"))
    manager.post(
        f"/services/{service.slug}/form/{choice.id}",
        data=question("Kind of meeting", options="Committee\nPanel\nWorkshop"),
    )
    moved(manager, service, notes, "up")
    assert manager.post(f"/services/{service.slug}/form/{notes.id}/remove").status_code == 303

    after = page_text(client.get(f"/requests/{reference}"))
    assert "Type of meeting Committee" in after
    assert "Name of the meeting Planning Committee" in after
    assert "Anything else Two minute-takers please" in after
    assert "Meeting title" not in after and "Kind of meeting" not in after
    # ...in the order they were asked.
    assert after.index("Type of meeting") < after.index("Name of the meeting") < after.index("Anything else")
    sent = db.session.scalar(select(ServiceRequest))
    assert [answer.label for answer in sent.answers] == ["Type of meeting", "Name of the meeting", "Anything else"]
    # New requests are asked the new questions.
    assert request_form_labels(client.get(f"/services/{service.slug}/request")) == ["Kind of meeting", "Meeting title"]


def test_a_sent_request_keeps_its_file_after_the_file_question_goes(app, service, manager):
    agenda = added(manager, service, "file", "Agenda")
    client = signed_in_client(app, make_user())
    data = {
        "subject": "Minutes for Planning",
        "description": "Evening meeting",
        agenda.name: (io.BytesIO(b"%PDF-1.4 agenda"), "agenda.pdf"),
    }
    check = client.post(f"/services/{service.slug}/request", data=data, content_type="multipart/form-data")
    assert check.status_code == 303, page_text(check)[:600]
    reference = re.search(r"(BS-\d+)", client.post(check.headers["Location"]).headers["Location"]).group(1)

    assert manager.post(f"/services/{service.slug}/form/{agenda.id}/remove").status_code == 303

    page = client.get(f"/requests/{reference}")
    assert "Agenda agenda.pdf" in page_text(page)
    link = re.search(rf'href="(/requests/{reference}/attachments/\d+/agenda.pdf)"', markup(page)).group(1)
    assert client.get(link).data == b"%PDF-1.4 agenda"
