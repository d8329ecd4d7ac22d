"""The year and the registration keep within the domain's bounds (issue 16, items 7 and 8)."""

import json

import pytest
import time_machine

from antq.core.roles import Role
from antq.evaluation.models import CampaignYear, Registration

pytestmark = pytest.mark.django_db

REGISTRATION = "/api/v1/evaluation/provinces/38/years/2026/units/16417/registration"


def _send(client, method, url, headers, body):
    return getattr(client, method)(
        url,
        data=json.dumps(body),
        content_type="application/json",
        **{"HTTP_" + k.upper(): v for k, v in headers.items()},
    )


@time_machine.travel("2026-03-01 09:00 +07:00")
def test_year_9999_and_years_far_ahead_cannot_be_opened(client, persona, bearer):
    headers = bearer(persona(Role.PROVINCE_STAFF))
    for year in (9999, 2030):
        response = _send(
            client, "post", "/api/v1/evaluation/provinces/38/years", headers, {"year": year}
        )
        assert response.status_code == 400, year
    assert not CampaignYear.objects.exists()
    assert (
        _send(
            client, "post", "/api/v1/evaluation/provinces/0/years", headers, {"year": 2026}
        ).status_code
        == 404
    )


@time_machine.travel("2026-03-01 09:00 +07:00")
@pytest.mark.parametrize(
    "body",
    [
        {"registered_on": "0890-08-06"},
        {"registered_on": "9999-04-01"},
        {"registered_on": "2026-03-01", "households_resident": -549_755_813_889},
        {"registered_on": "2026-03-01", "households_resident": 10, "households_registered": -5},
    ],
)
def test_registration_dates_and_counts_out_of_bounds_are_refused(client, persona, bearer, body):
    headers = bearer(persona(Role.PROVINCE_STAFF))
    assert (
        _send(
            client, "post", "/api/v1/evaluation/provinces/38/years", headers, {"year": 2026}
        ).status_code
        == 201
    )
    client.raise_request_exception = False
    response = _send(client, "put", REGISTRATION, headers, body)
    assert response.status_code == 400
    assert response.json()["detail"]
    assert not Registration.objects.exists()
