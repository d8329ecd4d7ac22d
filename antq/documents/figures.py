"""The figures of a review, section by section, each number traceable to its query.

A section provider is a function `(ctx: ReviewScope) -> Section | None`; `PROVIDERS` lists
them in the document's order, so a registry's section is added by appending its provider.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.evaluation import selectors as evaluation
from antq.evaluation.choices import ClassificationStatus, RecognitionOutcome
from antq.evaluation.models import Classification, Recognition
from antq.reports import rollups
from antq.reports.models import ReportForm
from antq.reports.periods import Period, parse, period_containing, periods_between
from antq.targets import selectors as targets
from antq.units.models import Unit

DEFAULT_FORM = "movement-monthly"


def fmt(value) -> str:
    """A number as an official writes it: 33.800 and 13,85; a dash when there is none."""
    if value is None:
        return "—"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@dataclass
class Row:
    ref: str
    label: str
    value: object
    source: str
    previous: object = None
    has_previous: bool = False

    def as_context(self) -> dict:
        compare = ""
        if self.has_previous:
            change = _change(self.value, self.previous)
            compare = _(" (same period last year: %(prev)s; change: %(change)s)") % {
                "prev": fmt(self.previous),
                "change": change,
            }
        return {
            "ref": self.ref,
            "label": self.label,
            "value": fmt(self.value),
            "compare": compare,
            "source": self.source,
            "previous": fmt(self.previous) if self.has_previous else "",
        }


def _change(value, previous) -> str:
    if value is None or previous is None:
        return "—"
    delta = Decimal(value) - Decimal(previous)
    sign = "+" if delta > 0 else ""
    text = sign + fmt(delta) if delta >= 0 else "-" + fmt(-delta)
    if previous:
        share = (delta * 100 / Decimal(previous)).quantize(Decimal("0.1"))
        text += f" ({'+' if share > 0 else ''}{fmt(share)}%)"
    return text


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class ReviewScope:
    user: object
    unit: Unit
    period: Period
    form_code: str = DEFAULT_FORM

    @property
    def year(self) -> int:
        return self.period.start.year


def _form_span(form: ReportForm, period: Period) -> tuple[Period, Period]:
    return (
        period_containing(period.start, form.period_type),
        period_containing(period.end, form.period_type),
    )


def _last_year(period: Period) -> Period:
    return parse(str(period.start.year - 1) + period.key[4:])


def indicators_section(scope: ReviewScope) -> Section | None:
    form = ReportForm.objects.filter(code=scope.form_code).first()
    if form is None:
        return None
    first, last = _form_span(form, scope.period)
    before = _form_span(form, _last_year(scope.period))
    now = rollups.rollup_totals(form, first, last, scope.unit)
    then = {r["indicator"].pk: r["value"] for r in rollups.rollup_totals(form, *before, scope.unit)}
    source = _("report rollup “%(form)s”, %(first)s–%(last)s, %(unit)s") % {
        "form": form.name,
        "first": first.key,
        "last": last.key,
        "unit": scope.unit.name,
    }
    section = Section("indicators", _("Movement indicators"))
    for n, row in enumerate(now, 1):
        indicator = row["indicator"]
        section.rows.append(
            Row(
                ref=f"A{n}",
                label=indicator.name,
                value=row["value"],
                previous=then.get(indicator.pk),
                has_previous=True,
                source=source,
            )
        )
    return section


def completeness_section(scope: ReviewScope) -> Section | None:
    form = ReportForm.objects.filter(code=scope.form_code).first()
    if form is None:
        return None
    expected = received = on_time = 0
    for period in periods_between(*_form_span(form, scope.period)):
        figures = rollups.completeness(form, period, scope.unit)
        expected, received, on_time = (
            expected + figures.expected,
            received + figures.received,
            on_time + figures.on_time,
        )
    source = _("report completeness “%(form)s”, each period of %(period)s") % {
        "form": form.name,
        "period": scope.period.key,
    }
    return Section(
        "completeness",
        _("Reporting: completeness and timeliness"),
        [
            Row("B1", _("Reports expected"), expected, source),
            Row("B2", _("Reports received"), received, source),
            Row("B3", _("Reports received on time"), on_time, source),
            Row("B4", _("Reports received late"), received - on_time, source),
            Row("B5", _("Reports missing"), expected - received, source),
        ],
    )


def _evaluation_counts(scope: ReviewScope, year: int) -> dict | None:
    try:
        campaign = evaluation.year_of_unit(unit=scope.unit, year=year)
    except NotFound:
        return None
    units = evaluation.units_in_scope(user=scope.user, campaign=campaign, under=scope.unit)
    ids = units.values("unit_id")
    classes = {}
    for name in (
        Classification.objects.filter(
            year=campaign, unit_id__in=ids, status=ClassificationStatus.FINAL
        )
        .values_list("class_name", flat=True)
        .order_by()
    ):
        classes[name] = classes.get(name, 0) + 1
    return {
        "units": units.count(),
        "registered": evaluation.registration_rows(
            user=scope.user, campaign=campaign, under=scope.unit, registered=True
        ).count(),
        "recognised": Recognition.objects.filter(
            year=campaign,
            unit_id__in=ids,
            outcome=RecognitionOutcome.RECOGNISED,
            revoked_on__isnull=True,
        ).count(),
        "classes": classes,
    }


def evaluation_section(scope: ReviewScope) -> Section | None:
    now = _evaluation_counts(scope, scope.year)
    if now is None:
        return None
    then = _evaluation_counts(scope, scope.year - 1) or {"classes": {}}
    source = _("evaluation year %(year)s of %(unit)s (registrations, decisions, classes)") % {
        "year": scope.year,
        "unit": scope.unit.name,
    }
    rows = [
        Row("C1", _("Units evaluated"), now["units"], source, then.get("units"), True),
        Row("C2", _("Units registered"), now["registered"], source, then.get("registered"), True),
        Row("C3", _("Units recognised"), now["recognised"], source, then.get("recognised"), True),
    ]
    from antq import rules

    for n, name in enumerate(sorted(set(now["classes"]) | set(then["classes"])), 4):
        label = _("Units of class %(cls)s") % {"cls": rules.CLASS_LABELS.get(name, name)}
        rows.append(
            Row(
                f"C{n}",
                label,
                now["classes"].get(name, 0),
                source,
                then["classes"].get(name, 0),
                True,
            )
        )
    return Section("evaluation", _("Registration, recognition and classification"), rows)


def targets_section(scope: ReviewScope) -> Section | None:
    found = list(targets.target_list(user=scope.user, year=scope.year, unit=scope.unit))
    if not found:
        return None
    section = Section("targets", _("Targets and attainment"))
    for n, target in enumerate(found, 1):
        attained = targets.attainment_of(target, with_closest=False)
        state = _("met") if attained.met else _("not met, %(gap)s") % {"gap": attained.gap_text}
        section.rows.append(
            Row(
                f"D{n}",
                _("%(label)s (target %(value)s; %(state)s)")
                % {"label": attained.label, "value": fmt(target.value), "state": state},
                attained.current,
                _("target #%(id)s, attainment read live") % {"id": target.pk},
            )
        )
    return section


PROVIDERS: list[Callable[[ReviewScope], Section | None]] = [
    indicators_section,
    completeness_section,
    evaluation_section,
    targets_section,
]

from .registries import PROVIDERS as REGISTRY_PROVIDERS  # noqa: E402 (they use Row, Section)

PROVIDERS += REGISTRY_PROVIDERS


def review_sections(scope: ReviewScope, progress=None) -> list[Section]:
    sections = []
    for n, provider in enumerate(PROVIDERS, 1):
        section = provider(scope)
        if section is not None and section.rows:
            sections.append(section)
        if progress:
            progress(n, len(PROVIDERS))
    return sections
