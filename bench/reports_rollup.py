"""Live report rollups over national data, against hand-written SQL on the same database.

Loads the real provinces and communes (34 and 3,321), then monthly reports of every commune
for BENCH_REPORTS_MONTHS months (24 by default; 60 is the national five-year scale, about
200,000 reports and 3 million values), in two halves. After each half it times the
province and the national rollups (the ORM code the page and the API run) and the same
totals written by hand in SQL, and counts the queries of the rollup page.

    BENCH_REPORTS_MONTHS=60 python -m bench --only reports_rollup
"""

import io
import os
import statistics
import time
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from antq.accounts.services import account_create
from antq.core.roles import Role
from antq.reports import periods, rollups
from antq.reports.models import Report, ReportForm, ReportValue
from antq.units.models import Unit

PROVINCE = "38"  # Thanh Hóa
FORM = "movement-monthly"
FIRST_MONTH = "2025-07"  # the real communes exist from 1 July 2025
RUNS = 3

HAND_TOTALS = """
SELECT v.indicator_id, SUM(v.number), MAX(v.number), AVG(v.number), COUNT(*)
FROM reports_reportvalue v
JOIN reports_report r ON r.id = v.report_id
JOIN units_unit u ON u.id = r.unit_id
JOIN units_unitplacement p ON p.unit_id = r.unit_id
 AND p.valid_from <= r.period_end AND (p.valid_to IS NULL OR p.valid_to >= r.period_end)
WHERE r.form_id = %s AND r.status IN ('submitted', 'approved')
  AND r.period_start >= %s AND r.period_end <= %s
  AND u.kind = 'commune' AND p.path LIKE %s
GROUP BY v.indicator_id
"""
# Stock indicators ("latest"): each commune's value of its last reported month.
HAND_LATEST = """
SELECT v.indicator_id, SUM(v.number)
FROM reports_reportvalue v
JOIN reports_report r ON r.id = v.report_id
JOIN units_unit u ON u.id = r.unit_id
JOIN units_unitplacement p ON p.unit_id = r.unit_id
 AND p.valid_from <= r.period_end AND (p.valid_to IS NULL OR p.valid_to >= r.period_end)
WHERE r.form_id = %s AND r.status IN ('submitted', 'approved')
  AND r.period_start >= %s AND r.period_end <= %s
  AND u.kind = 'commune' AND p.path LIKE %s
  AND r.period_end = (
    SELECT MAX(r2.period_end) FROM reports_report r2
    WHERE r2.unit_id = r.unit_id AND r2.form_id = r.form_id
      AND r2.status IN ('submitted', 'approved')
      AND r2.period_start >= %s AND r2.period_end <= %s)
GROUP BY v.indicator_id
"""


def best_of(function) -> float:
    """Return the median seconds of RUNS calls (after one warm-up call)."""
    function()
    times = []
    for _i in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load_months(form: ReportForm, communes: list[int], months: list[periods.Period]) -> int:
    """Insert submitted reports with every indicator for each commune and month."""
    indicators = form.ordered_indicators()
    numeric = [i for i in indicators if i.is_numeric]
    created = 0
    for number, period in enumerate(months):
        moment = timezone.make_aware(
            datetime.combine(period.end + timedelta(days=2), datetime.min.time())
        )
        reports = Report.objects.bulk_create(
            [
                Report(
                    form=form,
                    unit_id=unit_id,
                    period_key=period.key,
                    period_start=period.start,
                    period_end=period.end,
                    status="submitted",
                    first_submitted_at=moment,
                    submitted_at=moment,
                )
                for unit_id in communes
            ],
            batch_size=2000,
        )
        values = [
            ReportValue(
                report_id=report.pk,
                indicator_id=indicator.pk,
                number=Decimal((report.unit_id * 7 + number * 3 + k) % 50),
            )
            for report in reports
            for k, indicator in enumerate(numeric)
        ]
        ReportValue.objects.bulk_create(values, batch_size=5000)
        created += len(reports)
    return created


def hand_sql(form, first, last, prefix):
    with connection.cursor() as cursor:
        cursor.execute(HAND_TOTALS, [form.pk, first.start, last.end, f"{prefix}%"])
        totals = cursor.fetchall()
        cursor.execute(
            HAND_LATEST, [form.pk, first.start, last.end, f"{prefix}%", first.start, last.end]
        )
        latest = cursor.fetchall()
    return totals, latest


def measure(label, form, first, last, province, admin) -> list[tuple[str, str]]:
    results = []
    prefix = rollups.target_prefix(province, last.end)
    for scope, unit, like in [("province", province, prefix), ("national", None, "")]:
        orm = best_of(lambda unit=unit: rollups.rollup_totals(form, first, last, unit))
        raw = best_of(lambda like=like: hand_sql(form, first, last, like))
        check = {
            r["indicator"].code: r["value"] for r in rollups.rollup_totals(form, first, last, unit)
        }
        totals, _latest = hand_sql(form, first, last, like)
        by_id = {row[0]: row[1] for row in totals}
        sessions = form.rows.get(indicator__code="propaganda_sessions").indicator_id
        assert check["propaganda_sessions"] == int(by_id[sessions]) > 0, "rollup differs"
        results += [
            (f"{label}: {scope} rollup (ORM)", f"{orm * 1000:.0f} ms"),
            (f"{label}: {scope} rollup (hand SQL)", f"{raw * 1000:.0f} ms"),
            (f"{label}: {scope} ratio ORM / SQL", f"{orm / raw:.2f}x"),
        ]
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    query = {"form": form.code, "period": first.key, "period_to": last.key, "unit": PROVINCE}
    storage = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": storage,
        }
    ):
        client.get("/reports/rollup/", query)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            answer = client.get("/reports/rollup/", query)
            seconds = time.perf_counter() - start
    assert answer.status_code == 200, answer.status_code
    results += [
        (f"{label}: rollup page queries", str(len(queries.captured_queries))),
        (f"{label}: rollup page time", f"{seconds * 1000:.0f} ms"),
    ]
    return results


def run(*, rows: int) -> list[tuple[str, str]]:
    """Load the country, then two halves of the months; measure after each (`rows` unused)."""
    months_wanted = int(os.environ.get("BENCH_REPORTS_MONTHS", "24"))
    call_command("load_admin_units", all=True, stdout=io.StringIO())
    form = ReportForm.objects.get(code=FORM)
    province = Unit.objects.get(code=PROVINCE)
    admin = account_create(
        actor=None,
        username="bench-reports-admin",
        unit=province,
        roles=[Role.ADMIN],
        password="bench-password",
        check_password_strength=False,
    )
    communes = list(Unit.objects.filter(kind="commune").values_list("pk", flat=True))
    first = periods.parse(FIRST_MONTH)
    months = [first]
    while len(months) < months_wanted:
        months.append(months[-1].next())
    half = max(1, months_wanted // 2)
    results = [("communes", f"{len(communes):,}"), ("months", str(months_wanted))]
    loaded = 0
    for label, batch in [("half", months[:half]), ("full", months[half:])]:
        if not batch:
            continue
        start = time.perf_counter()
        loaded += load_months(form, communes, batch)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as a live database has them
        print(f"reports_rollup: {loaded:,} reports loaded ({time.perf_counter() - start:.0f} s)")
        last = batch[-1]
        results.append((f"{label}: reports", f"{loaded:,} ({loaded * 15:,} values)"))
        results += measure(label, form, first, last, province, admin)
    return results
