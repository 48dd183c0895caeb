"""Rules for managing people and teams: unique emails, safe role changes, deactivation."""

from sqlalchemy import func, or_, select
from sqlalchemy.orm import attributes, joinedload

from app import audit
from app.auth import passwords, sessions
from app.auth.services import normalise_email, set_password
from app.extensions import db
from app.models import Team, User
from app.models.user import ROLES, Role
from app.validation import EMAIL_PATTERN, FieldError, StaleEdit, saving

PAGE_SIZE = 25


def list_people(*, query: str = "", status: str = "active", page: int = 1):
    statement = (
        select(User)
        .options(joinedload(User.team), joinedload(User.line_manager))
        .order_by(func.lower(User.name), User.id)
    )
    if status == "active":
        statement = statement.where(User.active.is_(True))
    elif status == "deactivated":
        statement = statement.where(User.active.is_(False))
    if query:
        # autoescape: % and _ in what was typed are matched as themselves, not as wildcards.
        text = query.strip().lower()
        statement = statement.where(
            or_(func.lower(User.name).contains(text, autoescape=True), User.email.contains(text, autoescape=True))
        )
    return db.paginate(statement, page=page, per_page=PAGE_SIZE, error_out=False)


def list_teams():
    return list(db.session.scalars(select(Team).order_by(Team.is_business_support.desc(), Team.name)))


def team_member_counts() -> dict[int, int]:
    """Active people per team id, in one query."""
    rows = db.session.execute(
        select(User.team_id, func.count())
        .where(User.active.is_(True), User.team_id.is_not(None))
        .group_by(User.team_id)
    )
    return {team_id: count for team_id, count in rows if team_id is not None}


def get_person(person_id: int) -> User | None:
    return db.session.get(User, person_id)


def get_team(team_id: int) -> Team | None:
    return db.session.get(Team, team_id)


def reload(person: User) -> User:
    """The person as now saved, dropping any unsaved changes (after a clash with another edit)."""
    db.session.refresh(person)
    return person


def _team(team_id: int | None) -> Team | None:
    if not team_id:
        return None
    team = db.session.get(Team, team_id)
    if team is None:
        raise FieldError("team_id", "Choose a team from the list")
    return team


def _check_email_free(email: str, *, except_id: int | None = None) -> None:
    existing = db.session.scalar(select(User.id).where(User.email == email))
    if existing is not None and existing != except_id:
        raise FieldError("email", "Someone already has an account with this email address")


def _required_name(name: str, message: str) -> str:
    """`name` without surrounding spaces; one of only spaces counts as missing."""
    name = (name or "").strip()
    if not name:
        raise FieldError("name", message)
    return name


def create_person(*, name: str, email: str, team_id: int | None, roles, password: str, actor: User) -> User:
    name = _required_name(name, "Enter the person’s full name")
    email = normalise_email(email)
    _check_email_free(email)
    problem = passwords.password_problem(password, email=email)
    if problem:
        raise FieldError("password", problem)
    team = _team(team_id)
    with saving("email", "Someone already has an account with this email address"):
        person = User(name=name, email=email, team=team, active=True, password_hash=passwords.hash_password(password))
        person.set_roles(roles)
        db.session.add(person)
    audit.record(actor, "person_created", person, email=email, roles=sorted(person.roles))
    return person


def update_person(
    person: User, *, expected_version: int | None, name: str, email: str, team_id: int | None, roles, actor: User
) -> User:
    if expected_version is not None and expected_version != person.version:
        raise StaleEdit("this person")
    name = _required_name(name, "Enter the person’s full name")
    email = normalise_email(email)
    _check_email_free(email, except_id=person.id)
    team = _team(team_id)
    roles = {role for role in roles if role in ROLES}
    if person.id == actor.id and Role.ADMIN not in roles:
        raise FieldError("roles", "You cannot remove your own administrator role. Ask another administrator.")
    before = {"name": person.name, "email": person.email}
    team_before, roles_before = person.team, sorted(person.roles)
    with saving("email", "Someone already has an account with this email address", what="this person"):
        person.name = name
        person.email = email
        person.team = team
        person.set_roles(roles)
        # Role rows live in their own table: touch the person so the version always moves on.
        attributes.flag_modified(person, "name")
    after = {"name": person.name, "email": person.email}
    changed = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    if changed:
        audit.record(actor, "person_updated", person, changes=changed)
    # Role and team changes are events of their own: what gives access, found with one filter.
    roles_after = sorted(person.roles)
    if roles_after != roles_before:
        audit.record(
            actor,
            "person_roles_changed",
            person,
            email=person.email,
            roles=[roles_before, roles_after],
            added=sorted(set(roles_after) - set(roles_before)),
            removed=sorted(set(roles_before) - set(roles_after)),
        )
    if team is not team_before:
        audit.record(
            actor, "person_team_changed", person, email=person.email, team=[_team_label(team_before), _team_label(team)]
        )
    return person


def _team_label(team: Team | None) -> str | None:
    return team.name if team is not None else None


def deactivate(person: User, *, actor: User) -> None:
    if person.id == actor.id:
        raise FieldError(None, "You cannot deactivate your own account")
    person.active = False
    ended = sessions.end_all_for(person)
    audit.record(actor, "person_deactivated", person, sessions_ended=ended)
    db.session.flush()


def reactivate(person: User, *, actor: User) -> None:
    person.active = True
    audit.record(actor, "person_reactivated", person)
    db.session.flush()


def reset_password(person: User, new_password: str, *, actor: User) -> None:
    set_password(person, new_password, actor=actor)
    sessions.end_all_for(person)


def sign_out_everywhere(person: User, *, actor: User) -> int:
    """End every session of `person` (a lost laptop, a suspected break-in) without locking them
    out: they can sign in again with their password. Returns how many sessions ended."""
    # An administrator doing this to themselves keeps the session they are using.
    ended = sessions.end_all_for(person, except_current=person.id == actor.id)
    audit.record(actor, "person_signed_out_everywhere", person, sessions_ended=ended)
    db.session.flush()
    return ended


def save_team(team: Team | None, *, name: str, is_business_support: bool, actor: User, email: str = "") -> Team:
    name = " ".join(_required_name(name, "Enter the team name").split())
    email = (email or "").strip().lower()
    if email and not EMAIL_PATTERN.fullmatch(email):
        raise FieldError("email", "Enter the mailbox address in the correct format, like team@council.gov.uk")
    existing = db.session.scalar(select(Team).where(func.lower(Team.name) == name.lower()))
    if existing is not None and existing is not team:
        raise FieldError("name", "There is already a team with this name")
    created = team is None
    with saving("name", "There is already a team with this name"):
        team = team or Team()
        team.name = name
        team.is_business_support = is_business_support
        team.email = email
        db.session.add(team)
    audit.record(actor, "team_created" if created else "team_updated", team, name=name)
    return team
