"""Forms of the home blueprint's pages: how each kind of notice reaches the person signed in."""

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField
from wtforms.validators import InputRequired

from app.forms import Form
from app.models import User
from app.notify import KINDS, NoticeKind, deliveries


class NoticeSettingsForm(Form):
    submit = SubmitField("Save", widget=GovSubmitInput())
    kinds: list[NoticeKind]  # the kinds offered, in the page's order


def notice_settings_form(user: User, **kwargs: Any) -> NoticeSettingsForm:
    """A form with one question per kind of notice offered to this person, their choices filled in."""
    offered = [kind for kind in KINDS.values() if kind.offered_to(user)]

    class PersonalForm(NoticeSettingsForm):
        pass

    data: dict[str, str] = {}
    for kind in offered:
        setattr(PersonalForm, kind.key, _question(kind))
        data[kind.key] = deliveries([user.id], kind)[user.id].value
    form = PersonalForm(data=data, **kwargs)
    form.kinds = offered
    return form


def _question(kind: NoticeKind) -> RadioField:
    return RadioField(
        kind.label,
        widget=GovRadioInput(),
        description=kind.hint,
        choices=[(delivery.value, kind.label_for(delivery)) for delivery in kind.choices],
        validators=[InputRequired(f"Choose how to get {kind.label.lower()}")],
    )
