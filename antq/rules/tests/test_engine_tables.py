"""Table tests written from the legal text, at and around every threshold."""

import pytest

from antq.rules import (
    InvalidInputError,
    UnknownCriterionError,
    UnknownFigureError,
    UnknownUnitKindError,
    evaluate,
)

from .support import TT23, TT124, all_yes, evaluate_with, outcome, point


@pytest.mark.parametrize("kind", ["residential_area", "commune", "agency", "enterprise", "school"])
def test_all_yes_with_passing_figures_is_recognised(kind):
    verdict = evaluate_with(kind)
    assert verdict.met, verdict.explain()
    assert verdict.ruleset_id == "tt124-2021"
    assert verdict.unit_kind == kind


# Article 4.1: 100% of resident households registered.
@pytest.mark.parametrize(
    ("registered", "resident", "met"),
    [
        (250, 250, True),
        (249, 250, False),
        (999, 1000, False),
        (9999, 10000, False),
        (1, 1, True),
        (0, 250, False),
        (0, 0, False),
        (251, 250, False),
    ],
)
def test_households_all_registered(registered, resident, met):
    verdict = evaluate_with(
        "residential_area", households_registered=registered, households_resident=resident
    )
    assert outcome(verdict, "4.1").met is met
    assert verdict.met is met


def test_households_reason_states_the_figures():
    reason = outcome(evaluate_with("residential_area", households_registered=249), "4.1").reason
    assert "99,6% (249/250) thấp hơn mức 100%" in reason
    reason = outcome(
        evaluate_with("residential_area", households_registered=9999, households_resident=10000),
        "4.1",
    ).reason
    assert "99,9% (9999/10000)" in reason  # rounded down, never shown as 100%


def test_households_more_registered_than_resident_is_invalid():
    reason = outcome(evaluate_with("residential_area", households_registered=251), "4.1").reason
    assert "Số liệu không hợp lệ" in reason


def test_households_figures_absent_the_answer_decides():
    verdict = evaluate(TT124, "residential_area", all_yes(TT124, "residential_area"))
    assert outcome(verdict, "4.1").met
    assert "Chưa có số liệu" in outcome(verdict, "4.1").reason


def test_households_answer_no_fails_even_with_all_registered():
    verdict = evaluate_with("residential_area", answers={"4.1": False})
    assert not outcome(verdict, "4.1").met


def test_households_one_figure_missing_fails_and_says_which():
    answers = all_yes(TT124, "residential_area")
    verdict = evaluate(TT124, "residential_area", answers, {"households_resident": 250})
    assert not outcome(verdict, "4.1").met
    assert "households_registered" in outcome(verdict, "4.1").reason


# Article 4.4.a: this year compared with last year; equal is "held down" and passes.
@pytest.mark.parametrize(
    ("this_year", "last_year", "met"),
    [(10, 10, True), (9, 10, True), (0, 0, True), (0, 5, True), (11, 10, False), (1, 0, False)],
)
def test_offences_this_year_not_greater_than_last_year(this_year, last_year, met):
    verdict = evaluate_with(
        "residential_area", offences_this_year=this_year, offences_last_year=last_year
    )
    assert point(verdict, "4.4.a").met is met
    assert outcome(verdict, "4.4").met is met


def test_offences_reasons():
    verdict = evaluate_with("residential_area", offences_this_year=12, offences_last_year=10)
    assert "năm nay 12, năm trước 10: tăng 2" in point(verdict, "4.4.a").reason
    verdict = evaluate_with("residential_area", offences_this_year=8, offences_last_year=10)
    assert "giảm 2" in point(verdict, "4.4.a").reason


def test_offences_figures_win_over_the_answer():
    verdict = evaluate_with(
        "residential_area", answers={"4.4.a": True}, offences_this_year=11, offences_last_year=10
    )
    assert not point(verdict, "4.4.a").met


def test_offences_absent_answer_decides_and_both_absent_fails():
    answers = all_yes(TT124, "residential_area")
    assert point(evaluate(TT124, "residential_area", answers), "4.4.a").met
    del answers["4.4.a"]
    result = point(evaluate(TT124, "residential_area", answers), "4.4.a")
    assert not result.met
    assert "Thiếu số liệu" in result.reason


# Article 5.4: 100% registered and at least 70% recognised (inclusive).
@pytest.mark.parametrize(
    ("total", "registered", "recognised", "met"),
    [
        (25, 25, 17, False),
        (25, 25, 18, True),
        (10, 10, 7, True),
        (10, 10, 6, False),
        (1000, 1000, 699, False),
        (1000, 1000, 700, True),
        (25, 24, 24, False),
        (25, 24, 18, False),
        (1, 1, 1, True),
        (1, 1, 0, False),
        (0, 0, 0, False),
    ],
)
def test_commune_5_4(total, registered, recognised, met):
    verdict = evaluate_with(
        "commune",
        subunits_total=total,
        subunits_registered=registered,
        subunits_recognised=recognised,
    )
    assert outcome(verdict, "5.4").met is met
    assert verdict.met is met


def test_commune_5_4_reason_states_the_figures():
    verdict = evaluate_with("commune", subunits_recognised=17)
    assert (
        "Tỷ lệ khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục được công nhận "
        "68,0% (17/25) thấp hơn mức 70%"
    ) in outcome(verdict, "5.4").reason
    verdict = evaluate_with(
        "commune", subunits_total=1000, subunits_registered=1000, subunits_recognised=699
    )
    assert "69,9% (699/1000) thấp hơn mức 70%" in outcome(verdict, "5.4").reason


# Article 5.2: the commune's own answers to 4.2, 4.3 and 4.4.
def test_commune_5_2_lists_the_residential_area_items():
    result = outcome(evaluate_with("commune"), "5.2")
    assert result.met
    assert [p.id for p in result.points] == [
        "4.2",
        "4.3.a",
        "4.3.b",
        "4.3.c",
        "4.3.d",
        "4.3.dd",
        "4.3.e",
        "4.3.g",
        "4.4.a",
        "4.4.b",
        "4.4.c",
        "4.4.d",
    ]
    assert result.points[0].citation == "Điều 4 khoản 2 Thông tư 124/2021/TT-BCA"


@pytest.mark.parametrize("item_id", ["4.2", "4.3.b", "4.3.g", "4.4.c"])
def test_commune_5_2_fails_on_any_included_item(item_id):
    result = outcome(evaluate_with("commune", answers={item_id: False}), "5.2")
    assert not result.met
    assert item_id in result.reason


def test_commune_5_2_fails_when_offences_rise():
    verdict = evaluate_with("commune", offences_this_year=11, offences_last_year=10)
    assert not outcome(verdict, "5.2").met
    assert not verdict.met


def test_commune_cannot_answer_criteria_outside_its_ruleset():
    with pytest.raises(UnknownCriterionError):
        evaluate_with("commune", answers={"4.1": True})


# Article 5.1, 6.1, 7.1: at least one effective model; 100% of staff briefed.
@pytest.mark.parametrize(("models", "met"), [(0, False), (1, True), (3, True)])
@pytest.mark.parametrize(
    ("kind", "criterion"), [("commune", "5.1"), ("agency", "6.1"), ("school", "7.1")]
)
def test_at_least_one_effective_model(kind, criterion, models, met):
    verdict = evaluate_with(kind, effective_models=models)
    assert outcome(verdict, criterion).met is met


@pytest.mark.parametrize(
    ("briefed", "total", "met"), [(40, 40, True), (39, 40, False), (0, 0, False)]
)
def test_all_staff_briefed(briefed, total, met):
    verdict = evaluate_with("agency", staff_briefed=briefed, staff_total=total)
    assert outcome(verdict, "6.1").met is met


# Articles 6.5 and 7.6: at least 70% of divisions advanced; met when none is eligible.
@pytest.mark.parametrize(
    ("advanced", "total", "met"),
    [
        (7, 10, True),
        (6, 10, False),
        (699, 1000, False),
        (700, 1000, True),
        (0, 0, True),
        (3, 3, True),
        (2, 3, False),
    ],
)
@pytest.mark.parametrize(
    ("kind", "criterion"), [("agency", "6.5"), ("enterprise", "6.5"), ("school", "7.6")]
)
def test_divisions_advanced(kind, criterion, advanced, total, met):
    verdict = evaluate_with(kind, divisions_advanced=advanced, divisions_total=total)
    assert outcome(verdict, criterion).met is met


def test_divisions_answer_covers_discipline():
    verdict = evaluate_with("agency", answers={"6.5": False})
    assert not outcome(verdict, "6.5").met


# Not applicable: only where the law allows it (6.4, 7.5).
def test_protection_force_title_may_be_not_applicable():
    verdict = evaluate_with("agency", answers={"6.4.title": None})
    result = outcome(verdict, "6.4")
    title, discipline = result.points
    assert result.met and not title.applicable and discipline.applicable
    assert verdict.met


def test_not_applicable_elsewhere_fails():
    verdict = evaluate_with("residential_area", answers={"4.2": None})
    assert not outcome(verdict, "4.2").met


def test_missing_answer_fails_with_a_reason():
    answers = all_yes(TT124, "school")
    del answers["7.4"]
    result = outcome(evaluate(TT124, "school", answers), "7.4")
    assert not result.met
    assert "Thiếu kết quả đánh giá cho 7.4" in result.reason


# Circular 23/2012: commune 6.4 (70% of residential areas) and yes/no-only criteria.
@pytest.mark.parametrize(("recognised", "met"), [(16, False), (17, False), (18, True)])
def test_tt23_commune_70_percent_of_residential_areas(recognised, met):
    verdict = evaluate_with(
        "commune", ruleset=TT23, residential_areas_total=25, residential_areas_recognised=recognised
    )
    assert outcome(verdict, "6.4").met is met


def test_tt23_reason_matches_the_worked_example():
    verdict = evaluate_with(
        "commune", ruleset=TT23, residential_areas_total=25, residential_areas_recognised=16
    )
    assert "Tỷ lệ khu dân cư được công nhận 64,0% (16/25) thấp hơn mức 70%" in (
        outcome(verdict, "6.4").reason
    )


def test_tt23_unknown_text_is_answered_yes_no_only():
    verdict = evaluate_with("residential_area", ruleset=TT23)
    assert verdict.met
    assert "chưa có nguyên văn" in outcome(verdict, "5.2").reason
    verdict = evaluate_with("agency", ruleset=TT23, answers={"cqdn": False})
    assert not verdict.met


# Typed refusals.
def test_unknown_unit_kind():
    with pytest.raises(UnknownUnitKindError, match="Loại đơn vị không hợp lệ"):
        evaluate(TT124, "district", {})


def test_unknown_criterion_id():
    with pytest.raises(UnknownCriterionError, match=r"4\.9"):
        evaluate(TT124, "residential_area", {"4.9": True})


def test_pointed_criterion_is_answered_by_points():
    with pytest.raises(UnknownCriterionError, match=r"4\.3\.a"):
        evaluate(TT124, "residential_area", {"4.3": True})


def test_unknown_figure():
    with pytest.raises(UnknownFigureError, match="households"):
        evaluate(TT124, "residential_area", {}, {"households": 3})


@pytest.mark.parametrize("value", ["yes", 1, 0.5])
def test_answer_of_the_wrong_type(value):
    with pytest.raises(InvalidInputError):
        evaluate(TT124, "residential_area", {"4.2": value})


@pytest.mark.parametrize("value", [True, 2.5, "3"])
def test_figure_of_the_wrong_type(value):
    with pytest.raises(InvalidInputError):
        evaluate(TT124, "residential_area", {}, {"households_resident": value})


def test_explain_names_criterion_clause_and_reason():
    verdict = evaluate_with("commune", subunits_recognised=17)
    assert verdict.explain() == [
        "5.4 (Điều 5 khoản 4 Thông tư 124/2021/TT-BCA): " + outcome(verdict, "5.4").reason
    ]
