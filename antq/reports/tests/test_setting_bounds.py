"""A form's days are bounded on the API as on the page (issue 16, item 8)."""

from antq.core.roles import Role


def test_the_api_refuses_on_time_days_of_three_million(client, persona, bearer, monthly):
    before = monthly.on_time_days
    answer = client.patch(
        f"/api/v1/reports/forms/{monthly.code}",
        {"on_time_days": 3_000_000, "reason": "x"},
        content_type="application/json",
        headers=bearer(persona(Role.PROVINCE_STAFF)),
    )
    assert answer.status_code in (400, 422)
    monthly.refresh_from_db()
    assert monthly.on_time_days == before
    assert (
        client.get(
            "/api/v1/reports/forms", headers=bearer(persona(Role.PROVINCE_STAFF))
        ).status_code
        == 200
    )
