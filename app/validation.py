"""The error services raise when input breaks a rule; views put it on the named form field."""


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
