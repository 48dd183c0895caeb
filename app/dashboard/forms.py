"""The dashboard's one form: the service-wide targets an administrator sets, and who receives the pack."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.forms import Form


class TargetsForm(Form):
    # Text, read by targets.set_targets: "92.5%" is a fine answer, and a wrong one gets its message there.
    within_target_percent = StringField(
        "Resolved within their service's target",
        widget=GovTextInput(),
        validators=[InputRequired("Enter the percentage of requests to resolve within target"), Length(max=10)],
        description="A percentage, like 90 or 92.5.",
    )
    satisfaction = StringField(
        "Average satisfaction rating",
        widget=GovTextInput(),
        validators=[InputRequired("Enter the average satisfaction rating to aim for"), Length(max=10)],
        description="Out of 5, like 4 or 4.2.",
    )
    recipients = TextAreaField(
        "Who receives the monthly pack by email",
        widget=GovTextArea(),
        validators=[Length(max=20_000)],
        description="Their email addresses here, one a line. It is sent early each month, for the month before.",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())
