"""The target "100 % of directives deployed to every unit" (seed 002), read live."""

from datetime import date
from decimal import Decimal

import pytest

from antq.core.roles import Role
from antq.directives import selectors as directive_selectors
from antq.directives import services as directive_services
from antq.directives.tests.conftest import at, pdf
from antq.targets import metrics, selectors
from antq.targets.models import Target

YEAR = 2026


@pytest.fixture
def directive(tree, persona, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with at(date(YEAR, 3, 2)):
        return directive_services.directive_issue(
            actor=persona(Role.PROVINCE_STAFF),
            issuing_body="Ban Chỉ đạo 138 tỉnh Thanh Hóa",
            number="67/KH-BCĐ",
            issued_on=date(YEAR, 3, 2),
            kind="plan",
            summary="Kế hoạch thực hiện phong trào năm 2026",
            file=pdf(),
            audience=directive_services.Audience(root=tree.province, kinds=["commune", "school"]),
        )


@pytest.fixture
def goal(tree, persona, directive):
    return Target.objects.create(
        year=YEAR,
        unit=tree.province,
        metric=metrics.DIRECTIVES_ACKNOWLEDGED_SHARE,
        comparison="gte",
        value=Decimal(100),
        basis="KH 67/KH-BCĐ",
        created_by=persona(Role.PROVINCE_STAFF),
    )


def _acknowledge(directive, code, actor):
    row = directive.deployments.select_related("unit", "directive").get(unit__code=code)
    with at(date(YEAR, 3, 5)):
        directive_services.deployment_acknowledge(actor=actor, deployment=row)


def test_the_share_moves_as_units_acknowledge_and_matches_the_directives_registry(
    tree, persona, directive, goal
):
    measure = selectors.attainment_of(goal, with_closest=False).measure
    assert (measure.hits, measure.total, measure.share) == (0, 3, Decimal("0.0"))
    _acknowledge(directive, "16417", persona(Role.COMMUNE_OFFICER))
    _acknowledge(directive, "16417-TH01", persona(Role.ESTABLISHMENT_OFFICER))
    measure = selectors.attainment_of(goal, with_closest=False).measure
    assert (measure.hits, measure.total, measure.share) == (2, 3, Decimal("66.7"))
    assert (measure.hits, measure.total) == directive_selectors.deployment_rate(
        unit=tree.province, year=YEAR
    )
    commune = metrics.directives_acknowledged(tree.commune, YEAR)
    assert (commune.hits, commune.total) == (2, 2)
    assert [r["unit"].code for r in metrics.directives_not_acknowledged(tree.province, YEAR)] == [
        "16522"
    ]


def test_the_target_is_met_only_at_100_percent(tree, persona, directive, goal):
    officer = persona(Role.COMMUNE_OFFICER)
    _acknowledge(directive, "16417", officer)
    _acknowledge(directive, "16417-TH01", persona(Role.ESTABLISHMENT_OFFICER))
    result = selectors.attainment_of(goal, with_closest=False)
    assert (result.current, result.met, result.gap) == (Decimal("66.7"), False, 1)
    _acknowledge(directive, "16522", persona(Role.COMMUNE_OFFICER, "16522"))
    result = selectors.attainment_of(goal, with_closest=False)
    assert (result.current, result.met) == (Decimal("100.0"), True)


def test_province_staff_set_it_without_a_group_and_the_dashboard_shows_it_live(
    tree, persona, directive, client
):
    from antq.targets import services

    staff = persona(Role.PROVINCE_STAFF)
    goal = services.target_set(
        actor=staff,
        year=YEAR,
        unit=tree.province,
        metric="directives_acknowledged_share",
        subject="commune",  # ignored: the metric counts deployments
        comparison="gte",
        value=Decimal(100),
    )
    assert goal.subject == ""
    _acknowledge(directive, "16417", persona(Role.COMMUNE_OFFICER))
    client.force_login(persona(Role.LEADER))
    page = client.get("/targets/", {"unit": "38", "year": YEAR}).content.decode()
    card = page[page.index('data-testid="target-directives_acknowledged_share-"') :]
    card = card[: card.index("</article>")]
    assert "33,3%" in card and "1/3" in card and 'data-met="false"' in card
    api = client.get("/api/v1/targets/attainment", {"year": YEAR, "unit": "38"}).json()
    [item] = api
    assert (item["hits"], item["total"], item["gap"]) == (1, 3, 2)
    assert {c["code"] for c in item["closest"]} == {"16417-TH01", "16522"}
