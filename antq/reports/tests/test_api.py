from datetime import date

import pytest

from antq.core.roles import Role
from antq.reports.models import IdempotencyKey, Report, ReportValue

from .conftest import FIGURES

URL = "/api/v1/reports"


def body(**extra):
    return {
        "form": "movement-monthly",
        "unit": "16417",
        "period": "2026-09",
        "values": FIGURES,
        "submit": True,
        **extra,
    }


def test_a_retried_submission_with_the_same_key_is_stored_once_with_the_same_answer(
    client, officer, bearer, clock
):
    clock.set(date(2026, 10, 2))
    headers = {**bearer(officer("16417")), "Idempotency-Key": "9d1c-retry-1"}
    first = client.post(URL, body(), content_type="application/json", headers=headers)
    assert first.status_code == 201, first.json()
    again = client.post(URL, body(), content_type="application/json", headers=headers)
    assert (again.status_code, again.json()) == (201, first.json())
    assert Report.objects.count() == 1
    assert ReportValue.objects.count() == len(FIGURES)
    assert Report.history.filter(status="submitted").count() == 1
    # without the key, the same retry is refused: the report awaits approval
    plain = client.post(
        URL, body(), content_type="application/json", headers=bearer(officer("16417"))
    )
    assert plain.status_code == 400
    reused = client.post(
        URL,
        body(values={**FIGURES, "guns_recovered": 2}),
        content_type="application/json",
        headers=headers,
    )
    assert reused.status_code == 409


@pytest.mark.parametrize(
    ("change", "status", "where"),
    [
        ({"values": {**FIGURES, "propaganda_sessions": -3}}, 400, "propaganda_sessions"),
        ({"values": {**FIGURES, "tips_received": "mười"}}, 400, "tips_received"),
        ({"period": "2026-Q3"}, 400, None),
        ({"period": "2026-9x"}, 400, None),
        ({"unit": "16522"}, 404, None),
        ({"unit": "00004"}, 404, None),
        ({"form": "no-such-form"}, 404, None),
    ],
)
def test_refusals_have_a_clear_message_and_write_nothing(
    client, officer, bearer, clock, change, status, where
):
    clock.set(date(2026, 10, 2))
    headers = {**bearer(officer("16417")), "Idempotency-Key": "k-1"}
    answer = client.post(URL, body(**change), content_type="application/json", headers=headers)
    assert answer.status_code == status, answer.json()
    assert answer.json()["detail"]
    if where:
        assert where in answer.json()["errors"]
    assert not Report.objects.exists() and not ReportValue.objects.exists()
    assert not IdempotencyKey.objects.exists()


def test_the_rollup_gives_the_provinces_totals_and_completeness(client, september, persona, bearer):
    answer = client.get(
        f"{URL}/rollup",
        {"form": "movement-monthly", "period": "2026-09", "unit": "38"},
        headers=bearer(persona(Role.PROVINCE_STAFF)),
    )
    assert answer.status_code == 200, answer.json()
    data = answer.json()
    assert data["completeness"] == {
        "expected": 3,
        "received": 2,
        "on_time": 1,
        "late": 1,
        "missing": 1,
        "rate": 66.7,
    }
    totals = {row["code"]: row["value"] for row in data["totals"]}
    assert totals["propaganda_sessions"] == 10
    assert totals["tips_received"] == 24
    assert totals["firecrackers_kg_recovered"] == 27.7
    assert data["counted_statuses"] == ["submitted", "approved"]


def test_a_commune_cannot_read_the_provinces_rollup(client, september, officer, bearer):
    answer = client.get(
        f"{URL}/rollup",
        {"form": "movement-monthly", "period": "2026-09", "unit": "38"},
        headers=bearer(officer("16417")),
    )
    assert answer.status_code == 404


def test_approve_and_return_through_the_api(client, september, persona, bearer):
    staff = bearer(persona(Role.PROVINCE_STAFF))
    report = Report.objects.get(unit__code="16522")
    refused = client.post(
        f"{URL}/{report.pk}/return", {"reason": " "}, content_type="application/json", headers=staff
    )
    assert refused.status_code == 400
    returned = client.post(
        f"{URL}/{report.pk}/return",
        {"reason": "Thiếu số liệu"},
        content_type="application/json",
        headers=staff,
    )
    assert returned.json()["status"] == "returned"
    other = Report.objects.get(unit__code="16417")
    assert client.post(f"{URL}/{other.pk}/approve", headers=staff).json()["status"] == "approved"


def test_an_administrator_without_a_unit_code_gets_the_whole_country(
    client, september, persona, bearer
):
    answer = client.get(
        f"{URL}/rollup",
        {"form": "movement-monthly", "period": "2026-09"},
        headers=bearer(persona(Role.ADMIN)),
    )
    data = answer.json()
    assert data["unit"] == "" and data["completeness"]["expected"] == 4
    assert data["completeness"]["received"] == 3
    assert {r["code"]: r["value"] for r in data["totals"]}["tips_received"] == 36


def test_the_api_document_lists_the_report_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/reports", "/api/v1/reports/rollup"} <= set(paths)


def test_province_staff_define_an_indicator_and_a_quarterly_form_that_communes_then_use(
    client, persona, officer, bearer, clock
):
    staff = bearer(persona(Role.PROVINCE_STAFF))
    made = client.post(
        f"{URL}/indicators",
        {
            "code": "team_members",
            "name": "Số thành viên Tổ bảo vệ ANTT",
            "unit_of_measure": "người",
        },
        content_type="application/json",
        headers=staff,
    )
    assert made.status_code == 201, made.json()
    form = client.post(
        f"{URL}/forms",
        {
            "code": "teams-quarterly",
            "name": "Báo cáo quý về Tổ bảo vệ ANTT",
            "period_type": "quarter",
            "unit_kinds": ["commune"],
            "indicators": ["team_members", "self_management_teams"],
            "cross_rules": [
                {"left": "self_management_teams", "operator": "<=", "right": "team_members"}
            ],
            "deadline_days": 10,
        },
        content_type="application/json",
        headers=staff,
    )
    assert form.status_code == 201, form.json()
    assert [i["code"] for i in form.json()["indicators"]] == [
        "team_members",
        "self_management_teams",
    ]
    refused = client.post(
        f"{URL}/forms",
        {
            "code": "x",
            "name": "X",
            "period_type": "week",
            "unit_kinds": ["commune"],
            "indicators": ["nope"],
        },
        content_type="application/json",
        headers=staff,
    )
    assert refused.status_code == 400
    assert {"period_type", "indicators"} <= set(refused.json()["errors"])
    forbidden = client.post(
        f"{URL}/indicators",
        {"code": "y", "name": "Y"},
        content_type="application/json",
        headers=bearer(officer("16417")),
    )
    assert forbidden.status_code == 403

    clock.set(date(2026, 10, 2))
    entry = {
        "form": "teams-quarterly",
        "unit": "16417",
        "values": {"team_members": 3, "self_management_teams": 5},
        "submit": True,
    }
    officer_headers = bearer(officer("16417"))
    wrong = client.post(
        URL,
        {**entry, "period": "2026-09"},
        content_type="application/json",
        headers=officer_headers,
    )
    assert wrong.status_code == 400  # a month for a quarterly form
    rule = client.post(
        URL,
        {**entry, "period": "2026-Q3"},
        content_type="application/json",
        headers=officer_headers,
    )
    assert rule.status_code == 400 and "self_management_teams" in rule.json()["errors"]

    patched = client.patch(
        f"{URL}/forms/teams-quarterly",
        {"deadline_days": 15, "reason": "Theo kế hoạch mới"},
        content_type="application/json",
        headers=staff,
    )
    assert patched.json()["deadline_days"] == 15
