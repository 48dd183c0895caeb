"""The error services raise when input breaks a rule (views put it on the named form field), the
guard that turns a lost race on a unique constraint or a version column into one, and the
request-wide handling of input no page can use (NUL characters, numbers no column can hold)."""

import re
from contextlib import contextmanager

from flask import Request as FlaskRequest
from flask import abort, request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter

from app.extensions import db

# Something@somewhere.tld: enough to catch a typing slip; whether it is real, only a sent email tells.
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class FieldError(Exception):
    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field  # None: about the whole form
        self.message = message


class StaleEdit(FieldError):
    """Someone else saved the same thing after this form was opened."""

    def __init__(self, what: str = "this"):
        super().__init__(
            None,
            f"Someone else changed {what} while you were editing it, so your changes "
            "have not been saved yet. Check them against the latest version shown below "
            "and save again.",
        )


@contextmanager
def saving(field: str | None, message: str, *, what: str = "this"):
    """Make the changes inside this block: two people saving at once, the unique constraint and
    the version column decide, not a 500. The changes must be made inside the savepoint, because
    begin_nested() flushes whatever is pending first, and a failure there would break the whole
    session rather than roll back only the savepoint."""
    try:
        with db.session.begin_nested():
            yield
    except IntegrityError as error:
        raise FieldError(field, message) from error
    except StaleDataError as error:
        raise StaleEdit(what) from error


# --- Input no page can use, turned away where it arrives ------------------------------------------

# The longest text any form field keeps (the longest article is a fraction of it): a longer one
# is refused on its field with a 413, the rest of the form kept (app/forms.py).
TEXT_LIMIT = 500_000

# Characters that change how text reads without being seen: bidirectional embeddings, overrides
# and isolates ("\u202egnp.exe" reads "exe.png"), zero-width spaces and marks, and zero-width
# (non-)joiners next to plain ASCII ("fresh\u200dtag"). Joiners between other characters stay:
# they build emoji (👩🏽‍💻) and shape Persian and Indic scripts.
_INVISIBLE = re.compile(
    "[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
    "|(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])"
)


def clean_text(text: str) -> str:
    """`text` without the invisible characters above: for titles, tags and names."""
    return _INVISIBLE.sub("", text)


# The largest id or count a column holds (PostgreSQL's integer; SQLite's are larger).
LARGEST_NUMBER = 2**31 - 1


def within_range(number: int) -> bool:
    return -LARGEST_NUMBER <= number <= LARGEST_NUMBER


def as_id(text: str) -> int | None:
    """`text` as an id, or None: digits int() reads ("²" is a digit it does not; nor 5,000 of
    them), and no bigger than a column holds."""
    if not (text.isdecimal() and len(text) <= len(str(LARGEST_NUMBER))):
        return None
    number = int(text)
    return number if number <= LARGEST_NUMBER else None


class RequestParameters(ImmutableMultiDict):
    """request.args and request.form. Nobody types a NUL character and PostgreSQL text cannot
    hold one, so it is dropped (as from a service's request form); and `get(name, type=int)`
    treats a number no column can hold like one that is not a number: the default, not a query
    that fails (page=99999999999999999999)."""

    def __init__(self, mapping=None):
        if mapping is not None:
            mapping = [
                (key, value.replace("\x00", "") if isinstance(value, str) else value)
                for key, value in MultiDict(mapping).items(multi=True)
            ]
        super().__init__(mapping)

    def get(self, key, default=None, type=None):
        value = super().get(key, default, type)
        if type is int and isinstance(value, int) and not within_range(value):
            return default
        return value


class Request(FlaskRequest):
    parameter_storage_class = RequestParameters


class IdConverter(IntegerConverter):
    """`<int:...>` in a route: a number no column can hold is no page (404), not a failed query."""

    def __init__(self, map, fixed_digits=0, min=None, max=LARGEST_NUMBER, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)


def init_app(app) -> None:
    """Before the routes are added: the request's parameters and the `int` converter above, and
    no page for an address with a NUL character in its path (a slug or token to look up)."""
    app.request_class = Request
    app.url_map.converters["int"] = IdConverter

    @app.before_request
    def _no_nul_in_the_path():
        if "\x00" in request.path:
            abort(404)
