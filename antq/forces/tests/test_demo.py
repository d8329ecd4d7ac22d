from datetime import date

from antq.forces import demo
from antq.forces.models import ForceRating, SecurityTeam, TeamMember
from antq.forces.selectors import area_force_standing
from antq.units.models import Unit


def _counts():
    return (SecurityTeam.objects.count(), TeamMember.objects.count(), ForceRating.objects.count())


def test_demo_gives_every_area_a_rated_team_once(tree, persona):
    demo.seed(province=tree.province, staff=None, today=date(2026, 12, 2))
    areas = Unit.objects.filter(path__startswith=tree.province.path, kind="residential_area")
    assert all(area.covering_teams.exists() for area in areas)
    first = _counts()
    assert first == (3, 9, 12)
    assert area_force_standing(area=tree.area, year=2026).met is not None  # last year's
    demo.seed(province=tree.province, staff=None, today=date(2026, 12, 2))
    assert _counts() == first
