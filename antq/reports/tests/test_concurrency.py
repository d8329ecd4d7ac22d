"""Row locks and unique indexes under real concurrency: PostgreSQL only."""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.test import Client

from antq.reports.models import Report, ReportValue

from .conftest import FIGURES

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_simultaneous_retries_with_one_key_store_one_report_and_answer_alike(
    transactional_db, tree, officer, bearer, clock
):
    clock.set(date(2026, 10, 2))
    headers = {**bearer(officer("16417")), "Idempotency-Key": "same-key"}
    body = {
        "form": "movement-monthly",
        "unit": "16417",
        "period": "2026-09",
        "values": FIGURES,
        "submit": True,
    }
    start = threading.Barrier(2)
    answers = []

    def post():
        try:
            start.wait()
            answer = Client().post(
                "/api/v1/reports", body, content_type="application/json", headers=headers
            )
            answers.append((answer.status_code, answer.json()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a[0] for a in answers] == [201, 201], answers
    assert answers[0][1] == answers[1][1]
    assert Report.objects.count() == 1 and ReportValue.objects.count() == len(FIGURES)
