"""Each commune's totals in one grouped read: the same figures as one rollup per commune."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from antq.reports import periods, rollups

from .conftest import FIGURES

AUGUST, SEPTEMBER = periods.parse("2026-08"), periods.parse("2026-09")


def test_by_descendant_equals_each_communes_rollup_in_constant_queries(
    officer, submit, monthly, tree, commune3
):
    for code, sessions, models in (("16417", 3, 2), ("16522", 5, 4), ("16450", 7, 1)):
        me = officer(code)
        submit(me, code, period="2026-08", values={**FIGURES, "propaganda_sessions": sessions})
        submit(
            me,
            code,
            period="2026-09",
            values={**FIGURES, "propaganda_sessions": sessions + 1, "models_active": models},
            on=date(2026, 10, 2),
        )
    communes = [tree["16417"], tree["16522"], tree["16450"]]
    with CaptureQueriesContext(connection) as grouped:
        by_commune = rollups.rollup_totals_by_descendant(
            monthly, AUGUST, SEPTEMBER, tree["38"], communes
        )
    for commune in communes:
        one = {
            r["indicator"].pk: r["value"]
            for r in rollups.rollup_totals(monthly, AUGUST, SEPTEMBER, commune)
            if r["value"] is not None
        }
        assert by_commune[commune.pk] == one, commune.code
    sessions = {
        c.code: next(
            v for k, v in by_commune[c.pk].items() if k == _pk(monthly, "propaganda_sessions")
        )
        for c in communes
    }
    assert sessions == {"16417": 7, "16522": 11, "16450": 15}
    with CaptureQueriesContext(connection) as fewer:
        rollups.rollup_totals_by_descendant(monthly, AUGUST, SEPTEMBER, tree["38"], communes[:1])
    assert len(grouped) == len(fewer) <= 6  # does not grow with the number of communes


def _pk(form, code):
    return next(i.pk for i in form.ordered_indicators() if i.code == code)
