"""Every role × list/detail/tracking/issue/acknowledge × directive in scope / out of scope.

Out of scope answers exactly like a missing directive (404); in scope, a role without the
right gets 403 and nothing changes.
"""

import itertools
from datetime import date

import pytest

from antq.core.roles import Role
from antq.directives import services
from antq.directives.models import Deployment, Directive

from .conftest import ISSUED, at, pdf

ISSUERS = {Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER}
# Who may acknowledge the commune 16417's deployment: the commune itself (and an administrator).
ACKNOWLEDGERS = {Role.ADMIN, Role.COMMUNE_OFFICER}
# Whose scope holds commune 16417: all but the school's officer.
SEES_COMMUNE = set(Role.values) - {Role.ESTABLISHMENT_OFFICER}


@pytest.fixture
def directives(tree, persona):
    made = {}
    with at(ISSUED):
        for scope, actor, root, code in [
            ("in", persona(Role.PROVINCE_STAFF), tree.province, "16417"),
            ("out", persona(Role.PROVINCE_STAFF, "01"), tree.other_province, "00004"),
        ]:
            directive = services.directive_issue(
                actor=actor,
                issuing_body="Ban Chỉ đạo 138",
                number="1/KH-BCĐ",
                issued_on=ISSUED,
                kind="plan",
                summary="Kế hoạch năm",
                file=pdf(),
                report_deadline=date(2026, 3, 20),
                audience=services.Audience(root=root, kinds=["commune", "school"]),
            )
            made[scope] = (directive, code)
    return made


def expected(role, action, scope):
    if role == Role.ADMIN:
        return "ok"
    if scope == "out":
        return 404 if action != "list" else "hidden"
    if action == "list":
        return "ok"
    if action in ("detail", "tracking"):
        return "ok"
    if action == "issue":
        return "ok" if role in ISSUERS else 403
    if role not in SEES_COMMUNE:
        return 404
    return "ok" if role in ACKNOWLEDGERS else 403


CASES = [
    case
    for case in itertools.product(
        Role.values, ["list", "detail", "tracking", "issue", "acknowledge"], ["in", "out"]
    )
    if case[1:] != ("issue", "out")  # issuing is not about an existing directive
]


def _read(directive, code) -> bool:
    return Deployment.objects.get(directive=directive, unit__code=code).read_at is not None


@pytest.mark.parametrize(("role", "action", "scope"), CASES)
def test_pages(role, action, scope, persona, client, directives):
    directive, code = directives[scope]
    client.force_login(persona(role))
    want = expected(role, action, scope)
    if action == "list":
        rows = client.get("/directives/").context["page"]
        assert (directive in list(rows)) == (want == "ok")
        return
    if action == "detail":
        response = client.get(f"/directives/{directive.pk}/")
    elif action == "tracking":
        response = client.get(f"/directives/{directive.pk}/tracking/")
        if role == Role.ADMIN and scope == "in":
            assert response.status_code == 200
    elif action == "issue":
        before = Directive.objects.count()
        response = client.get("/directives/new/")
        assert response.status_code == (200 if want == "ok" else 403)
        assert Directive.objects.count() == before
        return
    else:
        with at(date(2026, 3, 3)):
            response = client.post(f"/directives/{directive.pk}/units/{code}/acknowledge/")
        assert _read(directive, code) == (want == "ok")
        if want == 404:
            assert response.status_code == 404
        return
    assert response.status_code == (200 if want == "ok" else want)


@pytest.mark.parametrize(("role", "action", "scope"), CASES)
def test_api(role, action, scope, persona, client, bearer, directives):
    directive, code = directives[scope]
    headers = bearer(persona(role))
    want = expected(role, action, scope)
    base = "/api/v1/directives"
    if action == "list":
        ids = [d["id"] for d in client.get(base, headers=headers).json()["items"]]
        assert (directive.pk in ids) == (want == "ok")
        return
    if action == "issue":
        with at(ISSUED):
            response = client.post(
                base,
                {
                    "issuing_body": "Ban Chỉ đạo",
                    "number": f"9/{role}",
                    "issued_on": "2026-03-02",
                    "kind": "plan",
                    "summary": "Kế hoạch",
                    "audience_kinds": "residential_area",
                    "file": pdf(),
                },
                headers=headers,
            )
        assert response.status_code == (201 if want == "ok" else want), response.json()
        return
    if action == "detail":
        response = client.get(f"{base}/{directive.pk}", headers=headers)
    elif action == "tracking":
        response = client.get(f"{base}/{directive.pk}/tracking", headers=headers)
    else:
        with at(date(2026, 3, 3)):
            response = client.post(
                f"{base}/{directive.pk}/units/{code}/acknowledge",
                {"read": True},
                content_type="application/json",
                headers=headers,
            )
        assert _read(directive, code) == (want == "ok")
    assert response.status_code == (200 if want == "ok" else want), response.json()
