"""Server-rendered, accessible SVG charts: no chart library and no JavaScript.

Every chart is one ``<svg role="img">`` named by its own ``<title>`` and ``<desc>`` (through
``aria-labelledby``), sized by its viewBox so it scales with the page (CSS class ``sr-chart``; no
``style`` attributes, which the CSP blocks). Bars and columns carry a ``<title>`` child so a mouse
user can hover for the exact label and value; the values are also written on or beside the bars
where there is room. Colours come from the GOV.UK palette and meet 3:1 against white for
graphical objects (text meets 4.5:1); nothing depends on colour alone: highlighted columns are
labelled in words, grouped series differ by hatching pattern, position and a text legend, and
heatmap cells have their number written in them.

Screen readers hear only the title and description of a ``role="img"`` chart, so put the point
of the chart in the description and give the figures in a table (or a details element) nearby.

All text (labels are user data such as service names) is escaped; ``chart_id`` must be a plain
identifier because it prefixes the element ids (title, desc and hatching patterns), so that two
charts on one page never clash.
"""

import math
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import SupportsFloat

from markupsafe import Markup, escape

__all__ = ["bar_chart", "column_chart", "contrast_ratio", "grouped_columns", "heatmap"]

NO_DATA = "No data for this period"

# GOV.UK palette.
WHITE = "#ffffff"
TEXT = "#0b0c0c"  # black: text and axes
SECONDARY_TEXT = "#505a5f"  # tick labels
GRID = "#b1b4b6"  # gridlines: decorative only (the values are labelled), so below 3:1 is fine
BLUE = "#1d70b8"
DARK_BLUE = "#003078"

# Grouped series: colour and hatching together, so they differ without colour too.
SERIES_COLOURS = ("#1d70b8", "#00703c", "#4c2c92", "#d4351c", "#505a5f", "#003078")
SERIES_PATTERNS = ("solid", "diagonal", "dots", "crosshatch", "horizontal", "vertical")

# Heatmap shades for values above zero, light to dark blue (GOV.UK blue tints and shades); zero
# is white with a grey outline. The number in each cell is black or white, whichever contrasts more (≥ 4.5:1).
HEAT_ZERO = WHITE
HEAT_SHADES = ("#e8f1f8", "#d2e2f1", "#8eb8dc", "#5694ca", "#1d70b8", "#144e81", "#003078")

_VIEW_WIDTH = 720  # viewBox width of the bar and column charts
_PAD = 8
_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")


def _default_format(value: float) -> str:
    return f"{value:,.0f}"


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


def _text_colour_on(fill: str) -> str:
    """Black or white text, whichever contrasts more with the fill."""
    return TEXT if contrast_ratio(fill, TEXT) >= contrast_ratio(fill, WHITE) else WHITE


# --- Small helpers -------------------------------------------------------------------------------


def _check_id(chart_id: str) -> str:
    if not isinstance(chart_id, str) or not _CHART_ID.match(chart_id):
        raise ValueError(f"chart_id must be letters, digits, '-' or '_', starting with a letter: {chart_id!r}")
    return chart_id


def _clean(text: object) -> str:
    """One line of text with nothing XML cannot hold (escaping happens when it is written)."""
    return " ".join(_XML_UNSAFE.sub(" ", str(text)).split())


def _esc(text: object) -> str:
    return str(escape(_clean(text)))


def _n(number: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _value(raw: SupportsFloat | str | None) -> float | None:
    """A finite number, or None for missing data (None, NaN, infinity, not a number)."""
    if raw is None or isinstance(raw, bool):
        return None
    try:
        number = float(raw)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _format(value_format: Formatter, value: float | None) -> str:
    return "no data" if value is None else _clean(value_format(value))


def _text_width(text: str, size: float) -> float:
    """A generous estimate of rendered width: we cannot measure text on the server."""
    return len(text) * size * 0.6


def _fit(text: str, max_width: float, size: float) -> str:
    """The text, shortened with an ellipsis if it would be wider than max_width."""
    if _text_width(text, size) <= max_width:
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


def _shape(tag: str, **attrs: object) -> str:
    return f"<{tag}{_attrs(**attrs)}/>"


def _line(x1: float, y1: float, x2: float, y2: float, *, stroke: str, width: float, css: str) -> str:
    return _shape("line", class_=css, x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, stroke_width=width)


def _text(
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
    return f"<text{attrs}>{_esc(content)}</text>"


def _clamped_centre(x: float, width: float, low: float, high: float) -> float:
    """Move a centred text's x so it stays inside [low, high]."""
    half = width / 2
    return min(max(x, low + half), high - half) if high - low >= width else (low + high) / 2


def _svg(
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
        f'<title id="{chart_id}-title">{_esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{_esc(description)}</desc>',
    ]
    if defs:
        parts.append("<defs>" + "".join(defs) + "</defs>")
    parts.extend(body)
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - built here from escaped values (_esc, _attrs)


def _no_data(chart_id: str, kind: str, title: str, description: str) -> Markup:
    description = _clean(description)
    if NO_DATA.lower() not in description.lower():
        description = f"{description} {NO_DATA}." if description else f"{NO_DATA}."
    body = [_text(_VIEW_WIDTH / 2, 44, NO_DATA, size=18, anchor="middle", css="sr-chart__no-data")]
    return _svg(chart_id, kind, title, description, _VIEW_WIDTH, 72, body)


def _nice_ticks(maximum: float, target: int = 4) -> list[float]:
    """Round axis ticks from 0 to at least maximum: steps of 1, 2 or 5 times a power of ten."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    count = math.ceil(maximum / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _y_axis(
    ticks: list[float], value_format: Formatter, left: float, right: float, top: float, plot_height: float
) -> list[str]:
    """Gridlines and tick labels (a repeated label, e.g. 0.5 shown as "0" or "1", is left out)."""
    parts, previous = [], None
    for tick in ticks:
        y = top + plot_height - plot_height * tick / ticks[-1]
        if tick:
            parts.append(_line(left, y, right, y, stroke=GRID, width=1, css="sr-chart__grid"))
        label = _format(value_format, tick)
        if label != previous:
            parts.append(
                _text(left - 8, y + 5, label, size=14, fill=SECONDARY_TEXT, anchor="end", css="sr-chart__tick")
            )
        previous = label
    return parts


def _label_step(labels: Sequence[str], slot: float, size: float, max_width: float = 120) -> int:
    """Show every nth category label so that neighbouring labels do not overlap."""
    widest = min(max((_text_width(label, size) for label in labels), default=0), max_width)
    return max(1, math.ceil((widest + 8) / slot)) if slot > 0 else 1


def _shown_labels(count: int, step: int, always: set[int]) -> set[int]:
    shown = {i for i in range(count) if i % step == 0}
    # A label that must show (a highlighted column) pushes its near neighbours out.
    shown = {i for i in shown if not any(0 < abs(i - j) < step for j in always)}
    return shown | always


# --- Charts --------------------------------------------------------------------------------------


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    items: list[tuple[str, float]],
    *,
    value_format: Formatter = _default_format,
    horizontal: bool = True,
    max_value: float | None = None,
) -> Markup:
    """Horizontal bars for rankings (e.g. requests per service), in the order given.

    Labels sit left of the bars and each value just beyond its bar. The bars are scaled to the
    largest value (or to max_value when given, to compare charts on one scale; longer bars are
    cut at the edge). horizontal=False draws the same data as a column chart.
    """
    _check_id(chart_id)
    if not horizontal:
        return column_chart(chart_id, title, description, items, value_format=value_format)
    rows = [(_clean(label), _value(value)) for label, value in items]
    largest = max((v for _, v in rows if v is not None), default=0.0)
    if not rows or largest <= 0:
        return _no_data(chart_id, "bar", title, description)
    scale = max_value if max_value is not None and _value(max_value) and max_value > 0 else largest

    label_size, value_size, row_height, bar_height = 16, 16, 36, 24
    label_width = min(max(_text_width(label, label_size) for label, _ in rows), _VIEW_WIDTH * 0.4)
    texts = [_format(value_format, v) for _, v in rows]
    value_width = max(_text_width(t, value_size) for t in texts) + 8
    x0 = _PAD + label_width + 10
    plot_width = max(_VIEW_WIDTH - x0 - value_width - _PAD, 120)
    width = x0 + plot_width + value_width + _PAD
    height = 2 * _PAD + row_height * len(rows)

    body = []
    for i, ((label, value), text) in enumerate(zip(rows, texts)):
        top = _PAD + i * row_height
        middle = top + row_height / 2
        length = plot_width * min(max(value, 0) / scale, 1) if value is not None else 0
        parts = [f"<title>{_esc(label)}: {_esc(text)}</title>"]
        parts.append(
            _text(
                x0 - 10,
                middle + 6,
                _fit(label, label_width, label_size),
                size=label_size,
                anchor="end",
                css="sr-chart__label",
            )
        )
        if value is not None:
            parts.append(
                _shape(
                    "rect",
                    class_="sr-chart__bar",
                    x=x0,
                    y=middle - bar_height / 2,
                    width=length,
                    height=bar_height,
                    fill=BLUE,
                )
            )
        parts.append(_text(x0 + length + 6, middle + 6, text, size=value_size, css="sr-chart__value"))
        body.append(f'<g class="sr-chart__item">{"".join(parts)}</g>')
    body.append(_line(x0, _PAD, x0, height - _PAD, stroke=TEXT, width=2, css="sr-chart__axis"))
    return _svg(chart_id, "bar", title, description, width, height, body)


def column_chart(
    chart_id: str,
    title: str,
    description: str,
    items: list[tuple[str, float]],
    *,
    value_format: Formatter = _default_format,
    highlight: Collection[str] = frozenset(),
    highlight_label: str = "Busiest",
) -> Markup:
    """Vertical columns for a trend (by week or month), with a value axis.

    Columns whose label is in ``highlight`` get a darker fill, a bold value and highlight_label
    written above them, so the highlight is not shown by colour alone. With many columns only
    every nth category label (and the values only where they fit) is written, but every column
    has a <title> tooltip with its label and value.
    """
    _check_id(chart_id)
    columns = [(_clean(label), _value(value)) for label, value in items]
    largest = max((v for _, v in columns if v is not None), default=0.0)
    if not columns or largest <= 0:
        return _no_data(chart_id, "column", title, description)
    highlight = {_clean(label) for label in highlight}
    marked = {i for i, (label, _) in enumerate(columns) if label in highlight}
    marker = _clean(highlight_label)

    ticks = _nice_ticks(largest)
    tick_width = max(_text_width(_format(value_format, t), 14) for t in ticks)
    left = _PAD + tick_width + 10
    top = _PAD + (44 if marked else 24)
    plot_height = 240
    plot_width = _VIEW_WIDTH - left - _PAD
    height = top + plot_height + 32
    count = len(columns)
    slot = plot_width / count
    column_width = min(slot * 0.7, 64)

    texts = [_format(value_format, v) for _, v in columns]
    show_values = max(_text_width(t, 13) for t in texts) <= slot - 4
    step = _label_step([label for label, _ in columns], slot, 14)
    shown = _shown_labels(count, step, marked)
    label_room = min(step * slot - 6, 120)

    body = _y_axis(ticks, value_format, left, left + plot_width, top, plot_height)
    baseline = top + plot_height
    for i, ((label, value), text) in enumerate(zip(columns, texts)):
        centre = left + slot * (i + 0.5)
        is_marked = i in marked
        column_height = plot_height * max(value, 0) / ticks[-1] if value is not None else 0
        column_top = baseline - column_height
        tooltip = f"{label}: {text}" + (f" ({marker})" if is_marked and marker else "")
        parts = [f"<title>{_esc(tooltip)}</title>"]
        if value is not None:
            parts.append(
                _shape(
                    "rect",
                    class_="sr-chart__bar sr-chart__bar--highlight" if is_marked else "sr-chart__bar",
                    x=centre - column_width / 2,
                    y=column_top,
                    width=column_width,
                    height=column_height,
                    fill=DARK_BLUE if is_marked else BLUE,
                )
            )
        if show_values or is_marked:
            x = _clamped_centre(centre, _text_width(text, 13), left, left + plot_width)
            parts.append(
                _text(x, column_top - 6, text, size=13, anchor="middle", bold=is_marked, css="sr-chart__value")
            )
        if is_marked and marker:
            x = _clamped_centre(centre, _text_width(marker, 13), left, left + plot_width)
            parts.append(_text(x, column_top - 22, marker, size=13, anchor="middle", bold=True, css="sr-chart__marker"))
        if i in shown:
            short = _fit(label, label_room, 14)
            x = _clamped_centre(centre, _text_width(short, 14), _PAD, _VIEW_WIDTH - _PAD)
            parts.append(
                _text(x, baseline + 20, short, size=14, anchor="middle", bold=is_marked, css="sr-chart__label")
            )
        body.append(f'<g class="sr-chart__item">{"".join(parts)}</g>')
    body.append(_line(left, baseline, left + plot_width, baseline, stroke=TEXT, width=2, css="sr-chart__axis"))
    return _svg(chart_id, "column", title, description, _VIEW_WIDTH, height, body)


def _pattern(pattern_id: str, kind: str, colour: str) -> str:
    """A fill of the series colour with white hatching (solid for the first series)."""
    size, marks = 8, ""
    white = f'stroke="{WHITE}" stroke-width="2"'
    if kind == "diagonal":
        marks = f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {white}/>'
    elif kind == "dots":
        marks = f'<circle cx="4" cy="4" r="1.6" fill="{WHITE}"/>'
    elif kind == "crosshatch":
        marks = (
            '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4"'
            f' stroke="{WHITE}" stroke-width="1.5"/>'
        )
    elif kind == "horizontal":
        marks = f'<path d="M0,4 h8" {white}/>'
    elif kind == "vertical":
        marks = f'<path d="M4,0 v8" {white}/>'
    return (
        f'<pattern id="{pattern_id}" class="sr-chart__pattern" patternUnits="userSpaceOnUse"'
        f' width="{size}" height="{size}"><rect width="{size}" height="{size}" fill="{colour}"/>{marks}</pattern>'
    )


def grouped_columns(
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    value_format: Formatter = _default_format,
) -> Markup:
    """Columns side by side per category, one per series (e.g. months with a column per year).

    Each series has its own colour and hatching pattern (defined in the chart's <defs> with ids
    prefixed by chart_id), a place in each group, and a text legend. None means no figure (e.g.
    months still to come): no column is drawn. At most six series.
    """
    _check_id(chart_id)
    labels = [_clean(c) for c in categories]
    if len(series) > len(SERIES_COLOURS):
        raise ValueError(f"At most {len(SERIES_COLOURS)} series can be told apart, got {len(series)}")
    rows = []
    for name, values in series:
        if len(values) != len(labels):
            raise ValueError(f"Series {name!r} has {len(values)} values for {len(labels)} categories")
        rows.append((_clean(name), [_value(v) for v in values]))
    largest = max((v for _, values in rows for v in values if v is not None), default=0.0)
    if not labels or not rows or largest <= 0:
        return _no_data(chart_id, "grouped", title, description)

    # Legend across the top, wrapping onto more lines when needed.
    legend: list[str] = []
    x: float = _PAD
    y: float = _PAD
    for i, (name, _) in enumerate(rows):
        item_width = 16 + 6 + _text_width(name, 14) + 20
        if x > _PAD and x + item_width > _VIEW_WIDTH - _PAD:
            x, y = _PAD, y + 24
        legend.append(
            '<g class="sr-chart__legend-item">'
            + _shape(
                "rect",
                x=x,
                y=y,
                width=16,
                height=16,
                fill=f"url(#{chart_id}-pattern-{i})",
                stroke=SERIES_COLOURS[i],
                stroke_width=1,
            )
            + _text(x + 22, y + 13, _fit(name, _VIEW_WIDTH - 2 * _PAD - 22, 14), size=14, css="sr-chart__legend")
            + "</g>"
        )
        x += item_width
    legend_height = y + 24 - _PAD

    ticks = _nice_ticks(largest)
    tick_width = max(_text_width(_format(value_format, t), 14) for t in ticks)
    left = _PAD + tick_width + 10
    top = _PAD + legend_height + 24
    plot_height = 240
    plot_width = _VIEW_WIDTH - left - _PAD
    height = top + plot_height + 32
    slot = plot_width / len(labels)
    group_width = min(slot * 0.8, 64 * len(rows))
    bar_width = group_width / len(rows)
    texts = [[_format(value_format, v) for v in values] for _, values in rows]
    show_values = max(_text_width(t, 12) for row in texts for t in row) <= bar_width - 1
    step = _label_step(labels, slot, 14)
    shown = _shown_labels(len(labels), step, set())
    label_room = min(step * slot - 6, 120)

    body = ['<g class="sr-chart__legend-items">' + "".join(legend) + "</g>"]
    body += _y_axis(ticks, value_format, left, left + plot_width, top, plot_height)
    baseline = top + plot_height
    for c, label in enumerate(labels):
        centre = left + slot * (c + 0.5)
        group = []
        for s, (name, values) in enumerate(rows):
            value = values[c]
            if value is None:
                continue
            x = centre - group_width / 2 + s * bar_width
            bar_height = plot_height * max(value, 0) / ticks[-1]
            group.append(
                f'<g class="sr-chart__item"><title>{_esc(label)}, {_esc(name)}: {_esc(texts[s][c])}</title>'
                + _shape(
                    "rect",
                    class_="sr-chart__bar",
                    x=x,
                    y=baseline - bar_height,
                    width=bar_width,
                    height=bar_height,
                    fill=f"url(#{chart_id}-pattern-{s})",
                    stroke=SERIES_COLOURS[s],
                    stroke_width=1,
                )
                + (
                    _text(
                        x + bar_width / 2,
                        baseline - bar_height - 4,
                        texts[s][c],
                        size=12,
                        anchor="middle",
                        css="sr-chart__value",
                    )
                    if show_values
                    else ""
                )
                + "</g>"
            )
        if c in shown:
            short = _fit(label, label_room, 14)
            x = _clamped_centre(centre, _text_width(short, 14), _PAD, _VIEW_WIDTH - _PAD)
            group.append(_text(x, baseline + 20, short, size=14, anchor="middle", css="sr-chart__label"))
        body.append('<g class="sr-chart__group">' + "".join(group) + "</g>")
    body.append(_line(left, baseline, left + plot_width, baseline, stroke=TEXT, width=2, css="sr-chart__axis"))
    defs = [_pattern(f"{chart_id}-pattern-{i}", SERIES_PATTERNS[i], SERIES_COLOURS[i]) for i in range(len(rows))]
    return _svg(chart_id, "grouped", title, description, _VIEW_WIDTH, height, body, defs)


def _shade(value: float | None, largest: float) -> str:
    if value is None or value <= 0:
        return HEAT_ZERO
    level = math.ceil(value / largest * len(HEAT_SHADES) - 1e-9)
    return HEAT_SHADES[min(max(level, 1), len(HEAT_SHADES)) - 1]


def heatmap(
    chart_id: str,
    title: str,
    description: str,
    rows: list[str],
    columns: list[str],
    values: list[list[float]],
    *,
    value_format: Formatter = _default_format,
) -> Markup:
    """A grid (e.g. weekday × hour) shaded light to dark blue by value, the number in each cell.

    Text in each cell is black or white, whichever contrasts more with its shade (at least 4.5:1),
    and each cell has a <title> tooltip. A key under the grid shows the shades from 0 to the
    largest value. None means no figure: the cell shows a dash.
    """
    _check_id(chart_id)
    row_labels = [_clean(r) for r in rows]
    column_labels = [_clean(c) for c in columns]
    if len(values) != len(row_labels) or any(len(v) != len(column_labels) for v in values):
        raise ValueError("values must have one list per row, each with one value per column")
    grid = [[_value(v) for v in row] for row in values]
    largest = max((v for row in grid for v in row if v is not None), default=0.0)
    if not row_labels or not column_labels or largest <= 0:
        return _no_data(chart_id, "heatmap", title, description)

    texts = [["–" if v is None else _format(value_format, v) for v in row] for row in grid]
    label_width = min(max(_text_width(r, 14) for r in row_labels), 160)
    cell_width = max(32, max(_text_width(t, 12) for row in texts for t in row) + 8)
    cell_height = 28
    x0 = _PAD + label_width + 8
    y0 = _PAD + 24
    step = _label_step(column_labels, cell_width, 12)
    width = max(x0 + cell_width * len(column_labels) + _PAD, 360)
    grid_bottom = y0 + cell_height * len(row_labels)
    height = grid_bottom + 48

    body = []
    for c, label in enumerate(column_labels):
        if c % step == 0:
            short = _fit(label, min(step * cell_width - 4, 120), 12)
            x = _clamped_centre(x0 + cell_width * (c + 0.5), _text_width(short, 12), _PAD, width - _PAD)
            body.append(_text(x, y0 - 8, short, size=12, anchor="middle", css="sr-chart__label"))
    for r, row_label in enumerate(row_labels):
        top = y0 + r * cell_height
        cells = [
            _text(
                x0 - 8,
                top + cell_height / 2 + 5,
                _fit(row_label, label_width, 14),
                size=14,
                anchor="end",
                css="sr-chart__label",
            )
        ]
        for c, column_label in enumerate(column_labels):
            value, text = grid[r][c], texts[r][c]
            fill = _shade(value, largest)
            left = x0 + c * cell_width
            tooltip = f"{row_label}, {column_label}: {'no data' if value is None else text}"
            cells.append(
                f'<g class="sr-chart__cell"><title>{_esc(tooltip)}</title>'
                + _shape(
                    "rect",
                    x=left + 1,
                    y=top + 1,
                    width=cell_width - 2,
                    height=cell_height - 2,
                    fill=fill,
                    stroke=GRID if fill == HEAT_ZERO else None,
                )
                + _text(
                    left + cell_width / 2,
                    top + cell_height / 2 + 4,
                    text,
                    size=12,
                    fill=_text_colour_on(fill),
                    anchor="middle",
                    css="sr-chart__value",
                )
                + "</g>"
            )
        body.append('<g class="sr-chart__row">' + "".join(cells) + "</g>")

    # Key: the shades in order from 0 to the largest value.
    key_y = grid_bottom + 16
    low, high = _format(value_format, 0), _format(value_format, largest)
    x = x0
    key = [_text(x - 8, key_y + 13, low, size=12, anchor="end", css="sr-chart__key")]
    for shade in (HEAT_ZERO, *HEAT_SHADES):
        key.append(
            _shape("rect", x=x, y=key_y, width=24, height=18, fill=shade, stroke=GRID if shade == HEAT_ZERO else None)
        )
        x += 24
    key.append(_text(x + 8, key_y + 13, high, size=12, css="sr-chart__key"))
    body.append('<g class="sr-chart__key-items">' + "".join(key) + "</g>")
    return _svg(chart_id, "heatmap", title, description, width, height, body)
