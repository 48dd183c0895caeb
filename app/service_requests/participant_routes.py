"""Participants' pages: copying a colleague into a request (a short search that works without
JavaScript), taking them out, and leaving. On the request blueprint, imported by routes.py."""

from flask import abort, flash, request, url_for
from flask_login import current_user

from app import policy
from app.forms import ButtonForm, redisplays_form
from app.htmx import redirect_to, render_form
from app.service_requests import bp, participants, services
from app.service_requests.forms import FindColleagueForm, ParticipantForm
from app.validation import FieldError


def _managed_or_404(reference: str):
    service_request = services.get_request(reference)
    if service_request is None or not policy.can_view_request(current_user, service_request):
        abort(404)
    if not policy.can_manage_participants(current_user, service_request):
        policy.deny()
    return service_request


def _page(service_request, form):
    find_form = FindColleagueForm(request.args)
    text = (find_form.q.data or "").strip() if find_form.validate() else ""
    return render_form(
        "service_requests/participants.html",
        form,
        service_request=service_request,
        find_form=find_form,
        searched=text,
        found=participants.find_colleagues(service_request, text),
        too_short=0 < len(text) < participants.MIN_SEARCH,
        remove_form=ButtonForm(formdata=None),
    )


@bp.route("/<reference>/participants")
def participants_page(reference: str):
    return _page(_managed_or_404(reference), ParticipantForm(formdata=None))


@bp.route("/<reference>/participants", methods=["POST"])
@redisplays_form
def add_participant(reference: str):
    service_request = _managed_or_404(reference)
    form = ParticipantForm()
    if form.validate_on_submit():
        try:
            added = participants.add(service_request, current_user, form.person.data)
        except FieldError as error:
            form.show(error)
        else:
            flash(f"{added.user.name} is copied in", "success")
            return redirect_to(
                url_for("service_requests.show", reference=service_request.reference, _anchor="copied-in")
            )
    return _page(service_request, form)


@bp.route("/<reference>/participants/<int:person_id>/remove", methods=["POST"])
def remove_participant(reference: str, person_id: int):
    service_request = services.get_request(reference)
    if service_request is None or not policy.can_view_request(current_user, service_request):
        abort(404)
    leaving = person_id == current_user.id
    if not (leaving and policy.can_leave_request(current_user, service_request)) and not policy.can_manage_participants(
        current_user, service_request
    ):
        policy.deny()
    if not ButtonForm().validate_on_submit():
        flash("Nothing changed: the page had expired. Try again.", "error")
        return redirect_to(url_for("service_requests.show", reference=service_request.reference))
    try:
        person = participants.remove(service_request, current_user, person_id)
    except FieldError as error:
        flash(error.message, "error")
        return redirect_to(url_for("service_requests.show", reference=service_request.reference))
    if leaving:
        flash(f"You are no longer copied into {service_request.reference}", "success")
        return redirect_to(url_for("service_requests.mine"))
    flash(f"{person.name} is no longer copied in" if person else "Nobody was taken out: they had left", "success")
    return redirect_to(url_for("service_requests.show", reference=service_request.reference, _anchor="copied-in"))
