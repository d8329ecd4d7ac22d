"""Decision 510 classification: shipped data, bands, the cap, and what would lift a class."""

from decimal import Decimal
from fractions import Fraction

import pytest

from antq.rules import (
    CLASS_LABELS,
    UNIT_KINDS,
    ClassificationError,
    RulesetFormatError,
    classify,
    get_policy,
    items_to_lift,
    load_classifications,
    sheet_for,
    total_points,
)

POLICY = get_policy("qd510-2022-provisional")


def test_shipped_policy_is_labelled_provisional():
    assert POLICY.provisional
    assert "TẠM THỜI" in POLICY.label
    assert [(b.class_name, b.min_points) for b in POLICY.bands] == [
        ("excellent", 90),
        ("good", 70),
        ("average", 50),
        ("weak", 0),
    ]
    assert [(c.condition, c.max_class) for c in POLICY.caps] == [("not_recognised", "good")]


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        (100, "excellent"),
        (90, "excellent"),
        (89.9, "good"),
        (Fraction(899, 10), "good"),
        (70, "good"),
        (69.9, "average"),
        (Decimal("50"), "average"),
        (49.5, "weak"),
        (0, "weak"),
    ],
)
def test_bands_are_inclusive(points, expected):
    assert classify(POLICY, points, recognised=True) == expected


@pytest.mark.parametrize(
    ("points", "expected"),
    [(100, "good"), (90, "good"), (75, "good"), (60, "average"), (10, "weak")],
)
def test_not_recognised_is_at_most_good(points, expected):
    assert classify(POLICY, points, recognised=False) == expected


@pytest.mark.parametrize("points", [-1, 100.5, True, "90"])
def test_points_out_of_range_or_of_the_wrong_type(points):
    with pytest.raises(ClassificationError):
        classify(POLICY, points, recognised=True)


def test_class_labels_are_vietnamese():
    assert CLASS_LABELS == {
        "excellent": "Xuất sắc",
        "good": "Khá",
        "average": "Trung bình",
        "weak": "Yếu",
    }


@pytest.mark.parametrize("kind", UNIT_KINDS)
def test_every_unit_kind_has_a_complete_100_point_sheet(kind):
    sheet = sheet_for(kind)
    assert sheet.max_points == 100
    assert sum(item.max_points for item in sheet.items) == 100
    assert sheet.provisional
    assert "TẠM THỜI" in sheet.label
    assert all(item.citation and item.text for item in sheet.items)


def test_known_items_of_article_7_are_not_provisional():
    sheet = sheet_for("agency")
    known = {i.id: i.max_points for i in sheet.items if not i.provisional}
    assert known == {"1": 3, "2": 3, "3": 5, "4a": 1}
    assert all("Quyết định 510/QĐ-BCA-V05" in i.citation for i in sheet.items if not i.provisional)
    assert sheet_for("school") is sheet and sheet_for("enterprise") is sheet


def test_residential_and_commune_sheets_are_wholly_provisional():
    for kind in ("residential_area", "commune"):
        assert all(item.provisional for item in sheet_for(kind).items)


def test_total_points_checks_the_scores():
    sheet = sheet_for("agency")
    assert total_points(sheet, {"1": 3, "2": 2.5}) == Fraction(11, 2)
    with pytest.raises(ClassificationError, match="99"):
        total_points(sheet, {"99": 1})
    with pytest.raises(ClassificationError, match="4a"):
        total_points(sheet, {"4a": 2})


def test_items_to_lift_from_good_to_excellent():
    sheet = sheet_for("residential_area")
    scores = {item.id: item.max_points for item in sheet.items}
    scores["p2"] = 5  # 10 missing
    scores["p7"] = 10  # 5 missing → total 85, good
    gaps = items_to_lift(sheet, scores, POLICY, recognised=True)
    assert [(g.item_id, g.missing_points) for g in gaps] == [("p2", 10)]
    assert gaps[0].provisional


def test_items_to_lift_takes_the_biggest_gaps_first():
    sheet = sheet_for("residential_area")
    scores = {item.id: item.max_points for item in sheet.items}
    scores.update({"p1": 7, "p2": 12, "p5": 7, "p6": 6})  # missing 3, 3, 3, 4 → 87, good
    gaps = items_to_lift(sheet, scores, POLICY, recognised=True)
    assert [g.item_id for g in gaps] == ["p6"]


def test_nothing_lifts_past_the_cap():
    sheet = sheet_for("commune")
    scores = {item.id: item.max_points for item in sheet.items}
    scores["p8"] = 5  # 85 points: good, and good is the best a non-recognised commune gets
    assert items_to_lift(sheet, scores, POLICY, recognised=False) == []
    assert items_to_lift(sheet, scores, POLICY, recognised=True)


def test_nothing_lifts_past_excellent():
    sheet = sheet_for("agency")
    full = {item.id: item.max_points for item in sheet.items}
    assert items_to_lift(sheet, full, POLICY, recognised=True) == []


def _write(tmp_path, text):
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_malformed_policy_names_the_file_and_the_policy(tmp_path):
    directory = _write(
        tmp_path,
        """
[[policies]]
id = "p"
label = "x"
citation = "x"
max_points = 100
bands = [{class = "excellent", min_points = 50}, {class = "good", min_points = 70},
         {class = "weak", min_points = 0}]
""",
    )
    with pytest.raises(RulesetFormatError, match=r"bad\.toml: chính sách p: ngưỡng điểm"):
        load_classifications(directory)


def test_sheet_that_does_not_add_up_is_refused(tmp_path):
    directory = _write(
        tmp_path,
        """
[[sheets]]
id = "s"
unit_kinds = ["commune"]
label = "x"
citation = "x"
max_points = 100
items = [{id = "1", text = "x", citation = "x", max_points = 60}]
""",
    )
    with pytest.raises(RulesetFormatError, match=r"bad\.toml: bảng điểm s: tổng điểm"):
        load_classifications(directory)


def test_sheet_claiming_to_be_final_with_provisional_items_is_refused(tmp_path):
    directory = _write(
        tmp_path,
        """
[[sheets]]
id = "s"
unit_kinds = ["commune"]
label = "x"
citation = "x"
max_points = 10
provisional = false
items = [{id = "1", text = "x", citation = "x", max_points = 10}]
""",
    )
    with pytest.raises(RulesetFormatError, match="provisional"):
        load_classifications(directory)
