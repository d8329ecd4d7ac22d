"""Spending entries checked against the Circular 40 norms; statements equal their entries."""

from datetime import date

import pytest
from django.apps import apps

from antq.core.errors import FieldErrors, PermissionDenied
from antq.core.roles import Role
from antq.funding import selectors, services
from antq.funding.models import Norm, SpendingEntry


@pytest.fixture
def staff(persona):
    return persona(Role.PROVINCE_STAFF)


@pytest.fixture
def officer(persona):
    return persona(Role.COMMUNE_OFFICER)


def line(actor, unit, level, source="state", year=2026, allocated=500_000_000):
    return services.budget_line_create(
        actor=actor,
        unit=unit,
        year=year,
        source=source,
        level=level,
        estimate=allocated,
        allocated=allocated,
        decision="QĐ 1/QĐ-UBND",
    )


def smm(unit, name="Camera an ninh"):
    """A self-management model owned by `unit` (made directly: no import of the models app)."""
    return apps.get_model("models", "SelfManagementModel").objects.create(
        name=name,
        field="residential",
        owner=unit,
        path=unit.path,
        level="commune",
        decision_number="1/QĐ-UBND",
        decision_date=date(2026, 1, 2),
    )


def refused(**kw):
    with pytest.raises(FieldErrors) as err:
        services.spending_create(payee="x", **kw)
    return err.value.errors


def test_fuel_over_12000_per_km_refused_with_figures(tree, officer):
    ln = line(officer, tree.commune, "commune")
    errors = refused(
        actor=officer,
        line=ln,
        date=date(2026, 3, 1),
        head="fuel",
        amount=1_300_000,
        distance_km=100,
    )
    assert "1.300.000" in errors["amount"] and "12.000" in errors["amount"]
    assert "1.200.000" in errors["amount"] and "40/2023" in errors["amount"]
    services.spending_create(
        actor=officer,
        line=ln,
        date=date(2026, 3, 1),
        head="fuel",
        amount=1_200_000,
        distance_km=100,
        payee="Xăng xe",
    )
    assert SpendingEntry.objects.count() == 1


def test_model_20m_per_commune_year(tree, officer):
    ln = line(officer, tree.commune, "commune")
    kw = {
        "actor": officer,
        "line": ln,
        "head": "models",
        "commune": tree.commune,
        "model": smm(tree.commune),
    }
    services.spending_create(date=date(2026, 2, 1), amount=15_000_000, payee="a", **kw)
    errors = refused(date=date(2026, 5, 1), amount=6_000_000, **kw)
    assert "15.000.000" in errors["amount"] and "20.000.000" in errors["amount"]
    services.spending_create(date=date(2026, 5, 1), amount=5_000_000, payee="b", **kw)
    # another commune's model has its own allowance
    services.spending_create(
        date=date(2026, 5, 1), amount=20_000_000, payee="c", **{**kw, "commune": tree.commune2}
    )


def test_province_visits_model_10m_and_30_communes(tree, staff, persona):
    ln = line(staff, tree.province, "province")
    kw = {"actor": staff, "line": ln, "head": "visits", "date": date(2026, 8, 1)}
    mh1, mh2 = smm(tree.commune), smm(tree.commune2, "Tổ tự quản")
    errors = refused(amount=10_000_001, commune=tree.commune, model=mh1, **kw)
    assert "10.000.000" in errors["amount"]
    services.spending_create(amount=10_000_000, commune=tree.commune, model=mh1, payee="x", **kw)
    Norm.objects.filter(kind="visit_communes_per_year", level="province").update(limit=1)
    errors = refused(amount=1_000_000, commune=tree.commune2, model=mh2, **kw)
    assert "2 " in errors["commune"] and "1 " in errors["commune"]


def test_province_visits_person_3m_and_100_persons(tree, staff):
    ln = line(staff, tree.province, "province")
    kw = {"actor": staff, "line": ln, "head": "visits", "date": date(2026, 8, 1)}
    errors = refused(amount=3_000_001, person="Nguyễn Văn A", **kw)
    assert "3.000.000" in errors["amount"] and "3.000.001" in errors["amount"]
    for i in range(100):
        services.spending_create(amount=100_000, person=f"Người {i}", payee="x", **kw)
    errors = refused(amount=100_000, person="Người 101", **kw)
    assert "101" in errors["person"] and "100" in errors["person"]


def test_district_norms_only_before_2025(tree, staff):
    old = line(staff, tree.province, "district", year=2024)
    errors = refused(
        actor=staff,
        line=old,
        head="visits",
        date=date(2024, 8, 1),
        amount=5_000_001,
        commune=tree.commune,
        model=smm(tree.commune),
    )
    assert "5.000.000" in errors["amount"]


def test_province_own_norm_wins(tree, staff):
    Norm.objects.create(
        kind="visit_person_per_year",
        level="province",
        limit=2_000_000,
        valid_from=date(2026, 1, 1),
        citation="QĐ 9/2026/QĐ-UBND",
        province=tree.province,
        decision="QĐ 9/2026/QĐ-UBND",
    )
    ln = line(staff, tree.province, "province")
    errors = refused(
        actor=staff, line=ln, head="visits", date=date(2026, 8, 1), amount=2_500_000, person="B"
    )
    assert "2.000.000" in errors["amount"] and "QĐ 9/2026" in errors["amount"]


def test_refusal_saves_nothing_and_is_a_422(tree, officer):
    ln = line(officer, tree.commune, "commune")
    with pytest.raises(services.NormExceeded) as err:
        services.spending_create(
            actor=officer,
            line=ln,
            date=date(2026, 3, 1),
            head="fuel",
            amount=130_000,
            distance_km=10,
            payee="x",
        )
    assert err.value.status == 422 and SpendingEntry.objects.count() == 0
    # a missing distance is a plain refusal (400), not a norm
    errors = refused(actor=officer, line=ln, date=date(2026, 3, 1), head="fuel", amount=1)
    assert "km" in errors["distance_km"]


def test_statement_totals_equal_entries(tree, staff, officer):
    pl = line(staff, tree.province, "province", allocated=100_000_000)
    cl = line(officer, tree.commune, "commune", source="voluntary", allocated=50_000_000)
    services.spending_create(
        actor=staff,
        line=pl,
        date=date(2026, 1, 5),
        head="propaganda",
        amount=7_000_000,
        payee="In pano",
    )
    services.spending_create(
        actor=officer,
        line=cl,
        date=date(2026, 1, 6),
        head="fuel",
        amount=120_000,
        distance_km=10,
        payee="Xăng",
    )
    services.spending_create(
        actor=officer,
        line=cl,
        date=date(2026, 2, 6),
        head="propaganda",
        amount=3_000_000,
        payee="Loa",
    )
    s = selectors.statement(actor=staff, unit=tree.province, year=2026)
    assert s["spent"] == 10_120_000 == sum(e.amount for e in SpendingEntry.objects.all())
    assert s["by_head"] == {"propaganda": 10_000_000, "fuel": 120_000}
    assert s["by_source"] == {"state": 7_000_000, "voluntary": 3_120_000}
    assert s["allocated"] == 150_000_000 and s["balance"] == 150_000_000 - 10_120_000
    c = selectors.statement(actor=officer, unit=tree.commune, year=2026)
    assert c["spent"] == 3_120_000


@pytest.mark.parametrize(
    "role,unit_code,allowed",
    [
        (Role.ADMIN, "38", True),
        (Role.PROVINCE_STAFF, "38", True),
        (Role.COMMUNE_OFFICER, "16417", True),
        (Role.COMMUNE_OFFICER, "16522", False),
        (Role.ESTABLISHMENT_OFFICER, "16417-TH01", False),
        (Role.LEADER, "38", False),
        (Role.VIEWER, "16417", False),
        (Role.PROVINCE_STAFF, "01", False),
    ],
)
def test_permission_matrix_spending(tree, persona, role, unit_code, allowed):
    staff = persona(Role.PROVINCE_STAFF)
    ln = line(staff, tree.commune, "commune")
    actor = persona(role, unit_code)
    call = lambda: services.spending_create(  # noqa: E731
        actor=actor, line=ln, date=date(2026, 3, 1), head="propaganda", amount=1_000, payee="x"
    )
    if allowed:
        call()
        assert SpendingEntry.objects.count() == 1
    else:
        with pytest.raises((PermissionDenied, services.NotFound)):
            call()
        assert SpendingEntry.objects.count() == 0
