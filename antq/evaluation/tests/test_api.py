"""The evaluation API: the same cycle as the pages, scoped the same way."""

import pytest

from antq.core.roles import Role

from .support import YEAR, all_yes

BASE = "/api/v1/evaluation"


@pytest.fixture
def call(client, bearer):
    def send(account, method, path, body=None):
        return getattr(client, method)(
            f"{BASE}{path}",
            body,
            content_type="application/json",
            headers=bearer(account),
        )

    return send


def test_the_cycle_through_the_api(tree, persona, call):
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    assert call(officer, "post", "/provinces/38/years", {"year": YEAR}).status_code == 403
    opened = call(staff, "post", "/provinces/38/years", {"year": YEAR})
    assert opened.status_code == 201 and opened.json()["policy_provisional"] is True
    area = f"/provinces/38/years/{YEAR}/units/16417-KDC01"
    registration = {
        "registered_on": f"{YEAR}-02-01",
        "households_resident": 100,
        "households_registered": 99,
    }
    assert call(officer, "put", f"{area}/registration", registration).status_code == 200
    saved = call(officer, "put", f"{area}/assessment", {"answers": all_yes("residential_area")})
    body = saved.json()
    assert body["figures"]["households_registered"]["system"] is True
    failed = [c for c in body["criteria"] if not c["met"]]
    assert [c["id"] for c in failed] == ["4.1"] and "99" in failed[0]["reason"]

    assert call(officer, "post", f"{area}/assessment/submit").json()["status"] == "submitted"
    refused = call(officer, "post", f"{area}/assessment/return", {"reason": ""})
    assert refused.status_code == 400 and refused.json()["detail"]
    returned = call(officer, "post", f"{area}/assessment/return", {"reason": "Thiếu hồ sơ"})
    assert returned.json()["return_reason"] == "Thiếu hồ sơ"

    missing = call(
        officer, "get", f"/provinces/38/years/{YEAR}/registrations?registered=false"
    ).json()
    assert "16417-KDC01" not in {row["code"] for row in missing}
    assert "16417-KDC02" in {row["code"] for row in missing}

    other = f"/provinces/38/years/{YEAR}/units/16522-KDC01/assessment"
    assert call(officer, "get", other).status_code == 404
    viewer = persona(Role.VIEWER)
    assert call(viewer, "put", f"{area}/assessment", {"answers": {}}).status_code == 403


def test_batch_recognition_revocation_and_classification(tree, persona, call):
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    call(staff, "post", "/provinces/38/years", {"year": YEAR})
    figures = {"households_resident": 10, "households_registered": 10}
    for code in ("16417-KDC01", "16417-KDC02"):
        path = f"/provinces/38/years/{YEAR}/units/{code}/assessment"
        body = {"answers": all_yes("residential_area"), "figures": figures}
        call(officer, "put", path, body)
        call(officer, "post", f"{path}/submit")
        assert call(officer, "post", f"{path}/verify", {}).json()["status"] == "verified"
    decision = {
        "units": ["16417-KDC01", "16417-KDC02"],
        "decision_number": "3/QĐ-UBND",
        "decision_date": f"{YEAR}-11-10",
        "signer": "Lê Thị Hoa",
        "issuing_body": "Ủy ban nhân dân phường Đông Quang",
    }
    granted = call(officer, "post", f"/provinces/38/years/{YEAR}/recognitions", decision)
    assert granted.status_code == 201 and len(granted.json()) == 2
    again = call(officer, "post", f"/provinces/38/years/{YEAR}/recognitions", decision)
    assert again.status_code == 400

    area = f"/provinces/38/years/{YEAR}/units/16417-KDC02"
    assert call(officer, "post", f"{area}/revocation", {"reason": ""}).status_code == 400
    revoked = call(officer, "post", f"{area}/revocation", {"reason": "Vi phạm 4.3"}).json()
    assert revoked["revoked_on"] and revoked["revocation_reason"] == "Vi phạm 4.3"

    area = f"/provinces/38/years/{YEAR}/units/16417-KDC01"
    sheet = call(officer, "get", f"{area}/classification")
    assert sheet.status_code == 404
    from antq.rules import sheet_for

    scores = {i.id: float(i.max_points) for i in sheet_for("residential_area").items}
    made = call(officer, "put", f"{area}/classification", {"scores": scores, "submit": True})
    assert made.json()["status"] == "submitted" and made.json()["total"] == 100
    first = next(iter(scores))
    no_reason = {"changes": {first: {"points": 0}}}
    assert call(officer, "post", f"{area}/classification/review", no_reason).status_code == 400
    review = {"changes": {first: {"points": 0, "reason": "Chưa đạt"}}}
    final = call(officer, "post", f"{area}/classification/review", review).json()
    assert final["status"] == "final" and final["provisional"] is True
    assert final["class"] in {"excellent", "good"} and final["changes"][0]["reason"] == "Chưa đạt"
