from django.core.management import call_command

from antq.units.models import Unit, UnitPlacement


def _snapshot():
    return (
        Unit.objects.count(),
        Unit.history.count(),
        UnitPlacement.objects.count(),
        sorted(Unit.objects.values_list("code", "name", "path")),
    )


def test_all_provinces_and_communes_load_once(db, capsys):
    call_command("load_admin_units", "--all")
    assert Unit.objects.filter(kind="province").count() == 34
    assert Unit.objects.filter(kind="commune").count() == 3321
    thanh_hoa = Unit.objects.get(code="38")
    assert thanh_hoa.name == "Thanh Hóa"
    assert Unit.objects.filter(parent=thanh_hoa).count() == 166
    assert Unit.objects.get(code="16417").path == "38/16417/"
    first = _snapshot()
    call_command("load_admin_units", "--all")
    assert _snapshot() == first
    assert "3355" in capsys.readouterr().out.splitlines()[-1]


def test_one_province_then_all_adds_only_the_rest(db):
    call_command("load_admin_units", "--province", "38")
    assert Unit.objects.count() == 1 + 166
    call_command("load_admin_units", "--all")
    assert Unit.objects.count() == 34 + 3321
