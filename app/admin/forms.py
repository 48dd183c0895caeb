"""Forms for managing people and teams."""

import email_validator
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovFileInput,
    GovPasswordInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    FileField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import HiddenInput

from app.forms import DateField, Form
from app.models.user import ROLE_HINTS, ROLE_LABELS, ROLES

NO_TEAM = 0


class EmailAddress:
    """WTForms' Email check, but accepting the reserved `.test` domain: the demo accounts (and
    the tests) use it, and an address already saved must not stop a person being edited."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        try:
            email_validator.validate_email(field.data or "", check_deliverability=False, test_environment=True)
        except email_validator.EmailNotValidError as error:
            raise ValidationError(self.message) from error


def _role_choices():
    return [(role, ROLE_LABELS[role]) for role in ROLES]


class PersonForm(Form):
    name = StringField(
        "Full name",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the person’s full name"),
            Length(max=120, message="Full name must be 120 characters or fewer"),
        ],
    )
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        description="Their council email address. They sign in with it.",
        # Addresses pasted from an email often bring a space with them.
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            InputRequired("Enter an email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            EmailAddress("Enter an email address in the correct format, like name@example.gov.uk"),
        ],
    )
    team_id = SelectField("Team", coerce=int, widget=GovSelect(), validators=[Optional()])
    roles = SelectMultipleField(
        "Roles",
        widget=GovCheckboxesInput(),
        choices=_role_choices(),
        description="Everyone is staff. Choose any roles they hold as well.",
    )
    # Shown on the edit page only (approvals: the requester's line manager approves).
    line_manager_email = StringField(
        "Line manager’s email address (optional)",
        widget=GovTextInput(),
        description="They approve this person’s requests where a service asks for the line manager",
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[Optional(), Length(max=254, message="Email address must be 254 characters or fewer")],
    )
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.team_id.choices = [(NO_TEAM, "No team")] + [(team.id, team.name) for team in teams]

    def role_items(self):
        return [
            {
                "value": role,
                "text": ROLE_LABELS[role],
                "hint": {"text": ROLE_HINTS[role]},
                "checked": role in (self.roles.data or []),
            }
            for role in ROLES
        ]


class NewPersonForm(PersonForm):
    password = PasswordField(
        "Temporary password",
        widget=GovPasswordInput(),
        description=(
            "At least 12 characters. Give it to them in person or by phone; they should change it after signing in."
        ),
        validators=[InputRequired("Enter a temporary password")],
    )
    submit = SubmitField("Create account", widget=GovSubmitInput())


class SetPasswordForm(Form):
    new_password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description=(
            "At least 12 characters. They will be signed out everywhere and need this password to sign in again."
        ),
        validators=[InputRequired("Enter a new password")],
    )
    submit = SubmitField("Set password", widget=GovSubmitInput())


class TeamForm(Form):
    name = StringField(
        "Team name",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the team name"),
            Length(max=120, message="Team name must be 120 characters or fewer"),
        ],
    )
    is_business_support = BooleanField(
        "This is a Business Support team",
        widget=GovCheckboxInput(),
        description="Business Support teams work requests. Leave unticked for other council departments.",
    )
    email = StringField(
        "Team mailbox (optional)",
        widget=GovTextInput(),
        description="New requests are emailed here. Leave blank to email the team’s agents and managers instead.",
        validators=[Optional(), Length(max=254, message="The mailbox address must be 254 characters or fewer")],
    )
    submit = SubmitField("Save team", widget=GovSubmitInput())


class PeopleFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField("Search by name or email", widget=GovTextInput(), validators=[Length(max=200)])
    status = SelectField(
        "Status",
        widget=GovSelect(),
        choices=[("active", "Active"), ("deactivated", "Deactivated"), ("all", "All")],
        default="active",
        validate_choice=False,
    )
    page = HiddenField()


class AuditFilterForm(Form):
    class Meta:
        csrf = False

    view = SelectField("Show", widget=GovSelect(), validate_choice=False)
    action = SelectField("What happened", widget=GovSelect(), validate_choice=False)
    person = StringField(
        "Person (name or email)",
        widget=GovTextInput(),
        validators=[Length(max=200)],
        description="Who did it, or whose account it was about",
    )
    day_from = DateField("From (optional)")
    day_to = DateField("To (optional)")


class PeopleImportForm(Form):
    file = FileField(
        "Users export (CSV file)",
        widget=GovFileInput(),
        description=(
            "From Microsoft Entra ID (Users, All users, Download users) or the Microsoft 365 admin centre "
            "(Users, Active users, Export users). Up to 10,000 people and 5 MB."
        ),
    )
    everyone = BooleanField(
        "This is everyone: deactivate people who are not in the file",
        widget=GovCheckboxInput(),
        description=(
            "Only for an export of every user, not a filtered one. "
            "Administrators and you are never deactivated this way."
        ),
    )
    submit = SubmitField("Preview the import", widget=GovSubmitInput())


class ConfirmImportForm(Form):
    digest = HiddenField(validators=[Length(max=64)])
    submit = SubmitField("Import these changes", widget=GovSubmitInput())
