"""What a target measures, computed in SQL over the tree of the year.

A metric counts a population (the units of a subject under a scope unit, in scope of the
safety standard, as the tree stood on the reference day) and the hits among them (those
recognised, classified good or better, or weak).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import StrIndex, Substr, TruncMonth

from antq import rules
from antq.directives import selectors as directive_selectors
from antq.evaluation.choices import ClassificationStatus, RecognitionOutcome
from antq.evaluation.models import Classification, Recognition
from antq.units.models import Unit, UnitPlacement
from antq.units.selectors import placement_of, placements_on, today

from .choices import SUBJECT_KINDS, Metric

GOOD_OR_BETTER = ("excellent", "good")
CLASS_METRICS = frozenset({Metric.GOOD_OR_BETTER_SHARE, Metric.WEAK_COUNT})
# Seed 002: "100 % of the documents … deployed to every unit". Read from the directives
# registry, not from the unit population.
DIRECTIVES_ACKNOWLEDGED_SHARE = Metric.DIRECTIVES_ACKNOWLEDGED_SHARE


@dataclass(frozen=True)
class Measure:
    """How many of a population count (`hits` of `total`); a reported total has no `total`.

    `counted` is how many records the figure rests on where that is not `total` (the final
    classifications of a class metric, the values of a reported total): 0 means no data yet.
    """

    hits: int | Decimal
    total: int
    counted: int | None = None

    @property
    def share(self) -> Decimal | None:
        if not self.total:
            return None
        return (Decimal(self.hits) * 100 / self.total).quantize(Decimal("0.1"))


def reference_day(year: int, subject: str) -> date:
    """The day whose tree a year is read against: its evaluation period's end, or today."""
    _first, last = rules.evaluation_period(year, SUBJECT_KINDS[subject][0])
    return min(last, today())


def evaluation_period(year: int, subject: str) -> tuple[date, date]:
    return rules.evaluation_period(year, SUBJECT_KINDS[subject][0])


def remember_anchors(scope: Unit | None) -> None:
    """Read `scope`'s placements once for the rest of a request (a dashboard's many panels).

    Only a unit instance fetched for the request should remember them: a reorganisation later
    on would not be seen by this instance.
    """
    if scope is not None:
        scope._anchor_placements = list(UnitPlacement.objects.filter(unit=scope))
        scope._remembered_figures = {}


def _remembered(scope: Unit | None, key: tuple, compute):
    """`compute()`, once per request for a scope whose anchors are remembered."""
    memo = getattr(scope, "_remembered_figures", None) if scope is not None else None
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _anchor_path(scope: Unit | None, day: date) -> str | None:
    """The path prefix of `scope` on `day`; "" for the whole country; None if it did not exist."""
    if scope is None:
        return ""
    remembered = getattr(scope, "_anchor_placements", None)
    if remembered is not None:
        on_day = [
            p
            for p in remembered
            if p.valid_from <= day and (p.valid_to is None or p.valid_to >= day)
        ]
        return on_day[0].path if on_day else None
    anchor = placement_of(scope, day)
    return anchor.path if anchor is not None else None


def population(scope: Unit | None, year: int, subject: str) -> QuerySet[UnitPlacement]:
    """Placements of the units a metric counts under `scope` (None: the country)."""
    day = reference_day(year, subject)
    prefix = _anchor_path(scope, day)
    if prefix is None:
        return UnitPlacement.objects.none()
    rows = placements_on(day).filter(
        unit__kind__in=SUBJECT_KINDS[subject], unit__out_of_scope_reason=""
    )
    if prefix:
        rows = rows.filter(path__startswith=prefix)
    return rows.exclude(unit=scope) if scope is not None else rows


def hit_condition(metric: str, year: int) -> Q:
    """The SQL condition that a population row is a hit for the metric."""
    if metric == Metric.RECOGNISED_SHARE:
        return Q(
            Exists(
                Recognition.objects.filter(
                    year__year=year,
                    unit=OuterRef("unit"),
                    outcome=RecognitionOutcome.RECOGNISED,
                    revoked_on__isnull=True,
                )
            )
        )
    classes = GOOD_OR_BETTER if metric == Metric.GOOD_OR_BETTER_SHARE else ("weak",)
    return Q(
        Exists(
            Classification.objects.filter(
                year__year=year,
                unit=OuterRef("unit"),
                status=ClassificationStatus.FINAL,
                class_name__in=classes,
            )
        )
    )


def measure(scope: Unit | None, year: int, metric: str, subject: str) -> Measure:
    """Count the population and its hits.

    Two queries on purpose: with the hit condition in WHERE, PostgreSQL plans the EXISTS as
    a hash semi-join, like the hand-written SQL; inside COUNT(... FILTER) it probes the
    recognitions once per unit, 3–5× slower at national scale (docs/performance.md).
    """
    if metric == DIRECTIVES_ACKNOWLEDGED_SHARE:
        return directives_acknowledged(scope, year)
    total = population_total(scope, year, subject)
    if metric in CLASS_METRICS:
        # One final classification per unit and year: the class counts give hits and counted.
        classes = class_distribution(scope, year, subject)
        wanted = GOOD_OR_BETTER if metric == Metric.GOOD_OR_BETTER_SHARE else ("weak",)
        hits = sum(classes.get(name, 0) for name in wanted)
        return Measure(hits=hits, total=total, counted=sum(classes.values()))
    hits = _remembered(
        scope,
        ("hits", year, metric, subject),
        lambda: population(scope, year, subject).filter(hit_condition(metric, year)).count(),
    )
    return Measure(hits=hits, total=total)


def population_total(scope: Unit | None, year: int, subject: str) -> int:
    """How many units the population counts (read once per request, see remember_anchors)."""
    return _remembered(
        scope, ("total", year, subject), lambda: population(scope, year, subject).count()
    )


def classified_condition(year: int) -> Q:
    """The SQL condition that a population row has a final classification for the year."""
    return Q(
        Exists(
            Classification.objects.filter(
                year__year=year, unit=OuterRef("unit"), status=ClassificationStatus.FINAL
            )
        )
    )


def directives_acknowledged(scope: Unit | None, year: int) -> Measure:
    """Deployments of the year's directives in the subtree that their unit acknowledged."""
    done, expected = directive_selectors.deployment_rate(unit=scope, year=year)
    return Measure(hits=done, total=expected)


def directives_not_acknowledged(scope: Unit | None, year: int, limit: int = 10) -> list[dict]:
    """The units that have not yet acknowledged one of the year's directives, with which."""
    rows = directive_selectors.deployment_rate_missing(unit=scope, year=year)
    return [
        {"unit": row.unit, "name": row.unit.name, "missing": row.directive.number}
        for row in rows.order_by("directive__issued_on", "unit__sort_name")[:limit]
    ]


def measure_by_child_code(
    scope: Unit | None, year: int, metric: str, subject: str
) -> dict[str, Measure]:
    """The measure of each unit directly under `scope` by its code, in two grouped queries."""
    day = reference_day(year, subject)
    prefix = _anchor_path(scope, day)
    if prefix is None:
        return {}
    rows = (
        population(scope, year, subject)
        .annotate(rest=Substr("path", len(prefix) + 1))
        .annotate(child=Substr("rest", 1, StrIndex("rest", Value("/")) - 1))
    )

    def per_child(queryset) -> dict[str, int]:
        return dict(queryset.values("child").annotate(n=Count("id")).values_list("child", "n"))

    totals = per_child(rows)
    hits = per_child(rows.filter(hit_condition(metric, year)))  # in WHERE: see measure()
    return {code: Measure(hits=hits.get(code, 0), total=n) for code, n in totals.items()}


def measure_by_child(scope: Unit | None, year: int, metric: str, subject: str) -> list[dict]:
    """Return the measure for each unit directly under `scope`, in three queries."""
    by_code = measure_by_child_code(scope, year, metric, subject)
    if not by_code:
        return []
    day = reference_day(year, subject)
    children = (
        placements_on(day).filter(parent=scope)
        if scope is not None
        else placements_on(day).filter(parent__isnull=True)
    ).select_related("unit")
    return [
        {"unit": child.unit, "name": child.name, "measure": by_code[child.unit.code]}
        for child in children.order_by("sort_name")
        if child.unit.code in by_code
    ]


def misses(scope: Unit | None, year: int, metric: str, subject: str) -> QuerySet[UnitPlacement]:
    """The population rows that are not hits (for "weak", the hits are what to fix)."""
    condition = hit_condition(metric, year)
    rows = population(scope, year, subject)
    return rows.filter(condition) if metric == Metric.WEAK_COUNT else rows.exclude(condition)


def recognitions_by_month(scope: Unit | None, year: int, subject: str) -> list[tuple[date, int]]:
    """How many units of the population were recognised in each month (in force today)."""
    units = population(scope, year, subject).values("unit")
    rows = (
        Recognition.objects.filter(
            year__year=year,
            unit__in=units,
            outcome=RecognitionOutcome.RECOGNISED,
            revoked_on__isnull=True,
        )
        .annotate(month=TruncMonth("decision_date"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return [(row["month"], row["n"]) for row in rows]


def class_distribution(scope: Unit | None, year: int, subject: str) -> dict[str, int]:
    """How many units of the population have each final class (one grouped query)."""
    return dict(
        _remembered(scope, ("classes", year, subject), lambda: _classes(scope, year, subject))
    )


def _classes(scope: Unit | None, year: int, subject: str) -> dict[str, int]:
    units = population(scope, year, subject).values("unit")
    rows = (
        Classification.objects.filter(
            year__year=year, unit__in=units, status=ClassificationStatus.FINAL
        )
        .values("class_name")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(rules.CLASSES, 0)
    counts.update({row["class_name"]: row["n"] for row in rows})
    return counts


def children_status(scope: Unit | None, year: int) -> list[dict]:
    """Each unit directly under `scope` (None: the provinces), its recognition and class."""
    on = placements_on(min(date(year, 12, 31), today()))
    on = on.filter(parent=scope) if scope is not None else on.filter(parent__isnull=True)
    recognised = Recognition.objects.filter(
        year__year=year,
        unit=OuterRef("unit"),
        outcome=RecognitionOutcome.RECOGNISED,
        revoked_on__isnull=True,
    )
    final_class = Classification.objects.filter(
        year__year=year, unit=OuterRef("unit"), status=ClassificationStatus.FINAL
    ).values("class_name")[:1]
    children = (
        on.select_related("unit")
        .annotate(recognised=Exists(recognised), class_name=Subquery(final_class))
        .order_by("sort_name")
    )  # one query: the children are a few hundred at most
    return [
        {
            "unit": child.unit,
            "name": child.name,
            "recognised": child.recognised,
            "class_label": str(rules.CLASS_LABELS.get(child.class_name, "")),
        }
        for child in children
    ]
