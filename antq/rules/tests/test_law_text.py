"""What ANTQ shows as the law's words is the law's words, letter for letter."""

import pytest

from antq import rules

from .law_text import SHARED_TEXT, TT124_TEXT, law_items, normalise
from .support import TT124


def _items():
    for kind in TT124.unit_kinds:
        for criterion in TT124.criteria_for(kind):
            yield kind, criterion
            for point in criterion.points:
                yield kind, point


def _law_text_of(item_id: str, law: dict[str, str]) -> str:
    # 7.3 refers to points of Article 6 clause 3: its points carry their words.
    if item_id.startswith("7.3."):
        return law["6.3." + item_id.split(".")[2]]
    return law[item_id]


def test_every_quoted_text_is_the_law_word_for_word():
    law = law_items()
    wrong = []
    for _kind, item in _items():
        if item.wording != "quoted":
            continue
        if getattr(item, "part", False):
            clause = law[item.id.rsplit(".", 1)[0]]
            if normalise(item.text) not in normalise(clause):
                wrong.append(item.id)
        elif normalise(item.text) != normalise(_law_text_of(item.id, law)):
            wrong.append(item.id)
    assert not wrong, f"quoted texts that differ from {TT124_TEXT.name}: {wrong}"


def test_all_45_items_of_circular_124_are_quoted():
    law = law_items()
    ids = set(law) | {f"7.3.{x}" for x in ("a", "b", "c", "dd", "e", "g")}
    assert len(ids) == 45
    shipped = {item.id: item for _kind, item in _items() if not getattr(item, "part", False)}
    assert set(shipped) == ids
    assert [i for i, item in shipped.items() if item.wording != "quoted"] == []


def test_the_words_the_review_found_missing_are_there():
    assert (
        "cưỡng ép, dụ dỗ, mua chuộc" in TT124.criterion("residential_area", "4.3").points[-1].text
    )
    school_72 = TT124.criterion("school", "7.2").text
    assert "khoản 2 Điều 6" not in school_72
    assert "Ban Đại diện cha mẹ học sinh" in school_72


def test_the_vendored_text_is_the_shared_one():
    if not SHARED_TEXT.is_file():
        pytest.skip(f"shared/domain not beside the checkout ({SHARED_TEXT})")
    assert TT124_TEXT.read_text(encoding="utf-8") == SHARED_TEXT.read_text(encoding="utf-8")


@pytest.mark.parametrize(("kind", "clause"), [("agency", "6.4"), ("school", "7.5")])
def test_not_applicable_limits_only_the_title_part(kind, clause):
    answers = dict.fromkeys(rules.answerable_ids(TT124, kind), True)
    answers[f"{clause}.title"] = None
    answers[f"{clause}.discipline"] = False
    outcome = next(o for o in rules.evaluate(TT124, kind, answers).criteria if o.id == clause)
    assert not outcome.met
    title, discipline = outcome.points
    assert not title.applicable and title.met
    assert discipline.applicable and not discipline.met


def test_the_discipline_part_cannot_be_not_applicable():
    answers = dict.fromkeys(rules.answerable_ids(TT124, "agency"), True)
    answers["6.4.discipline"] = None
    verdict = rules.evaluate(TT124, "agency", answers)
    assert not verdict.met
    assert "Không đạt: 6.4 (phần kỷ luật)." in " ".join(verdict.explain())


def test_periods_cite_their_points_of_article_8():
    assert TT124.periods["residential_area"].citation.startswith("Điều 8 khoản 2 điểm a")
    for kind in ("commune", "agency", "enterprise", "school"):
        assert TT124.periods[kind].citation.startswith("Điều 8 khoản 2 điểm b"), kind


def test_circular_23_applies_only_from_its_own_date():
    from datetime import date

    assert rules.ruleset_for_date(date(2012, 4, 27)).id == "tt23-2012"
    with pytest.raises(rules.NoRulesetError):
        rules.ruleset_for_date(date(2012, 4, 26))
