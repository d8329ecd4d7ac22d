"""Report submissions in process: queries and time of one `POST /api/v1/reports`.

Loads the real provinces and communes, then posts one new submitted month for each of
BENCH_REPORTS_POSTS communes (300) through Django's test client, half with an
`Idempotency-Key`, and reports the queries of one request (transaction control left out, as
PostgreSQL sends it without a statement) and the median time of a request. The multi-client
throughput against a bare endpoint is measured by `bench.national`.

    python -m bench --only reports
"""

import io
import json
import os
import re
import statistics
import time

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from antq.accounts.services import account_create, api_token_issue
from antq.core.roles import Role
from antq.reports.models import Report, ReportForm
from antq.units.models import Unit

PERIOD = "2025-08"
CONTROL = re.compile(r"^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b")


def run(*, rows: int) -> list[tuple[str, str]]:
    """`rows` unused: the number of posts is BENCH_REPORTS_POSTS."""
    wanted = int(os.environ.get("BENCH_REPORTS_POSTS", "300"))
    call_command("load_admin_units", all=True, stdout=io.StringIO())
    form = ReportForm.objects.get(code="movement-monthly")
    values = {i.code: 3 for i in form.ordered_indicators() if i.is_numeric}
    province = Unit.objects.get(code="38")
    staff = account_create(
        actor=None,
        username="bench-reports-staff",
        unit=province,
        roles=[Role.PROVINCE_STAFF],
        password="bench-password",
        check_password_strength=False,
    )
    token = api_token_issue(account=staff)
    communes = list(
        Unit.objects.filter(kind="commune", path__startswith=province.path).order_by("code")[
            : wanted + 1
        ]
    )
    client = Client(HTTP_HOST="localhost")  # an allowed host with DEBUG off
    results, counts = [], {"": [], "key": []}
    for index, commune in enumerate(communes):
        body = json.dumps(
            {
                "form": form.code,
                "unit": commune.code,
                "period": PERIOD,
                "values": values,
                "submit": True,
            }
        )
        headers = {"Authorization": f"Bearer {token}"}
        kind = "key" if index % 2 else ""
        if kind:
            headers["Idempotency-Key"] = f"bench-{commune.code}"
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(
                "/api/v1/reports", body, content_type="application/json", headers=headers
            )
        seconds = time.perf_counter() - start
        assert answer.status_code == 201, answer.content
        if index == 0:
            continue  # the first fills the form cache
        results.append(seconds)
        counts[kind].append(sum(1 for q in queries if not CONTROL.match(q["sql"])))
    stored = Report.objects.filter(period_key=PERIOD, status="submitted").count()
    print(f"reports: {stored} submissions stored")
    return [
        ("submissions posted", f"{len(results) + 1:,}"),
        ("queries per submission, no key", f"{max(counts['']) if counts[''] else 0}"),
        (
            "queries per submission, Idempotency-Key",
            f"{max(counts['key']) if counts['key'] else 0}",
        ),
        ("median time per submission", f"{statistics.median(results) * 1000:.1f} ms"),
    ]
