"""Movement classification (Decision 510/QĐ-BCA-V05) as data: score sheets and policies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ClassificationError, RulesetFormatError
from .model import UNIT_KINDS
from .parsing import _fail, _flag, _keys, _read, _table, _text

CLASSIFICATIONS_DIR = Path(__file__).resolve().parent / "classifications"

# Lowest first, so that a class's index is its rank.
CLASSES: tuple[str, ...] = ("weak", "average", "good", "excellent")

CLASS_LABELS: Mapping[str, str] = MappingProxyType(
    {"excellent": "Xuất sắc", "good": "Khá", "average": "Trung bình", "weak": "Yếu"}
)

CAP_CONDITIONS: Mapping[str, str] = MappingProxyType(
    {"not_recognised": "đơn vị không được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”"}
)

Points = int | float | Fraction | Decimal


@dataclass(frozen=True)
class Band:
    """The least number of points a class needs."""

    class_name: str
    min_points: Fraction


@dataclass(frozen=True)
class Cap:
    """A condition that limits the best class a unit can get."""

    condition: str
    max_class: str
    label: str


@dataclass(frozen=True)
class ClassificationPolicy:
    """Bands by minimum points (best first) and caps; provisional until a decision fixes them."""

    id: str
    label: str
    provisional: bool
    citation: str
    max_points: Fraction
    bands: tuple[Band, ...]
    caps: tuple[Cap, ...] = ()


@dataclass(frozen=True)
class ScoreItem:
    """One line of a score sheet."""

    id: str
    text: str
    max_points: Fraction
    citation: str
    provisional: bool


@dataclass(frozen=True)
class ScoreSheet:
    """The items a unit is scored on, adding up to ``max_points``."""

    id: str
    label: str
    provisional: bool
    unit_kinds: tuple[str, ...]
    citation: str
    max_points: Fraction
    items: tuple[ScoreItem, ...]


@dataclass(frozen=True)
class ItemGap:
    """An item with points still to earn: a way to lift the unit's class."""

    item_id: str
    text: str
    max_points: Fraction
    score: Fraction
    missing_points: Fraction
    provisional: bool


def _number(value: Any, source: str, where: str, key: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(source, where, f"'{key}' phải là số")
    return Fraction(str(value))


def _policy(data: Any, source: str) -> ClassificationPolicy:
    data = _table(data, source, "policies")
    policy_id = _text(data, "id", source, "policies")
    where = f"chính sách {policy_id}"
    _keys(
        data,
        {"id", "label", "provisional", "citation", "max_points", "bands", "caps"},
        source,
        where,
    )
    bands = []
    for raw in data.get("bands", []):
        raw = _table(raw, source, f"{where}, bands")
        _keys(raw, {"class", "min_points"}, source, f"{where}, bands")
        name = _text(raw, "class", source, f"{where}, bands")
        if name not in CLASSES:
            raise _fail(source, where, f"loại '{name}' không hợp lệ ({', '.join(CLASSES)})")
        bands.append(Band(name, _number(raw.get("min_points"), source, where, "min_points")))
    bands.sort(key=lambda b: CLASSES.index(b.class_name), reverse=True)
    names = [b.class_name for b in bands]
    if len(set(names)) != len(names) or not bands:
        raise _fail(source, where, "mỗi loại chỉ được có một ngưỡng điểm")
    if any(a.min_points <= b.min_points for a, b in pairwise(bands)):
        raise _fail(source, where, "ngưỡng điểm phải giảm dần từ Xuất sắc đến Yếu")
    if bands[-1].min_points != 0:
        raise _fail(source, where, "loại thấp nhất phải có ngưỡng 0 điểm")
    caps = []
    for raw in data.get("caps", []):
        raw = _table(raw, source, f"{where}, caps")
        _keys(raw, {"condition", "max_class", "label"}, source, f"{where}, caps")
        condition = _text(raw, "condition", source, f"{where}, caps")
        max_class = _text(raw, "max_class", source, f"{where}, caps")
        if condition not in CAP_CONDITIONS or max_class not in CLASSES:
            raise _fail(
                source, where, f"điều kiện hạn chế '{condition}' → '{max_class}' không hợp lệ"
            )
        caps.append(Cap(condition, max_class, _text(raw, "label", source, f"{where}, caps")))
    return ClassificationPolicy(
        id=policy_id,
        label=_text(data, "label", source, where),
        provisional=_flag(data, "provisional", True, source, where),
        citation=_text(data, "citation", source, where),
        max_points=_number(data.get("max_points"), source, where, "max_points"),
        bands=tuple(bands),
        caps=tuple(caps),
    )


def _sheet(data: Any, source: str) -> ScoreSheet:
    data = _table(data, source, "sheets")
    sheet_id = _text(data, "id", source, "sheets")
    where = f"bảng điểm {sheet_id}"
    _keys(
        data,
        {"id", "label", "provisional", "unit_kinds", "citation", "max_points", "items"},
        source,
        where,
    )
    kinds = data.get("unit_kinds")
    if not isinstance(kinds, list) or not kinds or any(k not in UNIT_KINDS for k in kinds):
        raise _fail(source, where, f"unit_kinds phải là danh sách trong {', '.join(UNIT_KINDS)}")
    items = []
    for raw in data.get("items", []):
        raw = _table(raw, source, f"{where}, mục")
        item_id = _text(raw, "id", source, f"{where}, mục")
        item_where = f"{where}, mục {item_id}"
        _keys(raw, {"id", "text", "max_points", "citation", "provisional"}, source, item_where)
        maximum = _number(raw.get("max_points"), source, item_where, "max_points")
        if maximum <= 0:
            raise _fail(source, item_where, "điểm tối đa phải lớn hơn 0")
        items.append(
            ScoreItem(
                item_id,
                _text(raw, "text", source, item_where),
                maximum,
                _text(raw, "citation", source, item_where),
                _flag(raw, "provisional", True, source, item_where),
            )
        )
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        raise _fail(source, where, "mã mục bị trùng")
    max_points = _number(data.get("max_points"), source, where, "max_points")
    if sum(i.max_points for i in items) != max_points:
        raise _fail(
            source,
            where,
            f"tổng điểm các mục ({sum(i.max_points for i in items)}) "
            f"khác điểm tối đa ({max_points})",
        )
    provisional = _flag(data, "provisional", True, source, where)
    if not provisional and any(i.provisional for i in items):
        raise _fail(source, where, "bảng có mục tạm thời thì phải đánh dấu provisional = true")
    return ScoreSheet(
        sheet_id,
        _text(data, "label", source, where),
        provisional,
        tuple(kinds),
        _text(data, "citation", source, where),
        max_points,
        tuple(items),
    )


def sheet_from_dict(data: Mapping[str, Any], source: str = "bảng điểm") -> ScoreSheet:
    """Parse one score sheet given as a mapping shaped like a ``[[sheets]]`` table.

    The same checks as the shipped files apply (ids present and unique, text present, every
    maximum above 0, items adding up to the sheet's ``max_points``); a province's own sheet
    goes through here. Raises ``RulesetFormatError`` naming ``source``.
    """
    return _sheet(dict(data) if isinstance(data, Mapping) else data, source)


@lru_cache(maxsize=8)
def _load_dir(
    directory: Path,
) -> tuple[Mapping[str, ClassificationPolicy], Mapping[str, ScoreSheet]]:
    policies: dict[str, ClassificationPolicy] = {}
    sheets: dict[str, ScoreSheet] = {}
    for path in sorted(directory.glob("*.toml")):
        data = _read(path)
        _keys(data, {"policies", "sheets"}, path.name, "gốc")
        for found, parsed in (
            (policies, [_policy(p, path.name) for p in data.get("policies", [])]),
            (sheets, [_sheet(s, path.name) for s in data.get("sheets", [])]),
        ):
            for entry in parsed:
                if entry.id in found:
                    raise RulesetFormatError(f"{path.name}: mã {entry.id!r} bị trùng")
                found[entry.id] = entry
    return MappingProxyType(policies), MappingProxyType(sheets)


def load_classifications(
    directory: Path | str | None = None,
) -> tuple[Mapping[str, ClassificationPolicy], Mapping[str, ScoreSheet]]:
    """Load every policy and score sheet in ``directory`` (default: the package's own)."""
    return _load_dir(Path(directory).resolve() if directory else CLASSIFICATIONS_DIR)


def get_policy(policy_id: str) -> ClassificationPolicy:
    """Return a shipped classification policy by id."""
    try:
        return load_classifications()[0][policy_id]
    except KeyError:
        raise ClassificationError(f"Không có chính sách xếp loại mã {policy_id!r}.") from None


def sheet_for(unit_kind: str, sheets: Mapping[str, ScoreSheet] | None = None) -> ScoreSheet:
    """Return the first score sheet that covers ``unit_kind``."""
    for sheet in (load_classifications()[1] if sheets is None else sheets).values():
        if unit_kind in sheet.unit_kinds:
            return sheet
    raise ClassificationError(f"Không có bảng chấm điểm cho loại đơn vị {unit_kind!r}.")


def _points(value: Points) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction | Decimal):
        raise ClassificationError(f"Số điểm phải là số, không phải {value!r}.")
    # Through str for floats, so that 89.9 means 89.9 and not its binary neighbour.
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def _rank(class_name: str) -> int:
    return CLASSES.index(class_name)


def _ceiling(policy: ClassificationPolicy, recognised: bool) -> str:
    best = policy.bands[0].class_name
    for cap in policy.caps:
        if cap.condition == "not_recognised" and not recognised:
            best = min(best, cap.max_class, key=_rank)
    return best


def classify(policy: ClassificationPolicy, points: Points, recognised: bool) -> str:
    """Return the class (``excellent``, ``good``, ``average``, ``weak``) ``points`` earn."""
    value = _points(points)
    if not 0 <= value <= policy.max_points:
        raise ClassificationError(
            f"Số điểm {value} nằm ngoài khoảng 0–{policy.max_points} của chính sách {policy.id}."
        )
    earned = next(b.class_name for b in policy.bands if value >= b.min_points)
    return min(earned, _ceiling(policy, recognised), key=_rank)


def _scores(sheet: ScoreSheet, scores: Mapping[str, Points]) -> dict[str, Fraction]:
    items = {item.id: item for item in sheet.items}
    unknown = [key for key in scores if key not in items]
    if unknown:
        raise ClassificationError(
            f"Mục không có trong bảng điểm {sheet.id}: {', '.join(map(str, unknown))}."
        )
    parsed = {key: _points(value) for key, value in scores.items()}
    for key, value in parsed.items():
        if not 0 <= value <= items[key].max_points:
            raise ClassificationError(
                f"Điểm mục {key} ({value}) phải từ 0 đến {items[key].max_points}."
            )
    return parsed


def total_points(sheet: ScoreSheet, scores: Mapping[str, Points]) -> Fraction:
    """Return the sum of ``scores`` after checking them against ``sheet``."""
    return sum(_scores(sheet, scores).values(), Fraction(0))


def items_to_lift(
    sheet: ScoreSheet, scores: Mapping[str, Points], policy: ClassificationPolicy, recognised: bool
) -> list[ItemGap]:
    """Return the fewest items whose missing points would lift the class one band up.

    Items with the most missing points come first. The list is empty when the unit is
    already at the best class it can reach (a cap such as "not recognised" may hold it
    back, and points cannot lift it past that).
    """
    parsed = _scores(sheet, scores)
    total = sum(parsed.values(), Fraction(0))
    current = classify(policy, total, recognised)
    if _rank(current) >= _rank(_ceiling(policy, recognised)):
        return []
    higher = [b for b in policy.bands if _rank(b.class_name) > _rank(current)]
    needed = min(higher, key=lambda b: _rank(b.class_name)).min_points - total
    gaps = [
        ItemGap(
            item.id,
            item.text,
            item.max_points,
            parsed.get(item.id, Fraction(0)),
            item.max_points - parsed.get(item.id, Fraction(0)),
            item.provisional,
        )
        for item in sheet.items
    ]
    gaps = sorted((g for g in gaps if g.missing_points > 0), key=lambda g: -g.missing_points)
    chosen: list[ItemGap] = []
    for gap in gaps:
        if needed <= 0:
            break
        chosen.append(gap)
        needed -= gap.missing_points
    return chosen
