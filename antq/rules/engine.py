"""Decide whether a unit meets its ruleset: answers and figures in, a verdict with reasons out.

Vocabulary (shared/domain/safety-standard.md, "Ids, answers and figures"):

- ``answers`` maps an item id (a criterion without points, or a point such as ``4.3.a``) to
  ``True`` (the unit satisfies it; for "none of these happened" points, it did not happen or
  the law's exception applies), ``False``, or ``None`` (not applicable, where the law allows).
- ``figures`` maps a figure name (``households_resident`` …) to a non-negative count. A
  figure decides the derived part of an item when it is given; when none of an item's
  figures is given, the answer covers that part too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from .errors import InvalidInputError, UnknownCriterionError, UnknownFigureError
from .model import (
    UNIT_KIND_LABELS,
    Check,
    Criterion,
    CriterionOutcome,
    Item,
    PointOutcome,
    Ruleset,
    Verdict,
)

_MISSING = object()


@dataclass(frozen=True)
class _Result:
    met: bool
    reason: str
    applicable: bool = True
    figures: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _CheckResult:
    # "absent": none of the check's figures was given; "ok": all given and usable;
    # "partial" / "invalid": given but unusable, which fails the item.
    status: str
    met: bool = False
    reason: str = ""


_PART_WORDS = {"title": "phần danh hiệu", "discipline": "phần kỷ luật"}


def shown_id(item_id: str) -> str:
    """An item id as the law writes it: 7.3.đ (the files write đ as dd), 6.4 (phần kỷ luật)."""
    head, _dot, last = item_id.rpartition(".")
    if not head:
        return item_id
    if last in _PART_WORDS:
        return f"{head} ({_PART_WORDS[last]})"
    return f"{head}.đ" if last == "dd" else item_id


def _items_of(ruleset: Ruleset, criterion: Criterion) -> tuple[Item, ...]:
    if criterion.includes is not None:
        included: list[Item] = []
        for criterion_id in criterion.includes.criteria:
            target = ruleset.criterion(criterion.includes.unit_kind, criterion_id)
            if target is not None:
                included.extend(target.points or (target,))
        return tuple(included)
    return criterion.points or (criterion,)


def answerable_items(ruleset: Ruleset, unit_kind: str) -> dict[str, Item]:
    """Return the items a unit of ``unit_kind`` answers, by id, in the law's order."""
    return {
        item.id: item
        for criterion in ruleset.criteria_for(unit_kind)
        for item in _items_of(ruleset, criterion)
    }


def answerable_ids(ruleset: Ruleset, unit_kind: str) -> tuple[str, ...]:
    """Return the ids a unit of ``unit_kind`` may answer."""
    return tuple(answerable_items(ruleset, unit_kind))


def figure_names(ruleset: Ruleset, unit_kind: str) -> tuple[str, ...]:
    """Return the figures that decide some item of ``unit_kind``."""
    names: dict[str, None] = {}
    for item in answerable_items(ruleset, unit_kind).values():
        for check in item.checks:
            names.update(dict.fromkeys(check.figures))
    return tuple(names)


def _check_answers(
    ruleset: Ruleset, unit_kind: str, answers: Mapping[str, bool | None], items: Mapping[str, Item]
) -> None:
    if not isinstance(answers, Mapping):
        raise InvalidInputError("Câu trả lời phải là một bảng mã tiêu chí → đạt/không đạt.")
    unknown = [key for key in answers if key not in items]
    if unknown:
        hints = []
        for key in unknown:
            criterion = ruleset.criterion(unit_kind, key) if isinstance(key, str) else None
            if criterion is not None:
                parts = ", ".join(i.id for i in _items_of(ruleset, criterion))
                hints.append(f" Tiêu chí {key} được đánh giá theo từng nội dung: {parts}.")
        raise UnknownCriterionError(
            f"Mã tiêu chí không có trong bộ tiêu chí {ruleset.id} đối với "
            f"{UNIT_KIND_LABELS.get(unit_kind, unit_kind)}: {', '.join(map(str, unknown))}."
            + "".join(hints)
        )
    for key, value in answers.items():
        if value is not None and not isinstance(value, bool):
            raise InvalidInputError(
                f"Câu trả lời cho {key} phải là đạt (true), không đạt (false) hoặc "
                f"không áp dụng (null), không phải {value!r}."
            )


def _check_figures(ruleset: Ruleset, figures: Mapping[str, int] | None) -> Mapping[str, int]:
    if figures is None:
        return {}
    if not isinstance(figures, Mapping):
        raise InvalidInputError("Số liệu phải là một bảng tên số liệu → số.")
    unknown = [name for name in figures if name not in ruleset.figures]
    if unknown:
        raise UnknownFigureError(
            f"Số liệu không có trong bộ tiêu chí {ruleset.id}: {', '.join(map(str, unknown))}. "
            f"Các số liệu hợp lệ: {', '.join(ruleset.figures)}."
        )
    for name, value in figures.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(f"Số liệu {name} phải là số nguyên, không phải {value!r}.")
    return figures


def _percent(numerator: int, denominator: int) -> str:
    # Rounded down, so that a ratio just under a threshold never prints as reaching it.
    tenths = numerator * 1000 // denominator
    return f"{tenths // 10},{tenths % 10}%"


def _number(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}".replace(".", ",")


def _run(check: Check, figures: Mapping[str, int], labels: Mapping[str, str]) -> _CheckResult:
    given = [name for name in check.figures if name in figures]
    if not given:
        return _CheckResult("absent")
    missing = [name for name in check.figures if name not in figures]
    if missing:
        named = ", ".join(f"{labels.get(n, n)} ({n})" for n in missing)
        return _CheckResult("partial", reason=f"Thiếu số liệu: {named}")
    for name in check.figures:
        if figures[name] < 0:
            return _CheckResult(
                "invalid",
                reason=(
                    f"Số liệu không hợp lệ: {labels.get(name, name)} ({figures[name]}) là số âm"
                ),
            )
    value = figures[check.figure]
    if check.kind == "at_least":
        if value >= check.threshold:
            return _CheckResult(
                "ok", True, f"{check.label}: {value}, đạt mức tối thiểu {_number(check.threshold)}"
            )
        return _CheckResult(
            "ok", False, f"{check.label}: {value}, cần ít nhất {_number(check.threshold)}"
        )
    assert check.reference is not None
    reference = figures[check.reference]
    if check.kind == "not_greater":
        if value > reference:
            return _CheckResult(
                "ok",
                False,
                f"{check.label} năm nay {value}, năm trước "
                f"{reference}: tăng {value - reference}, chưa kiềm chế, kéo giảm",
            )
        if value == reference:
            return _CheckResult("ok", True, f"{check.label} năm nay {value}, bằng năm trước")
        return _CheckResult(
            "ok",
            True,
            f"{check.label} năm nay {value}, năm trước {reference}: giảm {reference - value}",
        )
    if reference == 0:
        if check.empty_met:
            return _CheckResult("ok", True, check.empty_text or f"{check.label}: không phải xét")
        return _CheckResult(
            "ok",
            False,
            f"{check.label}: không tính được vì "
            f"{labels.get(check.reference, check.reference)} bằng 0",
        )
    if value > reference:
        return _CheckResult(
            "invalid",
            reason=(
                f"Số liệu không hợp lệ: {labels.get(check.figure, check.figure)} ({value}) lớn hơn "
                f"{labels.get(check.reference, check.reference)} ({reference})"
            ),
        )
    shown = f"{check.label} {_percent(value, reference)} ({value}/{reference})"
    threshold = _number(check.threshold) + "%"
    if value * 100 >= check.threshold * reference:
        level = "100%" if check.threshold == 100 else f"từ {threshold} trở lên"
        return _CheckResult("ok", True, f"{shown}, đạt mức {level}")
    return _CheckResult("ok", False, f"{shown} thấp hơn mức {threshold}")


def _decide(
    item: Item,
    answers: Mapping[str, bool | None],
    figures: Mapping[str, int],
    labels: Mapping[str, str],
) -> _Result:
    answer = answers.get(item.id, _MISSING)
    used = {n: figures[n] for check in item.checks for n in check.figures if n in figures}
    if answer is None:
        if item.may_be_not_applicable:
            return _Result(True, f"Không áp dụng: {item.not_applicable_text}.", applicable=False)
        return _Result(
            False,
            f"Nội dung {shown_id(item.id)} không thuộc trường hợp được “không áp dụng”; "
            "cần đánh giá đạt hoặc không đạt.",
        )
    unknown_text = (
        "" if item.text_known else " (chưa có nguyên văn tiêu chí; chỉ đánh giá đạt/không đạt)"
    )
    if not item.checks or not item.text_known:
        if answer is _MISSING:
            return _Result(False, f"Thiếu kết quả đánh giá cho {shown_id(item.id)}{unknown_text}.")
        verdict = "Đạt" if answer else "Không đạt"
        return _Result(bool(answer), f"{verdict} theo kết quả đánh giá{unknown_text}.")
    results = [(check, _run(check, figures, labels)) for check in item.checks]
    absent = [check for check, result in results if result.status == "absent"]
    # dict.fromkeys: two checks may read the same figure (5.4's total).
    absent_names = ", ".join(
        f"{labels.get(n, n)} ({n})" for n in dict.fromkeys(n for c in absent for n in c.figures)
    )
    if item.figures_only and len(absent) == len(results):
        if answer is _MISSING:
            return _Result(
                False,
                f"Thiếu số liệu: {absent_names}; "
                f"hoặc thiếu kết quả đánh giá cho {shown_id(item.id)}.",
            )
        verdict = "Đạt" if answer else "Không đạt"
        return _Result(
            bool(answer), f"{verdict} theo kết quả đánh giá; chưa có số liệu: {absent_names}."
        )
    met = True
    parts = []
    for check, result in results:
        if result.status == "absent":
            if not item.figures_only:
                label = check.label[:1].lower() + check.label[1:]
                parts.append(f"Chưa có số liệu về {label}; căn cứ kết quả đánh giá")
            continue
        met = met and result.met
        parts.append(result.reason)
    if not item.figures_only:
        if answer is _MISSING:
            met = False
            parts.append(f"Thiếu kết quả đánh giá các nội dung khác của {shown_id(item.id)}")
        elif not answer:
            met = False
            parts.append("Không đạt theo kết quả đánh giá")
        else:
            parts.append("Các nội dung khác đạt theo kết quả đánh giá")
    return _Result(met, ". ".join(parts) + ".", figures=used)


def _criterion_outcome(
    ruleset: Ruleset,
    criterion: Criterion,
    answers: Mapping[str, bool | None],
    figures: Mapping[str, int],
) -> CriterionOutcome:
    if not criterion.points and criterion.includes is None:
        result = _decide(criterion, answers, figures, ruleset.figures)
        return CriterionOutcome(
            id=criterion.id,
            met=result.met,
            citation=criterion.citation,
            reason=result.reason,
            applicable=result.applicable,
            figures=result.figures,
        )
    points = []
    used: dict[str, int] = {}
    for item in _items_of(ruleset, criterion):
        result = _decide(item, answers, figures, ruleset.figures)
        used.update(result.figures)
        points.append(
            PointOutcome(
                id=item.id,
                met=result.met,
                citation=item.citation,
                reason=result.reason,
                applicable=result.applicable,
                figures=result.figures,
            )
        )
    failed = [shown_id(p.id) for p in points if not p.met]
    if criterion.includes is not None:
        scope = ", ".join(criterion.includes.criteria)
        reason = (
            f"Không đạt: {', '.join(failed)}."
            if failed
            else f"Đạt các tiêu chí {scope} áp dụng cho đơn vị."
        )
    else:
        # 6.4 and 7.5 are answered in two parts of one clause, not in lettered points.
        word = "phần" if all(getattr(p, "part", False) for p in criterion.points) else "điểm"
        # a part is named with its word already: "Không đạt: 6.4 (phần kỷ luật)."
        lead = "Không đạt:" if word == "phần" else f"Không đạt {word}:"
        reason = f"{lead} {', '.join(failed)}." if failed else f"Đạt tất cả các {word}."
    return CriterionOutcome(
        id=criterion.id,
        met=not failed,
        citation=criterion.citation,
        reason=reason,
        points=points,
        applicable=any(p.applicable for p in points) or not points,
        figures=used,
    )


def evaluate(
    ruleset: Ruleset,
    unit_kind: str,
    answers: Mapping[str, bool | None],
    figures: Mapping[str, int] | None = None,
) -> Verdict:
    """Evaluate one unit against ``ruleset``: every criterion must be met.

    A missing answer or figure fails its item with a reason saying what is missing; an
    unknown unit kind, criterion id or figure name, or a value of the wrong type, raises a
    ``RulesError`` subclass with a Vietnamese message.
    """
    criteria = ruleset.criteria_for(unit_kind)
    _check_answers(ruleset, unit_kind, answers, answerable_items(ruleset, unit_kind))
    figures = _check_figures(ruleset, figures)
    outcomes = [_criterion_outcome(ruleset, c, answers, figures) for c in criteria]
    return Verdict(
        met=all(o.met for o in outcomes),
        criteria=outcomes,
        ruleset_id=ruleset.id,
        unit_kind=unit_kind,
    )


def _check_met(check: Check, figures: Mapping[str, int]) -> bool | None:
    """``_run``'s decision without its reason: None when absent, else whether it is met."""
    if not any(name in figures for name in check.figures):
        return None
    if any(name not in figures or figures[name] < 0 for name in check.figures):
        return False  # partial or invalid: fails the item
    value = figures[check.figure]
    if check.kind == "at_least":
        return value >= check.threshold
    reference = figures[check.reference]
    if check.kind == "not_greater":
        return value <= reference
    if reference == 0:
        return check.empty_met
    if value > reference:
        return False  # invalid
    return value * 100 >= check.threshold * reference


def _item_met(item: Item, answers: Mapping[str, bool | None], figures: Mapping[str, int]) -> bool:
    """``_decide(...).met`` without building its reason."""
    answer = answers.get(item.id, _MISSING)
    if answer is None:
        return item.may_be_not_applicable
    if not item.checks or not item.text_known:
        return answer is not _MISSING and bool(answer)
    results = [_check_met(check, figures) for check in item.checks]
    decided = [met for met in results if met is not None]
    if item.figures_only and not decided:
        return answer is not _MISSING and bool(answer)
    if not all(decided):
        return False
    return item.figures_only or (answer is not _MISSING and bool(answer))


def meets(
    ruleset: Ruleset,
    unit_kind: str,
    answers: Mapping[str, bool | None],
    figures: Mapping[str, int] | None = None,
) -> bool:
    """Return ``evaluate(...).met`` without the reasons: what a whole year's batch needs.

    Refuses the same inputs as ``evaluate``, with the same errors. Tested equal to it on
    every ruleset and unit kind (antq/rules/tests/test_meets.py).
    """
    criteria = ruleset.criteria_for(unit_kind)
    _check_answers(ruleset, unit_kind, answers, answerable_items(ruleset, unit_kind))
    figures = _check_figures(ruleset, figures)
    for criterion in criteria:
        if not criterion.points and criterion.includes is None:
            if not _item_met(criterion, answers, figures):
                return False
        elif not all(_item_met(i, answers, figures) for i in _items_of(ruleset, criterion)):
            return False
    return True
