"""The tables behind a document, for its Excel annex: units with their status, indicators
by commune. Read-only; every figure comes from the selector the document itself reads."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from antq import rules
from antq.core.errors import NotFound
from antq.evaluation import selectors as evaluation
from antq.evaluation.models import Assessment, Classification, Recognition
from antq.reports import rollups
from antq.reports.models import ReportForm
from antq.units.models import Unit

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


def units_table(scope: ReviewScope) -> Table | None:
    """Every evaluated unit of the subtree with its registration, assessment, recognition and
    class for the year (five queries)."""
    try:
        campaign = evaluation.year_of_unit(unit=scope.unit, year=scope.year)
    except NotFound:
        return None
    placements = list(
        evaluation.units_in_scope(user=scope.user, campaign=campaign, under=scope.unit)
    )
    ids = [p.unit_id for p in placements]
    registrations = evaluation.registrations_by_unit(campaign, ids)
    assessments = {a.unit_id: a for a in Assessment.objects.filter(year=campaign, unit_id__in=ids)}
    recognitions = {
        r.unit_id: r for r in Recognition.objects.filter(year=campaign, unit_id__in=ids)
    }
    classes = {c.unit_id: c for c in Classification.objects.filter(year=campaign, unit_id__in=ids)}
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
    for n, placement in enumerate(placements, 1):
        unit, pk = placement.unit, placement.unit_id
        registration, assessment = registrations.get(pk), assessments.get(pk)
        recognition, classified = recognitions.get(pk), classes.get(pk)
        table.rows.append(
            [
                n,
                unit.code,
                unit.name,
                kinds.get(unit.kind, unit.kind),
                placement.parent.name if placement.parent else "",
                registration.registered_on if registration else None,
                statuses.get(assessment.status, assessment.status)
                if assessment
                else _("Not started"),
                outcomes.get(recognition.outcome, recognition.outcome) if recognition else "",
                recognition.decision_number if recognition else "",
                recognition.decision_date if recognition else None,
                classified.total if classified else None,
                rules.CLASS_LABELS.get(classified.class_name, classified.class_name)
                if classified
                else "",
            ]
        )
    return table


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
    return [t for t in (units_table(scope), indicators_by_commune(scope)) if t is not None]
