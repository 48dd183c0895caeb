"""How the dashboard writes its figures, the same in every table, chart, CSV and the pack (GOV.UK
style: "1,234", "91.1%", "up 12%", "4.25 out of 5"); a figure that does not exist yet says so
rather than showing nought."""

NO_DATA = "No data"
NOT_APPLICABLE = "–"


def number(value: float | None) -> str:
    """1,234 (a whole number), 12.5 (one decimal place otherwise)."""
    if value is None:
        return NO_DATA
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def percent(value: float | None) -> str:
    """91.1%, 60% (no space, no ".0")."""
    if value is None:
        return NOT_APPLICABLE
    return f"{value:,.1f}".removesuffix(".0") + "%"


def rating(value: float | None) -> str:
    return NOT_APPLICABLE if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def figure(value: float | None, unit: str) -> str:
    """A figure in its unit: "count", "percent" or "rating"."""
    if unit == "percent":
        return percent(value)
    if unit == "rating":
        return rating(value)
    return number(value)


def change(value: float | None, unit: str) -> str:
    """A change in words: "up 12%" for counts (a percentage of the earlier figure), "down 1.5
    points" for percentages and ratings (the difference); "no change"; – when there is no
    figure to compare (none before, or a part period)."""
    if value is None:
        return NOT_APPLICABLE
    if value == 0:
        return "no change"
    direction = "up" if value > 0 else "down"
    size = abs(value)
    if unit == "count":
        return f"{direction} {percent(size)}"
    amount = rating(size) if unit == "rating" else f"{size:,.1f}".removesuffix(".0")
    return f"{direction} {amount} {'point' if size == 1 else 'points'}"
