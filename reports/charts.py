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


# --- the same chart as a PNG, for the Word file ------------------------------------------------

# Pixels per SVG unit: the PNG is drawn at twice the SVG's size so it prints sharp at 16 cm.
PNG_SCALE = 2


def render_png_chart(
    *,
    title: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    width: int = 620,
    label_width: int = 150,
) -> bytes:
    """The chart :func:`render_svg_chart` draws, as PNG bytes: the same geometry, colours and
    labels, drawn by Pillow with the bundled Liberation Serif (no installed font is used).

    Word files cannot show SVG reliably. The PNG carries no date or other metadata, so the same
    figures give the same bytes on every render (the report's determinism test relies on it).
    Returns b"" when there is nothing to draw."""
    import io

    from PIL import Image, ImageDraw

    if not categories or not series:
        return b""
    s = PNG_SCALE
    bar, gap, top = 13, 8, 44
    row_height = bar * len(series) + gap
    height = top + row_height * len(categories) + 10
    plot_width = width - label_width - 50
    largest = max((v for _name, values in series for v in values), default=0) or 1
    scale = plot_width / largest
    image = Image.new("RGB", (width * s, height * s), "white")
    draw = ImageDraw.Draw(image)
    regular, small, bold = _font(12 * s), _font(10 * s), _font(13 * s, bold=True)
    draw.text((0, 14 * s), title, font=bold, fill="#000000", anchor="ls")
    for i, name in enumerate(name for name, _values in series):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        draw.rectangle([i * 150 * s, 22 * s, (i * 150 + 10) * s, 32 * s], fill=colour)
        draw.text(((i * 150 + 14) * s, 31 * s), name, font=regular, fill="#000000", anchor="ls")
    for row, category in enumerate(categories):
        y = top + row * row_height
        label_y = (y + bar * len(series) / 2 + 4) * s
        draw.text(
            ((label_width - 6) * s, label_y), category, font=regular, fill="#000000", anchor="rs"
        )
        for i, (_name, values) in enumerate(series):
            value = values[row]
            length = max(value * scale, 0.5)
            top_y = (y + i * bar) * s
            colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
            draw.rectangle(
                [
                    label_width * s,
                    top_y,
                    round((label_width + length) * s),
                    top_y + (bar - 1) * s - 1,
                ],
                fill=colour,
            )
            text_x = (label_width + value * scale + 3) * s
            text_y = (y + i * bar + bar - 2) * s
            draw.text(
                (text_x, text_y), format_number(value), font=small, fill="#000000", anchor="ls"
            )
    draw.line(
        [label_width * s, (top - 4) * s, label_width * s, (height - 8) * s], fill="#111827", width=s
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _font(size: int, *, bold: bool = False):
    from django.conf import settings
    from PIL import ImageFont

    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(settings.BASE_DIR / "static" / "fonts" / name), size)
