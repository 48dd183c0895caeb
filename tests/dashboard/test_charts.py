"""Dashboard SVG charts: well-formed, named for assistive technology, escaped, proportional,
not reliant on colour alone, and with colours that meet WCAG contrast."""

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from app.dashboard.charts import (
    HEAT_SHADES,
    SERIES_COLOURS,
    bar_chart,
    column_chart,
    grouped_columns,
    heatmap,
    line_chart,
)
from app.dashboard.svg import contrast_ratio

NS = "{http://www.w3.org/2000/svg}"
NASTY = '<script>&"'
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
HOURS = [f"{h:02d}:00" for h in range(24)]


def parse(markup) -> ET.Element:
    assert isinstance(markup, Markup)
    assert "style=" not in markup  # the CSP blocks inline styles
    return ET.fromstring(str(markup))


def classes(element) -> set[str]:
    return set(element.get("class", "").split())


def by_class(svg, name, tag="*") -> list[ET.Element]:
    return [e for e in svg.iter(f"{NS}{tag}" if tag != "*" else tag) if name in classes(e)]


def texts(svg) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter(f"{NS}text")]


def bars(svg) -> list[ET.Element]:
    return by_class(svg, "sr-chart__bar", "rect")


def tooltips(svg) -> list[str]:
    """The <title> of every bar, column or cell (not the chart's own title)."""
    return [t.text for g in svg.iter(f"{NS}g") for t in g.findall(f"{NS}title")]


def all_charts(chart_id="chart"):
    return [
        bar_chart(chart_id, "Requests by service", "IT gets most.", [("IT", 40), ("HR", 10)]),
        column_chart(chart_id, "Requests by month", "Busiest in March.", [("Jan", 5), ("Mar", 9)]),
        grouped_columns(
            chart_id, "Requests by year", "More each year.", ["Jan", "Feb"], [("2024", [1, 2]), ("2025", [3, None])]
        ),
        heatmap(chart_id, "Requests by hour", "Mornings are busiest.", ["Mon"], ["09:00", "10:00"], [[3, 7]]),
    ]


# --- contrast_ratio ------------------------------------------------------------------------------


def test_contrast_ratio_follows_the_wcag_formula():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#fff", "#FFFFFF") == pytest.approx(1)
    assert contrast_ratio("#1d70b8", "#ffffff") == pytest.approx(5.17, abs=0.01)
    assert contrast_ratio("#ffffff", "#1d70b8") == contrast_ratio("#1d70b8", "#ffffff")
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert contrast_ratio("#f47738", "#ffffff") < 3  # GOV.UK orange: too light for bars or text


@pytest.mark.parametrize("bad", ["", "blue", "#12345", "#ggg", None])
def test_contrast_ratio_rejects_what_is_not_a_hex_colour(bad):
    with pytest.raises(ValueError, match="Not a hex colour"):
        contrast_ratio(bad, "#ffffff")


# --- Every chart ---------------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(4))
def test_chart_is_an_image_named_by_its_own_title_and_desc(index):
    svg = parse(all_charts("requests-chart")[index])
    assert svg.tag == f"{NS}svg"
    assert svg.get("role") == "img"
    assert "sr-chart" in classes(svg)
    assert svg.get("width") == "100%" and re.fullmatch(r"0 0 [\d.]+ [\d.]+", svg.get("viewBox"))
    assert svg.get("aria-labelledby") == "requests-chart-title requests-chart-desc"
    title, desc = svg.find(f"{NS}title"), svg.find(f"{NS}desc")
    assert title.get("id") == "requests-chart-title" and title.text.startswith("Requests by")
    assert desc.get("id") == "requests-chart-desc" and desc.text
    assert list(svg)[:2] == [title, desc]  # first children, as SVG expects
    ids = [e.get("id") for e in svg.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith("requests-chart-") for i in ids)


@pytest.mark.parametrize("chart_id", ["", "1chart", "a b", 'x" onload="alert(1)', "a#b"])
def test_chart_id_must_be_a_plain_identifier(chart_id):
    with pytest.raises(ValueError, match="chart_id must be letters, digits"):
        bar_chart(chart_id, "T", "D", [("A", 1)])


@pytest.mark.parametrize(
    "render",
    [
        lambda label: bar_chart("c", label, label, [(label, 3), ("Other", 5)], value_format=lambda v: f"{label}{v}"),
        lambda label: column_chart("c", label, label, [(label, 3), ("Other", 5)], highlight={label}),
        lambda label: grouped_columns("c", label, label, [label, "Feb"], [(label, [1, 2]), ("2025", [2, 3])]),
        lambda label: heatmap("c", label, label, [label], [label, "10:00"], [[1, 9]]),
    ],
)
def test_user_text_is_escaped_everywhere(render):
    markup = str(render(NASTY))
    assert "<script>" not in markup
    assert "&lt;script&gt;&amp;" in markup
    svg = ET.fromstring(markup)  # still well-formed
    assert svg.find(f"{NS}title").text == NASTY
    assert svg.find(f"{NS}desc").text == NASTY
    assert any(NASTY in t for t in texts(svg))
    assert any(t.startswith(NASTY) for t in tooltips(svg))
    assert not any(e.tag.endswith("script") for e in svg.iter())


def test_control_characters_are_dropped_so_the_svg_stays_well_formed():
    svg = parse(bar_chart("c", "Title\x00", "Desc\x1b", [("Bad\x0blabel\nhere", 2)]))
    assert "Bad label here" in texts(svg)


@pytest.mark.parametrize(
    "render",
    [
        lambda: bar_chart("c", "T", "Requests by service.", []),
        lambda: bar_chart("c", "T", "Requests by service.", [("IT", 0), ("HR", 0)]),
        lambda: bar_chart("c", "T", "Requests by service.", [("IT", 0)], max_value=10),
        lambda: bar_chart("c", "T", "Requests by service.", [("IT", None), ("HR", float("nan"))]),
        lambda: column_chart("c", "T", "Requests by service.", [], highlight={"Jan"}),
        lambda: column_chart("c", "T", "Requests by service.", [("Jan", 0), ("Feb", 0)]),
        lambda: grouped_columns("c", "T", "Requests by service.", [], []),
        lambda: grouped_columns("c", "T", "Requests by service.", MONTHS, []),
        lambda: grouped_columns("c", "T", "Requests by service.", ["Jan"], [("2025", [None])]),
        lambda: grouped_columns("c", "T", "Requests by service.", MONTHS, [("2025", [0] * 12)]),
        lambda: heatmap("c", "T", "Requests by service.", [], [], []),
        lambda: heatmap("c", "T", "Requests by service.", DAYS, HOURS, [[0] * 24 for _ in DAYS]),
    ],
)
def test_empty_data_renders_a_valid_svg_saying_so(render):
    svg = parse(render())
    assert svg.get("role") == "img"
    assert "No data for this period" in texts(svg)
    assert "No data for this period" in svg.find(f"{NS}desc").text  # for screen readers too
    assert not bars(svg)


# --- bar_chart -----------------------------------------------------------------------------------


def test_bar_chart_has_one_bar_per_item_proportional_to_its_value():
    items = [("IT equipment", 420), ("Parking permits", 210), ("Room booking", 105), ("HR", 0)]
    svg = parse(bar_chart("services", "Requests by service", "IT gets most.", items))
    rects = bars(svg)
    assert len(rects) == len(items)
    widths = [float(r.get("width")) for r in rects]
    xs = {float(r.get("x")) for r in rects}
    assert len(xs) == 1  # all from one baseline
    plot_right = max(float(x) + w for x, w in zip(xs, widths))
    view_width = float(svg.get("viewBox").split()[2])
    assert plot_right < view_width  # room for the value beyond the largest bar
    assert widths[0] == max(widths)
    # The largest bar spans the plot: only its value label (written just beyond it) is further right.
    value_x = float(by_class(svg, "sr-chart__value", "text")[0].get("x"))
    assert value_x == pytest.approx(plot_right + 6)
    assert value_x + len("420") * 16 * 0.6 <= view_width
    for (_, value), width in zip(items, widths):
        assert width == pytest.approx(widths[0] * value / 420, abs=0.02)
    # Labels for categories, values written beside the bars, and tooltips with both.
    assert {"IT equipment", "Parking permits", "Room booking", "HR", "420", "210", "105", "0"} <= set(texts(svg))
    assert tooltips(svg) == ["IT equipment: 420", "Parking permits: 210", "Room booking: 105", "HR: 0"]


def test_largest_bar_spans_the_plot_width_and_max_value_sets_a_common_scale():
    svg = parse(bar_chart("a", "T", "D", [("A", 50), ("B", 25)]))
    full = float(bars(svg)[0].get("width"))
    svg = parse(bar_chart("a", "T", "D", [("A", 50), ("B", 25)], max_value=100))
    assert [float(r.get("width")) for r in bars(svg)] == pytest.approx([full / 2, full / 4], abs=0.02)
    svg = parse(bar_chart("a", "T", "D", [("A", 500), ("B", 25)]))
    full = float(bars(svg)[0].get("width"))
    svg = parse(bar_chart("a", "T", "D", [("A", 500), ("B", 25)], max_value=100))
    assert [float(r.get("width")) for r in bars(svg)] == pytest.approx([full, full / 4], abs=0.02)  # cut at the edge


def test_bar_chart_uses_value_format_and_shortens_long_labels_but_not_their_tooltips():
    long_name = "Request for a replacement laptop charger for the council chamber"
    svg = parse(bar_chart("a", "T", "D", [(long_name, 0.25), ("B", 0.5)], value_format=lambda v: f"{v:.0%}"))
    assert {"25%", "50%"} <= set(texts(svg))
    assert any(t.endswith("…") and long_name.startswith(t[:-1]) for t in texts(svg))
    assert f"{long_name}: 25%" in tooltips(svg)


def test_bar_chart_can_draw_columns_instead():
    svg = parse(bar_chart("a", "T", "D", [("A", 1), ("B", 2)], horizontal=False))
    assert "sr-chart--column" in classes(svg)
    assert len(bars(svg)) == 2


# --- column_chart --------------------------------------------------------------------------------


def test_column_chart_heights_are_proportional_on_one_baseline():
    items = list(zip(MONTHS, [100, 200, 400, 300]))
    svg = parse(column_chart("months", "Requests by month", "Busiest in March.", items))
    rects = bars(svg)
    assert len(rects) == 4
    heights = [float(r.get("height")) for r in rects]
    bottoms = {round(float(r.get("y")) + float(r.get("height")), 1) for r in rects}
    assert len(bottoms) == 1
    for value, height in zip([100, 200, 400, 300], heights):
        assert height == pytest.approx(heights[2] * value / 400, abs=0.02)
    # A value axis with tick labels, the months, and every value where there is room.
    assert {"0", "400", "Jan", "Feb", "Mar", "Apr", "100", "300"} <= set(texts(svg))


def test_highlighted_column_is_darker_and_marked_in_words():
    items = list(zip(MONTHS, [100, 500, 400]))
    svg = parse(column_chart("months", "T", "D", items, highlight={"Feb", "Not a month"}))
    rects = bars(svg)
    fills = [r.get("fill") for r in rects]
    assert fills[0] == fills[2] != fills[1]
    assert contrast_ratio(fills[1], "#ffffff") > contrast_ratio(fills[0], "#ffffff")  # darker
    assert [("sr-chart__bar--highlight" in classes(r)) for r in rects] == [False, True, False]
    markers = by_class(svg, "sr-chart__marker", "text")
    assert [m.text for m in markers] == ["Busiest"]
    assert "Feb: 500 (Busiest)" in tooltips(svg)
    svg = parse(column_chart("months", "T", "D", items, highlight={"Mar"}, highlight_label="Most recent"))
    assert [m.text for m in by_class(svg, "sr-chart__marker", "text")] == ["Most recent"]


def test_many_columns_thin_the_labels_but_every_column_keeps_a_tooltip():
    weeks = [
        (f"w/c {d:02d}/{m:02d}/2025", (i * 37) % 150 + 1)
        for i, (m, d) in enumerate((m, d) for m in range(1, 13) for d in (1, 8, 15, 22))
    ]
    busiest = max(weeks, key=lambda w: w[1])[0]
    svg = parse(column_chart("weeks", "T", "D", weeks, highlight={busiest}))
    assert len(bars(svg)) == 48
    assert len(tooltips(svg)) == 48
    assert all(": " in t for t in tooltips(svg))
    labels = [e.text for e in by_class(svg, "sr-chart__label", "text")]
    assert 1 < len(labels) < 48 // 2
    assert busiest in labels  # the highlighted column keeps its label
    # Labels shown do not overlap: centres at least a label's width apart (estimated).
    xs = sorted(float(e.get("x")) for e in by_class(svg, "sr-chart__label", "text"))
    widest = max(len(t) for t in labels) * 14 * 0.6
    assert all(b - a >= widest - 0.01 for a, b in itertools.pairwise(xs))
    # Too narrow for every value: only the highlighted column's is written.
    assert [e.text for e in by_class(svg, "sr-chart__value", "text")] == [str(dict(weeks)[busiest])]


# --- grouped_columns -----------------------------------------------------------------------------


def yearly_series():
    return [
        ("2023", [300, 280, 350, 320, 310, 290, 200, 210, 330, 360, 340, 250]),
        ("2024", [320, 300, 370, 330, 330, 300, 220, 230, 350, 380, 360, 270]),
        ("2025", [340, 310, 400, 350, 345, None, None, None, None, None, None, None]),
    ]


def test_grouped_columns_one_bar_per_value_with_a_pattern_per_series():
    svg = parse(grouped_columns("years", "Requests by month and year", "2025 is busier.", MONTHS, yearly_series()))
    rects = bars(svg)
    assert len(rects) == 12 + 12 + 5  # None draws nothing
    patterns = {p.get("id"): p for p in svg.iter(f"{NS}pattern")}
    assert set(patterns) == {"years-pattern-0", "years-pattern-1", "years-pattern-2"}
    assert all(p in svg.find(f"{NS}defs") for p in patterns.values())
    fills = {r.get("fill") for r in rects}
    assert fills == {f"url(#{i})" for i in patterns}
    # Each series: its own colour AND its own hatching (the marks drawn over the colour).
    bases = [p.find(f"{NS}rect").get("fill") for p in patterns.values()]
    assert len(set(bases)) == 3
    hatching = [ET.tostring(p)[ET.tostring(p).index(b"/>") :] for p in patterns.values()]
    assert len(set(hatching)) == 3
    # Proportional heights within and across series.
    by_fill = {}
    for r in rects:
        by_fill.setdefault(r.get("fill"), []).append(float(r.get("height")))
    jan_2023, jan_2024 = by_fill["url(#years-pattern-0)"][0], by_fill["url(#years-pattern-1)"][0]
    assert jan_2024 == pytest.approx(jan_2023 * 320 / 300, abs=0.02)
    assert "Jun, 2024: 300" in tooltips(svg)


def test_grouped_columns_legend_names_each_series_beside_its_swatch():
    svg = parse(grouped_columns("years", "T", "D", MONTHS, yearly_series()))
    items = by_class(svg, "sr-chart__legend-item", "g")
    assert [i.find(f"{NS}text").text for i in items] == ["2023", "2024", "2025"]
    assert [i.find(f"{NS}rect").get("fill") for i in items] == [f"url(#years-pattern-{n})" for n in range(3)]
    assert {"Jan", "Jun", "Dec"} <= set(texts(svg))


def test_two_grouped_charts_on_one_page_do_not_share_pattern_ids():
    page = str(grouped_columns("this-year", "T", "D", MONTHS, yearly_series())) + str(
        grouped_columns("last-year", "T", "D", MONTHS, yearly_series())
    )
    root = ET.fromstring(f"<div>{page}</div>")
    charts = root.findall(f"{NS}svg")
    ids = [[p.get("id") for p in svg.iter(f"{NS}pattern")] for svg in charts]
    assert not set(ids[0]) & set(ids[1])
    assert all(i.startswith("this-year-") for i in ids[0]) and all(i.startswith("last-year-") for i in ids[1])
    all_ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(all_ids) == len(set(all_ids))
    for svg, own in zip(charts, ids):  # every url(#…) points into its own chart
        refs = {m for e in svg.iter() for m in re.findall(r"url\(#([^)]+)\)", e.get("fill", ""))}
        assert refs and refs <= set(own)


def test_grouped_columns_writes_values_when_there_is_room():
    svg = parse(grouped_columns("q", "T", "D", ["Q1", "Q2"], [("2024", [10, 20]), ("2025", [15, 25])]))
    assert [e.text for e in by_class(svg, "sr-chart__value", "text")] == ["10", "15", "20", "25"]


def test_grouped_columns_rejects_mismatched_or_too_many_series():
    with pytest.raises(ValueError, match="Series '2025' has 3 values for 12 categories"):
        grouped_columns("g", "T", "D", MONTHS, [("2025", [1, 2, 3])])
    with pytest.raises(ValueError, match="series can be told apart, got 10"):
        grouped_columns("g", "T", "D", ["Jan"], [(str(y), [1]) for y in range(2015, 2025)])


# --- heatmap -------------------------------------------------------------------------------------


def weekday_hours():
    return [[(d * 7 + h * 3) % 41 if d < 5 and 8 <= h <= 17 else (h + d) % 3 for h in range(24)] for d in range(7)]


def test_heatmap_writes_every_value_with_a_tooltip_and_shades_by_value():
    values = weekday_hours()
    svg = parse(heatmap("hours", "Requests by weekday and hour", "Busiest mid-morning.", DAYS, HOURS, values))
    cells = by_class(svg, "sr-chart__cell", "g")
    assert len(cells) == 7 * 24
    flat = [v for row in values for v in row]
    assert [c.find(f"{NS}text").text for c in cells] == [str(v) for v in flat]
    assert [c.find(f"{NS}title").text for c in cells][:2] == ["Monday, 00:00: 0", "Monday, 01:00: 1"]
    # Darker (lower luminance, so more contrast with white) for larger values.
    shade_contrast = {}
    for value, cell in zip(flat, cells):
        shade_contrast.setdefault(value, set()).add(contrast_ratio(cell.find(f"{NS}rect").get("fill"), "#ffffff"))
    assert all(len(s) == 1 for s in shade_contrast.values())  # same value, same shade
    ordered = [shade_contrast[v].pop() for v in sorted(shade_contrast)]
    assert ordered == sorted(ordered)
    assert ordered[-1] == pytest.approx(contrast_ratio(HEAT_SHADES[-1], "#ffffff"))  # the largest is darkest
    assert set(DAYS) <= set(texts(svg)) and "00:00" in texts(svg)


def test_heatmap_cell_text_meets_4_5_to_1_against_its_fill():
    values = [[v * 100 / 23 for v in range(24)] for _ in DAYS]  # every shade
    svg = parse(heatmap("hours", "T", "D", DAYS, HOURS, values, value_format=lambda v: f"{v:.0f}"))
    seen_fills, seen_text = set(), set()
    for cell in by_class(svg, "sr-chart__cell", "g"):
        fill, colour = cell.find(f"{NS}rect").get("fill"), cell.find(f"{NS}text").get("fill")
        assert contrast_ratio(colour, fill) >= 4.5, (colour, fill)
        seen_fills.add(fill)
        seen_text.add(colour)
    assert len(seen_fills) == len(HEAT_SHADES) + 1  # zero plus every shade
    assert seen_text == {"#0b0c0c", "#ffffff"}  # switches to white on dark cells


def test_heatmap_missing_values_show_a_dash_and_shapes_must_match():
    svg = parse(heatmap("h", "T", "D", ["Mon"], ["09:00", "10:00"], [[None, 4]]))
    cells = by_class(svg, "sr-chart__cell", "g")
    assert [c.find(f"{NS}text").text for c in cells] == ["–", "4"]
    assert cells[0].find(f"{NS}title").text == "Mon, 09:00: no data"
    with pytest.raises(ValueError, match="values must have one list per row"):
        heatmap("h", "T", "D", ["Mon", "Tue"], ["09:00"], [[1]])


# --- Colours -------------------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(3))
def test_bar_and_series_colours_meet_3_to_1_against_white(index):
    svg = parse(
        all_charts()[index]
        if index < 2
        else grouped_columns(
            "g", "T", "D", MONTHS, [(str(year), [year % 7 + m for m in range(12)]) for year in range(2020, 2026)]
        )
    )
    colours = set()
    for rect in bars(svg):
        colours.add(rect.get("fill"))
        if rect.get("stroke"):
            colours.add(rect.get("stroke"))
    for pattern in svg.iter(f"{NS}pattern"):
        colours.add(pattern.find(f"{NS}rect").get("fill"))  # the colour under the hatching
    colours = {c for c in colours if not c.startswith("url(")}
    assert colours
    for colour in colours:
        assert contrast_ratio(colour, "#ffffff") >= 3, colour


def test_palettes_meet_contrast():
    assert all(contrast_ratio(c, "#ffffff") >= 3 for c in SERIES_COLOURS)
    assert len(set(SERIES_COLOURS)) == len(SERIES_COLOURS)
    for shade in HEAT_SHADES:  # black or white text can always be written on a heatmap shade
        assert max(contrast_ratio(shade, "#0b0c0c"), contrast_ratio(shade, "#ffffff")) >= 4.5


@pytest.mark.parametrize("index", range(4))
def test_text_is_dark_enough_to_read(index):
    svg = parse(all_charts()[index])
    for text in svg.iter(f"{NS}text"):
        if "sr-chart__value" in classes(text) and text.get("fill") == "#ffffff":
            continue  # white on a heatmap cell: checked against the cell above
        assert contrast_ratio(text.get("fill"), "#ffffff") >= 4.5


def test_no_division_by_zero_or_nan_in_coordinates():
    charts = [
        bar_chart("a", "T", "D", [("A", 1e-12), ("B", -5), ("C", float("inf"))]),
        column_chart("a", "T", "D", [("A", 0.3), ("B", 0)]),
        grouped_columns("a", "T", "D", ["A"], [("S", [0.001])]),
        heatmap("a", "T", "D", ["R"], ["C"], [[0.5]]),
    ]
    for markup in charts:
        svg = parse(markup)
        for element in list(svg.iter())[1:]:
            for name in ("x", "y", "width", "height"):
                if element.get(name) is not None:
                    number = float(element.get(name))
                    assert math.isfinite(number) and (name not in ("width", "height") or number >= 0)


# --- Lines: a time series and its comparisons -----------------------------------------------------


def test_a_line_chart_tells_its_series_apart_without_colour():
    weeks = ["w/c 6 Apr", "w/c 13 Apr", "w/c 20 Apr", "w/c 27 Apr (part)"]
    svg = parse(
        line_chart(
            "trend",
            "Requests each week",
            "This period, the period before and a year earlier.",
            weeks,
            [("This period", [3, 1, 0, 3]), ("Previous period", [0, 2, 2, 1]), ("A year earlier", [None, None, 1, 0])],
        )
    )
    lines = by_class(svg, "sr-chart__line", "polyline")
    # Each series its own dash pattern (solid, dashed, dotted) and marker shape (circle, square,
    # triangle), named in the legend beside a sample of both: never colour alone.
    dashes = {line.get("stroke-dasharray") for line in lines}
    assert dashes == {None, "10 6", "2 5"}
    marker_tags = {marker.tag.removeprefix(NS) for marker in by_class(svg, "sr-chart__marker")}
    assert marker_tags == {"circle", "rect", "polygon"}
    legend = by_class(svg, "sr-chart__legend-item", "g")
    assert ["".join(item.itertext()) for item in legend] == ["This period", "Previous period", "A year earlier"]
    assert all(item.find(f"{NS}line") is not None for item in legend)
    # Every point has its label and value for a mouse user; the figures are also in the table.
    assert "w/c 20 Apr, A year earlier: 1" in tooltips(svg)
    assert "w/c 27 Apr (part), This period: 3" in tooltips(svg)
    assert len(by_class(svg, "sr-chart__item", "g")) == 4 + 4 + 2
    for colour in ("#1d70b8", "#505a5f", "#4c2c92"):
        assert contrast_ratio(colour, "#ffffff") >= 3


def test_a_line_breaks_where_there_is_no_data_rather_than_dropping_to_nought():
    svg = parse(
        line_chart("gaps", "Requests", "With a gap.", ["a", "b", "c", "d", "e"], [("This period", [2, 3, None, 4, 5])])
    )
    lines = by_class(svg, "sr-chart__line", "polyline")
    assert [len(line.get("points").split()) for line in lines] == [2, 2]  # two runs, no point at "c"
    assert len(by_class(svg, "sr-chart__item", "g")) == 4  # a marker for each point (the legend has its own)


def test_a_line_chart_with_nothing_to_draw_says_so_and_refuses_too_many_lines():
    svg = parse(line_chart("empty", "Requests", "Nothing yet.", ["a", "b"], [("This period", [None, None])]))
    assert "No data for this period" in texts(svg)
    with pytest.raises(ValueError, match="At most 3 lines"):
        line_chart("many", "t", "d", ["a"], [(str(n), [1]) for n in range(4)])
    with pytest.raises(ValueError, match="has 1 values for 2 categories"):
        line_chart("short", "t", "d", ["a", "b"], [("one", [1])])


def test_a_line_chart_escapes_what_it_is_given():
    markup = line_chart("esc", NASTY, NASTY, [NASTY, "b"], [(NASTY, [1, 2])])
    assert "<script>" not in markup
    svg = parse(markup)
    assert svg.find(f"{NS}title").text == NASTY
