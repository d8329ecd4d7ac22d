"""Every role × list/detail/create × teams/members × in scope / out of scope, pages and API.

Out of scope answers like a missing object (404); in scope, a role without the right gets
403; members' personal data reaches only the commune's officers and the province's staff.
"""

import itertools
from datetime import date

import pytest

from antq.core.roles import Role
from antq.forces import services
from antq.forces.models import ForceRating, SecurityTeam, TeamMember

from .conftest import person

EDITORS = {Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER}
# Roles whose scope holds commune 16417 (the establishment officer sits at a school below it).
SEES_COMMUNE = EDITORS | {Role.LEADER, Role.APPRAISER, Role.VIEWER}
IDENTITY = "038085009999"
OUT_IDENTITY = "001085009999"


@pytest.fixture
def teams(tree, persona):
    admin = persona(Role.ADMIN)
    inside = services.team_create(
        actor=admin,
        commune=tree.commune,
        name="Tổ bảo vệ ANTT thôn Đông Hưng",
        areas=[tree.area],
        decision_number="1/QĐ-UBND",
        decision_date=date(2025, 1, 2),
    )
    outside = services.team_create(
        actor=admin,
        commune=tree.other_commune,
        name="Tổ bảo vệ ANTT Đội Cấn",
        areas=[tree.other_area],
        decision_number="2/QĐ-UBND",
        decision_date=date(2025, 1, 2),
    )
    member_in = services.member_register(
        actor=admin, team=inside, **person(identity_number=IDENTITY)
    )
    member_out = services.member_register(
        actor=admin, team=outside, **person(identity_number=OUT_IDENTITY)
    )
    return {"in": (inside, member_in), "out": (outside, member_out)}


def expected(role, obj, action, scope):
    if scope == "out":
        if role != Role.ADMIN:
            return 404
        return "ok" if action == "create" else 200
    if obj == "team":
        if role not in SEES_COMMUNE:
            return 200 if action == "list" else 404  # an empty list of his own scope
        if action == "create":
            return "ok" if role in EDITORS else 403
        return 200
    # members
    if role in EDITORS:
        return "ok" if action == "create" else 200
    if role not in SEES_COMMUNE and action != "list":
        return 404
    return 403


CASES = list(
    itertools.product(Role.values, ["team", "member"], ["list", "detail", "create"], ["in", "out"])
)
NEW_IDENTITY = "038090007777"


def _snapshot():
    return (SecurityTeam.objects.count(), TeamMember.objects.count())


def _team_payload(tree, scope):
    commune = tree.commune if scope == "in" else tree.other_commune
    area = tree.area2 if scope == "in" else tree["00004-KDC01"]
    return commune, area


@pytest.mark.parametrize(("role", "obj", "action", "scope"), CASES)
def test_pages(role, obj, action, scope, tree, teams, persona, client):
    client.force_login(persona(role))
    team, member = teams[scope]
    want = expected(role, obj, action, scope)
    before = _snapshot()
    unit = {} if scope == "in" else {"unit": "00004"}
    if obj == "team" and action == "list":
        response = client.get("/forces/", unit)
    elif obj == "team" and action == "detail":
        response = client.get(f"/forces/teams/{team.pk}/")
    elif obj == "team":
        commune, area = _team_payload(tree, scope)
        if scope == "out":
            SecurityTeam.objects.filter(pk=team.pk).update(status="dissolved")  # room for one
        response = client.post(
            f"/forces/teams/new/?commune={commune.code}",
            {
                "name": "Tổ mới",
                "areas": [area.pk],
                "decision_number": "9/QĐ-UBND",
                "decision_date": "01/03/2026",
            },
        )
    elif action == "list":
        response = client.get("/forces/members/", unit)
    elif action == "detail":
        response = client.get(f"/forces/members/{member.pk}/")
    else:
        values = person(identity_number=NEW_IDENTITY)
        payload = {
            k: v.strftime("%d/%m/%Y") if isinstance(v, date) else v for k, v in values.items()
        }
        response = client.post(f"/forces/teams/{team.pk}/members/new/", payload)
    if want == "ok":
        assert response.status_code == 302, response.content.decode()[:3000]
        assert _snapshot() != before
    else:
        assert response.status_code == want
        if action == "create":
            assert _snapshot() == before
    body = response.content.decode() if response.status_code == 200 else ""
    if role not in EDITORS:
        assert IDENTITY not in body and OUT_IDENTITY not in body
    elif response.status_code == 200 and obj == "member":
        assert (IDENTITY if scope == "in" else OUT_IDENTITY) in body


@pytest.mark.parametrize(("role", "obj", "action", "scope"), CASES)
def test_api(role, obj, action, scope, tree, teams, persona, client, bearer):
    headers = bearer(persona(role))
    team, member = teams[scope]
    want = expected(role, obj, action, scope)
    before = _snapshot()
    unit = {} if scope == "in" else {"unit": "00004"}
    if obj == "team" and action == "list":
        response = client.get("/api/v1/forces/teams", unit, headers=headers)
    elif obj == "team" and action == "detail":
        response = client.get(f"/api/v1/forces/teams/{team.pk}", headers=headers)
    elif obj == "team":
        commune, area = _team_payload(tree, scope)
        if scope == "out":
            SecurityTeam.objects.filter(pk=team.pk).update(status="dissolved")
        response = client.post(
            "/api/v1/forces/teams",
            {
                "commune": commune.code,
                "name": "Tổ mới",
                "areas": [area.code],
                "decision_number": "9/QĐ-UBND",
                "decision_date": "2026-03-01",
            },
            content_type="application/json",
            headers=headers,
        )
    elif action == "list":
        response = client.get("/api/v1/forces/members", unit, headers=headers)
    elif action == "detail":
        response = client.get(f"/api/v1/forces/members/{member.pk}", headers=headers)
    else:
        values = person(identity_number=NEW_IDENTITY)
        payload = {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
        response = client.post(
            "/api/v1/forces/members",
            {**payload, "team": team.pk},
            content_type="application/json",
            headers=headers,
        )
    if want == "ok":
        assert response.status_code == 201, response.json()
        assert _snapshot() != before
    else:
        assert response.status_code == want, response.content
        if want != 200:
            assert response.json()["detail"]
            assert _snapshot() == before
    if role not in EDITORS:
        assert IDENTITY not in response.content.decode()


@pytest.mark.parametrize("role", sorted(SEES_COMMUNE - EDITORS))
def test_a_reader_sees_the_counts_and_never_an_identity_number(role, teams, persona, client):
    team, _member = teams["in"]
    client.force_login(persona(role))
    page = client.get(f"/forces/teams/{team.pk}/").content.decode()
    assert "Tổ viên: <strong>1</strong>" in page
    assert IDENTITY not in page and "0912345678" not in page and "10/03/1985" not in page
    assert client.get("/forces/members/export.xlsx").status_code == 403
    exported = client.get("/forces/export.xlsx")
    assert exported.status_code == 200
    assert IDENTITY.encode() not in b"".join(exported.streaming_content)
    listed = client.get("/forces/", {"q": "dong hung"}).content.decode()
    assert "Tổ bảo vệ ANTT thôn Đông Hưng" in listed
    assert client.get("/api/v1/forces/ratings", {"members": "true"}).status_code == 403


def _rating_expected(role, action, scope):
    if scope == "out":
        return 404 if role != Role.ADMIN else (201 if action == "create" else 200)
    if role not in SEES_COMMUNE:
        return 200 if action == "list" else 404
    if action == "create":
        return 201 if role in EDITORS else 403
    return 200


@pytest.mark.parametrize(
    ("role", "action", "scope"),
    list(itertools.product(Role.values, ["list", "create"], ["in", "out"])),
)
def test_ratings_api(role, action, scope, teams, persona, client, bearer):
    headers = bearer(persona(role))
    team, _member = teams[scope]
    want = _rating_expected(role, action, scope)
    if action == "list":
        services.rating_record(
            actor=persona(Role.ADMIN),
            team=team,
            year=2026,
            level="good",
            decided_on=date(2026, 11, 10),
        )
        unit = {} if scope == "in" else {"unit": "00004"}
        response = client.get("/api/v1/forces/ratings", unit, headers=headers)
        assert response.status_code == want
        if want == 200:
            names = {i["team_name"] for i in response.json()["items"]}
            assert names == ({team.name} if role in SEES_COMMUNE else set())
        return
    response = client.post(
        "/api/v1/forces/ratings",
        {"team": team.pk, "year": 2026, "level": "completed", "decided_on": "2026-11-10"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == want, response.content
    assert ForceRating.objects.exists() == (want == 201)
