"""The awards API: kinds by code, eligibility with reasons and sources, the whole path."""

from datetime import date

import pytest
import time_machine

from antq.awards.models import AwardKind
from antq.core.roles import Role

pytestmark = pytest.mark.django_db


def test_kinds_listed_by_code_titles_and_awards_apart(client, persona, bearer):
    response = client.get("/api/v1/awards/kinds", headers=bearer(persona(Role.VIEWER)))
    assert response.status_code == 200
    kinds = {k["code"]: k for k in response.json()}
    assert kinds["chien-si-thi-dua-co-so"]["category"] == "title"
    assert kinds["chien-si-thi-dua-co-so"]["cash_multiple"] == 1.0
    assert kinds["bang-khen-tinh-tap-the"]["category"] == "award"
    assert kinds["bang-khen-tinh-tap-the"]["cash_provisional"] is True
    assert kinds["chien-si-thi-dua-co-so"]["awarded_by_provisional"] is True


@time_machine.travel(date(2026, 12, 5))
def test_eligibility_answers_eligible_and_reasons_with_sources(
    client, tree, persona, bearer, evaluate
):
    evaluate(tree.commune, 2025)
    evaluate(tree.commune, 2026)
    headers = bearer(persona(Role.COMMUNE_OFFICER))
    query = {"unit": "16417", "award": "bang-khen-tinh-tap-the", "year": 2026}
    body = client.get("/api/v1/awards/eligibility", query, headers=headers).json()
    assert body["eligible"] is True
    rules = {r["rule"] for r in body["reasons"] if r["met"]}
    assert {"recognised", "class", "pending"} <= rules
    assert all(r["source"] for r in body["reasons"])
    query["unit"] = "16522"  # the neighbouring commune is out of the officer's scope
    assert client.get("/api/v1/awards/eligibility", query, headers=headers).status_code == 404
    query["unit"], query["award"] = "16417", "khong-co"
    assert client.get("/api/v1/awards/eligibility", query, headers=headers).status_code == 404


@time_machine.travel(date(2026, 12, 5))
def test_the_path_through_the_api(client, tree, persona, bearer, evaluate):
    evaluate(tree.commune, 2025)
    evaluate(tree.commune, 2026)
    officer = bearer(persona(Role.COMMUNE_OFFICER))
    created = client.post(
        "/api/v1/awards/nominations",
        {
            "unit": "16417",
            "award": "bang-khen-tinh-tap-the",
            "year": 2026,
            "achievements": "Xuất sắc",
        },
        content_type="application/json",
        headers=officer,
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    submitted = client.post(f"/api/v1/awards/nominations/{pk}/submit", headers=officer)
    assert submitted.json()["status"] == "submitted"
    checklist = dict.fromkeys(AwardKind.objects.get(code="bang-khen-tinh-tap-the").checklist, True)
    board = bearer(persona(Role.APPRAISER))
    forbidden = client.post(
        f"/api/v1/awards/nominations/{pk}/appraise",
        {"outcome": "accept", "checklist": checklist, "votes_for": 5},
        content_type="application/json",
        headers=officer,
    )
    assert forbidden.status_code == 403
    accepted = client.post(
        f"/api/v1/awards/nominations/{pk}/appraise",
        {"outcome": "accept", "checklist": checklist, "votes_for": 5, "votes_against": 1},
        content_type="application/json",
        headers=board,
    )
    assert accepted.json()["status"] == "accepted", accepted.content
    decision = {
        "award": "bang-khen-tinh-tap-the",
        "year": 2026,
        "number": "88/QĐ-UBND",
        "decided_on": "2026-12-20",
        "signer": "Đỗ Minh Tuấn",
        "signer_title": "Chủ tịch",
        "issuing_body": "UBND tỉnh Thanh Hóa",
        "nominations": [pk],
        "amounts": {str(pk): 3_000_000},
    }
    refused = client.post(
        "/api/v1/awards/decisions", decision, content_type="application/json", headers=officer
    )
    assert refused.status_code == 403
    made = client.post(
        "/api/v1/awards/decisions",
        decision,
        content_type="application/json",
        headers=bearer(persona(Role.PROVINCE_STAFF)),
    )
    assert made.status_code == 201, made.content
    assert made.json()["total"] == 3_000_000
    history = client.get("/api/v1/awards/history", {"year": 2026}, headers=officer).json()
    assert [a["decision_number"] for a in history] == ["88/QĐ-UBND"]
    stats = client.get(
        "/api/v1/awards/statistics",
        {"unit": "38", "year": 2026},
        headers=bearer(persona(Role.LEADER)),
    ).json()
    assert stats["collectives"] == 1 and stats["grassroots_share"] == 100.0


def test_invalid_nomination_answers_in_vietnamese(client, tree, persona, bearer):
    response = client.post(
        "/api/v1/awards/nominations",
        {"unit": "16417", "award": "bang-khen-tinh-ca-nhan", "year": 2026, "achievements": "x"},
        content_type="application/json",
        headers=bearer(persona(Role.COMMUNE_OFFICER)),
    )
    assert response.status_code == 400
    assert "họ tên" in response.json()["errors"]["person_name"].lower()


def test_api_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/awards/kinds",
        "/api/v1/awards/eligibility",
        "/api/v1/awards/nominations",
        "/api/v1/awards/nominations/{pk}/submit",
        "/api/v1/awards/nominations/{pk}/appraise",
        "/api/v1/awards/decisions",
        "/api/v1/awards/history",
        "/api/v1/awards/statistics",
    ):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/v1/awards/eligibility"]["get"]["parameters"]}
    assert {"unit", "award", "year"} <= params


def test_configuration_through_the_api(client, tree, persona, bearer):
    staff = bearer(persona(Role.PROVINCE_STAFF))
    quota = {"unit": "16417", "award": "bang-khen-tinh-tap-the", "year": 2026, "allowed": 2}
    put = client.put("/api/v1/awards/quotas", quota, content_type="application/json", headers=staff)
    assert put.status_code == 200 and put.json()["used"] == 0
    officer = bearer(persona(Role.COMMUNE_OFFICER))
    refused = client.put(
        "/api/v1/awards/quotas", quota, content_type="application/json", headers=officer
    )
    assert refused.status_code == 403
    listed = client.get("/api/v1/awards/quotas", {"year": 2026}, headers=officer).json()
    assert listed == [{**quota, "used": 0}]
    salary = {"amount": 2_000_000, "valid_from": "2026-01-01", "legal_basis": "thử nghiệm"}
    assert (
        client.put(
            "/api/v1/awards/basic-salary", salary, content_type="application/json", headers=staff
        ).json()["provisional"]
        is True
    )
    weights = {
        "province": "38",
        "recognised": 50,
        "classes": {"excellent": 50, "good": 30},
        "decision": "QĐ 1/QĐ-UBND",
    }
    saved = client.put(
        "/api/v1/awards/weights", weights, content_type="application/json", headers=staff
    )
    assert saved.status_code == 200 and saved.json()["provisional"] is False
    weights["classes"] = {"xuat-sac": 1}
    bad = client.put(
        "/api/v1/awards/weights", weights, content_type="application/json", headers=staff
    )
    assert bad.status_code == 400 and "tỉnh" in bad.json()["detail"]
