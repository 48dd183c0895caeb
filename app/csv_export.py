"""CSV downloads, safe to open in a spreadsheet: a cell starting = + - @ would run as a formula."""
import csv
import io


def safe_cell(value) -> str:
    """The cell as text, with a leading quote where a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
