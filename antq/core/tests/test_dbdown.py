"""A database that cannot be reached answers 503 with a Vietnamese message, never 500."""

from unittest import mock

import pytest
from django.apps import apps
from django.db import InterfaceError, OperationalError

from antq.core.roles import Role

URL = "/api/v1/reports"
MESSAGE = "Cơ sở dữ liệu tạm thời không truy cập được"


def submission(unit="16417"):
    return {
        "form": "movement-monthly",
        "unit": unit,
        "period": "2025-08",
        "values": {"propaganda_sessions": 4, "tips_received": 12},
        "submit": False,
    }


def down(error=OperationalError):
    """The token look-up, the first query of every API request, finds the server gone."""
    return mock.patch(
        "antq.api.api_token_authenticate",
        side_effect=error("connection to server at 127.0.0.1 failed: Connection refused"),
    )


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_the_api_answers_503_with_retry_after_while_the_database_is_down(
    client, persona, bearer, error
):
    headers = bearer(persona(Role.COMMUNE_OFFICER, "16417"))
    with down(error):
        answer = client.post(URL, submission(), content_type="application/json", headers=headers)
    assert answer.status_code == 503
    assert int(answer.headers["Retry-After"]) > 0
    assert MESSAGE in answer.json()["detail"]


def test_a_page_answers_503_with_a_vietnamese_page_while_the_database_is_down(client, persona):
    client.force_login(persona(Role.COMMUNE_OFFICER, "16417"))
    with mock.patch("django.contrib.auth.get_user", side_effect=OperationalError("server closed")):
        page = client.get("/")
    assert page.status_code == 503
    assert page.headers["Retry-After"]
    assert MESSAGE in page.content.decode()


def test_the_site_answers_again_once_the_database_is_back(client, persona, bearer):
    headers = bearer(persona(Role.COMMUNE_OFFICER, "16417"))
    with down():
        assert client.get(f"{URL}/forms", headers=headers).status_code == 503
    assert client.get(f"{URL}/forms", headers=headers).status_code == 200


def test_a_submission_cut_off_before_its_commit_stores_nothing_and_its_retry_stores_once(
    client, persona, bearer
):
    """The report and its idempotency record are one transaction: a connection lost while
    writing the record leaves neither, and the retry with the same key stores one."""
    report, claim = apps.get_model("reports", "Report"), apps.get_model("reports", "IdempotencyKey")
    headers = {**bearer(persona(Role.COMMUNE_OFFICER, "16417")), "Idempotency-Key": "cut-1"}
    with mock.patch.object(
        claim.objects, "create", side_effect=OperationalError("terminating connection")
    ):
        cut = client.post(URL, submission(), content_type="application/json", headers=headers)
    assert cut.status_code == 503
    assert not report.objects.exists() and not claim.objects.exists()

    first = client.post(URL, submission(), content_type="application/json", headers=headers)
    again = client.post(URL, submission(), content_type="application/json", headers=headers)
    assert first.status_code == 201, first.json()
    assert (again.status_code, again.json()) == (201, first.json())
    assert report.objects.count() == 1 and claim.objects.count() == 1
