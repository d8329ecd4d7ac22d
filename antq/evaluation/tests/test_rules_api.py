import pytest

from antq.core.roles import Role
from antq.rules import answerable_ids, get_ruleset


@pytest.fixture
def post(client, persona, bearer):
    headers = bearer(persona(Role.PROVINCE_STAFF))

    def send(path, body):
        return client.post(
            f"/api/v1/rules/{path}", body, content_type="application/json", headers=headers
        )

    return send


def _all_yes(kind):
    return dict.fromkeys(answerable_ids(get_ruleset("tt124-2021"), kind), True)


def test_a_residential_area_with_every_point_met_is_safe(tree, post):
    body = {
        "ruleset": "tt124-2021",
        "unit_kind": "residential_area",
        "answers": _all_yes("residential_area"),
        "figures": {"households_resident": 120, "households_registered": 120},
    }
    response = post("evaluate", body)
    assert response.status_code == 200, response.json()
    assert response.json()["met"] is True
    assert {c["id"] for c in response.json()["criteria"]} >= {"4.1", "4.2", "4.3", "4.4", "4.5"}


def test_one_household_short_fails_4_1_with_the_figures_in_the_reason(tree, post):
    body = {
        "ruleset": "tt124-2021",
        "unit_kind": "residential_area",
        "answers": _all_yes("residential_area"),
        "figures": {"households_resident": 120, "households_registered": 119},
    }
    result = post("evaluate", body).json()
    assert result["met"] is False
    failed = [c for c in result["criteria"] if not c["met"]]
    assert [c["id"] for c in failed] == ["4.1"]
    assert "119" in failed[0]["reason"] and "120" in failed[0]["reason"]
    assert "Thông tư 124/2021/TT-BCA" in failed[0]["citation"]


@pytest.mark.parametrize(
    ("points", "recognised", "expected"),
    [
        (90, True, "excellent"),
        (89.5, True, "good"),
        (70, True, "good"),
        (50, True, "average"),
        (49, True, "weak"),
        (95, False, "good"),
    ],
)
def test_classify_with_the_provisional_policy(tree, post, points, recognised, expected):
    response = post(
        "classify", {"policy": "qd510-2022-provisional", "points": points, "recognised": recognised}
    )
    assert response.json() == {"class": expected, "provisional": True}


def test_unknown_ruleset_or_kind_is_a_clear_400(tree, post):
    response = post("evaluate", {"ruleset": "khong-co", "unit_kind": "commune"})
    assert response.status_code == 400
    assert response.json()["detail"]
    response = post("evaluate", {"ruleset": "tt124-2021", "unit_kind": "spaceship"})
    assert response.status_code == 400
    assert "spaceship" in response.json()["detail"]
