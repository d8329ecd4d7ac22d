from datetime import date

from antq.models import demo, selectors
from antq.models.models import (
    ExemplaryExample,
    ModelJudgement,
    ModelSite,
    ModelTeam,
    SelfManagementModel,
)


def _counts():
    return tuple(
        m.objects.count()
        for m in (SelfManagementModel, ModelSite, ModelTeam, ModelJudgement, ExemplaryExample)
    )


def test_demo_seeds_models_with_sites_teams_and_last_years_judgements_once(tree, persona):
    demo.seed(province=tree.province, staff=None, today=date(2026, 12, 2))
    first = _counts()
    assert all(first), first
    assert ModelJudgement.objects.filter(year=2025).count() == first[0]
    figures = selectors.statistics(unit=tree.province, year=2026)
    assert figures["models"] == first[0] and figures["teams"] == first[2]
    demo.seed(province=tree.province, staff=None, today=date(2026, 12, 2))
    assert _counts() == first
