"""National scale: dashboard rollups vs hand SQL, dashboard queries, concurrent submissions.

    python -m bench --only national                        # 250,000 units, 5 years
    BENCH_NATIONAL_SCALE=0.1 python -m bench --only national   # a quick run

Builds the real 34 provinces and 3,321 communes, then (× BENCH_NATIONAL_SCALE) 100,000
residential areas and 150,000 establishments with five years (2022–2026) of recognitions
and final classifications, and the communes' monthly reports (58 months × scale). First
10% of the generated data is inserted and the national dashboard's queries are counted;
then the rest, and it measures:

- the national dashboard's rollups (`antq.targets.metrics`) against hand-written SQL giving
  the same counts (checked equal), best of 3 runs each;
- the dashboard page `/targets/?unit=*&year=2026` as an administrator: queries and time,
  at 10% and at 100% of the data; and the province page `/targets/?unit=38&year=2026` as
  a leader of Thanh Hóa with four targets, as `antq/targets/tests/test_pages.py` counts it;
- report submissions per second (`POST /api/v1/reports`, each a new report of a distinct
  commune) from 100 concurrent clients against a bare Django endpoint (`bench/_bare.py`),
  both served by gunicorn (2 workers × 8 threads) on 127.0.0.1, BENCH_NATIONAL_REQUESTS
  requests each (2,000), 60 s at most each.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from django.db import connection, connections
from django.db.models import Count, Q, Value
from django.db.models.functions import StrIndex, Substr
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from antq.accounts.services import account_create, api_token_issue
from antq.core.roles import Role
from antq.evaluation.models import Recognition
from antq.reports.models import ReportForm
from antq.targets import metrics
from antq.targets import services as target_services
from antq.units.models import Unit

from . import _national_data as data

YEAR = 2026
RUNS = 3
CLIENTS = 100
TIME_LIMIT = 60.0
POST_PERIOD = "2026-11"  # no generated report for this month: every post is a new report
ROOT = Path(__file__).resolve().parent.parent
SUBJECTS = ("commune", "residential_area", "establishment")
PROVINCE = "38"  # Thanh Hóa: the province page of antq/targets/tests/test_pages.py
# The targets of that test's province page: (metric, subject, value), each "greater than".
PROVINCE_TARGETS = (
    ("recognised_share", "residential_area", 90),
    ("good_or_better_share", "commune", 80),
    ("weak_count", "commune", 0),
    ("directives_acknowledged_share", "", 100),
)

HAND_MEASURE = """
SELECT {group} COUNT(*), COUNT(r.id)
FROM units_unitplacement p
JOIN units_unit u ON u.id = p.unit_id
LEFT JOIN (evaluation_recognition r
  JOIN evaluation_campaignyear y ON y.id = r.year_id AND y.year = %s)
 ON r.unit_id = p.unit_id AND r.outcome = 'recognised' AND r.revoked_on IS NULL
WHERE p.valid_from <= %s AND (p.valid_to IS NULL OR p.valid_to >= %s)
  AND u.kind IN ({kinds}) AND u.out_of_scope_reason = ''
{group_by}
"""
HAND_CLASSES = """
SELECT c.class_name, COUNT(*)
FROM evaluation_classification c
JOIN evaluation_campaignyear y ON y.id = c.year_id
JOIN units_unit u ON u.id = c.unit_id
JOIN units_unitplacement p ON p.unit_id = c.unit_id
 AND p.valid_from <= %s AND (p.valid_to IS NULL OR p.valid_to >= %s)
WHERE y.year = %s AND c.status = 'final' AND u.kind = 'commune' AND u.out_of_scope_reason = ''
GROUP BY c.class_name
"""


def best_of(function) -> float:
    """Return the fastest of RUNS calls, after one warm-up call."""
    function()
    times = []
    for _i in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def _hand_measure(subject: str, *, by_child: bool) -> list[tuple]:
    day = metrics.reference_day(YEAR, subject)
    kinds = ", ".join(f"'{k}'" for k in metrics.SUBJECT_KINDS[subject])
    find = "strpos" if connection.vendor == "postgresql" else "instr"
    child = f"substr(p.path, 1, {find}(p.path, '/') - 1)"
    sql = HAND_MEASURE.format(
        kinds=kinds,
        group=f"{child} AS child," if by_child else "",
        group_by="GROUP BY child" if by_child else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [YEAR, day, day])
        return cursor.fetchall()


def _hand_classes() -> dict[str, int]:
    day = metrics.reference_day(YEAR, "commune")
    with connection.cursor() as cursor:
        cursor.execute(HAND_CLASSES, [day, day, YEAR])
        return dict(cursor.fetchall())


def explain(label: str, function) -> None:
    """Print the plan of the slowest query `function` runs (EXPLAIN ANALYZE on PostgreSQL)."""
    with CaptureQueriesContext(connection) as queries:
        function()
    slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    with connection.cursor() as cursor:
        cursor.execute(prefix + slowest["sql"].replace("%", "%%"))
        plan = "\n".join("  " + " ".join(str(c) for c in row) for row in cursor.fetchall())
    print(f"--- {label} ({len(queries.captured_queries)} queries)\n{slowest['sql']}\n{plan}")


def _recognised_in(subject: str, *, by_child: bool):
    """The suggested fix: the hit as an uncorrelated IN (subquery), not a correlated EXISTS.

    Same population queryset as metrics.measure / measure_by_child; only the hit condition
    differs. PostgreSQL runs an uncorrelated IN once (a hashed SubPlan) where it runs the
    EXISTS inside COUNT(...) FILTER once per population row.
    """
    recognised = Recognition.objects.filter(
        year__year=YEAR, outcome="recognised", revoked_on__isnull=True
    ).values("unit_id")
    hit = Q(unit_id__in=recognised)
    rows = metrics.population(None, YEAR, subject)
    if not by_child:
        return rows.aggregate(total=Count("id"), hits=Count("id", filter=hit))
    return list(
        rows.annotate(child=Substr("path", 1, StrIndex("path", Value("/")) - 1))
        .values("child")
        .annotate(total=Count("id"), hits=Count("id", filter=hit))
    )


def measure_fix() -> list[tuple[str, str]]:
    """Time the suggested hit condition against the current one and the hand SQL."""
    results = []
    for subject in SUBJECTS:
        for by_child in (False, True):
            fixed = _recognised_in(subject, by_child=by_child)
            raw = _hand_measure(subject, by_child=by_child)
            if by_child:
                assert {r["child"]: (r["total"], r["hits"]) for r in fixed} == {
                    row[0]: (row[1], row[2]) for row in raw
                }
            else:
                assert (fixed["total"], fixed["hits"]) == tuple(raw[0])
            fix_time = best_of(lambda s=subject, b=by_child: _recognised_in(s, by_child=b))
            raw_time = best_of(lambda s=subject, b=by_child: _hand_measure(s, by_child=b))
            label = f"{'by province' if by_child else 'measure'} {subject}"
            if os.environ.get("BENCH_NATIONAL_EXPLAIN"):
                explain(
                    f"{label} IN-subquery",
                    lambda s=subject, b=by_child: _recognised_in(s, by_child=b),
                )
            results.append(
                (
                    f"{label}: IN-subquery fix / SQL",
                    f"{fix_time * 1000:.0f} / {raw_time * 1000:.0f} ms = "
                    f"{fix_time / raw_time:.2f}x",
                )
            )
    return results


def measure_rollups() -> list[tuple[str, str]]:
    """Each national rollup of the dashboard against hand SQL: equal counts, best of 3."""
    results = []
    cases = []
    for subject in SUBJECTS:
        cases.append(
            (
                f"measure {subject}",
                lambda s=subject: metrics.measure(None, YEAR, "recognised_share", s),
                lambda s=subject: _hand_measure(s, by_child=False),
                lambda orm, raw: (orm.total, orm.hits) == tuple(raw[0]),
            )
        )
        cases.append(
            (
                f"by province {subject}",
                lambda s=subject: metrics.measure_by_child(None, YEAR, "recognised_share", s),
                lambda s=subject: _hand_measure(s, by_child=True),
                lambda orm, raw: (
                    {r["unit"].code: (r["measure"].total, r["measure"].hits) for r in orm}
                    == {row[0]: (row[1], row[2]) for row in raw}
                ),
            )
        )
    cases.append(
        (
            "class distribution commune",
            lambda: metrics.class_distribution(None, YEAR, "commune"),
            _hand_classes,
            lambda orm, raw: {k: v for k, v in orm.items() if v} == raw,
        )
    )
    total_orm = total_raw = 0.0
    for label, orm_call, raw_call, same in cases:
        orm_result, raw_result = orm_call(), raw_call()
        assert same(orm_result, raw_result), (label, orm_result, raw_result)
        orm = best_of(orm_call)
        raw = best_of(raw_call)
        if os.environ.get("BENCH_NATIONAL_EXPLAIN"):
            explain(f"{label} ORM", orm_call)
            explain(f"{label} SQL", raw_call)
        total_orm += orm
        total_raw += raw
        print(f"national: {label}: ORM {orm * 1000:.0f} ms, SQL {raw * 1000:.0f} ms")
        results.append(
            (f"{label}: ORM / SQL", f"{orm * 1000:.0f} / {raw * 1000:.0f} ms = {orm / raw:.2f}x")
        )
    results.append(
        (
            "all rollups: ORM / SQL",
            f"{total_orm * 1000:.0f} / {total_raw * 1000:.0f} ms = {total_orm / total_raw:.2f}x",
        )
    )
    return results


def province_leader():
    """A leader of PROVINCE, with the four targets the query-count test gives its page."""
    province = Unit.objects.get(code=PROVINCE, kind="province")
    staff, leader = (
        account_create(
            actor=None,
            username=f"bench-{role}-{PROVINCE}",
            unit=province,
            roles=[role],
            password="bench-password",
            check_password_strength=False,
        )
        for role in (Role.PROVINCE_STAFF, Role.LEADER)
    )
    for metric, subject, value in PROVINCE_TARGETS:
        target_services.target_set(
            actor=staff,
            year=YEAR,
            unit=province,
            metric=metric,
            subject=subject,
            comparison="gt",
            value=Decimal(value),
            basis="KH 67/KH-BCĐ, 08/3/2024",
        )
    return leader


def measure_page(label: str, account, unit: str = "*") -> tuple[int, float]:
    """Queries and seconds of the dashboard page of `unit` for `account`."""
    client = Client(HTTP_HOST="localhost")
    client.force_login(account)
    query = {"unit": unit, "year": str(YEAR)}
    storage = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": storage,
        }
    ):
        client.get("/targets/", query)
        start = time.perf_counter()
        answer = client.get("/targets/", query)
        seconds = time.perf_counter() - start
        with CaptureQueriesContext(connection) as queries:
            client.get("/targets/", query)
    assert answer.status_code == 200, answer.status_code
    count = len(queries.captured_queries)
    slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
    print(
        f"national: {label}: dashboard {unit} {count} queries, {seconds * 1000:.0f} ms; slowest "
        f"query {float(slowest['time']) * 1000:.0f} ms: {slowest['sql'][:300]}"
    )
    return count, seconds


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(app: str, probe: str, headers: dict | None = None):
    """Run gunicorn on 127.0.0.1 with the bench's database; stop it at the end."""
    port = _free_port()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="antq.settings.base", DEBUG="0")
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        app,
        "-k",
        "gthread",
        "--threads",
        "8",
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(
                    urllib.request.Request(f"{base}{probe}", headers=headers or {}), timeout=5
                )
                break
            except urllib.error.HTTPError:
                break  # any answer means it is up
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"gunicorn {app} did not start") from None
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def drive(url: str, requests: list[tuple[bytes, dict]]) -> tuple[float, dict[int, int]]:
    """POST every body from CLIENTS threads; return (seconds, {status: count})."""
    stop_at = time.monotonic() + TIME_LIMIT

    def post(item):
        if time.monotonic() > stop_at:
            return None
        body, headers = item
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                answer.read()
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return -1

    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = list(pool.map(post, requests))
    seconds = time.perf_counter() - start
    counts: dict[int, int] = {}
    for status in statuses:
        if status is not None:
            counts[status] = counts.get(status, 0) + 1
    return seconds, counts


def measure_submissions(admin) -> list[tuple[str, str]]:
    """Reports posted by 100 clients against a bare endpoint, each on its own server."""
    wanted = int(os.environ.get("BENCH_NATIONAL_REQUESTS", "2000"))
    form = ReportForm.objects.get(code="movement-monthly")
    values = {i.code: 3 for i in form.ordered_indicators() if i.is_numeric}
    tokens = {}
    for province in Unit.objects.filter(kind="province"):
        staff = account_create(
            actor=None,
            username=f"bench-national-{province.code}",
            unit=province,
            roles=[Role.PROVINCE_STAFF],
            password="bench-password",
            check_password_strength=False,
        )
        tokens[province.code] = api_token_issue(account=staff)
    places = data.communes()
    places = places[: min(wanted, len(places))]
    posts = []
    for commune in places:
        body = {
            "form": form.code,
            "unit": commune.code,
            "period": POST_PERIOD,
            "values": values,
            "submit": True,
        }
        headers = {
            "Authorization": f"Bearer {tokens[commune.path.split('/', 1)[0]]}",
            "Content-Type": "application/json",
        }
        posts.append((json.dumps(body).encode(), headers))
    connections.close_all()  # the servers have their own connections
    with serve("bench._bare:application", "/ok") as base:
        drive(f"{base}/ok", posts[:50])  # warm up
        bare_seconds, bare = drive(f"{base}/ok", posts)
    with serve("antq.wsgi:application", "/api/v1/reports/forms", posts[0][1]) as base:
        for _i in range(20):  # warm up both workers (an authorised read)
            urllib.request.urlopen(
                urllib.request.Request(f"{base}/api/v1/reports/forms", headers=posts[0][1])
            ).read()
        report_seconds, reports = drive(f"{base}/api/v1/reports", posts)
    bare_rate = bare.get(200, 0) / bare_seconds
    report_rate = reports.get(201, 0) / report_seconds
    print(f"national: bare {bare} in {bare_seconds:.1f} s")
    print(f"national: reports {reports} in {report_seconds:.1f} s")
    return [
        ("bare endpoint, 100 clients", f"{bare_rate:,.0f} req/s ({_statuses(bare)})"),
        ("report submissions, 100 clients", f"{report_rate:,.0f} req/s ({_statuses(reports)})"),
        ("ratio bare / submissions", f"{bare_rate / report_rate:.1f}x" if report_rate else "n/a"),
    ]


def _statuses(counts: dict[int, int]) -> str:
    return ", ".join(f"{n:,} × {status}" for status, n in sorted(counts.items()))


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a live database has them


def run(*, rows: int) -> list[tuple[str, str]]:
    """Generate 10% of the national data, count the dashboard; then 100% and measure all."""
    scale = float(os.environ.get("BENCH_NATIONAL_SCALE", "1.0"))
    generated = round((data.AREAS + data.ESTABLISHMENTS) * scale)
    start = time.perf_counter()
    data.load_country()
    admin = account_create(
        actor=None,
        username="bench-national-admin",
        unit=None,
        roles=[Role.ADMIN],
        password="bench-password",
        check_password_strength=False,
    )
    campaigns = data.open_years(admin)
    leader = province_leader()
    generation = time.perf_counter() - start
    places = data.communes()
    months = data.report_months(scale)
    results = [("scale", f"{scale}")]
    totals = {"units": 0, "recognitions": 0, "classifications": 0, "reports": 0}
    slices = [("10%", lambda i: i % 10 == 0), ("100%", lambda i: i % 10 != 0)]
    province_pages: list[tuple[int, float]] = []
    for label, keep in slices:
        begin = time.perf_counter()
        units = data.insert_units(places, generated, keep)
        units += [(c.pk, c.kind, c.path) for i, c in enumerate(places) if keep(i)]
        recognitions, classifications = data.insert_evaluations(units, campaigns)
        reports = data.insert_reports([c.pk for i, c in enumerate(places) if keep(i)], months)
        _analyze()
        totals["units"] += len(units)
        totals["recognitions"] += recognitions
        totals["classifications"] += classifications
        totals["reports"] += reports
        seconds = time.perf_counter() - begin
        generation += seconds
        print(
            f"national: {label} slice generated in {seconds:.0f} s: {len(units):,} units, "
            f"{recognitions:,} recognitions, {classifications:,} classifications, "
            f"{reports:,} reports"
        )
        results.append((f"{label}: generated", _sizes(totals)))
        count, seconds = measure_page(label, admin)
        results.append((f"{label}: dashboard queries", str(count)))
        results.append((f"{label}: dashboard time", f"{seconds * 1000:.0f} ms"))
        count, seconds = measure_page(label, leader, PROVINCE)
        province_pages.append((count, seconds))
        results.append((f"{label}: province dashboard time", f"{seconds * 1000:.0f} ms"))
    counts = [str(count) for count, _seconds in province_pages]
    results.append(("province dashboard queries, 10% / 100%", " / ".join(counts)))
    results.insert(1, ("generation time", f"{generation:.0f} s (country, accounts, both slices)"))
    results += measure_rollups()
    results += measure_fix()
    results += measure_submissions(admin)
    return results


def _sizes(totals: dict[str, int]) -> str:
    return (
        f"{totals['units']:,} units, {totals['recognitions']:,} recognitions, "
        f"{totals['classifications']:,} classifications, {totals['reports']:,} reports"
    )
