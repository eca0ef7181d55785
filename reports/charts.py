"""Vector charts for the report and the dashboard: plain SVG, drawn here, no chart library.

Every label is escaped by ``format_html``; the result is SVG markup safe to place in a page or
in the PDF (WeasyPrint draws inline SVG as vectors). Colours are greys and one dark red so the
chart still reads on a black-and-white printer, and the bars carry their numbers.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from ban138.text import format_number

# The earlier period in light grey, the period reported in dark red.
SERIES_COLOURS = ["#9ca3af", "#7f1d1d", "#374151", "#d1d5db"]
FONT = "Liberation Serif"


def render_svg_chart(
    *,
    title: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    width: int = 620,
    label_width: int = 150,
) -> SafeString:
    """A horizontal grouped bar chart: one row per category, one bar per series in each row.

    ``series`` is ``[(name, [value per category]), …]``. Returns "" when there is nothing to draw.
    """
    if not categories or not series:
        return SafeString("")
    bar, gap, top = 13, 8, 44
    row_height = bar * len(series) + gap
    height = top + row_height * len(categories) + 10
    plot_width = width - label_width - 50
    largest = max((v for _name, values in series for v in values), default=0) or 1
    rows = [
        _row(
            category,
            [values[i] for _name, values in series],
            y=top + i * row_height,
            bar=bar,
            label_width=label_width,
            scale=plot_width / largest,
        )
        for i, category in enumerate(categories)
    ]
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        'aria-label="{title}" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'font-family="{font}" font-size="12">'
        '<text x="0" y="14" font-size="13" font-weight="bold">{title}</text>{legend}{rows}'
        '<line x1="{axis}" y1="{top_axis}" x2="{axis}" y2="{bottom}" stroke="#111827" '
        'stroke-width="0.8"/></svg>',
        title=title,
        width=width,
        height=height,
        font=FONT,
        legend=_legend([name for name, _values in series]),
        # each row is built by format_html already; joining keeps them escaped, no mark_safe
        rows=format_html_join("", "{}", ((row,) for row in rows)),
        axis=label_width,
        top_axis=top - 4,
        bottom=height - 8,
    )


def _row(category: str, values: list[int], *, y: int, bar: int, label_width: int, scale: float):
    label = format_html(
        '<text x="{x}" y="{y}" text-anchor="end">{category}</text>',
        x=label_width - 6,
        y=y + bar * len(values) / 2 + 4,
        category=category,
    )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" font-size="10">{}</text>',
        (
            (
                label_width,
                y + i * bar,
                f"{max(value * scale, 0.5):.1f}",
                bar - 1,
                SERIES_COLOURS[i % len(SERIES_COLOURS)],
                f"{label_width + value * scale + 3:.1f}",
                y + i * bar + bar - 2,
                format_number(value),
            )
            for i, value in enumerate(values)
        ),
    )
    return label + bars


def _legend(names: list[str]) -> SafeString:
    return format_html_join(
        "",
        '<rect x="{}" y="22" width="10" height="10" fill="{}"/><text x="{}" y="31">{}</text>',
        (
            (
                i * 150,
                SERIES_COLOURS[i % len(SERIES_COLOURS)],
                i * 150 + 14,
                name,
            )
            for i, name in enumerate(names)
        ),
    )
