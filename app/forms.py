"""What every form shares: the error summary, the expired-token recovery, field limits."""
from functools import wraps

from flask_wtf import FlaskForm

EXPIRED_TOKEN_MESSAGE = (
    "Your session timed out before you sent this form, so nothing was saved. "
    "We have kept what you typed: check it and send it again."
)


class Form(FlaskForm):
    """Base form: renders its error summary with plain-English messages."""

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
                items.append({"text": first, "href": f"#{field.id}"})
        return {"titleText": "There is a problem", "errorList": items}

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


def redisplays_form(view):
    """Mark a view whose form shows itself again, with what was typed, when the CSRF token has
    expired: the error handler re-runs the view and the form's own token check fails."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        return view(*args, **kwargs)

    wrapped.redisplays_form = True
    return wrapped
