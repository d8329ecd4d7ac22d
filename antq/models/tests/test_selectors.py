"""Guidance 22's counting and the figures other apps read."""

from datetime import date

import pytest

from antq.core.roles import Role
from antq.models import selectors, services
from antq.units import services as unit_services


@pytest.fixture
def third_commune(tree, persona):
    return unit_services.unit_create(
        actor=persona(Role.ADMIN),
        code="16525",
        name="Phường Hàm Rồng",
        kind="commune",
        parent=tree.province,
        valid_from=date(2025, 7, 1),
    )


@pytest.fixture
def replicated(tree, third_commune, make_model, make_site):
    """A province's model replicated in three communes: 2 + 1 + 3 teams."""
    model = make_model(tree.province, name="Mô hình “Camera an ninh”", level="province")
    make_site(model, tree.commune, teams=(10, 12))
    make_site(model, tree.commune2, teams=(9,))
    make_site(model, third_commune, teams=(8, 8, 7))
    return model


def test_guidance_22_counts_one_model_three_sites_and_its_teams(tree, replicated):
    figures = selectors.statistics(unit=tree.province, year=2026)
    assert figures["models"] == 1
    assert figures["sites"] == 3
    assert figures["teams"] == 6
    assert figures["team_members"] == 54
    assert figures["models_by_level"]["province"] == 1
    assert figures["models_by_level"]["commune"] == 0
    assert figures["models_by_field"]["residential"] == 1


def test_a_commune_counts_the_model_once_with_its_own_site_and_teams(tree, replicated):
    figures = selectors.statistics(unit=tree.commune, year=2026)
    assert (figures["models"], figures["sites"], figures["teams"]) == (1, 1, 2)
    other = selectors.statistics(unit=tree.other_province, year=2026)
    assert (other["models"], other["sites"], other["teams"]) == (0, 0, 0)


def test_the_drill_down_shows_each_commune(tree, replicated, third_commune):
    rows = {
        r["unit"].code: r for r in selectors.statistics_breakdown(unit=tree.province, year=2026)
    }
    assert {code: (r["models"], r["sites"], r["teams"]) for code, r in rows.items()} == {
        "16417": (1, 1, 2),
        "16522": (1, 1, 1),
        "16525": (1, 1, 3),
    }


def test_report_figures_count_what_was_active_on_the_last_day(tree, replicated, staff):
    figures = selectors.report_figures(
        unit=tree.province, start=date(2026, 1, 1), end=date(2026, 6, 30)
    )
    assert figures == {"models_active": 1, "self_management_teams": 6}
    before_sites = selectors.report_figures(
        unit=tree.province, start=date(2024, 1, 1), end=date(2024, 3, 31)
    )
    # Founded on 15/03/2024, replicated from 01/06/2024: the model alone counts.
    assert before_sites == {"models_active": 1, "self_management_teams": 0}
    services.model_set_status(
        actor=staff, model=replicated, status="paused", on=date(2026, 9, 1), reason="Tạm dừng"
    )
    assert selectors.report_figures(
        unit=tree.province, start=date(2026, 7, 1), end=date(2026, 9, 30)
    ) == {"models_active": 0, "self_management_teams": 0}
    # The first half of the year still counts it: it was active then.
    assert (
        selectors.report_figures(unit=tree.province, start=date(2026, 1, 1), end=date(2026, 6, 30))[
            "models_active"
        ]
        == 1
    )


def test_examples_are_counted_in_the_year_of_their_decision(tree, replicated, staff):
    for year in (2025, 2026):
        services.example_create(
            actor=staff,
            unit=tree.commune,
            model=replicated,
            kind="collective",
            name=f"Tổ tự quản {year}",
            level="commune",
            decision_number=f"{year}/QĐ",
            decision_date=date(year, 5, 1),
            reason="Thành tích",
        )
    figures = selectors.statistics(unit=tree.province, year=2026)
    assert figures["examples"] == 1
    assert figures["examples_by_field"]["residential"] == 1


# --- effective_models_count ------------------------------------------------------------------


def test_a_commune_with_one_effective_model_counts_one(tree, make_model, judge):
    model = make_model(tree.commune)
    judge(model, year=2026, effective=True)
    assert selectors.effective_models_count(unit=tree.commune, year=2026) == 1
    count, reason = selectors.effective_models_reason(unit=tree.commune, year=2026)
    assert count == 1 and "Sổ theo dõi mô hình tự quản" in reason


def test_a_commune_with_none_counts_zero(tree, make_model, judge):
    assert selectors.effective_models_count(unit=tree.commune, year=2026) == 0
    model = make_model(tree.commune)
    judge(model, year=2026, effective=False)
    judge(model, year=2025, effective=True)  # another year does not count
    assert selectors.effective_models_count(unit=tree.commune, year=2026) == 0
    count, reason = selectors.effective_models_reason(unit=tree.commune, year=2026)
    assert count == 0 and "không có mô hình nào" in reason and "Phường Đông Quang" in reason


def test_a_site_judged_effective_counts_for_its_unit_only(tree, make_model, make_site, judge):
    model = make_model(tree.province, level="province")
    site = make_site(model, tree.commune, teams=(5,))
    other = make_site(model, tree.commune2, teams=(5,))
    judge(model, site=site, effective=True)
    judge(model, site=other, effective=False)
    assert selectors.effective_models_count(unit=tree.commune, year=2026) == 1
    assert selectors.effective_models_count(unit=tree.commune2, year=2026) == 0
    assert selectors.effective_models_count(unit=tree.province, year=2026) == 0
    judge(model, effective=True)  # on the model as a whole: every site's unit and the owner
    assert selectors.effective_models_count(unit=tree.commune2, year=2026) == 1
    assert selectors.effective_models_count(unit=tree.province, year=2026) == 1


def test_the_unit_itself_not_its_subtree(tree, make_model, make_site, judge):
    model = make_model(tree.commune)
    site = make_site(model, tree.area, teams=(5,))
    judge(model, site=site, effective=True)
    assert selectors.effective_models_count(unit=tree.area, year=2026) == 1
    # The owner commune's own count needs a judgement of the model (or a site in the commune).
    assert selectors.effective_models_count(unit=tree.commune, year=2026) == 0
    judge(model, effective=True)
    assert selectors.effective_models_count(unit=tree.commune, year=2026) == 1
    assert selectors.effective_models_count(unit=tree.commune2, year=2026) == 0
