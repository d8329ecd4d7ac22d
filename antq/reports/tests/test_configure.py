"""Province staff define indicators and forms in pages, with the API's services."""

from antq.core.roles import Role
from antq.reports.models import Indicator, ReportForm


def test_province_staff_add_an_indicator_and_a_form_and_change_its_deadline(client, persona):
    client.force_login(persona(Role.VIEWER))
    assert client.get("/reports/configure/").status_code == 404
    client.force_login(persona(Role.PROVINCE_STAFF))
    page = client.get("/reports/configure/").content.decode()
    assert "movement-monthly" in page
    added = client.post(
        "/reports/configure/",
        {
            "add_indicator": "1",
            "code": "festival_participants",
            "name": "Số người dự Ngày hội",
            "unit_of_measure": "người",
            "value_type": "integer",
            "aggregation": "sum",
            "min_value": "0",
            "required": "on",
        },
    )
    assert added.status_code == 302
    assert Indicator.objects.get(code="festival_participants").name == "Số người dự Ngày hội"
    refused = client.post(
        "/reports/configure/",
        {
            "add_form": "1",
            "code": "festival-yearly",
            "name": "Báo cáo Ngày hội",
            "period_type": "year",
            "unit_kinds": ["residential_area"],
            "indicators": "festival_participants, khong_co",
            "deadline_days": "10",
        },
    )
    assert refused.status_code == 200
    assert "khong_co" in refused.content.decode()
    assert not ReportForm.objects.filter(code="festival-yearly").exists()
    created = client.post(
        "/reports/configure/",
        {
            "add_form": "1",
            "code": "festival-yearly",
            "name": "Báo cáo Ngày hội",
            "period_type": "year",
            "unit_kinds": ["residential_area"],
            "indicators": "festival_participants",
            "deadline_days": "10",
            "late_entry_open": "on",
        },
    )
    assert created.status_code == 302
    form = ReportForm.objects.get(code="festival-yearly")
    assert [i.code for i in form.ordered_indicators()] == ["festival_participants"]
    changed = client.post(
        "/reports/configure/festival-yearly/",
        {
            "name": "Báo cáo Ngày hội toàn dân",
            "deadline_days": "15",
            "on_time_days": "15",
            "late_entry_open": "on",
            "active": "on",
            "reason": "Theo kế hoạch mới",
        },
    )
    assert changed.status_code == 302
    form.refresh_from_db()
    assert (form.deadline_days, form.name) == (15, "Báo cáo Ngày hội toàn dân")
    assert form.history.first().history_change_reason == "Theo kế hoạch mới"
