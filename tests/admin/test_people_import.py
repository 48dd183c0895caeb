"""People in bulk: an administrator imports the council's Entra ID users export (a real-looking
one, tests/admin/entra_users_export.csv), checks the preview, confirms, and sees the right
people created, changed and deactivated; files that cannot be used are refused whole, rows that
cannot be used alone, and nothing is ever half-written."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import clock
from app.admin import people_import
from app.auth import passwords, reset
from app.extensions import db
from app.models import AuditEvent, OutgoingEmail, PeopleImport, User, UserSession
from app.validation import FieldError
from tests.conftest import page_text
from tests.factories import make_team, make_user, signed_in_client

EXPORT = Path(__file__).with_name("entra_users_export.csv")
DIGEST = re.compile(r'name="digest" type="hidden" value="([0-9a-f]{64})"')


@pytest.fixture
def council(app):
    """Staffroom before the import: two teams, a few people (one admin doing the import)."""
    executive, finance = make_team("Executive Support"), make_team("Finance", business_support=False)
    return {
        "admin": make_user(roles=["admin"], name="Ada Admin", email="ada.admin@northmoor.gov.uk"),
        "other_admin": make_user(roles=["admin"], name="Break Glass", email="breakglass@northmoor.gov.uk"),
        "ben": make_user(name="Benjamin Hargreaves", email="ben.hargreaves@northmoor.gov.uk", team=finance),
        "gary": make_user(name="Gary Leaver", email="gary.leaver@northmoor.gov.uk", team=executive),
        "olu": make_user(name="Olu Adeyemi", email="olu.adeyemi@northmoor.gov.uk", team=executive),
        "executive": executive,
        "finance": finance,
    }


@pytest.fixture
def admin_client(app, council):
    return signed_in_client(app, council["admin"])


def upload(client, data: bytes, filename="users.csv", everyone=False):
    return client.post(
        "/admin/people/import",
        data={"file": (io.BytesIO(data), filename), **({"everyone": "y"} if everyone else {})},
        content_type="multipart/form-data",
    )


def preview_of(client, response):
    assert response.status_code == 303, page_text(response)[:500]
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    return response.headers["Location"], page


def confirm(client, path, page):
    return client.post(path, data={"digest": DIGEST.search(page.get_data(as_text=True)).group(1)})


def person(email) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def people_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


# --- The whole journey ----------------------------------------------------------------------------------


def test_an_admin_imports_the_entra_export_and_sees_the_right_people_created_changed_and_deactivated(
    app, council, admin_client
):
    gary_phone = signed_in_client(app, council["gary"])
    path, page = preview_of(admin_client, upload(admin_client, EXPORT.read_bytes(), "exportUsers_2026-12-7.csv"))
    text = page_text(page)
    assert "Check the import" in text
    assert "read as UTF-8" in text
    for expected in (
        "To create (4)",
        "Amara Okafor amara.okafor@northmoor.gov.uk Executive Support Executive Assistant to the Chief Executive",
        "Zoë Lefèvre zoe.lefevre@northmoor.gov.uk Finance Senior Accountant, Capital",
        "Siân Prydderch sian.prydderch@northmoor.gov.uk No team Highways Inspector",
        "Tomasz Nowak tomasz.nowak@northmoor.gov.uk Finance",
        "To change (1)",
        "Benjamin Hargreaves ben.hargreaves@northmoor.gov.uk Name Benjamin Hargreaves Ben Hargreaves",
        "Team Finance Executive Support",
        "To deactivate (1)",
        "Gary Leaver gary.leaver@northmoor.gov.uk Account disabled in the file",
        "Rows that cannot be used (5)",
        "9 Jo Smith (Partner Trust) j.smith@partner.org.uk A guest account",
        "10 =HYPERLINK",
        "begins like a spreadsheet formula",
        "11 Priya Shah priya.shah@northmoor.gov.uk This address is on more than one row (11, 12)",
        "13 – no.name@northmoor.gov.uk No display name",
        "Highways (1 person)",
        "Disabled accounts with no Staffroom account (skipped) 1",
    ):
        assert expected in text, expected
    # Nothing has changed yet.
    assert people_count() == 5
    assert person("ben.hargreaves@northmoor.gov.uk").name == "Benjamin Hargreaves"

    done = confirm(admin_client, path, page)
    assert done.status_code == 303
    assert done.headers["Location"].endswith("/admin/people")
    assert "4 created, 1 changed, 1 deactivated" in page_text(admin_client.get("/admin/people"))

    amara, sian = person("amara.okafor@northmoor.gov.uk"), person("sian.prydderch@northmoor.gov.uk")
    assert (amara.name, amara.team, amara.job_title, amara.active) == (
        "Amara Okafor",
        council["executive"],
        "Executive Assistant to the Chief Executive",
        True,
    )
    assert amara.roles == {"staff"}
    assert sian.team is None and person("zoe.lefevre@northmoor.gov.uk").name == "Zoë Lefèvre"
    assert person("tomasz.nowak@northmoor.gov.uk").team == council["finance"]
    # New people have no password anyone could use.
    assert not passwords.has_password(amara.password_hash)
    for attempt in ("", passwords.NO_PASSWORD, "!no-password", "correct horse battery staple"):
        assert not passwords.verify_password(amara.password_hash, attempt)
    ben = person("ben.hargreaves@northmoor.gov.uk")
    assert (ben.name, ben.team, ben.job_title) == ("Ben Hargreaves", council["executive"], "Business Support Officer")
    assert person("gary.leaver@northmoor.gov.uk").active is False
    assert gary_phone.get("/").status_code == 303  # signed out
    assert person("olu.adeyemi@northmoor.gov.uk").active  # not in the file, but the file is not everyone
    assert person("reception@northmoor.gov.uk") is None
    assert person("mallory.formula@northmoor.gov.uk") is None and person("priya.shah@northmoor.gov.uk") is None

    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    summary = [event for event in events if event.action == "people_imported"]
    assert len(summary) == 1
    assert summary[0].actor_id == council["admin"].id
    assert {key: summary[0].details[key] for key in ("created", "changed", "deactivated", "rejected", "everyone")} == {
        "created": 4,
        "changed": 1,
        "deactivated": 1,
        "rejected": 5,
        "everyone": False,
    }
    by_import = [event.action for event in events if "source" in event.details and event.action != "people_imported"]
    assert sorted(by_import) == ["person_created"] * 4 + ["person_deactivated", "person_updated"]
    # The upload's names and addresses are not kept once applied.
    assert db.session.scalar(select(PeopleImport.content)) == ""


def test_importing_the_same_file_again_changes_nothing(app, council, admin_client):
    path, page = preview_of(admin_client, upload(admin_client, EXPORT.read_bytes()))
    assert confirm(admin_client, path, page).status_code == 303
    before = db.session.execute(
        select(User.email, User.name, User.team_id, User.job_title, User.active, User.version).order_by(User.id)
    ).all()
    events = db.session.scalar(select(func.count()).select_from(AuditEvent))

    _, again = preview_of(admin_client, upload(admin_client, EXPORT.read_bytes()))
    text = page_text(again)
    assert "Nothing to change: Staffroom already matches this file." in text
    assert "To create 0" in text and "To change 0" in text and "To deactivate 0" in text
    assert "Import these changes" not in text
    plan = people_import.plan(
        people_import.read(people_import.decode(EXPORT.read_bytes())[0]), everyone=False, actor=council["admin"]
    )
    assert not plan.has_changes
    assert (
        db.session.execute(
            select(User.email, User.name, User.team_id, User.job_title, User.active, User.version).order_by(User.id)
        ).all()
        == before
    )
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_this_is_everyone_deactivates_people_missing_from_the_file_but_never_administrators(app, council, admin_client):
    path, page = preview_of(admin_client, upload(admin_client, EXPORT.read_bytes(), everyone=True))
    text = page_text(page)
    assert "Olu Adeyemi olu.adeyemi@northmoor.gov.uk Not in the file" in text
    assert "Break Glass breakglass@northmoor.gov.uk An administrator, not in the file" in text
    assert "Ada Admin ada.admin@northmoor.gov.uk You: not in the file" in text
    assert confirm(admin_client, path, page).status_code == 303
    assert person("olu.adeyemi@northmoor.gov.uk").active is False
    assert person("breakglass@northmoor.gov.uk").active and person("ada.admin@northmoor.gov.uk").active
    # A person whose row was refused is in the file all the same: not taken for a leaver.
    assert admin_client.get("/admin/people").status_code == 200


def test_a_confirmation_after_people_changed_applies_nothing_and_shows_a_fresh_preview(app, council, admin_client):
    path, page = preview_of(admin_client, upload(admin_client, EXPORT.read_bytes()))
    # Meanwhile someone else adds Amara by hand.
    make_user(name="Amara Okafor", email="amara.okafor@northmoor.gov.uk")
    stale = confirm(admin_client, path, page)
    assert stale.status_code == 409
    text = page_text(stale)
    assert "Nothing has been imported yet" in text
    assert "To create (3)" in text
    assert person("zoe.lefevre@northmoor.gov.uk") is None
    assert person("ben.hargreaves@northmoor.gov.uk").name == "Benjamin Hargreaves"
    # The fresh preview can be confirmed.
    assert confirm(admin_client, path, stale).status_code == 303
    assert person("zoe.lefevre@northmoor.gov.uk") is not None


def test_confirming_twice_imports_once(app, council, admin_client):
    path, page = preview_of(admin_client, upload(admin_client, EXPORT.read_bytes()))
    assert confirm(admin_client, path, page).status_code == 303
    again = confirm(admin_client, path, page)
    assert again.status_code == 200
    assert "This file has been imported" in page_text(again)
    assert people_count() == 9
    assert (
        db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "people_imported"))
        == 1
    )


def test_an_imported_person_sets_a_password_through_a_reset_link(app, council, admin_client):
    path, page = preview_of(admin_client, upload(admin_client, EXPORT.read_bytes()))
    confirm(admin_client, path, page)
    with app.test_request_context():
        assert reset.request_link("amara.okafor@northmoor.gov.uk") is True
    db.session.commit()
    assert db.session.scalar(select(OutgoingEmail.to_address)) == "amara.okafor@northmoor.gov.uk"


# --- Excel's encodings and separators ---------------------------------------------------------------------


MINIMAL = (
    "displayName,userPrincipalName,department,jobTitle,accountEnabled\r\n"
    "Zoë Lefèvre,zoe@northmoor.gov.uk,Finance,Siân’s deputy,True\r\n"
)


@pytest.mark.parametrize(
    "data, encoding",
    [
        (MINIMAL.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"), "UTF-8"),
        (MINIMAL.encode("cp1252"), "Windows-1252"),
        # Excel's "Unicode Text": UTF-16 with a byte order mark, separated by tabs
        (("\ufeff" + MINIMAL.replace(",", "\t")).encode("utf-16-le"), "UTF-16"),
        (MINIMAL.replace(",", ";").encode("utf-16-be"), "UTF-16"),
        # European Excel separates with semicolons
        (MINIMAL.replace(",", ";").encode("utf-8"), "UTF-8"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252", "utf-16 with BOM and tabs", "utf-16 without BOM", "semicolons"],
)
def test_the_common_excel_encodings_and_separators_are_read(app, data, encoding):
    text, found = people_import.decode(data)
    assert found == encoding
    [row] = people_import.read(text).rows
    assert (row.name, row.email, row.department, row.job_title, row.enabled) == (
        "Zoë Lefèvre",
        "zoe@northmoor.gov.uk",
        "Finance",
        "Siân’s deputy",
        True,
    )


def test_the_microsoft_365_admin_centre_export_is_read_too(app):
    export = (
        '"Block credential","City","Country/Region","Department","DirSyncEnabled","Display name","First name",'
        '"Last name","Licenses","Object Id","Office","Title","Usage location","User principal name","When created"\r\n'
        '"False","Northmoor","United Kingdom","Finance","True","Zoë Lefèvre","Zoë","Lefèvre",'
        '"northmoorcouncil:SPE_E3","8b3e4c1a-5d6f-4e3a-9c91-2d4f5a6b7c83","Floor 3","Senior Accountant","GB",'
        '"zoe.lefevre@northmoor.gov.uk","01/04/2019 08:12:44"\r\n'
        '"True","Northmoor","United Kingdom","Finance","True","Gary Leaver","Gary","Leaver","Unlicensed",'
        '"be6b7f4d-8a9c-416d-8fc4-5a7c8d9eafb6","","Officer","GB","gary.leaver@northmoor.gov.uk",'
        '"01/04/2019 08:12:44"\r\n'
    )
    rows = people_import.read(export).rows
    assert [(row.email, row.name, row.job_title, row.enabled) for row in rows] == [
        ("zoe.lefevre@northmoor.gov.uk", "Zoë Lefèvre", "Senior Accountant", True),
        ("gary.leaver@northmoor.gov.uk", "Gary Leaver", "Officer", False),
    ]


# --- Files that cannot be used: a clear message, nothing kept ---------------------------------------------


def _rows(count: int) -> bytes:
    lines = ["displayName,userPrincipalName"] + [f"Person {n},person{n}@northmoor.gov.uk" for n in range(count)]
    return ("\r\n".join(lines) + "\r\n").encode()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "Choose the CSV file of the users export"),
        (b"   \r\n", "The file is empty"),
        (b"PK\x03\x04" + b"\x00" * 200, "This is an Excel workbook, not a CSV file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "could not be read as UTF-16 text"),
        (
            b"First name,Last name,Phone\r\nJo,Bloggs,1\r\n",
            "The file has no userPrincipalName or mail and no displayName column",
        ),
        (_rows(100_000), "The file has more than 10,000 people"),
        (b"displayName,userPrincipalName\r\n" + b"x" * (5 * 1024 * 1024), "The file is larger than 5 MB"),
        (b'displayName,userPrincipalName\r\n"' + b"x" * 200_000 + b'",a@b.gov.uk\r\n', "could not be read as CSV"),
        (b"displayName,userPrincipalName\r\nZo\x81,zoe@northmoor.gov.uk\r\n", "could not be read as Windows-1252"),
    ],
    ids=[
        "no file",
        "empty",
        "xlsx",
        "binary",
        "wrong columns",
        "100,000 rows",
        "over 5 MB",
        "a cell too long",
        "undecodable",
    ],
)
def test_a_file_that_cannot_be_used_is_refused_with_a_clear_message_and_nothing_is_kept(
    app, council, admin_client, data, message
):
    response = (
        upload(admin_client, data)
        if data
        else admin_client.post("/admin/people/import", data={"everyone": "y"}, content_type="multipart/form-data")
    )
    assert response.status_code == 422
    text = page_text(response)
    assert "There is a problem" in text and message in text
    assert 'href="#file"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(PeopleImport)) == 0
    assert people_count() == 5


def test_the_command_refuses_100000_rows_and_writes_nothing(app, council, tmp_path):
    huge = tmp_path / "huge.csv"
    huge.write_bytes(_rows(100_000))
    result = app.test_cli_runner().invoke(args=["users", "import", str(huge)])
    assert result.exit_code == 1
    assert "more than 10,000 people" in result.output
    assert people_count() == 5


def test_someone_else_s_upload_is_open_to_any_admin_and_an_unknown_one_is_not_found(app, council, admin_client):
    path, _ = preview_of(admin_client, upload(admin_client, EXPORT.read_bytes()))
    assert signed_in_client(app, council["other_admin"]).get(path).status_code == 200
    assert admin_client.get("/admin/people/import/999999").status_code == 404
    assert signed_in_client(app, council["olu"]).get(path).status_code == 404


# --- The command line -------------------------------------------------------------------------------------


def test_the_command_dry_run_lists_the_plan_and_changes_nothing(app, council):
    result = app.test_cli_runner().invoke(args=["users", "import", str(EXPORT), "--dry-run", "--everyone"])
    assert result.exit_code == 0, result.output
    for expected in (
        "create      row 2: Amara Okafor <amara.okafor@northmoor.gov.uk>, team Executive Support",
        "change      Benjamin Hargreaves <ben.hargreaves@northmoor.gov.uk>: "
        "name 'Benjamin Hargreaves' -> 'Ben Hargreaves'",
        "deactivate  Gary Leaver <gary.leaver@northmoor.gov.uk>: Account disabled in the file",
        "deactivate  Olu Adeyemi <olu.adeyemi@northmoor.gov.uk>: Not in the file",
        "refused     row 9: j.smith@partner.org.uk: A guest account",
        "left alone  Break Glass <breakglass@northmoor.gov.uk>",
        "no team named 'Highways' (1 people)",
        "dry run, nothing changed: 4 to create, 1 to change, 2 to deactivate, 5 rows refused",
    ):
        assert expected in result.output, expected
    assert people_count() == 5
    assert person("olu.adeyemi@northmoor.gov.uk").active


def test_the_command_applies_the_import_and_a_second_run_changes_nothing(app, council):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["users", "import", str(EXPORT), "--everyone"])
    assert first.exit_code == 0, first.output
    assert "users import: 4 created, 1 changed, 2 deactivated, 5 rows refused" in first.output
    db.session.rollback()
    assert people_count() == 9
    assert person("olu.adeyemi@northmoor.gov.uk").active is False
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "people_imported"))
    assert event.actor_id is None and event.details["source"] == "command line: entra_users_export.csv"
    second = runner.invoke(args=["users", "import", str(EXPORT), "--everyone"])
    assert "users import: 0 created, 0 changed, 0 deactivated, 5 rows refused" in second.output


def test_deactivated_people_lose_their_sessions(app, council):
    signed_in_client(app, council["gary"])
    app.test_cli_runner().invoke(args=["users", "import", str(EXPORT)])
    db.session.rollback()
    assert (
        db.session.scalar(
            select(func.count()).select_from(UserSession).where(UserSession.user_id == council["gary"].id)
        )
        == 0
    )


def test_an_import_that_fails_part_way_writes_nothing(app, council):
    """Someone adds a person the plan creates between the plan and its applying: a unique address
    refuses the insert, and the whole import is undone, the changes before it included."""
    plan = people_import.plan(
        people_import.read(people_import.decode(EXPORT.read_bytes())[0]), everyone=True, actor=council["admin"]
    )
    assert [new.email for new in plan.create][-1] == "tomasz.nowak@northmoor.gov.uk"
    make_user(name="Tomasz Nowak", email="tomasz.nowak@northmoor.gov.uk")
    events = db.session.scalar(select(func.count()).select_from(AuditEvent))
    with pytest.raises(FieldError, match="nothing was imported"):
        people_import.apply(plan, actor=council["admin"], source="test")
    db.session.commit()
    assert person("amara.okafor@northmoor.gov.uk") is None
    assert person("ben.hargreaves@northmoor.gov.uk").name == "Benjamin Hargreaves"
    assert person("gary.leaver@northmoor.gov.uk").active and person("olu.adeyemi@northmoor.gov.uk").active
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_an_upload_is_kept_a_day_at_most(app, council, admin_client):
    path, _ = preview_of(admin_client, upload(admin_client, EXPORT.read_bytes()))
    with clock.fixed(clock.now() + timedelta(days=1, minutes=1)):
        result = app.test_cli_runner().invoke(args=["housekeeping"])
    assert "1 day-old people imports removed" in result.output, result.output
    assert db.session.scalar(select(func.count()).select_from(PeopleImport)) == 0
    # (Housekeeping a day later ended the admin's session too: they sign in again.)
    assert signed_in_client(app, council["admin"]).get(path).status_code == 404


def test_an_imported_person_s_page_shows_their_job_title_and_that_they_have_no_password(app, council, admin_client):
    app.test_cli_runner().invoke(args=["users", "import", str(EXPORT)])
    db.session.rollback()
    amara = person("amara.okafor@northmoor.gov.uk")
    text = page_text(admin_client.get(f"/admin/people/{amara.id}"))
    assert "Executive Assistant to the Chief Executive" in text
    assert "Amara Okafor has no password yet" in text
    assert "has no password yet" not in page_text(admin_client.get(f"/admin/people/{council['olu'].id}"))


def test_markup_in_the_file_is_shown_as_text(app, council, admin_client):
    hostile = (
        b"displayName,userPrincipalName,department,jobTitle\r\n"
        b"<script>alert(1)</script>,xss@northmoor.gov.uk,<img src=x onerror=alert(2)>,<b>Boss</b>\r\n"
    )
    _, page = preview_of(admin_client, upload(admin_client, hostile, filename='<svg onload="alert(3)">.csv'))
    markup = page.get_data(as_text=True)
    for raw in ("<script>alert(1)", "<img src=x", "<b>Boss", "<svg onload"):
        assert raw not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "&lt;img src=x onerror=alert(2)&gt; (1 person)" in markup


def test_someone_in_staffroom_under_their_user_principal_name_is_matched_not_created_again(app, council):
    make_user(name="Zoe Lefevre", email="zoe.l@northmoor.gov.uk")
    export = (
        "userPrincipalName,displayName,mail,department,accountEnabled\r\n"
        "zoe.l@northmoor.gov.uk,Zoë Lefèvre,zoe.lefevre@northmoor.gov.uk,Finance,True\r\n"
    )
    plan = people_import.plan(people_import.read(export), everyone=True, actor=council["admin"])
    assert plan.create == ()
    [change] = plan.change
    assert change.email == "zoe.l@northmoor.gov.uk"
    assert ("Name", "Zoe Lefevre", "Zoë Lefèvre") in change.changes
    assert "zoe.l@northmoor.gov.uk" not in [leaver.email for leaver in plan.deactivate]


def test_control_characters_in_a_name_are_refused_as_such(app):
    export = "displayName,userPrincipalName\r\nJo\x07Bloggs,jo@northmoor.gov.uk\r\n"
    [refused] = people_import.read(export).rejected
    assert refused.reason == "Display name holds control characters: check this row in the directory"
    assert refused.name == "JoBloggs"


def test_phone_numbers_come_from_the_directory_and_a_file_without_them_leaves_them_alone(app, council):
    export = (
        "displayName,userPrincipalName,businessPhones,mobilePhone\r\n"
        "Ben Hargreaves,ben.hargreaves@northmoor.gov.uk,0116 454 1000; 0116 454 1001,07700 900123\r\n"
        "Nia Mobile,nia.mobile@northmoor.gov.uk,,07700 900456\r\n"
    )
    read_file = people_import.read(export)
    # A business phone first (the first of several), else the mobile.
    assert [(row.email, row.phone) for row in read_file.rows] == [
        ("ben.hargreaves@northmoor.gov.uk", "0116 454 1000"),
        ("nia.mobile@northmoor.gov.uk", "07700 900456"),
    ]
    people_import.apply(
        people_import.plan(read_file, everyone=False, actor=council["admin"]), actor=council["admin"], source="test"
    )
    db.session.commit()
    assert (person("ben.hargreaves@northmoor.gov.uk").phone, person("nia.mobile@northmoor.gov.uk").phone) == (
        "0116 454 1000",
        "07700 900456",
    )
    # A file with no phone column says nothing about phones: the ones recorded stay.
    without = "displayName,userPrincipalName\r\nBen Hargreaves,ben.hargreaves@northmoor.gov.uk\r\n"
    assert not people_import.plan(people_import.read(without), everyone=False, actor=council["admin"]).change
