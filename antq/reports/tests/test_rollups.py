from datetime import date
from decimal import Decimal

from antq.core.roles import Role
from antq.reports import periods, rollups, services
from antq.reports.choices import ReportStatus
from antq.units import services as unit_services

from .conftest import FIGURES

SEPTEMBER = periods.parse("2026-09")


def total(rows, code):
    return next(r["value"] for r in rows if r["indicator"].code == code)


def test_a_month_with_on_time_late_missing_and_draft_communes(september, monthly, tree):
    figures = rollups.completeness(monthly, SEPTEMBER, tree["38"])
    assert figures.as_dict() == {
        "expected": 3,
        "received": 2,
        "on_time": 1,
        "late": 1,
        "missing": 1,
        "rate": 66.7,
    }
    totals = rollups.rollup_totals(monthly, SEPTEMBER, SEPTEMBER, tree["38"])
    assert total(totals, "propaganda_sessions") == 10
    assert total(totals, "firecrackers_kg_recovered") == Decimal("27.70")
    assert [p.unit.code for p in rollups.missing_units(monthly, SEPTEMBER, tree["38"])] == ["16450"]
    children = {
        row["placement"].unit.code: (row["figures"].received, row["status"])
        for row in rollups.completeness_by_child(monthly, SEPTEMBER, tree["38"])
    }
    assert children == {
        "16417": (1, str(ReportStatus.SUBMITTED.label)),
        "16522": (1, str(ReportStatus.SUBMITTED.label)),
        "16450": (0, str(ReportStatus.DRAFT.label)),
    }
    assert rollups.completeness(monthly, SEPTEMBER, tree["16417"]).received == 1


def test_latest_indicators_take_each_units_last_period_over_a_range(officer, submit, monthly, tree):
    me = officer("16417")
    submit(
        me, "16417", period="2026-08", values={**FIGURES, "models_active": 2}, on=date(2026, 9, 2)
    )
    submit(
        me, "16417", period="2026-09", values={**FIGURES, "models_active": 3}, on=date(2026, 10, 2)
    )
    rows = rollups.rollup_totals(monthly, periods.parse("2026-08"), SEPTEMBER, tree["38"])
    assert total(rows, "models_active") == 3
    assert total(rows, "propaganda_sessions") == 8


def test_a_commune_merged_in_2025_still_counts_in_its_2024_district(persona, clock, monthly):
    from conftest import _Root

    root, admin = _Root(), persona(Role.ADMIN)

    def unit(code, name, kind, parent=None):
        return unit_services.unit_create(
            actor=root, code=code, name=name, kind=kind, parent=parent, valid_from=date(2020, 1, 1)
        )

    province = unit("99", "Tỉnh Thử", "province")
    district = unit("990", "Huyện Đông Sơn", "district", province)
    merged = unit("99001", "Xã Đông Hòa", "commune", district)
    kept = unit("99002", "Xã Đông Minh", "commune", district)
    on = date(2025, 7, 1)
    unit_services.unit_move(actor=admin, unit=kept, parent=province, on=on)
    unit_services.units_merge(actor=admin, sources=[merged], into=kept, on=on)

    def report(unit, key, when):
        clock.set(when)
        services.report_save(
            actor=admin, form=monthly, unit=unit, period_key=key, values=FIGURES, submit=True
        )

    report(merged, "2024-10", date(2024, 11, 2))
    report(kept, "2024-10", date(2024, 11, 2))
    report(kept, "2025-08", date(2025, 9, 2))
    october, august = periods.parse("2024-10"), periods.parse("2025-08")
    kept.refresh_from_db()
    assert kept.path == "99/99002/"  # today the commune hangs under the province

    def tips(unit, first, last=None):
        rows = rollups.rollup_totals(monthly, first, last or first, unit)
        return total(rows, "tips_received")

    assert tips(district, october) == 24  # both communes, by the 2024 tree
    assert rollups.completeness(monthly, october, district).as_dict()["received"] == 2
    assert tips(province, october) == 24
    assert tips(district, august) is None  # no district in the 2025 tree
    assert tips(province, october, august) == 36
    assert tips(district, october, august) == 24
