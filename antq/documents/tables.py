"""The tables behind a document, for its Excel annex: units with their status, indicators
by commune. Read-only; every figure comes from the selector the document itself reads.

A commune's document lists each of its units with its status; a province's lists its communes,
each with the counts of the units it holds (the review's evaluation figures split by commune,
their sum the total row): some 12,000 units one per row would be a 300-page annex no one
prints, and writing them cost several times the review's queries. Each commune's own document
lists its units, and the year's registrations page exports them all.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from antq import rules
from antq.core.errors import NotFound
from antq.evaluation import selectors as evaluation
from antq.evaluation.choices import ClassificationStatus, RecognitionOutcome
from antq.evaluation.models import Assessment, Classification, Recognition, Registration
from antq.reports import rollups
from antq.reports.models import ReportForm
from antq.units.models import PATH_SEPARATOR, Unit

from .figures import ReviewScope, _form_span


@dataclass
class Column:
    label: str
    width: float
    kind: str = "text"  # text, number, date


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)


def _labels(model, name: str) -> dict:
    """A choice field's labels, translated once: `get_FOO_display` rebuilds and hashes the
    lazy choices on every call, most of the table's time over a province's units."""
    return {value: str(label) for value, label in model._meta.get_field(name).flatchoices}


def _evaluated(scope: ReviewScope, last: str):
    """The subtree's evaluated units of the year as tuples (id, code, name, kind, `last`), and
    the filter of the year's records of those units; None when the year is not open.

    Tuples and the units as a subquery: a province has some 12,000 units, which as model
    instances and as bound parameters cost more than the queries themselves."""
    try:
        campaign = evaluation.year_of_unit(unit=scope.unit, year=scope.year)
    except NotFound:
        return None
    in_scope = evaluation.units_in_scope(user=scope.user, campaign=campaign, under=scope.unit)
    placements = list(
        in_scope.values_list("unit_id", "unit__code", "unit__name", "unit__kind", last)
    )
    return placements, {"year": campaign, "unit_id__in": in_scope.values("unit_id")}


def units_table(scope: ReviewScope) -> Table | None:
    """Every evaluated unit of the subtree with its registration, assessment, recognition and
    class for the year (five queries, whatever the number of units)."""
    if (evaluated := _evaluated(scope, "parent__name")) is None:
        return None
    placements, of_year = evaluated
    registered = dict(
        Registration.objects.filter(**of_year).values_list("unit_id", "registered_on")
    )
    assessments = dict(Assessment.objects.filter(**of_year).values_list("unit_id", "status"))
    recognitions = {
        row[0]: row[1:]
        for row in Recognition.objects.filter(**of_year).values_list(
            "unit_id", "outcome", "decision_number", "decision_date"
        )
    }
    classes = {
        row[0]: row[1:]
        for row in Classification.objects.filter(**of_year).values_list(
            "unit_id", "total", "class_name"
        )
    }
    table = Table(
        _("Units and their status"),
        [
            Column(_("No."), 6, "number"),
            Column(_("Code"), 14),
            Column(_("Unit"), 32),
            Column(_("Kind"), 18),
            Column(_("Under"), 26),
            Column(_("Registered on"), 13, "date"),
            Column(_("Self-assessment"), 18),
            Column(_("Recognition"), 16),
            Column(_("Decision number"), 18),
            Column(_("Decision date"), 13, "date"),
            Column(_("Points"), 9, "number"),
            Column(_("Class"), 16),
        ],
    )
    kinds = _labels(Unit, "kind")
    statuses, outcomes = _labels(Assessment, "status"), _labels(Recognition, "outcome")
    no_recognition = ("", "", None)
    for n, (pk, code, name, kind, parent) in enumerate(placements, 1):
        status = assessments.get(pk)
        outcome, number, decided = recognitions.get(pk, no_recognition)
        total, class_name = classes.get(pk, (None, ""))
        table.rows.append(
            [
                n,
                code,
                name,
                kinds.get(kind, kind),
                parent or "",
                registered.get(pk),
                statuses.get(status, status) if status is not None else _("Not started"),
                outcomes.get(outcome, outcome),
                number,
                decided,
                total,
                rules.CLASS_LABELS.get(class_name, class_name),
            ]
        )
    return table


def units_by_commune(scope: ReviewScope) -> Table | None:
    """The evaluated units of a province counted by commune (the commune and what lies under
    it), as the review's evaluation section counts them; units under no commune (agencies of
    the province) have a row of their own, and the last row is the total."""
    if (evaluated := _evaluated(scope, "path")) is None:
        return None
    placements, of_year = evaluated
    registered = set(Registration.objects.filter(**of_year).values_list("unit_id", flat=True))
    recognised = set(
        Recognition.objects.filter(
            **of_year, outcome=RecognitionOutcome.RECOGNISED, revoked_on__isnull=True
        ).values_list("unit_id", flat=True)
    )
    classes = dict(
        Classification.objects.filter(**of_year, status=ClassificationStatus.FINAL).values_list(
            "unit_id", "class_name"
        )
    )
    order = list(reversed(rules.CLASSES))  # best first
    columns = [_("Units evaluated"), _("Units registered"), _("Units recognised")]
    columns += [_("Units of class %(cls)s") % {"cls": rules.CLASS_LABELS[c]} for c in order]
    table = Table(
        _("Units by commune"),
        [Column(_("Code"), 10), Column(_("Commune"), 28)]
        + [Column(label, 13, "number") for label in columns],
    )
    counts = {
        path: [code, name] + [0] * len(columns)
        for _pk, code, name, kind, path in placements
        if kind == "commune"
    }
    direct = [scope.unit.code, _("Directly under %(unit)s") % {"unit": scope.unit.name}]
    direct += [0] * len(columns)
    for pk, _code, _name, _kind, path in placements:
        line = next(
            (counts[p] for p in _ancestor_paths(path) if p in counts),
            direct,
        )
        line[2] += 1
        line[3] += pk in registered
        line[4] += pk in recognised
        if pk in classes and classes[pk] in order:
            line[5 + order.index(classes[pk])] += 1
    lines = list(counts.values()) + ([direct] if direct[2] else [])
    total = ["", _("Total")] + [sum(line[n] for line in lines) for n in range(2, len(columns) + 2)]
    table.rows = [*lines, total]
    return table


def _ancestor_paths(path: str) -> list[str]:
    """ "38/16417/16417-KDC01/": the path itself, then "38/16417/", then "38/"."""
    parts = path.split(PATH_SEPARATOR)[:-1]
    return [PATH_SEPARATOR.join(parts[:n]) + PATH_SEPARATOR for n in range(len(parts), 0, -1)]


def indicators_by_commune(scope: ReviewScope) -> Table | None:
    """Each commune's totals of the movement form over the period: the same figures as the
    review's own rollup for that commune, in a few grouped queries whatever their number."""
    form = ReportForm.objects.filter(code=scope.form_code).first()
    if form is None:
        return None
    first, last = _form_span(form, scope.period)
    if scope.unit.kind == "commune":
        communes = [scope.unit]
    else:
        communes = list(
            Unit.objects.filter(path__startswith=scope.unit.path, kind="commune").order_by(
                "sort_name", "code"
            )
        )
    indicators = [i for i in form.ordered_indicators() if i.is_numeric]
    table = Table(
        _("Indicators by commune"),
        [Column(_("Code"), 10), Column(_("Commune"), 28)]
        + [Column(i.name, 14, "number") for i in indicators],
    )
    by_commune = rollups.rollup_totals_by_descendant(form, first, last, scope.unit, communes)
    for commune in communes:
        totals = by_commune.get(commune.pk, {})
        table.rows.append([commune.code, commune.name] + [totals.get(i.pk) for i in indicators])
    return table


def tables_for(scope: ReviewScope) -> list[Table]:
    units = units_table(scope) if scope.unit.kind == "commune" else units_by_commune(scope)
    return [t for t in (units, indicators_by_commune(scope)) if t is not None]
