"""Template filters: dates and times as people in the UK read them."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def local_datetime(value: datetime | None) -> str:
    """'3 March 2026 at 2:05pm', in UK time."""
    if value is None:
        return ""
    local = value.astimezone(LONDON)
    hour = local.strftime("%I").lstrip("0")
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{local:%p}".replace("AM", "am").replace("PM", "pm")


def local_date(value: datetime | date | None) -> str:
    """'3 March 2026' (a datetime in UK time; a date as it is)."""
    if value is None:
        return ""
    local = value.astimezone(LONDON) if isinstance(value, datetime) else value
    return f"{local.day} {local:%B %Y}"


def register(app) -> None:
    from app.markup import render_html

    app.add_template_filter(local_datetime)
    app.add_template_filter(local_date)
    app.add_template_filter(render_html, "markdown")
