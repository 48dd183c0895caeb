"""What the fuzz tests share: the forms a page really shows (read from its HTML), hypothesis
strategies for hostile values, request bodies built byte by byte (so values a browser could send
but the test client would refuse, such as lone surrogates and invalid UTF-8, arrive as they
would), the people allowed to use each route, and a fingerprint of the whole database."""

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote_plus, urljoin, urlsplit

from hypothesis import strategies as st
from sqlalchemy import select

from app.extensions import db
from app.models import Team, User
from tests.factories import make_service, make_team, make_user, signed_in_client
from tests.test_policy_matrix import MATRIX, NOT_FOUND, TO_SIGN_IN, make_targets

# --- Forms as the page shows them --------------------------------------------------------------


@dataclass
class FieldSpec:
    name: str
    kind: str  # text, hidden, password, textarea, select, radio, checkbox, file, submit ...
    options: list[str] = field(default_factory=list)  # offered values (select, radios, checkboxes)
    defaults: list[str] = field(default_factory=list)  # what the page fills in or has chosen

    @property
    def is_file(self) -> bool:
        return self.kind == "file"


@dataclass
class FormSpec:
    action: str
    method: str
    multipart: bool
    fields: dict[str, FieldSpec] = field(default_factory=dict)

    def add(self, name: str, kind: str, value: str | None = None, *, chosen: bool = True, option: bool = False):
        spec = self.fields.setdefault(name, FieldSpec(name, kind))
        if option and value is not None and value not in spec.options:
            spec.options.append(value)
        if chosen and value is not None and kind != "submit":
            spec.defaults.append(value)


class FormParser(HTMLParser):
    """Every <form> of a page with its fields; also every link's query-string names."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[FormSpec] = []
        self.link_queries: list[tuple[str, list[str]]] = []  # (path, names)
        self._form: FormSpec | None = None
        self._select: tuple[str, bool] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        for attribute in ("href", "hx-get"):
            if attributes.get(attribute, "").startswith("/") and "?" in attributes[attribute]:
                parts = urlsplit(attributes[attribute])
                self.link_queries.append((parts.path, [name for name, _ in parse_qsl(parts.query, True)]))
        if tag == "form":
            action = urljoin(self.page_url, attributes.get("action") or self.page_url)
            self._form = FormSpec(
                action=action,
                method=(attributes.get("method") or "get").lower(),
                multipart="multipart" in attributes.get("enctype", ""),
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is not None and tag == "option" and self._select:
            form.add(
                self._select[0], "select", attributes.get("value", ""), chosen="selected" in attributes, option=True
            )
        if form is None or not attributes.get("name"):
            return
        name = attributes["name"]
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                form.add(name, kind, attributes.get("value", "on"), chosen="checked" in attributes, option=True)
            elif kind in ("submit", "button", "image", "reset"):
                form.add(name, "submit", attributes.get("value", ""))
            else:
                form.add(name, kind, None if kind == "file" else attributes.get("value", ""))
        elif tag == "button" and attributes.get("type", "submit") == "submit":
            form.add(name, "submit", attributes.get("value", ""))
        elif tag == "textarea":
            self._textarea, self._text = name, []
        elif tag == "select":
            self._select = (name, "multiple" in attributes)
            form.add(name, "select-multiple" if "multiple" in attributes else "select")

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None and self._form is not None:
            # The line break straight after <textarea> is not part of the value.
            self._form.add(self._textarea, "textarea", "".join(self._text).removeprefix("\n"))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def forms_of(markup: str, page_url: str) -> FormParser:
    parser = FormParser(page_url)
    parser.feed(markup)
    parser.close()
    return parser


# --- Who may use each route ----------------------------------------------------------------------

# Routes the matrix's roles are all refused: the target person's own (the requester's side, their
# draft, their comment), or their team's manager's (canned replies).
OWNER_ONLY = {
    "raising.check_answers",
    "raising.deflected",
    "service_requests.cancel",
    "service_requests.reopen",
    "service_requests.rate",
    "service_requests.rate_by_link",
    "ideas.edit_comment",
    "assistant.feedback",
    "assistant.refer",
}
# Routes only the person asked to approve the target request may use.
APPROVER_ONLY = {"service_requests.decide", "service_requests.approval_link"}
TEAM_MANAGER_ONLY = {
    "service_requests.canned_replies",
    "service_requests.edit_canned_reply",
    "service_requests.delete_canned_reply",
}
# A contact's pages (someone without an account): the agents and managers of the team that
# recorded them (the matrix's Facilities agent, who keyed their request).
CONTACT_TEAM_ONLY = {"contacts.show", "contacts.edit", "contacts.letter", "contacts.task_done"}
PREFERENCE = ("admin", "manager", "editor", "agent", "staff", "anonymous")


def actor_role(method: str, endpoint: str) -> str:
    """Who uses the route in the fuzz tests: someone who gets past the permission checks."""
    if endpoint in OWNER_ONLY:
        return "owner"
    if endpoint in TEAM_MANAGER_ONLY:
        return "team-manager"
    if endpoint in APPROVER_ONLY:
        return "approver"
    if endpoint in CONTACT_TEAM_ONLY:
        return "contact-team"
    _, outcomes = MATRIX[(method, endpoint)]
    if endpoint == "auth.sign_in":
        return "anonymous"
    if endpoint == "auth.sign_out":
        return "staff"
    for role in PREFERENCE:
        if outcomes[role] not in (NOT_FOUND, TO_SIGN_IN):
            return role
    raise AssertionError(f"nobody may use {method} {endpoint}")


def client_for(app, role: str, targets: dict):
    if role == "anonymous":
        return app.test_client()
    if role == "owner":
        return signed_in_client(app, db.session.get(User, targets["person"]))
    if role == "approver":
        return signed_in_client(app, db.session.get(User, targets["approver"]))
    if role == "team-manager":
        return signed_in_client(
            app, make_user(roles=["manager"], team=db.session.get(Team, targets["team"]), name="Tess Teammanager")
        )
    if role == "contact-team":
        return signed_in_client(app, db.session.scalar(select(User).where(User.name == "Fay Facilities")))
    return signed_in_client(app, make_user(roles=[] if role == "staff" else [role], name=f"{role.title()} Person"))


EVERY_KIND = [
    {"kind": "text", "label": "Name of the meeting"},
    {"kind": "textarea", "label": "Who will attend", "required": False},
    {"kind": "number", "label": "How many people", "min_value": 1, "max_value": 500},
    {"kind": "date", "label": "Date of the meeting", "not_in_past": True, "required": False},
    {"kind": "email", "label": "Contact email", "required": False},
    {"kind": "select", "label": "Room", "options": "Committee Room 1\nCommittee Room 2"},
    {"kind": "radios", "label": "Layout", "options": "Boardroom\nTheatre", "required": False},
    {"kind": "checkboxes", "label": "Refreshments", "options": "Tea and coffee\nSandwiches", "required": False},
    {"kind": "yesno", "label": "Is the meeting public?", "options": "Yes\nNo"},
    {"kind": "file", "label": "Agenda", "required": False},
]


def make_fuzz_targets() -> dict:
    """The policy matrix's targets, and a service asking every kind of question."""
    targets = make_targets()
    everything = make_service(name="Every kind of question", team=make_team("Democratic Services"), fields=EVERY_KIND)
    return {**targets, "everything": everything.slug}


# --- Hostile values -------------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t",
    "\x1b[31m",
    "\x7f",
    "\u0085",
    "\u2028",
    "\u202e\u0644",
    "\u200b",
    "\ufeff",
    "\uffff",
    "\U0010ffff",
    "e\u0301\u0301\u0301",
    "Z\u0351\u0337\u0338",
    "👩🏽‍💻",
    "שלום",
    "مرحبا",
    "𝔘𝔫𝔦",
    "ǅ",
    "İ",
    "ß",
    "%00",
    "%",
    "\\",
    "../../etc/passwd",
    "..\\..\\x",
    "/",
    "//evil.example",
    "' OR 1=1 --",
    '"; DROP TABLE x',
    "{{7*7}}",
    "${7*7}",
    "<script>alert(1)</script>",
    "&amp;",
    "javascript:alert(1)",
    "NaN",
    "-NaN",
    "Infinity",
    "-inf",
    "1e309",
    "-0",
    "0",
    "-1",
    "1.5",
    "0x10",
    "1_000",
    "1,000",
    "٣",
    "²",
    "١٢٣",
    "9" * 30,
    "-" + "9" * 30,
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "00000000000001",
    "0.000000001",
    "1e-400",
    " 7 ",
    "true",
    "null",
    "[]",
    "{}",
    "None",
]
INVALID_UTF8 = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"caf\xe9", b"\xf4\x90\x80\x80", b"\xc0\xaf"]


def huge_values():
    """Very long values: 100,000 characters (over every field's limit) and one of 20,000."""
    return st.sampled_from(["a", "é", "😀", "<", "e\u0301", "word ", "\x00", "1"]).flatmap(
        lambda unit: st.sampled_from([unit * (100_000 // len(unit)), unit * (20_000 // len(unit))])
    )


# What breaks things most often, drawn more often: NUL (PostgreSQL text cannot hold it), numbers no
# column can hold, digits int() does not read, lone surrogates, bytes that are not UTF-8.
CRITICAL = [
    "\x00",
    "a\x00b",
    "9" * 30,
    "-" + "9" * 30,
    str(2**31),
    str(2**63),
    "²",
    "1e309",
    "NaN",
    "\ud800",
    b"\xff\xfe",
    "-1",
    "0",
]


def text_values():
    """One value as it could arrive: str, or raw bytes that are not UTF-8."""
    return st.integers(0, 99).flatmap(
        lambda roll: (
            st.sampled_from(CRITICAL)
            if roll < 30
            else st.sampled_from(NASTY)
            if roll < 50
            else st.text(max_size=30)
            if roll < 60
            else st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Mn", "So"]), max_size=12)
            if roll < 68
            else st.integers().map(str)
            if roll < 76
            else st.floats().map(str)
            if roll < 80
            else st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)
            if roll < 84
            # lone surrogates
            else st.sampled_from(INVALID_UTF8)
            if roll < 88
            else st.binary(max_size=16)
            if roll < 92
            else huge_values()
        )
    )


KEEP, MISSING = "keep", "missing"


def field_values(spec: FieldSpec, draw) -> list:
    """The values posted for one field: what the page had, nothing, one hostile value, a chosen
    option, or several (a repeated field)."""
    choice = draw(st.sampled_from([KEEP, KEEP, MISSING, "one", "one", "option", "many"]), label=f"{spec.name}?")
    if choice == KEEP:
        # What the page filled in or chose; else the last option (the first is often "Choose ...").
        return list(spec.defaults) if spec.defaults else ([spec.options[-1]] if spec.options else [""])
    if choice == MISSING:
        return []
    if choice == "option" and spec.options:
        return [draw(st.sampled_from(spec.options), label=spec.name)]
    if choice == "many":
        return draw(
            st.lists(st.one_of(st.sampled_from(spec.options or [""]), text_values()), min_size=2, max_size=4),
            label=spec.name,
        )
    return [draw(text_values(), label=spec.name)]


EXTRA_NAMES = [
    "id",
    "user_id",
    "author_id",
    "is_admin",
    "roles",
    "status",
    "version",
    "next",
    "__proto__",
    "csrf_token[]",
    "a" * 300,
    "\x00",
    "é",
    "field_999999",
    "submit",
]


# --- Request bodies built byte by byte ----------------------------------------------------------


def as_bytes(value) -> bytes:
    if isinstance(value, bytes):
        return value
    # Lone surrogates go out as a browser bug or a hand-made request would send them.
    return str(value).encode("utf-8", "surrogatepass")


def urlencoded(pairs) -> bytes:
    return "&".join(f"{quote_plus(as_bytes(name))}={quote_plus(as_bytes(value))}" for name, value in pairs).encode()


def json_values():
    """Values of the wrong type for a form field: numbers, lists, objects, null, true."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=10),
        st.sampled_from(["\x00", "\ud800", "9" * 30]),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
        max_leaves=6,
    )


def json_body(pairs) -> bytes:
    """A JSON object of the pairs (a repeated name becomes a list); bytes as Latin-1 text, and
    lone surrogates escaped as JSON allows."""
    values_by_name: dict = {}
    for name, value in pairs:
        if isinstance(value, Upload):
            continue
        value = value.decode("latin-1") if isinstance(value, bytes) else value
        name = name.decode("latin-1") if isinstance(name, bytes) else name
        values_by_name.setdefault(name, []).append(value)
    return json.dumps(
        {name: values[0] if len(values) == 1 else values for name, values in values_by_name.items()}, allow_nan=True
    ).encode()


@dataclass
class Upload:
    filename: str | bytes
    content: bytes
    content_type: str = "application/octet-stream"


def multipart(pairs) -> tuple[bytes, str]:
    """(body, content type) for multipart/form-data; values are text or Upload."""
    boundary = "----fuzz" + secrets.token_hex(12)
    out = []
    for name, value in pairs:
        out.append(f"--{boundary}\r\n".encode())
        disposition = b'Content-Disposition: form-data; name="' + as_bytes(name).replace(b'"', b"%22") + b'"'
        if isinstance(value, Upload):
            filename = as_bytes(value.filename).replace(b'"', b"%22").replace(b"\r", b"").replace(b"\n", b"")
            out.append(disposition + b'; filename="' + filename + b'"\r\n')
            out.append(f"Content-Type: {value.content_type}\r\n\r\n".encode() + value.content + b"\r\n")
        else:
            out.append(disposition + b"\r\n\r\n" + as_bytes(value) + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


# --- The database, fingerprinted ---------------------------------------------------------------

# Columns that change without anything being saved: a session's "last seen" is touched as it is used.
VOLATILE = {("user_sessions", "last_seen_at")}
# The search index's own bookkeeping (app/search/hosts.py): where this host's index has got to in
# the outbox, written on a connection of its own whenever any request's read applies changes.
NOT_THE_REQUESTS = {"search_hosts"}


def snapshot(app) -> dict[str, tuple[int, str]]:
    """{table: (rows, checksum of the rows)} for every table (uploaded files are the rows of
    stored_files), and the old upload folder's files: nothing may write there any more."""
    db.session.rollback()
    tables = {}
    for table in db.metadata.sorted_tables:
        if table.name in NOT_THE_REQUESTS:
            continue
        columns = [column for column in table.columns if (table.name, column.name) not in VOLATILE]
        rows = sorted(repr(tuple(row)) for row in db.session.execute(select(*columns)).all())
        tables[table.name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    folder = Path(app.config["UPLOAD_DIR"])
    names = sorted(path.name for path in folder.iterdir()) if folder.exists() else []
    tables["(upload folder)"] = (len(names), hashlib.sha256("\n".join(names).encode()).hexdigest())
    db.session.rollback()
    return tables


def changed_tables(before: dict, after: dict) -> set[str]:
    return {name for name in before if before[name] != after[name]}
