from datetime import date

from antq.core.roles import Role
from antq.directives.models import Directive

from .conftest import ISSUED, at, docx, pdf, png_named_pdf

BASE = "/api/v1/directives"


def _create(client, headers, **extra):
    data = {
        "issuing_body": "Công an tỉnh Thanh Hóa",
        "number": "15/CT-CAT",
        "issued_on": "2026-03-02",
        "kind": "instruction",
        "summary": "Chỉ thị về đợt cao điểm tấn công trấn áp tội phạm",
        "requires_plan": "true",
        "report_deadline": "2026-03-20",
        "audience_kinds": "commune,school",
        "file": pdf(),
        **extra,
    }
    with at(ISSUED):
        return client.post(BASE, data, headers=headers)


def test_issue_acknowledge_plan_report_and_track_through_the_api(tree, persona, client, bearer):
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    created = _create(client, bearer(staff))
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["counts"]["expected"] == 3 and body["number"] == "15/CT-CAT"
    pk = body["id"]

    listed = client.get(BASE, {"q": "cao diem"}, headers=bearer(officer)).json()
    assert [d["id"] for d in listed["items"]] == [pk]

    with at(date(2026, 3, 3)):
        ack = client.post(
            f"{BASE}/{pk}/units/16417/acknowledge",
            {"read": True},
            content_type="application/json",
            headers=bearer(officer),
        )
    assert ack.status_code == 200 and ack.json()["read_at"].startswith("2026-03-03")
    with at(date(2026, 3, 4)):
        plan = client.post(
            f"{BASE}/{pk}/units/16417/plan",
            {"number": "7/KH-UBND", "plan_date": "2026-03-04", "file": docx()},
            headers=bearer(officer),
        )
        report = client.post(
            f"{BASE}/{pk}/units/16417/report",
            {"summary": "Đã triển khai"},
            headers=bearer(officer),
        )
    assert plan.status_code == 200 and plan.json()["plan_number"] == "7/KH-UBND"
    assert report.json()["on_time"] is True

    with at(date(2026, 3, 5)):
        tracking = client.get(
            f"{BASE}/{pk}/tracking", {"unit": "38", "stage": "read"}, headers=bearer(staff)
        ).json()
    assert tracking["counts"]["read"] == 1 and tracking["counts"]["planned"] == 1
    assert [m["unit"] for m in tracking["not_yet"]] == ["16522", "16417-TH01"]
    detail = client.get(f"{BASE}/{pk}", headers=bearer(staff)).json()
    assert detail["counts"]["reported"] == 1


def test_refusals_are_clear_json_and_store_nothing(tree, persona, client, bearer):
    staff = persona(Role.PROVINCE_STAFF)
    bad = _create(client, bearer(staff), file=png_named_pdf())
    assert bad.status_code == 400 and "chi-thi.pdf" in bad.json()["errors"]["file"]
    viewer = _create(client, bearer(persona(Role.VIEWER)))
    assert viewer.status_code == 403
    assert Directive.objects.count() == 0
    created = _create(client, bearer(staff)).json()
    stranger = persona(Role.COMMUNE_OFFICER, "00004")
    assert client.get(f"{BASE}/{created['id']}", headers=bearer(stranger)).status_code == 404
    by_province = client.post(
        f"{BASE}/{created['id']}/units/16417/acknowledge",
        {"read": True},
        content_type="application/json",
        headers=bearer(staff),
    )
    assert by_province.status_code == 403


def test_the_openapi_document_lists_the_directive_routes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        BASE,
        BASE + "/{directive_id}",
        BASE + "/{directive_id}/units/{unit}/acknowledge",
        BASE + "/{directive_id}/units/{unit}/plan",
        BASE + "/{directive_id}/units/{unit}/report",
        BASE + "/{directive_id}/units/{unit}/redeploy",
        BASE + "/{directive_id}/tracking",
    ):
        assert path in paths, path
    assert set(paths[BASE]["post"]["responses"]) >= {"201", "400", "403", "404"}


def test_the_issuer_corrects_the_deadline_through_the_api(tree, persona, client, bearer):
    staff = persona(Role.PROVINCE_STAFF)
    pk = _create(client, bearer(staff)).json()["id"]
    response = client.patch(
        f"{BASE}/{pk}",
        {"reason": "Gia hạn", "report_deadline": "2026-03-31"},
        content_type="application/json",
        headers=bearer(staff),
    )
    assert response.status_code == 200 and response.json()["report_deadline"] == "2026-03-31"
    refused = client.patch(
        f"{BASE}/{pk}",
        {"reason": "x", "summary": "y"},
        content_type="application/json",
        headers=bearer(persona(Role.COMMUNE_OFFICER)),
    )
    assert refused.status_code == 403
