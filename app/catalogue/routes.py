"""Service catalogue pages: browsing and searching services, a page per service, managing a
service and building its request form. Raising a request from a service is in
service_requests/raising_routes.py."""

from flask import abort, flash, request, url_for
from flask_login import current_user

from app import policy, search
from app.catalogue import approval_routes as approval_routes  # its views join bp
from app.catalogue import bp, services
from app.catalogue.forms import FieldForm, FormSettingsForm, MoveFieldForm, NewFieldForm, ServiceForm
from app.forms import ButtonForm, redisplays_form
from app.htmx import redirect_to, render, render_form, wants_fragment
from app.markup import render_html
from app.models.catalogue import FIELD_KINDS
from app.service_requests import performance, request_form
from app.validation import FieldError, StaleEdit
from app.working_time import calendar


def _service_or_404(slug: str):
    return services.visible_service(current_user, slug) or abort(404)


def _editable_or_404(slug: str):
    service = _service_or_404(slug)
    if not policy.can_edit_service(current_user, service):
        policy.deny()
    return service


def _field_or_404(service, field_id: int):
    return services.get_field(service, field_id) or abort(404)


# --- Browsing --------------------------------------------------------------------------------


@bp.route("")
def index():
    text = search.clean_query(request.args.get("q", ""))[:200]
    category = request.args.get("category", "")[:90] or None
    ids = search.matching_ids(current_user, text, "service") if text else None
    listed_services = services.catalogue(current_user, category=category, ids=ids)
    return render(
        "catalogue/index.html",
        "catalogue/_results.html",
        listed_services=listed_services,
        text=text,
        category=category,
        categories=services.browsable_categories(current_user),
        grouped=not text,
    )


@bp.route("/manage")
@policy.requires(policy.can_create_services)
def manage():
    return render("catalogue/manage.html", managed=services.managed_services(current_user))


@bp.route("/<slug>")
def service(slug: str):
    service = _service_or_404(slug)
    return render(
        "catalogue/service.html",
        service=service,
        description=render_html(service.description),
        performance=performance.service_performance(service.id),
        working_day_end=calendar().day_end_text,
        can_request=service.active
        and (policy.may_request(current_user, service) or policy.can_raise_on_behalf(current_user)),
    )


# --- Managing services -----------------------------------------------------------------------


def _service_form(**kwargs) -> ServiceForm:
    return ServiceForm(
        categories=services.categories(),
        teams=services.owning_teams(current_user),
        all_teams=services.all_teams(),
        **kwargs,
    )


def _details(form: ServiceForm) -> dict:
    return dict(
        name=form.name.data,
        summary=form.summary.data,
        description=form.description.data or "",
        keywords=form.keywords.data or "",
        category_id=form.category.data,
        new_category=form.new_category.data or "",
        team_id=form.team.data,
        resolution_days=form.resolution_days.data,
        first_response_hours=form.first_response_hours.data,
        sla_warning_percent=form.sla_warning_percent.data,
        audience=form.audience.data,
        requesting_team_ids=form.requesting_teams.data or [],
    )


@bp.route("/new", methods=["GET", "POST"])
@policy.requires(policy.can_create_services)
@redisplays_form
def new_service():
    form = _service_form()
    if form.validate_on_submit():
        try:
            created = services.create_service(current_user, **_details(form))
        except FieldError as error:
            form.show(error)
        else:
            flash("Service created. Now add the questions of its request form.", "success")
            return redirect_to(url_for("catalogue.form_builder", slug=created.slug))
    return render_form("catalogue/service_form.html", form, service=None)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@redisplays_form
def edit_service(slug: str):
    service = _editable_or_404(slug)
    form = _service_form(obj=service if request.method == "GET" else None)
    if request.method == "GET":
        form.category.data, form.team.data = service.category_id, service.team_id
        form.requesting_teams.data = [team.id for team in service.requesting_teams]
    if service.team not in services.owning_teams(current_user):
        form.offer_team(service.team)
    if form.validate_on_submit():
        try:
            services.update_service(
                service, current_user, expected_version=form.version.data, active=form.active.data, **_details(form)
            )
        except FieldError as error:
            form.show(error)
            if isinstance(error, StaleEdit):
                # Saving again from this page is now a deliberate choice over the latest version.
                # Only then: any other error keeps the version the form was opened at. (raw_data is
                # what the hidden field shows; setting data alone would keep the stale version.)
                form.version.data, form.version.raw_data = service.version, [str(service.version)]
        else:
            flash(
                "Service saved" if service.active else "Service saved. It is retired and takes no new requests.",
                "success",
            )
            return redirect_to(url_for("catalogue.service", slug=service.slug))
    return render_form("catalogue/service_form.html", form, service=service)


# --- The form builder ------------------------------------------------------------------------


def _builder(service, *, announce=None, moved_id=None, moved_direction=None):
    return render(
        "catalogue/form_builder.html",
        "catalogue/_fields.html",
        service=service,
        kinds=FIELD_KINDS,
        kind_form=NewFieldForm(formdata=None),
        move_form=MoveFieldForm(formdata=None),
        announce=announce,
        moved_id=moved_id,
        moved_direction=moved_direction,
    )


@bp.route("/<slug>/form")
def form_builder(slug: str):
    return _builder(_editable_or_404(slug))


@bp.route("/<slug>/form/settings", methods=["GET", "POST"])
@redisplays_form
def form_settings(slug: str):
    service = _editable_or_404(slug)
    form = FormSettingsForm()
    due_question = service.due_question
    if request.method == "GET":
        form.asks_description.data = service.asks_description
        form.due_from.data = "event" if due_question else "submission"
        form.due_field.data = due_question.id if due_question else 0
        form.due_days_before.data = due_question.due_working_days_before if due_question else None
        form.version.data = service.version
    form.due_field.choices = [(0, "Choose a date question")] + [
        (field.id, field.label) for field in services.date_questions(service)
    ]
    if form.validate_on_submit():
        try:
            services.update_form_settings(
                service,
                current_user,
                expected_version=form.version.data,
                asks_description=form.asks_description.data,
                due_from=form.due_from.data or "",
                due_field_id=form.due_field.data,
                due_days_before=form.due_days_before.data,
            )
        except FieldError as error:
            form.show(error)
        else:
            flash("Form settings saved", "success")
            return redirect_to(url_for("catalogue.form_builder", slug=service.slug))
    return render_form("catalogue/form_settings.html", form, service=service)


def _field_form(service, field=None, **kwargs) -> FieldForm:
    form = FieldForm(**kwargs)
    form.condition.choices = services.condition_choices(service, field)
    return form


def _field_answers(form: FieldForm) -> dict:
    return dict(
        label=form.label.data,
        hint=form.hint.data or "",
        required=form.required.data,
        options=form.options.data or "",
        min_value=form.min_value.data or "",
        max_value=form.max_value.data or "",
        not_in_past=form.not_in_past.data,
        condition=form.condition.data or "",
    )


@bp.route("/<slug>/form/new", methods=["GET", "POST"])
@redisplays_form
def add_field(slug: str):
    service = _editable_or_404(slug)
    kind = request.args.get("kind", "")
    if kind not in FIELD_KINDS:
        kind_form = NewFieldForm(request.args)
        if request.args:
            kind_form.validate()
        return render_form("catalogue/choose_kind.html", kind_form, service=service)
    form = _field_form(service)
    if form.validate_on_submit():
        try:
            services.add_field(service, current_user, kind=kind, **_field_answers(form))
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Question added: {form.label.data}", "success")
            return redirect_to(url_for("catalogue.form_builder", slug=service.slug))
    return render_form("catalogue/field_form.html", form, service=service, kind=kind, field=None, kinds=FIELD_KINDS)


@bp.route("/<slug>/form/<int:field_id>", methods=["GET", "POST"])
@redisplays_form
def edit_field(slug: str, field_id: int):
    service = _editable_or_404(slug)
    field = _field_or_404(service, field_id)
    form = _field_form(service, field, obj=field if request.method == "GET" else None)
    if request.method == "GET":
        form.min_value.data = request_form.plain_number(field.min_value)
        form.max_value.data = request_form.plain_number(field.max_value)
        form.condition.data = f"{field.show_if_field_id}:{field.show_if_value}" if field.show_if_field_id else ""
    if form.validate_on_submit():
        try:
            services.update_field(service, field, current_user, **_field_answers(form))
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Question saved: {field.label}", "success")
            return redirect_to(url_for("catalogue.form_builder", slug=service.slug))
    return render_form(
        "catalogue/field_form.html", form, service=service, kind=field.kind, field=field, kinds=FIELD_KINDS
    )


@bp.route("/<slug>/form/<int:field_id>/move", methods=["POST"])
def move_field(slug: str, field_id: int):
    service = _editable_or_404(slug)
    field = _field_or_404(service, field_id)
    form = MoveFieldForm()
    moved = form.validate_on_submit() and services.move_field(service, field, current_user, form.direction.data or "")
    position = service.fields.index(field) + 1
    message = (
        f"“{field.label}” moved {form.direction.data}: it is now question {position} of {len(service.fields)}"
        if moved
        else f"“{field.label}” cannot move further {form.direction.data or ''}".rstrip()
    )
    if wants_fragment():
        return _builder(service, announce=message, moved_id=field.id, moved_direction=form.direction.data)
    flash(message, "success" if moved else "info")
    return redirect_to(url_for("catalogue.form_builder", slug=service.slug, _anchor=f"question-{field.id}"))


@bp.route("/<slug>/form/<int:field_id>/remove", methods=["GET", "POST"])
@redisplays_form
def remove_field(slug: str, field_id: int):
    service = _editable_or_404(slug)
    field = _field_or_404(service, field_id)
    form = ButtonForm()
    if form.validate_on_submit():
        label = field.label
        try:
            services.remove_field(service, field, current_user)
        except FieldError as error:
            form.show(error)
        else:
            flash(f"Question removed: {label}. Requests already sent keep their answers to it.", "success")
            return redirect_to(url_for("catalogue.form_builder", slug=service.slug))
    return render_form("catalogue/remove_field.html", form, service=service, field=field)
