"""Load rulesets and provincial additions from TOML files, and pick the ruleset in force."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import NoRulesetError, RulesetFormatError
from .model import UNIT_KINDS, Additions, Criterion, Point, Ruleset
from .parsing import (
    _ADDITIONS_KEYS,
    _RULESET_KEYS,
    _day,
    _fail,
    _figures,
    _keys,
    _kinds,
    _notes,
    _period,
    _point,
    _read,
    _table,
    _text,
    _validate,
)

RULESETS_DIR = Path(__file__).resolve().parent / "rulesets"


def ruleset_from_dict(data: Mapping[str, Any], source: str = "<dict>") -> Ruleset:
    """Build and validate a ruleset from parsed TOML data; ``source`` names it in errors."""
    data = dict(_table(data, source, "gốc"))
    _keys(data, _RULESET_KEYS, source, "gốc")
    figures = _figures(data, source)
    kinds = _kinds(data, source, figures, "", {"criteria", "same_as"})
    criteria: dict[str, tuple[Criterion, ...]] = {}
    for kind, table in kinds.items():
        same_as = table.get("same_as")
        if same_as is not None:
            if same_as not in kinds or kinds[same_as].get("same_as") or table["criteria"]:
                raise _fail(source, f"kinds.{kind}", f"same_as = '{same_as}' không hợp lệ")
            continue
        criteria[kind] = table["criteria"]
    for kind, table in kinds.items():
        if table.get("same_as"):
            criteria[kind] = criteria[table["same_as"]]
    if not criteria:
        raise _fail(source, "kinds", "bộ tiêu chí không có tiêu chí nào")
    periods = {
        kind: _period(p, source, kind)
        for kind, p in _table(data.get("periods", {}), source, "periods").items()
    }
    ruleset = Ruleset(
        id=_text(data, "id", source, "gốc"),
        title=_text(data, "title", source, "gốc"),
        citation=_text(data, "citation", source, "gốc"),
        effective_from=_day(data, "effective_from", source),
        effective_to=_day(data, "effective_to", source),
        criteria=MappingProxyType({k: criteria[k] for k in UNIT_KINDS if k in criteria}),
        figures=MappingProxyType(figures),
        periods=MappingProxyType(periods),
        notes=_notes(data, source),
    )
    _validate(ruleset, source)
    return ruleset


def load_ruleset(path: Path | str) -> Ruleset:
    """Load one ruleset file."""
    return ruleset_from_dict(_read(Path(path)), Path(path).name)


@lru_cache(maxsize=8)
def _load_dir(directory: Path) -> tuple[Ruleset, ...]:
    rulesets = tuple(load_ruleset(p) for p in sorted(directory.glob("*.toml")))
    ids = [r.id for r in rulesets]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RulesetFormatError(f"{directory.name}: mã bộ tiêu chí bị trùng: {duplicates}")
    return tuple(sorted(rulesets, key=lambda r: r.effective_from or date.min))


def load_rulesets(directory: Path | str | None = None) -> tuple[Ruleset, ...]:
    """Load every ruleset shipped in ``directory`` (default: the package's own), oldest first."""
    return _load_dir(Path(directory).resolve() if directory else RULESETS_DIR)


def get_ruleset(ruleset_id: str, rulesets: Iterable[Ruleset] | None = None) -> Ruleset:
    """Return the ruleset with this id."""
    for ruleset in load_rulesets() if rulesets is None else rulesets:
        if ruleset.id == ruleset_id:
            return ruleset
    raise NoRulesetError(f"Không có bộ tiêu chí mã {ruleset_id!r}.")


def ruleset_for_date(day: date, rulesets: Iterable[Ruleset] | None = None) -> Ruleset:
    """Return the ruleset in force on ``day`` (the most recent one if several are)."""
    candidates = [
        r for r in (load_rulesets() if rulesets is None else rulesets) if r.in_force_on(day)
    ]
    if not candidates:
        raise NoRulesetError(f"Không có bộ tiêu chí nào có hiệu lực vào ngày {day:%d/%m/%Y}.")
    # A province's derived ruleset wins over its base when both are in force.
    return max(candidates, key=lambda r: (r.effective_from or date.min, r.base_id is not None))


def ruleset_for_period_end(end: date, rulesets: Iterable[Ruleset] | None = None) -> Ruleset:
    """Return the ruleset a year is judged by: the one in force on its period's last day."""
    return ruleset_for_date(end, rulesets)


def evaluation_period(
    year: int, unit_kind: str, ruleset: Ruleset | None = None
) -> tuple[date, date]:
    """Return the evaluation period of ``unit_kind`` ending in ``year`` (Article 8.2).

    Circular 23/2012's periods are not known, so the most recent ruleset that states one is
    used by default; pass ``ruleset`` to use another's.
    """
    sources = [ruleset] if ruleset else list(reversed(load_rulesets()))
    for candidate in sources:
        if unit_kind in candidate.periods:
            return candidate.periods[unit_kind].period(year)
    raise NoRulesetError(f"Chưa có quy định mốc thời gian đánh giá cho {unit_kind!r}.")


def ruleset_for_year(
    year: int, unit_kind: str, rulesets: Iterable[Ruleset] | None = None
) -> Ruleset:
    """Return the ruleset that judges ``unit_kind`` for the evaluation year ``year``."""
    return ruleset_for_period_end(evaluation_period(year, unit_kind)[1], rulesets)


def additions_from_dict(data: Mapping[str, Any], source: str = "<dict>") -> Additions:
    """Build and validate a province's additions from parsed TOML data."""
    data = dict(_table(data, source, "gốc"))
    _keys(data, _ADDITIONS_KEYS, source, "gốc")
    citation = _text(data, "citation", source, "gốc")
    figures = _figures(data, source)
    known = {**{n: n for r in load_rulesets() for n in r.figures}, **figures}
    kinds = _kinds(data, source, known, citation, {"criteria", "points"})
    points: dict[str, tuple[tuple[str, Point], ...]] = {}
    for kind, table in kinds.items():
        added = []
        for i, raw in enumerate(table.get("points", [])):
            raw = dict(_table(raw, source, f"kinds.{kind}.points[{i}]"))
            target = _text(raw, "criterion", source, f"kinds.{kind}.points[{i}]")
            del raw["criterion"]
            added.append((target, _point(raw, source, "điểm bổ sung", target, known, citation)))
        points[kind] = tuple(added)
    return Additions(
        id=_text(data, "id", source, "gốc"),
        title=_text(data, "title", source, "gốc"),
        citation=citation,
        base=_text(data, "base", source, "gốc"),
        effective_from=_day(data, "effective_from", source),
        effective_to=_day(data, "effective_to", source),
        criteria=MappingProxyType({k: t["criteria"] for k, t in kinds.items()}),
        points=MappingProxyType(points),
        figures=MappingProxyType(figures),
        notes=_notes(data, source),
    )


def load_additions(path: Path | str) -> Additions:
    """Load one province's additions file."""
    return additions_from_dict(_read(Path(path)), Path(path).name)


def apply_additions(base: Ruleset, additions: Additions) -> Ruleset:
    """Return a new ruleset: ``base`` plus the province's criteria and points."""
    source = f"bổ sung {additions.id}"
    if additions.base != base.id:
        raise _fail(source, "base", f"áp dụng cho {additions.base!r}, không phải {base.id!r}")
    figures = {**base.figures, **additions.figures}
    criteria = dict(base.criteria)
    for kind in (k for k in UNIT_KINDS if k in additions.criteria or k in additions.points):
        if kind not in criteria:
            raise _fail(source, f"kinds.{kind}", f"bộ tiêu chí {base.id} không có loại đơn vị này")
        current = list(criteria[kind])
        for target, point in additions.points.get(kind, ()):
            index = next((i for i, c in enumerate(current) if c.id == target), None)
            if index is None or not current[index].points:
                raise _fail(
                    source,
                    f"điểm {point.id}",
                    f"tiêu chí {target} không có hoặc không "
                    "chia điểm; hãy bổ sung thành tiêu chí riêng",
                )
            current[index] = replace(current[index], points=(*current[index].points, point))
        current.extend(additions.criteria.get(kind, ()))
        criteria[kind] = tuple(current)
    for check in (
        c
        for cs in criteria.values()
        for crit in cs
        for c in (*crit.checks, *(k for p in crit.points for k in p.checks))
    ):
        for name in check.figures:
            if name not in figures:
                raise _fail(source, "figures", f"số liệu '{name}' chưa khai báo")
    starts = [d for d in (base.effective_from, additions.effective_from) if d]
    ends = [d for d in (base.effective_to, additions.effective_to) if d]
    derived = Ruleset(
        id=f"{base.id}+{additions.id}",
        title=f"{base.title} — {additions.title}",
        citation=f"{base.citation}; {additions.citation}",
        effective_from=max(starts, default=None),
        effective_to=min(ends, default=None),
        criteria=MappingProxyType(criteria),
        figures=MappingProxyType(figures),
        periods=base.periods,
        notes=(*base.notes, *additions.notes),
        base_id=base.id,
    )
    _validate(derived, source)
    return derived
