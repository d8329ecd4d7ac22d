"""The API: in the OpenAPI document, scoped, paged, and refusing bad input with reasons."""

from datetime import date

from antq.core.roles import Role
from antq.models import selectors


def test_the_api_is_in_the_openapi_document(client, tree, persona, bearer):
    document = client.get("/api/v1/openapi.json", headers=bearer(persona(Role.ADMIN))).json()
    paths = document["paths"]
    for path, method in (
        ("/api/v1/models", "get"),
        ("/api/v1/models", "post"),
        ("/api/v1/models/{model_id}", "get"),
        ("/api/v1/models/{model_id}/judgements", "post"),
        ("/api/v1/models/{model_id}/judgements", "get"),
        ("/api/v1/examples", "get"),
        ("/api/v1/examples", "post"),
        ("/api/v1/examples/{example_id}", "get"),
    ):
        assert method in paths[path], path
        assert {"403", "404"} <= set(paths[path][method]["responses"]), path


def test_create_list_detail_and_judge(client, tree, persona, bearer):
    headers = bearer(persona(Role.COMMUNE_OFFICER))
    created = client.post(
        "/api/v1/models",
        {
            "owner": "16417",
            "name": "Mô hình “Camera an ninh”",
            "serves": ["tu_phong", "tu_bao_ve"],
            "field": "residential",
            "level": "commune",
            "decision_number": "12/QĐ-UBND",
            "decision_date": "2024-03-15",
        },
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201, created.json()
    model_id = created.json()["id"]
    listed = client.get("/api/v1/models", {"q": "camera"}, headers=headers).json()
    assert listed["count"] == 1 and listed["items"][0]["serves"] == ["tu_phong", "tu_bao_ve"]
    judged = client.post(
        f"/api/v1/models/{model_id}/judgements",
        {
            "year": 2026,
            "effective": True,
            "grade": "good",
            "judged_by": "Công an phường",
            "judged_on": "2026-11-20",
        },
        content_type="application/json",
        headers=headers,
    )
    assert judged.status_code == 201, judged.json()
    assert judged.json()["grade_provisional"] is True
    assert selectors.effective_models_count(unit=tree.commune, year=2026) == 1
    detail = client.get(f"/api/v1/models/{model_id}", headers=headers).json()
    assert detail["sites"] == []


def test_bad_input_is_refused_with_the_field(client, tree, persona, bearer):
    headers = bearer(persona(Role.COMMUNE_OFFICER))
    response = client.post(
        "/api/v1/models",
        {
            "owner": "16417",
            "name": "X",
            "serves": [],
            "field": "moon",
            "level": "commune",
            "decision_number": "1",
            "decision_date": "2024-01-01",
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert {"serves", "field"} <= set(response.json()["errors"])
    paged = client.get("/api/v1/models", {"page_size": 0}, headers=headers)
    assert paged.status_code == 400


def test_a_judgement_on_a_unit_that_is_not_a_site_is_refused(
    client, tree, persona, bearer, make_model
):
    model = make_model()
    response = client.post(
        f"/api/v1/models/{model.pk}/judgements",
        {
            "year": 2026,
            "site_unit": "16417-KDC01",
            "effective": True,
            "judged_by": "CA",
            "judged_on": "2026-11-20",
        },
        content_type="application/json",
        headers=bearer(persona(Role.COMMUNE_OFFICER)),
    )
    assert response.status_code == 400
    assert "site_unit" in response.json()["errors"]
    assert model.judgements.count() == 0


def test_a_reader_may_not_judge(client, tree, persona, bearer, make_model):
    model = make_model()
    response = client.post(
        f"/api/v1/models/{model.pk}/judgements",
        {"year": 2026, "effective": True, "judged_by": "CA", "judged_on": str(date(2026, 11, 20))},
        content_type="application/json",
        headers=bearer(persona(Role.VIEWER)),
    )
    assert response.status_code == 403 and response.json()["detail"]
    assert model.judgements.count() == 0
