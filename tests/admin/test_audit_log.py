"""The audit log: the security-relevant events each action leaves, the admin page's filters, and
that nothing can change or remove an event once written."""

import inspect
import re
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import delete, func, select, update

from app import audit, clock
from app.extensions import db
from app.models import AuditEvent, UserSession
from app.models.audit import AuditLogIsAppendOnly
from app.service_requests import workflow
from tests.conftest import page_text
from tests.factories import DEFAULT_PASSWORD, make_team, make_user, signed_in_client
from tests.service_requests.helpers import act, change_status, make_cast, raise_request


def events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def log_rows(response) -> str:
    """The table of the audit page, after the filter form."""
    return page_text(response).split("IP address", 1)[1]


# --- Signing in and out ----------------------------------------------------------------------------


def test_the_failure_that_locks_an_address_is_logged_once_as_a_lock_out(app, client):
    person = make_user(name="Lee Locked", email="lee@council.test")
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with clock.fixed(start) as time:
        for _ in range(4):
            client.post("/sign-in", data={"email": person.email, "password": "not the password at all"})
        assert events("sign_in_locked_out") == []
        client.post("/sign-in", data={"email": person.email, "password": "not the password at all"})
        client.post("/sign-in", data={"email": person.email, "password": DEFAULT_PASSWORD})  # refused: locked
        time.advance(minutes=16)  # the lock has gone; one more failure does not lock again
        client.post("/sign-in", data={"email": person.email, "password": "not the password at all"})

    [locked] = events("sign_in_locked_out")
    assert (locked.actor_id, locked.subject_type, locked.subject_id) == (None, "users", person.id)
    assert locked.details == {"email": "lee@council.test", "failures": 5}
    assert locked.ip == "127.0.0.1"
    assert len(events("sign_in_failed")) == 6
    assert len(events("sign_in_refused_locked")) == 1


def test_failures_on_addresses_with_no_account_are_summarised_not_logged_one_by_one(app, client, make_app):
    other_client = make_app(TESTING=True).test_client()
    with clock.fixed(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)) as time:
        for number in range(30):  # a client trying made-up addresses, and guessing one of them
            client.post("/sign-in", data={"email": f"made.up.{number % 12}@council.test", "password": "guess"})
            time.advance(seconds=20)
        other_client.post(
            "/sign-in",
            data={"email": "typo@council.test", "password": "guess"},
            environ_base={"REMOTE_ADDR": "10.1.2.3"},
        )
        assert events("sign_in_failed") == events("sign_in_locked_out") == []

        time.advance(days=1)
        app.test_cli_runner().invoke(args=["housekeeping"])
        app.test_cli_runner().invoke(args=["housekeeping"])  # each failure is summarised once

    first, second = sorted(events("sign_in_failed_unknown_addresses"), key=lambda event: event.details["attempts"])
    assert first.details == {
        "day": "2026-03-02",
        "client": "10.1.2.3",
        "attempts": 1,
        "addresses": 1,
        "first": "2026-03-02T09:10:00+00:00",
        "last": "2026-03-02T09:10:00+00:00",
        "most_tried": ["typo@council.test"],
    }
    assert (second.details["client"], second.details["attempts"], second.details["addresses"]) == ("127.0.0.1", 30, 12)
    assert second.details["most_tried"][:2] == ["made.up.0@council.test", "made.up.1@council.test"]


def test_signing_out_and_signing_out_other_devices_are_logged(app, staff):
    laptop, phone = signed_in_client(app, staff), signed_in_client(app, staff)
    laptop.post("/account/sign-out-others")
    [others] = events("signed_out_other_devices")
    assert (others.actor_id, others.subject_id, others.details) == (staff.id, staff.id, {"sessions_ended": 1})

    laptop.post("/sign-out")
    [signed_out] = events("sign_out")
    assert (signed_out.actor_id, signed_out.subject_id, signed_out.ip) == (staff.id, staff.id, "127.0.0.1")
    # Signing out a browser that was not signed in is nobody's event.
    phone.post("/sign-out")
    assert len(events("sign_out")) == 1


# --- People and their access -----------------------------------------------------------------------


def test_an_admin_signs_a_person_out_of_every_device_and_it_is_logged(app, admin, admin_client, staff):
    laptop, phone = signed_in_client(app, staff), signed_in_client(app, staff)
    response = admin_client.post(f"/admin/people/{staff.id}/sign-out")
    assert response.status_code == 303
    assert "has been signed out of 2 devices" in page_text(admin_client.get(response.headers["Location"]))
    assert laptop.get("/").status_code == 303 and phone.get("/").status_code == 303
    [event] = events("person_signed_out_everywhere")
    assert (event.actor_id, event.subject_id, event.details) == (admin.id, staff.id, {"sessions_ended": 2})
    # Not locked out: the password still works.
    assert app.test_client().sign_in(staff).status_code == 303


def test_an_admin_signing_themselves_out_everywhere_keeps_this_browser(app, admin, admin_client):
    elsewhere = signed_in_client(app, admin)
    admin_client.post(f"/admin/people/{admin.id}/sign-out")
    assert admin_client.get("/admin/people").status_code == 200
    assert elsewhere.get("/").status_code == 303


def test_role_and_team_changes_are_events_of_their_own_found_by_the_filter(app, admin, admin_client):
    hub, planning = make_team("Customer Hub"), make_team("Planning")
    person = make_user(name="Tom Okafor", roles=["agent"], team=hub)
    form = admin_client.get(f"/admin/people/{person.id}").get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', form).group(1)
    admin_client.post(
        f"/admin/people/{person.id}",
        data={
            "name": "Tom Okafor",
            "email": person.email,
            "team_id": str(planning.id),
            "roles": ["agent", "admin"],
            "version": version,
        },
    )

    assert [
        event.action
        for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        if event.action.startswith("person_")
    ] == ["person_roles_changed", "person_team_changed"]
    roles = log_rows(admin_client.get("/admin/audit?action=person_roles_changed"))
    assert "Changed the roles of Tom Okafor" in roles and "Added: Admin" in roles
    assert "Changed the team of" not in roles
    team = log_rows(admin_client.get("/admin/audit?action=person_team_changed"))
    assert "Team: Customer Hub → Planning" in team and f"({hub.id})" not in team
    assert "Changed the roles" not in team


# --- Exports -----------------------------------------------------------------------------------------


def test_every_csv_download_the_pages_offer_is_logged_with_its_file(app, admin, admin_client):
    links = set()
    for page in (
        "/dashboard",
        "/dashboard/demand",
        "/dashboard/ideas",
        "/dashboard/knowledge",
        "/dashboard/people",
        "/ideas/benefits",
    ):
        links |= set(re.findall(r'href="([^"]+\.csv[^"]*)"', admin_client.get(page).get_data(as_text=True)))
    links = {link.replace("&amp;", "&") for link in links}
    assert len({urlsplit(link).path for link in links}) >= 10, links

    for link in sorted(links):
        response = admin_client.get(link)
        assert response.status_code == 200 and response.mimetype == "text/csv", link
        file_name = re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"]).group(1)
        event = events("csv_exported")[-1]
        assert (event.actor_id, event.details["file"], event.ip) == (admin.id, file_name, "127.0.0.1"), link
    assert len(events("csv_exported")) == len(links)


def test_a_dashboard_export_logs_the_filters_and_the_number_of_rows(app, admin_client):
    team = make_team("Facilities")
    admin_client.get(f"/dashboard/trend.csv?period=4w&team={team.id}")
    [event] = events("csv_exported")
    assert event.details["file"] == "requests-trend.csv"
    assert (event.details["period"], event.details["team_id"]) == ("4w", team.id)
    assert event.details["rows"] >= 1


# --- Requests: status changes by the requester ---------------------------------------------------------


def test_a_requester_cancelling_or_reopening_is_logged_as_a_status_change(app):
    cast = make_cast()
    cancelled = raise_request(cast.service, cast.requester, subject="Cancelled one")
    act(workflow.cancel, cancelled, cast.requester, reason="Not needed")
    reopened = raise_request(cast.service, cast.requester, subject="Reopened one")
    change_status(reopened, cast.agent, "resolved")
    act(workflow.reopen, db.session.get(type(reopened), reopened.id), cast.requester, reason="Still wrong")

    changes = [
        (event.actor_id, event.details["reference"], event.details["status"], event.details.get("by"))
        for event in events("request_status_changed")
    ]
    assert changes == [
        (cast.requester.id, cancelled.reference, ["submitted", "cancelled"], "requester"),
        (cast.agent.id, reopened.reference, ["submitted", "resolved"], None),
        (cast.requester.id, reopened.reference, ["resolved", "in_progress"], "requester"),
    ]


# --- The page's filters --------------------------------------------------------------------------------


@pytest.fixture
def three_days_of_events(app, admin):
    """Ada changed something on each of 1, 2 and 3 March (UK time); Lee failed to sign in on the 2nd."""
    lee = make_user(name="Lee Locked", email="lee@council.test")
    for day in (1, 2, 3):
        # 23:30 UK time on 1 March is still 1 March there (GMT); UTC is the same in March before BST.
        with clock.fixed(datetime(2026, 3, day, 23, 30, tzinfo=UTC)):
            audit.record(admin, "team_updated", make_team(f"Team of day {day}"), name=f"Team of day {day}")
    with clock.fixed(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)):
        audit.record(None, "sign_in_failed", lee, email=lee.email, reason="wrong email or password")
    db.session.commit()
    return lee


def days(*, day_from=None, day_to=None, **other) -> list[tuple[str, str]]:
    """The query string of the filter form: each date as its day, month and year boxes."""
    query = list(other.items())
    for name, day in (("day_from", day_from), ("day_to", day_to)):
        if day:
            query += [(name, str(day.day)), (name, str(day.month)), (name, str(day.year))]
    return query


def test_the_log_filters_by_a_range_of_uk_days_both_included(admin_client, three_days_of_events):
    rows = log_rows(
        admin_client.get(
            "/admin/audit", query_string=days(day_from=date(2026, 3, 2), day_to=date(2026, 3, 3), view="everything")
        )
    )
    assert "Team of day 2" in rows and "Team of day 3" in rows and "Failed to sign in" in rows
    assert "Team of day 1" not in rows
    only_first = admin_client.get("/admin/audit", query_string=days(day_to=date(2026, 3, 1), view="everything"))
    assert "1 event" in page_text(only_first) and "Team of day 1" in log_rows(only_first)
    one_day = admin_client.get(
        "/admin/audit", query_string=days(day_from=date(2026, 3, 2), day_to=date(2026, 3, 2), view="everything")
    )
    assert "2 events" in page_text(one_day) and "Team of day 2" in log_rows(one_day)
    later = admin_client.get(
        "/admin/audit", query_string=days(day_from=date(2026, 3, 4), day_to=date(2026, 3, 31), view="everything")
    )
    assert "No events match" in page_text(later)


def test_a_day_in_summer_time_starts_at_midnight_uk_time(app, admin, admin_client):
    """23:30 UTC on 1 July is 00:30 on 2 July in London (BST): it belongs to 2 July."""
    with clock.fixed(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)):
        audit.record(admin, "team_updated", make_team("Late team"), name="Late team")
    db.session.commit()
    assert "Late team" in log_rows(
        admin_client.get("/admin/audit", query_string=days(day_from=date(2026, 7, 2), view="changes"))
    )
    assert "No events match" in page_text(
        admin_client.get(
            "/admin/audit", query_string=days(day_from=date(2026, 7, 1), day_to=date(2026, 7, 1), action="team_updated")
        )
    )


def test_the_person_filter_finds_what_they_did_and_what_happened_to_their_account(admin_client, three_days_of_events):
    lee = page_text(admin_client.get("/admin/audit?person=LEE@council"))
    assert "1 event" in lee and "Failed to sign in as Lee Locked" in lee
    ada = log_rows(admin_client.get("/admin/audit?person=ada admin&view=everything"))
    assert "Team of day 1" in ada and "Failed to sign in" not in ada
    nobody = page_text(admin_client.get("/admin/audit?person=%25"))  # a wildcard typed is matched as itself
    assert "No events match" in nobody


def test_filters_combine(admin_client, three_days_of_events):
    response = admin_client.get(
        "/admin/audit", query_string=days(action="team_updated", person="ada", day_from=date(2026, 3, 3))
    )
    assert "1 event" in page_text(response) and "Team of day 3" in log_rows(response)


# --- Append-only -----------------------------------------------------------------------------------------


def test_the_audit_module_only_writes_new_events_and_reads():
    functions = {
        name for name, value in inspect.getmembers(audit, inspect.isfunction) if value.__module__ == audit.__name__
    }
    assert functions == {
        "record",
        "actions",
        "events",
        "subjects_named",
        "sentence",
        "details_in_words",
        "_change",
        "_words",
    }
    source = inspect.getsource(audit)
    assert "delete(" not in source and "update(" not in source and ".delete" not in source


def test_the_orm_refuses_to_change_or_delete_an_event(app, admin):
    event = audit.record(admin, "thing_done")
    db.session.commit()
    event.action = "something_else"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    for statement in (update(AuditEvent).values(action="rewritten"), delete(AuditEvent)):
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.execute(statement)
        db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "thing_done")) == 1


def test_no_code_in_the_app_updates_or_deletes_audit_events():
    root = Path(audit.__file__).resolve().parent
    guard = root / "models" / "audit.py"  # names the statements it refuses
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path != guard
        and re.search(
            r"(update|delete)\(\s*AuditEvent|audit_events\b.*\b(UPDATE|DELETE)", path.read_text(encoding="utf-8"), re.I
        )
    ]
    assert offenders == []


def test_sessions_are_untouched_by_the_audit_guard(app, staff):
    """The guard is for audit events only: ending sessions (bulk deletes) still works."""
    client = signed_in_client(app, staff)
    client.post("/sign-out")
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 0


def test_blank_filters_show_every_security_event_or_everything(admin_client, three_days_of_events):
    # The failed sign-in, and Ada signing in to look; with everything, the three changes too.
    assert "2 events" in page_text(admin_client.get("/admin/audit?action=&person=&day_from=&day_to="))
    assert "5 events" in page_text(admin_client.get("/admin/audit?view=everything&action=&person=&day_from=&day_to="))
