"""Service catalogue forms: a service's details and the form builder's question form."""

from collections.abc import Iterable
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
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
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from app.forms import Form
from app.models import Audience, ServiceCategory, Team
from app.models.approval import APPROVAL_MODE_LABELS, APPROVER_KIND_LABELS, OPERATOR_LABELS
from app.models.catalogue import DEFAULT_SLA_WARNING_PERCENT, FIELD_KINDS
from app.models.user import ROLE_LABELS, ROLES


class ServiceForm(Form):
    name = StringField(
        "Name",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the service’s name"),
            Length(max=120, message="Keep the name to 120 characters or fewer"),
        ],
        description="What people call it, for example: Minute-taking for a meeting",
    )
    summary = StringField(
        "Summary",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter a one-line summary of the service"),
            Length(max=300, message="Keep the summary to 300 characters or fewer"),
        ],
        description="One sentence on what you do for people. It shows in the catalogue and in search.",
    )
    description = TextAreaField(
        "Description (optional)",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=20_000, message="Keep the description to 20,000 characters or fewer")],
        description=(
            "What is included, what is not, and what to have ready. Markdown works: ## for headings, - for lists."
        ),
    )
    keywords = StringField(
        "Other words people use for it (optional)",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=300, message="Keep these to 300 characters or fewer")],
        description="Helps search find it, for example: PO, purchase order, requisition",
    )
    category = SelectField("Category", coerce=int, widget=GovSelect(), validate_choice=False)
    new_category = StringField(
        "Or a new category (optional)",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=80, message="Keep the category to 80 characters or fewer")],
        description="Only if none of the categories fits",
    )
    team = SelectField("Team that runs it", coerce=int, widget=GovSelect(), validate_choice=False)
    resolution_days = IntegerField(
        "Resolution target, in working days",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the resolution target in working days"),
            NumberRange(min=1, max=250, message="Resolution target must be between 1 and 250 working days"),
        ],
        description=(
            "Weekends and bank holidays do not count. Requests after the end of the working day start the next one."
        ),
    )
    first_response_hours = IntegerField(
        "First response target, in working hours (optional)",
        widget=GovTextInput(),
        validators=[
            Optional(),
            NumberRange(min=1, max=200, message="First response target must be between 1 and 200 working hours"),
        ],
    )
    sla_warning_percent = IntegerField(
        "Warn the team when this much of the working time is used",
        widget=GovTextInput(),
        default=DEFAULT_SLA_WARNING_PERCENT,
        validators=[
            Optional(),
            NumberRange(min=1, max=99, message="The warning must come when between 1%% and 99%% of the time is used"),
        ],
        description=(
            "The person working a request (or the team's agents) is warned then, or on the day it is due: 75% if empty."
        ),
    )
    audience = RadioField(
        "Who may request it",
        widget=GovRadioInput(),
        default=Audience.EVERYONE,
        choices=[(Audience.EVERYONE, "Everyone"), (Audience.TEAMS, "Only the teams chosen below")],
        validators=[InputRequired("Choose who may request this service")],
    )
    requesting_teams = SelectMultipleField(
        "Teams that may request it",
        coerce=int,
        widget=GovCheckboxesInput(),
        validate_choice=False,
        description="Only if you chose “Only the teams chosen below”",
    )
    active = BooleanField(
        "Taking new requests (untick to retire the service; its requests are kept)",
        widget=GovCheckboxInput(),
        default=True,
    )
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    submit = SubmitField("Save service", widget=GovSubmitInput())

    def __init__(
        self,
        *args: Any,
        categories: Iterable[ServiceCategory] = (),
        teams: Iterable[Team] = (),
        all_teams: Iterable[Team] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.category.choices = [(0, "Choose a category")] + [(category.id, category.name) for category in categories]
        self.team.choices = self._team_choices = [(team.id, team.name) for team in teams]
        self.requesting_teams.choices = [(team.id, team.name) for team in all_teams]

    def offer_team(self, team: Team) -> None:
        """Puts a team this person does not run first among the choices: the one running the service
        they edit (an administrator may have moved it there), so saving keeps it."""
        self._team_choices.insert(0, (team.id, team.name))


class NewFieldForm(Form):
    """Step one of adding a question: its kind."""

    class Meta:
        csrf = False  # a GET form: it only chooses which form to show next

    kind = RadioField(
        "What kind of answer?",
        widget=GovRadioInput(),
        validate_choice=False,
        choices=list(FIELD_KINDS.items()),
        validators=[InputRequired("Choose the kind of answer")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class FieldForm(Form):
    label = StringField(
        "Question",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the question"),
            Length(max=200, message="Keep the question to 200 characters or fewer"),
        ],
        description="As people will read it, for example: Date of the meeting",
    )
    hint = StringField(
        "Hint (optional)",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=500, message="Keep the hint to 500 characters or fewer")],
        description="Help to answer it, shown under the question",
    )
    required = BooleanField("People must answer this question", widget=GovCheckboxInput(), default=True)
    options = TextAreaField(
        "Options",
        widget=GovTextArea(),
        validators=[Optional(), Length(max=10_000, message="Keep the options to 10,000 characters or fewer")],
        description="One on each line",
    )
    min_value = StringField(
        "Smallest number allowed (optional)", widget=GovTextInput(), validators=[Optional(), Length(max=20)]
    )
    max_value = StringField(
        "Largest number allowed (optional)", widget=GovTextInput(), validators=[Optional(), Length(max=20)]
    )
    not_in_past = BooleanField("The date must not be in the past", widget=GovCheckboxInput())
    condition = SelectField(
        "When to show this question",
        widget=GovSelect(),
        validate_choice=False,
        description="Show it to everyone, or only for an answer to another question",
    )
    submit = SubmitField("Save question", widget=GovSubmitInput())


class MoveFieldForm(Form):
    direction = HiddenField()


class ApprovalStepForm(Form):
    """The form builder's approval step: who approves, and (optionally) when."""

    approver_kind = RadioField(
        "Who approves?",
        widget=GovRadioInput(),
        validate_choice=False,
        choices=list(APPROVER_KIND_LABELS.items()),
        validators=[InputRequired("Choose who approves")],
    )
    person_email = StringField(
        "The person’s email address",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=254, message="Keep the email address to 254 characters or fewer")],
        description="For a named person",
    )
    team = SelectField(
        "Team",
        coerce=int,
        widget=GovSelect(),
        validate_choice=False,
        description="For the members of a team; for a line manager, who approves when the requester has none recorded",
    )
    role = SelectField(
        "Role (optional for a team)",
        widget=GovSelect(),
        validate_choice=False,
        choices=[("", "Any role"), *((role.value, ROLE_LABELS[role]) for role in ROLES)],
        description="Everyone with this role, or only the team’s members with it",
    )
    mode = RadioField(
        "How many of them must approve?",
        widget=GovRadioInput(),
        validate_choice=False,
        choices=list(APPROVAL_MODE_LABELS.items()),
        default="any",
        description="One rejection rejects the request either way",
    )
    condition_field = SelectField(
        "Only when this question’s answer …",
        coerce=int,
        widget=GovSelect(),
        validate_choice=False,
        description="Leave it at “Always” for every request",
    )
    condition_operator = SelectField(
        "… compares like this",
        widget=GovSelect(),
        validate_choice=False,
        choices=[
            ("", "For a number: choose"),
            *((str(op), label) for op, label in OPERATOR_LABELS.items() if op != "is"),
        ],
        description="For a choice question the answer must be the value below",
    )
    condition_value = StringField(
        "… with this value",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=200, message="Keep the value to 200 characters or fewer")],
        description="A number, like 5000, or one of the question’s answers",
    )
    submit = SubmitField("Add approval step", widget=GovSubmitInput())


class FormSettingsForm(Form):
    """A service's form settings: the generic description questions, and what its due time counts from."""

    asks_description = BooleanField(
        "Start the form with “What do you need?” and “Tell us more”",
        widget=GovCheckboxInput(),
        description=(
            "Untick when the form’s own questions say it all: each request’s subject is then the service’s "
            "name and its first answer."
        ),
    )
    due_from = RadioField(
        "When is a request due?",
        widget=GovRadioInput(),
        choices=[
            ("submission", "The resolution target, counted from when it is sent"),
            ("event", "A number of working days before a date the form asks for"),
        ],
        validate_choice=False,
        validators=[InputRequired("Choose when its requests are due")],
    )
    due_field = SelectField(
        "The date it counts back from",
        coerce=lambda value: int(value) if str(value).isdigit() else 0,
        widget=GovSelect(),
        validate_choice=False,
        description="A required date question everyone is asked, such as the date of the meeting",
    )
    due_days_before = IntegerField(
        "Working days before that date",
        widget=GovTextInput(),
        validators=[
            Optional(),
            NumberRange(min=0, max=250, message="Enter how many working days before the date it is due, from 0 to 250"),
        ],
        description="0 means by the date itself. Weekends and bank holidays do not count.",
    )
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    submit = SubmitField("Save form settings", widget=GovSubmitInput())
