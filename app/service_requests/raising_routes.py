"""Raising a request from a service's page: the form, suggested articles while it is typed,
check answers and sending, and "this answered my question". The pages keep the service's URLs
(/services/<slug>/request ...) on their own blueprint, `raising`; drafts, checks and sending are
in raising.py, the form built from the service's questions in request_form.py."""

from flask import abort, flash, request, url_for
from flask_login import current_user

from app import policy
from app.catalogue import services as catalogue
from app.forms import ButtonForm, redisplays_form
from app.htmx import redirect_to, render, render_form
from app.rate_limits import limited
from app.service_requests import raising, request_form
from app.service_requests import raising_bp as bp
from app.service_requests.raising import AlreadySent
from app.validation import FieldError


def _service_or_404(slug: str):
    return catalogue.visible_service(current_user, slug) or abort(404)


def _require_requestable(service):
    if not service.active:
        return render("service_requests/retired.html", service=service, status_code=410)
    if not (policy.may_request(current_user, service) or policy.can_raise_on_behalf(current_user)):
        abort(404)
    return None


def _back_to_sent_request(sent: AlreadySent):
    """Going back to the form of a draft already sent: its request, never a second one."""
    flash("You have already sent this request", "info")
    return redirect_to(url_for("service_requests.show", reference=sent.service_request.reference))


def _confirmation(service_request):
    return redirect_to(url_for("service_requests.confirmation", reference=service_request.reference))


@bp.route("/<slug>/request", methods=["GET", "POST"])
@limited("request_form")
@redisplays_form
def raise_request(slug: str):
    service = _service_or_404(slug)
    refused = _require_requestable(service)
    if refused is not None:
        return refused
    token = request.form.get("draft") or request.args.get("draft") or ""
    try:
        draft = raising.unsent_draft(token, current_user, service) if token else None
    except AlreadySent as sent:
        return _back_to_sent_request(sent)
    if token and draft is None:
        abort(404)
    # A draft's answers fill the form when coming back to change them; a post brings its own.
    formdata = request_form.formdata_from_draft(draft) if draft and request.method == "GET" else None
    # The person picker: who is chosen (posted, kept in the draft, or just recorded as a contact:
    # ?requester=contact-<id>), and whom the search found (?person_query= without JavaScript).
    query = (request.form if request.method == "POST" else request.args).get("person_query", "")[:100]
    chosen = request.form.get("requester", "") if request.method == "POST" else request.args.get("requester", "")
    if formdata is not None:
        if chosen:
            formdata["requester"] = chosen
        chosen = formdata.get("requester", "")
        formdata["person_query"] = query
    form = request_form.build(
        service,
        formdata=formdata,
        people=raising.people_to_raise_for(current_user, chosen, query),
        kept_files=draft and draft.files,
    )
    if request.method == "GET" and draft is None and request.args.get("description") and form.description is not None:
        form.description.data = request.args["description"][: request_form.LONG_TEXT_MAX]
    if request.method == "GET" and draft is None and "requester" in form and chosen:
        form.requester.data = chosen
    picking = request.form.get("find_person") or request.form.get("new_contact")
    if picking and request.method == "POST" and "requester" in form:
        # "Find" or "Not listed?" without JavaScript: keep what is typed in the draft, then search
        # (a GET) or record the person; the draft brings everything back.
        try:
            draft = raising.keep_unfinished(
                service, current_user, token=draft.token if draft else None, **form.draft_answers()
            )
        except AlreadySent as sent:
            return _back_to_sent_request(sent)
        if request.form.get("new_contact"):
            return redirect_to(url_for("contacts.new", service=service.slug, draft=draft.token, name=query or None))
        return redirect_to(
            url_for(
                "raising.raise_request", slug=service.slug, draft=draft.token, person_query=query, _anchor="requester"
            )
        )
    if form.validate_on_submit():
        try:
            draft = raising.save_draft(
                service, current_user, token=draft.token if draft else None, **form.draft_answers()
            )
        except AlreadySent as sent:
            return _back_to_sent_request(sent)
        except FieldError as error:
            form.show(error)
        else:
            return redirect_to(url_for("raising.check_answers", slug=service.slug, token=draft.token))
    asked = form.asked_text()
    suggested = raising.suggested_articles(current_user, asked) if request.method == "POST" or draft else []
    return render_form(
        "service_requests/request_form.html",
        form,
        service=service,
        draft=draft,
        suggestions=suggested,
        deflect_form=ButtonForm(formdata=None),
    )


@bp.route("/<slug>/people")
def people(slug: str):
    """The person picker's search as it is typed (htmx): "Me" and the accounts and contacts matching
    it, as radios (a fragment, like the suggestions); without JavaScript the request form's "Find"
    button shows the same list in the page."""
    service = _service_or_404(slug)
    if not policy.can_raise_on_behalf(current_user):
        abort(404)
    query = request.args.get("person_query", "")[:100]
    chosen = request.args.get("requester", "")[:40]  # the radio checked: kept in the list
    return render(
        "service_requests/_person_results.html",
        "service_requests/_person_results.html",
        service=service,
        query=query,
        found=raising.people_to_raise_for(current_user, chosen, query) or [],
        chosen=chosen,
    )


@bp.route("/<slug>/suggestions")
def suggestions(slug: str):
    """While the description is typed: articles that may answer it."""
    service = _service_or_404(slug)
    text = f"{request.args.get('subject', '')[:200]} {request.args.get('description', '')[:2000]}"
    return render(
        "service_requests/_suggestions.html",
        "service_requests/_suggestions.html",
        service=service,
        suggestions=raising.suggested_articles(current_user, text),
        deflect_form=ButtonForm(formdata=None),
        draft=None,
    )


@bp.route("/<slug>/request/<token>", methods=["GET", "POST"])
@limited("request")
@redisplays_form
def check_answers(slug: str, token: str):
    service = _service_or_404(slug)
    try:
        draft = raising.unsent_draft(token, current_user, service) or abort(404)
    except AlreadySent as sent:
        return _confirmation(sent.service_request)  # a refresh, or back and send again: one request, shown
    form = ButtonForm()
    if form.validate_on_submit():
        refused = _require_requestable(service)
        if refused is not None:
            return refused
        if not request_form.draft_still_fits(draft, people=raising.people_to_raise_for(current_user)):
            flash("The form has changed since you filled it in. Check the questions marked and continue.", "info")
            return redirect_to(url_for("raising.raise_request", slug=service.slug, draft=draft.token))
        try:
            return _confirmation(raising.submit_draft(draft, current_user))
        except AlreadySent as sent:
            return _confirmation(sent.service_request)  # sent a moment ago by another click or browser
        except FieldError as error:
            # This page has only the button: whatever the error names (the requester), it is
            # about the whole request.
            form.add_form_error(error.message)
    return render_form(
        "service_requests/check_answers.html",
        form,
        service=service,
        draft=draft,
        answer_rows=raising.answer_rows(draft),
        suggestions=raising.suggested_articles(current_user, f"{draft.subject} {draft.description}"),
        deflect_form=ButtonForm(formdata=None),
    )


@bp.route("/<slug>/answered", methods=["POST"])
def deflected(slug: str):
    """ "This answered my question": counted, and no request is needed."""
    service = _service_or_404(slug)
    form = ButtonForm()
    article = None
    if form.validate_on_submit():
        article = catalogue.record_deflection(current_user, service, request.form.get("article", type=int))
    if article is None:
        abort(404)
    raising.discard_unsent_draft(request.form.get("draft", ""), current_user, service)
    return render("service_requests/answered.html", service=service, article=article)
