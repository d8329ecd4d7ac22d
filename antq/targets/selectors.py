"""Targets and their attainment, read live, scoped to the reader."""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from antq import rules
from antq.core.text import matching
from antq.evaluation.models import Assessment, Classification
from antq.units import permissions as unit_permissions
from antq.units.models import Unit
from antq.units.selectors import today

from . import metrics, reporting
from .choices import DIRECTIVE_METRICS, REPORT_METRICS, SHARE_METRICS, Comparison, Metric, Subject
from .models import Target

CLOSEST_LIMIT = 10


def target_list(*, user, year: int | None = None, unit: Unit | None = None) -> QuerySet[Target]:
    targets = Target.objects.select_related("unit")
    prefix = unit_permissions.scope_path(user)
    if prefix is not None:
        targets = targets.filter(unit__path__startswith=prefix)
    if year is not None:
        targets = targets.filter(year=year)
    if unit is not None:
        targets = targets.filter(unit=unit)
    return targets


@dataclass
class Closest:
    unit: Unit
    name: str
    missing: str


class State:
    """Where a target stands: met, not met, or nothing yet to judge it on."""

    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"


@dataclass
class Attainment:
    label: str
    target: Target
    measure: metrics.Measure
    current: Decimal | None  # a percentage for shares, a count otherwise
    met: bool  # never True without data
    gap: int  # units still to win over (or to lift out), 0 when met
    gap_text: str
    projection: Decimal | None
    closest: list[Closest] = field(default_factory=list)
    state: str = State.NOT_MET

    @property
    def state_label(self) -> str:
        return {
            State.MET: _("Met"),
            State.NOT_MET: _("Not met"),
            State.NO_DATA: _("No data yet"),
        }[self.state]


def _compare(comparison: str, current: Decimal, low: Decimal, high: Decimal | None) -> bool:
    return {
        Comparison.AT_LEAST: current >= low,
        Comparison.MORE_THAN: current > low,
        Comparison.AT_MOST: current <= low,
        Comparison.LESS_THAN: current < low,
        Comparison.EQUAL: current == low,
        Comparison.BETWEEN: high is not None and low <= current <= high,
    }[comparison]


def _hits_needed(target: Target, total: int) -> tuple[int | None, int | None]:
    """Return the least and most hits that meet the target (None: no bound)."""

    def in_hits(value: Decimal) -> Decimal:
        return value * total / 100 if target.metric in SHARE_METRICS else value

    low, high = in_hits(target.value), target.value_high
    high = in_hits(high) if high is not None else None
    return {
        Comparison.AT_LEAST: (math.ceil(low), None),
        Comparison.MORE_THAN: (math.floor(low) + 1, None),
        Comparison.AT_MOST: (None, math.floor(low)),
        Comparison.LESS_THAN: (None, math.ceil(low) - 1),
        Comparison.EQUAL: (math.ceil(low), math.floor(low)),
        Comparison.BETWEEN: (math.ceil(low), math.floor(high) if high is not None else None),
    }[target.comparison]


def _gap(target: Target, measure: metrics.Measure) -> tuple[int, str]:
    least, most = _hits_needed(target, measure.total)
    subject = Subject(target.subject).label if target.subject else ""
    if least is not None and measure.hits < least:
        more = least - measure.hits
        if target.metric == Metric.REPORTS_ON_TIME_SHARE:
            text = _("%(n)s more reports on time") % {"n": more}
        elif target.metric == Metric.INDICATOR_TOTAL:
            text = _("%(n)s short of the target") % {"n": more}
        elif target.metric in DIRECTIVE_METRICS:
            text = _("%(n)s more deployments to be acknowledged") % {"n": more}
        elif target.metric == Metric.RECOGNISED_SHARE:
            text = _("%(n)s more %(units)s to be recognised") % {"n": more, "units": subject}
        else:
            text = _("%(n)s more %(units)s to reach good or better") % {"n": more, "units": subject}
        return more, text
    if most is not None and measure.hits > most:
        fewer = measure.hits - most
        return fewer, _("%(n)s %(units)s too many") % {"n": fewer, "units": subject}
    return 0, ""


def _projection(target: Target, measure: metrics.Measure) -> Decimal | None:
    """Where the value ends at the current pace, over the year's evaluation period."""
    if target.metric != Metric.RECOGNISED_SHARE or not measure.total:
        return None
    first, last = metrics.evaluation_period(target.year, target.subject)
    elapsed = (min(today(), last) - first).days + 1
    length = (last - first).days + 1
    if elapsed <= 0:
        return None
    projected = min(measure.total, measure.hits * length / elapsed)
    return (Decimal(projected) * 100 / measure.total).quantize(Decimal("0.1"))


def _closest(target: Target) -> list[Closest]:
    """The units nearest to counting, with what each still lacks."""
    if target.metric in REPORT_METRICS:
        return _closest_reporting(target)
    if target.metric in DIRECTIVE_METRICS:
        return [
            Closest(
                unit=row["unit"],
                name=row["name"],
                missing=_("has not acknowledged %(number)s") % {"number": row["missing"]},
            )
            for row in metrics.directives_not_acknowledged(
                target.unit, target.year, limit=CLOSEST_LIMIT
            )
        ]
    rows = metrics.misses(target.unit, target.year, target.metric, target.subject)
    unit_ids = list(rows.values_list("unit_id", flat=True)[:2000])
    names = dict(rows.values_list("unit_id", "name")[:2000])
    if target.metric == Metric.RECOGNISED_SHARE:
        assessments = {
            a.unit_id: a
            for a in Assessment.objects.filter(
                year__year=target.year, unit_id__in=unit_ids
            ).select_related("year", "unit")
        }
        ranked = sorted(unit_ids, key=lambda uid: _assessment_rank(assessments.get(uid)))
        units = Unit.objects.in_bulk(ranked[:CLOSEST_LIMIT])  # one query, not one per unit
        return [
            Closest(
                unit=units[uid],
                name=names[uid],
                missing=_assessment_missing(assessments.get(uid)),
            )
            for uid in ranked[:CLOSEST_LIMIT]
        ]
    classified = {
        c.unit_id: c
        for c in Classification.objects.filter(year__year=target.year, unit_id__in=unit_ids)
    }
    ranked = sorted(
        unit_ids, key=lambda uid: -(classified[uid].total or 0) if uid in classified else 1
    )
    units = Unit.objects.in_bulk(ranked[:CLOSEST_LIMIT])
    return [
        Closest(
            unit=units[uid], name=names[uid], missing=_classification_missing(classified.get(uid))
        )
        for uid in ranked[:CLOSEST_LIMIT]
    ]


def _closest_reporting(target: Target) -> list[Closest]:
    """For on-time reporting: who has not reported the last closed period."""
    form = reporting.form_or_none(target.form_code)
    if form is None or target.metric != Metric.REPORTS_ON_TIME_SHARE:
        return []
    period = reporting.last_closed(form, year=target.year, today=today())
    if period is None:
        return []
    missing = _("no report for %(period)s") % {"period": period.key}
    return [
        Closest(unit=row.unit, name=row.name, missing=missing)
        for row in reporting.missing_last_period(form, target.unit, period)
    ]


def _measure(target: Target) -> metrics.Measure:
    if target.metric not in REPORT_METRICS:
        return metrics.measure(target.unit, target.year, target.metric, target.subject)
    form = reporting.form_or_none(target.form_code)
    if form is None:
        return metrics.Measure(hits=0, total=0)
    if target.metric == Metric.REPORTS_ON_TIME_SHARE:
        figures = reporting.on_time_over_year(form, target.unit, year=target.year, today=today())
        return metrics.Measure(hits=figures.on_time, total=figures.expected)
    totals = reporting.indicator_totals(form, target.unit, year=target.year, today=today())
    value = totals.get(target.indicator_code) or 0
    if target.metric == Metric.INDICATOR_TOTAL:
        reported = totals.get(target.indicator_code) is not None
        return metrics.Measure(hits=value, total=0, counted=int(reported))
    return metrics.Measure(hits=value, total=totals.get(target.denominator_code) or 0)


def label_of(target: Target) -> str:
    if target.metric in REPORT_METRICS:
        form = reporting.form_or_none(target.form_code)
        what = form.name if form else target.form_code
        if target.indicator_code:
            what = f"{what}: {target.indicator_code}"
        if target.denominator_code:
            what = f"{what} / {target.denominator_code}"
        return f"{target.get_metric_display()} — {what}"
    if target.metric in DIRECTIVE_METRICS:
        return str(target.get_metric_display())
    return f"{target.get_metric_display()} — {target.get_subject_display()}"


_STATUS_RANK = {"verified": 0, "submitted": 1, "returned": 2, "draft": 3}


def _assessment_rank(assessment: Assessment | None) -> tuple[int, int]:
    if assessment is None:
        return (9, 0)
    unmet = len(_unmet(assessment))
    return (_STATUS_RANK.get(assessment.status, 5) if unmet == 0 else 4, unmet)


def _unmet(assessment: Assessment) -> list[str]:
    try:
        ruleset = rules.get_ruleset(assessment.year.ruleset_id)
        verdict = rules.evaluate(
            ruleset, assessment.unit_kind, assessment.answers, assessment.figures
        )
    except rules.RulesError:
        return ["?"]
    return [c.id for c in verdict.criteria if not c.met]


def _assessment_missing(assessment: Assessment | None) -> str:
    if assessment is None:
        return _("self-assessment not started")
    unmet = _unmet(assessment)
    if unmet:
        return _("criteria not met: %(ids)s") % {"ids": ", ".join(unmet)}
    return {
        "verified": _("verified, awaiting the recognition decision"),
        "submitted": _("submitted, awaiting verification"),
    }.get(assessment.status, _("meets the criteria, not yet submitted"))


def _classification_missing(classification: Classification | None) -> str:
    if classification is None:
        return _("not classified yet")
    if classification.status != "final":
        return _("classification not final")
    return _("%(points)s points, class %(cls)s") % {
        "points": classification.total,
        "cls": rules.CLASS_LABELS.get(classification.class_name, classification.class_name),
    }


def attainment_of(target: Target, *, with_closest: bool = True) -> Attainment:
    measure = _measure(target)
    current = measure.share if target.metric in SHARE_METRICS else Decimal(measure.hits)
    if current is None or measure.counted == 0:
        # "Yếu ≤ 0" with nothing classified is not met: there is nothing to judge it on.
        return Attainment(
            label=label_of(target),
            target=target,
            measure=measure,
            current=None,
            met=False,
            gap=0,
            gap_text="",
            projection=None,
            state=State.NO_DATA,
        )
    met = _compare(target.comparison, current, target.value, target.value_high)
    gap, gap_text = (0, "") if met else _gap(target, measure)
    return Attainment(
        label=label_of(target),
        target=target,
        measure=measure,
        current=current,
        met=met,
        gap=gap,
        gap_text=gap_text,
        projection=_projection(target, measure),
        closest=_closest(target) if with_closest and not met else [],
        state=State.MET if met else State.NOT_MET,
    )


def attainments(*, user, year: int, unit: Unit, with_closest: bool = True) -> list[Attainment]:
    found = list(target_list(user=user, year=year, unit=unit))
    for target in found:
        target.unit = unit  # the caller's instance, with what it already read (its placements)
    return [attainment_of(t, with_closest=with_closest) for t in found]


def drilldown(unit: Unit | None, year: int) -> list[dict]:
    """Each unit directly below: its own recognition and class, and its areas' share."""
    rows = metrics.children_status(unit, year)
    areas = metrics.measure_by_child_code(
        unit, year, Metric.RECOGNISED_SHARE, Subject.RESIDENTIAL_AREA
    )
    for row in rows:
        kind = row["unit"].kind
        row["areas"] = areas.get(row["unit"].code) if kind != "residential_area" else None
    return rows


def drilldown_matching(rows: list[dict], q: str) -> list[dict]:
    """The drill-down's units whose name or code holds `q` (diacritics ignored)."""
    return matching(rows, q, lambda r: f"{r['name']} {r['unit'].code}")


def recognition_progress(unit: Unit | None, year: int, subject: str) -> list[tuple[str, int]]:
    """Units recognised so far, month by month (cumulative), labelled mm/yyyy."""
    progress, running = [], 0
    for month, count in metrics.recognitions_by_month(unit, year, subject):
        running += count
        progress.append((month.strftime("%m/%Y"), running))
    return progress
