"""Charts drawn on the server as SVG: no script, no network, printable."""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_COLOURS = ("#8b1a1a", "#c0392b", "#e67e22", "#27ae60", "#2c7fb8")


def bar_chart(
    bars: Sequence[tuple[str, float]], *, title: str, unit: str = "", width: int = 520
) -> SafeString:
    """Horizontal bars, one per (label, value), with the value written at the bar's end."""
    row, label_width, pad = 28, 170, 8
    height = row * len(bars) + 2 * pad
    top = max((value for _label, value in bars), default=0) or 1
    scale = (width - label_width - 70) / top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'class="chart" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for index, (label, value) in enumerate(bars):
        y = pad + index * row
        length = max(value * scale, 1 if value else 0)
        colour = BAR_COLOURS[index % len(BAR_COLOURS)]
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 18}" text-anchor="end" font-size="13">'
            f"{escape(label)}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 10}" '
            f'fill="{colour}"><title>{escape(label)}: {value:g}{escape(unit)}</title></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 18}" font-size="13">'
            f"{value:g}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def step_chart(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    ceiling: float | None = None,
    width: int = 520,
    height: int = 200,
) -> SafeString:
    """A cumulative line over labelled steps (e.g. months), with an optional goal line."""
    pad_left, pad_bottom, pad_top = 40, 28, 12
    top = max([v for _l, v in points] + [ceiling or 0, 1])
    step = (width - pad_left - 10) / max(len(points) - 1, 1)
    plot_height = height - pad_bottom - pad_top

    def y_of(value: float) -> float:
        return pad_top + plot_height * (1 - value / top)

    coords = [(pad_left + i * step, y_of(v)) for i, (_label, v) in enumerate(points)]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'class="chart" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{pad_left}" y1="{y_of(0):.1f}" x2="{width - 10}" y2="{y_of(0):.1f}" '
        'stroke="#999"/>',
    ]
    if ceiling is not None:
        parts.append(
            f'<line x1="{pad_left}" y1="{y_of(ceiling):.1f}" x2="{width - 10}" '
            f'y2="{y_of(ceiling):.1f}" stroke="#27ae60" stroke-dasharray="6 4"/>'
            f'<text x="4" y="{y_of(ceiling) + 4:.1f}" font-size="12">{ceiling:g}</text>'
        )
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#8b1a1a" stroke-width="2"/>')
    for (x, y), (label, value) in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#8b1a1a">'
            f"<title>{escape(label)}: {value:g}</title></circle>"
            f'<text x="{x:.1f}" y="{height - 8}" font-size="11" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
