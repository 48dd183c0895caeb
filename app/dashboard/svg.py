"""The building blocks of the dashboard's SVG charts: palette and contrast, escaping, shapes and text,
axes and label spacing (the chart kinds themselves are in charts.py)."""

import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import SupportsFloat

from markupsafe import Markup, escape

from app.formatting import number

NO_DATA = "No data for this period"

# GOV.UK palette.
WHITE = "#ffffff"
TEXT = "#0b0c0c"  # black: text and axes
SECONDARY_TEXT = "#505a5f"  # tick labels
GRID = "#b1b4b6"  # gridlines: decorative only (the values are labelled), so below 3:1 is fine

VIEW_WIDTH = 720  # viewBox width of the bar and column charts
PAD = 8
_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")


def default_format(value: float) -> str:
    """ "1,234", "2.5": the one way Staffroom writes a number (app.formatting.number)."""
    return number(value)


Formatter = Callable[[float], str]


# --- Colour contrast ---------------------------------------------------------------------------


def _relative_luminance(colour: str) -> float:
    match = _HEX.match(colour.strip()) if isinstance(colour, str) else None
    if not match:
        raise ValueError(f"Not a hex colour: {colour!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = []
    for i in (0, 2, 4):
        c = int(digits[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(hex1: str, hex2: str) -> float:
    """WCAG 2 contrast ratio of two colours ("#rrggbb" or "#rgb"), from 1 to 21."""
    lighter, darker = sorted((_relative_luminance(hex1), _relative_luminance(hex2)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(fill: str) -> str:
    """Black or white text, whichever contrasts more with the fill."""
    return TEXT if contrast_ratio(fill, TEXT) >= contrast_ratio(fill, WHITE) else WHITE


# --- Small helpers -------------------------------------------------------------------------------


def check_id(chart_id: str) -> str:
    if not isinstance(chart_id, str) or not _CHART_ID.match(chart_id):
        raise ValueError(f"chart_id must be letters, digits, '-' or '_', starting with a letter: {chart_id!r}")
    return chart_id


def clean(text: object) -> str:
    """One line of text with nothing XML cannot hold (escaping happens when it is written)."""
    return " ".join(_XML_UNSAFE.sub(" ", str(text)).split())


def esc(text: object) -> str:
    return str(escape(clean(text)))


def _n(number: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def coordinate(number: float) -> str:
    """A coordinate for a list of points (polyline, polygon)."""
    return _n(number)


def value(raw: SupportsFloat | str | None) -> float | None:
    """A finite number, or None for missing data (None, NaN, infinity, not a number)."""
    if raw is None or isinstance(raw, bool):
        return None
    try:
        number = float(raw)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def format_value(value_format: Formatter, value: float | None) -> str:
    return "no data" if value is None else clean(value_format(value))


def text_width(text: str, size: float) -> float:
    """A generous estimate of rendered width: we cannot measure text on the server."""
    return len(text) * size * 0.6


def fit(text: str, max_width: float, size: float) -> str:
    """The text, shortened with an ellipsis if it would be wider than max_width."""
    if text_width(text, size) <= max_width:
        return text
    keep = max(1, int(max_width / (size * 0.6)) - 1)
    return text[:keep].rstrip() + "…"


def _attrs(**attrs: object) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = _n(value)
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"')
    return "".join(parts)


def shape(tag: str, **attrs: object) -> str:
    return f"<{tag}{_attrs(**attrs)}/>"


def line(x1: float, y1: float, x2: float, y2: float, *, stroke: str, width: float, css: str) -> str:
    return shape("line", class_=css, x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, stroke_width=width)


def text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 14,
    fill: str = TEXT,
    anchor: str = "start",
    bold: bool = False,
    css: str | None = None,
) -> str:
    attrs = _attrs(
        x=float(x),
        y=float(y),
        font_size=_n(size),
        fill=fill,
        text_anchor=anchor,
        font_weight="bold" if bold else None,
        class_=css,
    )
    return f"<text{attrs}>{esc(content)}</text>"


def clamped_centre(x: float, width: float, low: float, high: float) -> float:
    """Move a centred text's x so it stays inside [low, high]."""
    half = width / 2
    return min(max(x, low + half), high - half) if high - low >= width else (low + high) / 2


def document(
    chart_id: str,
    kind: str,
    title: str,
    description: str,
    width: float,
    height: float,
    body: Iterable[str],
    defs: Iterable[str] = (),
) -> Markup:
    defs = list(defs)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg"{_attrs(class_=f"sr-chart sr-chart--{kind}")}'
        f' viewBox="0 0 {_n(width)} {_n(height)}" width="100%" preserveAspectRatio="xMinYMin meet"'
        f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{esc(description)}</desc>',
    ]
    if defs:
        parts.append("<defs>" + "".join(defs) + "</defs>")
    parts.extend(body)
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - built here from escaped values (esc, _attrs)


def no_data(chart_id: str, kind: str, title: str, description: str) -> Markup:
    description = clean(description)
    if NO_DATA.lower() not in description.lower():
        description = f"{description} {NO_DATA}." if description else f"{NO_DATA}."
    body = [text(VIEW_WIDTH / 2, 44, NO_DATA, size=18, anchor="middle", css="sr-chart__no-data")]
    return document(chart_id, kind, title, description, VIEW_WIDTH, 72, body)


def nice_ticks(maximum: float, target: int = 4) -> list[float]:
    """Round axis ticks from 0 to at least maximum: steps of 1, 2 or 5 times a power of ten."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    count = math.ceil(maximum / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def y_axis(
    ticks: list[float], value_format: Formatter, left: float, right: float, top: float, plot_height: float
) -> list[str]:
    """Gridlines and tick labels (a repeated label, e.g. 0.5 shown as "0" or "1", is left out)."""
    parts, previous = [], None
    for tick in ticks:
        y = top + plot_height - plot_height * tick / ticks[-1]
        if tick:
            parts.append(line(left, y, right, y, stroke=GRID, width=1, css="sr-chart__grid"))
        label = format_value(value_format, tick)
        if label != previous:
            parts.append(text(left - 8, y + 5, label, size=14, fill=SECONDARY_TEXT, anchor="end", css="sr-chart__tick"))
        previous = label
    return parts


def label_step(labels: Sequence[str], slot: float, size: float, max_width: float = 120) -> int:
    """Show every nth category label so that neighbouring labels do not overlap."""
    widest = min(max((text_width(label, size) for label in labels), default=0), max_width)
    return max(1, math.ceil((widest + 8) / slot)) if slot > 0 else 1


def shown_labels(count: int, step: int, always: set[int]) -> set[int]:
    shown = {i for i in range(count) if i % step == 0}
    # A label that must show (a highlighted column) pushes its near neighbours out.
    shown = {i for i in shown if not any(0 < abs(i - j) < step for j in always)}
    return shown | always
