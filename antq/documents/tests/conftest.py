"""Fixtures for documents tests: the default report forms and a year of reports."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from antq.core.roles import Role
from antq.reports import services as report_services
from antq.reports.defaults import load_default_forms
from antq.reports.models import CrossRule, FormIndicator, Indicator, ReportForm

FIGURES = {
    "propaganda_sessions": 4,
    "propaganda_attendances": 250,
    "prestigious_people_contacted": 6,
    "posts_published": 3,
    "tips_received": 12,
    "tips_valuable": 9,
    "cases_solved_from_tips": 2,
    "wanted_surrendered": 1,
    "offenders_reeducated": 5,
    "guns_recovered": 1,
    "explosives_kg_recovered": "0.5",
    "firecrackers_kg_recovered": "13.85",
    "crude_weapons_recovered": 3,
    "self_management_teams": 7,
    "models_active": 2,
}


@pytest.fixture(autouse=True)
def default_forms(request, settings, tmp_path):
    wanted = "transactional_db" if "transactional_db" in request.fixturenames else "db"
    request.getfixturevalue(wanted)
    settings.MEDIA_ROOT = tmp_path / "media"
    load_default_forms(Indicator, ReportForm, FormIndicator, CrossRule)


@pytest.fixture
def year_of_reports(tree, persona, monkeypatch):
    """July–November 2025 and January–November 2026 reports of both communes of province 38

    Some are late, one is missing.
    """
    form = ReportForm.objects.get(code="movement-monthly")
    officers = {code: persona(Role.COMMUNE_OFFICER, code) for code in ("16417", "16522")}
    for year, bump, months in ((2025, 0, range(7, 12)), (2026, 2, range(1, 12))):
        for month in months:
            for code, account in officers.items():
                if code == "16522" and month == 3 and year == 2026:
                    continue  # a missing report
                day = date(year, month + 1, 3 if month % 4 else 20)
                moment = timezone.make_aware(datetime.combine(day, time(9)))
                monkeypatch.setattr(report_services, "now", lambda m=moment: m)
                report_services.report_save(
                    actor=account,
                    form=form,
                    unit=tree[code],
                    period_key=f"{year}-{month:02d}",
                    values={**FIGURES, "propaganda_sessions": 4 + bump + month % 3},
                    submit=True,
                )
    return form
