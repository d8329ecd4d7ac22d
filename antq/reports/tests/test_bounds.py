"""A form's days are bounded, so one setting cannot take reporting down (issue 16, item 8)."""

import pytest

from antq.core.roles import Role
from antq.reports.configuration import report_form_update
from antq.reports.services import ReportInvalid


def test_on_time_days_of_three_million_are_refused_in_the_service(persona, monthly):
    staff = persona(Role.PROVINCE_STAFF)
    with pytest.raises(ReportInvalid) as refused:
        report_form_update(actor=staff, form=monthly, on_time_days=3_000_000, reason="x")
    assert refused.value.errors["deadline_days"] == "Số ngày phải từ 0 đến 366."
    monthly.refresh_from_db()
    assert monthly.on_time_days < 367


def test_the_page_refuses_on_time_days_of_three_million(client, persona, monthly):
    client.force_login(persona(Role.PROVINCE_STAFF))
    before = monthly.on_time_days
    response = client.post(
        f"/reports/configure/{monthly.code}/",
        {
            "name": monthly.name,
            "deadline_days": "5",
            "on_time_days": "3000000",
            "late_entry_open": "on",
            "active": "on",
            "reason": "x",
        },
    )
    assert response.status_code != 302
    monthly.refresh_from_db()
    assert monthly.on_time_days == before
    assert client.get("/reports/").status_code == 200
