"""People in bulk: a users export from Microsoft Entra ID or the Microsoft 365 admin centre, read,
turned into a plan (who is created, changed, deactivated, left alone, and the rows refused, each
with its reason) and applied exactly as previewed, in one transaction.

Reading is strict about the file and forgiving about its form: Excel's encodings (UTF-8 with or
without a byte order mark, UTF-16 "Unicode text", Windows-1252 "CSV (Comma delimited)"), commas,
semicolons or tabs, the column names of both exports. A file too large, with too many rows, not
text, or without the columns needed is refused whole, with a message; a row that cannot be used
(no address, a formula where a name belongs, a guest account, an address twice) is refused alone,
with its reason, and the rest go ahead.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import selectinload

from app import audit, clock
from app.auth import passwords, sessions
from app.extensions import db, rows_changed
from app.models import PeopleImport, Team, User
from app.models.user import Role
from app.validation import EMAIL_PATTERN, FieldError, StaleEdit, clean_text, saving

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
# How long an upload waits for its confirmation (it holds names and addresses).
KEPT_FOR = timedelta(days=1)
NAME_LIMIT = 120  # users.name, users.job_title, teams.name
PHONE_LIMIT = 40  # users.phone
# What a spreadsheet would run as a formula if the value were opened in one (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# Each column Staffroom reads, and the names it has in Entra ID's "Download users" (the property
# names), the Microsoft 365 admin centre's "Export users" (display names) and plain spreadsheets.
# Names are compared in lower case with everything but letters and digits removed.
COLUMNS: dict[str, tuple[str, ...]] = {
    "mail": ("mail", "email", "emailaddress", "primarysmtpaddress"),
    "upn": ("userprincipalname", "upn"),
    "name": ("displayname", "name", "fullname"),
    "department": ("department",),
    "job_title": ("jobtitle", "title"),
    # A business phone first (Entra ID's businessPhones, "Office phone" in the admin centre), else a mobile.
    "phone": ("businessphones", "telephonenumber", "officephone", "phone", "phonenumber"),
    "mobile": ("mobilephone", "mobile", "mobilenumber"),
    "enabled": ("accountenabled", "enabled"),
    "blocked": ("blockcredential", "blocksignin"),
    "user_type": ("usertype",),
}
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


class FileRefused(FieldError):
    """The file as a whole cannot be used: nothing is read from it."""

    def __init__(self, message: str) -> None:
        super().__init__("file", message)


# --- Reading the file ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    line: int
    email: str  # mail, else the user principal name
    name: str
    department: str
    job_title: str
    enabled: bool
    # The user principal name when it differs from mail: someone already in Staffroom under it is
    # the same person (and keeps the address they sign in with).
    other_email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Rejected:
    line: int
    email: str
    name: str
    reason: str


@dataclass(frozen=True)
class ReadFile:
    rows: tuple[Row, ...]
    rejected: tuple[Rejected, ...]
    columns: dict[str, str]  # what Staffroom reads -> the file's header used for it


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and a name for its encoding, or FileRefused saying what is wrong."""
    if len(data) > MAX_BYTES:
        raise FileRefused(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. Export fewer columns or fewer people."
        )
    if not data.strip():
        raise FileRefused("The file is empty")
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise FileRefused(
            "This is an Excel workbook, not a CSV file. In Excel choose File, Save a copy, "
            "CSV UTF-8 (Comma delimited), and upload that file."
        )
    for bom, encoding, label in (
        (codecs.BOM_UTF8, "utf-8", "UTF-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
    ):
        if data.startswith(bom):
            return _decoded(data[len(bom) :], encoding, label), label
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a byte order mark: ASCII text has a zero in every other byte.
        encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return _decoded(data, encoding, "UTF-16"), "UTF-16"
    try:
        return _decoded(data, "utf-8", "UTF-8"), "UTF-8"
    except FileRefused:
        # Excel's "CSV (Comma delimited)" on a UK Windows machine.
        return _decoded(data, "cp1252", "Windows-1252"), "Windows-1252"


def _decoded(data: bytes, encoding: str, label: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise FileRefused(
            f"The file could not be read as {label} text. Save it from Excel as CSV UTF-8 (Comma delimited)."
        ) from None
    if "\x00" in text:
        raise FileRefused("The file is not a text file. Upload the CSV file of the users export.")
    return text


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    return max(counts, key=lambda delimiter: counts[delimiter])


def read(text: str) -> ReadFile:
    """The usable rows and the refused ones, or FileRefused for the file as a whole."""
    delimiter = _delimiter(text.lstrip("\r\n").split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header: list[str] = []
        for header in reader:
            if any(cell.strip() for cell in header):
                break
        columns: dict[str, int] = {}
        names: dict[str, str] = {}
        keys = [_key(clean_text(cell)) for cell in header]
        for wanted, aliases in COLUMNS.items():
            for alias in aliases:
                if alias in keys:
                    columns[wanted], names[wanted] = keys.index(alias), header[keys.index(alias)].strip()
                    break
        missing = [
            label
            for label, present in (
                ("userPrincipalName or mail", "mail" in columns or "upn" in columns),
                ("displayName", "name" in columns),
            )
            if not present
        ]
        if missing:
            raise FileRefused(
                f"The file has no {' and no '.join(missing)} column. Upload the users export from "
                "Microsoft Entra ID (Users, Download users) or the Microsoft 365 admin centre "
                "(Active users, Export users)."
            )
        rows: list[Row] = []
        rejected: list[Rejected] = []
        count = 0
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            count += 1
            if count > MAX_ROWS:
                raise FileRefused(
                    f"The file has more than {MAX_ROWS:,} people. Staffroom imports up to {MAX_ROWS:,} at a time: "
                    "filter the export (by department, say) and import it in parts, without “This is everyone”."
                )
            outcome = _row(line, cells, columns)
            if isinstance(outcome, Row):
                rows.append(outcome)
            else:
                rejected.append(outcome)
    except csv.Error as error:
        raise FileRefused(f"The file could not be read as CSV near line {reader.line_num}: {error}.") from None
    return _without_repeats(rows, rejected, names)


def _row(line: int, cells: list[str], columns: dict[str, int]) -> Row | Rejected:
    def cell(name: str) -> str:
        index = columns.get(name)
        value = cells[index] if index is not None and index < len(cells) else ""
        return " ".join(clean_text(value).split()) if name != "mail" and name != "upn" else value.strip()

    mail, upn, name = cell("mail"), cell("upn"), cell("name")
    email = (mail or upn).lower()
    shown = name[:NAME_LIMIT]

    def refused(reason: str) -> Rejected:
        return Rejected(line, _CONTROL.sub("", email)[:254], _CONTROL.sub("", shown), reason)

    if cell("user_type").lower() == "guest":
        return refused("A guest account (userType Guest): only the council’s own accounts are imported")
    if not email:
        return refused("No email address (mail or userPrincipalName is empty)")
    if "#ext#" in email:
        return refused(
            "A guest account (#EXT# in its user principal name): only the council’s own accounts are imported"
        )
    if (
        len(email) > 254
        or not EMAIL_PATTERN.fullmatch(email)
        or email.startswith(_FORMULA_START)
        or _CONTROL.search(email)
    ):
        return refused(f"“{email[:80]}” is not an email address")
    if not name:
        return refused("No display name")
    department, job_title = cell("department"), cell("job_title")
    # Entra ID lists several business phones as one cell ("0116 454 1000; 0116 454 1001"): the first.
    phone = re.split(r"[;,]", cell("phone") or cell("mobile"))[0].strip()
    for label, value in (
        ("Display name", name),
        ("Department", department),
        ("Job title", job_title),
        ("Phone", phone),
    ):
        if _CONTROL.search(value):
            return refused(f"{label} holds control characters: check this row in the directory")
        if value.startswith(_FORMULA_START):
            return refused(
                f"{label} begins like a spreadsheet formula (“{value[:1]}”): check this row in the directory"
            )
        if len(value) > (PHONE_LIMIT if label == "Phone" else NAME_LIMIT):
            return refused(f"{label} is longer than {PHONE_LIMIT if label == 'Phone' else NAME_LIMIT} characters")
    enabled = True
    if "enabled" in columns:
        value = cell("enabled").lower()
        if value in _FALSE:
            enabled = False
        elif value and value not in _TRUE:
            return refused(f"Account enabled must be True or False, not “{value[:20]}”")
    elif "blocked" in columns:
        value = cell("blocked").lower()
        if value in _TRUE:
            enabled = False
        elif value and value not in _FALSE:
            return refused(f"Block credential must be True or False, not “{value[:20]}”")
    other = upn.lower() if mail and upn and upn.lower() != email and EMAIL_PATTERN.fullmatch(upn) else ""
    return Row(line, email, name, department, job_title, enabled, other if "#ext#" not in other else "", phone)


def _without_repeats(rows: list[Row], rejected: list[Rejected], names: dict[str, str]) -> ReadFile:
    """An address twice in the file: which row is right cannot be known, so neither is used."""
    lines: dict[str, list[int]] = {}
    for row in rows:
        lines.setdefault(row.email, []).append(row.line)
    kept = []
    for row in rows:
        if len(lines[row.email]) > 1:
            where = ", ".join(str(line) for line in lines[row.email])
            rejected.append(Rejected(row.line, row.email, row.name, f"This address is on more than one row ({where})"))
        else:
            kept.append(row)
    return ReadFile(tuple(kept), tuple(sorted(rejected, key=lambda item: item.line)), names)


# --- The plan ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewPerson:
    line: int
    email: str
    name: str
    team: str | None
    job_title: str
    phone: str = ""


@dataclass(frozen=True)
class Change:
    person_id: int
    email: str
    name: str
    changes: tuple[tuple[str, str, str], ...]  # (what, before, after)


@dataclass(frozen=True)
class Leaver:
    person_id: int
    email: str
    name: str
    reason: str


@dataclass(frozen=True)
class LeftAlone:
    email: str
    name: str
    reason: str


@dataclass(frozen=True)
class Plan:
    everyone: bool
    create: tuple[NewPerson, ...] = ()
    change: tuple[Change, ...] = ()
    deactivate: tuple[Leaver, ...] = ()
    rejected: tuple[Rejected, ...] = ()
    left_alone: tuple[LeftAlone, ...] = ()
    unchanged: int = 0
    # Disabled accounts with no Staffroom account (shared mailboxes, rooms, old leavers): nothing to do.
    skipped_disabled: int = 0
    # Departments with no team of the same name: (department, people), most people first.
    unmatched_departments: tuple[tuple[str, int], ...] = ()
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return bool(self.create or self.change or self.deactivate)

    def digest(self) -> str:
        """A fingerprint of everything the plan would do and of what it found: a confirmation
        applies the plan only if it is still the one previewed."""
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True, default=str).encode()).hexdigest()


def _team_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def plan(read_file: ReadFile, *, everyone: bool, actor: User | None) -> Plan:
    """What importing these rows would do to Staffroom as it is now (reads only)."""
    people = {
        person.email: person
        for person in db.session.scalars(select(User).options(selectinload(User.team), selectinload(User.role_rows)))
    }
    teams = {_team_key(team.name): team for team in db.session.scalars(select(Team))}
    create: list[NewPerson] = []
    change: list[Change] = []
    deactivate: list[Leaver] = []
    left_alone: list[LeftAlone] = []
    rejected = list(read_file.rejected)
    unmatched: Counter[str] = Counter()
    unchanged = skipped_disabled = 0
    actor_id = getattr(actor, "id", None)

    for row in read_file.rows:
        team = teams.get(_team_key(row.department)) if row.department else None
        if row.department and team is None:
            unmatched[row.department] += 1
        person = people.get(row.email) or (people.get(row.other_email) if row.other_email else None)
        if person is None:
            if row.enabled:
                create.append(
                    NewPerson(row.line, row.email, row.name, team.name if team else None, row.job_title, row.phone)
                )
            else:
                skipped_disabled += 1
            continue
        if not person.active:
            if row.enabled:
                left_alone.append(
                    LeftAlone(
                        person.email,
                        person.name,
                        "Deactivated in Staffroom, enabled in the file: reactivate them by hand if they are back",
                    )
                )
            else:
                unchanged += 1
            continue
        if not row.enabled:
            if person.id == actor_id:
                rejected.append(
                    Rejected(
                        row.line,
                        row.email,
                        row.name,
                        "Your own account is disabled in the file: you cannot deactivate yourself",
                    )
                )
            else:
                deactivate.append(Leaver(person.id, person.email, person.name, "Account disabled in the file"))
            continue
        changes = []
        if person.name != row.name:
            changes.append(("Name", person.name, row.name))
        if (person.job_title or "") != row.job_title:
            changes.append(("Job title", person.job_title or "", row.job_title))
        # A file without a phone column says nothing about phones: those recorded stay.
        if ("phone" in read_file.columns or "mobile" in read_file.columns) and (person.phone or "") != row.phone:
            changes.append(("Phone", person.phone or "", row.phone))
        if team is not None and person.team_id != team.id:
            changes.append(("Team", person.team.name if person.team else "", team.name))
        if changes:
            change.append(Change(person.id, person.email, person.name, tuple(changes)))
        else:
            unchanged += 1

    if everyone:
        in_file = (
            {row.email for row in read_file.rows}
            | {row.other_email for row in read_file.rows}
            | {item.email for item in read_file.rejected}
        )
        for email, person in sorted(people.items()):
            if email in in_file or not person.active:
                continue
            if person.id == actor_id:
                left_alone.append(
                    LeftAlone(email, person.name, "You: not in the file, but you cannot deactivate yourself")
                )
            elif person.has_role(Role.ADMIN):
                left_alone.append(
                    LeftAlone(
                        email,
                        person.name,
                        "An administrator, not in the file: never deactivated by an import (a break-glass account "
                        "is usually not in the directory); deactivate them by hand if they have left",
                    )
                )
            else:
                deactivate.append(Leaver(person.id, email, person.name, "Not in the file"))

    return Plan(
        everyone=everyone,
        create=tuple(create),
        change=tuple(change),
        deactivate=tuple(deactivate),
        rejected=tuple(sorted(rejected, key=lambda item: item.line)),
        left_alone=tuple(left_alone),
        unchanged=unchanged,
        skipped_disabled=skipped_disabled,
        unmatched_departments=tuple(sorted(unmatched.items(), key=lambda item: (-item[1], item[0]))),
        columns=read_file.columns,
    )


# --- Applying it ---------------------------------------------------------------------------------------

CHANGED_MEANWHILE = (
    "People in Staffroom changed while this import was being applied, so nothing was imported. "
    "Check the new preview and confirm again."
)


@dataclass(frozen=True)
class Applied:
    created: int
    changed: int
    deactivated: int


def _people(ids: list[int]) -> dict[int, User]:
    """The people with these ids, a few queries for thousands (not one each)."""
    found: dict[int, User] = {}
    for start_at in range(0, len(ids), 500):
        found.update(
            (person.id, person)
            for person in db.session.scalars(select(User).where(User.id.in_(ids[start_at : start_at + 500])))
        )
    missing = set(ids) - set(found)
    if missing:  # deleted since the plan was made (nothing in Staffroom deletes people, but still)
        raise FieldError(None, CHANGED_MEANWHILE)
    return found


def apply(import_plan: Plan, *, actor: User | None, source: str) -> Applied:
    """Make the plan's changes, all or none (a savepoint; the caller commits), and audit each.
    Written in batches (one flush for each kind of change): ten thousand people take seconds."""
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    details = {"source": source}
    try:
        with saving(None, CHANGED_MEANWHILE, what="people in Staffroom"):
            created = [
                User(
                    name=new.name,
                    email=new.email,
                    job_title=new.job_title,
                    phone=new.phone,
                    team=teams.get(new.team) if new.team else None,
                    active=True,
                    password_hash=passwords.NO_PASSWORD,
                )
                for new in import_plan.create
            ]
            db.session.add_all(created)
            found = _people([item.person_id for item in import_plan.change + import_plan.deactivate])
            changed = [found[item.person_id] for item in import_plan.change]
            for person, item in zip(changed, import_plan.change):
                for what, _before, after in item.changes:
                    if what == "Name":
                        person.name = after
                    elif what == "Job title":
                        person.job_title = after
                    elif what == "Phone":
                        person.phone = after
                    elif what == "Team":
                        person.team = teams[after]
            leavers = [found[leaver.person_id] for leaver in import_plan.deactivate]
            for person in leavers:
                person.active = False
            db.session.flush()
            ended = sessions.end_all_for_people([person.id for person in leavers])
    except StaleEdit:
        raise FieldError(None, CHANGED_MEANWHILE) from None
    for person in created:
        audit.record(actor, "person_created", person, email=person.email, roles=[Role.STAFF.value], **details)
    for person, item in zip(changed, import_plan.change):
        changes = {what.lower(): [before, after] for what, before, after in item.changes}
        audit.record(actor, "person_updated", person, changes=changes, **details)
    for person, leaver in zip(leavers, import_plan.deactivate):
        audit.record(
            actor, "person_deactivated", person, sessions_ended=ended.get(person.id, 0), reason=leaver.reason, **details
        )
    applied = Applied(len(created), len(changed), len(leavers))
    audit.record(
        actor,
        "people_imported",
        None,
        created=applied.created,
        changed=applied.changed,
        deactivated=applied.deactivated,
        rejected=len(import_plan.rejected),
        everyone=import_plan.everyone,
        **details,
    )
    return applied


# --- Uploads waiting for their confirmation ------------------------------------------------------------


def keep_upload(data: bytes, filename: str, *, everyone: bool, actor: User) -> PeopleImport:
    """Check the file and keep its text for the preview and the confirmation (FileRefused if the
    file cannot be used)."""
    text, encoding = decode(data)
    read(text)  # refused now, on the upload form, rather than on the preview
    upload = PeopleImport(
        uploaded_by_id=actor.id,
        uploaded_at=clock.now(),
        # Shown on the preview and in the audit log: one line of printable text.
        filename=_CONTROL.sub("", clean_text(filename or "")).replace("\n", "").replace("\t", " ").strip()[:255]
        or "users.csv",
        encoding=encoding,
        content=text,
        everyone=everyone,
    )
    db.session.add(upload)
    db.session.flush()
    return upload


def upload_for(import_id: int) -> PeopleImport | None:
    """An upload still kept (any administrator may check and confirm it: the plan is worked out
    again for whoever confirms)."""
    upload = db.session.get(PeopleImport, import_id)
    if upload is None or upload.uploaded_at < clock.now() - KEPT_FOR:
        return None
    return upload


def plan_upload(upload: PeopleImport, actor: User) -> Plan:
    return plan(read(upload.content), everyone=upload.everyone, actor=actor)


def confirm(upload: PeopleImport, digest: str, actor: User) -> tuple[Plan, Applied | None]:
    """Apply the upload's plan if it is the one previewed (`digest`); otherwise the fresh plan and
    None, applying nothing."""
    current = plan_upload(upload, actor)
    if current.digest() != digest:
        return current, None
    # Once only, even when the button is pressed twice: one request marks the upload applied.
    marked = rows_changed(
        update(PeopleImport)
        .where(PeopleImport.id == upload.id, PeopleImport.applied_at.is_(None))
        .values(applied_at=clock.now(), content="")
        # The upload in hand keeps its text: if applying fails, the fresh preview is made from it
        # (and the request's rollback undoes this mark).
        .execution_options(synchronize_session=False)
    )
    if marked != 1:
        raise FieldError(None, "This file has been imported already.")
    return current, apply(current, actor=actor, source=f"upload {upload.id}: {upload.filename}")


def delete_old_uploads() -> int:
    """Housekeeping: uploads a day old (applied or not) are removed with the names they hold."""
    return rows_changed(delete(PeopleImport).where(PeopleImport.uploaded_at < clock.now() - KEPT_FOR))


def describe(columns: dict[str, str]) -> Iterable[tuple[str, str]]:
    """For the preview: which of the file's columns were read, and as what."""
    labels = {
        "mail": "Email address",
        "upn": "Email address (when mail is empty)",
        "name": "Name",
        "department": "Team (by department)",
        "job_title": "Job title",
        "phone": "Phone",
        "mobile": "Phone (when there is no business phone)",
        "enabled": "Whether the account is enabled",
        "blocked": "Whether the account is enabled (blocked: not enabled)",
        "user_type": "Guest accounts (refused)",
    }
    return [(header, labels[wanted]) for wanted, header in columns.items()]
