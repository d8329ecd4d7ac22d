"""Charts drawn on the server as SVG: no script, no network, printable.

The drawing is sized for a phone (a viewBox about as wide as a phone's column), so that on a
390 px screen the text is drawn at about its nominal size; on a desk the SVG scales up. Text
widths are estimated (the browser's font is not known here) with a generous average glyph
width, so labels never run past the drawing's edges; labels that would crowd are thinned.
"""

import math
from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_COLOURS = ("#8b1a1a", "#c0392b", "#e67e22", "#27ae60", "#2c7fb8")
FONT = 12
# An average glyph is at most this many ems wide (DejaVu Sans digits are 0.64 em).
GLYPH_EM = 0.64


def text_width(text: str, font: float = FONT) -> float:
    """The width a text needs at a font size, estimated on the wide side."""
    return len(text) * font * GLYPH_EM


def number(value: float) -> str:
    """A figure as officials write it: grouped thousands, no needless decimals."""
    if float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(round(value, 1), decimal_pos=1, force_grouping=True)


def axis_ticks(top: float, *, most: int = 5) -> list[float]:
    """Round values from 0 to at least `top`, at most `most` steps apart (1, 2, 2.5, 5 × 10ⁿ)."""
    top = max(top, 1)
    raw = top / most
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step < 1:
        step = 1
    count = math.ceil(top / step - 1e-9)
    return [step * i for i in range(count + 1)]


def thinned(labels: Sequence[str], *, spacing: float, font: float = FONT) -> list[str]:
    """Keep every k-th label (always the last, the latest) so that none overlaps the next."""
    if not labels:
        return []
    widest = max(text_width(label, font) for label in labels) + font / 2
    every = max(1, math.ceil(widest / spacing)) if spacing > 0 else len(labels)
    last = len(labels) - 1
    return [label if (last - i) % every == 0 else "" for i, label in enumerate(labels)]


def bar_chart(
    bars: Sequence[tuple[str, float]], *, title: str, unit: str = "", width: int = 400
) -> SafeString:
    """Horizontal bars, one per (label, value), with the value written at the bar's end."""
    row, pad, font = 28, 8, 13
    height = row * len(bars) + 2 * pad
    labels = [_fit(label, width * 0.45 - 10, font) for label, _value in bars]
    label_width = max((text_width(label, font) for label in labels), default=0) + 10
    values = [f"{number(value)}{unit}" for _label, value in bars]
    value_width = max((text_width(value, font) for value in values), default=0) + 8
    top = max((value for _label, value in bars), default=0) or 1
    scale = (width - label_width - value_width) / top
    parts = [_svg_open(width, height, title)]
    for index, ((label, value), shown, written) in enumerate(
        zip(bars, labels, values, strict=True)
    ):
        y = pad + index * row
        length = max(value * scale, 1 if value else 0)
        colour = BAR_COLOURS[index % len(BAR_COLOURS)]
        parts.append(
            f'<text x="{label_width - 6:.1f}" y="{y + 18}" text-anchor="end" font-size="{font}">'
            f"{'' if shown == label else f'<title>{escape(label)}</title>'}{escape(shown)}</text>"
            f'<rect x="{label_width:.1f}" y="{y + 4}" width="{length:.1f}" height="{row - 10}" '
            f'fill="{colour}"><title>{escape(label)}: {escape(written)}</title></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 18}" font-size="{font}" '
            f'class="value">{escape(written)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def step_chart(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    ceiling: float | None = None,
    width: int = 400,
    height: int = 220,
) -> SafeString:
    """A line over labelled steps (e.g. months) on a y-axis of round values, with an optional
    goal line."""
    pad_top, pad_bottom = 14, 26
    top = max([v for _l, v in points] + [ceiling or 0, 1])
    ticks = axis_ticks(top)
    top = ticks[-1]
    tick_labels = [number(t) for t in ticks]
    x_labels = [label for label, _v in points]
    half_label = max((text_width(label) for label in x_labels), default=0) / 2
    pad_left = max(max(text_width(t) for t in tick_labels) + 10, half_label + 2)
    pad_right = max(half_label + 2, 10)
    plot_width = width - pad_left - pad_right
    plot_height = height - pad_bottom - pad_top
    step = plot_width / max(len(points) - 1, 1)

    def y_of(value: float) -> float:
        return pad_top + plot_height * (1 - value / top)

    right = width - pad_right
    parts = [_svg_open(width, height, title)]
    for tick, written in zip(ticks, tick_labels, strict=True):
        parts.append(
            f'<line x1="{pad_left:.1f}" y1="{y_of(tick):.1f}" x2="{right:.1f}" '
            f'y2="{y_of(tick):.1f}" stroke="{"#999" if tick == 0 else "#e5e5e5"}"/>'
            f'<text x="{pad_left - 6:.1f}" y="{y_of(tick) + 4:.1f}" font-size="{FONT}" '
            f'text-anchor="end" class="tick">{escape(written)}</text>'
        )
    if ceiling is not None:
        parts.append(
            f'<line x1="{pad_left:.1f}" y1="{y_of(ceiling):.1f}" x2="{right:.1f}" '
            f'y2="{y_of(ceiling):.1f}" stroke="#27ae60" stroke-dasharray="6 4">'
            f"<title>{escape(number(ceiling))}</title></line>"
        )
    coords = [(pad_left + i * step, y_of(v)) for i, (_label, v) in enumerate(points)]
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#8b1a1a" stroke-width="2"/>')
    shown = thinned(x_labels, spacing=step if len(points) > 1 else plot_width)
    for (x, y), (label, value), written in zip(coords, points, shown, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#8b1a1a">'
            f"<title>{escape(label)}: {escape(number(value))}</title></circle>"
        )
        if written:
            parts.append(
                f'<text x="{x:.1f}" y="{height - 8}" font-size="{FONT}" text-anchor="middle" '
                f'class="month">{escape(written)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def _svg_open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'class="chart" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )


def _fit(label: str, room: float, font: float) -> str:
    """The label, shortened with an ellipsis if it needs more than `room`."""
    if text_width(label, font) <= room:
        return label
    keep = max(int(room / (font * GLYPH_EM)) - 1, 1)
    return label[:keep].rstrip() + "…"
