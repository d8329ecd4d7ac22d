"""Plain data of the rules engine: rulesets and criteria in, verdicts with reasons out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from types import MappingProxyType

from .errors import UnknownUnitKindError

UNIT_KINDS: tuple[str, ...] = ("residential_area", "commune", "agency", "enterprise", "school")

UNIT_KIND_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "residential_area": "khu dân cư",
        "commune": "xã, phường, thị trấn, đặc khu",
        "agency": "cơ quan",
        "enterprise": "doanh nghiệp",
        "school": "cơ sở giáo dục",
    }
)

# A criterion whose legal wording was not retrieved carries this text and is only answered
# yes/no: nothing is derived from figures for it.
TEXT_PLACEHOLDER = "Chưa có nguyên văn"

# How far a criterion's text can be trusted: the law's words as quoted by a source, a
# restatement (abridged, checked against the sense but not the letter), or not known at all.
WORDINGS: tuple[str, ...] = ("quoted", "abridged", "unknown")

CHECK_KINDS: tuple[str, ...] = ("ratio", "at_least", "not_greater")


@dataclass(frozen=True)
class Check:
    """A part of an item decided from figures rather than from an answer.

    - ``ratio``: ``figure / reference`` must reach ``threshold`` percent (inclusive).
    - ``at_least``: ``figure`` must be at least ``threshold``.
    - ``not_greater``: ``figure`` (this year) must not exceed ``reference`` (last year).
    """

    kind: str
    label: str
    figure: str
    reference: str | None = None
    threshold: Fraction = Fraction(0)
    empty_met: bool = False
    empty_text: str = ""

    @property
    def figures(self) -> tuple[str, ...]:
        """Return the figure names this check reads."""
        return (self.figure,) if self.reference is None else (self.figure, self.reference)


@dataclass(frozen=True)
class Item:
    """Something that is met or not: a criterion without points, or one point of a criterion."""

    id: str
    text: str
    citation: str
    checks: tuple[Check, ...] = ()
    # True when the figures alone decide the item; the answer is then only a fallback used
    # when no figure is given (4.4.a, 5.4). Otherwise the answer covers the facts the figures
    # cannot see (resolutions, plans, discipline) and both must hold.
    figures_only: bool = False
    may_be_not_applicable: bool = False
    not_applicable_text: str = ""
    text_known: bool = True
    wording: str = "abridged"
    summary: str = ""
    source: str = ""


@dataclass(frozen=True)
class Point(Item):
    """A lettered point of a criterion (``4.3.a``; đ is written ``dd``).

    With ``part``, not a point of the law but one part of a clause answered on its own
    (6.4 and 7.5: the title part may be not applicable, the discipline part always applies).
    """

    part: bool = False


@dataclass(frozen=True)
class Include:
    """Criteria of another unit kind that a criterion applies to this unit (5.2 → 4.2–4.4)."""

    unit_kind: str
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class Criterion(Item):
    """A clause of the law that a unit must meet; its points, if any, decide it."""

    points: tuple[Point, ...] = ()
    includes: Include | None = None


@dataclass(frozen=True)
class PeriodRule:
    """An evaluation period: from (month, day) of the previous year to (month, day)."""

    start: tuple[int, int]
    end: tuple[int, int]
    citation: str = ""

    def period(self, year: int) -> tuple[date, date]:
        """Return the first and last day of the period that ends in ``year``."""
        return date(year - 1, *self.start), date(year, *self.end)


@dataclass(frozen=True)
class Ruleset:
    """The criteria of one legal text (or of a text plus provincial additions), per unit kind."""

    id: str
    title: str
    citation: str
    effective_from: date | None
    effective_to: date | None
    criteria: Mapping[str, tuple[Criterion, ...]]
    figures: Mapping[str, str] = field(default_factory=dict)
    periods: Mapping[str, PeriodRule] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    base_id: str | None = None

    @property
    def unit_kinds(self) -> tuple[str, ...]:
        """Return the unit kinds this ruleset has criteria for."""
        return tuple(kind for kind in UNIT_KINDS if kind in self.criteria)

    def criteria_for(self, unit_kind: str) -> tuple[Criterion, ...]:
        """Return the criteria of ``unit_kind`` or refuse an unknown kind."""
        try:
            return self.criteria[unit_kind]
        except (KeyError, TypeError):
            known = ", ".join(f"{UNIT_KIND_LABELS[k]} ({k})" for k in self.unit_kinds)
            raise UnknownUnitKindError(
                f"Loại đơn vị không hợp lệ: {unit_kind!r}. Bộ tiêu chí {self.id} áp dụng cho: "
                f"{known}."
            ) from None

    def criterion(self, unit_kind: str, criterion_id: str) -> Criterion | None:
        """Return one criterion of ``unit_kind`` by id, or None."""
        for criterion in self.criteria_for(unit_kind):
            if criterion.id == criterion_id:
                return criterion
        return None

    def in_force_on(self, day: date) -> bool:
        """Tell whether the ruleset is in force on ``day`` (both ends inclusive)."""
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to


@dataclass(frozen=True)
class Additions:
    """A province's criteria and points added to a base ruleset (Article 8.1)."""

    id: str
    title: str
    citation: str
    base: str
    effective_from: date | None
    effective_to: date | None
    criteria: Mapping[str, tuple[Criterion, ...]]
    # Per unit kind: (id of the existing criterion, point added to it).
    points: Mapping[str, tuple[tuple[str, Point], ...]]
    figures: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PointOutcome:
    """Whether one point (or an included item, for 5.2) was met, and why."""

    id: str
    met: bool
    citation: str
    reason: str
    applicable: bool = True
    figures: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CriterionOutcome:
    """Whether one criterion was met, why, and the outcome of each of its points."""

    id: str
    met: bool
    citation: str
    reason: str
    points: list[PointOutcome] = field(default_factory=list)
    applicable: bool = True
    figures: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """The result of evaluating one unit: met only when every criterion is met."""

    met: bool
    criteria: list[CriterionOutcome]
    ruleset_id: str = ""
    unit_kind: str = ""

    def failed(self) -> list[CriterionOutcome]:
        """Return the criteria that were not met."""
        return [outcome for outcome in self.criteria if not outcome.met]

    def explain(self) -> list[str]:
        """Return one Vietnamese line per unmet criterion: id, clause and reason."""
        return [f"{o.id} ({o.citation}): {o.reason}" for o in self.failed()]
