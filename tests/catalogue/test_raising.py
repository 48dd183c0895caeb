"""Raising a request as people do it: the service's own form with every kind of question and its
checks, questions shown only for an answer, the check-answers page and its Change links, files
kept between visits, sending exactly once (double clicks, refreshes, two browsers at once), due
dates from the working-time calendar, who may see and raise what, keying a request for someone
else, and the guidance suggested on the way (and counted when it answered the question)."""

import html
import io
import json
import re
import threading
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app import clock
from app.catalogue import services as catalogue
from app.extensions import db
from app.models import Deflection, RequestDraft, ServiceRequest
from app.service_requests import raising
from tests.conftest import page_text
from tests.factories import make_article, make_service, make_team, make_user, signed_in_client
from tests.factories import stored_files as all_stored_files

# Monday 16 March 2026, 10:00 GMT: a working day, so the clock starts at once.
MONDAY = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MB = 1024 * 1024

QUESTIONS = [
    {"kind": "text", "label": "Name of the meeting"},
    {"kind": "textarea", "label": "Who will attend", "required": False},
    {"kind": "number", "label": "Number of attendees", "min_value": Decimal("1"), "max_value": Decimal("200")},
    {"kind": "date", "label": "Date of the meeting", "not_in_past": True},
    {"kind": "email", "label": "Chair’s email address"},
    {"kind": "select", "label": "Room", "options": "Committee Room 1\nCommittee Room 2\nCouncil Chamber"},
    {"kind": "radios", "label": "Format", "options": "In person\nOnline\nHybrid"},
    {"kind": "checkboxes", "label": "Refreshments", "options": "Tea and coffee\nWater\nSandwiches", "required": False},
    {"kind": "yesno", "label": "Is the meeting public?"},
    {"kind": "file", "label": "Agenda", "required": False},
]
GOOD_ANSWERS = {
    "Name of the meeting": "Planning Committee",
    "Who will attend": "",
    "Number of attendees": "12",
    "Date of the meeting": ["2", "4", "2026"],
    "Chair’s email address": "chair@council.test",
    "Room": "Committee Room 2",
    "Format": "Hybrid",
    "Refreshments": ["Tea and coffee", "Water"],
    "Is the meeting public?": "No",
}
SUBJECT = "Minutes for the Planning Committee on 2 April"
DESCRIPTION = "We need a minute-taker for the whole meeting.\nIt may run late."


@pytest.fixture(autouse=True)
def now():
    """Time stands still at MONDAY (set before anyone signs in); tests move it by setting .at."""
    with clock.fixed(MONDAY) as time:
        yield time


@pytest.fixture
def service(app):
    return make_service(name="Minute taking", team=make_team("Democratic Services"), fields=QUESTIONS)


# --- Helpers -----------------------------------------------------------------------------------


def question(service, label):
    return next(field for field in service.fields if field.label == label)


def form_data(service, answers=None, *, subject=SUBJECT, description=DESCRIPTION, **extra) -> dict:
    """What the browser posts: good answers, changed by `answers` ({label: value}, None leaves
    the question out altogether)."""
    by_label = {**GOOD_ANSWERS, **(answers or {})}
    data = {"subject": subject, "description": description, "submit": "Continue", **extra}
    for field in service.fields:
        if by_label.get(field.label) is not None:
            data[field.name] = by_label[field.label]
    return data


def post_form(client, service, answers=None, *, url=None, **kwargs):
    return client.post(
        url or f"/services/{service.slug}/request",
        data=form_data(service, answers, **kwargs),
        content_type="multipart/form-data",
    )


def fill_in(client, service, answers=None, **kwargs) -> str:
    """Fill in the form; the draft's token, from the check-answers page it leads to."""
    response = post_form(client, service, answers, **kwargs)
    assert response.status_code == 303, error_summary(response) or response.status_code
    location = response.headers["Location"]
    assert location.startswith(f"/services/{service.slug}/request/")
    return location.rsplit("/", 1)[-1]


def send(client, service, token):
    return client.post(f"/services/{service.slug}/request/{token}")


def raise_request(client, service, answers=None, **kwargs) -> str:
    """Fill in, check and send; the reference shown."""
    response = send(client, service, fill_in(client, service, answers, **kwargs))
    assert response.status_code == 303, error_summary(response) or response.status_code
    match = re.fullmatch(r"/requests/(BS-\d{6})/sent", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def markup(response) -> str:
    return response.get_data(as_text=True)


def words(fragment: str) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", fragment).split()))


def error_summary(response) -> list[tuple[str, str]]:
    """(link target, message) for each problem in the GOV.UK error summary, in order."""
    summary = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', markup(response), re.S)
    if not summary:
        return []
    links = re.findall(r'<a href="#([^"]*)">(.*?)</a>', summary.group(1), re.S)
    return [(target, words(text)) for target, text in links]


def field_error(response, name) -> str | None:
    match = re.search(rf'<p id="{name}-error" class="govuk-error-message">(.*?)</p>', markup(response), re.S)
    return words(match.group(1)).removeprefix("Error: ") if match else None


def input_value(response, field_id) -> str | None:
    match = re.search(rf'<input\b[^>]*\bid="{field_id}"[^>]*>', markup(response))
    assert match, f"no input {field_id}"
    value = re.search(r'\bvalue="([^"]*)"', match.group(0))
    return html.unescape(value.group(1)) if value else None


def textarea_value(response, field_id) -> str:
    match = re.search(rf'<textarea\b[^>]*\bid="{field_id}"[^>]*>(.*?)</textarea>', markup(response), re.S)
    assert match, f"no textarea {field_id}"
    return html.unescape(match.group(1)).strip("\r\n")


def selected_option(response, name) -> str | None:
    select_tag = re.search(rf'<select\b[^>]*\bname="{name}"[^>]*>(.*?)</select>', markup(response), re.S)
    assert select_tag, f"no select {name}"
    chosen = re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select_tag.group(1))
    return html.unescape(chosen[0]) if chosen else None


def checked_values(response, name) -> list[str]:
    values = []
    for tag in re.findall(rf'<input\b[^>]*\bname="{name}"[^>]*>', markup(response)):
        if re.search(r"\schecked\b", tag):
            values.append(html.unescape(re.search(r'\bvalue="([^"]*)"', tag).group(1)))
    return values


def summary_rows(response) -> list[tuple[str, str]]:
    """(key, value) of every row of the page's summary lists, as read."""
    rows = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*'
        r'<dd class="govuk-summary-list__value">(.*?)</dd>',
        markup(response),
        re.S,
    )
    return [(words(key), words(value)) for key, value in rows]


def change_links(response) -> dict[str, str]:
    """{what it changes: link} from the check-answers page."""
    links = re.findall(
        r'<a class="govuk-link" href="([^"]*)">\s*Change'
        r'<span class="govuk-visually-hidden">(.*?)</span>',
        markup(response),
        re.S,
    )
    return {words(hidden): html.unescape(href) for href, hidden in links}


def suggestion_titles(response) -> list[str]:
    return [
        words(title).removesuffix(" (opens in a new tab)")
        for title in re.findall(
            r'<li class="sr-suggestion">\s*<a class="govuk-link"[^>]*>(.*?)</a>', markup(response), re.S
        )
    ]


def count(model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def only_request() -> ServiceRequest:
    db.session.rollback()
    requests = list(db.session.scalars(select(ServiceRequest)))
    assert len(requests) == 1, f"{len(requests)} requests"
    return requests[0]


def only_draft() -> RequestDraft:
    db.session.rollback()
    drafts = list(db.session.scalars(select(RequestDraft)))
    assert len(drafts) == 1, f"{len(drafts)} drafts"
    return drafts[0]


def stored_files(app) -> set[str]:
    """The names of the uploads kept (in the database: app/files.py)."""
    return set(all_stored_files())


def upload(data=PDF, name="agenda.pdf"):
    return (io.BytesIO(data), name)


def field_answers(field, **changes) -> dict:
    """update_field's arguments as the question stands, with `changes`."""
    values = dict(
        label=field.label,
        hint=field.hint,
        required=field.required,
        options=field.options,
        min_value="" if field.min_value is None else str(field.min_value),
        max_value="" if field.max_value is None else str(field.max_value),
        not_in_past=field.not_in_past,
        condition=f"{field.show_if_field_id}:{field.show_if_value}" if field.show_if_field_id else "",
    )
    values.update(changes)
    return values


# --- The form ----------------------------------------------------------------------------------


def test_the_form_asks_every_question_and_marks_the_optional_ones(app, service, staff_client):
    response = staff_client.get(f"/services/{service.slug}/request")

    assert response.status_code == 200
    text = page_text(response)
    assert "Your request" in text
    for spec in QUESTIONS:
        label = spec["label"] + ("" if spec.get("required", True) else " (optional)")
        assert label in text
    assert "Who is this request for?" not in text  # only for those who key requests for others
    assert 'enctype="multipart/form-data"' in markup(response)


def test_sending_an_empty_form_lists_every_required_question_in_form_order(app, service, staff_client):
    response = post_form(staff_client, service, dict.fromkeys(GOOD_ANSWERS, ""), subject="", description="")

    assert response.status_code == 422
    name = {spec["label"]: question(service, spec["label"]).name for spec in QUESTIONS}
    assert error_summary(response) == [
        ("subject", "Enter what you need, in a line"),
        ("description", "Tell us more about what you need"),
        (name["Name of the meeting"], "Enter the name of the meeting"),
        (name["Number of attendees"], "Enter the number of attendees"),
        (f"{name['Date of the meeting']}-day", "Enter the date of the meeting"),
        (name["Chair’s email address"], "Enter the chair’s email address"),
        (name["Room"], "Select the room"),
        (name["Format"], "Select the format"),
        (name["Is the meeting public?"], "Answer “Is the meeting public?”"),
    ]
    assert "There is a problem" in page_text(response)
    assert field_error(response, name["Room"]) == "Select the room"
    assert count(RequestDraft) == 0


def test_answers_of_only_spaces_count_as_not_answered(app, service, staff_client):
    response = post_form(
        staff_client,
        service,
        {"Name of the meeting": "   ", "Chair’s email address": " \t "},
        subject="   ",
        description="\n\n ",
    )

    assert response.status_code == 422
    messages = [message for _, message in error_summary(response)]
    assert messages == [
        "Enter what you need, in a line",
        "Tell us more about what you need",
        "Enter the name of the meeting",
        "Enter the chair’s email address",
    ]


def test_optional_questions_may_be_left_out_and_show_as_not_answered(app, service, staff_client):
    token = fill_in(staff_client, service, {"Who will attend": "", "Refreshments": None})

    page = staff_client.get(f"/services/{service.slug}/request/{token}")
    rows = dict(summary_rows(page))
    assert rows["Who will attend"] == "Not answered"
    assert rows["Refreshments"] == "Not answered"
    assert rows["Agenda"] == "Not answered"
    assert set(only_draft().answers) == {
        str(question(service, label).id) for label in GOOD_ANSWERS if label not in ("Who will attend", "Refreshments")
    }


def test_a_problem_with_one_answer_keeps_everything_typed_in_the_form(app, service, staff_client):
    response = post_form(staff_client, service, {"Number of attendees": "twelve", "Who will attend": "Cllr Jones"})

    assert response.status_code == 422
    assert error_summary(response) == [
        (question(service, "Number of attendees").name, "Number of attendees must be a number")
    ]
    assert input_value(response, "subject") == SUBJECT
    assert textarea_value(response, "description").replace("\r\n", "\n") == DESCRIPTION
    name = lambda label: question(service, label).name  # noqa: E731
    assert input_value(response, name("Name of the meeting")) == "Planning Committee"
    assert textarea_value(response, name("Who will attend")) == "Cllr Jones"
    assert input_value(response, name("Number of attendees")) == "twelve"
    assert [input_value(response, f"{name('Date of the meeting')}-{part}") for part in ("day", "month", "year")] == [
        "2",
        "4",
        "2026",
    ]
    assert input_value(response, name("Chair’s email address")) == "chair@council.test"
    assert selected_option(response, name("Room")) == "Committee Room 2"
    assert checked_values(response, name("Format")) == ["Hybrid"]
    assert checked_values(response, name("Refreshments")) == ["Tea and coffee", "Water"]
    assert checked_values(response, name("Is the meeting public?")) == ["No"]
    assert count(RequestDraft) == 0


# --- Numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, message",
    [
        ("twelve", "Number of attendees must be a number"),
        ("12 people", "Number of attendees must be a number"),
        ("NaN", "Number of attendees must be a number"),
        ("Infinity", "Number of attendees must be a number"),
        ("0", "Number of attendees must be between 1 and 200"),
        ("-5", "Number of attendees must be between 1 and 200"),
        ("201", "Number of attendees must be between 1 and 200"),
        ("1e400", "Number of attendees must be between 1 and 200"),
    ],
)
def test_a_number_that_is_not_a_number_or_out_of_range_is_refused_and_kept(app, service, staff_client, typed, message):
    field = question(service, "Number of attendees")
    response = post_form(staff_client, service, {"Number of attendees": typed})

    assert response.status_code == 422
    assert error_summary(response) == [(field.name, message)]
    assert input_value(response, field.name) == typed
    assert count(RequestDraft) == 0


@pytest.mark.parametrize("typed, kept", [("1", "1"), ("200", "200"), (" 45 ", "45"), ("1,50", "1,50")])
def test_numbers_in_range_are_accepted(app, service, staff_client, typed, kept):
    fill_in(staff_client, service, {"Number of attendees": typed})
    assert only_draft().answers[str(question(service, "Number of attendees").id)] == kept


def test_a_number_with_only_a_smallest_or_largest_value_says_which(app, staff_client):
    printing = make_service(
        name="Printing",
        fields=[
            {"kind": "number", "label": "Copies", "min_value": Decimal("1")},
            {"kind": "number", "label": "Pages", "max_value": Decimal("50")},
            {"kind": "number", "label": "Hours", "min_value": Decimal("0.5"), "max_value": Decimal("7.5")},
        ],
    )
    response = staff_client.post(
        f"/services/{printing.slug}/request",
        data={
            "subject": "Print the agenda",
            "description": "Double-sided",
            printing.fields[0].name: "0",
            printing.fields[1].name: "51",
            printing.fields[2].name: "8",
        },
    )

    assert response.status_code == 422
    assert [message for _, message in error_summary(response)] == [
        "Copies must be 1 or more",
        "Pages must be 50 or less",
        "Hours must be between 0.5 and 7.5",
    ]


# --- Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [["31", "2", "2026"], ["x", "4", "2026"], ["2", "13", "2026"], ["2", "4", ""], ["2", "4", "26"], ["0", "0", "0"]],
)
def test_a_date_that_is_not_real_is_refused_and_the_boxes_keep_what_was_typed(app, service, staff_client, typed):
    field = question(service, "Date of the meeting")
    response = post_form(staff_client, service, {"Date of the meeting": typed})

    assert response.status_code == 422
    assert error_summary(response) == [
        (f"{field.name}-day", "Date of the meeting must be a real date, for example 27 3 2027")
    ]
    kept = [input_value(response, f"{field.name}-{part}") for part in ("day", "month", "year")]
    assert [value or "" for value in kept] == typed


def test_a_date_in_the_past_is_refused_when_the_question_says_not_in_the_past(app, service, staff_client):
    field = question(service, "Date of the meeting")
    response = post_form(staff_client, service, {"Date of the meeting": ["15", "3", "2026"]})  # yesterday

    assert response.status_code == 422
    assert error_summary(response) == [(f"{field.name}-day", "Date of the meeting must be today or in the future")]

    fill_in(staff_client, service, {"Date of the meeting": ["16", "3", "2026"]})  # today is fine
    assert only_draft().answers[str(field.id)] == "2026-03-16"


def test_today_is_the_uk_date_even_when_it_is_still_yesterday_in_utc(app, now, service):
    now.at = datetime(2026, 6, 28, 23, 30, tzinfo=UTC)  # 00:30 on 29 June in BST
    client = signed_in_client(app, make_user())
    response = post_form(client, service, {"Date of the meeting": ["28", "6", "2026"]})
    assert response.status_code == 422
    assert "Date of the meeting must be today or in the future" in page_text(response)


def test_a_past_date_is_fine_when_the_question_allows_it(app, staff_client):
    history = make_service(name="Records", fields=[{"kind": "date", "label": "Date of the letter"}])
    response = staff_client.post(
        f"/services/{history.slug}/request",
        data={
            "subject": "Find a letter",
            "description": "From the archive",
            history.fields[0].name: ["7", "11", "1998"],
        },
    )
    assert response.status_code == 303
    assert only_draft().answers[str(history.fields[0].id)] == "1998-11-07"


# --- Email addresses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "chair",
        "chair@",
        "chair@council",
        "@council.test",
        "chair @council.test",
        "chair@council.test, clerk@council.test",
        "chair@@council.test",
    ],
)
def test_an_email_address_in_the_wrong_format_is_refused_and_kept(app, service, staff_client, typed):
    field = question(service, "Chair’s email address")
    response = post_form(staff_client, service, {"Chair’s email address": typed})

    assert response.status_code == 422
    assert error_summary(response) == [
        (
            field.name,
            "Enter an email address in the correct format, like name@example.com, for the chair’s email address",
        )
    ]
    assert input_value(response, field.name) == typed


def test_an_email_address_is_kept_without_surrounding_spaces(app, service, staff_client):
    fill_in(staff_client, service, {"Chair’s email address": "  Chair.Person@Council.test "})
    assert only_draft().answers[str(question(service, "Chair’s email address").id)] == "Chair.Person@Council.test"


# --- Choices -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label, typed, message",
    [
        ("Room", "The basement", "Select the room"),
        ("Format", "Carrier pigeon", "Select the format"),
        ("Refreshments", ["Water", "Champagne"], "Select the refreshments"),
        ("Is the meeting public?", "Maybe", "Answer “Is the meeting public?”"),
    ],
)
def test_an_answer_that_is_not_one_of_the_options_is_refused(app, service, staff_client, label, typed, message):
    response = post_form(staff_client, service, {label: typed})

    assert response.status_code == 422
    assert error_summary(response) == [(question(service, label).name, message)]
    assert count(RequestDraft) == 0


def test_chosen_options_are_kept_as_chosen(app, service, staff_client):
    fill_in(staff_client, service, {"Refreshments": ["Sandwiches", "Tea and coffee"], "Is the meeting public?": "Yes"})
    answers = only_draft().answers
    assert answers[str(question(service, "Refreshments").id)] == ["Sandwiches", "Tea and coffee"]
    assert answers[str(question(service, "Is the meeting public?").id)] == "Yes"
    assert answers[str(question(service, "Room").id)] == "Committee Room 2"


# --- Files -------------------------------------------------------------------------------------


def test_a_real_pdf_is_attached_and_can_be_downloaded_by_the_person_who_sent_it(app, service, staff_client):
    token = fill_in(staff_client, service, {"Agenda": upload(PDF, "Agenda for 2 April.pdf")})
    assert (
        dict(summary_rows(staff_client.get(f"/services/{service.slug}/request/{token}")))["Agenda"]
        == "Agenda for 2 April.pdf"
    )

    reference = raise_request_from(staff_client, service, token)
    page = staff_client.get(f"/requests/{reference}")
    link = re.search(r'<a class="govuk-link" href="([^"]*)" download>Agenda for 2 April.pdf</a>', markup(page))
    assert link, "no download link"
    download = staff_client.get(html.unescape(link.group(1)))
    assert download.status_code == 200
    assert download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment")
    attachment = only_request().attachments[0]
    assert (attachment.filename, attachment.size) == ("Agenda for 2 April.pdf", len(PDF))


def raise_request_from(client, service, token) -> str:
    response = send(client, service, token)
    assert response.status_code == 303, error_summary(response)
    return response.headers["Location"].split("/")[2]


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "agenda.exe",
            b"MZ\x90\x00 program",
            "The selected file must be a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG, JPG, TXT or CSV",
        ),
        (
            "agenda",
            PDF,
            "The selected file must be a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG, JPG, TXT or CSV",
        ),
        (
            "agenda.pdf",
            b"Just some text pretending to be a PDF",
            "The selected file’s contents are not a real PDF file",
        ),
        ("agenda.png", PDF, "The selected file’s contents are not a real PNG file"),
        ("agenda.docx", b"PK\x03\x04 not really a zip", "The selected file’s contents are not a real DOCX file"),
        ("agenda.txt", b"caf\xe9 in Latin-1", "The selected file’s contents are not a real TXT file"),
        ("agenda.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_file_of_the_wrong_type_or_pretending_to_be_another_is_refused(
    app, service, staff_client, name, content, message
):
    field, before = question(service, "Agenda"), stored_files(app)
    response = post_form(staff_client, service, {"Agenda": upload(content, name), "Who will attend": "Cllr Jones"})

    assert response.status_code == 422
    assert error_summary(response) == [(field.name, message)]
    assert textarea_value(response, question(service, "Who will attend").name) == "Cllr Jones"
    assert count(RequestDraft) == 0
    assert stored_files(app) == before


def test_a_file_over_10_mb_is_refused_but_one_of_exactly_10_mb_is_accepted(app, service, staff_client):
    field = question(service, "Agenda")
    too_big = PDF + b"0" * (10 * MB + 1 - len(PDF))
    response = post_form(staff_client, service, {"Agenda": upload(too_big)})
    assert response.status_code == 422
    assert error_summary(response) == [(field.name, "The selected file must be smaller than 10 MB")]
    assert count(RequestDraft) == 0

    fill_in(staff_client, service, {"Agenda": upload(PDF + b"0" * (10 * MB - len(PDF)))})
    assert only_draft().files[str(field.id)]["size"] == 10 * MB


def test_a_post_over_the_25_mb_limit_is_refused_with_a_page_not_a_crash(app, service, staff_client):
    response = post_form(staff_client, service, {"Agenda": upload(PDF + b"0" * (26 * MB))})
    assert response.status_code == 413
    assert "That was too large to send" in page_text(response)
    assert count(RequestDraft) == 0


def test_a_required_file_must_be_chosen(app, staff_client):
    scanning = make_service(name="Scanning", fields=[{"kind": "file", "label": "Papers"}])
    response = staff_client.post(
        f"/services/{scanning.slug}/request",
        content_type="multipart/form-data",
        data={"subject": "Scan these", "description": "Please", scanning.fields[0].name: (io.BytesIO(b""), "")},
    )
    assert response.status_code == 422
    assert error_summary(response) == [(scanning.fields[0].name, "Select a file for the papers")]


def test_a_file_name_with_a_path_or_control_characters_is_cleaned(app, service, staff_client):
    fill_in(staff_client, service, {"Agenda": upload(PDF, "..\\..\\secret/..\\x/Agenda\u200b\u0007 – café ☕.PDF")})
    kept = only_draft().files[str(question(service, "Agenda").id)]
    assert kept["filename"] == "Agenda – café ☕.pdf"
    assert re.fullmatch(r"[0-9a-f]{32}", kept["stored_name"])
    assert all_stored_files()[kept["stored_name"]] == PDF


# --- Long and unusual text ----------------------------------------------------------------------


def test_text_over_its_limit_is_refused_and_kept(app, service, staff_client):
    response = post_form(
        staff_client,
        service,
        {"Name of the meeting": "M" * 501, "Who will attend": "a" * 10_001},
        subject="S" * 151,
        description="D" * 10_001,
    )

    assert response.status_code == 422
    assert [message for _, message in error_summary(response)] == [
        "Keep this to 150 characters or fewer",
        "Keep this to 10,000 characters or fewer",
        "Keep this to 500 characters or fewer",
        "Keep this to 10,000 characters or fewer",
    ]
    assert input_value(response, "subject") == "S" * 151
    assert textarea_value(response, "description") == "D" * 10_001


def test_text_at_its_limit_is_accepted(app, service, staff_client):
    fill_in(
        staff_client,
        service,
        {"Name of the meeting": "M" * 500, "Who will attend": "a" * 10_000},
        subject="S" * 150,
        description="D" * 10_000,
    )
    draft = only_draft()
    assert (len(draft.subject), len(draft.description)) == (150, 10_000)


def test_a_long_description_is_a_form_error_and_a_megabyte_of_it_too_large_with_the_form_kept(
    app, service, staff_client
):
    response = post_form(staff_client, service, description="word " * 20_000)
    assert response.status_code == 422
    assert ("description", "Keep this to 10,000 characters or fewer") in error_summary(response)

    response = post_form(staff_client, service, description="word " * 200_000)
    assert response.status_code == 413  # the form again, with the rest of what was typed
    assert ("description", "Keep this to 10,000 characters or fewer") in error_summary(response)
    assert count(RequestDraft) == 0


ODD = 'Café ☕ naïve Ǆ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 שלום مرحبا 👩🏽‍💻 e\u0301 <b>bold</b> & "quotes"'


def test_unusual_unicode_and_markup_is_kept_as_typed_and_shown_as_text(app, service, staff_client):
    reference = raise_request(
        staff_client,
        service,
        {"Name of the meeting": ODD, "Who will attend": ODD + "\nLine 2"},
        subject=ODD,
        description=f"{ODD}\n<script>alert(1)</script>",
    )

    service_request = only_request()
    assert service_request.subject == ODD
    assert service_request.description == f"{ODD}\n<script>alert(1)</script>"
    answers = {answer.label: answer.value for answer in service_request.answers}
    assert answers["Name of the meeting"] == ODD
    assert answers["Who will attend"] == ODD + "\nLine 2"

    page = staff_client.get(f"/requests/{reference}")
    assert ODD in page_text(page)
    assert "<script>alert(1)</script>" not in markup(page) and "<b>bold</b>" not in markup(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup(page)


def test_a_null_character_in_the_text_is_dropped_not_a_crash(app, service, staff_client):
    # PostgreSQL cannot store NUL in text: the request must still go through.
    raise_request(
        staff_client,
        service,
        {"Name of the meeting": "Planning\x00 Committee", "Who will attend": "Cllr\x00 Jones"},
        subject="Minutes\x00 please",
        description="Line\x00 two",
    )

    stored = only_request()
    assert (stored.subject, stored.description) == ("Minutes please", "Line two")
    answers = {answer.label: answer.value for answer in stored.answers}
    assert (answers["Name of the meeting"], answers["Who will attend"]) == ("Planning Committee", "Cllr Jones")


def test_a_draft_token_with_a_null_character_is_not_found_not_a_crash(app, service, staff_client):
    assert staff_client.get(f"/services/{service.slug}/request/abc%00def").status_code == 404
    assert staff_client.get(f"/services/{service.slug}/request", query_string={"draft": "abc\x00"}).status_code == 404
    assert post_form(staff_client, service, draft="abc\x00def").status_code == 404


# --- Questions shown only for an answer ------------------------------------------------------------


@pytest.fixture
def conditional(app, service):
    """ "Wording for the public notice" (required) and "Draft notice" (a file, optional): asked
    only when the meeting is public."""
    admin = make_user(roles=["admin"])
    only_if_public = dict(
        hint="",
        options="",
        min_value="",
        max_value="",
        not_in_past=False,
        condition=f"{question(service, 'Is the meeting public?').id}:Yes",
    )
    catalogue.add_field(
        service, admin, kind="textarea", label="Wording for the public notice", required=True, **only_if_public
    )
    catalogue.add_field(service, admin, kind="file", label="Draft notice", required=False, **only_if_public)
    db.session.commit()
    return service


def test_a_required_question_hidden_by_its_condition_is_not_required(app, conditional, staff_client):
    token = fill_in(staff_client, conditional, {"Is the meeting public?": "No"})

    rows = dict(summary_rows(staff_client.get(f"/services/{conditional.slug}/request/{token}")))
    assert "Wording for the public notice" not in rows and "Draft notice" not in rows
    raise_request_from(staff_client, conditional, token)
    assert "Wording for the public notice" not in {answer.label for answer in only_request().answers}


def test_an_answer_typed_into_a_hidden_question_is_thrown_away(app, conditional, staff_client):
    wording, before = question(conditional, "Wording for the public notice"), stored_files(app)
    fill_in(
        staff_client,
        conditional,
        {
            "Is the meeting public?": "No",
            "Wording for the public notice": "Secret",
            "Draft notice": upload(PDF, "notice.pdf"),
        },
    )

    draft = only_draft()
    assert str(wording.id) not in draft.answers
    assert draft.files == {}
    assert stored_files(app) == before


def test_a_question_shown_by_its_condition_is_required(app, conditional, staff_client):
    wording = question(conditional, "Wording for the public notice")
    response = post_form(staff_client, conditional, {"Is the meeting public?": "Yes"})

    assert response.status_code == 422
    assert error_summary(response) == [(wording.name, "Enter the wording for the public notice")]

    reference = raise_request(
        staff_client, conditional, {"Is the meeting public?": "Yes", "Wording for the public notice": "Open to all"}
    )
    assert {answer.label: answer.value for answer in only_request().answers}[
        "Wording for the public notice"
    ] == "Open to all"
    assert "Wording for the public notice Open to all" in page_text(staff_client.get(f"/requests/{reference}"))


def test_changing_the_answer_so_a_question_is_hidden_drops_its_earlier_answer_and_file(app, conditional, staff_client):
    wording, notice = question(conditional, "Wording for the public notice"), question(conditional, "Draft notice")
    before = stored_files(app)
    token = fill_in(
        staff_client,
        conditional,
        {
            "Is the meeting public?": "Yes",
            "Wording for the public notice": "Open",
            "Draft notice": upload(PDF, "notice.pdf"),
        },
    )
    assert set(only_draft().files) == {str(notice.id)}
    assert stored_files(app) - before == {only_draft().files[str(notice.id)]["stored_name"]}

    again = fill_in(
        staff_client,
        conditional,
        {"Is the meeting public?": "No", "Wording for the public notice": "Open"},
        draft=token,
    )

    assert again == token
    draft = only_draft()
    assert str(wording.id) not in draft.answers and draft.files == {}
    assert stored_files(app) == before


# --- Checking answers and changing them -----------------------------------------------------------


def test_the_check_answers_page_lists_every_answer_as_people_read_it(app, service, staff_client):
    token = fill_in(
        staff_client, service, {"Who will attend": "Cllr Jones\nCllr Patel", "Agenda": upload(PDF, "agenda.pdf")}
    )

    page = staff_client.get(f"/services/{service.slug}/request/{token}")
    assert page.status_code == 200
    assert "Check your answers before sending your request" in page_text(page)
    assert summary_rows(page) == [
        ("What you need", SUBJECT),
        ("More about it", "We need a minute-taker for the whole meeting. It may run late."),
        ("Name of the meeting", "Planning Committee"),
        ("Who will attend", "Cllr Jones Cllr Patel"),
        ("Number of attendees", "12"),
        ("Date of the meeting", "2 April 2026"),
        ("Chair’s email address", "chair@council.test"),
        ("Room", "Committee Room 2"),
        ("Format", "Hybrid"),
        ("Refreshments", "Tea and coffee Water"),
        ("Is the meeting public?", "No"),
        ("Agenda", "agenda.pdf"),
    ]
    assert "Democratic Services aim to complete it within 3 working days" in page_text(page)
    assert count(ServiceRequest) == 0


def test_change_links_go_back_to_the_question_with_every_answer_filled_in(app, service, staff_client):
    token = fill_in(staff_client, service, {"Who will attend": "Cllr Jones"})
    links = change_links(staff_client.get(f"/services/{service.slug}/request/{token}"))
    room = question(service, "Room")
    assert links["what you need"] == f"/services/{service.slug}/request?draft={token}#subject"
    assert links["Room"] == f"/services/{service.slug}/request?draft={token}#{room.name}"
    date_field = question(service, "Date of the meeting")
    assert links["Date of the meeting"].endswith(f"#{date_field.name}-day")

    form = staff_client.get(links["Room"].split("#")[0])
    assert form.status_code == 200
    assert input_value(form, "draft") == token
    assert input_value(form, "subject") == SUBJECT
    assert textarea_value(form, "description").replace("\r\n", "\n") == DESCRIPTION
    name = lambda label: question(service, label).name  # noqa: E731
    assert input_value(form, name("Name of the meeting")) == "Planning Committee"
    assert textarea_value(form, name("Who will attend")) == "Cllr Jones"
    assert input_value(form, name("Number of attendees")) == "12"
    assert [input_value(form, f"{date_field.name}-{part}") for part in ("day", "month", "year")] == ["2", "4", "2026"]
    assert input_value(form, name("Chair’s email address")) == "chair@council.test"
    assert selected_option(form, room.name) == "Committee Room 2"
    assert checked_values(form, name("Format")) == ["Hybrid"]
    assert checked_values(form, name("Refreshments")) == ["Tea and coffee", "Water"]
    assert checked_values(form, name("Is the meeting public?")) == ["No"]


def test_changing_an_answer_and_continuing_updates_the_same_draft(app, service, staff_client):
    token = fill_in(staff_client, service)

    again = fill_in(staff_client, service, {"Room": "Council Chamber"}, draft=token)

    assert again == token
    draft = only_draft()
    assert draft.answers[str(question(service, "Room").id)] == "Council Chamber"
    rows = dict(summary_rows(staff_client.get(f"/services/{service.slug}/request/{token}")))
    assert rows["Room"] == "Council Chamber"


def test_a_draft_token_from_another_service_is_not_found(app, service, staff_client):
    other = make_service(name="Room booking")
    token = fill_in(staff_client, service)
    assert staff_client.get(f"/services/{other.slug}/request/{token}").status_code == 404
    assert staff_client.get(f"/services/{other.slug}/request", query_string={"draft": token}).status_code == 404


def test_an_unknown_draft_token_is_not_found(app, service, staff_client):
    assert staff_client.get(f"/services/{service.slug}/request/not-a-token").status_code == 404
    assert staff_client.get(f"/services/{service.slug}/request", query_string={"draft": "x" * 65}).status_code == 404
    assert post_form(staff_client, service, draft="nope").status_code == 404
    assert count(RequestDraft) == 0


def test_a_file_is_kept_between_visits_until_it_is_replaced(app, service, staff_client):
    agenda, before = question(service, "Agenda"), stored_files(app)
    token = fill_in(staff_client, service, {"Agenda": upload(PDF, "first.pdf")})

    form = staff_client.get(f"/services/{service.slug}/request", query_string={"draft": token})
    assert re.search(r"You have attached <strong>first.pdf</strong>. Choose a file only to replace it.", markup(form))
    fill_in(staff_client, service, {"Room": "Council Chamber"}, draft=token)  # no file chosen this time
    assert dict(summary_rows(staff_client.get(f"/services/{service.slug}/request/{token}")))["Agenda"] == "first.pdf"
    first_stored = only_draft().files[str(agenda.id)]["stored_name"]

    second = PDF + b"% second version\n"
    fill_in(staff_client, service, {"Agenda": upload(second, "second.pdf")}, draft=token)
    kept = only_draft().files[str(agenda.id)]
    assert kept["filename"] == "second.pdf"
    assert stored_files(app) - before == {kept["stored_name"]}  # the first one is deleted
    assert kept["stored_name"] != first_stored

    raise_request_from(staff_client, service, token)
    attachment = only_request().attachments[0]
    assert attachment.filename == "second.pdf"
    assert all_stored_files()[attachment.stored_name] == second


def test_a_kept_file_survives_a_problem_elsewhere_in_the_form(app, service, staff_client):
    token = fill_in(staff_client, service, {"Agenda": upload(PDF, "agenda.pdf")})
    response = post_form(staff_client, service, {"Number of attendees": "lots"}, draft=token)

    assert response.status_code == 422
    assert error_summary(response) == [
        (question(service, "Number of attendees").name, "Number of attendees must be a number")
    ]
    assert "You have attached agenda.pdf" in page_text(response)
    assert only_draft().files[str(question(service, "Agenda").id)]["filename"] == "agenda.pdf"


# --- Sending -----------------------------------------------------------------------------------


def test_sending_creates_one_request_with_a_reference_shown_on_the_confirmation_and_in_my_requests(
    app, service, staff, staff_client
):
    token = fill_in(staff_client, service)
    response = send(staff_client, service, token)

    service_request = only_request()
    assert response.status_code == 303
    assert response.headers["Location"] == f"/requests/{service_request.reference}/sent"
    assert re.fullmatch(r"BS-\d{6}", service_request.reference)
    assert service_request.reference == f"BS-{service_request.id:06d}"
    assert (service_request.requester_id, service_request.submitted_by_id) == (staff.id, staff.id)
    assert service_request.status == "submitted" and service_request.team.name == "Democratic Services"
    assert [(answer.label, answer.value) for answer in service_request.answers] == [
        ("Name of the meeting", "Planning Committee"),
        ("Number of attendees", "12"),
        ("Date of the meeting", "2026-04-02"),
        ("Chair’s email address", "chair@council.test"),
        ("Room", "Committee Room 2"),
        ("Format", "Hybrid"),
        ("Refreshments", "Tea and coffee\nWater"),
        ("Is the meeting public?", "No"),
    ]

    confirmation = staff_client.get(response.headers["Location"])
    text = page_text(confirmation)
    assert confirmation.status_code == 200
    assert f"Request sent Your reference number {service_request.reference}" in text
    assert "Democratic Services will pick it up. It is due by 5pm on Thursday 19 March 2026." in text

    mine = page_text(staff_client.get("/requests/mine"))
    assert "1 request, newest first" in mine
    assert f"{service_request.reference} : {SUBJECT}" in mine or f"{service_request.reference}: {SUBJECT}" in mine
    assert "Minute taking" in mine and "Submitted" in mine and "19 March 2026" in mine

    page = staff_client.get(f"/requests/{service_request.reference}")
    shown = dict(summary_rows(page))
    assert "19 March 2026" in shown["Due"]
    assert shown["Date of the meeting"] == "2 April 2026"
    assert shown["Refreshments"] == "Tea and coffee Water"


def test_the_first_request_is_bs_000001(app, service, staff_client):
    assert raise_request(staff_client, service) == "BS-000001"


def test_sending_twice_refreshing_and_going_back_to_send_again_makes_one_request(app, service, staff_client):
    token = fill_in(staff_client, service)
    first = send(staff_client, service, token)
    reference = only_request().reference

    second = send(staff_client, service, token)  # a double click
    refresh = staff_client.get(f"/services/{service.slug}/request/{token}")
    back = staff_client.get(f"/services/{service.slug}/request", query_string={"draft": token})
    again = post_form(staff_client, service, {"Room": "Council Chamber"}, draft=token)

    assert first.headers["Location"] == second.headers["Location"] == f"/requests/{reference}/sent"
    assert refresh.status_code == 303 and refresh.headers["Location"] == f"/requests/{reference}/sent"
    assert back.status_code == 303 and back.headers["Location"] == f"/requests/{reference}"
    assert again.status_code == 303 and again.headers["Location"] == f"/requests/{reference}"
    assert "You have already sent this request" in page_text(staff_client.get(again.headers["Location"]))
    assert count(ServiceRequest) == 1 and count(RequestDraft) == 1
    assert {answer.label: answer.value for answer in only_request().answers}["Room"] == "Committee Room 2"


def test_an_htmx_send_moves_the_page_to_the_confirmation(app, service, staff_client):
    token = fill_in(staff_client, service)
    response = staff_client.hx(
        "POST", f"/services/{service.slug}/request/{token}", data={"csrf_token": staff_client.csrf_token()}
    )
    assert response.status_code == 204
    assert f"/requests/{only_request().reference}/sent" in response.headers["HX-Location"]


def _send_in_own_browser(client, url, barrier, responses, errors):
    try:
        barrier.wait(timeout=30)
        response = client.post(url)
        responses.append((response.status_code, response.headers.get("Location")))
    except Exception as error:  # noqa: BLE001  reported by the test
        errors.append(error)


def test_the_same_draft_sent_from_two_browsers_at_once_makes_one_request(make_app, app, service, staff):
    clients = [signed_in_client(make_app(WORKER=f"browser-{number}"), staff) for number in range(2)]
    token = fill_in(clients[0], service)
    url = f"/services/{service.slug}/request/{token}"
    barrier, responses, errors = threading.Barrier(len(clients)), [], []
    threads = [
        threading.Thread(target=_send_in_own_browser, args=(client, url, barrier, responses, errors))
        for client in clients
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads), "a browser never got an answer"
    assert errors == []
    reference = only_request().reference
    assert responses == [(303, f"/requests/{reference}/sent")] * 2
    assert only_draft().request_id == only_request().id


def post(client, url, *, htmx=False, **kwargs):
    """A plain form post, or the same post made by htmx."""
    if htmx:
        return client.hx("POST", url, data={"csrf_token": client.csrf_token(), **kwargs.pop("data", {})}, **kwargs)
    return client.post(url, **kwargs)


def redirected_to(response) -> str:
    """Where a post sends the browser: the Location of a 303, or the path htmx is told to load."""
    if response.status_code == 204:
        return json.loads(response.headers["HX-Location"])["path"]
    assert response.status_code == 303, response.status_code
    return response.headers["Location"]


def sent_meanwhile(monkeypatch, other_browser, url, before):
    """Another browser sends the draft at `url` at the worst moment: after this request read the
    draft, still unsent, and just before it calls raising.`before`."""
    real = getattr(raising, before)
    csrf_token = other_browser.csrf_token()

    def other_browser_first(*args, **kwargs):
        monkeypatch.setattr(raising, before, real)
        # Straight to Flask's client: the test client would roll back this request's session.
        response = FlaskClient.open(other_browser, url, method="POST", data={"csrf_token": csrf_token})
        assert response.status_code == 303, response.status_code
        return real(*args, **kwargs)

    monkeypatch.setattr(raising, before, other_browser_first)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_sending_again_after_it_was_sent_goes_to_the_request_already_sent(app, service, staff_client, htmx):
    token = fill_in(staff_client, service)
    first = send(staff_client, service, token)
    second = post(staff_client, f"/services/{service.slug}/request/{token}", htmx=htmx)

    reference = only_request().reference
    assert redirected_to(first) == redirected_to(second) == f"/requests/{reference}/sent"
    assert count(ServiceRequest) == 1


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_send_that_loses_the_race_at_the_database_goes_to_the_request_sent_not_an_error(
    make_app, app, service, staff, staff_client, monkeypatch, htmx
):
    token = fill_in(staff_client, service)
    url = f"/services/{service.slug}/request/{token}"
    sent_meanwhile(monkeypatch, signed_in_client(make_app(WORKER="other-browser"), staff), url, before="submit_draft")

    response = post(staff_client, url, htmx=htmx)  # read the draft unsent; its insert meets the unique key

    reference = only_request().reference
    assert redirected_to(response) == f"/requests/{reference}/sent"
    assert count(ServiceRequest) == 1 and only_draft().request_id == only_request().id
    assert "Request sent" in page_text(staff_client.get(f"/requests/{reference}/sent"))


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_changing_a_draft_sent_meanwhile_from_another_browser_goes_to_the_request_sent(
    make_app, app, service, staff, staff_client, monkeypatch, htmx
):
    token = fill_in(staff_client, service)
    sent_meanwhile(
        monkeypatch,
        signed_in_client(make_app(WORKER="other-browser"), staff),
        f"/services/{service.slug}/request/{token}",
        before="save_draft",
    )

    response = post(
        staff_client,
        f"/services/{service.slug}/request",
        htmx=htmx,
        data=form_data(service, {"Room": "Council Chamber"}, draft=token),
        content_type="multipart/form-data",
    )

    reference = only_request().reference
    assert redirected_to(response) == f"/requests/{reference}"
    assert "You have already sent this request" in page_text(staff_client.get(f"/requests/{reference}"))
    assert count(ServiceRequest) == 1 and count(RequestDraft) == 1
    assert {answer.label: answer.value for answer in only_request().answers}["Room"] == "Committee Room 2"
    assert only_draft().answers[str(question(service, "Room").id)] == "Committee Room 2"


def test_two_browsers_that_both_read_the_draft_before_either_sends_make_one_request(
    make_app, app, service, staff, monkeypatch
):
    clients = [signed_in_client(make_app(WORKER=f"browser-{number}"), staff) for number in range(2)]
    token = fill_in(clients[0], service)
    url = f"/services/{service.slug}/request/{token}"
    real_submit, both_read = raising.submit_draft, threading.Barrier(len(clients))

    def when_both_have_read_it(*args, **kwargs):
        both_read.wait(timeout=30)  # neither has written yet: the database decides
        return real_submit(*args, **kwargs)

    monkeypatch.setattr(raising, "submit_draft", when_both_have_read_it)
    start, responses, errors = threading.Barrier(len(clients)), [], []
    threads = [
        threading.Thread(target=_send_in_own_browser, args=(client, url, start, responses, errors))
        for client in clients
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(thread.is_alive() for thread in threads), "a browser never got an answer"
    assert errors == []
    reference = only_request().reference
    assert responses == [(303, f"/requests/{reference}/sent")] * 2
    assert only_draft().request_id == only_request().id


# --- The form changing under the person filling it in ------------------------------------------


def test_a_new_required_question_added_after_filling_in_sends_the_person_back_to_the_form(app, service, staff_client):
    token = fill_in(staff_client, service)
    catalogue.add_field(
        service,
        make_user(roles=["admin"]),
        kind="text",
        **field_answers(question(service, "Name of the meeting"), label="Committee clerk"),
    )
    db.session.commit()

    response = send(staff_client, service, token)

    assert response.status_code == 303
    assert response.headers["Location"] == f"/services/{service.slug}/request?draft={token}"
    assert count(ServiceRequest) == 0
    form = staff_client.get(response.headers["Location"])
    assert "The form has changed since you filled it in. Check the questions marked and continue." in page_text(form)
    assert "Committee clerk" in page_text(form)
    assert input_value(form, question(service, "Name of the meeting").name) == "Planning Committee"

    again = fill_in(staff_client, service, {"Committee clerk": "Sam Clerk"}, draft=token)
    assert again == token
    raise_request_from(staff_client, service, token)
    assert {answer.label: answer.value for answer in only_request().answers}["Committee clerk"] == "Sam Clerk"
    assert count(RequestDraft) == 1


def test_an_answer_no_longer_among_the_options_sends_the_person_back_to_the_form(app, service, staff_client):
    room = question(service, "Room")
    token = fill_in(staff_client, service)
    catalogue.update_field(
        service, room, make_user(roles=["admin"]), **field_answers(room, options="Committee Room 1\nCouncil Chamber")
    )
    db.session.commit()

    response = send(staff_client, service, token)

    assert response.headers["Location"] == f"/services/{service.slug}/request?draft={token}"
    assert count(ServiceRequest) == 0


def test_a_lower_largest_number_after_filling_in_sends_the_person_back_to_the_form(app, service, staff_client):
    attendees = question(service, "Number of attendees")
    token = fill_in(staff_client, service, {"Number of attendees": "150"})
    catalogue.update_field(service, attendees, make_user(roles=["admin"]), **field_answers(attendees, max_value="100"))
    db.session.commit()

    response = send(staff_client, service, token)
    assert response.headers["Location"] == f"/services/{service.slug}/request?draft={token}"
    form = staff_client.get(response.headers["Location"])
    assert input_value(form, attendees.name) == "150"
    assert count(ServiceRequest) == 0


def test_changing_or_removing_a_question_after_sending_never_changes_what_was_sent(app, service, staff_client):
    reference = raise_request(staff_client, service)
    admin = make_user(roles=["admin"])
    room, chair = question(service, "Room"), question(service, "Chair’s email address")
    catalogue.update_field(service, room, admin, **field_answers(room, label="Venue", options="Town Hall\nLibrary"))
    catalogue.remove_field(service, chair, admin)
    db.session.commit()

    page = staff_client.get(f"/requests/{reference}")
    shown = dict(summary_rows(page))
    assert shown["Room"] == "Committee Room 2"
    assert shown["Chair’s email address"] == "chair@council.test"
    assert "Venue" not in shown
    answers = {answer.label: answer for answer in only_request().answers}
    assert answers["Chair’s email address"].value == "chair@council.test"
    assert answers["Chair’s email address"].field_id is None
    assert answers["Room"].field_id == room.id


# --- Due dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sent_at, due_text, due_utc",
    [
        (datetime(2026, 3, 16, 10, 0, tzinfo=UTC), "Thursday 19 March 2026", datetime(2026, 3, 19, 17, 0)),
        (datetime(2026, 3, 16, 16, 59, tzinfo=UTC), "Thursday 19 March 2026", datetime(2026, 3, 19, 17, 0)),
        (datetime(2026, 3, 16, 17, 0, tzinfo=UTC), "Friday 20 March 2026", datetime(2026, 3, 20, 17, 0)),
        (datetime(2026, 3, 21, 11, 0, tzinfo=UTC), "Thursday 26 March 2026", datetime(2026, 3, 26, 17, 0)),
        # Friday 22 May 2026 (BST), before and after 17:00, with the Spring bank holiday on Monday 25 May.
        (datetime(2026, 5, 22, 15, 59, tzinfo=UTC), "Thursday 28 May 2026", datetime(2026, 5, 28, 16, 0)),
        (datetime(2026, 5, 22, 16, 30, tzinfo=UTC), "Friday 29 May 2026", datetime(2026, 5, 29, 16, 0)),
        # Thursday before Easter: Good Friday and Easter Monday do not count.
        (datetime(2026, 4, 2, 9, 0, tzinfo=UTC), "Thursday 9 April 2026", datetime(2026, 4, 9, 16, 0)),
    ],
)
def test_the_confirmation_gives_the_due_date_in_working_days(app, now, service, sent_at, due_text, due_utc):
    now.at = sent_at
    client = signed_in_client(app, make_user())
    response = send(client, service, fill_in(client, service, {"Date of the meeting": ["1", "6", "2026"]}))

    text = page_text(client.get(response.headers["Location"]))
    assert f"It is due by 5pm on {due_text}." in text
    service_request = only_request()
    assert service_request.due_at == due_utc.replace(tzinfo=UTC)
    assert service_request.submitted_at == sent_at
    assert due_text.split(" ", 1)[1] in dict(summary_rows(client.get(f"/requests/{service_request.reference}")))["Due"]


def test_the_clock_starts_the_next_working_day_for_a_request_sent_after_five(app, now, service):
    now.at = datetime(2026, 5, 22, 16, 30, tzinfo=UTC)  # Friday 17:30 BST
    client = signed_in_client(app, make_user())
    raise_request(client, service, {"Date of the meeting": ["1", "6", "2026"]})
    assert only_request().clock_started_at == datetime(2026, 5, 26, 8, 0, tzinfo=UTC)  # Tuesday 09:00 BST


def test_a_service_done_within_one_day_sent_on_christmas_eve_is_due_after_boxing_day(app, now):
    now.at = datetime(2026, 12, 24, 11, 0, tzinfo=UTC)
    quick = make_service(name="Quick job", resolution_days=1)
    client = signed_in_client(app, make_user())
    reference = raise_request(client, quick)
    assert "It is due by 5pm on Tuesday 29 December 2026." in page_text(client.get(f"/requests/{reference}/sent"))


# --- Who may see what --------------------------------------------------------------------------------


def test_another_person_cannot_see_someone_elses_request_or_its_files(app, service, staff_client):
    reference = raise_request(staff_client, service, {"Agenda": upload(PDF, "agenda.pdf")})
    attachment = only_request().attachments[0]
    download = f"/requests/{reference}/attachments/{attachment.id}/agenda.pdf"
    assert staff_client.get(download).status_code == 200

    nosy = signed_in_client(app, make_user(name="Nosy Parker"))
    assert nosy.get(f"/requests/{reference}").status_code == 404
    assert nosy.get(f"/requests/{reference}/sent").status_code == 404
    assert nosy.get(download).status_code == 404
    assert nosy.get(f"/requests/{reference.lower()}").status_code == 404
    assert reference not in page_text(nosy.get("/requests/mine"))


def test_an_attachment_is_only_found_under_its_own_request(app, service, staff_client):
    first = raise_request(staff_client, service, {"Agenda": upload(PDF, "agenda.pdf")})
    second = raise_request(staff_client, service)
    db.session.rollback()
    attachment = db.session.scalar(select(ServiceRequest).where(ServiceRequest.id == int(first[3:]))).attachments[0]
    assert staff_client.get(f"/requests/{second}/attachments/{attachment.id}/agenda.pdf").status_code == 404
    assert staff_client.get(f"/requests/{first}/attachments/{attachment.id}/any-name.pdf").status_code == 200


def test_a_request_that_does_not_exist_is_not_found(app, staff_client):
    for url in ["/requests/BS-000999", "/requests/BS-000999/sent", "/requests/nonsense", "/requests/BS-1"]:
        assert staff_client.get(url).status_code == 404, url


def test_another_person_cannot_see_change_or_send_someone_elses_draft(app, service, staff_client):
    token = fill_in(staff_client, service)
    nosy = signed_in_client(app, make_user(name="Nosy Parker"))

    assert nosy.get(f"/services/{service.slug}/request/{token}").status_code == 404
    assert nosy.post(f"/services/{service.slug}/request/{token}").status_code == 404
    assert nosy.get(f"/services/{service.slug}/request", query_string={"draft": token}).status_code == 404
    assert post_form(nosy, service, {"Room": "Council Chamber"}, subject="Mine now", draft=token).status_code == 404

    assert count(ServiceRequest) == 0
    draft = only_draft()
    assert draft.subject == SUBJECT and draft.answers[str(question(service, "Room").id)] == "Committee Room 2"


def test_signed_out_people_are_sent_to_sign_in(app, service, client):
    for url in [f"/services/{service.slug}/request", "/requests/mine", "/requests/BS-000001"]:
        response = client.get(url)
        assert response.status_code in (302, 303) and "/sign-in" in response.headers["Location"], url


# --- Retired services --------------------------------------------------------------------------------


def test_a_retired_service_refuses_new_requests_and_drafts_but_keeps_old_requests(app, service, staff_client):
    reference = raise_request(staff_client, service)
    token = fill_in(staff_client, service, subject="Another meeting")
    service.active = False
    db.session.commit()

    for response in [
        staff_client.get(f"/services/{service.slug}/request"),
        post_form(staff_client, service, subject="A third"),
        send(staff_client, service, token),
    ]:
        assert response.status_code == 410
        text = page_text(response)
        assert "Minute taking has been retired" in text and "It takes no new requests." in text
    assert count(ServiceRequest) == 1
    assert only_request().reference == reference

    service_page = page_text(staff_client.get(f"/services/{service.slug}"))
    assert "This service has been retired and takes no new requests." in service_page
    assert "Make a request" not in service_page
    assert staff_client.get(f"/requests/{reference}").status_code == 200
    assert reference in page_text(staff_client.get("/requests/mine"))


# --- Services for some teams only ----------------------------------------------------------------------


@pytest.fixture
def planning(app):
    return make_team("Planning", business_support=False)


@pytest.fixture
def housing(app):
    return make_team("Housing", business_support=False)


@pytest.fixture
def planning_only(app, planning):
    return make_service(
        name="Planning appeals",
        audience="teams",
        requesting_teams=[planning],
        fields=[{"kind": "text", "label": "Appeal number"}],
    )


def test_a_person_in_another_team_cannot_find_or_raise_a_service_for_some_teams(app, planning_only, housing):
    outsider = signed_in_client(app, make_user(team=housing))
    slug = planning_only.slug
    assert outsider.get(f"/services/{slug}").status_code == 404
    assert outsider.get(f"/services/{slug}/request").status_code == 404
    assert (
        outsider.post(
            f"/services/{slug}/request", data={"subject": "S", "description": "D", planning_only.fields[0].name: "A1"}
        ).status_code
        == 404
    )
    assert outsider.get(f"/services/{slug}/suggestions", query_string={"description": "appeal"}).status_code == 404
    assert "Planning appeals" not in page_text(outsider.get("/services"))
    assert count(RequestDraft) == 0

    nobody = signed_in_client(app, make_user(team=None))
    assert nobody.get(f"/services/{slug}/request").status_code == 404


def test_a_person_in_an_allowed_team_can_raise_it(app, planning_only, planning):
    planner = make_user(team=planning)
    client = signed_in_client(app, planner)
    assert "Make a request" in page_text(client.get(f"/services/{planning_only.slug}"))

    reference = raise_request(client, planning_only, {"Appeal number": "APP/123"})

    assert only_request().requester_id == planner.id
    assert reference in page_text(client.get("/requests/mine"))


def test_the_team_running_a_service_sees_it_but_cannot_raise_it_unless_allowed(app, planning_only):
    runner = signed_in_client(app, make_user(team=planning_only.team))
    page = runner.get(f"/services/{planning_only.slug}")
    assert page.status_code == 200
    assert "This service is only for Planning." in page_text(page)
    assert runner.get(f"/services/{planning_only.slug}/request").status_code == 404


# --- Keying a request for someone else (assisted digital) --------------------------------------------


@pytest.fixture
def agent(app):
    return make_user(roles=["agent"], name="Alex Agent", team=make_team("Business Support Hub"))


@pytest.fixture
def agent_client(app, agent):
    return signed_in_client(app, agent)


def test_an_agent_keys_a_request_that_the_person_sees_as_keyed_for_them(app, service, agent, agent_client):
    pat = make_user(name="Pat Jones", email="pat.jones@council.test")
    form = agent_client.get(f"/services/{service.slug}/request")
    assert "Who is this request for?" in page_text(form)
    assert "Pat Jones" not in page_text(form)  # a person picker, not every account in a drop-down
    found = agent_client.get(f"/services/{service.slug}/request", query_string={"person_query": "pat.jones"})
    assert re.search(rf'<input [^>]*name="requester" type="radio" value="{pat.id}"', markup(found))
    assert "Pat Jones pat.jones@council.test" in page_text(found)

    token = fill_in(agent_client, service, requester=str(pat.id))
    check = dict(summary_rows(agent_client.get(f"/services/{service.slug}/request/{token}")))
    assert check["For"] == "Pat Jones (you are keying it for them)"
    sent = send(agent_client, service, token)
    assert "You sent this for Pat Jones. It is in their requests, and in yours as keyed by you." in page_text(
        agent_client.get(sent.headers["Location"])
    )

    service_request = only_request()
    assert (service_request.requester_id, service_request.submitted_by_id) == (pat.id, agent.id)
    reference = service_request.reference
    assert "For Pat Jones" in page_text(agent_client.get("/requests/mine"))

    pat_client = signed_in_client(app, pat)
    mine = page_text(pat_client.get("/requests/mine"))
    assert reference in mine and "Keyed for you by Alex Agent" in mine
    shown = dict(summary_rows(pat_client.get(f"/requests/{reference}")))
    assert (shown["For"], shown["Keyed by"]) == ("Pat Jones", "Alex Agent")
    assert pat_client.get(f"/requests/{reference}/sent").status_code == 200


def test_the_change_link_for_who_it_is_for_keeps_the_person_chosen(app, service, agent_client):
    pat = make_user(name="Pat Jones")
    token = fill_in(agent_client, service, requester=str(pat.id))
    link = change_links(agent_client.get(f"/services/{service.slug}/request/{token}"))["who it is for"]
    assert checked_values(agent_client.get(link.split("#")[0]), "requester") == [str(pat.id)]


def test_an_agent_choosing_me_raises_it_for_themselves(app, service, agent, agent_client):
    raise_request(agent_client, service, requester="0")
    service_request = only_request()
    assert service_request.requester_id == service_request.submitted_by_id == agent.id


@pytest.mark.parametrize("who", ["inactive", "unknown"])
def test_an_agent_must_choose_someone_from_the_list(app, service, agent_client, who):
    requester = make_user(active=False).id if who == "inactive" else 999999
    response = post_form(agent_client, service, requester=str(requester))
    assert response.status_code == 422
    assert error_summary(response) == [("requester", "Choose the person this request is for from the list")]
    assert count(RequestDraft) == 0


def test_a_tampered_choice_of_person_is_refused(app, service, agent_client):
    response = post_form(agent_client, service, requester="Pat")
    assert response.status_code == 422
    assert [target for target, _ in error_summary(response)] == ["requester"]
    assert count(RequestDraft) == 0


def test_someone_who_is_not_an_agent_cannot_raise_a_request_for_another_person(app, service, staff, staff_client):
    other = make_user(name="Other Person")
    token = fill_in(staff_client, service, requester=str(other.id))

    assert "For" not in dict(summary_rows(staff_client.get(f"/services/{service.slug}/request/{token}")))
    raise_request_from(staff_client, service, token)
    service_request = only_request()
    assert service_request.requester_id == service_request.submitted_by_id == staff.id
    assert "You have not made any requests yet" in page_text(signed_in_client(app, other).get("/requests/mine"))


def test_an_agent_cannot_raise_a_request_for_a_person_whose_team_may_not_use_the_service(
    app, planning_only, housing, planning, agent_client
):
    hugh = make_user(name="Hugh Housing", team=housing)
    response = post_form(agent_client, planning_only, {"Appeal number": "APP/1"}, requester=str(hugh.id))

    assert response.status_code == 422
    assert error_summary(response) == [
        ("requester", "Hugh Housing’s team cannot request this service. It is for: Planning.")
    ]
    assert count(RequestDraft) == 0

    pam = make_user(name="Pam Planner", team=planning)
    raise_request(agent_client, planning_only, {"Appeal number": "APP/1"}, requester=str(pam.id))
    assert only_request().requester_id == pam.id


def test_an_agent_not_allowed_the_service_themselves_is_told_so_when_raising_it_for_themselves(
    app, planning_only, agent_client
):
    response = post_form(agent_client, planning_only, {"Appeal number": "APP/1"}, requester="0")
    assert response.status_code == 422
    assert "Your team cannot request this service. It is for: Planning." in page_text(response)


def test_a_person_who_moves_to_a_team_not_allowed_before_the_agent_sends_is_refused_not_a_crash(
    app, planning_only, planning, housing, agent_client
):
    pam = make_user(name="Pam Planner", team=planning)
    token = fill_in(agent_client, planning_only, {"Appeal number": "APP/1"}, requester=str(pam.id))
    pam.team = housing
    db.session.commit()

    response = send(agent_client, planning_only, token)

    assert response.status_code == 422
    assert "Pam Planner’s team cannot request this service. It is for: Planning." in page_text(response)
    assert count(ServiceRequest) == 0


def test_an_agent_who_loses_the_role_before_sending_cannot_send_for_someone_else(app, service, agent, agent_client):
    pat = make_user(name="Pat Jones")
    token = fill_in(agent_client, service, requester=str(pat.id))
    agent.set_roles([])
    db.session.commit()

    response = send(agent_client, service, token)

    assert response.status_code == 422
    assert error_summary(response) == [("main-content", "Choose the person this request is for from the list")]
    assert count(ServiceRequest) == 0


# --- Suggested guidance --------------------------------------------------------------------------------


@pytest.fixture
def guidance(app):
    """Four published articles about minutes, and a draft and an archived one about them too."""
    published = [
        make_article(
            title=f"Minutes guide {number}",
            summary="Taking minutes of committee meetings",
            body="How to take committee minutes.",
        )
        for number in range(1, 5)
    ]
    draft = make_article(
        title="Unfinished minutes advice",
        summary="Committee minutes (draft)",
        body="Committee minutes, not checked yet.",
        status="draft",
    )
    archived = make_article(
        title="Old minutes rules",
        summary="Committee minutes, superseded",
        body="Committee minutes as they were.",
        status="archived",
    )
    return {"published": published, "draft": draft, "archived": archived}


def test_suggestions_while_typing_are_at_most_three_published_articles(app, service, guidance, staff_client):
    response = staff_client.hx(
        "GET", f"/services/{service.slug}/suggestions", query_string={"description": "committee minutes"}
    )

    assert response.status_code == 200
    assert "<html" not in markup(response)
    titles = suggestion_titles(response)
    assert len(titles) == 3  # four would do: three are shown
    assert set(titles) <= {article.title for article in guidance["published"]}


@pytest.mark.parametrize("role", [None, "editor"])
def test_suggestions_never_include_draft_or_archived_articles(app, service, role):
    for number in range(1, 4):  # more of them than there is room for, and matching better
        make_article(
            title=f"Committee minutes draft {number}",
            summary="Committee minutes",
            status="draft",
            body="Committee minutes. Committee minutes.",
        )
        make_article(
            title=f"Committee minutes archived {number}",
            summary="Committee minutes",
            status="archived",
            body="Committee minutes. Committee minutes.",
        )
    make_article(title="Minutes guide", summary="Taking minutes", body="How to take committee minutes.")
    client = signed_in_client(app, make_user(roles=[role] if role else []))

    response = client.get(f"/services/{service.slug}/suggestions", query_string={"description": "committee minutes"})
    assert suggestion_titles(response) == ["Minutes guide"]


def test_an_article_sharing_a_word_but_not_the_need_is_not_suggested(app, service, staff_client):
    make_article(
        title="Getting an ID badge and building access",
        summary="Badges for new starters and visitors",
        body="Reception lends a hearing loop to visitors who ask. Badges are printed at the security desk.",
    )
    asked = {"description": "Minutes needed for a grievance hearing with HR and the union next week"}

    response = staff_client.get(f"/services/{service.slug}/suggestions", query_string=asked)
    assert suggestion_titles(response) == []  # nothing rather than something irrelevant


def test_too_little_typed_suggests_nothing(app, service, guidance, staff_client):
    response = staff_client.get(f"/services/{service.slug}/suggestions", query_string={"description": "min"})
    assert suggestion_titles(response) == []
    assert "As you describe what you need, guidance that may already answer it appears here." in page_text(response)


def test_the_check_answers_page_suggests_guidance_that_would_discard_the_draft(app, service, guidance, staff_client):
    token = fill_in(staff_client, service, subject="Committee minutes", description="Minutes of the committee")
    page = staff_client.get(f"/services/{service.slug}/request/{token}")
    assert suggestion_titles(page)
    assert f'<input type="hidden" name="draft" value="{token}">' in markup(page)


# --- "This answered my question" ----------------------------------------------------------------------


def test_saying_an_article_answered_the_question_counts_one_deflection(app, service, guidance, staff, staff_client):
    article = guidance["published"][0]
    response = staff_client.post(f"/services/{service.slug}/answered", data={"article": str(article.id)})

    assert response.status_code == 200
    text = page_text(response)
    assert "Glad that helped" in text and "No request has been sent" in text
    assert f"Read {article.title}" in text
    db.session.rollback()
    deflection = db.session.scalar(select(Deflection))
    assert (deflection.user_id, deflection.service_id, deflection.article_id) == (staff.id, service.id, article.id)


def test_a_double_click_on_this_answered_my_question_counts_once(app, service, guidance, staff_client):
    article = guidance["published"][0]
    for _ in range(2):
        assert (
            staff_client.post(f"/services/{service.slug}/answered", data={"article": str(article.id)}).status_code
            == 200
        )
    assert count(Deflection) == 1


@pytest.mark.parametrize("which", ["unknown", "draft", "archived", "missing", "not a number"])
def test_an_article_that_cannot_answer_is_not_found_and_not_counted(app, service, guidance, staff_client, which):
    article = {
        "unknown": "999999",
        "draft": str(guidance["draft"].id),
        "archived": str(guidance["archived"].id),
        "missing": None,
        "not a number": "first",
    }[which]
    data = {} if article is None else {"article": article}
    assert staff_client.post(f"/services/{service.slug}/answered", data=data).status_code == 404
    assert count(Deflection) == 0


def test_an_answered_question_discards_the_draft_and_its_files(app, service, guidance, staff_client):
    before = stored_files(app)
    token = fill_in(staff_client, service, {"Agenda": upload(PDF, "agenda.pdf")})
    assert len(stored_files(app) - before) == 1
    response = staff_client.post(
        f"/services/{service.slug}/answered", data={"article": str(guidance["published"][0].id), "draft": token}
    )

    assert response.status_code == 200
    assert count(RequestDraft) == 0 and count(ServiceRequest) == 0
    assert stored_files(app) == before
    assert staff_client.get(f"/services/{service.slug}/request/{token}").status_code == 404


def test_an_answered_question_never_discards_someone_elses_draft_or_a_sent_one(app, service, guidance, staff_client):
    article = str(guidance["published"][0].id)
    theirs = fill_in(staff_client, service)
    sent_token = fill_in(staff_client, service, subject="Sent already")
    raise_request_from(staff_client, service, sent_token)

    nosy = signed_in_client(app, make_user())
    assert (
        nosy.post(f"/services/{service.slug}/answered", data={"article": article, "draft": theirs}).status_code == 200
    )
    assert (
        staff_client.post(
            f"/services/{service.slug}/answered", data={"article": article, "draft": sent_token}
        ).status_code
        == 200
    )

    assert count(RequestDraft) == 2 and count(ServiceRequest) == 1


def test_this_answered_my_question_needs_the_service_to_be_visible(app, planning_only, housing, guidance):
    outsider = signed_in_client(app, make_user(team=housing))
    response = outsider.post(
        f"/services/{planning_only.slug}/answered", data={"article": str(guidance["published"][0].id)}
    )
    assert response.status_code == 404
    assert count(Deflection) == 0
