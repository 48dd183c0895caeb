"""Forms for working a request and for the requester's side of it."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    IntegerField,
    MultipleFileField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from app.files import ALLOWED_DESCRIPTION
from app.forms import Form, submission_key_field
from app.models import ContactMethod, Priority
from app.models.service_request import REQUEST_STATUS_LABELS
from app.service_requests.contacts import ContactDetails
from app.service_requests.request_form import without_nul
from app.service_requests.workflow import RATING_LABELS

MESSAGE_LIMIT = 20_000


class VersionedForm(Form):
    """Carries the request's version: a change made meanwhile by someone else is caught."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])


class AssignForm(VersionedForm):
    assignee = SelectField("Assigned to", coerce=int, widget=GovSelect(), validate_choice=False)
    submit = SubmitField("Assign", widget=GovSubmitInput())


class StatusForm(VersionedForm):
    # The service explains a refused move ("A request that is closed cannot ..."), not WTForms.
    status = RadioField(
        "Status",
        widget=GovRadioInput(),
        validate_choice=False,
        validators=[InputRequired("Choose the new status")],
        choices=list(REQUEST_STATUS_LABELS.items()),
    )
    note = TextAreaField(
        "Message to the requester (optional)",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=MESSAGE_LIMIT, message="Keep the message to 20,000 characters or fewer")],
        description="Shown on their timeline and sent by email",
    )
    submit = SubmitField("Change status", widget=GovSubmitInput())


class PriorityForm(VersionedForm):
    priority = RadioField(
        "Priority",
        widget=GovRadioInput(),
        validate_choice=False,
        choices=[(Priority.NORMAL, "Normal"), (Priority.HIGH, "High")],
    )
    submit = SubmitField("Set priority", widget=GovSubmitInput())


class MessageForm(Form):
    submission_key = submission_key_field()
    body = TextAreaField(
        "Your message",
        widget=GovTextArea(),
        validators=[
            InputRequired("Enter your message"),
            Length(max=MESSAGE_LIMIT, message="Keep the message to 20,000 characters or fewer"),
        ],
        description="Markdown works: - for lists, **bold**.",
    )
    visibility = RadioField(
        "Who sees it",
        widget=GovRadioInput(),
        default="public",
        validate_choice=False,
        choices=[
            ("public", "Reply: the requester sees it and gets an email"),
            ("internal", "Internal note: only the team sees it"),
        ],
    )
    files = MultipleFileField(
        "Attach files (optional)",
        widget=GovFileInput(multiple=True),
        description=f"{ALLOWED_DESCRIPTION}, up to 10 MB each, 3 at most",
    )
    submit = SubmitField("Send", widget=GovSubmitInput())


class CannedChoiceForm(Form):
    class Meta:
        csrf = False  # a GET form: it only fills the message box

    canned = SelectField("Start from a canned reply", coerce=int, widget=GovSelect(), validate_choice=False)
    submit = SubmitField("Use this reply", widget=GovSubmitInput())


class ReasonForm(Form):
    reason = TextAreaField(
        "What still needs doing?",
        widget=GovTextArea(),
        validators=[InputRequired("Say what still needs doing"), Length(max=MESSAGE_LIMIT)],
    )
    submit = SubmitField("Reopen request", widget=GovSubmitInput())


class CancelForm(Form):
    reason = TextAreaField(
        "Why are you cancelling it? (optional)",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=2000, message="Keep the reason to 2,000 characters or fewer")],
    )
    submit = SubmitField("Cancel request", widget=GovSubmitInput())


class RatingForm(Form):
    rating = RadioField(
        "How did we do?",
        widget=GovRadioInput(),
        coerce=int,
        validate_choice=False,
        choices=list(RATING_LABELS.items()),
        validators=[InputRequired("Choose a rating")],
    )
    comment = TextAreaField(
        "Anything you want to tell us? (optional)",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=1000, message="Keep the comment to 1,000 characters or fewer")],
    )
    submit = SubmitField("Send rating", widget=GovSubmitInput())


class BulkAssignForm(Form):
    requests = SelectMultipleField("Requests", coerce=int, validate_choice=False)
    assignee = SelectField("Assign the chosen requests to", coerce=int, widget=GovSelect(), validate_choice=False)
    next = HiddenField()
    submit = SubmitField("Assign chosen requests", widget=GovSubmitInput())


class CannedReplyForm(Form):
    title = StringField(
        "Name",
        widget=GovTextInput(),
        validators=[InputRequired("Enter a short name for the reply"), Length(max=120)],
        description="For example: Room booked",
    )
    body = TextAreaField(
        "Reply", widget=GovTextArea(), validators=[InputRequired("Enter the reply"), Length(max=MESSAGE_LIMIT)]
    )
    submit = SubmitField("Save reply", widget=GovSubmitInput())


class AssignToMeForm(VersionedForm):
    next = HiddenField()


class ApprovalDecisionForm(Form):
    """Approve or reject a step of a request's approval (the request page, and the email's link)."""

    decision = RadioField(
        "Your decision",
        widget=GovRadioInput(),
        choices=[("approve", "Approve"), ("reject", "Reject")],
        validators=[InputRequired("Choose approve or reject")],
    )
    reason = TextAreaField(
        "Reason (needed to reject)",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=2000, message="Keep the reason to 2,000 characters or fewer")],
        description="The requester sees it on their request",
    )
    submit = SubmitField("Confirm decision", widget=GovSubmitInput())


class ContactForm(Form):
    """Someone without a Staffroom account (service_requests/contacts.py checks the details)."""

    name = StringField("Full name", widget=GovTextInput(), filters=[without_nul])
    email = StringField(
        "Email address (optional)",
        widget=GovTextInput(),
        filters=[without_nul],
        validators=[Length(max=254, message="Keep the email address to 254 characters or fewer")],
    )
    phone = StringField(
        "Phone number (optional)",
        widget=GovTextInput(),
        filters=[without_nul],
        description="For example, 0116 496 0123",
        validators=[Length(max=40, message="Keep the phone number to 40 characters or fewer")],
    )
    address = TextAreaField(
        "Postal address (optional)",
        widget=GovTextArea(),
        filters=[without_nul],
        description="Each part on its own line, with the postcode",
    )
    preferred = RadioField(
        "How would they like to hear from us?",
        widget=GovRadioInput(),
        validate_choice=False,
        choices=[
            (ContactMethod.EMAIL.value, "Email"),
            (ContactMethod.PHONE.value, "Phone: an agent rings them"),
            (ContactMethod.LETTER.value, "Letter: an agent posts it"),
        ],
    )
    notes = TextAreaField(
        "Anything we should know (optional)",
        widget=GovTextArea(),
        filters=[without_nul],
        description="For example: needs an interpreter (Polish), large print, hard of hearing",
    )
    confirm_new = HiddenField()
    submission_key = submission_key_field()
    submit = SubmitField("Save", widget=GovSubmitInput())

    def details(self) -> ContactDetails:
        return ContactDetails(
            name=self.name.data or "",
            email=self.email.data or "",
            phone=self.phone.data or "",
            address=self.address.data or "",
            preferred=self.preferred.data or "",
            notes=self.notes.data or "",
        )


class FindColleagueForm(Form):
    """The colleague search: a GET form (nothing changes), so no CSRF token."""

    class Meta:
        csrf = False

    q = StringField(
        "Find a colleague",
        widget=GovTextInput(),
        validators=[Length(max=100, message="Keep this to 100 characters or fewer")],
        description="Part of their name or email address",
    )
    submit = SubmitField("Find", widget=GovSubmitInput())


class ParticipantForm(Form):
    person = HiddenField()
    submit = SubmitField("Copy in", widget=GovSubmitInput())
