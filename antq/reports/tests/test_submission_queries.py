"""One submission through the API in a bounded number of queries, with and without a key."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from antq.reports.models import Report, ReportValue

from .conftest import FIGURES

URL = "/api/v1/reports"
MAX_QUERIES = 8
# transaction control: SQLite's driver logs it, PostgreSQL's sends it without a statement
CONTROL = re.compile(r"^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b")


def _body(unit="16417"):
    return {
        "form": "movement-monthly",
        "unit": unit,
        "period": "2026-09",
        "values": FIGURES,
        "submit": True,
    }


@pytest.mark.parametrize("key", ["", "deadline-day-1"])
def test_a_submission_runs_at_most_eight_queries_and_stores_everything(
    transactional_db, client, officer, bearer, clock, key
):
    """Counted as a server runs it: outside a test transaction, after another commune's
    submission has put the form in the cache and the account's token was used in the minute."""
    clock.set(date(2026, 10, 2))
    warm = client.post(
        URL, _body("16522"), content_type="application/json", headers=bearer(officer("16522"))
    )
    assert warm.status_code == 201
    account = officer("16417")
    headers = bearer(account)
    if key:
        headers["Idempotency-Key"] = key
    client.get("/api/v1/reports/forms", headers=headers)  # the token's use is noted once a minute
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(URL, _body(), content_type="application/json", headers=headers)
    assert answer.status_code == 201, answer.json()
    statements = [q["sql"] for q in queries if not CONTROL.match(q["sql"])]
    assert len(statements) <= MAX_QUERIES, "\n".join(q[:160] for q in statements)
    report = Report.objects.get(unit__code="16417")
    assert report.status == "submitted"
    assert report.submitted_by == account
    assert ReportValue.objects.filter(report=report).count() == len(FIGURES)
    assert ReportValue.history.filter(report_id=report.pk).count() == len(FIGURES)
    assert report.history.count() == 1  # created already submitted
    assert answer.json()["values"]["tips_received"] == 12
    if key:  # a retry gets the same answer and stores nothing more
        again = client.post(URL, _body(), content_type="application/json", headers=headers)
        assert (again.status_code, again.json()) == (201, answer.json())
        assert ReportValue.history.filter(report_id=report.pk).count() == len(FIGURES)


def test_a_refused_submission_stores_neither_the_report_nor_the_key(client, officer, bearer, clock):
    clock.set(date(2026, 10, 2))
    headers = {**bearer(officer("16417")), "Idempotency-Key": "refused-1"}
    body = {**_body(), "values": {**FIGURES, "tips_valuable": 99}}  # more valuable than received
    answer = client.post(URL, body, content_type="application/json", headers=headers)
    assert answer.status_code == 400
    assert not Report.objects.exists()
    fixed = client.post(URL, _body(), content_type="application/json", headers=headers)
    assert fixed.status_code == 201, fixed.json()
