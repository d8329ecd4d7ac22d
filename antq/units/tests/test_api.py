from datetime import date

import pytest

from antq.core.roles import Role
from antq.units import services


@pytest.fixture
def api(client, persona, bearer):
    headers = bearer(persona(Role.PROVINCE_STAFF))

    def get(path, **params):
        return client.get(f"/api/v1{path}", params, headers=headers)

    return get


def test_list_filters_by_parent_kind_and_search_without_diacritics(tree, api):
    body = api("/units", parent="16417").json()
    assert [i["code"] for i in body["items"]] == ["16417-KDC01", "16417-KDC02", "16417-TH01"]
    item = body["items"][0]
    assert item == {
        "code": "16417-KDC01",
        "name": "Thôn Đông Hưng",
        "kind": "residential_area",
        "parent_code": "16417",
        "valid_from": "2025-07-01",
        "valid_to": None,
        "managing_level": "",
        "division_type": "",
        "address": "",
        "out_of_scope_reason": "",
    }
    found = api("/units", q="thon dong").json()["items"]
    assert [i["name"] for i in found] == ["Thôn Đông Hưng"]
    assert api("/units", q="đông").json()["count"] == 3  # Đông Quang (phường, school), Đông Hưng
    kinds = {i["kind"] for i in api("/units", kind="commune").json()["items"]}
    assert kinds == {"commune"}


def test_paging(tree, api):
    first = api("/units", page_size=3).json()
    second = api("/units", page_size=3, page=2).json()
    assert first["count"] == second["count"] == 8
    assert len(first["items"]) == 3
    assert not {i["code"] for i in first["items"]} & {i["code"] for i in second["items"]}
    bad = api("/units", page_size=0)
    assert bad.status_code == 400
    assert "page_size" in bad.json()["detail"]


def test_as_of_reads_the_tree_of_that_date(tree, api, persona):
    services.unit_rename(
        actor=persona(Role.PROVINCE_STAFF),
        unit=tree.area,
        name="Thôn Đông Tiến",
        on=date(2026, 1, 1),
    )
    old = api("/units/16417-KDC01", as_of="2025-12-31").json()
    new = api("/units/16417-KDC01").json()
    assert (old["name"], new["name"]) == ("Thôn Đông Hưng", "Thôn Đông Tiến")
    assert api("/units", as_of="2025-06-30").json()["count"] == 0
    gone = api("/units/16417-KDC01", as_of="2020-01-01")
    assert gone.status_code == 400
    assert "01/01/2020" in gone.json()["detail"]


def test_errors_are_json_with_a_vietnamese_message(tree, api, client):
    missing = api("/units/KHONG-CO")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Không có đơn vị mã KHONG-CO."}
    bad_date = api("/units", as_of="31/02/2026")
    assert bad_date.status_code == 422
    assert bad_date.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."
    anonymous = client.get("/api/v1/units")
    assert anonymous.status_code == 401
    assert "đăng nhập" in anonymous.json()["detail"]
    wrong_token = client.get("/api/v1/units", headers={"Authorization": "Bearer sai"})
    assert wrong_token.status_code == 401


def test_create_refusal_names_the_field(tree, client, persona, bearer):
    response = client.post(
        "/api/v1/units",
        {"code": "X-1", "name": "Thôn X", "kind": "residential_area", "parent_code": "38"},
        content_type="application/json",
        headers=bearer(persona(Role.PROVINCE_STAFF)),
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"parent"}


def test_session_authentication_works_too(tree, client, persona):
    client.force_login(persona(Role.VIEWER))
    assert client.get("/api/v1/units/16417").json()["name"] == "Phường Đông Quang"


def test_openapi_document_describes_every_route_and_responses_match_it(tree, api, client):
    document = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/units",
        "/api/v1/units/{code}",
        "/api/v1/units/merge",
        "/api/v1/units/{code}/history",
    } <= set(document["paths"])
    schema = document["components"]["schemas"]["UnitOut"]
    item = api("/units/16417").json()
    assert set(item) == set(schema["properties"])
    assert set(schema["required"]) <= set(item)


def test_merge_through_the_api_is_in_history_with_its_author(tree, client, persona, bearer):
    staff = persona(Role.PROVINCE_STAFF)
    response = client.post(
        "/api/v1/units/merge",
        {
            "sources": ["16417", "16522"],
            "new_code": "16999",
            "new_name": "Phường Hạc Thành",
            "effective_date": "2026-04-01",
            "basis": "NQ 1686/NQ-UBTVQH15",
        },
        content_type="application/json",
        headers=bearer(staff),
    )
    assert response.status_code == 201, response.json()
    history = client.get("/api/v1/units/16417/history", headers=bearer(staff)).json()
    assert history[0]["user"] == staff.username
    assert any(c["field"] == "valid_to" and c["new"] == "2026-03-31" for c in history[0]["changes"])
