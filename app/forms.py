"""What every form shares: the error summary, the expired-token recovery, field limits, and
input no field can use (a file where text belongs, text over TEXT_LIMIT) refused on its field."""

import secrets
from datetime import date, datetime
from functools import wraps
from typing import Any

from flask import g, request
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
from govuk_frontend_wtf.gov_form_base import GovIterableBase
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovSubmitInput
from markupsafe import Markup
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms import Field, FileField, HiddenField, SubmitField
from wtforms.validators import Length

from app.validation import TEXT_LIMIT, clean_text, within_range

EXPIRED_TOKEN_MESSAGE = (
    "Your session timed out before you sent this form, so nothing was saved. "  # noqa: S105 - a message about the CSRF token, not a password
    "We have kept what you typed: check it and send it again."
)


class Form(FlaskForm):
    """Base form: renders its error summary with plain-English messages."""

    class Meta:
        def render_field(self, field, render_kw):
            # Pages often hold several forms, each with its CSRF token and a button named
            # "submit": neither needs an id, and the same id twice is invalid HTML that
            # confuses assistive technology. An id given in the template still wins.
            if field.type in ("CSRFTokenField", "SubmitField"):
                render_kw = {"id": False, **render_kw}
            # govuk-frontend-wtf gives radios and checkboxes without a description an empty hint,
            # and points aria-describedby at it: no hint unless there is something to say.
            if isinstance(field.widget, GovIterableBase) and not field.description:
                render_kw = {**render_kw, "params": {"hint": None, **render_kw.get("params", {})}}
            return super().render_field(field, render_kw)

        def wrap_formdata(self, form, formdata):
            # Forms are sent as forms (htmx's too). A JSON body is not read as one: its values could
            # be numbers, lists or objects where every field expects text.
            if formdata is _Auto and request and request.is_json:
                return None
            wrapped = super().wrap_formdata(form, formdata)
            if formdata is _Auto and isinstance(wrapped, CombinedMultiDict):
                # Only file fields take files: a file part named after a text field (a crafted
                # post) is refused on that field (Form.process), never handed to it as text.
                files = [
                    (name, part)
                    for name, part in request.files.items(multi=True)
                    if isinstance(form._fields.get(name), FileField)
                ]
                form._sent_as_files = {
                    name for name in request.files if not isinstance(form._fields.get(name), FileField)
                }
                wrapped = CombinedMultiDict([MultiDict(files), request.form])
            return wrapped

    def error_summary(self) -> dict:
        """Parameters for govukErrorSummary, each error linking to its field."""
        items = []
        if self.form_errors:
            items += [{"text": message, "href": "#main-content"} for message in self.form_errors]
        for field in self:
            if not field.errors:
                continue
            if field.name == "csrf_token":
                items.insert(0, {"text": EXPIRED_TOKEN_MESSAGE, "href": "#main-content"})
                continue
            messages = field.errors if isinstance(field.errors, list) else [field.errors]
            first = messages[0] if messages else ""
            if isinstance(first, str):
                # A date is three boxes: the link goes to the first of them.
                target = f"{field.id}-day" if isinstance(field, DateField) else field.id
                items.append({"text": first, "href": f"#{target}"})
        return {"titleText": "There is a problem", "errorList": items}

    # Set by process(): a field was sent over TEXT_LIMIT, so the form answers 413 (htmx.render_form).
    too_large = False

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kwargs):
        self._sent_as_files: set[str] = set()
        super().process(formdata, obj, data, extra_filters, **kwargs)
        # Input no field can use, refused on its field when the form is checked (validate).
        self._refused: dict[str, str] = {
            name: "Type this in the box: a file cannot be used here"
            for name in self._sent_as_files
            if name in self._fields
        }
        for field in self:
            if field.type == "StringField" and isinstance(field.data, str):
                field.data = clean_text(field.data)  # titles, tags, names: one line, read as typed
            if isinstance(field.data, str) and len(field.data) > TEXT_LIMIT:
                # Too long to keep, but the rest of the form is kept, and what fits of this.
                field.data = field.data[:TEXT_LIMIT]
                self._refused[field.name] = f"This must be {TEXT_LIMIT:,} characters or fewer"
                self.too_large = True
            # A number (an id, a version, a page) no column can hold: no number, and an error when
            # the form is checked, rather than a query that fails (even where nothing checks it).
            values = field.data if isinstance(field.data, (list, tuple)) else [field.data]
            if any(type(value) is int and not within_range(value) for value in values):
                field.data = [] if isinstance(field.data, (list, tuple)) else None
                field.process_errors.append("Enter a smaller number")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # After the field's own validators, which clear earlier errors (Optional, DataRequired).
        for name, message in getattr(self, "_refused", {}).items():
            field = self._fields[name]
            if message not in field.errors:
                field.errors = [*field.errors, message]
        return valid and not getattr(self, "_refused", None)

    def validate_on_submit(self, extra_validators=None) -> bool:
        valid = super().validate_on_submit(extra_validators)
        refusal = g.get("rate_limit_refusal")
        if refusal and self.is_submitted():
            # A rate limit was reached (app/rate_limits.py): the view shows the form again with
            # what was typed and this message, and saves nothing.
            self.add_form_error(refusal)
            return False
        return valid

    def show(self, error) -> None:
        """Put a service's FieldError on its field, or on the whole form."""
        if error.field:
            self.add_field_error(error.field, error.message)
        else:
            self.add_form_error(error.message)

    def add_form_error(self, message: str) -> None:
        self.form_errors.append(message)

    def add_field_error(self, field_name: str, message: str) -> None:
        getattr(self, field_name).errors = [*getattr(self, field_name).errors, message]


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


def submission_key_field() -> HiddenField:
    """The key of one showing of a form that creates something (an idea, a comment): posted twice
    (a retry after a failure, a double click), the service finds what the first post made."""
    return HiddenField(default=new_submission_key, validators=[Length(max=64)])


def submission_key_input() -> Markup:
    """For templates that show the same form several times on a page (a reply form under each
    comment): each showing its own key, so two different replies are never taken for one."""
    return Markup('<input type="hidden" name="submission_key" value="{}">').format(new_submission_key())


def redisplays_form(view):
    """Mark a view whose form shows itself again, with what was typed, when the CSRF token has
    expired: the error handler re-runs the view and the form's own token check fails."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        return view(*args, **kwargs)

    wrapped.redisplays_form = True
    return wrapped


class ButtonForm(Form):
    """A button that changes something, with nothing else to fill in."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())


class DateField(Field):
    """A GOV.UK date input (day, month, year boxes). Blank is None; anything else must be a real
    date, else a clear message. Tolerates any number of submitted parts."""

    widget = GovDateInput()

    def __init__(
        self, label: str | None = None, validators: Any = None, *, required_message: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(label, validators, **kwargs)
        self.required_message = required_message

    def process_formdata(self, valuelist):
        parts = [str(value).strip()[:10] for value in (valuelist or [])][:3]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        self.data = None
        if not any(parts):
            if self.required_message:
                raise ValueError(self.required_message)
            return
        try:
            day, month, year = (int(part) for part in parts)
            if year < 1000:
                raise ValueError
            self.data = date(year, month, day)
        except ValueError:
            raise ValueError(
                f"{self.label.text.replace(' (optional)', '')} must be a real date, for example 27 3 2027"
            ) from None

    def _value(self):
        return self.data.strftime("%d %m %Y") if isinstance(self.data, (date, datetime)) else ""
