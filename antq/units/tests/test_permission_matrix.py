"""Every role × list/detail/create/update × unit in scope / out of scope, in pages and API.

Out of scope answers exactly like a missing unit (404); in scope, a role without the right
gets 403; nothing outside the subtree is visible or changeable.
"""

import itertools

import pytest

from antq.core.roles import Role
from antq.units.models import Unit

EDITORS = {Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER}
# What each role works on inside its scope: (unit to list and open, unit to change).
IN_SCOPE = {
    Role.ADMIN: ("38", "16417-KDC01"),
    Role.PROVINCE_STAFF: ("38", "16417-KDC01"),
    Role.COMMUNE_OFFICER: ("16417", "16417-KDC01"),
    Role.ESTABLISHMENT_OFFICER: ("16417-TH01", "16417-TH01"),
    Role.LEADER: ("38", "16417-KDC01"),
    Role.APPRAISER: ("38", "16417-KDC01"),
    Role.VIEWER: ("16417", "16417-KDC01"),
}
OUT_OF_SCOPE = ("00004", "00004-KDC01")  # another province
SIDEWAYS = ("16522", "16522-KDC01")  # the neighbouring commune


def expected(role, action, scope):
    if (
        scope != "in"
        and role in (Role.PROVINCE_STAFF, Role.ADMIN, Role.LEADER, Role.APPRAISER)
        and scope == "sideways"
    ):
        scope = "in"  # the province sees both communes
    if scope != "in" and role != Role.ADMIN:
        return 404
    if action in ("list", "detail"):
        return 200
    return "ok" if role in EDITORS else 403


def targets(role, scope):
    return {"in": IN_SCOPE[role], "out": OUT_OF_SCOPE, "sideways": SIDEWAYS}[scope]


CASES = list(
    itertools.product(
        Role.values, ["list", "detail", "create", "update"], ["in", "out", "sideways"]
    )
)


def _new_unit_payload(parent_code, role):
    kind = "residential_area" if parent_code not in ("38", "01") else "agency"
    return {
        "code": f"NEW-{role[:6]}-{parent_code}",
        "name": "Thôn Mới",
        "kind": kind,
        "managing_level": "" if kind == "residential_area" else "province",
    }


def _snapshot():
    return sorted(Unit.objects.values_list("code", "name", "address"))


@pytest.mark.parametrize(("role", "action", "scope"), CASES)
def test_pages(role, action, scope, persona, client):
    client.force_login(persona(role))
    container, target = targets(role, scope)
    want = expected(role, action, scope)
    before = _snapshot()
    if action == "list":
        response = client.get("/units/", {"unit": container})
    elif action == "detail":
        response = client.get(f"/units/{target}/")
    elif action == "create":
        payload = _new_unit_payload(container, role)
        response = client.post(f"/units/new/?parent={container}", payload)
    else:
        response = client.post(
            f"/units/{target}/edit/",
            {
                "name": "Tên đã sửa",
                "address": "Địa chỉ mới",
                "managing_level": Unit.objects.get(code=target).managing_level,
            },
        )
    if want == "ok":
        assert response.status_code == 302, response.content.decode()[:2000]
        assert _snapshot() != before
    else:
        assert response.status_code == want
        if want == 200 and action == "list":
            assert Unit.objects.get(code=container).name in response.content.decode()
        if want != 200:
            assert _snapshot() == before


@pytest.mark.parametrize(("role", "action", "scope"), CASES)
def test_api(role, action, scope, persona, client, bearer):
    headers = bearer(persona(role))
    container, target = targets(role, scope)
    want = expected(role, action, scope)
    before = _snapshot()
    if action == "list":
        response = client.get("/api/v1/units", {"parent": container}, headers=headers)
    elif action == "detail":
        response = client.get(f"/api/v1/units/{target}", headers=headers)
    elif action == "create":
        payload = {**_new_unit_payload(container, role), "parent_code": container}
        response = client.post(
            "/api/v1/units", payload, content_type="application/json", headers=headers
        )
    else:
        response = client.patch(
            f"/api/v1/units/{target}",
            {"address": "Địa chỉ mới"},
            content_type="application/json",
            headers=headers,
        )
    if want == "ok":
        assert response.status_code in (200, 201), response.json()
        assert _snapshot() != before
    else:
        assert response.status_code == want, response.content
        if want != 200:
            assert _snapshot() == before
            assert response.json()["detail"]  # a message, never an empty error


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMIN])
def test_lists_never_show_units_outside_the_subtree(role, persona, client, bearer):
    account = persona(role)
    response = client.get(
        "/api/v1/units", {"q": "phuong", "page_size": 500}, headers=bearer(account)
    )
    prefix = account.unit.path
    visible = {item["code"] for item in response.json()["items"]}
    allowed = set(Unit.objects.filter(path__startswith=prefix).values_list("code", flat=True))
    assert visible <= allowed
    client.force_login(account)
    page = client.get("/units/", {"q": "ba dinh"}).content.decode()
    assert "Phường Ba Đình" not in page
