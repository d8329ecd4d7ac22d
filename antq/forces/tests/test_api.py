"""The force's API: in the OpenAPI document, refusals as JSON with each rule, ratings."""

from datetime import date

from antq.core.roles import Role
from antq.forces.models import TeamMember

from .conftest import person


def _json(values: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/forces/teams",
        "/api/v1/forces/teams/{team_id}",
        "/api/v1/forces/members",
        "/api/v1/forces/members/{member_id}",
        "/api/v1/forces/ratings",
    ):
        assert path in paths, path
    assert {"get", "post"} <= set(paths["/api/v1/forces/ratings"])
    assert "403" in paths["/api/v1/forces/members"]["get"]["responses"]


def test_a_refused_person_gets_each_rule_and_nothing_is_saved(
    tree, make_team, officer, client, bearer
):
    team = make_team()
    payload = _json(person(birth_date=date(2010, 1, 1), health_document=""))
    response = client.post(
        "/api/v1/forces/members",
        {**payload, "team": team.pk},
        content_type="application/json",
        headers=bearer(officer),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["birth_date"].startswith("M-AGE")
    assert errors["health_document"].startswith("M-HEALTH")
    assert not TeamMember.objects.exists()


def test_ratings_are_recorded_and_listed(tree, make_team, make_member, officer, client, bearer):
    team = make_team()
    member = make_member(team, role="leader")
    headers = bearer(officer)
    created = client.post(
        "/api/v1/forces/ratings",
        {"team": team.pk, "year": 2026, "level": "completed", "decided_on": "2026-11-20"},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201, created.json()
    refused = client.post(
        "/api/v1/forces/ratings",
        {
            "team": team.pk,
            "member": member.pk,
            "year": 2026,
            "level": "excellent",
            "decided_on": "2026-11-20",
        },
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 400
    assert "Tổ trưởng" in refused.json()["detail"] or "tổ trưởng" in refused.json()["detail"]
    listed = client.get("/api/v1/forces/ratings", {"year": 2026}, headers=headers).json()
    assert [(i["team_name"], i["level"]) for i in listed["items"]] == [(team.name, "completed")]


def test_members_list_searches_without_diacritics(
    tree, make_team, make_member, persona, client, bearer
):
    team = make_team()
    make_member(team, full_name="Lê Thị Hằng")
    make_member(team, full_name="Trần Văn Bình")
    response = client.get(
        "/api/v1/forces/members", {"q": "le thi hang"}, headers=bearer(persona(Role.PROVINCE_STAFF))
    )
    assert [i["full_name"] for i in response.json()["items"]] == ["Lê Thị Hằng"]


def test_unknown_sex_or_education_is_refused_by_field(tree, make_team, officer, client, bearer):
    team = make_team()
    payload = _json(person(sex="x", education="phd"))
    response = client.post(
        "/api/v1/forces/members",
        {**payload, "team": team.pk},
        content_type="application/json",
        headers=bearer(officer),
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"sex", "education"}
