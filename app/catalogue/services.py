"""Service catalogue rules and writes: browsing what a person may request, creating and editing
services, and building each service's request form."""

from decimal import Decimal, InvalidOperation

from sqlalchemy import false, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app import audit, clock, policy, slugs
from app.extensions import db
from app.formatting import full_stop_after
from app.markup import slugify
from app.models import (
    ApprovalStep,
    Article,
    ArticleStatus,
    Audience,
    Deflection,
    FieldKind,
    Role,
    Service,
    ServiceCategory,
    ServiceField,
    Team,
    User,
)
from app.models.catalogue import CHOICE_KINDS, DEFAULT_SLA_WARNING_PERCENT, FIELD_KINDS, service_requesting_teams
from app.validation import FieldError, StaleEdit, as_id, saving

MAX_FIELDS = 40
MAX_FILE_FIELDS = 2  # each file may be 10 MB; a form must fit in one upload
MAX_OPTIONS = 50
MAX_DUE_DAYS_BEFORE = 250  # a working year


# --- Reading ---------------------------------------------------------------------------------


def categories() -> list[ServiceCategory]:
    return list(db.session.scalars(select(ServiceCategory).order_by(ServiceCategory.name)))


def browsable_categories(user) -> list[ServiceCategory]:
    """Categories holding at least one service this person may see and request from."""
    visible = select(Service.category_id).where(Service.active.is_(True), _visible_to(user))
    return list(
        db.session.scalars(
            select(ServiceCategory).where(ServiceCategory.id.in_(visible)).order_by(ServiceCategory.name)
        )
    )


def owning_teams(user) -> list[Team]:
    """Teams this person may create services for."""
    statement = select(Team).where(Team.is_business_support.is_(True)).order_by(Team.name)
    if not user.has_role(Role.ADMIN):
        statement = statement.where(Team.id == user.team_id)
    return list(db.session.scalars(statement))


def all_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name)))


def _visible_to(user):
    """SQL for policy.can_view_service: the same rule, for lists."""
    if policy.can_raise_on_behalf(user) or user.has_role(Role.ADMIN):
        return True
    return or_(
        Service.audience == Audience.EVERYONE,
        Service.team_id == user.team_id if user.team_id else false(),
        Service.id.in_(
            select(service_requesting_teams.c.service_id).where(service_requesting_teams.c.team_id == user.team_id)
        )
        if user.team_id
        else false(),
    )


def catalogue(
    user, *, category: str | None = None, ids: list[int] | None = None, include_retired: bool = False
) -> list[Service]:
    """The services this person may see, by category then name (or in `ids` order, best first)."""
    statement = (
        select(Service).join(Service.category).where(_visible_to(user)).options(selectinload(Service.requesting_teams))
    )
    if not include_retired:
        statement = statement.where(Service.active.is_(True))
    if category:
        statement = statement.where(ServiceCategory.slug == category)
    if ids is not None:
        statement = statement.where(Service.id.in_(ids or [-1]))
    services = list(db.session.scalars(statement.order_by(ServiceCategory.name, Service.name)))
    if ids is not None:
        rank = {service_id: position for position, service_id in enumerate(ids)}
        services.sort(key=lambda service: rank[service.id])
    return services


def managed_services(user) -> list[Service]:
    """Services this person may edit, retired ones included (with their questions: the page counts them)."""
    statement = select(Service).options(selectinload(Service.fields)).order_by(Service.name)
    if not user.has_role(Role.ADMIN):
        if not (user.has_role(Role.MANAGER) and user.team_id):
            return []
        statement = statement.where(Service.team_id == user.team_id)
    return list(db.session.scalars(statement))


def get_service(slug: str) -> Service | None:
    return db.session.scalar(select(Service).where(Service.slug == slug))


def visible_service(user, slug: str) -> Service | None:
    """The service at `slug` if this person may see it (policy.can_view_service), else None."""
    service = get_service(slug)
    return service if service is not None and policy.can_view_service(user, service) else None


def get_field(service: Service, field_id: int) -> ServiceField | None:
    field = db.session.get(ServiceField, field_id)
    return field if field is not None and field.service_id == service.id else None


# --- Services --------------------------------------------------------------------------------


def _category(category_id, new_category: str) -> ServiceCategory:
    new_category = " ".join((new_category or "").split())
    if new_category:
        # Equal but for case: not ilike, where a typed "%" or "_" would match some other category.
        existing = db.session.scalar(
            select(ServiceCategory).where(func.lower(ServiceCategory.name) == new_category.lower())
        )
        if existing is not None:
            return existing
        if not slugify(new_category):
            raise FieldError("new_category", "Enter a category name with at least one letter or number")
        created = ServiceCategory(name=new_category[:80], slug=slugify(new_category, max_length=90))
        with saving("new_category", "A category with a name like this already exists: choose it from the list"):
            db.session.add(created)
        return created
    category = db.session.get(ServiceCategory, category_id) if category_id else None
    if category is None:
        raise FieldError("category", "Choose a category, or type the name of a new one")
    return category


def _owning_team(actor: User, team_id) -> Team:
    team = db.session.get(Team, team_id) if team_id else None
    if team is None or team not in owning_teams(actor):
        raise FieldError("team", "Choose the team that runs this service")
    return team


def _check_details(
    *,
    name: str,
    summary: str,
    resolution_days,
    first_response_hours,
    audience: str,
    requesting_team_ids,
    sla_warning_percent: int | None = None,
    except_id: int | None = None,
) -> tuple[str, str, list[Team]]:
    name, summary = " ".join((name or "").split()), " ".join((summary or "").split())
    if not name:
        raise FieldError("name", "Enter the service’s name")
    if len(name) > 120:
        raise FieldError("name", "Keep the name to 120 characters or fewer")
    clash = db.session.scalar(select(Service.id).where(func.lower(Service.name) == name.lower()))
    if clash is not None and clash != except_id:
        raise FieldError("name", "There is already a service with this name")
    if not summary:
        raise FieldError("summary", "Enter a one-line summary of the service")
    if resolution_days is None or not 1 <= resolution_days <= 250:
        raise FieldError(
            "resolution_days", "Resolution target must be a whole number of working days between 1 and 250"
        )
    if first_response_hours is not None and not 1 <= first_response_hours <= 200:
        raise FieldError("first_response_hours", "First response target must be between 1 and 200 working hours")
    if sla_warning_percent is not None and not 1 <= sla_warning_percent <= 99:
        raise FieldError("sla_warning_percent", "The warning must come when between 1% and 99% of the time is used")
    teams = []
    if audience == Audience.TEAMS:
        teams = list(db.session.scalars(select(Team).where(Team.id.in_(requesting_team_ids or [-1]))))
        if not teams:
            raise FieldError("requesting_teams", "Choose at least one team that may request this service")
    elif audience != Audience.EVERYONE:
        raise FieldError("audience", "Choose who may request this service")
    return name, summary, teams


def create_service(
    actor: User,
    *,
    name: str,
    summary: str,
    description: str,
    keywords: str,
    category_id,
    new_category: str,
    team_id,
    resolution_days,
    first_response_hours,
    audience: str,
    requesting_team_ids,
    sla_warning_percent: int | None = None,
) -> Service:
    name, summary, teams = _check_details(
        name=name,
        summary=summary,
        resolution_days=resolution_days,
        first_response_hours=first_response_hours,
        audience=audience,
        requesting_team_ids=requesting_team_ids,
        sla_warning_percent=sla_warning_percent,
    )
    team = _owning_team(actor, team_id)
    category = _category(category_id, new_category)
    service = Service(
        name=name,
        summary=summary,
        description=(description or "").strip(),
        keywords=" ".join((keywords or "").split()),
        category=category,
        team=team,
        resolution_days=resolution_days,
        first_response_hours=first_response_hours,
        sla_warning_percent=sla_warning_percent or DEFAULT_SLA_WARNING_PERCENT,
        audience=audience,
        requesting_teams=teams,
        active=True,
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    with saving("name", "There is already a service with this name"):
        slugs.assign(service, name, fallback="service", max_length=120)  # adds the service
    audit.record(actor, "service_created", service, name=service.name)
    return service


def update_service(
    service: Service,
    actor: User,
    *,
    expected_version: int | None,
    name: str,
    summary: str,
    description: str,
    keywords: str,
    category_id,
    new_category: str,
    team_id,
    resolution_days,
    first_response_hours,
    audience: str,
    requesting_team_ids,
    active: bool,
    sla_warning_percent: int | None = None,
) -> Service:
    if expected_version is not None and expected_version != service.version:
        raise StaleEdit("this service")
    name, summary, teams = _check_details(
        name=name,
        summary=summary,
        resolution_days=resolution_days,
        first_response_hours=first_response_hours,
        audience=audience,
        requesting_team_ids=requesting_team_ids,
        sla_warning_percent=sla_warning_percent,
        except_id=service.id,
    )
    # Managers keep their service in their own team; admins may hand it to another.
    team = _owning_team(actor, team_id) if team_id != service.team_id else service.team
    category = _category(category_id, new_category)
    was_active = service.active
    with saving("name", "There is already a service with this name", what="this service"):
        service.name, service.summary = name, summary
        if slugify(name) != service.slug:
            slugs.assign(service, name, fallback="service", max_length=120)
        service.description = (description or "").strip()
        service.keywords = " ".join((keywords or "").split())
        service.category, service.team = category, team
        service.resolution_days, service.first_response_hours = resolution_days, first_response_hours
        if sla_warning_percent is not None:
            service.sla_warning_percent = sla_warning_percent
        service.audience, service.requesting_teams = audience, teams
        service.active = active
        service.updated_at = clock.now()
    if was_active != active:
        audit.record(actor, "service_reactivated" if active else "service_retired", service, name=service.name)
    else:
        audit.record(actor, "service_updated", service, name=service.name)
    return service


# --- The form builder ------------------------------------------------------------------------


def parse_limit(text: str, field: str, label: str) -> Decimal | None:
    text = (text or "").strip().replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise FieldError(field, f"{label} must be a number, like 10 or 2.5") from None
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        raise FieldError(field, f"{label} must be a number less than a trillion")
    return value.quantize(Decimal("0.01"))


def _options(text: str) -> str:
    lines = [" ".join(line.split())[:200] for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        raise FieldError("options", "Enter at least 2 options, one on each line")
    if len(lines) > MAX_OPTIONS:
        raise FieldError("options", f"Enter no more than {MAX_OPTIONS} options")
    if len({line.casefold() for line in lines}) != len(lines):
        raise FieldError("options", "Each option must be different")
    return "\n".join(lines)


def condition_choices(service: Service, field: ServiceField | None = None) -> list[tuple[str, str]]:
    """("field id:answer", "Only if “Question” is “Answer”") for every answer of every other
    question with fixed answers: one list, so a condition can be chosen without JavaScript."""
    choices = [("", "Always")]
    for other in service.fields:
        if other.kind in CHOICE_KINDS and (field is None or other.id != field.id):
            choices += [(f"{other.id}:{answer}", f"Only if “{other.label}” is “{answer}”") for answer in other.choices]
    return choices


def _condition(service: Service, field: ServiceField | None, condition: str) -> tuple[int | None, str]:
    if not condition:
        return None, ""
    field_id, _, value = condition.partition(":")
    controller_id = as_id(field_id)
    controller = get_field(service, controller_id) if controller_id else None
    if (
        controller is None
        or controller.kind not in CHOICE_KINDS
        or value not in controller.choices
        or (field is not None and controller.id == field.id)
    ):
        raise FieldError("condition", "Choose when to show this question from the list")
    # No loops: the question this one depends on must not (through others) depend on this one.
    seen: set[int] = set()
    step: ServiceField | None = controller
    while step is not None and step.show_if_field_id:
        if (field is not None and step.show_if_field_id == field.id) or step.id in seen:
            raise FieldError(
                "condition", f"“{controller.label}” already depends on this question, so this one cannot depend on it"
            )
        seen.add(step.id)
        step = get_field(service, step.show_if_field_id)
    return controller.id, value


def _dependants(field: ServiceField) -> list[ServiceField]:
    return [other for other in field.service.fields if other.show_if_field_id == field.id]


def _apply_field(
    service: Service,
    field: ServiceField,
    *,
    label: str,
    hint: str,
    required: bool,
    options: str,
    min_value: str,
    max_value: str,
    not_in_past: bool,
    condition: str,
) -> None:
    label = " ".join((label or "").split())
    if not label:
        raise FieldError("label", "Enter the question")
    field.label, field.hint, field.required = label[:200], " ".join((hint or "").split())[:500], bool(required)
    if field.kind in (FieldKind.SELECT, FieldKind.RADIOS, FieldKind.CHECKBOXES):
        new_options = _options(options)
        still_needed = (
            [other for other in _dependants(field) if other.show_if_value not in new_options.splitlines()]
            if field.id
            else []
        )
        if still_needed:
            raise FieldError(
                "options",
                f"“{still_needed[0].show_if_value}” must stay: the question "
                f"“{still_needed[0].label}” is shown only for that answer",
            )
        field.options = new_options
    if field.kind == FieldKind.NUMBER:
        field.min_value = parse_limit(min_value, "min_value", "Smallest number")
        field.max_value = parse_limit(max_value, "max_value", "Largest number")
        if field.min_value is not None and field.max_value is not None and field.min_value > field.max_value:
            raise FieldError("max_value", "Largest number must be the same as or more than the smallest number")
    field.not_in_past = field.kind == FieldKind.DATE and bool(not_in_past)
    field.show_if_field_id, field.show_if_value = _condition(service, field if field.id else None, condition)
    if field.due_working_days_before is not None and not field.required:
        raise FieldError("required", "Requests’ due time counts back from this date: it must stay required")
    if field.due_working_days_before is not None and field.show_if_field_id:
        raise FieldError("condition", "Requests’ due time counts back from this date: everyone must be asked it")


def date_questions(service: Service) -> list[ServiceField]:
    """The questions a due time can count back from: the form's date questions."""
    return [field for field in service.fields if field.kind == FieldKind.DATE]


def update_form_settings(
    service: Service,
    actor: User,
    *,
    expected_version: int | None,
    asks_description: bool,
    due_from: str,
    due_field_id,
    due_days_before: int | None,
) -> Service:
    """Whether the form opens with the generic description questions, and what its requests' due
    time counts from: sending (the resolution target), or N working days before a date question's
    answer, which must be a required date question everyone is asked."""
    if expected_version is not None and expected_version != service.version:
        raise StaleEdit("this service")
    due_field = None
    if due_from == "event":
        field_id = as_id(str(due_field_id or ""))
        due_field = get_field(service, field_id) if field_id else None
        if due_field is None or due_field.kind != FieldKind.DATE:
            raise FieldError("due_field", "Choose the date question the due time counts back from")
        if not due_field.required:
            raise FieldError(
                "due_field", f"“{due_field.label}” is optional: make it a question people must answer first"
            )
        if due_field.show_if_field_id:
            raise FieldError(
                "due_field",
                f"“{due_field.label}” is asked only for some answers: choose a date question everyone is asked",
            )
        if due_days_before is None or not 0 <= due_days_before <= MAX_DUE_DAYS_BEFORE:
            raise FieldError(
                "due_days_before",
                f"Enter how many working days before the date it is due, from 0 to {MAX_DUE_DAYS_BEFORE}",
            )
    elif due_from != "submission":
        raise FieldError("due_from", "Choose when its requests are due")
    with saving(None, "This service could not be saved", what="this service"):
        for field in service.fields:
            field.due_working_days_before = due_days_before if field is due_field else None
        service.asks_description = bool(asks_description)
        service.updated_at = clock.now()
    audit.record(
        actor,
        "service_form_settings_changed",
        service,
        asks_description=service.asks_description,
        due_from=due_from,
        **({"due_question": due_field.label, "days_before": due_days_before} if due_field is not None else {}),
    )
    db.session.flush()
    return service


def _touch(service: Service, actor: User, action: str, **details) -> None:
    """A form change is a change to the service: its version moves on and it is logged."""
    service.updated_at = clock.now()
    audit.record(actor, action, service, **details)


def add_field(service: Service, actor: User, *, kind: str, **answers) -> ServiceField:
    if kind not in FIELD_KINDS:
        raise FieldError("kind", "Choose the type of question")
    if len(service.fields) >= MAX_FIELDS:
        raise FieldError(None, f"A form can have up to {MAX_FIELDS} questions. Remove one before adding another.")
    if kind == FieldKind.FILE and sum(1 for field in service.fields if field.kind == FieldKind.FILE) >= MAX_FILE_FIELDS:
        # About the whole form: the question form has no "kind" field to put it on.
        raise FieldError(None, f"A form can have up to {MAX_FILE_FIELDS} file upload questions")
    field = ServiceField(kind=kind, position=max((f.position for f in service.fields), default=0) + 1)
    _apply_field(service, field, **answers)
    service.fields.append(field)
    _touch(service, actor, "service_field_added", label=field.label, kind=kind)
    db.session.flush()
    return field


def update_field(service: Service, field: ServiceField, actor: User, **answers) -> ServiceField:
    _apply_field(service, field, **answers)
    _touch(service, actor, "service_field_changed", label=field.label)
    db.session.flush()
    return field


def move_field(service: Service, field: ServiceField, actor: User, direction: str) -> bool:
    """Swap with the question above or below; False when it is already first or last."""
    fields = list(service.fields)
    index = fields.index(field)
    other_index = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other_index < len(fields):
        return False
    fields[index], fields[other_index] = fields[other_index], fields[index]
    for position, each in enumerate(fields, start=1):
        each.position = position
    service.fields[:] = fields
    _touch(service, actor, "service_field_moved", label=field.label, direction=direction)
    db.session.flush()
    return True


def remove_field(service: Service, field: ServiceField, actor: User) -> None:
    """Remove a question. Requests already sent keep their answers (with its label)."""
    dependants = _dependants(field)
    if dependants:
        raise FieldError(
            None,
            f"“{dependants[0].label}” is shown only for an answer to “{field.label}”{full_stop_after(field.label)} "
            "Change that question first.",
        )
    if db.session.scalar(select(ApprovalStep.id).where(ApprovalStep.condition_field_id == field.id).limit(1)):
        raise FieldError(None, f"An approval step depends on the answer to “{field.label}”. Remove that step first.")
    service.fields.remove(field)
    _touch(service, actor, "service_field_removed", label=field.label)
    db.session.flush()


# --- Deflection ------------------------------------------------------------------------------


def record_deflection(user: User, service: Service, article_id) -> Article | None:
    """ "This answered my question": counted once per person, service, article and day."""
    article = db.session.get(Article, article_id) if isinstance(article_id, int) else None
    if article is None or article.status != ArticleStatus.PUBLISHED or not policy.can_view_article(user, article):
        return None
    today = clock.today()
    key = f"{user.id}:{service.id}:{article.id}:{today.isoformat()}"
    if db.session.scalar(select(Deflection.id).where(Deflection.dedupe_key == key)) is None:
        try:
            with db.session.begin_nested():
                db.session.add(
                    Deflection(
                        service_id=service.id,
                        article_id=article.id,
                        user_id=user.id,
                        created_at=clock.now(),
                        dedupe_key=key,
                    )
                )
        except IntegrityError:
            pass  # the same click, a moment ago
    return article
