"""A score sheet given as data (a province's own decision) passes the shipped sheets' checks."""

from fractions import Fraction

import pytest

from antq.rules import RulesetFormatError, sheet_from_dict, total_points


def _sheet(items, max_points=100):
    return {
        "id": "38-2026-commune",
        "label": "Quyết định 15/QĐ-UBND",
        "provisional": False,
        "unit_kinds": ["commune"],
        "citation": "Quyết định 15/QĐ-UBND",
        "max_points": max_points,
        "items": [
            {"citation": "Quyết định 15/QĐ-UBND", "provisional": False, **item} for item in items
        ],
    }


def test_a_sheet_given_as_data_scores_like_a_shipped_one():
    sheet = sheet_from_dict(
        _sheet(
            [
                {"id": "1", "text": "Kế hoạch", "max_points": 60.5},
                {"id": "2", "text": "Tham gia", "max_points": 39.5},
            ]
        )
    )
    assert not sheet.provisional and [i.id for i in sheet.items] == ["1", "2"]
    assert total_points(sheet, {"1": 60.5, "2": 10}) == Fraction(141, 2)


@pytest.mark.parametrize(
    ("items", "problem"),
    [
        (
            [
                {"id": "1", "text": "A", "max_points": 50},
                {"id": "1", "text": "B", "max_points": 50},
            ],
            "trùng",
        ),
        (
            [
                {"id": "1", "text": "A", "max_points": 60},
                {"id": "2", "text": "B", "max_points": 30},
            ],
            "tổng điểm",
        ),
        ([{"id": "1", "text": "", "max_points": 100}], "mục 1"),
        (
            [
                {"id": "1", "text": "A", "max_points": 0},
                {"id": "2", "text": "B", "max_points": 100},
            ],
            "mục 1",
        ),
    ],
)
def test_a_bad_sheet_is_refused(items, problem):
    with pytest.raises(RulesetFormatError, match=problem):
        sheet_from_dict(_sheet(items), "Quyết định 15/QĐ-UBND")
