"""The form builder's approval steps: adding one (who approves, and when) and removing one."""

from flask import abort, flash, url_for
from flask_login import current_user

from app import policy
from app.catalogue import bp, services
from app.catalogue.forms import ApprovalStepForm
from app.forms import ButtonForm, redisplays_form
from app.htmx import redirect_to, render_form
from app.service_requests import approvals
from app.validation import FieldError


def _editable_or_404(slug: str):
    service = services.visible_service(current_user, slug) or abort(404)
    if not policy.can_edit_service(current_user, service):
        policy.deny()
    return service


@bp.app_template_global("approval_steps")
def approval_steps(service) -> list[dict]:
    """The form builder's list: each step, who approves it and when."""
    return [
        {"step": step, "who": approvals.describe_step(step), "when": approvals.describe_condition(step)}
        for step in approvals.service_steps(service.id)
    ]


@bp.route("/<slug>/approvals/new", methods=["GET", "POST"])
@redisplays_form
def add_approval_step(slug: str):
    service = _editable_or_404(slug)
    form = ApprovalStepForm()
    form.team.choices = [(0, "No team"), *((team.id, team.name) for team in services.all_teams())]
    form.condition_field.choices = [
        (0, "Always"),
        *((field.id, field.label) for field in approvals.condition_questions(service)),
    ]
    if form.validate_on_submit():
        try:
            approvals.add_step(
                service,
                current_user,
                approver_kind=form.approver_kind.data or "",
                person_email=form.person_email.data or "",
                team_id=form.team.data or None,
                role=form.role.data or "",
                condition_field_id=form.condition_field.data or None,
                condition_operator=form.condition_operator.data or "",
                condition_value=form.condition_value.data or "",
                mode=form.mode.data or "any",
            )
        except FieldError as error:
            form.show(error)
        else:
            flash("Approval step added", "success")
            return redirect_to(url_for("catalogue.form_builder", slug=service.slug, _anchor="approval-steps"))
    return render_form("catalogue/approval_step_form.html", form, service=service)


@bp.route("/<slug>/approvals/<int:step_id>/remove", methods=["GET", "POST"])
@redisplays_form
def remove_approval_step(slug: str, step_id: int):
    service = _editable_or_404(slug)
    step = approvals.get_step(service, step_id) or abort(404)
    form = ButtonForm()
    who = approvals.describe_step(step)
    if form.validate_on_submit():
        approvals.remove_step(service, step, current_user)
        flash(f"Approval step removed: {who}. Requests already sent keep theirs.", "success")
        return redirect_to(url_for("catalogue.form_builder", slug=service.slug, _anchor="approval-steps"))
    return render_form("catalogue/remove_approval_step.html", form, service=service, step=step, who=who)
