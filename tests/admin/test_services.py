"""The rules for managing people and teams, called as the views call them."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update

from app.admin import services
from app.auth import passwords
from app.extensions import db
from app.models import AuditEvent, Team, User, UserSession
from app.validation import FieldError, StaleEdit
from tests.factories import make_team, make_user

PASSWORD = "a perfectly fine password"


def create(actor, **overrides):
    arguments = {
        "name": "Grace Hopper",
        "email": "grace@council.test",
        "team_id": None,
        "roles": [],
        "password": PASSWORD,
        **overrides,
    }
    return services.create_person(actor=actor, **arguments)


def update_with(person, actor, **overrides):
    arguments = {
        "expected_version": person.version,
        "name": person.name,
        "email": person.email,
        "team_id": person.team_id,
        "roles": sorted(person.roles - {"staff"}),
        **overrides,
    }
    return services.update_person(person, actor=actor, **arguments)


def start_session(person, token_hash):
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    db.session.add(
        UserSession(token_hash=token_hash.ljust(64, "0"), user_id=person.id, created_at=now, last_seen_at=now)
    )
    db.session.flush()


def session_count(person) -> int:
    return db.session.scalar(select(func.count()).select_from(UserSession).where(UserSession.user_id == person.id))


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


# --- Creating ----------------------------------------------------------------------------


def test_new_person_gets_a_trimmed_lower_case_email_a_hashed_password_and_their_roles(admin):
    team = make_team("Recruitment")
    person = create(
        admin, name="  Grace Hopper ", email="  Grace@Council.TEST ", team_id=team.id, roles=["agent", "superuser"]
    )
    assert person.email == "grace@council.test"
    assert person.name == "Grace Hopper"
    assert person.team is team
    assert person.roles == {"staff", "agent"}  # unknown roles are ignored
    assert person.password_hash != PASSWORD
    assert passwords.verify_password(person.password_hash, PASSWORD)
    assert actions() == ["person_created"]


def test_email_already_in_use_is_refused_whatever_its_case(admin):
    make_user(email="grace@council.test")
    with pytest.raises(FieldError) as refused:
        create(admin, email="GRACE@council.TEST")
    assert refused.value.field == "email"
    assert "already has an account" in refused.value.message


@pytest.mark.parametrize(
    "password, problem",
    [
        ("x" * 11, "Password must be 12 characters or more"),
        ("x" * 129, "Password must be 128 characters or fewer"),
        ("grace@council.test", "Password must not be your email address"),
    ],
)
def test_passwords_outside_the_rules_are_refused_on_the_password_field(admin, password, problem):
    with pytest.raises(FieldError) as refused:
        create(admin, password=password)
    assert (refused.value.field, refused.value.message) == ("password", problem)


@pytest.mark.parametrize("password", ["x" * 12, "x" * 128, "lowercase only please", "1234567890123"])
def test_passwords_need_only_length_no_mix_of_characters(admin, password):
    assert create(admin, password=password).id is not None


def test_a_team_that_does_not_exist_is_refused(admin):
    with pytest.raises(FieldError) as refused:
        create(admin, team_id=999999)
    assert refused.value.field == "team_id"


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_person_needs_a_name(admin, blank):
    with pytest.raises(FieldError) as refused:
        create(admin, name=blank)
    assert refused.value.field == "name"


# --- Updating ----------------------------------------------------------------------------


def test_update_changes_details_and_records_what_changed(admin):
    team = make_team("Customer Hub")
    person = make_user(name="Tom", email="tom@council.test", roles=["agent"])
    version = person.version
    update_with(person, admin, name="Tom Okafor", email="TOM.OKAFOR@council.test", team_id=team.id, roles=["manager"])
    assert person.version == version + 1
    assert (person.name, person.email, person.team, person.roles) == (
        "Tom Okafor",
        "tom.okafor@council.test",
        team,
        {"staff", "manager"},
    )
    events = {event.action: event for event in db.session.scalars(select(AuditEvent))}
    assert set(events) == {"person_updated", "person_roles_changed", "person_team_changed"}
    assert {event.actor_id for event in events.values()} == {admin.id}
    assert events["person_updated"].details["changes"] == {
        "name": ["Tom", "Tom Okafor"],
        "email": ["tom@council.test", "tom.okafor@council.test"],
    }
    assert events["person_roles_changed"].details == {
        "email": "tom.okafor@council.test",
        "roles": [["agent", "staff"], ["manager", "staff"]],
        "added": ["manager"],
        "removed": ["agent"],
    }
    assert events["person_team_changed"].details == {
        "email": "tom.okafor@council.test",
        "team": [None, "Customer Hub"],
    }


def test_a_save_that_changes_nothing_logs_nothing(admin):
    person = make_user(name="Tom", email="tom@council.test", roles=["agent"])
    update_with(person, admin, name="Tom", email="tom@council.test", team_id=None, roles=["agent"])
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_changing_only_roles_still_moves_the_version_on(admin):
    person = make_user(roles=["agent"])
    version = person.version
    update_with(person, admin, roles=["agent", "editor"])
    assert person.version == version + 1


def test_update_from_an_out_of_date_form_is_refused(admin):
    person = make_user(name="Priya")
    stale_version = person.version
    update_with(person, admin, name="Priya Shah")
    with pytest.raises(StaleEdit) as refused:
        update_with(person, admin, expected_version=stale_version, name="Someone Else")
    assert "Someone else changed this person" in refused.value.message
    assert person.name == "Priya Shah"


@pytest.mark.parametrize("with_team", [False, True], ids=["same team", "new team"])
def test_a_save_that_loses_the_race_with_another_admin_is_a_stale_edit_not_a_crash(admin, with_team):
    """Both admins passed the version check; the other's UPDATE reached the database first."""
    team_id, person_id = make_team("Legal Services").id, make_user(name="Priya").id
    admin_id = admin.id
    db.session.expunge_all()  # as in a fresh request: only the admin and the person are loaded
    actor, person = services.get_person(admin_id), services.get_person(person_id)
    assert person.version == 1  # this admin's copy of the person
    db.session.execute(
        update(User).where(User.id == person.id).values(name="Saved First", version=User.version + 1),
        execution_options={"synchronize_session": False},
    )

    with pytest.raises(StaleEdit) as refused:
        update_with(person, actor, name="Saved Second", team_id=team_id if with_team else None)
    assert "Someone else changed this person" in refused.value.message

    # Only this save was undone: the request can still show the latest version to compare.
    assert services.reload(person).name == "Saved First"
    assert person.version == 2


def test_admin_cannot_take_away_their_own_admin_role(admin):
    with pytest.raises(FieldError) as refused:
        update_with(admin, admin, roles=["manager"])
    assert refused.value.field == "roles"
    assert admin.roles == {"staff", "admin"}


def test_admin_may_take_away_another_admins_role(admin):
    other = make_user(roles=["admin"])
    update_with(other, admin, roles=[])
    assert other.roles == {"staff"}


def test_email_of_someone_else_is_refused_on_update(admin):
    make_user(email="taken@council.test")
    person = make_user(email="free@council.test")
    with pytest.raises(FieldError) as refused:
        update_with(person, admin, email="Taken@Council.test")
    assert refused.value.field == "email"


def test_keeping_your_own_email_is_not_a_duplicate(admin):
    person = make_user(email="same@council.test")
    update_with(person, admin, email="SAME@council.test", name="New Name")
    assert person.name == "New Name"


# --- Deactivating, reactivating, passwords -----------------------------------------------


def test_deactivation_ends_every_session_of_that_person_only(admin):
    person, bystander = make_user(), make_user()
    start_session(person, "a")
    start_session(person, "b")
    start_session(bystander, "c")
    services.deactivate(person, actor=admin)
    assert not person.active
    assert session_count(person) == 0
    assert session_count(bystander) == 1
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.details) == ("person_deactivated", {"sessions_ended": 2})


def test_nobody_can_deactivate_themselves(admin):
    with pytest.raises(FieldError):
        services.deactivate(admin, actor=admin)
    assert admin.active


def test_reactivation_lets_the_person_back(admin):
    person = make_user(active=False)
    services.reactivate(person, actor=admin)
    assert person.active
    assert actions() == ["person_reactivated"]


def test_reset_password_changes_it_and_ends_their_sessions(admin):
    person = make_user()
    start_session(person, "d")
    services.reset_password(person, "an entirely new password", actor=admin)
    assert passwords.verify_password(person.password_hash, "an entirely new password")
    assert session_count(person) == 0
    assert actions() == ["password_set"]


def test_reset_password_too_short_changes_nothing(admin):
    person = make_user()
    before = person.password_hash
    start_session(person, "e")
    with pytest.raises(FieldError) as refused:
        services.reset_password(person, "short", actor=admin)
    assert refused.value.field == "new_password"
    assert person.password_hash == before
    assert session_count(person) == 1


# --- Teams -------------------------------------------------------------------------------


def test_team_names_are_tidied_and_unique_whatever_their_case(admin):
    team = services.save_team(None, name="  Adult   Social Care ", is_business_support=False, actor=admin)
    assert team.name == "Adult Social Care"
    with pytest.raises(FieldError) as refused:
        services.save_team(None, name="adult social CARE", is_business_support=True, actor=admin)
    assert refused.value.field == "name"
    assert db.session.scalar(select(func.count()).select_from(Team)) == 1
    assert actions() == ["team_created"]


def test_a_team_can_be_renamed_to_a_different_case_of_its_own_name(admin):
    team = make_team("Customer hub")
    services.save_team(team, name="Customer Hub", is_business_support=True, actor=admin)
    assert team.name == "Customer Hub"
    assert actions() == ["team_updated"]


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_team_needs_a_name(admin, blank):
    with pytest.raises(FieldError) as refused:
        services.save_team(None, name=blank, is_business_support=False, actor=admin)
    assert refused.value.field == "name"


def test_member_counts_include_only_active_people(app):
    team, empty = make_team(), make_team()
    make_user(team=team)
    make_user(team=team, active=False)
    counts = services.team_member_counts()
    assert counts.get(team.id) == 1
    assert counts.get(empty.id, 0) == 0


# --- Listing -----------------------------------------------------------------------------


def test_people_are_listed_by_name_whatever_its_case(app):
    for name in ("bea", "Alan", "Cara"):
        make_user(name=name)
    assert [person.name for person in services.list_people().items] == ["Alan", "bea", "Cara"]


def test_people_are_found_by_part_of_their_name_or_email(app):
    make_user(name="Grace Hopper", email="gh@council.test")
    make_user(name="Alan Turing", email="alan.grace@council.test")
    make_user(name="Nobody", email="nobody@council.test")
    assert {person.name for person in services.list_people(query=" GRACE ").items} == {"Grace Hopper", "Alan Turing"}


def test_status_filter_separates_active_and_deactivated_people(app):
    make_user(name="Here")
    make_user(name="Gone", active=False)
    assert [p.name for p in services.list_people(status="active").items] == ["Here"]
    assert [p.name for p in services.list_people(status="deactivated").items] == ["Gone"]
    assert [p.name for p in services.list_people(status="all").items] == ["Gone", "Here"]


def test_people_come_25_to_a_page(app):
    for number in range(27):
        make_user(name=f"Member {number:02d}")
    first, second = services.list_people(page=1), services.list_people(page=2)
    assert (len(first.items), len(second.items), first.total, first.pages) == (25, 2, 27, 2)
    assert services.list_people(page=9).items == []
