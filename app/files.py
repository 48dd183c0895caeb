"""Uploaded files: checked by content as well as name, stored under the instance folder with
generated names, and sent back as downloads. Used by knowledge attachments and, later, by
service requests and replies (the same rules everywhere)."""

import io
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import Response, current_app, send_file
from werkzeug.datastructures import FileStorage

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


def _folder() -> Path:
    folder = Path(current_app.config.get("UPLOAD_DIR") or Path(current_app.instance_path) / "uploads")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store(checked: CheckedFile) -> str:
    """Write the file under a generated name and return that name."""
    stored_name = secrets.token_hex(16)
    (_folder() / stored_name).write_bytes(checked.data)
    return stored_name


def delete(stored_name: str) -> None:
    if re.fullmatch(r"[0-9a-f]{32}", stored_name):
        (_folder() / stored_name).unlink(missing_ok=True)


def send(stored_name: str, *, filename: str, content_type: str) -> Response:
    """The file as a download (never displayed inline), under its display name."""
    if not re.fullmatch(r"[0-9a-f]{32}", stored_name):
        raise FileNotFoundError(stored_name)
    # The type without its charset: Werkzeug adds "; charset=utf-8" to text types itself (twice, else).
    response = send_file(
        _folder() / stored_name,
        mimetype=content_type.split(";")[0].strip(),
        as_attachment=True,
        download_name=filename,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
