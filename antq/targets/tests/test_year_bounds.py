"""A target's year is bounded by ANTQ_YEAR_MIN/MAX on the page as in the evaluation."""

from antq.core.roles import Role
from antq.targets.models import Target


def test_a_target_for_year_9999_is_refused_and_nothing_is_stored(client, tree, persona):
    client.force_login(persona(Role.PROVINCE_STAFF))
    for year in (9999, 99999):
        answer = client.post(
            f"/targets/manage/?unit=38&year={year}",
            {
                "metric": "recognised_share",
                "subject": "commune",
                "comparison": "gte",
                "value": "90",
            },
        )
        assert answer.status_code == 200
        assert f"Năm {year} nằm ngoài" in answer.content.decode()
    assert not Target.objects.exists()
