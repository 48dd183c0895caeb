"""Knowledge base forms."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    FileField,
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

from app.forms import DateField, Form
from app.models import ArticleStatus

BODY_LIMIT = 100_000


def _chosen_id(value) -> int:
    """A drop-down's choice as an id; 0 for its "Choose…" option, whose value is empty (a
    required select's placeholder must be, for browsers and assistive technology)."""
    return int(value) if value not in ("", None) else 0


class ArticleForm(Form):
    title = StringField(
        "Title",
        widget=GovTextInput(),
        validators=[InputRequired("Enter a title"), Length(max=150, message="Title must be 150 characters or fewer")],
    )
    summary = StringField(
        "Summary",
        widget=GovTextInput(),
        description="One sentence that says what this article helps with. It appears in lists and search results.",
        validators=[
            InputRequired("Enter a summary"),
            Length(max=300, message="Summary must be 300 characters or fewer"),
        ],
    )
    body = TextAreaField(
        "Article",
        widget=GovTextArea(),
        description=(
            "Write in Markdown: ## for headings, - for lists, - [ ] for checklists, | for tables, "
            "[words](/kb/articles/12) for a link to another article, ![what it shows](attachment address) for an "
            "image attached to the article."
        ),
        validators=[
            InputRequired("Write the article"),
            Length(max=BODY_LIMIT, message="The article must be 100,000 characters or fewer"),
        ],
    )
    category_id = SelectField(
        "Category", coerce=_chosen_id, widget=GovSelect(), validators=[InputRequired("Choose a category")]
    )
    tags = StringField(
        "Tags (optional)",
        widget=GovTextInput(),
        description="Separate tags with commas, for example: room booking, committees",
        validators=[Optional(), Length(max=400, message="Tags must be 400 characters or fewer")],
    )
    owner_id = SelectField(
        "Owner",
        coerce=_chosen_id,
        widget=GovSelect(),
        description="The person to contact about this article",
        validators=[InputRequired("Choose the person to contact about this article")],
    )
    status = RadioField(
        "Status",
        widget=GovRadioInput(),
        default=ArticleStatus.DRAFT,
        choices=[
            (ArticleStatus.DRAFT, "Draft – only editors can see it"),
            (ArticleStatus.PUBLISHED, "Published – everyone can read it"),
            (ArticleStatus.ARCHIVED, "Archived – kept for reference, marked as no longer current"),
        ],
        validators=[InputRequired("Choose a status")],
    )
    review_by = DateField(
        "Review by (optional)", description="Leave blank for 12 months after publishing. For example, 27 3 2027"
    )
    change_note = StringField(
        "What changed (optional)",
        widget=GovTextInput(),
        description="A few words for the history, for example: Added the catering section",
        validators=[Optional(), Length(max=200, message="Keep the note to 200 characters or fewer")],
    )
    base_revision = IntegerField(widget=HiddenInput(), validators=[Optional()])
    template = HiddenField()
    preview = SubmitField("Preview", widget=GovSubmitInput())
    submit = SubmitField("Save article", widget=GovSubmitInput())

    def __init__(self, *args, categories=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category_id.choices = [("", "Choose a category")] + [(c.id, c.name) for c in categories]
        self.owner_id.choices = [("", "Choose a person")] + [(p.id, p.name) for p in people]

    def validate_category_id(self, field):
        if not field.data:
            raise ValidationError("Choose a category")

    def validate_owner_id(self, field):
        if not field.data:
            raise ValidationError("Choose the person to contact about this article")


class TemplateChoiceForm(Form):
    class Meta:
        csrf = False

    template = RadioField(
        "What kind of article is it?",
        widget=GovRadioInput(),
        validators=[InputRequired("Choose how to start the article")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class PreviewForm(Form):
    body = TextAreaField(validators=[Optional(), Length(max=BODY_LIMIT)])


class FeedbackForm(Form):
    helpful = RadioField(
        "Was this article helpful?",
        widget=GovRadioInput(),
        choices=[("yes", "Yes"), ("no", "No")],
        validators=[InputRequired("Choose yes or no")],
    )
    comment = TextAreaField(
        "What was missing or wrong? (optional)",
        widget=GovCharacterCount(),
        validators=[Optional(), Length(max=2000, message="Keep your comment to 2,000 characters or fewer")],
    )
    submit = SubmitField("Send feedback", widget=GovSubmitInput())


class QuestionForm(Form):
    body = TextAreaField(
        "Your question",
        widget=GovTextArea(),
        description="Editors and the article’s owner will answer here, for everyone to see.",
        validators=[
            InputRequired("Enter your question"),
            Length(max=5000, message="Keep your question to 5,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Ask", widget=GovSubmitInput())


class AnswerForm(Form):
    body = TextAreaField(
        "Your answer",
        widget=GovTextArea(),
        validators=[
            InputRequired("Enter your answer"),
            Length(max=10000, message="Keep your answer to 10,000 characters or fewer"),
        ],
    )
    mark_answered = BooleanField("This answers the question", widget=GovCheckboxInput(), default=True)
    submit = SubmitField("Post answer", widget=GovSubmitInput())


class AttachmentForm(Form):
    file = FileField(
        "Add an attachment",
        widget=GovFileInput(),
        description="PDF, Word, Excel, PowerPoint, PNG, JPG, TXT or CSV, up to 10 MB",
    )
    submit = SubmitField("Upload", widget=GovSubmitInput())


class CategoryForm(Form):
    name = StringField(
        "Category name",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the category name"),
            Length(max=80, message="Category name must be 80 characters or fewer"),
        ],
    )
    description = StringField(
        "Description (optional)",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=300, message="Description must be 300 characters or fewer")],
    )
    submit = SubmitField("Save category", widget=GovSubmitInput())


class CompareForm(Form):
    class Meta:
        csrf = False

    old = IntegerField("From version", validators=[Optional()])
    new = IntegerField("To version", validators=[Optional()])
