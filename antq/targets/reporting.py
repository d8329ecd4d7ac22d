"""What targets and the dashboard read of the periodic reports."""

from dataclasses import dataclass
from datetime import date

from antq.core.errors import NotFound
from antq.reports import periods, rollups
from antq.reports import selectors as report_selectors
from antq.reports.models import ReportForm
from antq.units.models import Unit

MONTHLY_FORM = "movement-monthly"
TREND_INDICATORS = ("propaganda_sessions", "tips_received", "wanted_surrendered")
TREND_MONTHS = 12


def form_or_none(code: str) -> ReportForm | None:
    try:
        return report_selectors.form_get(code=code)
    except NotFound:
        return None


def form_choices() -> list[tuple[str, str]]:
    """The active report forms as (code, name), for a target's form to be chosen by name."""
    return list(report_selectors.form_list().order_by("name").values_list("code", "name"))


def indicator_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The numeric indicators of each active form, grouped under the form's name."""
    forms = report_selectors.form_list().order_by("name").prefetch_related("rows__indicator")
    return [
        (
            form.name,
            [
                (row.indicator.code, row.indicator.name)
                for row in form.rows.all()
                if row.indicator.is_numeric
            ],
        )
        for form in forms
    ]


def last_closed(form: ReportForm, *, year: int, today: date) -> periods.Period | None:
    """The year's latest period that has ended by `today`."""
    last = periods.period_containing(min(today, date(year, 12, 31)), form.period_type)
    if last.end >= today:
        last = last.previous()
    return last if last.end.year == year else None


def year_periods(form: ReportForm, *, year: int, today: date) -> list[periods.Period]:
    last = last_closed(form, year=year, today=today)
    if last is None:
        return []
    first = periods.period_containing(date(year, 1, 1), form.period_type)
    return periods.periods_between(first, last)


@dataclass(frozen=True)
class OnTime:
    on_time: int
    expected: int
    last_period: periods.Period | None


def on_time_over_year(form: ReportForm, unit: Unit | None, *, year: int, today: date) -> OnTime:
    """Reports received on time against those expected, over the year's closed periods."""
    on_time = expected = 0
    spans = year_periods(form, year=year, today=today)
    for period in spans:
        figures = rollups.completeness(form, period, unit)
        on_time += figures.on_time
        expected += figures.expected
    return OnTime(on_time, expected, spans[-1] if spans else None)


def indicator_totals(form: ReportForm, unit: Unit | None, *, year: int, today: date) -> dict:
    """Each numeric indicator's total over the year's closed periods (None: nothing reported)."""
    spans = year_periods(form, year=year, today=today)
    if not spans:
        return {}
    return {
        row["indicator"].code: row["value"]
        for row in rollups.rollup_totals(form, spans[0], spans[-1], unit)
    }


def missing_last_period(form: ReportForm, unit: Unit | None, period) -> list:
    return list(rollups.missing_units(form, period, unit)[:10])


def reports_panel(unit: Unit | None, *, year: int, today: date) -> dict | None:
    """Completeness of the last closed month and 12-month trends of key indicators."""
    form = form_or_none(MONTHLY_FORM)
    if form is None:
        return None
    last = periods.period_containing(min(today, date(year, 12, 31)), form.period_type)
    if last.end >= today:
        last = last.previous()
    months = [last]
    while len(months) < TREND_MONTHS:
        months.insert(0, months[0].previous())
    indicators = [i for i in form.ordered_indicators() if i.code in TREND_INDICATORS]
    names = {i.code: i.name for i in indicators}
    totals = rollups.rollup_totals_by_period(form, months[0], last, unit, indicators)
    trends = {code: [] for code in TREND_INDICATORS}
    for month in months:
        label = f"{month.key[5:]}/{month.key[:4]}"
        for code in names:
            trends[code].append((label, float(totals.get(month.key, {}).get(code) or 0)))
    return {
        "form": form,
        "period": last,
        "completeness": rollups.completeness(form, last, unit),
        "trends": [(names.get(code, code), trends[code]) for code in TREND_INDICATORS],
    }
