"""Sign-in and password forms."""

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import BooleanField, HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import EqualTo, InputRequired, Length, Optional

from app.forms import DateField, Form


class SignInForm(Form):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter your password"), Length(max=1024, message="Password is too long")],
    )
    remember = BooleanField(
        "Keep me signed in on this device for 7 days (only on a device nobody else uses)",
        widget=GovCheckboxInput(),
    )
    next = HiddenField()
    submit = SubmitField("Sign in", widget=GovSubmitInput())


# A new password and its confirmation, as changing it and resetting it both ask (called in each
# form, so the fields keep their place among the form's own).
def _new_password() -> PasswordField:
    return PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description="At least 12 characters. A few unrelated words make a strong password you can remember.",
        validators=[InputRequired("Enter a new password")],
    )


def _confirm_password() -> PasswordField:
    return PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[
            InputRequired("Confirm your new password"),
            EqualTo("new_password", message="The passwords do not match"),
        ],
    )


class ChangePasswordForm(Form):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter your current password")],
    )
    new_password = _new_password()
    confirm_password = _confirm_password()
    submit = SubmitField("Change password", widget=GovSubmitInput())


class SignOutOthersForm(Form):
    submit = SubmitField("Sign out of all other devices", widget=GovSubmitInput())


class ForgottenPasswordForm(Form):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        description="The council email address you sign in to Staffroom with.",
        validators=[
            InputRequired("Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    submit = SubmitField("Send me a link", widget=GovSubmitInput())


class ResetPasswordForm(Form):
    new_password = _new_password()
    confirm_password = _confirm_password()
    submit = SubmitField("Set password and sign in", widget=GovSubmitInput())


class AwayForm(Form):
    """ "Away until <date>, my approvals go to <person>" (account page)."""

    away_until = DateField(
        "Away until (optional)",
        description="The last day you are away, for example 24 12 2026. Leave it empty when you are back.",
    )
    delegate_email = StringField(
        "Email address of the person your approvals go to",
        widget=GovTextInput(),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[Optional(), Length(max=254, message="Email address must be 254 characters or fewer")],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())
