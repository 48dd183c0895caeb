"""Ask Staffroom's forms: asking, feedback on an answer, the community's reply, the vocabulary."""

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.assistant.services import QUESTION_MAX, REPLY_MAX
from app.forms import Form
from app.search import vocabulary


class AskForm(Form):
    question = StringField(
        "Your question",
        widget=GovTextInput(),
        description="For example: how do I claim mileage for a site visit?",
        validators=[
            InputRequired("Enter your question, for example “How do I claim mileage?”"),
            Length(max=QUESTION_MAX, message=f"Keep your question to {QUESTION_MAX} characters or fewer"),
        ],
    )
    submit = SubmitField("Ask", widget=GovSubmitInput())


class FeedbackForm(Form):
    # Two buttons, "This helped" and "This didn't help", each sending its own value.
    helpful = RadioField(
        "Did this answer help?",
        choices=[("yes", "This helped"), ("no", "This didn’t help")],
        validators=[InputRequired("Choose whether the answer helped")],
    )


class ReplyForm(Form):
    body = TextAreaField(
        "Your answer",
        widget=GovCharacterCount(),
        description="The person who asked gets a notification with a link to it.",
        validators=[
            InputRequired("Enter your answer"),
            Length(max=REPLY_MAX, message=f"Keep the answer to {REPLY_MAX:,} characters or fewer"),
        ],
    )
    submit = SubmitField("Send answer", widget=GovSubmitInput())


class SynonymForm(Form):
    term = StringField(
        "Word or abbreviation",
        widget=GovTextInput(),
        description="For example: PO",
        validators=[
            InputRequired("Enter the word or abbreviation"),
            Length(max=vocabulary.TERM_MAX, message=f"Keep it to {vocabulary.TERM_MAX} characters or fewer"),
        ],
    )
    meaning = StringField(
        "Means",
        widget=GovTextInput(),
        description="For example: purchase order",
        validators=[
            InputRequired("Enter what it means"),
            Length(max=vocabulary.MEANING_MAX, message=f"Keep it to {vocabulary.MEANING_MAX} characters or fewer"),
        ],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())
