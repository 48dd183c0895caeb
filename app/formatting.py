"""Template filters: dates and times as people in the UK read them."""
from datetime import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def local_datetime(value: datetime | None) -> str:
    """'3 March 2026 at 2:05pm', in UK time."""
    if value is None:
        return ""
    local = value.astimezone(LONDON)
    hour = local.strftime("%I").lstrip("0")
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{local:%p}".replace("AM", "am").replace("PM", "pm")


def local_date(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(LONDON)
    return f"{local.day} {local:%B %Y}"


def register(app) -> None:
    app.add_template_filter(local_datetime)
    app.add_template_filter(local_date)
