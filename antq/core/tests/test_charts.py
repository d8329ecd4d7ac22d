"""The server-drawn charts: round y-axis values, month labels that do not crowd, text that stays
inside the drawing."""

import itertools
import re

from django.utils import translation

from antq.core.charts import axis_ticks, bar_chart, step_chart, text_width, thinned

MONTHS = [f"{m:02}/2026" for m in range(1, 13)]


def _texts(svg: str, css_class: str) -> list[tuple[float, str]]:
    pattern = rf'<text x="([\d.]+)"[^>]*class="{css_class}">([^<]*)</text>'
    return [(float(x), text) for x, text in re.findall(pattern, svg)]


def test_axis_ticks_are_round_and_reach_the_top():
    assert axis_ticks(0) == [0, 1]
    assert axis_ticks(7) == [0, 2, 4, 6, 8]
    assert axis_ticks(1118) == [0, 250, 500, 750, 1000, 1250]
    assert axis_ticks(100) == [0, 20, 40, 60, 80, 100]
    for top in (3, 29, 41, 999, 12345):
        ticks = axis_ticks(top)
        assert ticks[0] == 0 and ticks[-1] >= top and len(ticks) <= 6


def test_month_labels_are_thinned_keeping_the_latest_month():
    assert thinned(MONTHS, spacing=100) == MONTHS
    shown = thinned(MONTHS, spacing=29)
    assert shown[-1] == "12/2026" and 3 <= sum(1 for label in shown if label) <= 6
    kept = [i for i, label in enumerate(shown) if label]
    gaps = {b - a for a, b in itertools.pairwise(kept)}
    assert len(gaps) == 1  # evenly spaced


def test_a_step_chart_has_y_values_and_month_labels_inside_the_drawing():
    with translation.override("vi"):
        svg = step_chart([(m, 1000 + i * 30) for i, m in enumerate(MONTHS)], title="Số tin báo")
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    ticks = [text for _x, text in _texts(svg, "tick")]
    assert ticks[0] == "0" and "1.000" in ticks  # grouped as officials write figures
    months = _texts(svg, "month")
    assert months[-1][1] == "12/2026" and len(months) < len(MONTHS)
    for x, label in months:
        half = text_width(label) / 2
        assert x - half >= 0 and x + half <= width, label
    for (x1, a), (x2, _b) in itertools.pairwise(months):
        assert x2 - x1 >= text_width(a), "month labels overlap"
    assert svg.count("<circle") == 12  # every month is still drawn, with its value as a tooltip


def test_a_goal_line_counts_in_the_axis():
    svg = step_chart([("01/2026", 3), ("02/2026", 5)], title="Công nhận", ceiling=40)
    assert [text for _x, text in _texts(svg, "tick")][-1] == "40"
    assert 'stroke-dasharray="6 4"' in svg


def test_bar_labels_and_values_fit_the_drawing():
    long = "Đơn vị chưa được xếp loại trong năm vì chưa gửi hồ sơ"
    svg = bar_chart([("Khá", 12), (long, 1234)], title="Xếp loại")
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    assert "…" in svg and f"<title>{long}</title>" in svg  # shortened, the whole name on hover
    for x, value in _texts(svg, "value"):
        assert x + text_width(value, 13) <= width, value
