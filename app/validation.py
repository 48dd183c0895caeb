"""The error services raise when input breaks a rule (views put it on the named form field), and
the guard that turns a lost race on a unique constraint or a version column into one."""
import re
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError


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
        super().__init__(None, f"Someone else changed {what} while you were editing it, so your changes "
                               "have not been saved yet. Check them against the latest version shown below "
                               "and save again.")


@contextmanager
def saving(field: str | None, message: str, *, what: str = "this"):
    """Make the changes inside this block: two people saving at once, the unique constraint and
    the version column decide, not a 500. The changes must be made inside the savepoint, because
    begin_nested() flushes whatever is pending first, and a failure there would break the whole
    session rather than roll back only the savepoint."""
    from app.extensions import db

    try:
        with db.session.begin_nested():
            yield
    except IntegrityError as error:
        raise FieldError(field, message) from error
    except StaleDataError as error:
        raise StaleEdit(what) from error
