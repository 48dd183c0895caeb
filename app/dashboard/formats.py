"""How the dashboard writes its figures in their units, the same in every table, chart, CSV and
the pack: the digits always come from `app.formatting.number` (GOV.UK style: "1,234", "12" never
"12.0"), percentages "91.1%", changes signed "+12%"; a figure that does not exist yet says so
rather than showing nought."""

from app.formatting import number
from app.formatting import percent as _percent

NO_DATA = "No data"
NOT_APPLICABLE = "–"
MINUS = "\u2212"  # a true minus sign: read out as "minus", and not a hyphen


def count(value: float | None) -> str:
    """1,234, 12.5; "No data" where there is no figure (before the data begins)."""
    return NO_DATA if value is None else number(value)


def percent(value: float | None) -> str:
    """91.1%, 60% (no space, no ".0"); – for none."""
    return NOT_APPLICABLE if value is None else _percent(value)


def rating(value: float | None) -> str:
    """4.25, 4 (out of 5); – for none."""
    return NOT_APPLICABLE if value is None else number(value, 2)


def figure(value: float | None, unit: str) -> str:
    """A figure in its unit: "count", "percent", "rating" or "days" (a measure such as a median,
    which is – rather than "No data" when there was nothing to measure)."""
    if unit == "days":
        return NOT_APPLICABLE if value is None else number(value)
    if unit == "percent":
        return percent(value)
    if unit == "rating":
        return rating(value)
    return count(value)


def change(value: float | None, unit: str) -> str:
    """A change, signed: "+12%" for counts (a percentage of the earlier figure), "−1.5 points"
    for percentages and ratings (the difference); "no change"; – when there is no figure to
    compare (none before, or a part period)."""
    if value is None:
        return NOT_APPLICABLE
    if value == 0:
        return "no change"
    sign = "+" if value > 0 else MINUS
    size = abs(value)
    if unit in ("count", "days"):
        return f"{sign}{_percent(size)}"
    return f"{sign}{number(size, 2 if unit == 'rating' else 1)} {'point' if size == 1 else 'points'}"


def in_words(value: float | None, unit: str) -> str:
    """A change for a sentence: "up 12%", "down 1.5 points", "no change"."""
    text = change(value, unit)
    if value is None or value == 0:
        return text
    return ("up " if value > 0 else "down ") + text[1:]


# --- Comparisons: the same columns in every table and its CSV ------------------------------------

PART = " (part period)"


def comparison_header(figure_name: str = "") -> list[str]:
    """The headings of a comparison's columns, after the figure's own: the period before, the
    change, a year earlier, the change (prefixed "Received: " etc. where a table compares two)."""
    headings = ["previous period", "change on previous period", "a year earlier", "change on a year earlier"]
    if figure_name:
        return [f"{figure_name}: {heading}" for heading in headings]
    return [heading[0].upper() + heading[1:] for heading in headings]


def comparison_cells(comparison) -> list[str]:
    """A figures.Comparison's columns on the screen: the period before (labelled when only part
    of it has data), the change, a year earlier, the change."""
    unit = comparison.unit
    previous = figure(comparison.previous, unit)
    year = figure(comparison.year_earlier, unit)
    if comparison.previous_part and comparison.previous is not None:
        previous += PART
    if comparison.year_part and comparison.year_earlier is not None:
        year += PART
    return [previous, change(comparison.change_previous, unit), year, change(comparison.change_year, unit)]


def comparison_values(comparison) -> list:
    """The same columns for a CSV: bare numbers, an empty cell where there is no figure, and a
    figure for a period only partly covered by the data labelled, as on the screen (it has no
    change)."""

    def value(figure: float | None, part: bool = False) -> str:
        if figure is None:
            return ""
        return number(figure, separators=False) + (PART if part else "")

    return [
        value(comparison.previous, comparison.previous_part),
        value(comparison.change_previous),
        value(comparison.year_earlier, comparison.year_part),
        value(comparison.change_year),
    ]
