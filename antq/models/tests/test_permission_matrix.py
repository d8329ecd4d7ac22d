"""Every role × list/detail/create × models/examples × in scope / out of scope, pages and API.

Out of scope answers like a missing object (404); in scope, a role without the right to
change the registry gets 403 on create and nothing is saved.
"""

import itertools
import json
from datetime import date

import pytest

from antq.core.roles import Role
from antq.models import services
from antq.models.models import ExemplaryExample, SelfManagementModel

EDITORS = {Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER}
# Roles whose scope holds commune 16417 (the establishment officer sits at a school below it).
SEES_COMMUNE = EDITORS | {Role.LEADER, Role.APPRAISER, Role.VIEWER}
NAME_IN, NAME_OUT = "Mô hình Đông Quang", "Mô hình Ba Đình"


def _model(actor, owner, name):
    return services.model_create(
        actor=actor,
        owner=owner,
        name=name,
        serves=["tu_quan"],
        field="residential",
        level="commune",
        decision_number="1/QĐ-UBND",
        decision_date=date(2024, 3, 15),
    )


def _example(actor, unit, name):
    return services.example_create(
        actor=actor,
        unit=unit,
        kind="collective",
        name=name,
        field="residential",
        level="commune",
        decision_number="2/QĐ-KT",
        decision_date=date(2026, 5, 1),
        reason="Thành tích xuất sắc",
    )


@pytest.fixture
def records(tree, persona):
    admin = persona(Role.ADMIN)
    return {
        "in": {
            "model": _model(admin, tree.commune, NAME_IN),
            "example": _example(admin, tree.commune, "Điển hình " + NAME_IN),
        },
        "out": {
            "model": _model(admin, tree.other_commune, NAME_OUT),
            "example": _example(admin, tree.other_commune, "Điển hình " + NAME_OUT),
        },
    }


def expected(role, action, scope):
    if scope == "out":
        if role != Role.ADMIN:
            return 404
        return "ok" if action == "create" else 200
    if role not in SEES_COMMUNE:
        return 200 if action == "list" else 404  # an empty list of his own scope
    if action == "create":
        return "ok" if role in EDITORS else 403
    return 200


CASES = list(
    itertools.product(
        Role.values, ["model", "example"], ["list", "detail", "create"], ["in", "out"]
    )
)


def _snapshot():
    return (SelfManagementModel.objects.count(), ExemplaryExample.objects.count())


MODEL_FORM = {
    "name": "Mô hình mới",
    "serves": ["tu_phong"],
    "field": "residential",
    "level": "commune",
    "decision_number": "9/QĐ-UBND",
}
EXAMPLE_FORM = {
    "kind": "individual",
    "name": "Nguyễn Văn Mới",
    "field": "residential",
    "level": "commune",
    "decision_number": "9/QĐ-KT",
    "reason": "Tố giác tội phạm",
}


def _check(response, want, before, role, scope, action, ok_status):
    if want == "ok":
        assert response.status_code == ok_status, response.content.decode()[:2000]
        assert _snapshot() != before
    else:
        assert response.status_code == want, response.content.decode()[:2000]
        if action == "create":
            assert _snapshot() == before
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        body = json.dumps(response.json(), ensure_ascii=False)
    if role != Role.ADMIN:
        assert NAME_OUT not in body
    if action == "list" and want == 200 and role in SEES_COMMUNE and scope == "in":
        assert NAME_IN in body


@pytest.mark.parametrize(("role", "obj", "action", "scope"), CASES)
def test_pages(role, obj, action, scope, tree, records, persona, client):
    client.force_login(persona(role))
    record = records[scope][obj]
    code = "16417" if scope == "in" else "00004"
    base = "/models/" if obj == "model" else "/models/examples/"
    want = expected(role, action, scope)
    before = _snapshot()
    if action == "list":
        response = client.get(base, {} if scope == "in" else {"unit": code})
    elif action == "detail":
        response = client.get(f"{base}{record.pk}/")
    elif obj == "model":
        data = {**MODEL_FORM, "decision_date": "15/03/2024"}
        response = client.post(f"/models/new/?owner={code}", data)
    else:
        data = {**EXAMPLE_FORM, "decision_date": "01/05/2026"}
        response = client.post(f"/models/examples/new/?unit={code}", data)
    _check(response, want, before, role, scope, action, 302)


@pytest.mark.parametrize(("role", "obj", "action", "scope"), CASES)
def test_api(role, obj, action, scope, tree, records, persona, client, bearer):
    headers = bearer(persona(role))
    record = records[scope][obj]
    code = "16417" if scope == "in" else "00004"
    base = "/api/v1/models" if obj == "model" else "/api/v1/examples"
    want = expected(role, action, scope)
    before = _snapshot()
    if action == "list":
        response = client.get(base, {} if scope == "in" else {"unit": code}, headers=headers)
    elif action == "detail":
        response = client.get(f"{base}/{record.pk}", headers=headers)
    elif obj == "model":
        payload = {**MODEL_FORM, "owner": code, "decision_date": "2024-03-15"}
        response = client.post(base, payload, content_type="application/json", headers=headers)
    else:
        payload = {**EXAMPLE_FORM, "unit": code, "decision_date": "2026-05-01"}
        response = client.post(base, payload, content_type="application/json", headers=headers)
    _check(response, want, before, role, scope, action, 201)
    if want not in (200, "ok"):
        assert response.json()["detail"]


@pytest.mark.parametrize("role", Role.values)
def test_judging_a_model_is_for_editors_in_scope(role, tree, records, persona, client, bearer):
    headers = bearer(persona(role))
    for scope in ("in", "out"):
        model = records[scope]["model"]
        response = client.post(
            f"/api/v1/models/{model.pk}/judgements",
            {"year": 2026, "effective": True, "judged_by": "CA", "judged_on": "2026-11-20"},
            content_type="application/json",
            headers=headers,
        )
        want = expected(role, "create", scope)
        assert response.status_code == (201 if want == "ok" else want), (scope, response.content)
