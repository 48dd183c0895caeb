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
from collections.abc import Collection, Sequence

from markupsafe import Markup

from app.dashboard import svg

__all__ = ["bar_chart", "column_chart", "grouped_columns", "heatmap", "line_chart"]

# Fills from the GOV.UK palette (3:1 or more against white).
BLUE = "#1d70b8"
DARK_BLUE = "#003078"

# Grouped series: colour and hatching together, so they differ without colour too.
SERIES_COLOURS = ("#1d70b8", "#00703c", "#4c2c92", "#d4351c", "#505a5f", "#003078")
SERIES_PATTERNS = ("solid", "diagonal", "dots", "crosshatch", "horizontal", "vertical")

# Lines of a time series with its comparisons: each its own colour, dash pattern and marker, so
# they differ without colour (solid with circles, dashed with squares, dotted with triangles).
LINE_COLOURS = ("#1d70b8", "#505a5f", "#4c2c92")
LINE_DASHES = (None, "10 6", "2 5")
LINE_MARKERS = ("circle", "square", "triangle")
LINE_STYLE_NAMES = ("solid line, round markers", "dashed line, square markers", "dotted line, triangle markers")

# Heatmap shades for values above zero, light to dark blue (GOV.UK blue tints and shades); zero
# is white with a grey outline. The number in each cell is black or white, whichever contrasts more (≥ 4.5:1).
HEAT_ZERO = svg.WHITE
HEAT_SHADES = ("#e8f1f8", "#d2e2f1", "#8eb8dc", "#5694ca", "#1d70b8", "#144e81", "#003078")


# --- Charts --------------------------------------------------------------------------------------


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    items: list[tuple[str, float]],
    *,
    value_format: svg.Formatter = svg.default_format,
    horizontal: bool = True,
    max_value: float | None = None,
) -> Markup:
    """Horizontal bars for rankings (e.g. requests per service), in the order given.

    Labels sit left of the bars and each value just beyond its bar. The bars are scaled to the
    largest value (or to max_value when given, to compare charts on one scale; longer bars are
    cut at the edge). horizontal=False draws the same data as a column chart.
    """
    svg.check_id(chart_id)
    if not horizontal:
        return column_chart(chart_id, title, description, items, value_format=value_format)
    rows = [(svg.clean(label), svg.value(value)) for label, value in items]
    largest = max((v for _, v in rows if v is not None), default=0.0)
    if not rows or largest <= 0:
        return svg.no_data(chart_id, "bar", title, description)
    scale = max_value if max_value is not None and svg.value(max_value) and max_value > 0 else largest

    label_size, value_size, row_height, bar_height = 16, 16, 36, 24
    label_width = min(max(svg.text_width(label, label_size) for label, _ in rows), svg.VIEW_WIDTH * 0.4)
    texts = [svg.format_value(value_format, v) for _, v in rows]
    value_width = max(svg.text_width(t, value_size) for t in texts) + 8
    x0 = svg.PAD + label_width + 10
    plot_width = max(svg.VIEW_WIDTH - x0 - value_width - svg.PAD, 120)
    width = x0 + plot_width + value_width + svg.PAD
    height = 2 * svg.PAD + row_height * len(rows)

    body = []
    for i, ((label, value), text) in enumerate(zip(rows, texts)):
        top = svg.PAD + i * row_height
        middle = top + row_height / 2
        length = plot_width * min(max(value, 0) / scale, 1) if value is not None else 0
        parts = [f"<title>{svg.esc(label)}: {svg.esc(text)}</title>"]
        parts.append(
            svg.text(
                x0 - 10,
                middle + 6,
                svg.fit(label, label_width, label_size),
                size=label_size,
                anchor="end",
                css="sr-chart__label",
            )
        )
        if value is not None:
            parts.append(
                svg.shape(
                    "rect",
                    class_="sr-chart__bar",
                    x=x0,
                    y=middle - bar_height / 2,
                    width=length,
                    height=bar_height,
                    fill=BLUE,
                )
            )
        parts.append(svg.text(x0 + length + 6, middle + 6, text, size=value_size, css="sr-chart__value"))
        body.append(f'<g class="sr-chart__item">{"".join(parts)}</g>')
    body.append(svg.line(x0, svg.PAD, x0, height - svg.PAD, stroke=svg.TEXT, width=2, css="sr-chart__axis"))
    return svg.document(chart_id, "bar", title, description, width, height, body)


def column_chart(
    chart_id: str,
    title: str,
    description: str,
    items: list[tuple[str, float]],
    *,
    value_format: svg.Formatter = svg.default_format,
    highlight: Collection[str] = frozenset(),
    highlight_label: str = "Busiest",
) -> Markup:
    """Vertical columns for a trend (by week or month), with a value axis.

    Columns whose label is in ``highlight`` get a darker fill, a bold value and highlight_label
    written above them, so the highlight is not shown by colour alone. With many columns only
    every nth category label (and the values only where they fit) is written, but every column
    has a <title> tooltip with its label and value.
    """
    svg.check_id(chart_id)
    columns = [(svg.clean(label), svg.value(value)) for label, value in items]
    largest = max((v for _, v in columns if v is not None), default=0.0)
    if not columns or largest <= 0:
        return svg.no_data(chart_id, "column", title, description)
    highlight = {svg.clean(label) for label in highlight}
    marked = {i for i, (label, _) in enumerate(columns) if label in highlight}
    marker = svg.clean(highlight_label)

    ticks = svg.nice_ticks(largest)
    tick_width = max(svg.text_width(svg.format_value(value_format, t), 14) for t in ticks)
    left = svg.PAD + tick_width + 10
    top = svg.PAD + (44 if marked else 24)
    plot_height = 240
    plot_width = svg.VIEW_WIDTH - left - svg.PAD
    height = top + plot_height + 32
    count = len(columns)
    slot = plot_width / count
    column_width = min(slot * 0.7, 64)

    texts = [svg.format_value(value_format, v) for _, v in columns]
    show_values = max(svg.text_width(t, 13) for t in texts) <= slot - 4
    step = svg.label_step([label for label, _ in columns], slot, 14)
    shown = svg.shown_labels(count, step, marked)
    label_room = min(step * slot - 6, 120)

    body = svg.y_axis(ticks, value_format, left, left + plot_width, top, plot_height)
    baseline = top + plot_height
    for i, ((label, value), text) in enumerate(zip(columns, texts)):
        centre = left + slot * (i + 0.5)
        is_marked = i in marked
        column_height = plot_height * max(value, 0) / ticks[-1] if value is not None else 0
        column_top = baseline - column_height
        tooltip = f"{label}: {text}" + (f" ({marker})" if is_marked and marker else "")
        parts = [f"<title>{svg.esc(tooltip)}</title>"]
        if value is not None:
            parts.append(
                svg.shape(
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
            x = svg.clamped_centre(centre, svg.text_width(text, 13), left, left + plot_width)
            parts.append(
                svg.text(x, column_top - 6, text, size=13, anchor="middle", bold=is_marked, css="sr-chart__value")
            )
        if is_marked and marker:
            x = svg.clamped_centre(centre, svg.text_width(marker, 13), left, left + plot_width)
            parts.append(
                svg.text(x, column_top - 22, marker, size=13, anchor="middle", bold=True, css="sr-chart__marker")
            )
        if i in shown:
            short = svg.fit(label, label_room, 14)
            x = svg.clamped_centre(centre, svg.text_width(short, 14), svg.PAD, svg.VIEW_WIDTH - svg.PAD)
            parts.append(
                svg.text(x, baseline + 20, short, size=14, anchor="middle", bold=is_marked, css="sr-chart__label")
            )
        body.append(f'<g class="sr-chart__item">{"".join(parts)}</g>')
    body.append(svg.line(left, baseline, left + plot_width, baseline, stroke=svg.TEXT, width=2, css="sr-chart__axis"))
    return svg.document(chart_id, "column", title, description, svg.VIEW_WIDTH, height, body)


def _pattern(pattern_id: str, kind: str, colour: str) -> str:
    """A fill of the series colour with white hatching (solid for the first series)."""
    size, marks = 8, ""
    white = f'stroke="{svg.WHITE}" stroke-width="2"'
    if kind == "diagonal":
        marks = f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {white}/>'
    elif kind == "dots":
        marks = f'<circle cx="4" cy="4" r="1.6" fill="{svg.WHITE}"/>'
    elif kind == "crosshatch":
        marks = (
            '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4"'
            f' stroke="{svg.WHITE}" stroke-width="1.5"/>'
        )
    elif kind == "horizontal":
        marks = f'<path d="M0,4 h8" {white}/>'
    elif kind == "vertical":
        marks = f'<path d="M4,0 v8" {white}/>'
    return (
        f'<pattern id="{pattern_id}" class="sr-chart__pattern" patternUnits="userSpaceOnUse"'
        f' width="{size}" height="{size}"><rect width="{size}" height="{size}" fill="{colour}"/>{marks}</pattern>'
    )


def _checked_series(
    chart_id: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], most: int, what: str
) -> tuple[list[str], list[tuple[str, list[float | None]]], float]:
    """The labels and the series cleaned for SVG, and the largest value (0 when there is none);
    too many series, or a series of the wrong length, is a programming error."""
    svg.check_id(chart_id)
    labels = [svg.clean(c) for c in categories]
    if len(series) > most:
        raise ValueError(f"At most {most} {what} can be told apart, got {len(series)}")
    rows = []
    for name, values in series:
        if len(values) != len(labels):
            raise ValueError(f"Series {name!r} has {len(values)} values for {len(labels)} categories")
        rows.append((svg.clean(name), [svg.value(v) for v in values]))
    largest = max((v for _, values in rows for v in values if v is not None), default=0.0)
    return labels, rows, largest


def grouped_columns(
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    value_format: svg.Formatter = svg.default_format,
) -> Markup:
    """Columns side by side per category, one per series (e.g. months with a column per year).

    Each series has its own colour and hatching pattern (defined in the chart's <defs> with ids
    prefixed by chart_id), a place in each group, and a text legend. None means no figure (e.g.
    months still to come): no column is drawn. At most six series.
    """
    labels, rows, largest = _checked_series(chart_id, categories, series, len(SERIES_COLOURS), "series")
    if not labels or not rows or largest <= 0:
        return svg.no_data(chart_id, "grouped", title, description)

    # Legend across the top, wrapping onto more lines when needed.
    legend: list[str] = []
    x: float = svg.PAD
    y: float = svg.PAD
    for i, (name, _) in enumerate(rows):
        item_width = 16 + 6 + svg.text_width(name, 14) + 20
        if x > svg.PAD and x + item_width > svg.VIEW_WIDTH - svg.PAD:
            x, y = svg.PAD, y + 24
        legend.append(
            '<g class="sr-chart__legend-item">'
            + svg.shape(
                "rect",
                x=x,
                y=y,
                width=16,
                height=16,
                fill=f"url(#{chart_id}-pattern-{i})",
                stroke=SERIES_COLOURS[i],
                stroke_width=1,
            )
            + svg.text(
                x + 22, y + 13, svg.fit(name, svg.VIEW_WIDTH - 2 * svg.PAD - 22, 14), size=14, css="sr-chart__legend"
            )
            + "</g>"
        )
        x += item_width
    legend_height = y + 24 - svg.PAD

    ticks = svg.nice_ticks(largest)
    tick_width = max(svg.text_width(svg.format_value(value_format, t), 14) for t in ticks)
    left = svg.PAD + tick_width + 10
    top = svg.PAD + legend_height + 24
    plot_height = 240
    plot_width = svg.VIEW_WIDTH - left - svg.PAD
    height = top + plot_height + 32
    slot = plot_width / len(labels)
    group_width = min(slot * 0.8, 64 * len(rows))
    bar_width = group_width / len(rows)
    texts = [[svg.format_value(value_format, v) for v in values] for _, values in rows]
    show_values = max(svg.text_width(t, 12) for row in texts for t in row) <= bar_width - 1
    step = svg.label_step(labels, slot, 14)
    shown = svg.shown_labels(len(labels), step, set())
    label_room = min(step * slot - 6, 120)

    body = ['<g class="sr-chart__legend-items">' + "".join(legend) + "</g>"]
    body += svg.y_axis(ticks, value_format, left, left + plot_width, top, plot_height)
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
                f'<g class="sr-chart__item"><title>{svg.esc(label)}, {svg.esc(name)}: {svg.esc(texts[s][c])}</title>'
                + svg.shape(
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
                    svg.text(
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
            short = svg.fit(label, label_room, 14)
            x = svg.clamped_centre(centre, svg.text_width(short, 14), svg.PAD, svg.VIEW_WIDTH - svg.PAD)
            group.append(svg.text(x, baseline + 20, short, size=14, anchor="middle", css="sr-chart__label"))
        body.append('<g class="sr-chart__group">' + "".join(group) + "</g>")
    body.append(svg.line(left, baseline, left + plot_width, baseline, stroke=svg.TEXT, width=2, css="sr-chart__axis"))
    defs = [_pattern(f"{chart_id}-pattern-{i}", SERIES_PATTERNS[i], SERIES_COLOURS[i]) for i in range(len(rows))]
    return svg.document(chart_id, "grouped", title, description, svg.VIEW_WIDTH, height, body, defs)


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
    value_format: svg.Formatter = svg.default_format,
) -> Markup:
    """A grid (e.g. weekday × hour) shaded light to dark blue by value, the number in each cell.

    Text in each cell is black or white, whichever contrasts more with its shade (at least 4.5:1),
    and each cell has a <title> tooltip. A key under the grid shows the shades from 0 to the
    largest value. None means no figure: the cell shows a dash.
    """
    svg.check_id(chart_id)
    row_labels = [svg.clean(r) for r in rows]
    column_labels = [svg.clean(c) for c in columns]
    if len(values) != len(row_labels) or any(len(v) != len(column_labels) for v in values):
        raise ValueError("values must have one list per row, each with one value per column")
    grid = [[svg.value(v) for v in row] for row in values]
    largest = max((v for row in grid for v in row if v is not None), default=0.0)
    if not row_labels or not column_labels or largest <= 0:
        return svg.no_data(chart_id, "heatmap", title, description)

    texts = [["–" if v is None else svg.format_value(value_format, v) for v in row] for row in grid]
    label_width = min(max(svg.text_width(r, 14) for r in row_labels), 160)
    cell_width = max(32, max(svg.text_width(t, 12) for row in texts for t in row) + 8)
    cell_height = 28
    x0 = svg.PAD + label_width + 8
    y0 = svg.PAD + 24
    step = svg.label_step(column_labels, cell_width, 12)
    width = max(x0 + cell_width * len(column_labels) + svg.PAD, 360)
    grid_bottom = y0 + cell_height * len(row_labels)
    height = grid_bottom + 48

    body = []
    for c, label in enumerate(column_labels):
        if c % step == 0:
            short = svg.fit(label, min(step * cell_width - 4, 120), 12)
            x = svg.clamped_centre(x0 + cell_width * (c + 0.5), svg.text_width(short, 12), svg.PAD, width - svg.PAD)
            body.append(svg.text(x, y0 - 8, short, size=12, anchor="middle", css="sr-chart__label"))
    for r, row_label in enumerate(row_labels):
        top = y0 + r * cell_height
        cells = [
            svg.text(
                x0 - 8,
                top + cell_height / 2 + 5,
                svg.fit(row_label, label_width, 14),
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
                f'<g class="sr-chart__cell"><title>{svg.esc(tooltip)}</title>'
                + svg.shape(
                    "rect",
                    x=left + 1,
                    y=top + 1,
                    width=cell_width - 2,
                    height=cell_height - 2,
                    fill=fill,
                    stroke=svg.GRID if fill == HEAT_ZERO else None,
                )
                + svg.text(
                    left + cell_width / 2,
                    top + cell_height / 2 + 4,
                    text,
                    size=12,
                    fill=svg.text_colour_on(fill),
                    anchor="middle",
                    css="sr-chart__value",
                )
                + "</g>"
            )
        body.append('<g class="sr-chart__row">' + "".join(cells) + "</g>")

    # Key: the shades in order from 0 to the largest value.
    key_y = grid_bottom + 16
    low, high = svg.format_value(value_format, 0), svg.format_value(value_format, largest)
    x = x0
    key = [svg.text(x - 8, key_y + 13, low, size=12, anchor="end", css="sr-chart__key")]
    for shade in (HEAT_ZERO, *HEAT_SHADES):
        key.append(
            svg.shape(
                "rect", x=x, y=key_y, width=24, height=18, fill=shade, stroke=svg.GRID if shade == HEAT_ZERO else None
            )
        )
        x += 24
    key.append(svg.text(x + 8, key_y + 13, high, size=12, css="sr-chart__key"))
    body.append('<g class="sr-chart__key-items">' + "".join(key) + "</g>")
    return svg.document(chart_id, "heatmap", title, description, width, height, body)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    """A point of a line: a filled circle, square or triangle about 10 units across."""
    if kind == "square":
        return svg.shape("rect", class_="sr-chart__marker", x=x - 4.5, y=y - 4.5, width=9, height=9, fill=colour)
    if kind == "triangle":
        points = f"{svg.coordinate(x)},{svg.coordinate(y - 6)} {svg.coordinate(x + 6)},{svg.coordinate(y + 4.5)} "
        points += f"{svg.coordinate(x - 6)},{svg.coordinate(y + 4.5)}"
        return svg.shape("polygon", class_="sr-chart__marker", points=points, fill=colour)
    return svg.shape("circle", class_="sr-chart__marker", cx=x, cy=y, r=5, fill=colour)


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    value_format: svg.Formatter = svg.default_format,
) -> Markup:
    """A time series and its comparisons (this period, the period before, a year earlier) as
    lines over the same weeks or months, at most three.

    Each line has its own colour, dash pattern and marker shape, named in a legend that shows
    them, so no line depends on colour. None means no figure (before the data begins): the line
    breaks there, never dropping to nought. Every point has a <title> with its label and value.
    """
    labels, rows, largest = _checked_series(chart_id, categories, series, len(LINE_COLOURS), "lines")
    if not labels or not rows or largest <= 0:
        return svg.no_data(chart_id, "line", title, description)

    # Legend across the top: a stretch of each line, with its marker, then its name.
    legend: list[str] = []
    x: float = svg.PAD
    y: float = svg.PAD
    for i, (name, _) in enumerate(rows):
        item_width = 36 + 8 + svg.text_width(name, 14) + 24
        if x > svg.PAD and x + item_width > svg.VIEW_WIDTH - svg.PAD:
            x, y = svg.PAD, y + 24
        legend.append(
            '<g class="sr-chart__legend-item">'
            + svg.shape(
                "line",
                x1=x,
                y1=y + 8,
                x2=x + 36,
                y2=y + 8,
                stroke=LINE_COLOURS[i],
                stroke_width=3,
                stroke_dasharray=LINE_DASHES[i],
            )
            + _marker(LINE_MARKERS[i], x + 18, y + 8, LINE_COLOURS[i])
            + svg.text(
                x + 44, y + 13, svg.fit(name, svg.VIEW_WIDTH - 2 * svg.PAD - 44, 14), size=14, css="sr-chart__legend"
            )
            + "</g>"
        )
        x += item_width
    legend_height = y + 24 - svg.PAD

    ticks = svg.nice_ticks(largest)
    tick_width = max(svg.text_width(svg.format_value(value_format, t), 14) for t in ticks)
    left = svg.PAD + tick_width + 10
    top = svg.PAD + legend_height + 16
    plot_height = 240
    plot_width = svg.VIEW_WIDTH - left - svg.PAD
    height = top + plot_height + 32
    slot = plot_width / len(labels)
    baseline = top + plot_height
    step = svg.label_step(labels, slot, 14)
    shown = svg.shown_labels(len(labels), step, set())
    label_room = min(step * slot - 6, 120)

    body = ['<g class="sr-chart__legend-items">' + "".join(legend) + "</g>"]
    body += svg.y_axis(ticks, value_format, left, left + plot_width, top, plot_height)
    for c, label in enumerate(labels):
        if c in shown:
            short = svg.fit(label, label_room, 14)
            centre = left + slot * (c + 0.5)
            x = svg.clamped_centre(centre, svg.text_width(short, 14), svg.PAD, svg.VIEW_WIDTH - svg.PAD)
            body.append(svg.text(x, baseline + 20, short, size=14, anchor="middle", css="sr-chart__label"))
    body.append(svg.line(left, baseline, left + plot_width, baseline, stroke=svg.TEXT, width=2, css="sr-chart__axis"))
    # The comparisons first, so this period's line is drawn on top.
    for s in reversed(range(len(rows))):
        name, values = rows[s]
        points = [
            (left + slot * (c + 0.5), baseline - plot_height * max(value, 0) / ticks[-1], c, value)
            for c, value in enumerate(values)
            if value is not None
        ]
        # A gap (no figure) breaks the line: one polyline for each run of neighbouring points.
        runs: list[list[tuple[float, float, int, float]]] = []
        for point in points:
            if runs and runs[-1][-1][2] == point[2] - 1:
                runs[-1].append(point)
            else:
                runs.append([point])
        parts = [
            svg.shape(
                "polyline",
                class_="sr-chart__line",
                points=" ".join(f"{svg.coordinate(px)},{svg.coordinate(py)}" for px, py, _, _ in run),
                fill="none",
                stroke=LINE_COLOURS[s],
                stroke_width=3 if s == 0 else 2.5,
                stroke_dasharray=LINE_DASHES[s],
                stroke_linejoin="round",
            )
            for run in runs
            if len(run) > 1
        ]
        for px, py, c, value in points:
            tooltip = f"{labels[c]}, {name}: {svg.format_value(value_format, value)}"
            parts.append(
                f'<g class="sr-chart__item"><title>{svg.esc(tooltip)}</title>'
                + _marker(LINE_MARKERS[s], px, py, LINE_COLOURS[s])
                + "</g>"
            )
        body.append('<g class="sr-chart__series">' + "".join(parts) + "</g>")
    return svg.document(chart_id, "line", title, description, svg.VIEW_WIDTH, height, body)
