"""Targets against a demo province with known recognitions and classes."""

from decimal import Decimal

import pytest
from django.utils.translation import gettext

from antq.core.errors import DomainError
from antq.core.roles import Role
from antq.evaluation import selectors as evaluation_selectors
from antq.evaluation import services as evaluation
from antq.evaluation.tests.support import all_yes
from antq.targets import selectors, services
from antq.targets.choices import Subject
from antq.targets.models import Target

from .support import YEAR, assess, classify, recognise, target


def test_share_recognised_its_gap_and_closest_units_then_revocation(tree, persona, year):
    goal = target(
        persona,
        tree,
        metric="recognised_share",
        subject="residential_area",
        comparison="gt",
        value=Decimal(80),
    )
    first = selectors.attainment_of(goal)
    assert (first.measure.hits, first.measure.total, first.met) == (0, 3, False)
    assert first.gap == 3  # more than 80% of 3 areas is all 3

    recognise(persona, year, tree["16417-KDC01"], tree["16522-KDC01"])
    assess(
        persona, year, tree["16417-KDC02"], answers={**all_yes("residential_area"), "4.3.c": False}
    )
    now = selectors.attainment_of(goal)
    assert (now.measure.hits, now.current, now.met, now.gap) == (2, Decimal("66.7"), False, 1)
    assert now.gap_text == gettext("%(n)s more %(units)s to be recognised") % {
        "n": 1,
        "units": Subject.RESIDENTIAL_AREA.label,
    }
    [closest] = now.closest
    assert closest.unit.code == "16417-KDC02"
    assert closest.missing == gettext("criteria not met: %(ids)s") % {"ids": "4.3"}

    goal.comparison, goal.value = "gte", Decimal("66.6")
    goal.save()
    assert selectors.attainment_of(goal).met

    recognition = evaluation_selectors.recognition_for(campaign=year, unit=tree["16522-KDC01"])
    evaluation.recognition_revoke(
        actor=persona(Role.COMMUNE_OFFICER, "16522"),
        recognition=recognition,
        reason="Xảy ra vụ việc nghiêm trọng",
    )
    after = selectors.attainment_of(goal)
    assert (after.measure.hits, after.met, after.gap) == (1, False, 1)
    assert after.closest[0].unit.code == "16522-KDC01"


def test_no_weak_and_good_or_better(tree, persona, year):
    none_weak = target(
        persona, tree, metric="weak_count", subject="commune", comparison="lte", value=Decimal(0)
    )
    good = target(
        persona,
        tree,
        metric="good_or_better_share",
        subject="commune",
        comparison="between",
        value=Decimal(40),
        value_high=Decimal(60),
    )
    nothing = selectors.attainment_of(none_weak)
    assert (nothing.state, nothing.met, nothing.current) == (selectors.State.NO_DATA, False, None)
    assert selectors.attainment_of(good).state == selectors.State.NO_DATA
    classify(persona, year, tree.commune2, points_each=1)  # 100 points: good, none weak yet
    assert selectors.attainment_of(none_weak).state == selectors.State.MET
    classify(persona, year, tree.commune, points_each=0.2)  # 20 points: weak
    weak = selectors.attainment_of(none_weak)
    assert (weak.current, weak.met, weak.gap) == (Decimal(1), False, 1)
    assert [c.unit.code for c in weak.closest] == ["16417"]
    share = selectors.attainment_of(good)
    assert (share.measure.hits, share.measure.total, share.current, share.met) == (
        1,
        2,
        Decimal("50.0"),
        True,
    )


def test_out_of_scope_units_and_other_provinces_do_not_count(tree, persona, year):
    from antq.units import services as unit_services

    unit_services.unit_update(
        actor=persona(Role.ADMIN),
        unit=tree["16417-KDC02"],
        out_of_scope_reason="Khu dân cư giải tỏa",
    )
    goal = target(
        persona,
        tree,
        metric="recognised_share",
        subject="residential_area",
        comparison="gte",
        value=Decimal(95),
    )
    assert selectors.attainment_of(goal).measure.total == 2


def test_cascade_gives_the_communes_their_own_targets(tree, persona, year):
    goal = target(
        persona,
        tree,
        metric="recognised_share",
        subject="residential_area",
        comparison="gte",
        value=Decimal(90),
    )
    assert services.target_cascade(actor=persona(Role.PROVINCE_STAFF), target=goal) == 2
    mine = Target.objects.get(unit=tree.commune)
    assert (mine.value, mine.cascaded_from) == (Decimal(90), goal)
    recognise(persona, year, tree["16417-KDC01"], tree["16417-KDC02"])
    assert selectors.attainment_of(mine).met
    on_communes = target(
        persona,
        tree,
        metric="recognised_share",
        subject="commune",
        comparison="gte",
        value=Decimal(95),
    )
    with pytest.raises(DomainError):
        services.target_cascade(actor=persona(Role.PROVINCE_STAFF), target=on_communes)


def test_only_province_staff_set_targets_and_values_are_checked(tree, persona, year):
    with pytest.raises(DomainError):
        target(
            persona,
            tree,
            metric="recognised_share",
            subject="commune",
            comparison="gte",
            value=Decimal(120),
        )
    with pytest.raises(DomainError):
        services.target_set(
            actor=persona(Role.COMMUNE_OFFICER),
            year=YEAR,
            unit=tree.commune,
            metric="recognised_share",
            subject="residential_area",
            comparison="gte",
            value=Decimal(90),
        )
    assert not Target.objects.exists()


def test_a_target_with_no_data_yet_reads_no_data_on_the_dashboard_public_page_and_api(
    tree, persona, year, client, bearer
):
    goal = target(
        persona, tree, metric="weak_count", subject="commune", comparison="lte", value=Decimal(0)
    )
    goal.public = True
    goal.save()
    no_data = gettext("No data yet")
    assert no_data == "Chưa có số liệu"
    client.force_login(persona(Role.LEADER))
    for page in (
        client.get("/targets/", {"unit": "38", "year": YEAR}),
        client.get("/public/38/", {"year": YEAR}),
    ):
        body = page.content.decode()
        card = body[body.index('data-testid="target-weak_count-commune"') :]
        card = card[: card.index("</article>")]
        assert 'data-state="no_data"' in card and no_data in card
        assert gettext("Met") not in card
    [item] = client.get(
        "/api/v1/targets/attainment",
        {"year": YEAR, "unit": "38"},
        headers=bearer(persona(Role.LEADER)),
    ).json()
    assert (item["state"], item["met"], item["current"]) == ("no_data", False, None)
