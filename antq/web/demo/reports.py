"""The demo's monthly reports: every closed month since the communes exist, a few late or missing.

Reports are saved, submitted and approved through the reports services; the instants of
submission and approval are then set back to the days they would have happened on.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from antq.reports import periods as report_periods
from antq.reports import selectors as report_selectors
from antq.reports import services as report_services
from antq.reports.models import Report
from antq.units.models import Unit

from .evaluation import chance

MONTHLY_FORM = "movement-monthly"
# More outreach before Tết and around the festival day of 19 August; more tips in the dry season.
SEASON = {
    1: 1.3,
    2: 0.7,
    3: 1.0,
    4: 0.9,
    5: 1.0,
    6: 0.9,
    7: 1.0,
    8: 1.6,
    9: 1.1,
    10: 1.0,
    11: 1.1,
    12: 1.2,
}


def _values(commune: Unit, period) -> dict:
    def draw(salt: str, low: int, span: int) -> int:
        return low + int(chance(commune.code, f"{salt}-{period.key}") * span)

    season = SEASON[period.start.month]
    festive = period.start.month in (12, 1)  # firecrackers are seized before Tết
    sessions = max(1, round(draw("sessions", 2, 5) * season))
    tips = draw("tips", 1, 8)
    valuable = min(tips, draw("valuable", 0, 4))
    return {
        "propaganda_sessions": sessions,
        "propaganda_attendances": sessions * draw("attendance", 35, 60),
        "prestigious_people_contacted": draw("prestigious", 0, 7),
        "posts_published": draw("posts", 0, 5),
        "tips_received": tips,
        "tips_valuable": valuable,
        "cases_solved_from_tips": min(valuable, draw("solved", 0, 2)),
        "wanted_surrendered": 1 if chance(commune.code, f"wanted-{period.key}") < 0.12 else 0,
        "offenders_reeducated": draw("reeducated", 0, 4),
        "guns_recovered": 1 if chance(commune.code, f"guns-{period.key}") < 0.04 else 0,
        "explosives_kg_recovered": "0",
        "firecrackers_kg_recovered": str(draw("firecrackers", 0, 3) if festive else 0),
        "crude_weapons_recovered": draw("weapons", 0, 3),
        "self_management_teams": 3 + int(chance(commune.code, "teams") * 6),
        "models_active": 1 + int(chance(commune.code, "models") * 4),
    }


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def monthly_reports(staff, province: Unit, today: date) -> None:
    """Each commune's monthly report for every closed month since it exists."""
    form = report_selectors.form_get(code=MONTHLY_FORM)
    if Report.objects.filter(form=form, unit__parent=province).exists():
        return
    communes = list(Unit.objects.filter(parent=province, kind="commune").order_by("code"))
    if not communes:
        return
    last = report_periods.period_containing(today, form.period_type).previous()
    first = report_periods.period_containing(
        max(min(c.valid_from for c in communes), date(today.year - 1, 1, 1)), form.period_type
    )
    months = report_periods.periods_between(first, last)
    stamps = []
    for period in months:
        latest = period == last
        for commune in communes:
            roll = chance(commune.code, f"report-{period.key}")
            if roll < (0.08 if latest else 0.02):
                continue  # not reported
            if commune.valid_from > period.end:
                continue
            report = report_services.report_save(
                actor=staff,
                form=form,
                unit=commune,
                period_key=period.key,
                values=_values(commune, period),
                submit=True,
            )
            late = roll > 0.94
            sent = period.end + timedelta(
                days=form.on_time_days + 2 + int(roll * 9) if late else 1 + int(roll * 4)
            )
            approved = None
            if not (latest or (period == last.previous() and roll > 0.7)):
                report = report_services.report_approve(actor=staff, report=report)
                approved = _moment(min(today, sent + timedelta(days=3)), 15)
            stamps.append((report.pk, _moment(min(today, sent), 8 + int(roll * 9)), approved))
    rows = Report.objects.in_bulk([pk for pk, _sent, _approved in stamps])
    for pk, sent, approved in stamps:
        row = rows[pk]
        row.first_submitted_at = row.submitted_at = sent
        row.approved_at = approved
    Report.objects.bulk_update(
        rows.values(), ["first_submitted_at", "submitted_at", "approved_at"], batch_size=500
    )
