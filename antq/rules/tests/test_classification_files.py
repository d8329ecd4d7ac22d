"""A province's classification policy and score sheet files: what loads, and what is refused.

Each refusal is the whole message a province administrator reads, so that a wrong word, a
missing policy name or a check that no longer runs is noticed (these were mutation testing's
surviving mutants, docs/testing.md).
"""

from fractions import Fraction

import pytest

from antq.rules import RulesetFormatError, classify, load_classifications

BANDS = """
[[policies.bands]]
class = "good"
min_points = 70

[[policies.bands]]
class = "weak"
min_points = 0

[[policies.bands]]
class = "excellent"
min_points = 90

[[policies.bands]]
class = "average"
min_points = 50
"""

POLICY = (
    """
[[policies]]
id = "38-2026"
label = "Quyết định 15/QĐ-UBND"
citation = "Quyết định 15/QĐ-UBND ngày 10/01/2026"
max_points = 100
"""
    + BANDS
    + """
[[policies.caps]]
condition = "not_recognised"
max_class = "average"
label = "Không được công nhận thì cao nhất là Trung bình"
"""
)


def _load(tmp_path, text, name="province.toml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_classifications(tmp_path)


def _refusal(tmp_path, text):
    with pytest.raises(RulesetFormatError) as refused:
        _load(tmp_path, text)
    return str(refused.value)


def test_a_province_policy_loads_with_its_bands_best_first_and_its_caps(tmp_path):
    policies, sheets = _load(tmp_path, POLICY)
    policy = policies["38-2026"]
    assert sheets == {}
    assert policy.label == "Quyết định 15/QĐ-UBND"
    assert policy.citation == "Quyết định 15/QĐ-UBND ngày 10/01/2026"
    assert policy.provisional is True  # until the file says otherwise
    assert policy.max_points == 100
    assert [(b.class_name, b.min_points) for b in policy.bands] == [
        ("excellent", 90),
        ("good", 70),
        ("average", 50),
        ("weak", 0),
    ]
    assert [(c.condition, c.max_class, c.label) for c in policy.caps] == [
        ("not_recognised", "average", "Không được công nhận thì cao nhất là Trung bình")
    ]
    assert classify(policy, 95, recognised=True) == "excellent"
    assert classify(policy, 95, recognised=False) == "average"
    assert classify(policy, Fraction(139, 2), recognised=True) == "average"


def test_a_policy_marked_final_is_final(tmp_path):
    policies, _ = _load(
        tmp_path, POLICY.replace("max_points = 100", "max_points = 100\nprovisional = false")
    )
    assert policies["38-2026"].provisional is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('class = "good"', 'class = "best"'),
            "loại 'best' không hợp lệ (weak, average, good, excellent)",
        ),
        (('class = "good"', 'class = "average"'), "mỗi loại chỉ được có một ngưỡng điểm"),
        (
            ("min_points = 70", "min_points = 95"),
            "ngưỡng điểm phải giảm dần từ Xuất sắc đến Yếu",
        ),
        (("min_points = 70", "min_points = 90"), "ngưỡng điểm phải giảm dần từ Xuất sắc đến Yếu"),
        (("min_points = 0", "min_points = 10"), "loại thấp nhất phải có ngưỡng 0 điểm"),
        (("min_points = 70", 'min_points = "70"'), "'min_points' phải là số"),
        (("min_points = 70", "min_points = true"), "'min_points' phải là số"),
        (("max_points = 100", "max_points = 100\ncolour = 1"), "khóa không hợp lệ: colour"),
        (
            ('condition = "not_recognised"', 'condition = "late"'),
            "điều kiện hạn chế 'late' → 'average' không hợp lệ",
        ),
        (
            ('max_class = "average"', 'max_class = "top"'),
            "điều kiện hạn chế 'not_recognised' → 'top' không hợp lệ",
        ),
    ],
)
def test_a_malformed_policy_is_refused_with_the_file_the_policy_and_the_fault(
    tmp_path, change, message
):
    text = POLICY.replace(*change, 1)
    assert _refusal(tmp_path, text) == f"province.toml: chính sách 38-2026: {message}"


def test_a_policy_without_bands_is_refused(tmp_path):
    text = POLICY.replace(BANDS, "")
    assert _refusal(tmp_path, text) == (
        "province.toml: chính sách 38-2026: mỗi loại chỉ được có một ngưỡng điểm"
    )


def test_a_bad_band_or_cap_names_where_it_is(tmp_path):
    text = POLICY.replace('label = "Không được', 'colour = 1\nlabel = "Không được')
    assert _refusal(tmp_path, text) == (
        "province.toml: chính sách 38-2026, caps: khóa không hợp lệ: colour"
    )
    text = POLICY.replace("min_points = 50", "min_points = 50\ncolour = 1")
    assert _refusal(tmp_path, text) == (
        "province.toml: chính sách 38-2026, bands: khóa không hợp lệ: colour"
    )


SHEET = """
[[sheets]]
id = "38-2026-commune"
label = "Bảng điểm xã"
citation = "Quyết định 15/QĐ-UBND"
unit_kinds = ["commune", "school"]
max_points = 10
items = [
  {id = "1", text = "Kế hoạch", citation = "Mục 1", max_points = 4},
  {id = "2", text = "Tham gia", citation = "Mục 2", max_points = 6},
]
"""


def test_a_province_sheet_loads_with_its_kinds_and_items(tmp_path):
    _, sheets = _load(tmp_path, SHEET)
    sheet = sheets["38-2026-commune"]
    assert (sheet.label, sheet.citation, sheet.max_points) == (
        "Bảng điểm xã",
        "Quyết định 15/QĐ-UBND",
        10,
    )
    assert sheet.unit_kinds == ("commune", "school") and sheet.provisional is True
    assert [(i.id, i.text, i.citation, i.max_points, i.provisional) for i in sheet.items] == [
        ("1", "Kế hoạch", "Mục 1", 4, True),
        ("2", "Tham gia", "Mục 2", 6, True),
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('["commune", "school"]', "[]"), None),
        (('["commune", "school"]', '"commune"'), None),
        (('["commune", "school"]', '["commune", "village"]'), None),
        (
            ("max_points = 4}", "max_points = 0}"),
            "province.toml: bảng điểm 38-2026-commune, mục 1: điểm tối đa phải lớn hơn 0",
        ),
        (('id = "2"', 'id = "1"'), "province.toml: bảng điểm 38-2026-commune: mã mục bị trùng"),
    ],
)
def test_a_malformed_sheet_is_refused_with_the_fault(tmp_path, change, message):
    refusal = _refusal(tmp_path, SHEET.replace(*change, 1))
    if message is None:
        assert refusal == (
            "province.toml: bảng điểm 38-2026-commune: unit_kinds phải là danh sách trong "
            "residential_area, commune, agency, enterprise, school"
        )
    else:
        assert refusal == message


def test_the_same_policy_in_two_files_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text(POLICY, encoding="utf-8")
    assert _refusal(tmp_path, POLICY) == "province.toml: mã '38-2026' bị trùng"
