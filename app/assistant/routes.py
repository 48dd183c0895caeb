"""Ask Staffroom pages: the conversation (a plain form and page without JavaScript, a live log
with htmx), feedback and handing a question to the community; the editors' community questions
and the council's vocabulary."""

from flask import abort, flash, request, session, url_for
from flask_login import current_user

from app import policy, search
from app.assistant import bp, services
from app.assistant.forms import AskForm, FeedbackForm, ReplyForm, SynonymForm
from app.forms import ButtonForm, redisplays_form
from app.htmx import redirect_to, render, render_form, wants_fragment
from app.rate_limits import limited
from app.search import vocabulary
from app.validation import FieldError

REBUILDING = (
    "Ask Staffroom is being rebuilt and will be back in a few minutes: ask again then, or raise a general enquiry"
)

SESSION_KEY = "ask_conversation"
CONVERSATION_MAX = 10  # exchanges kept for the session


# --- The conversation, kept in the person's session as the ids of their questions ---------------


def _conversation_ids() -> list[int]:
    ids = session.get(SESSION_KEY) or []
    return [number for number in ids if isinstance(number, int)][-CONVERSATION_MAX:]


def _remember(question_id: int) -> None:
    session[SESSION_KEY] = [*_conversation_ids(), question_id][-CONVERSATION_MAX:]


def _previous():
    """The person's last question in this conversation (a follow-up is read in its light)."""
    ids = _conversation_ids()
    asked = services.get(ids[-1]) if ids else None
    return asked if asked is not None and policy.is_asker(current_user, asked) else None


def _own_question_or_404(question_id: int):
    asked = services.get(question_id)
    if asked is None or not policy.is_asker(current_user, asked):
        abort(404)
    return asked


def _part(fragment: str, asked, **context):
    """A part of one exchange, swapped in place by htmx (the log reads out what changed)."""
    return render(
        fragment,
        fragment,
        asked=asked,
        general_enquiry=services.general_enquiry(current_user),
        feedback_form=FeedbackForm(formdata=None),
        button_form=ButtonForm(formdata=None),
        **context,
    )


@bp.route("", methods=["GET"])
@policy.requires(policy.can_ask)
def index():
    return _page(AskForm(formdata=None))


def _page(form, *, status_code=None):
    exchanges = services.conversation(current_user, _conversation_ids())
    context = dict(
        exchanges=exchanges,
        form=form,
        general_enquiry=services.general_enquiry(current_user),
        feedback_form=FeedbackForm(formdata=None),
        button_form=ButtonForm(formdata=None),
    )
    if status_code:
        return render("assistant/index.html", "assistant/_form.html", status_code=status_code, **context)
    return render("assistant/index.html", **context)


@bp.route("", methods=["POST"])
@limited("search")  # a question is a search: the same humane limit, one count
@policy.requires(policy.can_ask)
@redisplays_form
def ask():
    form = AskForm()
    if form.validate_on_submit():
        try:
            asked, answer = _ask_unless_rebuilding(form.question.data)
        except FieldError as error:
            form.show(error)
        else:
            _remember(asked.id)
            if not wants_fragment():
                return redirect_to(url_for("assistant.index", _anchor=f"exchange-{asked.id}"))
            return render(
                "assistant/_exchange.html",
                "assistant/_exchange.html",
                asked=asked,
                answer=answer,
                general_enquiry=services.general_enquiry(current_user),
                feedback_form=FeedbackForm(formdata=None),
                button_form=ButtonForm(formdata=None),
                clear_flash=True,
            )
    response = _page(form, status_code=422)
    if wants_fragment():
        # The answer would go into the conversation; the form with its errors replaces the form.
        response.headers["HX-Retarget"] = "#ask-form"
        response.headers["HX-Reswap"] = "outerHTML"
    return response


def _ask_unless_rebuilding(question: str):
    """services.ask, or the question back on the form with a plain message while the search index
    is lost, damaged or being rebuilt (found by a read: it is rebuilt in the background, as for
    the search page), never a 500."""
    try:
        if search.missing() or search.rebuilding():
            search.heal()  # rebuilds it, unless a rebuild is already under way
            raise FieldError("question", REBUILDING)
        return services.ask(current_user, question, previous=_previous())
    except FieldError:
        raise
    except Exception as error:
        if search.readiness()["ok"]:
            raise  # not the index's fault
        search.heal(error)
        raise FieldError("question", REBUILDING) from error


@bp.route("/clear", methods=["POST"])
@policy.requires(policy.can_ask)
def clear():
    form = ButtonForm()
    if form.validate_on_submit():
        session.pop(SESSION_KEY, None)
        flash("Conversation cleared", "success")
    return redirect_to(url_for("assistant.index"))


@bp.route("/<int:question_id>/feedback", methods=["POST"])
def feedback(question_id: int):
    asked = _own_question_or_404(question_id)
    form = FeedbackForm()
    if form.validate_on_submit():
        services.give_feedback(asked, current_user, helpful=form.helpful.data == "yes")
        if wants_fragment():
            return _part("assistant/_feedback.html", asked, just_rated=True)
        flash("Thank you: your feedback helps editors improve the answers", "success")
    elif wants_fragment():
        return _part("assistant/_feedback.html", asked, status_code=422)
    else:
        flash("Choose “This helped” or “This didn’t help”", "error")
    return redirect_to(url_for("assistant.index", _anchor=f"exchange-{asked.id}"))


@bp.route("/<int:question_id>/community", methods=["POST"])
def refer(question_id: int):
    asked = _own_question_or_404(question_id)
    form = ButtonForm()
    if form.validate_on_submit():
        services.refer(asked, current_user)
        if wants_fragment():
            return _part("assistant/_community.html", asked, just_referred=True)
        flash("Sent to the community of practice. You will get a notification when someone answers.", "success")
    return redirect_to(url_for("assistant.index", _anchor=f"exchange-{asked.id}"))


# --- The community of practice --------------------------------------------------------------------


@bp.route("/community")
@policy.requires(policy.can_answer_community_questions)
def community():
    return render(
        "assistant/community.html",
        waiting=services.community_questions(),
        answered=services.community_questions(answered=True, limit=20),
    )


@bp.route("/community/<int:question_id>", methods=["GET", "POST"])
@redisplays_form
def community_question(question_id: int):
    asked = services.get(question_id)
    if asked is None or asked.referred_at is None or not policy.can_view_asked_question(current_user, asked):
        abort(404)
    may_reply = policy.can_answer_community_questions(current_user)
    form = ReplyForm(formdata=None if request.method == "GET" else request.form)
    if request.method == "POST":
        if not may_reply:
            policy.deny()
        if form.validate_on_submit():
            try:
                services.reply(asked, current_user, form.body.data or "")
            except FieldError as error:
                form.show(error)
            else:
                flash("Answer sent: the person who asked has a notification", "success")
                return redirect_to(url_for("assistant.community"))
    return render_form("assistant/community_question.html", form, asked=asked, may_reply=may_reply)


# --- The council's vocabulary ------------------------------------------------------------------------


@bp.route("/vocabulary", methods=["GET", "POST"])
@policy.requires(policy.can_manage_vocabulary)
@redisplays_form
def vocabulary_list():
    form = SynonymForm()
    if form.validate_on_submit():
        try:
            entry = vocabulary.save(None, term=form.term.data, meaning=form.meaning.data, actor=current_user)
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Added: “{entry.term}” means “{entry.meaning}”", "success")
            return redirect_to(url_for("assistant.vocabulary_list"))
    return render_form(
        "assistant/vocabulary.html", form, entries=vocabulary.entries(), button_form=ButtonForm(formdata=None)
    )


@bp.route("/vocabulary/<int:entry_id>", methods=["GET", "POST"])
@policy.requires(policy.can_manage_vocabulary)
@redisplays_form
def edit_synonym(entry_id: int):
    entry = vocabulary.get(entry_id) or abort(404)
    form = SynonymForm(obj=entry if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            vocabulary.save(entry, term=form.term.data or "", meaning=form.meaning.data or "", actor=current_user)
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Saved: “{entry.term}” means “{entry.meaning}”", "success")
            return redirect_to(url_for("assistant.vocabulary_list"))
    return render_form("assistant/synonym_form.html", form, entry=entry)


@bp.route("/vocabulary/<int:entry_id>/remove", methods=["POST"])
@policy.requires(policy.can_manage_vocabulary)
def remove_synonym(entry_id: int):
    entry = vocabulary.get(entry_id) or abort(404)
    form = ButtonForm()
    if form.validate_on_submit():
        term = entry.term
        vocabulary.remove(entry, actor=current_user)
        flash(f"Removed “{term}” from the vocabulary", "success")
    return redirect_to(url_for("assistant.vocabulary_list"))
