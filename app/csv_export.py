"""CSV downloads, safe to open in a spreadsheet: a cell starting = + - @ would run as a formula.
Every CSV the app offers goes through download(), which also notes it in the audit log."""

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

from flask import Response
from flask_login import current_user

from app import audit

# A negative number ("-12", "-0.5") is read as a number, never a formula: it keeps its sign as it is.
NEGATIVE_NUMBER = re.compile(r"-\d+(\.\d+)?")


def safe_cell(value: object) -> str:
    """The cell as text, with a leading quote where a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not NEGATIVE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def to_csv(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def download(
    filename: str,
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    audit_details: Mapping[str, object] | None = None,
) -> Response:
    """The table as a CSV file to download, its export noted in the audit log as done by the person
    signed in, with the file name and `audit_details` (the filters, the number of rows, say)."""
    audit.record(current_user, "csv_exported", None, file=filename, **(audit_details or {}))
    return Response(
        to_csv(header, rows), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
