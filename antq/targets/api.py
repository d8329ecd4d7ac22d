"""API handlers for targets and their attainment."""

from decimal import Decimal

from django.utils.translation import gettext_lazy
from ninja import Router, Schema

from antq.units import selectors as unit_selectors

from . import selectors

router = Router(tags=["targets"])


class ClosestOut(Schema):
    code: str
    name: str
    missing: str


class AttainmentOut(Schema):
    id: int
    label: str
    metric: str
    subject: str
    form_code: str
    indicator_code: str
    denominator_code: str
    comparison: str
    value: Decimal
    value_high: Decimal | None
    basis: str
    current: Decimal | None
    hits: int
    total: int
    met: bool
    state: str  # met, not_met or no_data (nothing yet to judge the target on)
    gap: int
    gap_text: str
    projection: Decimal | None
    closest: list[ClosestOut]


@router.get(
    "/attainment",
    response=list[AttainmentOut],
    summary=gettext_lazy("Targets and where they stand"),
)
def attainment(request, year: int, unit: str | None = None):
    scope = unit_selectors.unit_get(user=request.user, code=unit) if unit else request.user.unit
    return [
        {
            "id": a.target.pk,
            "label": a.label,
            "form_code": a.target.form_code,
            "indicator_code": a.target.indicator_code,
            "denominator_code": a.target.denominator_code,
            "metric": a.target.metric,
            "subject": a.target.subject,
            "comparison": a.target.comparison,
            "value": a.target.value,
            "value_high": a.target.value_high,
            "basis": a.target.basis,
            "current": a.current,
            "hits": a.measure.hits,
            "total": a.measure.total,
            "met": a.met,
            "state": a.state,
            "gap": a.gap,
            "gap_text": a.gap_text,
            "projection": a.projection,
            "closest": [
                {"code": c.unit.code, "name": c.name, "missing": c.missing} for c in a.closest
            ],
        }
        for a in selectors.attainments(user=request.user, year=year, unit=scope)
    ]
