"""Admin pages: people (create, edit roles and team, deactivate, reset password, import in bulk) and teams."""

from flask import abort, flash, request, url_for
from flask_login import current_user

from app import audit, policy
from app.admin import bp, people_import, services
from app.admin.forms import (
    NO_TEAM,
    AuditFilterForm,
    ConfirmImportForm,
    NewPersonForm,
    PeopleFilterForm,
    PeopleImportForm,
    PersonForm,
    SetPasswordForm,
    TeamForm,
)
from app.auth import passwords
from app.forms import ButtonForm, redisplays_form
from app.htmx import redirect_to, render, render_form
from app.models import Role
from app.service_requests import approvals
from app.validation import FieldError, StaleEdit


def _person_or_404(person_id: int):
    return services.get_person(person_id) or abort(404)


@bp.route("/people")
@policy.requires(policy.can_manage_people)
def people():
    filters = PeopleFilterForm(request.args)
    page = request.args.get("page", 1, type=int)
    status = filters.status.data if filters.status.data in {"active", "deactivated", "all"} else "active"
    results = services.list_people(query=(filters.q.data or "")[:200], status=status, page=max(page, 1))
    return render(
        "admin/people.html",
        "admin/_people_results.html",
        filters=filters,
        results=results,
        people_page_url=lambda number: url_for("admin.people", q=filters.q.data or None, status=status, page=number),
    )


@bp.route("/people/new", methods=["GET", "POST"])
@policy.requires(policy.can_manage_people)
@redisplays_form
def new_person():
    form = NewPersonForm(teams=services.list_teams())
    if form.validate_on_submit():
        try:
            person = services.create_person(
                name=form.name.data,
                email=form.email.data,
                team_id=form.team_id.data or None,
                roles=form.roles.data,
                password=form.password.data,
                actor=current_user,
            )
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Account created for {person.name}. Give them their temporary password.", "success")
            return redirect_to(url_for("admin.people"))
    return render_form("admin/person_form.html", form, person=None)


@bp.route("/people/import", methods=["GET", "POST"])
@policy.requires(policy.can_import_people)
@redisplays_form
def import_people():
    form = PeopleImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not getattr(upload, "filename", ""):
            form.add_field_error("file", "Choose the CSV file of the users export")
        else:
            try:
                kept = people_import.keep_upload(
                    upload.stream.read(people_import.MAX_BYTES + 1),
                    upload.filename,
                    everyone=form.everyone.data,
                    actor=current_user,
                )
            except FieldError as error:
                form.show(error)
            else:
                return redirect_to(url_for("admin.import_preview", import_id=kept.id))
    return render_form("admin/import_people.html", form, max_rows=people_import.MAX_ROWS)


def _preview(upload, plan, form, *, status_code=200, changed_meanwhile=False):
    form.digest.data = plan.digest()
    return render(
        "admin/import_preview.html",
        status_code=status_code,
        upload=upload,
        plan=plan,
        form=form,
        columns=people_import.describe(plan.columns),
        changed_meanwhile=changed_meanwhile,
    )


@bp.route("/people/import/<int:import_id>", methods=["GET", "POST"])
@policy.requires(policy.can_import_people)
@redisplays_form
def import_preview(import_id: int):
    upload = people_import.upload_for(import_id) or abort(404)
    form = ConfirmImportForm()
    if upload.applied_at is not None:
        return render("admin/import_done.html", upload=upload)
    if form.validate_on_submit():
        try:
            plan, applied = people_import.confirm(upload, form.digest.data or "", current_user)
        except FieldError as error:
            form.show(error)
            return _preview(upload, people_import.plan_upload(upload, current_user), form, status_code=409)
        if applied is None:
            # The people in Staffroom (or their teams) changed since the preview: nothing applied.
            return _preview(upload, plan, form, status_code=409, changed_meanwhile=True)
        flash(
            f"Imported {upload.filename}: {applied.created} created, {applied.changed} changed, "
            f"{applied.deactivated} deactivated",
            "success",
        )
        return redirect_to(url_for("admin.people"))
    return _preview(upload, people_import.plan_upload(upload, current_user), form)


@bp.route("/people/<int:person_id>", methods=["GET", "POST"])
@policy.requires(policy.can_manage_people)
@redisplays_form
def edit_person(person_id: int):
    person = _person_or_404(person_id)
    form = PersonForm(teams=services.list_teams(), obj=person if request.method == "GET" else None)
    if request.method == "GET":
        form.team_id.data = person.team_id or NO_TEAM
        form.roles.data = sorted(person.roles - {Role.STAFF})
        form.line_manager_email.data = person.line_manager.email if person.line_manager else ""
    latest = None
    if form.validate_on_submit():
        try:
            # First: its refusal comes before any write (a write released in a savepoint on SQLite
            # would be kept even though the form is refused).
            approvals.set_line_manager(person, form.line_manager_email.data or "", current_user)
            services.update_person(
                person,
                expected_version=form.version.data,
                name=form.name.data or "",
                email=form.email.data or "",
                team_id=form.team_id.data or None,
                roles=form.roles.data,
                actor=current_user,
            )
        except StaleEdit as error:
            form.show(error)
            latest = services.reload(person)
            # The form now shows the latest version, so saving it again is a deliberate choice.
            # (The hidden field would otherwise render the stale version that was sent.)
            form.version.data = latest.version
            form.version.raw_data = [str(latest.version)]
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Saved the changes to {person.name}", "success")
            return redirect_to(url_for("admin.people"))
    return render_form(
        "admin/person_form.html",
        form,
        person=person,
        latest=latest,
        password_form=SetPasswordForm(formdata=None),
        confirm_form=ButtonForm(formdata=None),
        has_password=passwords.has_password(person.password_hash),
    )


@bp.route("/people/<int:person_id>/password", methods=["POST"])
@policy.requires(policy.can_manage_people)
@redisplays_form
def set_person_password(person_id: int):
    person = _person_or_404(person_id)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(person, form.new_password.data or "", actor=current_user)
        except FieldError as error:
            form.show(error)
        else:
            flash(f"New password set for {person.name}. They have been signed out everywhere.", "success")
            return redirect_to(url_for("admin.edit_person", person_id=person.id))
    return render_form("admin/set_password.html", form, person=person)


@bp.route("/people/<int:person_id>/deactivate", methods=["POST"])
@policy.requires(policy.can_manage_people)
def deactivate_person(person_id: int):
    person = _person_or_404(person_id)
    if not policy.can_deactivate(current_user, person):
        policy.deny()
    if ButtonForm().validate_on_submit():
        services.deactivate(person, actor=current_user)
        flash(f"{person.name} has been deactivated and signed out. Their content stays.", "success")
    return redirect_to(url_for("admin.edit_person", person_id=person.id))


@bp.route("/people/<int:person_id>/sign-out", methods=["POST"])
@policy.requires(policy.can_manage_people)
def sign_out_person(person_id: int):
    person = _person_or_404(person_id)
    if ButtonForm().validate_on_submit():
        ended = services.sign_out_everywhere(person, actor=current_user)
        flash(f"{person.name} has been signed out of {ended} device{'s' if ended != 1 else ''}", "success")
    return redirect_to(url_for("admin.edit_person", person_id=person.id))


@bp.route("/people/<int:person_id>/reactivate", methods=["POST"])
@policy.requires(policy.can_manage_people)
def reactivate_person(person_id: int):
    person = _person_or_404(person_id)
    if ButtonForm().validate_on_submit():
        services.reactivate(person, actor=current_user)
        flash(f"{person.name} can sign in again", "success")
    return redirect_to(url_for("admin.edit_person", person_id=person.id))


@bp.route("/teams", methods=["GET", "POST"])
@policy.requires(policy.can_manage_teams)
@redisplays_form
def teams():
    form = TeamForm()
    if form.validate_on_submit():
        try:
            team = services.save_team(
                None,
                name=form.name.data,
                is_business_support=form.is_business_support.data,
                actor=current_user,
                email=form.email.data or "",
            )
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Team “{team.name}” added", "success")
            return redirect_to(url_for("admin.teams"))
    return render_form(
        "admin/teams.html", form, teams=services.list_teams(), member_counts=services.team_member_counts()
    )


@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@policy.requires(policy.can_manage_teams)
@redisplays_form
def edit_team(team_id: int):
    team = services.get_team(team_id) or abort(404)
    form = TeamForm(obj=team if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.save_team(
                team,
                name=form.name.data or "",
                is_business_support=form.is_business_support.data,
                actor=current_user,
                email=form.email.data or "",
            )
        except FieldError as error:
            form.show(error)
        else:
            flash("Team saved", "success")
            return redirect_to(url_for("admin.teams"))
    return render_form("admin/team_form.html", form, team=team)


@bp.route("/audit")
@policy.requires(policy.can_view_audit_log)
def audit_log():
    filters = AuditFilterForm(request.args)
    filters.view.choices = list(audit.VIEWS.items())
    filters.action.choices = [("", "Anything in the view chosen")] + [
        (name, audit.SENTENCES.get(name) or name.replace("_", " ").capitalize()) for name in audit.actions()
    ]
    filters.validate()  # only to put a clear message on a date that is not a real one
    view = filters.view.data if filters.view.data in audit.VIEWS else "security"
    matching_events = audit.events(
        view=view,
        action=filters.action.data or "",
        person=(filters.person.data or "")[:200],
        day_from=filters.day_from.data,
        day_to=filters.day_to.data,
        page=request.args.get("page", 1, type=int),
    )
    args = {key: value for key, value in request.args.items(multi=False) if key != "page" and value}
    return render(
        "admin/audit.html",
        filters=filters,
        matching_events=matching_events,
        view=view,
        subjects=audit.subjects_named(matching_events.items),
        sentence=audit.sentence,
        details_in_words=audit.details_in_words,
        page_url=lambda number: url_for("admin.audit_log", **{**args, "page": number}),
    )
