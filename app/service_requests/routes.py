"""Request pages: my requests; a request with its timeline, worked by its team (assign, status,
priority, replies and notes) and followed by its requester (reply, cancel, rate, reopen); the
team queues; canned replies."""

from flask import abort, flash, request, url_for
from flask_login import current_user

from app import files, policy
from app.forms import ButtonForm, redisplays_form
from app.htmx import redirect_to, render, render_form, wants_fragment
from app.models.service_request import PRIORITY_LABELS, REQUEST_STATUS_COLOURS, REQUEST_STATUS_LABELS
from app.rate_limits import limited
from app.security import safe_next
from app.service_requests import approval_routes as approval_routes  # its views join bp
from app.service_requests import (
    bp,
    participant_routes,  # noqa: F401  (its views are on this blueprint)
    participants,
    queue,
    services,
    sla,
    team_replies,
    workflow,
)
from app.service_requests.forms import (
    AssignForm,
    AssignToMeForm,
    BulkAssignForm,
    CancelForm,
    CannedChoiceForm,
    CannedReplyForm,
    MessageForm,
    PriorityForm,
    RatingForm,
    ReasonForm,
    StatusForm,
)
from app.service_requests.tokens import rating_token_valid
from app.validation import FieldError

MAX_REPLY_FILES = 3


@bp.app_context_processor
def _request_helpers():
    return {
        "request_status_colours": REQUEST_STATUS_COLOURS,
        "sla_state": sla.sla_state,
        "due_explanation": sla.due_explanation,
    }


@bp.app_template_filter("status_label")
def _status_label(status: str) -> str:
    return REQUEST_STATUS_LABELS.get(status, status)


def _request_or_404(reference: str):
    service_request = services.get_request(reference)
    if service_request is None or not policy.can_view_request(current_user, service_request):
        abort(404)
    return service_request


def _worked_or_404(reference: str):
    service_request = _request_or_404(reference)
    if not policy.can_work_request(current_user, service_request):
        policy.deny()
    return service_request


def _requested_or_404(reference: str):
    service_request = _request_or_404(reference)
    if not policy.is_requester(current_user, service_request):
        policy.deny()
    return service_request


def _back_to(service_request, anchor: str = "timeline"):
    return redirect_to(url_for("service_requests.show", reference=service_request.reference, _anchor=anchor))


# --- The requester's pages -------------------------------------------------------------------


@bp.route("/mine")
def mine():
    show = request.args.get("show", "")
    if show not in services.MINE_FILTERS:
        show = ""
    text = " ".join(request.args.get("q", "")[:100].split())
    page = services.mine(current_user, request.args.get("page", 1, type=int), show, text)

    def link(**changes):
        values = {"show": show or None, "q": text or None, **changes}
        return url_for("service_requests.mine", **{key: value for key, value in values.items() if value})

    return render(
        "service_requests/mine.html",
        page=page,
        show=show,
        text=text,
        filters=services.MINE_FILTERS,
        counts=services.mine_counts(current_user, text),
        copied_into=services.copied_into(current_user),
        link=link,
        page_url=lambda number: link(page=number),
    )


@bp.route("/<reference>/sent")
def confirmation(reference: str):
    return render("service_requests/confirmation.html", service_request=_request_or_404(reference))


@bp.route("/<reference>/attachments/<int:attachment_id>/<path:filename>")
def download(reference: str, attachment_id: int, filename: str):
    service_request = _request_or_404(reference)
    attachment = services.get_attachment(service_request, attachment_id) or abort(404)
    if (
        attachment.event_id is not None
        and not policy.can_see_internal_notes(current_user, service_request)
        and not services.event_is_public(attachment.event_id)
    ):
        abort(404)
    try:
        return files.send(attachment.stored_name, filename=attachment.filename, content_type=attachment.content_type)
    except FileNotFoundError:
        abort(404)


def _show(service_request, *, status_code=200, **forms):
    """The request page: every form on it, with any that failed shown with its errors."""
    # The failed form (if any) heads the page's error summary: find it before the forms are taken below.
    failed = next((form for form in forms.values() if form is not None and form.errors), None)
    worker = policy.can_work_request(current_user, service_request)
    canned = team_replies.canned_replies(service_request.team) if worker else []
    message_form = forms.pop("message_form", None) or MessageForm(formdata=None)
    chosen = request.args.get("canned", type=int)
    if chosen and request.method == "GET" and worker:
        reply = next((canned_reply for canned_reply in canned if canned_reply.id == chosen), None)
        if reply is not None:
            message_form.body.data = reply.body
    canned_form = CannedChoiceForm(formdata=None)
    canned_form.canned.choices = [(canned_reply.id, canned_reply.title) for canned_reply in canned]
    canned_form.canned.data = chosen
    assign_form = forms.pop("assign_form", None) or AssignForm(
        formdata=None, data={"assignee": service_request.assignee_id or 0, "version": service_request.version}
    )
    assign_form.assignee.choices = [(0, "Nobody")] + [
        (person.id, person.name) for person in workflow.assignable_people(service_request.team)
    ]
    status_form = forms.pop("status_form", None) or StatusForm(formdata=None, data={"version": service_request.version})
    status_form.status.choices = [
        (status, REQUEST_STATUS_LABELS[status]) for status in workflow.allowed_statuses(service_request)
    ]
    return render(
        "service_requests/show.html",
        service_request=service_request,
        status_code=status_code,
        events=workflow.timeline(service_request, current_user),
        worker=worker,
        requester=policy.is_requester(current_user, service_request),
        sla=sla.sla_state(service_request),
        can_reopen=sla.can_reopen(service_request),
        reopen_until=sla.reopen_until(service_request),
        cancellable=service_request.status in workflow.CANCELLABLE,
        message_form=message_form,
        canned_form=canned_form,
        assign_form=assign_form,
        status_form=status_form,
        priority_form=forms.pop("priority_form", None)
        or PriorityForm(formdata=None, data={"priority": service_request.priority, "version": service_request.version}),
        rating_form=forms.pop("rating_form", None) or RatingForm(formdata=None),
        reopen_form=forms.pop("reopen_form", None) or ReasonForm(formdata=None),
        assign_to_me_form=AssignToMeForm(formdata=None, data={"version": service_request.version}),
        priorities=PRIORITY_LABELS,
        rating_labels=workflow.RATING_LABELS,
        other_requests=participants.other_requests(service_request) if worker else [],
        leave_form=ButtonForm(formdata=None),
        form=failed,
    )


@bp.route("/<reference>")
def show(reference: str):
    return _show(_request_or_404(reference))


def _form_problem(service_request, name: str, form):
    return _show(service_request, status_code=422, **{name: form})


@bp.route("/<reference>/messages", methods=["POST"])
@limited("request_message")
@redisplays_form
def add_message(reference: str):
    service_request = _request_or_404(reference)
    form = MessageForm()
    if form.validate_on_submit():
        uploads = [upload for upload in (form.files.data or []) if getattr(upload, "filename", "")]
        try:
            if len(uploads) > MAX_REPLY_FILES:
                raise FieldError("files", f"Attach up to {MAX_REPLY_FILES} files")
            checked = [files.check_upload(upload, field="files") for upload in uploads]
            internal = form.visibility.data == "internal" and policy.can_work_request(current_user, service_request)
            workflow.add_message(
                service_request,
                current_user,
                form.body.data or "",
                internal=internal,
                uploads=checked,
                submission_key=form.submission_key.data,
            )
        except FieldError as error:
            form.show(error)
        else:
            flash("Internal note added" if internal else "Reply sent", "success")
            return _back_to(service_request)
    return _form_problem(service_request, "message_form", form)


@bp.route("/<reference>/assign", methods=["POST"])
@redisplays_form
def assign(reference: str):
    service_request = _worked_or_404(reference)
    form = AssignForm()
    if form.validate_on_submit():
        try:
            changed = workflow.assign(
                service_request, current_user, form.assignee.data or None, expected_version=form.version.data
            )
        except FieldError as error:
            form.show(error)
        else:
            if changed:
                assignee = service_request.assignee
                flash(f"Assigned to {assignee.name}" if assignee else "Nobody is assigned now", "success")
            return _back_to(service_request, "work")
    return _form_problem(service_request, "assign_form", form)


@bp.route("/<reference>/assign-to-me", methods=["POST"])
def assign_to_me(reference: str):
    """One click from the queue: htmx swaps the row; without JavaScript, back to the queue."""
    service_request = _worked_or_404(reference)
    form = AssignToMeForm()
    problem = None
    if form.validate_on_submit():
        try:
            workflow.assign(service_request, current_user, current_user.id, expected_version=form.version.data)
        except FieldError as error:
            problem = error.message
    else:
        problem = "This page had expired. Reload it and try again."
    back = safe_next(form.next.data) or url_for("service_requests.show", reference=service_request.reference)
    if wants_fragment():
        return render(
            "service_requests/_queue_row.html",
            "service_requests/_queue_row.html",
            item=service_request,
            problem=problem,
            assign_to_me_form=AssignToMeForm(formdata=None),
            next_url=back,
            status_code=409 if problem and "changed" in problem else 200,
            announce=problem or f"{service_request.reference} assigned to you",
        )
    flash(problem or f"{service_request.reference} assigned to you", "error" if problem else "success")
    return redirect_to(back)


@bp.route("/<reference>/status", methods=["POST"])
@redisplays_form
def change_status(reference: str):
    service_request = _worked_or_404(reference)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            workflow.change_status(
                service_request,
                current_user,
                form.status.data,
                expected_version=form.version.data,
                note=form.note.data or "",
            )
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Status changed to {service_request.status_label.lower()}", "success")
            return _back_to(service_request)
    return _form_problem(service_request, "status_form", form)


@bp.route("/<reference>/priority", methods=["POST"])
@redisplays_form
def set_priority(reference: str):
    service_request = _worked_or_404(reference)
    form = PriorityForm()
    if form.validate_on_submit():
        try:
            workflow.set_priority(service_request, current_user, form.priority.data, expected_version=form.version.data)
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Priority is {service_request.priority_label.lower()}", "success")
            return _back_to(service_request, "work")
    return _form_problem(service_request, "priority_form", form)


@bp.route("/<reference>/cancel", methods=["GET", "POST"])
@redisplays_form
def cancel(reference: str):
    service_request = _requested_or_404(reference)
    form = CancelForm()
    if form.validate_on_submit():
        try:
            workflow.cancel(service_request, current_user, reason=form.reason.data or "")
        except FieldError as error:
            form.show(error)
        else:
            flash("Your request has been cancelled", "success")
            return _back_to(service_request)
    return render_form(
        "service_requests/cancel.html",
        form,
        service_request=service_request,
        cancellable=service_request.status in workflow.CANCELLABLE,
    )


@bp.route("/<reference>/reopen", methods=["POST"])
@redisplays_form
def reopen(reference: str):
    service_request = _requested_or_404(reference)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            workflow.reopen(service_request, current_user, reason=form.reason.data or "")
        except FieldError as error:
            form.show(error)
        else:
            flash("Request reopened. The team has been told.", "success")
            return _back_to(service_request)
    return _form_problem(service_request, "reopen_form", form)


@bp.route("/<reference>/rating", methods=["POST"])
@redisplays_form
def rate(reference: str):
    service_request = _requested_or_404(reference)
    form = RatingForm()
    if form.validate_on_submit():
        try:
            rated = workflow.rate(service_request, current_user, form.rating.data, form.comment.data or "")
        except FieldError as error:
            form.show(error)
        else:
            flash("Thank you for your rating" if rated else "You have already rated this request", "success")
            return _back_to(service_request, "rate-service")
    return _form_problem(service_request, "rating_form", form)


@bp.route("/<reference>/rate/<int:score>")
def rate_by_link(reference: str, score: int):
    """The one-click links in the "resolved" email: the signed token stands in for the form."""
    service_request = _requested_or_404(reference)
    if not rating_token_valid(request.args.get("token", ""), service_request, current_user):
        abort(404)
    try:
        rated = workflow.rate(service_request, current_user, score)
    except FieldError as error:
        flash(error.message, "error")
    else:
        flash(
            "Thank you for your rating. You can add a comment below."
            if rated
            else "You have already rated this request",
            "success",
        )
    return redirect_to(url_for("service_requests.show", reference=service_request.reference, _anchor="rate-service"))


# --- The team's side -------------------------------------------------------------------------


@bp.route("/queue")
@policy.requires(policy.can_view_queue)
def team_queue():
    teams = queue.teams_for(current_user)
    team_id = request.args.get("team", type=int)
    team = next((team for team in teams if team.id == team_id), teams[0] if teams else None)
    if team is None:
        abort(404)
    filters = queue.QueueFilters.from_args(request.args)
    page = queue.page(team, filters, current_user)
    here = url_for("service_requests.team_queue", **({"team": team.id} if len(teams) > 1 else {}), **filters.args())

    def link(**changes):
        extra = {"team": team.id} if len(teams) > 1 else {}
        return url_for("service_requests.team_queue", **extra, **filters.args(page=1, **changes))

    bulk = BulkAssignForm(formdata=None, data={"next": here})
    bulk.assignee.choices = [(0, "Nobody")] + [(p.id, p.name) for p in workflow.assignable_people(team)]
    return render(
        "service_requests/queue.html",
        "service_requests/_queue_results.html",
        team=team,
        teams=teams,
        page=page,
        filters=filters,
        counts=queue.counts(team, filters, current_user),
        statuses=queue.STATUS_FILTERS,
        due_filters=queue.DUE_FILTERS,
        sorts=queue.SORTS,
        services=queue.services_of(team),
        link=link,
        here=here,
        page_url=lambda number: url_for(
            "service_requests.team_queue", **({"team": team.id} if len(teams) > 1 else {}), **filters.args(page=number)
        ),
        bulk_form=bulk,
        assign_to_me_form=AssignToMeForm(formdata=None),
        next_url=here,
        # Read out after a filter swaps the results in (focus moves to the count too).
        announce=f"{page.total} {'request' if page.total == 1 else 'requests'} shown",
    )


@bp.route("/queue/assign", methods=["POST"])
@policy.requires(policy.can_view_queue)
def bulk_assign():
    form = BulkAssignForm()
    teams = queue.teams_for(current_user)
    team = next((team for team in teams if team.id == request.form.get("team", type=int)), teams[0] if teams else None)
    back = safe_next(form.next.data) or url_for("service_requests.team_queue")
    if team is None:
        abort(404)
    if not form.validate_on_submit():
        flash("Nothing was assigned: the page had expired. Try again.", "error")
        return redirect_to(back)
    if not form.requests.data:
        flash("Choose at least one request to assign", "error")
        return redirect_to(back)
    try:
        changed = workflow.bulk_assign(team, current_user, form.requests.data, form.assignee.data or None)
    except FieldError as error:
        flash(error.message, "error")
    else:
        flash(f"{changed} {'request' if changed == 1 else 'requests'} assigned", "success")
    return redirect_to(back)


@bp.route("/canned-replies", methods=["GET", "POST"])
@policy.requires(policy.can_view_queue)
@redisplays_form
def canned_replies():
    team = current_user.team
    if team is None:
        abort(404)
    manage = policy.can_manage_canned_replies(current_user, team)
    form = CannedReplyForm()
    if manage and form.validate_on_submit():
        try:
            team_replies.save_canned_reply(team, current_user, title=form.title.data, body=form.body.data)
        except FieldError as error:
            form.show(error)
        else:
            flash("Canned reply saved", "success")
            return redirect_to(url_for("service_requests.canned_replies"))
    elif not manage and request.method == "POST":
        policy.deny()
    return render_form(
        "service_requests/canned_replies.html",
        form,
        team=team,
        replies=team_replies.canned_replies(team),
        manage=manage,
        delete_form=ButtonForm(formdata=None),
    )


@bp.route("/canned-replies/<int:reply_id>", methods=["GET", "POST"])
@redisplays_form
def edit_canned_reply(reply_id: int):
    reply = team_replies.get_canned_reply(reply_id)
    if (
        reply is None
        or current_user.team is None
        or reply.team_id != current_user.team_id
        or not policy.can_manage_canned_replies(current_user, current_user.team)
    ):
        abort(404)
    form = CannedReplyForm(obj=reply if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            team_replies.save_canned_reply(
                current_user.team, current_user, title=form.title.data or "", body=form.body.data or "", reply=reply
            )
        except FieldError as error:
            form.show(error)
        else:
            flash("Canned reply saved", "success")
            return redirect_to(url_for("service_requests.canned_replies"))
    return render_form("service_requests/canned_reply_form.html", form, reply=reply)


@bp.route("/canned-replies/<int:reply_id>/delete", methods=["POST"])
def delete_canned_reply(reply_id: int):
    reply = team_replies.get_canned_reply(reply_id)
    if (
        reply is None
        or current_user.team is None
        or reply.team_id != current_user.team_id
        or not policy.can_manage_canned_replies(current_user, current_user.team)
    ):
        abort(404)
    if ButtonForm().validate_on_submit():
        team_replies.delete_canned_reply(reply, current_user)
        flash("Canned reply deleted", "success")
    return redirect_to(url_for("service_requests.canned_replies"))
