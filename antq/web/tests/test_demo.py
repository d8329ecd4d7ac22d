from django.core.management import call_command

from antq.accounts.models import Account
from antq.evaluation.models import Assessment, Recognition
from antq.reports.models import Report
from antq.targets.models import Target
from antq.units.models import Unit


def _counts():
    return [m.objects.count() for m in (Unit, Account, Assessment, Recognition, Report, Target)]


def test_the_demo_loads_a_real_province_and_a_second_run_changes_nothing(db, capsys):
    call_command("seed_demo", "--province", "38")
    out = capsys.readouterr().out
    assert "antq-demo-2026" in out
    for username in ("admin", "tinh", "xa", "coso", "lanhdao", "thamdinh", "xem"):
        assert username in out
    assert Unit.objects.filter(kind="commune", parent__code="38").count() == 166
    assert Recognition.objects.exists() and Report.objects.exists()
    # the example targets for last year and this year
    assert Target.objects.filter(basis__startswith="KH 67/KH-BCĐ").count() == 8
    first = _counts()
    call_command("seed_demo", "--province", "38")
    assert _counts() == first
