"""Administering people and teams through the pages, as an administrator does it."""

import html
import re

import pytest
from sqlalchemy import func, select

from app import audit
from app.extensions import db
from app.models import AuditEvent, Team, User, UserSession
from tests.conftest import page_text
from tests.factories import DEFAULT_PASSWORD, make_team, make_user, signed_in_client

NEW_PASSWORD = "a brand new passphrase"


def markup(response) -> str:
    return response.get_data(as_text=True)


def input_value(response, name: str) -> str | None:
    """The value an <input name=...> holds on the page (None if it has no value attribute)."""
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', markup(response))
    assert tag, f"no input named {name}"
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else None


def checked_roles(response) -> set[str]:
    tags = re.findall(r'<input[^>]*name="roles"[^>]*>', markup(response))
    return {re.search(r'value="([^"]+)"', tag).group(1) for tag in tags if " checked" in tag}


def selected_team(response) -> str:
    return re.search(r'<option[^>]*value="(\d+)"[^>]*selected', markup(response)).group(1)


def audit_actions(subject) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.subject_type == type(subject).__tablename__, AuditEvent.subject_id == subject.id)
            .order_by(AuditEvent.id)
        )
    )


def person_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def new_person_data(**overrides):
    return {
        "name": "Grace Hopper",
        "email": "grace.hopper@council.test",
        "team_id": "0",
        "roles": ["editor"],
        "password": "twelve chars",
        **overrides,
    }


def edit_data(person, version, **overrides):
    return {
        "name": person.name,
        "email": person.email,
        "team_id": str(person.team_id or 0),
        "roles": sorted(person.roles - {"staff"}),
        "version": str(version),
        **overrides,
    }


# --- Creating people ---------------------------------------------------------------------


def test_admin_creates_a_person_who_can_then_sign_in(app, admin, admin_client):
    team = make_team("Executive Support")
    response = admin_client.post(
        "/admin/people/new",
        data=new_person_data(
            name="  Grace Hopper ",
            email=" Grace.Hopper@Council.TEST ",
            team_id=str(team.id),
            roles=["editor", "agent"],
            password="a long enough password",
        ),
    )

    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/people"
    person = person_by_email("grace.hopper@council.test")
    assert person.name == "Grace Hopper"
    assert person.team_id == team.id
    assert person.roles == {"staff", "editor", "agent"}
    assert person.active
    assert "Account created for Grace Hopper" in page_text(admin_client.get("/admin/people"))
    signed_in_client(app, person, password="a long enough password")

    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person_created"))
    assert event.actor_id == admin.id
    assert event.subject_id == person.id
    assert event.details["roles"] == ["agent", "editor", "staff"]


@pytest.mark.parametrize(
    "password",
    [
        "twelve chars",  # exactly the minimum
        "abcdefghijkl",  # no capitals, digits or symbols needed
        "x" * 128,  # exactly the maximum
        "    spaces inside too    ",
    ],
)
def test_any_password_of_12_to_128_characters_is_accepted(admin_client, password):
    response = admin_client.post("/admin/people/new", data=new_person_data(password=password))
    assert response.status_code == 303
    assert person_by_email("grace.hopper@council.test") is not None


@pytest.mark.parametrize(
    "password, message",
    [
        ("eleven char", "Password must be 12 characters or more"),
        ("x" * 129, "Password must be 128 characters or fewer"),
        (" " * 20, "Password must not be only spaces"),
    ],
)
def test_password_outside_the_rules_is_refused_on_its_field(admin_client, password, message):
    response = admin_client.post("/admin/people/new", data=new_person_data(password=password))
    assert response.status_code == 422
    assert message in page_text(response)
    assert 'href="#password"' in markup(response)
    assert person_by_email("grace.hopper@council.test") is None


def test_duplicate_email_whatever_its_case_is_refused_with_the_form_kept(admin_client):
    team = make_team("Planning")
    make_user(name="The First Grace", email="grace.hopper@council.test")
    response = admin_client.post(
        "/admin/people/new",
        data=new_person_data(
            name="Second Grace", email="Grace.Hopper@COUNCIL.test", team_id=str(team.id), roles=["agent", "manager"]
        ),
    )

    assert response.status_code == 422
    text = page_text(response)
    assert "There is a problem" in text
    assert "Someone already has an account with this email address" in text
    assert 'class="govuk-error-summary"' in markup(response)
    assert 'href="#email"' in markup(response)
    assert markup(response).count("<title>Error: ") == 1
    # What the admin typed comes back, so they only fix the email address.
    assert input_value(response, "name") == "Second Grace"
    assert input_value(response, "email") == "Grace.Hopper@COUNCIL.test"
    assert selected_team(response) == str(team.id)
    assert checked_roles(response) == {"agent", "manager"}
    assert (
        db.session.scalar(
            select(func.count()).select_from(User).where(func.lower(User.email) == "grace.hopper@council.test")
        )
        == 1
    )


def test_new_person_form_names_each_missing_field(admin_client):
    response = admin_client.post("/admin/people/new", data={})
    assert response.status_code == 422
    text = page_text(response)
    for message in ("Enter the person’s full name", "Enter an email address", "Enter a temporary password"):
        assert message in text


# --- Editing people ----------------------------------------------------------------------


def test_admin_edits_name_email_team_and_roles(admin, admin_client):
    old_team, new_team = make_team("Old Team"), make_team("New Team")
    person = make_user(name="Tom Okafor", email="tom@council.test", team=old_team, roles=["agent"])
    form = admin_client.get(f"/admin/people/{person.id}")
    assert input_value(form, "name") == "Tom Okafor"
    assert selected_team(form) == str(old_team.id)
    assert checked_roles(form) == {"agent"}

    response = admin_client.post(
        f"/admin/people/{person.id}",
        data={
            "name": "Tom Okafor-Smith",
            "email": "Tom.Smith@council.test",
            "team_id": str(new_team.id),
            "roles": ["manager", "editor"],
            "version": input_value(form, "version"),
        },
    )

    assert response.status_code == 303
    db.session.refresh(person)
    assert person.name == "Tom Okafor-Smith"
    assert person.email == "tom.smith@council.test"
    assert person.team_id == new_team.id
    assert person.roles == {"staff", "manager", "editor"}
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person_updated"))
    assert event.actor_id == admin.id
    assert event.details["changes"]["email"] == ["tom@council.test", "tom.smith@council.test"]
    # Roles and team: events of their own, so the log's filter finds every change of access.
    roles = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person_roles_changed"))
    assert roles.details["roles"] == [["agent", "staff"], ["editor", "manager", "staff"]]
    assert (roles.details["added"], roles.details["removed"]) == (["editor", "manager"], ["agent"])
    team = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person_team_changed"))
    assert team.details["team"] == ["Old Team", "New Team"]


def test_changing_email_to_someone_elses_is_refused(admin_client):
    make_user(email="taken@council.test")
    person = make_user(email="mine@council.test")
    form = admin_client.get(f"/admin/people/{person.id}")
    response = admin_client.post(
        f"/admin/people/{person.id}", data=edit_data(person, input_value(form, "version"), email="TAKEN@council.test")
    )
    assert response.status_code == 422
    assert "Someone already has an account with this email address" in page_text(response)
    db.session.refresh(person)
    assert person.email == "mine@council.test"


def test_admin_cannot_remove_their_own_admin_role(admin, admin_client):
    form = admin_client.get(f"/admin/people/{admin.id}")
    response = admin_client.post(
        f"/admin/people/{admin.id}", data=edit_data(admin, input_value(form, "version"), roles=["editor"])
    )
    assert response.status_code == 422
    assert "You cannot remove your own administrator role" in page_text(response)
    db.session.refresh(admin)
    assert admin.roles == {"staff", "admin"}
    assert admin_client.get("/admin/people").status_code == 200


def test_admin_can_change_their_own_name_while_keeping_admin(admin, admin_client):
    form = admin_client.get(f"/admin/people/{admin.id}")
    response = admin_client.post(
        f"/admin/people/{admin.id}", data=edit_data(admin, input_value(form, "version"), name="Ada Lovelace")
    )
    assert response.status_code == 303
    db.session.refresh(admin)
    assert admin.name == "Ada Lovelace"


def test_second_admins_stale_save_is_refused_and_the_first_save_kept(app, admin):
    target = make_user(name="Priya Shah", roles=["agent"])
    first = signed_in_client(app, admin)
    second = signed_in_client(app, make_user(roles=["admin"], name="Bo Admin"))
    first_form = first.get(f"/admin/people/{target.id}")
    second_form = second.get(f"/admin/people/{target.id}")

    saved = first.post(
        f"/admin/people/{target.id}",
        data=edit_data(target, input_value(first_form, "version"), name="Priya Shah-Jones", roles=["agent", "manager"]),
    )
    assert saved.status_code == 303

    refused = second.post(
        f"/admin/people/{target.id}",
        data=edit_data(target, input_value(second_form, "version"), name="Priya S.", roles=[]),
    )
    assert refused.status_code == 422
    text = page_text(refused)
    assert "Someone else changed this person" in text
    # The latest saved version is shown, and the second admin's typing is kept to compare.
    assert "Latest saved version" in text
    assert "Priya Shah-Jones" in text
    assert input_value(refused, "name") == "Priya S."

    db.session.refresh(target)
    assert target.name == "Priya Shah-Jones"
    assert target.roles == {"staff", "agent", "manager"}
    assert audit_actions(target) == ["person_updated", "person_roles_changed"]


def test_after_a_clash_saving_again_from_the_refreshed_form_works(app, admin):
    target = make_user(name="Priya Shah")
    first = signed_in_client(app, admin)
    second = signed_in_client(app, make_user(roles=["admin"]))
    first_form, second_form = first.get(f"/admin/people/{target.id}"), second.get(f"/admin/people/{target.id}")
    first.post(f"/admin/people/{target.id}", data=edit_data(target, input_value(first_form, "version"), name="First"))
    refused = second.post(
        f"/admin/people/{target.id}", data=edit_data(target, input_value(second_form, "version"), name="Second")
    )
    assert refused.status_code == 422

    # The refused form now carries the version it showed; sending it again is a deliberate save.
    again = second.post(
        f"/admin/people/{target.id}", data=edit_data(target, input_value(refused, "version"), name="Second")
    )
    assert again.status_code == 303
    db.session.refresh(target)
    assert target.name == "Second"


# --- Deactivating and reactivating -------------------------------------------------------


def test_deactivation_signs_the_person_out_at_once_and_keeps_them_out(app, admin, admin_client, staff):
    their_browser = signed_in_client(app, staff)
    assert their_browser.get("/").status_code == 200

    response = admin_client.post(f"/admin/people/{staff.id}/deactivate")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/admin/people/{staff.id}"
    assert "has been deactivated and signed out" in page_text(admin_client.get(f"/admin/people/{staff.id}"))

    # Their very next request finds them signed out, and signing in again is refused.
    after = their_browser.get("/account")
    assert after.status_code == 303
    assert after.headers["Location"].startswith("/sign-in")
    refused = app.test_client().post("/sign-in", data={"email": staff.email, "password": DEFAULT_PASSWORD})
    assert refused.status_code == 422
    assert "Enter a correct email address and password" in page_text(refused)

    db.session.refresh(staff)
    assert not staff.active
    assert db.session.scalar(select(func.count()).select_from(UserSession).where(UserSession.user_id == staff.id)) == 0
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person_deactivated"))
    assert event.actor_id == admin.id and event.subject_id == staff.id


def test_deactivated_people_are_still_listed_and_their_page_says_so(admin_client):
    gone = make_user(name="Left Already", active=False)
    page = admin_client.get(f"/admin/people/{gone.id}")
    assert "Deactivated" in page_text(page)
    assert f"Reactivate {gone.name}" in page_text(page)


def test_admin_cannot_deactivate_themselves(admin, admin_client):
    page = admin_client.get(f"/admin/people/{admin.id}")
    assert "You cannot deactivate your own account" in page_text(page)
    assert f"/admin/people/{admin.id}/deactivate" not in markup(page)

    response = admin_client.post(f"/admin/people/{admin.id}/deactivate")
    assert response.status_code == 404
    db.session.refresh(admin)
    assert admin.active
    assert admin_client.get("/admin/people").status_code == 200


def test_reactivated_person_can_sign_in_again(app, admin, admin_client):
    person = make_user(name="Back Again", active=False)
    response = admin_client.post(f"/admin/people/{person.id}/reactivate")
    assert response.status_code == 303
    assert "Back Again can sign in again" in page_text(admin_client.get(f"/admin/people/{person.id}"))
    db.session.refresh(person)
    assert person.active
    signed_in_client(app, person)
    assert audit_actions(person) == ["person_reactivated", "sign_in"]


# --- Setting a password ------------------------------------------------------------------


def test_admin_sets_a_new_password_which_ends_the_persons_sessions(app, admin, admin_client, staff):
    their_browser = signed_in_client(app, staff)
    response = admin_client.post(f"/admin/people/{staff.id}/password", data={"new_password": NEW_PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/admin/people/{staff.id}"
    assert "They have been signed out everywhere" in page_text(admin_client.get(response.headers["Location"]))

    assert their_browser.get("/").status_code == 303
    old = app.test_client().post("/sign-in", data={"email": staff.email, "password": DEFAULT_PASSWORD})
    assert old.status_code == 422
    signed_in_client(app, staff, password=NEW_PASSWORD)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "password_set"))
    assert event.actor_id == admin.id and event.subject_id == staff.id


def test_too_short_new_password_is_refused_and_nobody_is_signed_out(app, admin_client, staff):
    their_browser = signed_in_client(app, staff)
    response = admin_client.post(f"/admin/people/{staff.id}/password", data={"new_password": "too short"})
    assert response.status_code == 422
    assert "Password must be 12 characters or more" in page_text(response)
    assert their_browser.get("/").status_code == 200
    signed_in_client(app, staff)  # the old password still works


# --- Teams -------------------------------------------------------------------------------


def test_teams_page_lists_teams_with_their_kind_and_active_members(admin_client):
    executive = make_team("Executive Support", business_support=True)
    make_team("Planning", business_support=False)
    make_user(team=executive)
    make_user(team=executive)
    make_user(team=executive, active=False)
    text = page_text(admin_client.get("/admin/teams"))
    assert "Executive Support Business Support 2" in text
    assert "Planning Council department 0" in text


def test_admin_adds_a_team(admin, admin_client):
    response = admin_client.post("/admin/teams", data={"name": "  Health   and Safety ", "is_business_support": "y"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/teams"
    page = page_text(admin_client.get("/admin/teams"))
    assert "Team “Health and Safety” added" in page
    assert "Health and Safety Business Support 0" in page
    team = db.session.scalar(select(Team).where(Team.name == "Health and Safety"))
    assert team.is_business_support
    assert audit_actions(team) == ["team_created"]


def test_duplicate_team_name_whatever_its_case_is_refused(admin_client):
    make_team("Finance Team")
    response = admin_client.post("/admin/teams", data={"name": "finance   TEAM"})
    assert response.status_code == 422
    assert "There is already a team with this name" in page_text(response)
    assert 'href="#name"' in markup(response)
    assert input_value(response, "name") == "finance   TEAM"
    assert db.session.scalar(select(func.count()).select_from(Team)) == 1


def test_admin_renames_a_team_but_not_to_another_teams_name(admin_client):
    team = make_team("Facilities")
    make_team("Estates")
    refused = admin_client.post(f"/admin/teams/{team.id}", data={"name": "ESTATES"})
    assert refused.status_code == 422
    assert "There is already a team with this name" in page_text(refused)

    renamed = admin_client.post(f"/admin/teams/{team.id}", data={"name": "Facilities Management"})
    assert renamed.status_code == 303
    db.session.refresh(team)
    assert team.name == "Facilities Management"
    assert audit_actions(team) == ["team_updated"]


# --- The people list ---------------------------------------------------------------------


def test_people_list_filters_by_name_or_email(admin_client):
    make_user(name="Grace Hopper", email="g.hopper@council.test")
    make_user(name="Alan Turing", email="grace.turing@council.test")
    make_user(name="Someone Else", email="else@council.test")
    text = page_text(admin_client.get("/admin/people?q=GRACE"))
    assert "2 people matching “GRACE”" in text
    assert "Grace Hopper" in text and "Alan Turing" in text
    assert "Someone Else" not in text


def test_people_search_treats_percent_and_underscore_as_ordinary_characters(admin_client):
    make_user(name="Jo Smith", email="jo_smith@council.test")
    make_user(name="Joe Smithers", email="joxsmith@council.test")
    text = page_text(admin_client.get("/admin/people?q=jo_s"))
    assert "1 person matching" in text
    assert "Jo Smith" in text and "Joe Smithers" not in text
    assert "0 people" in page_text(admin_client.get("/admin/people?q=%25"))


def test_people_list_filters_by_status(admin_client):
    make_user(name="Still Here")
    make_user(name="Long Gone", active=False)
    active = page_text(admin_client.get("/admin/people"))
    assert "Still Here" in active and "Long Gone" not in active
    gone = page_text(admin_client.get("/admin/people?status=deactivated"))
    assert "Long Gone" in gone and "Still Here" not in gone
    everyone = page_text(admin_client.get("/admin/people?status=all"))
    assert "Long Gone" in everyone and "Still Here" in everyone


def test_people_list_shows_25_per_page_with_links_that_keep_the_filters(admin_client):
    for number in range(1, 31):
        make_user(name=f"Member {number:02d}", email=f"member{number:02d}@council.test")
    make_user(name="Member 99 Gone", active=False)

    first = admin_client.get("/admin/people?q=member")
    names = re.findall(r">(Member \d\d)</a>", markup(first))
    assert names == [f"Member {n:02d}" for n in range(1, 26)]
    assert "30 people matching “member”" in page_text(first)

    links = {html.unescape(href) for href in re.findall(r'href="([^"]*page=[^"]*)"', markup(first))}
    assert "/admin/people?q=member&status=active&page=2" in links
    second = admin_client.get("/admin/people?q=member&status=active&page=2")
    names = re.findall(r">(Member \d\d)</a>", markup(second))
    assert names == [f"Member {n:02d}" for n in range(26, 31)]
    assert "/admin/people?q=member&status=active&page=1" in {
        html.unescape(href) for href in re.findall(r'href="([^"]*page=[^"]*)"', markup(second))
    }


def test_htmx_filter_request_gets_only_the_results(admin_client):
    make_user(name="Grace Hopper")
    response = admin_client.hx("get", "/admin/people?q=grace")
    body = markup(response)
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="people-results">')
    assert "Grace Hopper" in body
    assert "HX-Request" in response.headers["Vary"]


def test_htmx_history_restore_gets_the_whole_page(admin_client):
    response = admin_client.hx("get", "/admin/people?q=grace", headers={"HX-History-Restore-Request": "true"})
    assert "<html" in markup(response)
    assert "HX-Request" in response.headers["Vary"]


def test_full_people_page_also_varies_on_hx_request(admin_client):
    response = admin_client.get("/admin/people")
    assert "<html" in markup(response)
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_name_of_only_spaces_is_refused(admin_client, blank):
    response = admin_client.post("/admin/people/new", data=new_person_data(name=blank))
    assert response.status_code == 422
    assert "Enter the person’s full name" in page_text(response)
    assert person_by_email("grace.hopper@council.test") is None


def test_a_team_name_of_only_spaces_is_refused(admin_client):
    response = admin_client.post("/admin/teams", data={"name": "    "})
    assert response.status_code == 422
    assert "Enter the team name" in page_text(response)
    assert db.session.scalar(select(func.count()).select_from(Team)) == 0


def test_the_audit_log_shows_sign_ins_failures_and_lock_outs_with_the_address(app, admin_client):
    person = make_user(name="Lee Locked", email="lee@council.test")
    browser = app.test_client()
    for _ in range(5):
        browser.post("/sign-in", data={"email": person.email, "password": "not the password at all"})
    browser.post("/sign-in", data={"email": person.email, "password": DEFAULT_PASSWORD})

    text = page_text(admin_client.get("/admin/audit"))
    assert "Someone not signed in Failed to sign in as Lee Locked" in text
    assert "Staffroom Locked after too many failed sign-ins: the account of Lee Locked" in text
    assert "Refused a sign-in to the locked account of Lee Locked" in text
    assert "Email: lee@council.test" in text and "Reason: wrong email or password" in text
    assert "(users " not in text
    assert "127.0.0.1" in text
    only_lockouts = page_text(admin_client.get("/admin/audit?action=sign_in_refused_locked"))
    table = only_lockouts.split("IP address", 1)[1]  # the rows, after the filter's choices
    assert "1 event" in only_lockouts
    assert "Refused a sign-in" in table and "Failed to sign in" not in table


def test_the_audit_log_shows_security_events_first_and_downloads_only_when_asked(app, admin_client):
    person = make_user(name="Sam Patel", email="sam@council.test")
    admin = db.session.scalar(select(User).where(User.email != person.email).order_by(User.id))
    with app.test_request_context():
        audit.record(admin, "person_roles_changed", person, roles=[["staff"], ["agent", "staff"]], added=["agent"])
        audit.record(admin, "person_updated", person, changes={"email": ["s@council.test", person.email]})
        audit.record(admin, "csv_exported", None, file="requests.csv", team_id=None, rows=12)
        audit.record(admin, "request_status_changed", None, status=["in_progress", "resolved"])
    db.session.commit()

    default = page_text(admin_client.get("/admin/audit"))
    assert "Changed the roles of Sam Patel" in default
    assert "Roles: Staff → Agent, Staff; Added: Agent" in default
    assert "Email: s@council.test → sam@council.test" in default
    rows = default.split("IP address", 1)[1]
    assert "CSV" not in rows and "Changed the status" not in rows

    downloads = page_text(admin_client.get("/admin/audit?view=downloads"))
    rows = downloads.split("IP address", 1)[1]
    assert "1 event" in downloads and "Downloaded a CSV file" in rows and "File: requests.csv; Rows: 12" in rows
    assert "team_id" not in rows and "None" not in rows and "Sam Patel" not in rows

    changes = page_text(admin_client.get("/admin/audit?view=changes")).split("IP address", 1)[1]
    assert "Status: In progress → Resolved" in changes and "['in_progress'" not in changes
    assert "Downloaded" not in changes


def test_the_audit_log_filters_by_who_and_refuses_an_impossible_date_clearly(app, admin_client):
    response = admin_client.get("/admin/audit?person=ada&day_from=31&day_from=2&day_from=2026")
    assert response.status_code == 200
    assert "must be a real date" in page_text(response)
