"""Campaigns: the festival day from the calendar, activities rolling up, report figures, scope."""

from datetime import date

import pytest

from antq.campaigns import selectors, services
from antq.campaigns.models import Activity, Campaign
from antq.core.errors import FieldErrors, NotFound, PermissionDenied
from antq.core.roles import Role


@pytest.fixture
def festival(tree, persona):
    made = services.festival_days_create(
        actor=persona(Role.PROVINCE_STAFF), province=tree.province, year=2026
    )
    return next(c for c in made if c.kind == "festival_19_8")


def test_festival_days_from_calendar_once_with_legal_basis(tree, persona, festival):
    assert festival.end == date(2026, 8, 19) and not festival.basis_provisional
    assert "Điều 6" in festival.legal_basis
    assert set(festival.units.values_list("code", flat=True)) == {"16417", "16522"}
    days = {c.kind: c for c in Campaign.objects.filter(owner=tree.province)}
    assert set(days) == {"festival_19_8", "anti_drug_26_6", "great_unity"}
    drugs = days["anti_drug_26_6"]
    assert drugs.end == date(2026, 6, 26)
    # The domain texts give no basis for 26/6 nor for the great-unity day: provisional, empty.
    assert drugs.basis_provisional and drugs.legal_basis == ""
    assert days["great_unity"].basis_provisional and days["great_unity"].legal_basis == ""
    again = services.festival_days_create(
        actor=persona(Role.PROVINCE_STAFF), province=tree.province, year=2026
    )
    assert again == [] and Campaign.objects.count() == 3
    assert len(services.festival_days_create(actor=None, province=tree.province, year=2027)) == 3


def test_calendar_is_configuration(tree, settings):
    settings.ANTQ_CAMPAIGN_CALENDAR = [
        {
            "kind": "other",
            "name": "Ngày X {year}",
            "start": (3, 1),
            "end": (3, 2),
            "legal_basis": "QĐ tỉnh",
            "provisional": True,
        }
    ]
    (made,) = services.festival_days_create(actor=None, province=tree.province, year=2026)
    assert made.name == "Ngày X 2026" and made.legal_basis == "QĐ tỉnh"


def test_activities_roll_up_to_province_and_report_figures(tree, persona, festival):
    officer = persona(Role.COMMUNE_OFFICER)
    services.activity_record(
        actor=officer,
        campaign=festival,
        unit=tree.area,
        kind="Mít tinh",
        date=date(2026, 8, 10),
        attendees=300,
        propaganda_sessions=2,
        gifts=10,
        gifts_value=5_000_000,
    )
    services.activity_record(
        actor=officer,
        campaign=festival,
        unit=tree.commune,
        kind="Hội thi",
        date=date(2026, 8, 12),
        attendees=120,
        propaganda_sessions=1,
    )
    services.activity_record(
        actor=persona(Role.PROVINCE_STAFF),
        campaign=festival,
        unit=tree.commune2,
        kind="Mít tinh",
        date=date(2026, 8, 15),
        attendees=80,
        propaganda_sessions=4,
        models_launched=1,
    )
    province = selectors.totals(unit=tree.province, campaign=festival)
    assert province["attendees"] == 500 and province["propaganda_sessions"] == 7
    assert province["gifts_value"] == 5_000_000 and province["activities"] == 3
    assert selectors.totals(unit=tree.commune)["attendees"] == 420
    figures = selectors.report_figures(
        unit=tree.province, start=date(2026, 8, 1), end=date(2026, 8, 31)
    )
    assert figures == {"propaganda_sessions": 7, "propaganda_attendances": 500}
    july = selectors.report_figures(
        unit=tree.province, start=date(2026, 7, 1), end=date(2026, 7, 31)
    )
    assert july == {"propaganda_sessions": 0, "propaganda_attendances": 0}
    assert selectors.totals(unit=tree.other_province)["activities"] == 0


def test_report_figures_codes_exist_in_default_forms():
    import json
    from pathlib import Path

    path = Path(__file__).parents[2] / "reports" / "fixtures" / "default_forms.json"
    codes = {i["code"] for i in json.loads(path.read_text())["indicators"]}
    assert {"propaganda_sessions", "propaganda_attendances"} <= codes


def test_activity_outside_window_or_negative_refused(tree, persona, festival):
    officer = persona(Role.COMMUNE_OFFICER)
    with pytest.raises(FieldErrors) as err:
        services.activity_record(
            actor=officer, campaign=festival, unit=tree.commune, kind="x", date=date(2026, 9, 1)
        )
    assert "19/08/2026" in err.value.errors["date"]
    with pytest.raises(FieldErrors):
        services.activity_record(
            actor=officer,
            campaign=festival,
            unit=tree.commune,
            kind="x",
            date=date(2026, 8, 1),
            attendees=-1,
        )
    assert Activity.objects.count() == 0


@pytest.mark.parametrize(
    "role,unit_code,target,allowed",
    [
        (Role.ADMIN, "38", "16417", True),
        (Role.PROVINCE_STAFF, "38", "16417", True),
        (Role.COMMUNE_OFFICER, "16417", "16417", True),
        (Role.COMMUNE_OFFICER, "16417", "16522", False),
        (Role.ESTABLISHMENT_OFFICER, "16417-TH01", "16417-TH01", True),
        (Role.ESTABLISHMENT_OFFICER, "16417-TH01", "16417", False),
        (Role.LEADER, "38", "16417", False),
        (Role.VIEWER, "16417", "16417", False),
        (Role.PROVINCE_STAFF, "01", "16417", False),
    ],
)
def test_permission_matrix_activity(tree, persona, festival, role, unit_code, target, allowed):
    actor = persona(role, unit_code)

    def call():
        return services.activity_record(
            actor=actor,
            campaign=festival,
            unit=tree[target],
            kind="x",
            date=date(2026, 8, 1),
            attendees=1,
        )

    if allowed:
        call()
        assert Activity.objects.count() == 1
    else:
        with pytest.raises((PermissionDenied, NotFound)):
            call()
        assert Activity.objects.count() == 0


@pytest.mark.parametrize(
    "role,unit_code,allowed",
    [
        (Role.PROVINCE_STAFF, "38", True),
        (Role.COMMUNE_OFFICER, "16417", False),
        (Role.LEADER, "38", False),
        (Role.PROVINCE_STAFF, "01", False),
    ],
)
def test_permission_matrix_festival_days(tree, persona, role, unit_code, allowed):
    actor = persona(role, unit_code)
    if allowed:
        assert services.festival_days_create(actor=actor, province=tree.province, year=2026)
    else:
        with pytest.raises((PermissionDenied, NotFound)):
            services.festival_days_create(actor=actor, province=tree.province, year=2026)


def test_acceptance_3_activities_roll_up_to_the_province_report_indicator(tree, persona, festival):
    """Issue 14, acceptance 3: what the communes record is the province's report figure."""
    from importlib import import_module

    # The reports app sits a layer above: read it as the report entry page does, without a
    # static import from this app (the layers contract stays whole).
    registry = import_module("antq.reports.registry_figures")
    periods = import_module("antq.reports.periods")
    officer = persona(Role.COMMUNE_OFFICER)
    services.activity_record(
        actor=officer,
        campaign=festival,
        unit=tree.area,
        kind="Tuyên truyền",
        date=date(2026, 8, 5),
        attendees=150,
        propaganda_sessions=3,
    )
    services.activity_record(
        actor=persona(Role.COMMUNE_OFFICER, "16522"),
        campaign=festival,
        unit=tree.commune2,
        kind="Mít tinh",
        date=date(2026, 7, 20),
        attendees=250,
        propaganda_sessions=1,
    )
    codes = ["propaganda_sessions", "propaganda_attendances"]
    q3 = registry.registry_figures(unit=tree.province, period=periods.parse("2026-Q3"), codes=codes)
    assert {k: v[0] for k, v in q3.items()} == {
        "propaganda_sessions": 4,
        "propaganda_attendances": 400,
    }
    sources = {provider.__module__: str(name) for provider, name in registry.PROVIDERS}
    assert q3["propaganda_sessions"][1] == sources["antq.campaigns.selectors"]
    august = registry.registry_figures(
        unit=tree.commune, period=periods.parse("2026-08"), codes=codes
    )
    assert august["propaganda_attendances"][0] == 150
    assert selectors.totals(unit=tree.province, campaign=festival)["attendees"] == 400
