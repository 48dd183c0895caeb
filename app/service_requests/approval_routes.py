"""Approval pages: deciding from the request page, the confirm page an email's signed link leads
to (a GET shows the form, only the POST decides), and "Approvals waiting for me"."""

from flask import abort, flash, url_for
from flask_login import current_user

from app import policy
from app.extensions import db
from app.forms import redisplays_form
from app.htmx import redirect_to, render, render_form
from app.models import RequestApproval, ServiceRequest
from app.service_requests import approvals, bp
from app.service_requests.forms import ApprovalDecisionForm
from app.validation import FieldError


@bp.app_template_global("approval_section")
def approval_section(service_request: ServiceRequest) -> dict:
    """What the request page's approval section shows: the steps, and a form for whoever may
    decide the pending one."""
    steps = approvals.request_approvals(service_request)
    pending = next((step for step in steps if step.state == "pending"), None)
    mine = pending if pending is not None and policy.can_decide_approval(current_user, pending) else None
    return {
        "steps": steps,
        "pending": pending,
        "mine": mine,
        "asked": approvals.asked_of(mine, current_user) if mine else None,
        "form": ApprovalDecisionForm(formdata=None),
    }


def _decide(approval: RequestApproval, form: ApprovalDecisionForm):
    """Decide from a posted form: back to the request with what happened, or the form again."""
    service_request = db.session.get_one(ServiceRequest, approval.request_id)
    if form.validate_on_submit():
        try:
            approvals.decide(
                approval, current_user, approve=form.decision.data == "approve", reason=form.reason.data or ""
            )
        except FieldError as error:
            if error.field is None:  # decided by someone else, or ended: nothing to correct
                flash(error.message, "info")
                return redirect_to(url_for("service_requests.show", reference=service_request.reference))
            form.show(error)
        else:
            flash(
                "Approved. Thank you."
                if form.decision.data == "approve"
                else "Rejected. The requester has been told why.",
                "success",
            )
            return redirect_to(
                url_for("service_requests.show", reference=service_request.reference, _anchor="approval")
            )
    return _confirm_page(approval, service_request, form, token=None)


def _confirm_page(approval, service_request, form, *, token):
    return render_form(
        "service_requests/approval_confirm.html",
        form,
        approval=approval,
        service_request=service_request,
        asked=approvals.asked_of(approval, current_user),
        token=token,
    )


@bp.route("/<reference>/approvals/<int:approval_id>", methods=["POST"])
@redisplays_form
def decide(reference: str, approval_id: int):
    approval = db.session.get(RequestApproval, approval_id)
    service_request = db.session.get(ServiceRequest, approval.request_id) if approval else None
    if (
        approval is None
        or service_request is None
        or service_request.reference != reference.upper()
        or approvals.asked_of(approval, current_user) is None
    ):
        abort(404)
    return _decide(approval, ApprovalDecisionForm())


@bp.route("/approve/<token>", methods=["GET", "POST"])
@redisplays_form
def approval_link(token: str):
    """The email's one-click link: the signed token names the step and the person it was sent to;
    anyone else (or a link not ours) finds nothing; an old link says so."""
    reading = approvals.read_link_token(token)
    if reading.expired or reading.approval_id is None:
        return render(
            "service_requests/approval_link_invalid.html",
            expired=reading.expired,
            link_days=approvals.LINK_DAYS,
            status_code=404,
        )
    approval = db.session.get(RequestApproval, reading.approval_id)
    if approval is None or reading.person_id != current_user.id or approvals.asked_of(approval, current_user) is None:
        abort(404)
    service_request = db.session.get_one(ServiceRequest, approval.request_id)
    form = ApprovalDecisionForm()
    if form.is_submitted():
        return _decide(approval, form)
    return _confirm_page(approval, service_request, ApprovalDecisionForm(formdata=None), token=token)


@bp.route("/approvals")
def approvals_waiting():
    return render("service_requests/approvals_waiting.html", waiting=approvals.waiting_for(current_user))
