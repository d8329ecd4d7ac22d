"""Loading rulesets: validation, the ruleset in force on a date, provincial additions."""

import tomllib
from datetime import date
from pathlib import Path

import pytest

from antq.rules import (
    NoRulesetError,
    RulesetFormatError,
    UnknownCriterionError,
    additions_from_dict,
    apply_additions,
    evaluate,
    evaluation_period,
    load_additions,
    load_ruleset,
    load_rulesets,
    ruleset_for_date,
    ruleset_for_period_end,
    ruleset_for_year,
    ruleset_from_dict,
)

from .support import TT124, all_yes, outcome, point

SHIPPED = Path(__file__).resolve().parents[1] / "rulesets" / "tt124-2021.toml"


def test_shipped_rulesets_load():
    assert [r.id for r in load_rulesets()] == ["tt23-2012", "tt124-2021"]
    assert TT124.effective_from == date(2022, 2, 10)
    assert TT124.effective_to is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2015, 6, 1), "tt23-2012"),
        (date(2021, 12, 31), "tt23-2012"),
        (date(2022, 2, 9), "tt23-2012"),
        (date(2022, 2, 10), "tt124-2021"),
        (date(2025, 7, 1), "tt124-2021"),
    ],
)
def test_ruleset_for_date(day, expected):
    assert ruleset_for_date(day).id == expected


@pytest.mark.parametrize("kind", ["residential_area", "commune", "agency", "enterprise", "school"])
def test_a_year_uses_the_ruleset_in_force_at_the_end_of_its_period(kind):
    assert ruleset_for_year(2021, kind).id == "tt23-2012"
    for year in (2022, 2023, 2026):
        assert ruleset_for_year(year, kind).id == "tt124-2021"


def test_evaluation_periods_of_article_8():
    assert evaluation_period(2022, "residential_area") == (date(2021, 11, 1), date(2022, 10, 31))
    assert evaluation_period(2022, "school") == (date(2021, 11, 16), date(2022, 11, 15))
    assert ruleset_for_period_end(date(2022, 10, 31)).id == "tt124-2021"


def test_no_ruleset_in_force():
    with pytest.raises(NoRulesetError, match="01/01/2030"):
        ruleset_for_date(date(2030, 1, 1), rulesets=[load_rulesets()[0]])


def test_missing_citation_names_the_file_and_the_criterion():
    data = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    del data["kinds"]["residential_area"]["criteria"][2]["points"][1]["citation"]
    with pytest.raises(
        RulesetFormatError,
        match=r"^tt124-2021\.toml: tiêu chí 4\.3 .*4\.3\.b: "
        r"thiếu trường bắt buộc 'citation'",
    ):
        ruleset_from_dict(data, "tt124-2021.toml")


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "hỏng.toml"
    path.write_text('id = "x"\ntitle = \n', encoding="utf-8")
    with pytest.raises(RulesetFormatError, match=r"hỏng\.toml: không đọc được TOML"):
        load_ruleset(path)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["kinds"]["commune"]["criteria"][0].update(citaton="x"), "citaton"),
        (
            lambda d: d["kinds"]["commune"]["criteria"][0]["checks"][0].update(figure="models"),
            "models",
        ),
        (
            lambda d: d["kinds"]["commune"]["criteria"][3]["checks"][1].update(threshold=170),
            "ngưỡng",
        ),
        (
            lambda d: d["kinds"]["commune"]["criteria"][1]["includes"].update(criteria=["4.9"]),
            "4.9",
        ),
        (lambda d: d["kinds"]["agency"]["criteria"][1].update(id="6.1"), "trùng"),
        (lambda d: d["kinds"]["school"]["criteria"][1].update(text_known=False), "text_known"),
        (lambda d: d["kinds"].update(district={"criteria": []}), "district"),
        (lambda d: d["kinds"]["enterprise"].update(same_as="club"), "same_as"),
        (lambda d: d.update(effective_from="10/02/2022"), "YYYY-MM-DD"),
        (
            lambda d: d["kinds"]["residential_area"]["criteria"][2]["points"][0].update(id="4.4.a"),
            "4.3.<chữ>",
        ),
    ],
)
def test_malformed_rulesets_are_refused_with_a_clear_message(edit, message):
    data = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    edit(data)
    with pytest.raises(RulesetFormatError) as error:
        ruleset_from_dict(data, "tt124-2021.toml")
    assert error.value.message.startswith("tt124-2021.toml: ")
    assert message in error.value.message


ADDITIONS = {
    "id": "tinh-mau-2024",
    "title": "Tiêu chí bổ sung của tỉnh (mẫu)",
    "citation": "Quyết định số 01/QĐ-UBND (mẫu dùng để kiểm thử)",
    "base": "tt124-2021",
    "effective_from": date(2024, 1, 1),
    "kinds": {
        "residential_area": {
            "criteria": [
                {
                    "id": "t.1",
                    "text": "Không có hộ gia đình vi phạm quy ước.",
                    "citation": "Điều 2 khoản 1 Quyết định số 01/QĐ-UBND",
                }
            ],
            "points": [
                {
                    "criterion": "4.3",
                    "id": "4.3.t1",
                    "text": "Không để xảy ra tụ tập đua xe trái phép;",
                    "citation": "Điều 2 khoản 2 Quyết định số 01/QĐ-UBND",
                }
            ],
        },
    },
}


def test_provincial_additions_make_a_derived_ruleset():
    derived = apply_additions(TT124, additions_from_dict(ADDITIONS))
    assert derived.id == "tt124-2021+tinh-mau-2024"
    assert derived.base_id == "tt124-2021"
    assert derived.effective_from == date(2024, 1, 1)
    assert [c.id for c in derived.criteria_for("residential_area")][-1] == "t.1"
    assert derived.criterion("residential_area", "4.3").points[-1].id == "4.3.t1"
    assert derived.criterion("residential_area", "t.1").source.startswith("Quyết định số 01")
    # The base is untouched.
    assert TT124.criterion("residential_area", "t.1") is None
    with pytest.raises(UnknownCriterionError):
        evaluate(TT124, "residential_area", {"t.1": True})


def test_provincial_criteria_must_be_met_too():
    derived = apply_additions(TT124, additions_from_dict(ADDITIONS))
    answers = all_yes(TT124, "residential_area")
    verdict = evaluate(derived, "residential_area", answers)
    assert not verdict.met
    assert "Thiếu kết quả đánh giá cho t.1" in outcome(verdict, "t.1").reason
    answers.update({"t.1": True, "4.3.t1": False})
    verdict = evaluate(derived, "residential_area", answers)
    assert not outcome(verdict, "4.3").met
    answers["4.3.t1"] = True
    assert evaluate(derived, "residential_area", answers).met


def test_provincial_points_reach_the_commune_through_5_2():
    derived = apply_additions(TT124, additions_from_dict(ADDITIONS))
    answers = {**all_yes(derived, "commune"), "4.3.t1": False}
    verdict = evaluate(derived, "commune", answers)
    assert not point(verdict, "4.3.t1").met
    assert not outcome(verdict, "5.2").met


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(base="tt23-2012"), "tt23-2012"),
        (
            lambda d: d["kinds"]["residential_area"]["points"][0].update(
                criterion="4.1", id="4.1.t1"
            ),
            "không chia điểm",
        ),
        (lambda d: d["kinds"]["residential_area"]["criteria"][0].update(id="4.2"), "trùng"),
        (lambda d: d["kinds"]["residential_area"]["criteria"][0].pop("citation"), "citation"),
    ],
)
def test_malformed_additions_are_refused(edit, message):
    data = {
        **ADDITIONS,
        "kinds": {
            "residential_area": {
                "criteria": [dict(c) for c in ADDITIONS["kinds"]["residential_area"]["criteria"]],
                "points": [dict(p) for p in ADDITIONS["kinds"]["residential_area"]["points"]],
            }
        },
    }
    edit(data)
    with pytest.raises(RulesetFormatError, match=message):
        apply_additions(TT124, additions_from_dict(data, "tinh-mau.toml"))


def test_additions_load_from_a_file(tmp_path):
    path = tmp_path / "tinh-mau.toml"
    path.write_text(
        """
id = "tinh-mau"
title = "Tiêu chí bổ sung (mẫu)"
citation = "Quyết định số 01/QĐ-UBND"
base = "tt124-2021"

[[kinds.school.criteria]]
id = "t.1"
text = "Không có học sinh vi phạm an toàn giao thông bị xử lý."
citation = "Điều 3 Quyết định số 01/QĐ-UBND"
""",
        encoding="utf-8",
    )
    derived = apply_additions(TT124, load_additions(path))
    assert derived.criterion("school", "t.1") is not None
    assert derived.criterion("agency", "t.1") is None
