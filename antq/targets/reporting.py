"""What the dashboard shows of the periodic reports: completeness and indicator trends."""

from datetime import date

from antq.core.errors import NotFound
from antq.reports import periods, rollups
from antq.reports import selectors as report_selectors
from antq.units.models import Unit

MONTHLY_FORM = "movement-monthly"
TREND_INDICATORS = ("propaganda_sessions", "tips_received", "wanted_surrendered")
TREND_MONTHS = 12


def reports_panel(unit: Unit | None, *, year: int, today: date) -> dict | None:
    """Completeness of the last closed month and 12-month trends of key indicators."""
    try:
        form = report_selectors.form_get(code=MONTHLY_FORM)
    except NotFound:
        return None
    last = periods.period_containing(min(today, date(year, 12, 31)), form.period_type)
    if last.end >= today:
        last = last.previous()
    months = [last]
    while len(months) < TREND_MONTHS:
        months.insert(0, months[0].previous())
    trends = {code: [] for code in TREND_INDICATORS}
    names = {}
    for month in months:
        for row in rollups.rollup_totals(form, month, month, unit):
            code = row["indicator"].code
            if code in trends:
                names[code] = row["indicator"].name
                label = f"{month.key[5:]}/{month.key[:4]}"
                trends[code].append((label, float(row["value"] or 0)))
    return {
        "form": form,
        "period": last,
        "completeness": rollups.completeness(form, last, unit),
        "trends": [(names.get(code, code), trends[code]) for code in TREND_INDICATORS],
    }
