"""Live totals and completeness over the tree of each period, computed in SQL.

A report counts under a target unit when its unit's placement valid on the report's period
end lies under the target's placement of that date: a commune merged in 2025 still counts
in its 2024 district for 2024. Only submitted and approved reports count.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    CharField,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import StrIndex, Substr
from django.utils import timezone

from antq.core.text import matching
from antq.units.models import Unit, UnitPlacement
from antq.units.selectors import placements_on

from .choices import COUNTED_STATUSES, Aggregation, ReportStatus, ValueType
from .models import Report, ReportForm, ReportValue
from .periods import Period

VIA_UNIT = "unit__placements__"


@dataclass(frozen=True)
class Completeness:
    expected: int
    received: int
    on_time: int

    @property
    def late(self) -> int:
        return self.received - self.on_time

    @property
    def missing(self) -> int:
        return self.expected - self.received

    @property
    def rate(self) -> float:
        return round(100 * self.received / self.expected, 1) if self.expected else 0.0

    def as_dict(self) -> dict:
        return {
            "expected": self.expected,
            "received": self.received,
            "on_time": self.on_time,
            "late": self.late,
            "missing": self.missing,
            "rate": self.rate,
        }


def on_time_cutoff(form: ReportForm, period: Period) -> datetime:
    """Return the first instant (local time) after which a first submission is late."""
    last_day = period.end + timedelta(days=form.on_time_days)
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))


def _placed(prefix, day, via: str = "") -> Q:
    """Rows whose placement on `day` lies under `prefix` (a string, OuterRef or F)."""
    return Q(**{f"{via}path__startswith": prefix, f"{via}valid_from__lte": day}) & (
        Q(**{f"{via}valid_to__isnull": True}) | Q(**{f"{via}valid_to__gte": day})
    )


def _reporting_units(form: ReportForm, via: str = "") -> Q:
    q = Q(**{f"{via}kind__in": form.unit_kinds})
    if form.skip_out_of_scope:
        q &= Q(**{f"{via}out_of_scope_reason": ""})
    return q


def _remembered_placements(unit: Unit) -> list[UnitPlacement] | None:
    """The unit's placements when a page read them once for the request (a dashboard's
    panels: `targets.metrics.remember_anchors`), else None."""
    return getattr(unit, "_anchor_placements", None)


def target_placement(unit: Unit, day: date) -> UnitPlacement | None:
    remembered = _remembered_placements(unit)
    if remembered is not None:
        on_day = [
            p
            for p in remembered
            if p.valid_from <= day and (p.valid_to is None or p.valid_to >= day)
        ]
        return on_day[0] if on_day else None
    return placements_on(day).filter(unit=unit).first()


def target_prefix(unit: Unit | None, day: date) -> str | None:
    """Return the path prefix of `unit` on `day`: "" for the whole country, None if absent."""
    if unit is None:
        return ""
    placement = target_placement(unit, day)
    return placement.path if placement is not None else None


def expected_placements(form: ReportForm, period: Period, prefix) -> QuerySet[UnitPlacement]:
    """The placements of the units that must report `form` for `period` under `prefix`."""
    return (
        UnitPlacement.objects.filter(_placed(prefix, period.end))
        .filter(_reporting_units(form, "unit__"))
        .order_by()
    )


def counted_reports(form: ReportForm, period: Period, prefix) -> QuerySet[Report]:
    """Submitted and approved reports of the period from expected units under `prefix`."""
    return (
        Report.objects.filter(form=form, period_key=period.key, status__in=COUNTED_STATUSES)
        .filter(_reporting_units(form, "unit__"))
        .filter(_placed(prefix, period.end, VIA_UNIT))
        .order_by()
    )


def completeness(form: ReportForm, period: Period, unit: Unit | None) -> Completeness:
    """Expected, received and on-time figures for `unit`'s subtree (None: the country)."""
    prefix = target_prefix(unit, period.end)
    if prefix is None:
        return Completeness(0, 0, 0)
    # One query: each expected unit has at most one report of the period (one_report_per_period).
    report = Report.objects.filter(
        form=form, period_key=period.key, status__in=COUNTED_STATUSES, unit=OuterRef("unit")
    )
    on_time = report.filter(first_submitted_at__lt=on_time_cutoff(form, period))
    figures = expected_placements(form, period, prefix).aggregate(
        expected=Count("id"),
        received=Count("id", filter=Q(Exists(report))),
        on_time=Count("id", filter=Q(Exists(on_time))),
    )
    return Completeness(figures["expected"], figures["received"], figures["on_time"])


def _child_path(field: str, prefix: str):
    """The path of the child of `prefix` that `field` (a path under it) lies in."""
    rest = Substr(field, len(prefix) + 1)
    return Substr(field, 1, len(prefix) + StrIndex(rest, Value("/")), output_field=CharField())


def completeness_by_child(form: ReportForm, period: Period, unit: Unit | None) -> list[dict]:
    """One row per child of `unit` in the period's tree, with its subtree's figures.

    Three queries whatever the size of the tree: the children, then the expected units and
    the counted reports each grouped by the child path their own path starts with. When the
    child itself reports, its own report's status comes along.
    """
    prefix = target_prefix(unit, period.end)
    if prefix is None:
        return []
    expected = dict(
        expected_placements(form, period, prefix)
        .exclude(path=prefix)
        .annotate(child=_child_path("path", prefix))
        .values("child")
        .annotate(n=Count("id"))
        .values_list("child", "n")
    )
    received = {
        row["child"]: row
        for row in counted_reports(form, period, prefix)
        .exclude(**{f"{VIA_UNIT}path": prefix})
        .annotate(child=_child_path(f"{VIA_UNIT}path", prefix))
        .values("child")
        .annotate(
            n=Count("id"),
            on_time=Count("id", filter=Q(first_submitted_at__lt=on_time_cutoff(form, period))),
        )
    }
    own = Report.objects.filter(form=form, period_key=period.key, unit_id=OuterRef("unit_id"))
    children = (
        placements_on(period.end)
        .filter(parent_id=unit.pk if unit is not None else None)
        .filter(path__in=list(expected))
        .select_related("unit")
        .annotate(
            own_status=Subquery(own.values("status")[:1]),
            own_report=Subquery(own.values("pk")[:1]),
        )
        .order_by("sort_name", "unit__code")
    )
    rows = []
    for child in children:
        got = received.get(child.path, {})
        figures = Completeness(expected[child.path], got.get("n", 0), got.get("on_time", 0))
        status = ReportStatus(child.own_status).label if child.own_status else ""
        rows.append(
            {
                "placement": child,
                "figures": figures,
                "status": status,
                "report_id": child.own_report,
            }
        )
    return rows


def children_matching(rows: list[dict], q: str) -> list[dict]:
    """The rows of `completeness_by_child` whose unit's name or code holds `q` (diacritics
    ignored)."""
    return matching(rows, q, lambda r: f"{r['placement'].name} {r['placement'].unit.code}")


def missing_units(form: ReportForm, period: Period, unit: Unit | None) -> QuerySet[UnitPlacement]:
    """The units under `unit` that should have reported and have not (drafts included)."""
    prefix = target_prefix(unit, period.end)
    if prefix is None:
        return UnitPlacement.objects.none()
    received = counted_reports(form, period, prefix).values("unit_id")
    return (
        expected_placements(form, period, prefix)
        .exclude(unit_id__in=received)
        .select_related("unit", "parent")
        .order_by("sort_name", "unit__code")
    )


def _spans(unit: Unit | None, first: Period, last: Period) -> list[tuple]:
    """The (path, valid_from, valid_to) the unit had in the range; one open span for None."""
    if unit is None:
        return [("", first.start, None)]
    remembered = _remembered_placements(unit)
    if remembered is not None:
        return [
            (p.path, p.valid_from, p.valid_to)
            for p in remembered
            if p.valid_from <= last.end and (p.valid_to is None or p.valid_to >= first.end)
        ]
    return list(
        UnitPlacement.objects.filter(unit=unit, valid_from__lte=last.end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first.end))
        .values_list("path", "valid_from", "valid_to")
    )


def _range_filter(form: ReportForm, first: Period, last: Period, spans, via: str = "") -> Q:
    """Counted reports of first..last placed under the spans' paths in each period's tree,
    as a filter on the report reached through `via` ("" on reports, "report__" on values)."""
    end = F(f"{via}period_end")
    where = Q()
    for path, valid_from, valid_to in spans:
        in_span = Q(**{f"{via}period_end__gte": valid_from})
        if valid_to is not None:
            in_span &= Q(**{f"{via}period_end__lte": valid_to})
        where |= in_span & _placed(path, end, f"{via}{VIA_UNIT}")
    counted = Q(
        **{
            f"{via}form": form,
            f"{via}status__in": COUNTED_STATUSES,
            f"{via}period_start__gte": first.start,
            f"{via}period_end__lte": last.end,
        }
    )
    return counted & _reporting_units(form, f"{via}unit__") & where


def _number(value, indicator) -> Decimal | int | None:
    if value is None:
        return None
    value = Decimal(value)
    if (
        indicator.value_type in (ValueType.INTEGER, ValueType.BOOLEAN)
        and value == value.to_integral()
    ):
        return int(value)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rollup_totals(form: ReportForm, first: Period, last: Period, unit: Unit | None) -> list[dict]:
    """Per indicator, the total over `unit`'s subtree (None: the country) and first..last.

    Three queries at most, whatever the data: the unit's placements in the range, one
    aggregate over every value, and for "latest" indicators over several periods one more
    (each unit's value of its latest reported period).
    """
    indicators = [i for i in form.ordered_indicators() if i.is_numeric]
    spans = _spans(unit, first, last)
    if not spans:
        return [{"indicator": i, "value": None, "values_counted": 0} for i in indicators]
    figures = {
        row["indicator_id"]: row
        for row in ReportValue.objects.filter(_range_filter(form, first, last, spans, "report__"))
        .values("indicator_id")
        .annotate(total=Sum("number"), maximum=Max("number"), average=Avg("number"), n=Count("id"))
        .order_by()
    }
    latest = {}
    stock = [i.pk for i in indicators if i.aggregation == Aggregation.LATEST]
    if first != last and stock:
        last_end = (
            Report.objects.filter(
                form=form,
                unit_id=OuterRef("unit_id"),
                status__in=COUNTED_STATUSES,
                period_start__gte=first.start,
                period_end__lte=last.end,
            )
            .order_by("-period_end")
            .values("period_end")[:1]
        )
        reports = Report.objects.filter(_range_filter(form, first, last, spans))
        last_reports = reports.filter(period_end=Subquery(last_end)).values("id")
        latest = dict(
            ReportValue.objects.filter(report__in=last_reports, indicator_id__in=stock)
            .values("indicator_id")
            .annotate(total=Sum("number"))
            .values_list("indicator_id", "total")
            .order_by()
        )
    rows = []
    for indicator in indicators:
        row = figures.get(indicator.pk, {})
        value = {
            Aggregation.SUM: row.get("total"),
            Aggregation.MAX: row.get("maximum"),
            Aggregation.AVG: row.get("average"),
            Aggregation.LATEST: latest.get(indicator.pk) if latest else row.get("total"),
        }[indicator.aggregation]
        rows.append(
            {
                "indicator": indicator,
                "value": _number(value, indicator) if row else None,
                "values_counted": row.get("n", 0),
            }
        )
    return rows


def rollup_totals_by_period(
    form: ReportForm, first: Period, last: Period, unit: Unit | None, indicators: list
) -> dict[str, dict[str, Decimal | int | None]]:
    """Per period key of first..last, each given indicator's total for that period alone.

    Two queries whatever the number of periods (the unit's placements, one aggregate grouped
    by period and indicator), for trends; each period's figure is what `rollup_totals` gives
    for that period (a "latest" indicator over one period is its total).
    """
    spans = _spans(unit, first, last)
    by_id = {i.pk: i for i in indicators if i.is_numeric}
    if not spans or not by_id:
        return {}
    rows = (
        ReportValue.objects.filter(_range_filter(form, first, last, spans, "report__"))
        .filter(indicator_id__in=list(by_id))
        .values("report__period_key", "indicator_id")
        .annotate(total=Sum("number"), maximum=Max("number"), average=Avg("number"))
        .order_by()
    )
    result: dict[str, dict] = {}
    for row in rows:
        indicator = by_id[row["indicator_id"]]
        value = {
            Aggregation.SUM: row["total"],
            Aggregation.MAX: row["maximum"],
            Aggregation.AVG: row["average"],
            Aggregation.LATEST: row["total"],
        }[indicator.aggregation]
        result.setdefault(row["report__period_key"], {})[indicator.code] = _number(value, indicator)
    return result


def rollup_totals_by_descendant(
    form: ReportForm, first: Period, last: Period, unit: Unit, descendants: list[Unit]
) -> dict[int, dict[int, Decimal | int | None]]:
    """For each of `descendants` (units under `unit`), each numeric indicator's total over its
    own subtree and first..last: what `rollup_totals` gives for each, in four queries whatever
    their number (the unit's placements, the values grouped by reporting unit, for "latest"
    indicators each unit's latest period, the reporting units' paths). A reporting unit counts
    for the descendant its present path lies under."""
    indicators = {i.pk: i for i in form.ordered_indicators() if i.is_numeric}
    spans = _spans(unit, first, last)
    if not spans or not descendants:
        return {}
    parts = list(
        ReportValue.objects.filter(_range_filter(form, first, last, spans, "report__"))
        .values("report__unit_id", "indicator_id")
        .annotate(total=Sum("number"), maximum=Max("number"), n=Count("id"))
        .order_by()
    )
    stock = [pk for pk, i in indicators.items() if i.aggregation == Aggregation.LATEST]
    latest: dict[tuple[int, int], Decimal] = {}
    if first != last and stock:
        last_end = (
            Report.objects.filter(
                form=form,
                unit_id=OuterRef("unit_id"),
                status__in=COUNTED_STATUSES,
                period_start__gte=first.start,
                period_end__lte=last.end,
            )
            .order_by("-period_end")
            .values("period_end")[:1]
        )
        last_reports = Report.objects.filter(_range_filter(form, first, last, spans)).filter(
            period_end=Subquery(last_end)
        )
        latest = {
            (row["report__unit_id"], row["indicator_id"]): row["total"]
            for row in ReportValue.objects.filter(
                report__in=last_reports.values("id"), indicator_id__in=stock
            )
            .values("report__unit_id", "indicator_id")
            .annotate(total=Sum("number"))
            .order_by()
        }
    paths = dict(
        Unit.objects.filter(pk__in={p["report__unit_id"] for p in parts}).values_list("pk", "path")
    )
    owner = {d.path: d.pk for d in descendants}

    def descendant_of(path: str) -> int | None:
        segments = path.rstrip("/").split("/")
        for end in range(len(segments), 0, -1):
            found = owner.get("/".join(segments[:end]) + "/")
            if found is not None:
                return found
        return None

    folded: dict[int, dict[int, dict]] = {}
    for part in parts:
        who = descendant_of(paths.get(part["report__unit_id"], ""))
        indicator = indicators.get(part["indicator_id"])
        if who is None or indicator is None:
            continue
        acc = folded.setdefault(who, {}).setdefault(
            indicator.pk, {"total": Decimal(0), "maximum": None, "n": 0, "latest": Decimal(0)}
        )
        acc["total"] += part["total"] or 0
        acc["n"] += part["n"]
        if part["maximum"] is not None:
            acc["maximum"] = max(acc["maximum"] or part["maximum"], part["maximum"])
        acc["latest"] += latest.get((part["report__unit_id"], indicator.pk)) or 0
    result: dict[int, dict[int, Decimal | int | None]] = {}
    for who, by_indicator in folded.items():
        for pk, acc in by_indicator.items():
            indicator = indicators[pk]
            value = {
                Aggregation.SUM: acc["total"],
                Aggregation.MAX: acc["maximum"],
                Aggregation.AVG: acc["total"] / acc["n"] if acc["n"] else None,
                Aggregation.LATEST: acc["latest"] if latest else acc["total"],
            }[indicator.aggregation]
            result.setdefault(who, {})[pk] = _number(value, indicator)
    return result
