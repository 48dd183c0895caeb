"""A service's request form, built from its questions as a Flask-WTF form: GOV.UK components,
server-side checks field by field, and questions shown only for a given answer to another."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from werkzeug.datastructures import FileStorage, MultiDict
from wtforms import (
    FileField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, StopValidation, ValidationError

from app import clock, files
from app.formatting import answer_display
from app.forms import DateField, Form, submission_key_field
from app.models import FieldKind, Service, ServiceField
from app.validation import EMAIL_PATTERN, FieldError

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 10_000


# Words a label may start with that need no "the" before them in "Enter ..." ("which items ...").
_DETERMINERS = frozenset(
    {
        *("the", "a", "an", "your", "their", "his", "her", "its", "our", "my", "this", "these", "those", "any"),
        *("each", "every", "some", "which", "what", "who", "whom", "whose", "when", "where", "why", "how", "whether"),
    }
)


def lower_first(label: str) -> str:
    """A label as the object of a sentence: "Date of the meeting" -> "the date of the meeting",
    "DBS number" -> "the DBS number", "Your phone number" -> "your phone number"."""
    lowered = label[0].lower() + label[1:] if len(label) > 1 and not label[1].isupper() else label
    first_word = lowered.split(" ", 1)[0].lower()
    return lowered if first_word in _DETERMINERS else f"the {lowered}"


def required_message(question: ServiceField) -> str:
    label = question.label.rstrip()
    if label.endswith("?"):
        return f"Answer “{label}”"
    if question.kind == FieldKind.FILE:
        return f"Select a file for {lower_first(label)}"
    if question.kind in (FieldKind.SELECT, FieldKind.RADIOS, FieldKind.CHECKBOXES, FieldKind.YESNO):
        return f"Select {lower_first(label)}"
    return f"Enter {lower_first(label)}"


def without_nul(value):
    """Nobody types a NUL character, and PostgreSQL text cannot hold one: drop it, not fail."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def is_empty(value) -> bool:
    if isinstance(value, FileStorage):
        return not value.filename
    if isinstance(value, (list, tuple)):
        return not any(str(item).strip() for item in value)
    return value is None or not str(value).strip()


# --- Checks, each with the question in hand -------------------------------------------------------


class Answered:
    """First check of every question: skipped when hidden by its condition; required ones must be
    answered; optional ones left empty stop here."""

    def __init__(self, question: ServiceField):
        self.question = question

    def __call__(self, form, field):
        if not form.is_shown(self.question):
            field.errors[:] = []  # whatever was typed into a hidden question does not count
            raise StopValidation()
        if field.errors:
            raise StopValidation()  # not a real date: said already
        if self.question.kind == FieldKind.FILE and self.question.name in form.kept_files and is_empty(field.data):
            raise StopValidation()  # uploaded on an earlier visit; no new file chosen
        if is_empty(field.data if field.data is not None else field.raw_data):
            if self.question.required:
                raise StopValidation(required_message(self.question))
            raise StopValidation()


class Checked:
    """What the answer must be, by kind of question."""

    def __init__(self, question: ServiceField):
        self.question = question

    def __call__(self, form, field):
        question, label = self.question, self.question.label.rstrip(" ?")
        if question.kind == FieldKind.NUMBER:
            _check_number(question, field.data, label)
        elif question.kind == FieldKind.EMAIL and not EMAIL_PATTERN.fullmatch(field.data.strip()):
            raise ValidationError(
                f"Enter an email address in the correct format, like name@example.com, for {lower_first(label)}"
            )
        elif question.kind == FieldKind.DATE and question.not_in_past and field.data < clock.today():
            raise ValidationError(f"{label} must be today or in the future")
        elif question.kind in (FieldKind.SELECT, FieldKind.RADIOS, FieldKind.YESNO):
            if field.data not in question.choices:
                raise ValidationError(required_message(question))
        elif question.kind == FieldKind.CHECKBOXES:
            if any(choice not in question.choices for choice in field.data):
                raise ValidationError(required_message(question))
        elif question.kind == FieldKind.FILE:
            try:
                field.checked = files.check_upload(field.data, field=question.name)
            except FieldError as error:
                raise ValidationError(error.message) from None


def _check_number(question: ServiceField, text: str, label: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise ValidationError(f"{label} must be a number") from None
    low, high = question.min_value, question.max_value
    if low is not None and high is not None and not low <= value <= high:
        raise ValidationError(f"{label} must be between {plain_number(low)} and {plain_number(high)}")
    if low is not None and value < low:
        raise ValidationError(f"{label} must be {plain_number(low)} or more")
    if high is not None and value > high:
        raise ValidationError(f"{label} must be {plain_number(high)} or less")
    return value


def plain_number(number: Decimal | None) -> str:
    """10.00 -> "10", 2.50 -> "2.5"."""
    return "" if number is None else f"{number.normalize():f}"


# --- The form --------------------------------------------------------------------------------


class RequestForm(Form):
    subject = StringField(
        "What do you need?",
        widget=GovTextInput(),
        filters=[without_nul],
        validators=[Length(max=150, message="Keep this to 150 characters or fewer")],
        description="A short line we can recognise it by, for example: Minutes for the Planning Committee on 12 March",
    )
    description = TextAreaField(
        "Tell us more",
        widget=GovCharacterCount(),
        filters=[without_nul],
        validators=[Length(max=LONG_TEXT_MAX, message="Keep this to 10,000 characters or fewer")],
        description="What you need, by when and anything we should know. Suggested guidance appears as you type.",
    )
    # Drawn by the person picker (service_requests/_person_picker.html): "0" is me, an account's
    # id, or "contact-<id>" for someone without an account.
    requester = RadioField("Who is this request for?", coerce=str, validate_choice=False, default="0")
    person_query = StringField("Find someone by name, email or team", filters=[without_nul])
    draft = HiddenField()
    submission_key = submission_key_field()
    submit = SubmitField("Continue", widget=GovSubmitInput())

    kept_files: dict = {}
    questions: list = []
    people: list = []  # the person picker's choices besides "Me" (contacts.PersonChoice)
    service_name: str = ""

    def validate_subject(self, field):
        if not (field.data or "").strip():
            raise StopValidation("Enter what you need, in a line")

    def validate_description(self, field):
        if not (field.data or "").strip():
            raise StopValidation("Tell us more about what you need")

    def is_shown(self, question: ServiceField) -> bool:
        """A question with a condition shows only when its controlling question shows and has
        that answer (nothing typed into a hidden question counts)."""
        seen = set()
        while question.show_if_field_id:
            if question.id in seen:
                return False
            seen.add(question.id)
            controller = self._by_id.get(question.show_if_field_id)
            if controller is None:
                return True
            answer = self[controller.name].data
            chosen = answer if isinstance(answer, list) else [answer]
            if question.show_if_value not in chosen:
                return False
            question = controller
        return True

    def answers(self) -> dict[str, object]:
        """{field id: answer} for every question shown: text, a date as YYYY-MM-DD, a list for
        checkboxes. Files are separate (new_files, kept_files)."""
        result = {}
        for question in self.questions:
            if question.kind == FieldKind.FILE or not self.is_shown(question):
                continue
            data = self[question.name].data
            if isinstance(data, date):
                data = data.isoformat()
            elif isinstance(data, str):
                data = data.strip()
            if not is_empty(data):
                result[str(question.id)] = data
        return result

    def shown_file_ids(self) -> set[str]:
        return {
            str(question.id)
            for question in self.questions
            if question.kind == FieldKind.FILE and self.is_shown(question)
        }

    def new_files(self) -> dict[str, files.CheckedFile]:
        return {
            str(question.id): self[question.name].checked
            for question in self.questions
            if question.kind == FieldKind.FILE
            and self.is_shown(question)
            and getattr(self[question.name], "checked", None) is not None
        }

    def derived_subject(self) -> str:
        """The subject of a form without "What do you need?": the service's name and its first
        answer, as given ("Minute-taking: Planning Committee"), or the name alone."""
        answers = self.answers()
        first = next((question for question in self.questions if str(question.id) in answers), None)
        if first is None:
            return self.service_name[:150]
        text = " ".join(answer_display(answers[str(first.id)], first.kind).split())
        subject = f"{self.service_name}: {text}"
        return subject if len(subject) <= 150 else subject[:149].rstrip() + "…"

    def asked_text(self) -> str:
        """What is being asked, in words, for the guidance suggested beside the form."""
        if self.subject is None:
            return self.derived_subject()
        return f"{self.subject.data or ''} {self.description.data or ''}"

    def draft_answers(self) -> dict:
        """What was posted, as raising.save_draft takes it."""
        asks_description = self.subject is not None
        return dict(
            subject=self.subject.data if asks_description else self.derived_subject(),
            description=(self.description.data or "") if asks_description else "",
            answers=self.answers(),
            new_files=self.new_files(),
            shown_file_ids=self.shown_file_ids(),
            requester_id=self.requester.data if "requester" in self else None,
            submission_key=self.submission_key.data,
        )


def _label(question: ServiceField) -> str:
    return question.label if question.required else f"{question.label} (optional)"


def _field_for(question: ServiceField):
    checks = [Answered(question), Checked(question)]
    label, hint = _label(question), question.hint or ""
    if question.kind == FieldKind.TEXT:
        return StringField(
            label,
            widget=GovTextInput(),
            description=hint,
            filters=[without_nul],
            validators=[
                *checks,
                Length(max=SHORT_TEXT_MAX, message=f"Keep this to {SHORT_TEXT_MAX} characters or fewer"),
            ],
        )
    if question.kind == FieldKind.TEXTAREA:
        return TextAreaField(
            label,
            widget=GovTextArea(),
            description=hint,
            filters=[without_nul],
            validators=[*checks, Length(max=LONG_TEXT_MAX, message="Keep this to 10,000 characters or fewer")],
        )
    if question.kind in (FieldKind.NUMBER, FieldKind.EMAIL):
        return StringField(
            label, widget=GovTextInput(), description=hint, filters=[without_nul], validators=[*checks, Length(max=254)]
        )
    if question.kind == FieldKind.DATE:
        return DateField(label, description=hint or "For example, 27 3 2027", validators=checks)
    if question.kind == FieldKind.SELECT:
        return SelectField(
            label,
            widget=GovSelect(),
            description=hint,
            validate_choice=False,
            validators=checks,
            choices=[("", "Choose an option")] + [(choice, choice) for choice in question.choices],
        )
    if question.kind in (FieldKind.RADIOS, FieldKind.YESNO):
        return RadioField(
            label,
            widget=GovRadioInput(),
            description=hint,
            validate_choice=False,
            validators=checks,
            choices=[(choice, choice) for choice in question.choices],
        )
    if question.kind == FieldKind.CHECKBOXES:
        return SelectMultipleField(
            label,
            widget=GovCheckboxesInput(),
            description=hint,
            validate_choice=False,
            validators=checks,
            choices=[(choice, choice) for choice in question.choices],
        )
    return FileField(
        label, widget=GovFileInput(), validators=checks, description=hint or f"{files.ALLOWED_DESCRIPTION}, up to 10 MB"
    )


def build(service: Service, *, formdata=None, people=None, kept_files=None, meta=None) -> RequestForm:
    """The request form for `service`. `people` (those who may raise requests for others):
    [(id, name)] to choose whom it is for; `kept_files`: uploads from an earlier visit."""
    questions = list(service.fields)
    attributes = {question.name: _field_for(question) for question in questions}
    attributes.update(
        questions=questions,
        service_name=service.name,
        kept_files={f"field_{key}": value for key, value in (kept_files or {}).items()},
        _by_id={question.id: question for question in questions},
    )
    form_class = type("ServiceRequestForm", (RequestForm,), attributes)
    # Without formdata, Flask-WTF reads the request's form and files itself.
    form = form_class(meta=meta or {}) if formdata is None else form_class(formdata=formdata, meta=meta or {})
    if not service.asks_description:
        del form.subject, form.description
    if people is None:
        del form.requester
        del form.person_query
    else:
        form.requester.choices = [("0", "Me"), *((choice.value, choice.name) for choice in people)]
        form.people = people
    return form


def formdata_from_draft(draft) -> MultiDict:
    """The draft's answers as the form would post them, to show them again or check them again."""
    data = MultiDict(
        {
            "subject": draft.subject,
            "description": draft.description,
            "draft": draft.token,
            "requester": f"contact-{draft.contact_id}" if draft.contact_id else str(draft.requester_id or 0),
        }
    )
    for field_id, answer in (draft.answers or {}).items():
        name = f"field_{field_id}"
        if isinstance(answer, list):
            for item in answer:
                data.add(name, item)
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(answer)):
            year, month, day = answer.split("-")
            for part in (day, month, year):
                data.add(name, part.lstrip("0") or "0")
        else:
            data.add(name, answer)
    return data


def draft_still_fits(draft, people=None) -> bool:
    """The form may have changed since the draft was filled in: do its answers still pass the
    form as it is now? (`people` as for build.)"""
    form = build(
        draft.service, formdata=formdata_from_draft(draft), kept_files=draft.files, people=people, meta={"csrf": False}
    )
    return form.validate()
