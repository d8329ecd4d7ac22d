"""Parse and validate the TOML tables of rulesets, additions and score sheets."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from .errors import RulesetFormatError
from .model import (
    CHECK_KINDS,
    TEXT_PLACEHOLDER,
    UNIT_KINDS,
    WORDINGS,
    Check,
    Criterion,
    Include,
    PeriodRule,
    Point,
    Ruleset,
)

_RULESET_KEYS = {
    "id",
    "title",
    "citation",
    "effective_from",
    "effective_to",
    "notes",
    "figures",
    "periods",
    "kinds",
}
_ADDITIONS_KEYS = (_RULESET_KEYS - {"periods"}) | {"base"}
_ITEM_KEYS = {
    "id",
    "text",
    "citation",
    "checks",
    "figures_only",
    "may_be_not_applicable",
    "not_applicable_text",
    "text_known",
    "wording",
    "summary",
    "source",
}
_POINT_KEYS = _ITEM_KEYS | {"part"}
_CRITERION_KEYS = _ITEM_KEYS | {"points", "includes"}
_CHECK_KEYS = {"kind", "label", "figure", "reference", "threshold", "empty_met", "empty_text"}


def _fail(source: str, where: str, message: str) -> RulesetFormatError:
    return RulesetFormatError(f"{source}: {where}: {message}")


def _table(value: Any, source: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(source, where, "phải là một bảng (table)")
    return value


def _keys(data: dict[str, Any], allowed: set[str], source: str, where: str) -> None:
    # Unknown keys are refused so that a typo ("citaton") is caught, not silently ignored.
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _fail(source, where, f"khóa không hợp lệ: {', '.join(unknown)}")


def _text(data: dict[str, Any], key: str, source: str, where: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise _fail(source, where, f"'{key}' phải là chuỗi ký tự")
    if required and not value.strip():
        raise _fail(source, where, f"thiếu trường bắt buộc '{key}'")
    return value.strip()


def _flag(data: dict[str, Any], key: str, default: bool, source: str, where: str) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise _fail(source, where, f"'{key}' phải là true hoặc false")
    return value


def _day(data: dict[str, Any], key: str, source: str) -> date | None:
    value = data.get(key)
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value
    raise _fail(source, key, "phải là ngày dạng YYYY-MM-DD")


def _figures(data: dict[str, Any], source: str) -> dict[str, str]:
    table = _table(data.get("figures", {}), source, "figures")
    for name, label in table.items():
        if not isinstance(label, str) or not label.strip():
            raise _fail(source, f"figures.{name}", "phải có nhãn tiếng Việt")
    return dict(table)


def _check(data: Any, source: str, where: str, figures: Mapping[str, str]) -> Check:
    data = _table(data, source, where)
    _keys(data, _CHECK_KEYS, source, where)
    kind = _text(data, "kind", source, where)
    if kind not in CHECK_KINDS:
        raise _fail(
            source, where, f"kiểu kiểm tra '{kind}' không hợp lệ ({', '.join(CHECK_KINDS)})"
        )
    figure = _text(data, "figure", source, where)
    reference = _text(data, "reference", source, where, required=False) or None
    if (reference is None) != (kind == "at_least"):
        raise _fail(source, where, f"'reference' {'thừa' if reference else 'thiếu'} với '{kind}'")
    for name in filter(None, (figure, reference)):
        if name not in figures:
            raise _fail(source, where, f"số liệu '{name}' chưa khai báo trong [figures]")
    raw = data.get("threshold", 0)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _fail(source, where, "'threshold' phải là số")
    try:
        threshold = Fraction(str(raw))
    except ValueError:
        raise _fail(source, where, "'threshold' phải là số") from None
    if kind == "ratio" and not 0 < threshold <= 100:
        raise _fail(source, where, "ngưỡng tỷ lệ phải trong khoảng (0, 100]")
    if threshold < 0:
        raise _fail(source, where, "ngưỡng không được âm")
    return Check(
        kind=kind,
        label=_text(data, "label", source, where),
        figure=figure,
        reference=reference,
        threshold=threshold,
        empty_met=_flag(data, "empty_met", False, source, where),
        empty_text=_text(data, "empty_text", source, where, required=False),
    )


def _item_fields(
    data: dict[str, Any], source: str, where: str, figures: Mapping[str, str], default_source: str
) -> dict[str, Any]:
    text_known = _flag(data, "text_known", True, source, where)
    wording = _text(data, "wording", source, where, required=False) or (
        "abridged" if text_known else "unknown"
    )
    if wording not in WORDINGS:
        raise _fail(source, where, f"'wording' phải là một trong {', '.join(WORDINGS)}")
    checks = tuple(
        _check(c, source, f"{where}, kiểm tra {i + 1}", figures)
        for i, c in enumerate(data.get("checks", []))
    )
    text = _text(data, "text", source, where)
    if not text_known and (text != TEXT_PLACEHOLDER or checks or wording != "unknown"):
        raise _fail(
            source,
            where,
            f'text_known = false đòi hỏi text = "{TEXT_PLACEHOLDER}", '
            'wording = "unknown" và không có kiểm tra số liệu',
        )
    if text_known and wording == "unknown":
        raise _fail(source, where, 'wording = "unknown" chỉ dùng khi text_known = false')
    figures_only = _flag(data, "figures_only", False, source, where)
    if figures_only and not checks:
        raise _fail(source, where, "figures_only = true nhưng không có kiểm tra số liệu")
    may_be_na = _flag(data, "may_be_not_applicable", False, source, where)
    na_text = _text(data, "not_applicable_text", source, where, required=may_be_na)
    return {
        "text": text,
        "citation": _text(data, "citation", source, where),
        "checks": checks,
        "figures_only": figures_only,
        "may_be_not_applicable": may_be_na,
        "not_applicable_text": na_text,
        "text_known": text_known,
        "wording": wording,
        "summary": _text(data, "summary", source, where, required=False),
        "source": _text(data, "source", source, where, required=False) or default_source,
    }


def _point(
    data: Any,
    source: str,
    where: str,
    criterion_id: str,
    figures: Mapping[str, str],
    default_source: str,
) -> Point:
    data = _table(data, source, where)
    _keys(data, _POINT_KEYS, source, where)
    point_id = _text(data, "id", source, where)
    where = f"{where} {point_id}"
    if not point_id.startswith(criterion_id + ".") or point_id == criterion_id + ".":
        raise _fail(source, where, f"mã điểm phải có dạng '{criterion_id}.<chữ>'")
    return Point(
        id=point_id,
        part=_flag(data, "part", False, source, where),
        **_item_fields(data, source, where, figures, default_source),
    )


def _criterion(
    data: Any, source: str, kind: str, figures: Mapping[str, str], default_source: str
) -> Criterion:
    data = _table(data, source, f"{kind}, tiêu chí")
    criterion_id = _text(data, "id", source, f"{kind}, tiêu chí")
    where = f"tiêu chí {criterion_id} ({kind})"
    _keys(data, _CRITERION_KEYS, source, where)
    fields = _item_fields(data, source, where, figures, default_source)
    points = tuple(
        _point(p, source, f"{where}, điểm", criterion_id, figures, default_source)
        for p in data.get("points", [])
    )
    includes = None
    if "includes" in data:
        inc = _table(data["includes"], source, f"{where}, includes")
        _keys(inc, {"unit_kind", "criteria"}, source, f"{where}, includes")
        ids = inc.get("criteria")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise _fail(source, where, "includes.criteria phải là danh sách mã tiêu chí")
        includes = Include(unit_kind=_text(inc, "unit_kind", source, where), criteria=tuple(ids))
    if sum(map(bool, (points, includes, fields["checks"]))) > 1:
        raise _fail(source, where, "một tiêu chí chỉ được có một trong: points, includes, checks")
    if (points or includes) and not fields["text_known"]:
        raise _fail(source, where, "tiêu chí chưa có nguyên văn không được có điểm hoặc includes")
    return Criterion(id=criterion_id, points=points, includes=includes, **fields)


def _validate(ruleset: Ruleset, source: str) -> None:
    for kind, criteria in ruleset.criteria.items():
        seen: set[str] = set()
        for criterion in criteria:
            for item_id in (criterion.id, *(p.id for p in criterion.points)):
                if item_id in seen:
                    raise _fail(source, f"tiêu chí {item_id} ({kind})", "mã bị trùng")
                seen.add(item_id)
            inc = criterion.includes
            if inc is None:
                continue
            where = f"tiêu chí {criterion.id} ({kind}), includes"
            if inc.unit_kind not in ruleset.criteria or inc.unit_kind == kind:
                raise _fail(source, where, f"loại đơn vị '{inc.unit_kind}' không hợp lệ")
            for included_id in inc.criteria:
                target = ruleset.criterion(inc.unit_kind, included_id)
                if target is None or target.includes is not None:
                    raise _fail(source, where, f"không có tiêu chí {included_id} để áp dụng")


def _period(data: Any, source: str, kind: str) -> PeriodRule:
    where = f"periods.{kind}"
    data = _table(data, source, where)
    _keys(data, {"start", "end", "citation"}, source, where)
    parts = []
    for key in ("start", "end"):
        try:
            month, day = (int(x) for x in _text(data, key, source, where).split("-"))
            date(2001, month, day)
        except ValueError:
            raise _fail(source, where, f"'{key}' phải có dạng MM-DD") from None
        parts.append((month, day))
    return PeriodRule(
        start=parts[0],
        end=parts[1],
        citation=_text(data, "citation", source, where, required=False),
    )


def _kinds(
    data: dict[str, Any],
    source: str,
    figures: Mapping[str, str],
    default_source: str,
    allowed: set[str],
) -> dict[str, dict[str, Any]]:
    kinds = _table(data.get("kinds", {}), source, "kinds")
    for kind, table in kinds.items():
        if kind not in UNIT_KINDS:
            raise _fail(
                source, f"kinds.{kind}", f"loại đơn vị không hợp lệ ({', '.join(UNIT_KINDS)})"
            )
        _keys(
            _table(table, source, f"kinds.{kind}"),
            allowed,
            source,
            f"kinds.{kind}",
        )
    parsed = {kind: dict(table) for kind, table in kinds.items()}
    for kind, table in parsed.items():
        table["criteria"] = tuple(
            _criterion(c, source, kind, figures, default_source) for c in table.get("criteria", [])
        )
    return parsed


def _notes(data: dict[str, Any], source: str) -> tuple[str, ...]:
    notes = data.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise _fail(source, "notes", "phải là danh sách chuỗi ký tự")
    return tuple(notes)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise RulesetFormatError(f"{Path(path).name}: không đọc được TOML: {error}") from None
