"""The criteria read the registries: 5.1's effective models and 4.5's force rating."""

from datetime import date

import pytest
import time_machine

from antq.core.roles import Role
from antq.evaluation import selectors
from antq.forces import services as force_services
from antq.models import services as model_services

from .support import YEAR, all_yes, open_year


@pytest.fixture(autouse=True)
def after_the_rating_period():
    with time_machine.travel(date(YEAR, 12, 2), tick=False):
        yield


def _model(staff, commune, *, effective: bool):
    model = model_services.model_create(
        actor=staff,
        owner=commune,
        serves=["tu_quan"],
        name="Camera an ninh khu dân cư",
        field="residential",
        level="commune",
        decision_number="7/QĐ-UBND",
        decision_date=date(YEAR - 1, 3, 15),
    )
    model_services.judgement_record(
        actor=staff,
        model=model,
        site=None,
        year=YEAR,
        effective=effective,
        grade="",
        judged_by="Công an tỉnh",
        judged_on=date(YEAR, 11, 20),
    )


@pytest.mark.parametrize("effective", [True, False])
def test_a_communes_effective_models_come_from_the_registry(persona, tree, effective):
    campaign = open_year(persona)
    staff = persona(Role.PROVINCE_STAFF)
    commune = tree["16417"]
    _model(staff, commune, effective=effective)
    verdict, figures = selectors.verdict_of(campaign, commune, all_yes("commune"), {})
    used = figures["effective_models"]
    assert used.system and used.value == (1 if effective else 0)
    assert "mô hình" in used.source.lower()
    outcome = next(c for c in verdict.criteria if c.id == "5.1")
    assert outcome.met is effective
    if not effective:
        assert "cần ít nhất 1" in outcome.reason


def test_without_models_in_the_registry_the_answer_still_decides(persona, tree):
    campaign = open_year(persona)
    _verdict, figures = selectors.verdict_of(campaign, tree["16417"], all_yes("commune"), {})
    assert "effective_models" not in figures


def _team(officer, area, level):
    team = force_services.team_create(
        actor=officer,
        commune=area.parent,
        name="Tổ bảo vệ ANTT Thôn Đông Hưng",
        areas=[area],
        decision_number="3/QĐ-UBND",
        decision_date=date(YEAR - 2, 12, 1),
    )
    force_services.rating_record(
        actor=officer,
        team=team,
        member=None,
        year=YEAR,
        level=level,
        decided_on=date(YEAR, 11, 10),
    )


def test_an_area_whose_team_did_not_complete_its_tasks_fails_45(persona, tree):
    campaign = open_year(persona)
    area = tree["16417-KDC01"]
    _team(persona(Role.COMMUNE_OFFICER), area, "not_completed")
    verdict, _figures = selectors.verdict_of(campaign, area, all_yes("residential_area"), {})
    assert [c.id for c in verdict.failed()] == ["4.5"]
    note = selectors.verdict_notes(campaign, area)["4.5"][0]
    assert "Không hoàn thành nhiệm vụ" in note


def test_a_team_rated_completed_meets_45(persona, tree):
    campaign = open_year(persona)
    area = tree["16417-KDC01"]
    _team(persona(Role.COMMUNE_OFFICER), area, "completed")
    answers = {**all_yes("residential_area"), "4.5": False}
    verdict, _figures = selectors.verdict_of(campaign, area, answers, {})
    assert verdict.met  # the registry's final rating decides, not the typed answer


def test_the_years_refresh_agrees_with_the_registries(persona, tree):
    from antq.evaluation import services
    from antq.evaluation.year_inputs import year_inputs

    campaign = open_year(persona)
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    area = tree["16417-KDC01"]
    _team(officer, area, "not_completed")
    assessment = services.assessment_save(
        actor=staff, campaign=campaign, unit=area, answers=all_yes("residential_area"), figures={}
    )
    assert assessment.met is False
    answers = {pk: a for pk, _kind, a, _f in year_inputs(campaign)}
    assert answers[assessment.pk]["4.5"] is False
    assert services.year_verdicts_refresh(campaign=campaign) == 0
