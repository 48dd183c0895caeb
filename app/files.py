"""Uploaded files: checked by content as well as name, stored in the database (table
stored_files: one place every host sees, covered by backups; docs/architecture.md "Files") under
generated names, and sent back as downloads. Used by knowledge attachments, service requests and
replies (the same rules everywhere)."""

import io
import logging
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import Response, current_app, send_file
from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from app import clock
from app.extensions import db
from app.models import Attachment, RequestAttachment, RequestDraft, StoredFile
from app.validation import FieldError

MAX_FILE_SIZE = 10 * 1024 * 1024

# extension -> (content type, check of the bytes)
_OFFICE_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
ALLOWED_DESCRIPTION = "PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG, JPG, TXT or CSV"


@dataclass
class CheckedFile:
    data: bytes
    filename: str  # safe to show
    file_type: str
    content_type: str


def display_name(filename: str, file_type: str) -> str:
    """A file name safe to show and to offer as a download name: no paths, no control or
    invisible characters, at most 120 characters, and the extension matching its content."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " ")
    stem = re.sub(r"\s+", " ", name.rsplit(".", 1)[0] if "." in name else name).strip(" .") or "attachment"
    return f"{stem[:110]}.{file_type}"


def _sniff(data: bytes, extension: str) -> bool:
    if extension == "pdf":
        return data.startswith(b"%PDF-")
    if extension == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == "jpg":
        return data.startswith(b"\xff\xd8\xff")
    if extension in _OFFICE_MARKERS:
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return _OFFICE_MARKERS[extension] in archive.namelist()
        except zipfile.BadZipFile:
            return False
    if extension in ("txt", "csv"):
        if b"\x00" in data:
            return False
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return False


def check_upload(storage: FileStorage, *, field: str = "file") -> CheckedFile:
    """Read an uploaded file (a werkzeug FileStorage) and check it, or raise FieldError."""
    original = getattr(storage, "filename", "") or ""
    if not original:
        raise FieldError(field, "Select a file")
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    extension = {"jpeg": "jpg"}.get(extension, extension)
    if extension not in CONTENT_TYPES:
        raise FieldError(field, f"The selected file must be a {ALLOWED_DESCRIPTION}")
    data = storage.stream.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise FieldError(field, "The selected file must be smaller than 10 MB")
    if not data:
        raise FieldError(field, "The selected file is empty")
    if not _sniff(data, extension):
        raise FieldError(field, f"The selected file’s contents are not a real {extension.upper()} file")
    return CheckedFile(
        data=data,
        filename=display_name(original, extension),
        file_type=extension,
        content_type=CONTENT_TYPES[extension],
    )


def _legacy_folder() -> Path:
    """Where files were kept before they moved into the database (migration 0029): read only, for
    a file a host of the previous release saved there during a rolling deploy."""
    return Path(current_app.config.get("UPLOAD_DIR") or Path(current_app.instance_path) / "uploads")


def _valid_name(stored_name: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{32}", stored_name or ""))


def store(checked: CheckedFile) -> str:
    """Keep the file under a generated name and return that name. The bytes go into the
    database in the caller's transaction: saved with the row that refers to them, or not at all."""
    if len(checked.data) > MAX_FILE_SIZE:  # check_upload refuses these; a caller that did not use it too
        raise ValueError("a stored file must be at most 10 MB")
    stored_name = secrets.token_hex(16)
    db.session.add(
        StoredFile(
            name=stored_name,
            data=checked.data,
            size=len(checked.data),
            content_type=checked.content_type,
            created_at=clock.now(),
        )
    )
    return stored_name


def delete(stored_name: str) -> None:
    """Remove the file, in the caller's transaction (kept if that transaction is rolled back)."""
    if _valid_name(stored_name):
        db.session.execute(sql_delete(StoredFile).where(StoredFile.name == stored_name))


def read(stored_name: str) -> bytes:
    """The file's bytes, or FileNotFoundError."""
    if not _valid_name(stored_name):
        raise FileNotFoundError(stored_name)
    db.session.flush()  # a file stored in this transaction is read back like any other
    data = db.session.scalar(select(StoredFile.data).where(StoredFile.name == stored_name))
    if data is not None:
        return data if isinstance(data, bytes) else bytes(data)  # (a memoryview from some drivers)
    legacy = _legacy_folder() / stored_name
    if legacy.is_file():
        current_app.logger.warning(
            "files: %s is only in UPLOAD_DIR on this host; run `flask files import` here", stored_name
        )
        return legacy.read_bytes()
    raise FileNotFoundError(stored_name)


def send(stored_name: str, *, filename: str, content_type: str) -> Response:
    """The file as a download (never displayed inline), under its display name. Loaded whole:
    at most 10 MB."""
    data = read(stored_name)
    # The type without its charset: Werkzeug adds "; charset=utf-8" to text types itself (twice, else).
    response = send_file(
        io.BytesIO(data),
        mimetype=content_type.split(";")[0].strip(),
        as_attachment=True,
        download_name=filename,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- Files kept under UPLOAD_DIR before they moved into the database ---------------------------


def import_folder(folder: Path, *, log: logging.Logger | None = None) -> tuple[int, int]:
    """Copy into the database every file a row still refers to that this folder holds and the
    database does not (a host's UPLOAD_DIR from before migration 0029). Idempotent; the files are
    left where they are (remove them by hand once every host has run this). Returns (copied,
    missing): a referred-to file in neither place is logged and skipped."""
    log = log or current_app.logger
    known = set(db.session.scalars(select(StoredFile.name)))
    copied = missing = 0
    for stored_name, content_type, created_at in _referred_files():
        if stored_name in known or not _valid_name(stored_name):
            continue
        path = folder / stored_name
        if not path.is_file():
            log.warning("files: %s is referred to but is not in %s; skipped", stored_name, folder)
            missing += 1
            continue
        data = path.read_bytes()
        db.session.add(
            StoredFile(
                name=stored_name,
                data=data,
                size=len(data),
                content_type=content_type,
                created_at=created_at or clock.now(),
            )
        )
        db.session.flush()
        db.session.expunge_all()  # one file in memory at a time
        known.add(stored_name)
        copied += 1
    return copied, missing


def _referred_files() -> Iterator[tuple[str, str, datetime | None]]:
    """(stored name, content type, when uploaded) of every file a row refers to."""
    yield from db.session.execute(select(Attachment.stored_name, Attachment.content_type, Attachment.uploaded_at)).all()
    yield from db.session.execute(
        select(RequestAttachment.stored_name, RequestAttachment.content_type, RequestAttachment.created_at)
    ).all()
    for draft_files, updated_at in db.session.execute(select(RequestDraft.files, RequestDraft.updated_at)).all():
        for kept in (draft_files or {}).values():
            yield kept.get("stored_name", ""), kept.get("content_type", "application/octet-stream"), updated_at
