"""Template filters: dates, times and numbers as people in the UK read them."""

from datetime import date, datetime
from decimal import Decimal

from flask import Flask
from markupsafe import Markup, escape

from app.clock import UK
from app.markup import render_html
from app.models import FieldKind


def local_datetime(value: datetime | None) -> str:
    """'3 March 2026 at 2:05pm', in UK time."""
    if value is None:
        return ""
    local = value.astimezone(UK)
    hour = local.strftime("%I").lstrip("0")
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{local:%p}".replace("AM", "am").replace("PM", "pm")


def local_date(value: datetime | date | None) -> str:
    """'3 March 2026' (a datetime in UK time; a date as it is)."""
    if value is None:
        return ""
    local = value.astimezone(UK) if isinstance(value, datetime) else value
    return f"{local.day} {local:%B %Y}"


def local_weekday_date(value: datetime | date | None) -> str:
    """'Thursday 3 March 2026' (a datetime in UK time)."""
    if value is None:
        return ""
    local = value.astimezone(UK) if isinstance(value, datetime) else value
    return f"{local:%A} {local_date(local)}"


def local_time(value: datetime | None) -> str:
    """'5pm', '9:30am' (UK time)."""
    if value is None:
        return ""
    local = value.astimezone(UK)
    hour = local.strftime("%I").lstrip("0")
    minutes = f":{local:%M}" if local.minute else ""
    return f"{hour}{minutes}{local:%p}".lower()


def due_by(value: datetime | None) -> str:
    """'5pm on Thursday 26 November 2026'."""
    return f"{local_time(value)} on {local_weekday_date(value)}" if value is not None else ""


def number(value: object, places: int = 1, *, separators: bool = True) -> str:
    """A number as people write it: "1,234", "6" (never "6.0"), "2.5", at most `places` decimal
    places. The one way every figure in Staffroom is shown, on pages, in emails, in the pack and
    in CSV files (where `separators=False`: "1234", which a spreadsheet reads as a number); anything
    not a number is shown as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return "" if value is None else str(value)
    comma = "," if separators else ""
    if isinstance(value, int):
        return f"{value:{comma}}"
    text = f"{value:{comma}.{places}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def percent(value: object, places: int = 1) -> str:
    """A percentage as people write it: "91.1%", "60%" (no space, never "60.0%")."""
    text = number(value, places)
    return text + "%" if text else ""


def full_stop_after(quoted: object) -> str:
    """The full stop to end a sentence that ends with a quotation: none when the quotation ends
    with its own (“Book the room.” not “Book the room.”.)."""
    return "" if str(quoted or "").rstrip().endswith((".", "!", "?", "…")) else "."


def answer_display(value: object, kind: str) -> str:
    """A stored form answer as people read it: dates written out, lists one per line."""
    if value is None or value == "":
        return ""
    if isinstance(value, list):
        return "\n".join(value)
    if kind == FieldKind.DATE:
        try:
            return local_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def answer_html(value: object, kind: str) -> Markup:
    """answer_display, escaped, with its line breaks kept."""
    return Markup("<br>").join(escape(line) for line in answer_display(value, kind).split("\n"))


def register(app: Flask) -> None:
    app.add_template_filter(local_datetime)
    app.add_template_filter(local_date)
    app.add_template_filter(local_weekday_date)
    app.add_template_filter(local_time)
    app.add_template_filter(due_by)
    app.add_template_filter(number)
    app.add_template_filter(percent)
    app.add_template_filter(full_stop_after)
    app.add_template_filter(answer_html, "answer_text")
    app.add_template_filter(render_html, "markdown")
