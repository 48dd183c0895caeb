"""People without an account (assisted digital): recording one (from the person picker, back to the
request with them chosen), seeing and changing one, and the phone calls and letters owed to them
on a request (marked done; the printable letter)."""

from flask import abort, flash, request, url_for
from flask_login import current_user

from app import policy
from app.catalogue import services as catalogue
from app.forms import ButtonForm, redisplays_form
from app.htmx import redirect_to, render, render_form
from app.models import ContactMethod
from app.service_requests import contacts, raising, services
from app.service_requests import contacts_bp as bp
from app.service_requests.forms import ContactForm
from app.validation import FieldError


@bp.app_context_processor
def _contact_helpers():
    return {"contact_tasks_of": contacts.tasks}


def _contact_or_404(contact_id: int):
    return contacts.visible_contact(current_user, contact_id) or abort(404)


def _request_for_contact_or_404(reference: str):
    """A request for a contact, worked by this person's team (its tasks and letters)."""
    service_request = services.get_request(reference)
    if (
        service_request is None
        or service_request.contact is None
        or not policy.can_work_request(current_user, service_request)
        or not policy.can_see_contact(current_user, service_request.contact)
    ):
        abort(404)
    return service_request


def _back_to_request(slug: str, token: str, contact=None) -> str:
    """The request being raised, with what was typed (its draft) and this contact chosen."""
    return url_for(
        "raising.raise_request",
        slug=slug,
        draft=token or None,
        requester=contacts.contact_value(contact) if contact else None,
        _anchor="requester",
    )


def _use_link(service, draft, contact) -> str:
    """Where "use this person" leads from the duplicates warning."""
    if service is None:
        return url_for("contacts.show", contact_id=contact.id)
    return _back_to_request(service.slug, draft.token if draft else "", contact)


@bp.route("/contacts/new", methods=["GET", "POST"])
@redisplays_form
def new():
    if not policy.can_record_contacts(current_user):
        abort(404)
    service_slug = (request.values.get("service") or "")[:200]
    service = catalogue.visible_service(current_user, service_slug) if service_slug else None
    token = (request.values.get("draft") or "")[:64]
    draft = raising.get_draft(token, current_user, service) if service and token else None
    form = ContactForm()
    if request.method == "GET" and request.args.get("name"):
        form.name.data = request.args["name"][: contacts.NAME_MAX]
    duplicates = []
    if form.validate_on_submit():
        try:
            details = contacts.checked(form.details())
            posted_before = contacts.recorded_with(current_user, form.submission_key.data)
            duplicates = [] if form.confirm_new.data or posted_before else contacts.same_details(current_user, details)
            if not duplicates:
                contact = contacts.record(current_user, details, submission_key=form.submission_key.data)
        except FieldError as error:
            form.show(error)
        else:
            if not duplicates:
                flash(f"{contact.name} recorded", "success")
                if service is not None:
                    return redirect_to(_back_to_request(service.slug, draft.token if draft else "", contact))
                return redirect_to(url_for("contacts.show", contact_id=contact.id))
            form.confirm_new.data = "1"  # saved again, it is a different person with the same details
    return render_form(
        "contacts/form.html",
        form,
        contact=None,
        service=service,
        draft=draft,
        duplicates=duplicates,
        back=_back_to_request(service.slug, draft.token if draft else "") if service else None,
        use_link=lambda contact: _use_link(service, draft, contact),
    )


@bp.route("/contacts/<int:contact_id>")
def show(contact_id: int):
    contact = _contact_or_404(contact_id)
    return render("contacts/show.html", contact=contact, requests=contacts.requests_of(current_user, contact))


@bp.route("/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@redisplays_form
def edit(contact_id: int):
    contact = _contact_or_404(contact_id)
    if contact.anonymised_at is not None:
        abort(404)
    form = ContactForm(obj=contact if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            contacts.change(current_user, contact, form.details())
        except FieldError as error:
            form.show(error)
        else:
            flash("Details saved", "success")
            return redirect_to(url_for("contacts.show", contact_id=contact.id))
    return render_form(
        "contacts/form.html", form, contact=contact, service=None, draft=None, duplicates=[], back=None, use_link=None
    )


@bp.route("/<reference>/contact-tasks/<int:task_id>/done", methods=["POST"])
def task_done(reference: str, task_id: int):
    service_request = _request_for_contact_or_404(reference)
    task = contacts.task_of(service_request, task_id) or abort(404)
    form = ButtonForm()
    if form.validate_on_submit():
        if contacts.mark_done(service_request, task, current_user):
            flash("Marked as done", "success")
        else:
            flash(f"{task.done_by.name if task.done_by else 'Someone'} marked this done already", "info")
    return redirect_to(url_for("service_requests.show", reference=service_request.reference, _anchor="contact"))


@bp.route("/<reference>/letters/<int:task_id>")
def letter(reference: str, task_id: int):
    service_request = _request_for_contact_or_404(reference)
    task = contacts.task_of(service_request, task_id)
    if task is None or task.method != ContactMethod.LETTER or service_request.contact.anonymised_at is not None:
        abort(404)
    contacts.letter_viewed(current_user, service_request, task)
    return render("contacts/letter.html", service_request=service_request, contact=service_request.contact, task=task)
