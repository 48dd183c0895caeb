"""Ideas board forms."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import HiddenInput

from app.forms import DateField, Form, submission_key_field
from app.ideas.services import parse_amount
from app.validation import FieldError

COUNCIL_WIDE = 0


class Amount:
    """The field reads as an amount (the service's parse_amount), checked with the other fields so
    the error summary lists every problem at once; the view converts it with the same function."""

    def __init__(self, label: str, *, whole: bool = False):
        self.label, self.whole = label, whole

    def __call__(self, form, field):
        try:
            parse_amount(field.data, field.name, whole=self.whole, label=self.label)
        except FieldError as error:
            raise ValidationError(error.message) from None


class IdeaForm(Form):
    submission_key = submission_key_field()
    title = StringField(
        "Your idea, in a line",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter your idea in a line"),
            Length(max=150, message="Keep the title to 150 characters or fewer"),
        ],
        description="For example: A shared template for Cabinet report front sheets",
    )
    description = TextAreaField(
        "Describe it",
        widget=GovCharacterCount(),
        validators=[
            InputRequired("Describe your idea"),
            Length(max=10_000, message="Keep the description to 10,000 characters or fewer"),
        ],
        description="What happens today, what you suggest, and who it would help. Markdown works: - for lists.",
    )
    area = SelectField("Which area does it concern?", coerce=int, widget=GovSelect())
    tags = StringField(
        "Tags (optional)",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=400)],
        description="Separate tags with commas, for example: templates, cabinet",
    )
    hours_per_month = StringField(
        "Hours it could save each month (optional)",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=20), Amount("Hours saved")],
    )
    pounds_per_year = StringField(
        "Money it could save each year, in pounds (optional)",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=20), Amount("Money saved", whole=True)],
    )
    quality = StringField(
        "Other benefit (optional)",
        widget=GovTextInput(),
        description="For example: fewer complaints, quicker replies to residents",
        validators=[Optional(), Length(max=300, message="Keep this to 300 characters or fewer")],
    )
    anonymous = BooleanField("Don’t show my name on the board (managers can still see it)", widget=GovCheckboxInput())
    submit = SubmitField("Post idea", widget=GovSubmitInput())

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.area.choices = [(COUNCIL_WIDE, "Council-wide")] + [(team.id, team.name) for team in areas]


class VoteForm(Form):
    vote = HiddenField()


class CommentForm(Form):
    submission_key = submission_key_field()
    body = TextAreaField(
        "Add a comment",
        widget=GovTextArea(),
        validators=[
            InputRequired("Enter your comment"),
            Length(max=5000, message="Keep your comment to 5,000 characters or fewer"),
        ],
    )
    parent_id = IntegerField(widget=HiddenInput(), validators=[Optional()])
    submit = SubmitField("Post comment", widget=GovSubmitInput())


class EditCommentForm(Form):
    body = TextAreaField(
        "Edit your comment",
        widget=GovTextArea(),
        validators=[
            InputRequired("Enter your comment"),
            Length(max=5000, message="Keep your comment to 5,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Save comment", widget=GovSubmitInput())


class HideCommentForm(Form):
    reason = StringField(
        "Reason for removing it",
        widget=GovTextInput(),
        validators=[InputRequired("Say why the comment is being removed"), Length(max=300)],
    )
    submit = SubmitField("Remove comment", widget=GovSubmitInput())


class StatusForm(Form):
    # The service says why a move is not allowed ("An idea that is new cannot become implemented"),
    # which "Not a valid choice" would hide.
    status = RadioField(
        "New status", widget=GovRadioInput(), validate_choice=False, validators=[InputRequired("Choose the new status")]
    )
    note = TextAreaField(
        "Note for followers (optional)",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=1000, message="Keep the note to 1,000 characters or fewer")],
    )
    reason = StringField(
        "Reason (needed if not taken forward)",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=500, message="Keep the reason to 500 characters or fewer")],
    )
    duplicate_search = StringField(
        "Find the idea it duplicates",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=200, message="Keep the search to 200 characters or fewer")],
        description="Words from its title, or its number. Its votes and comments move to that idea.",
    )
    # Chosen from the ideas the search found (the form comes back with them to choose from).
    duplicate_of = IntegerField("The idea it duplicates", validators=[Optional()])
    submit = SubmitField("Change status", widget=GovSubmitInput())


class BenefitForm(Form):
    hours_per_month = StringField(
        "Hours saved each month", widget=GovTextInput(), validators=[Optional(), Length(max=20), Amount("Hours saved")]
    )
    pounds_per_year = StringField(
        "Money saved each year, in pounds",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=20), Amount("Money saved", whole=True)],
    )
    description = TextAreaField("What changed", widget=GovTextArea(), validators=[Optional(), Length(max=1000)])
    realised_on = DateField(
        "Date the benefit was realised",
        required_message="Enter the date the benefit was realised",
        description="For example, 27 3 2026",
    )
    submit = SubmitField("Record benefit", widget=GovSubmitInput())


class FollowForm(Form):
    follow = HiddenField()


class BoardFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField("Search ideas", widget=GovTextInput(), validators=[Optional(), Length(max=200)])
