"""The review's registries sections: each figure equals the registry's own selector."""

from datetime import date

import pytest
import time_machine

from antq.awards import selectors as awards
from antq.campaigns import selectors as campaigns
from antq.core.roles import Role
from antq.directives import selectors as directives
from antq.documents.figures import ReviewScope, review_sections
from antq.forces import selectors as forces
from antq.funding import selectors as funding
from antq.models import selectors as models
from antq.reports.periods import parse
from antq.tips import selectors as tips

pytestmark = pytest.mark.django_db


def _seed(tree, staff):
    from antq.awards import demo as awards_demo
    from antq.directives import demo as directives_demo
    from antq.forces import demo as forces_demo
    from antq.models import demo as models_demo

    for demo in (models_demo, forces_demo, directives_demo, awards_demo):
        demo.seed(province=tree["38"], staff=staff, today=date(2026, 12, 20))


def test_each_registry_figure_is_the_selectors_figure_with_its_source(tree, persona):
    staff = persona(Role.PROVINCE_STAFF, "38")
    with time_machine.travel(date(2026, 12, 20), tick=False):
        _seed(tree, staff)
        province = tree["38"]
        scope = ReviewScope(user=staff, unit=province, period=parse("2026"))
        sections = {s.key: s for s in review_sections(scope)}
        rows = {r.ref: r for s in sections.values() for r in s.rows}
        m = models.statistics(unit=province, year=2026)
        f = forces.statistics(unit=province, year=2026)
        done, expected = directives.deployment_rate(unit=province, year=2026)
        c = campaigns.totals(unit=province, start=date(2026, 1, 1), end=date(2026, 12, 31))
        money = funding.statement(actor=staff, unit=province, year=2026)
        a = awards.statistics(user=staff, under=province, year=2026)["totals"]
        t = tips.report_figures(unit=province, start=date(2026, 1, 1), end=date(2026, 12, 31))
    expected_rows = {
        "E1": m["models"],
        "E2": m["sites"],
        "E3": m["teams"],
        "E4": m["team_members"],
        "F1": f["teams"],
        "F2": f["members"],
        "F3": f["trained"],
        "G2": expected,
        "G3": done,
        "H1": c["activities"],
        "H2": c["propaganda_sessions"],
        "H3": c["attendees"],
        "I1": money["estimate"],
        "I3": money["spent"],
        "I4": money["balance"],
        "K1": a["collectives"],
        "K2": a["individuals"],
        "L1": t["tips_received"],
        "L2": t["tips_valuable"],
        "L3": t["cases_solved_from_tips"],
    }
    assert {ref: rows[ref].value for ref in expected_rows} == expected_rows
    assert m["models"] and f["teams"] and expected, "the demo data is read"
    level_rows = [r for ref, r in rows.items() if ref.startswith("E") and int(ref[1:]) >= 5]
    assert sum(r.value for r in level_rows) == 2 * m["models"]  # by level, then by field
    for ref, call in (
        ("E1", "antq.models.selectors.statistics"),
        ("F1", "antq.forces.selectors.statistics"),
        ("G1", "antq.documents.registries.directives_counted"),
        ("H1", "antq.campaigns.selectors.totals"),
        ("I1", "antq.funding.selectors.statement"),
        ("K1", "antq.awards.selectors.statistics"),
        ("L4", "antq.documents.registries.tips_handled"),
    ):
        assert call in rows[ref].source.replace("\u200b", "")
        assert province.name in rows[ref].source
