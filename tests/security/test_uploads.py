"""Uploads, at every place that takes them (an article's attachments, a file question of a request
form, files on a reply): what tests/kb and tests/catalogue do not cover already. Files whose type
is spoofed, names that try to leave the upload folder or break a header, and bodies over the size
limits. A refusal saves nothing (no row, no file); what is accepted is stored under a generated
name (in the database) and comes back only as a download with a safe name and headers."""

import re
import unicodedata

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Attachment, RequestAttachment, ServiceField, ServiceRequest
from tests.conftest import page_text
from tests.factories import make_user, signed_in_client, stored_files
from tests.security.fuzzing import Upload, changed_tables, client_for, make_fuzz_targets, multipart, snapshot

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
ALLOWED_TYPES = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "text/plain; charset=utf-8",
    "text/csv; charset=utf-8",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

# Contents that are not what the name or the declared type says: refused wherever they are sent.
SPOOFED = [
    ("setup.exe renamed", "setup.pdf", EXE, "application/pdf"),
    ("HTML as a PNG", "photo.png", HTML, "image/png"),
    ("HTML as a JPG", "photo.jpg", HTML, "image/jpeg"),
    ("SVG as a PNG", "logo.png", SVG, "image/png"),
    ("HTML as a PDF", "minutes.pdf", HTML, "application/pdf"),
    ("an HTML file", "page.html", HTML, "text/html"),
    ("an SVG file", "logo.svg", SVG, "image/svg+xml"),
    ("a double extension", "minutes.pdf.exe", PDF, "application/pdf"),
    ("a program as text", "notes.txt", EXE, "text/plain"),
    ("a PDF under a trailing dot", "minutes.pdf.", PDF, "application/pdf"),
]
# Real files with names that try something: accepted, but only under a name that is safe.
ODD_NAMES = [
    ("traversal", "../../etc/passwd.pdf"),
    ("Windows traversal", "..\\..\\windows\\win.ini.pdf"),
    ("absolute path", "/etc/shadow.pdf"),
    ("drive letter", "C:\\Users\\me\\Desktop\\report.pdf"),
    ("NUL before the extension", "evil.exe\x00.pdf"),
    ("header injection", 'minutes"\r\nSet-Cookie: session=stolen\r\nX: ".pdf'),
    ("very long", "a" * 5000 + ".pdf"),
    ("right-to-left override", "invoice\u202efdp.exe.pdf"),
    ("emoji and accents", "Café ☕ 👩🏽‍💻 réunion.pdf"),
    ("combining marks", "Z\u0351\u0337\u0338algo.pdf"),
    ("markup", "<img src=x onerror=alert(1)>.pdf"),
    ("only dots", "...pdf"),
    ("HTML declared type", "minutes.pdf"),  # a real PDF the browser calls text/html
]


def _post_kb(client, targets, upload):
    return [("file", upload)], f"/kb/{targets['article']}/attachments"


def _post_request_form(client, targets, upload):
    text, file_question = db.session.scalars(select(ServiceField).order_by(ServiceField.id)).all()[:2]
    return (
        [
            ("subject", "Room for the away day"),
            ("description", "Twelve people."),
            (text.name, "Civic Centre"),
            (file_question.name, upload),
        ],
        f"/services/{targets['service']}/request",
    )


def _post_reply(client, targets, upload):
    return [
        ("body", "See attached"),
        ("visibility", "public"),
        ("files", upload),
    ], f"/requests/{targets['request']}/messages"


PLACES = {"article attachment": _post_kb, "request form file": _post_request_form, "reply file": _post_reply}


def send(app, client, targets, place: str, upload: Upload):
    fields, path = PLACES[place](client, targets, upload)
    body, content_type = multipart([("csrf_token", client.csrf_token()), *fields])
    return client.open(path, method="POST", data=body, content_type=content_type)


def uploaded_files(app) -> set[str]:
    """The generated names of the files kept (in the database: app/files.py)."""
    return set(stored_files())


def newest_attachment(place: str, client, response):
    """(the row, its download address) of what was just uploaded."""
    if place == "article attachment":
        row = db.session.scalar(select(Attachment).order_by(Attachment.id.desc()))
        return row, f"/kb/attachments/{row.id}/whatever.html"
    if place == "request form file":
        # Checked, then sent: the file moves from the draft to the request.
        sent = client.post(response.headers["Location"], data={})
        assert sent.status_code == 303, page_text(sent)[:300]
    row = db.session.scalar(select(RequestAttachment).order_by(RequestAttachment.id.desc()))
    reference = db.session.get(ServiceRequest, row.request_id).reference
    return row, f"/requests/{reference}/attachments/{row.id}/whatever.html"


def assert_safe_name(name: str, extension: str):
    assert "/" not in name and "\\" not in name and ".." not in name.rsplit(".", 1)[0][-2:] + name[:2]
    assert not any(unicodedata.category(char)[0] == "C" for char in name), repr(name)
    assert len(name) <= 120 and name.endswith(f".{extension}"), repr(name)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("case, filename, content, content_type", SPOOFED, ids=[case[0] for case in SPOOFED])
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_saved(
    app, targets, admin, place, case, filename, content, content_type
):
    before = snapshot(app)
    response = send(app, admin, targets, place, Upload(filename, content, content_type))
    assert response.status_code == 422, f"{case} at {place}: {response.status_code}"
    assert "There is a problem" in page_text(response)
    assert not changed_tables(before, snapshot(app)), f"{case} at {place} saved something"


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("case, filename", ODD_NAMES, ids=[case[0] for case in ODD_NAMES])
def test_an_odd_file_name_is_made_safe_and_the_file_is_kept_under_a_generated_name(
    app, targets, admin, place, case, filename
):
    before = uploaded_files(app)
    declared = "text/html" if case == "HTML declared type" else "application/pdf"
    response = send(app, admin, targets, place, Upload(filename, PDF, declared))
    assert response.status_code == 303, f"{case} at {place}: {page_text(response)[:300]}"
    row, download_path = newest_attachment(place, admin, response)

    [stored] = uploaded_files(app) - before
    assert re.fullmatch(r"[0-9a-f]{32}", stored)
    assert row.stored_name == stored and stored_files()[stored] == PDF
    assert_safe_name(row.filename, "pdf")
    assert row.content_type == "application/pdf"  # from the contents, never from what the browser said

    download = admin.get(download_path)
    assert download.status_code == 200 and download.data == PDF
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "\r" not in disposition and "\n" not in disposition
    assert "Set-Cookie" not in download.headers
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    # The name in the address is ignored: the stored one is offered.
    assert "whatever.html" not in disposition


@pytest.mark.parametrize("place", PLACES)
def test_every_allowed_kind_downloads_as_an_attachment_never_inline(app, targets, admin, place):
    before = uploaded_files(app)
    response = send(
        app, admin, targets, place, Upload("notes.txt", b"<script>alert(1)</script> plain words", "text/html")
    )
    assert response.status_code == 303
    _, download_path = newest_attachment(place, admin, response)
    download = admin.get(download_path)
    assert download.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert download.headers["Content-Type"] in ALLOWED_TYPES
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert len(uploaded_files(app) - before) == 1


@pytest.mark.parametrize("place", ["article attachment", "reply file"])
def test_a_file_over_10_mb_is_refused_and_nothing_is_saved(app, targets, admin, place):
    """(A request form's file question: tests/catalogue/test_raising.py.)"""
    before = snapshot(app)
    response = send(app, admin, targets, place, Upload("big.pdf", PDF + b"0" * (10 * 1024 * 1024), "application/pdf"))
    assert response.status_code == 422
    assert "The selected file must be smaller than 10 MB" in page_text(response)
    assert not changed_tables(before, snapshot(app))


def test_a_body_over_the_size_limit_is_a_413_page_and_nothing_is_saved_wherever_it_is_sent(make_app):
    """The limit is one setting for the whole app (25 MB, tested at its real size in
    tests/catalogue/test_raising.py); here a small one, so each place can be tried quickly."""
    app = make_app(MAX_CONTENT_LENGTH=256 * 1024)
    with app.app_context():
        targets = make_fuzz_targets()
        client = client_for(app, "admin", targets)
        for place in PLACES:
            before = snapshot(app)
            response = send(app, client, targets, place, Upload("big.pdf", PDF + b"0" * 300 * 1024, "application/pdf"))
            assert response.status_code == 413, place
            assert "That was too large to send" in page_text(response)
            assert not changed_tables(before, snapshot(app)), place


def test_more_reply_files_than_allowed_saves_none_of_them(app, targets, admin):
    before = snapshot(app)
    fields = [
        ("body", "Four files"),
        ("visibility", "public"),
        *(("files", Upload(f"part-{number}.pdf", PDF, "application/pdf")) for number in range(4)),
    ]
    body, content_type = multipart([("csrf_token", admin.csrf_token()), *fields])
    response = admin.open(
        f"/requests/{targets['request']}/messages", method="POST", data=body, content_type=content_type
    )
    assert response.status_code == 422
    assert not changed_tables(before, snapshot(app))


def test_one_bad_file_among_good_ones_saves_none_of_them(app, targets, admin):
    before = snapshot(app)
    fields = [
        ("body", "Two files"),
        ("visibility", "public"),
        ("files", Upload("good.pdf", PDF, "application/pdf")),
        ("files", Upload("bad.pdf", HTML, "application/pdf")),
    ]
    body, content_type = multipart([("csrf_token", admin.csrf_token()), *fields])
    response = admin.open(
        f"/requests/{targets['request']}/messages", method="POST", data=body, content_type=content_type
    )
    assert response.status_code == 422
    assert not changed_tables(before, snapshot(app))
    assert db.session.scalar(select(func.count()).select_from(RequestAttachment)) == 1  # the targets' own


def test_nobody_else_can_download_an_upload_whatever_its_name(app, targets, admin):
    response = send(app, admin, targets, "reply file", Upload("private.pdf", PDF, "application/pdf"))
    row, download_path = newest_attachment("reply file", admin, response)
    stranger = signed_in_client(app, make_user(name="Stan Stranger"))
    assert stranger.get(download_path).status_code == 404
    for path in (
        f"/requests/{targets['request']}/attachments/{row.id}/..%2F..%2Fetc%2Fpasswd",
        f"/kb/attachments/{row.id}/..%2f..%2fsecret",
        "/kb/attachments/0/x.pdf",
        f"/requests/{targets['request']}/attachments/99999/x.pdf",
    ):
        assert stranger.get(path).status_code == 404, path
