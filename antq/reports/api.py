"""API for periodic reports: submit figures (idempotent), read a rollup, approve or return."""

import hashlib
import json
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from antq.core.errors import DomainError, NotFound
from antq.units.permissions import is_admin
from antq.units.selectors import unit_get

from . import configuration, formcache, rollups, selectors, services
from .models import IdempotencyKey, Report, ReportForm

router = Router(tags=["reports"])


class IdempotencyConflict(DomainError):
    status = 409


class ReportIn(Schema):
    form: str = Field(examples=["movement-monthly"])
    unit: str = Field(examples=["16417"])
    period: str = Field(examples=["2026-10"])
    values: dict[str, Any] = Field(examples=[{"propaganda_sessions": 4, "tips_received": 12}])
    submit: bool = False


class ReportOut(Schema):
    id: int
    form: str
    unit: str
    period: str
    status: str
    submitted_at: str | None
    values: dict[str, Any]


class ReturnIn(Schema):
    reason: str


class IndicatorTotal(Schema):
    code: str
    name: str
    unit_of_measure: str
    aggregation: str
    value: float | None
    values_counted: int


class CompletenessOut(Schema):
    expected: int
    received: int
    on_time: int
    late: int
    missing: int
    rate: float


class RollupOut(Schema):
    form: str
    unit: str
    period_from: str
    period_to: str
    counted_statuses: list[str]
    totals: list[IndicatorTotal]
    completeness: CompletenessOut


def report_out(report: Report) -> dict:
    stored = getattr(report, "stored_values", None)
    if stored is None:
        stored = selectors.report_values(report=report)
    values = {}
    for code, value in stored.items():
        if value.indicator.is_numeric:
            number = value.number
            values[code] = None if number is None else float(number)
        else:
            values[code] = value.text
    return {
        "id": report.pk,
        "form": report.form.code,
        "unit": report.unit.code,
        "period": report.period_key,
        "status": report.status,
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
        "values": values,
    }


def _submit(request, payload: ReportIn, remember=None) -> tuple[int, dict]:
    """Save through the same service as the entry page and the Excel upload; `remember`
    (status, body, report) runs in its transaction."""
    read = formcache.bundle_by_code(payload.form.strip())
    if read is None:
        raise NotFound(_("No report form with code %(code)s.") % {"code": payload.form})
    unit = unit_get(user=request.user, code=payload.unit)
    answer = {}

    def also(report):
        answer["status"] = 201 if getattr(report, "created", False) else 200
        answer["body"] = report_out(report)
        if remember is not None:
            remember(answer["status"], answer["body"], report)

    services.report_save(
        actor=request.user,
        form=read.form,
        unit=unit,
        period_key=payload.period,
        values=payload.values,
        submit=payload.submit,
        also=also,
    )
    return answer["status"], answer["body"]


@router.post(
    "",
    response={200: ReportOut, 201: ReportOut},
    summary=gettext_lazy("Save a unit's report for a period, and submit it"),
    description=(
        "Send an `Idempotency-Key` header to make retries safe: the same key with the same "
        "body returns the first answer and stores nothing again. The answer is sent once "
        "the report is committed."
    ),
)
def report_post(request, payload: ReportIn):
    key = request.headers.get("Idempotency-Key", "").strip()[:255]
    if not key:
        return Status(*_submit(request, payload))
    digest = hashlib.sha256(
        json.dumps(payload.dict(), sort_keys=True, cls=DjangoJSONEncoder).encode()
    ).hexdigest()

    def remember(status, body, report):
        # in the report's transaction: both are stored, or neither
        IdempotencyKey.objects.create(
            account=request.user,
            key=key,
            request_hash=digest,
            status_code=status,
            response=body,
            report=report,
        )

    try:
        return Status(*_submit(request, payload, remember))
    except (IntegrityError, DomainError):
        # A retry: the first attempt stored its answer (a concurrent one waited on the
        # report's or the key's unique index); replay it, or refuse a different body.
        claim = IdempotencyKey.objects.filter(account=request.user, key=key).first()
        if claim is None:
            raise
    if claim.request_hash != digest:
        raise IdempotencyConflict(
            _("This Idempotency-Key was already used for a different request.")
        )
    return Status(claim.status_code, claim.response)


@router.get(
    "/rollup",
    response=RollupOut,
    summary=gettext_lazy("Totals and completeness of a unit's subtree"),
)
def rollup(request, form: str, period: str, unit: str | None = None, period_to: str | None = None):
    """Without `unit`: the whole country for an administrator, else the account's own unit."""
    report_form = selectors.form_get(code=form)
    if unit:
        target = unit_get(user=request.user, code=unit)
    elif is_admin(request.user):
        target = None
    elif request.user.unit is not None:
        target = request.user.unit
    else:
        raise DomainError(_("Give the unit code."))
    first = services.form_period(report_form, period)
    last = services.form_period(report_form, period_to) if period_to else first
    if last < first:
        raise DomainError(_("period_to comes before period."))
    totals = rollups.rollup_totals(report_form, first, last, target)
    figures = rollups.completeness(report_form, last, target)
    return {
        "form": report_form.code,
        "unit": target.code if target else "",
        "period_from": first.key,
        "period_to": last.key,
        "counted_statuses": ["submitted", "approved"],
        "totals": [
            {
                "code": row["indicator"].code,
                "name": row["indicator"].name,
                "unit_of_measure": row["indicator"].unit_of_measure,
                "aggregation": row["indicator"].aggregation,
                "value": None if row["value"] is None else float(row["value"]),
                "values_counted": row["values_counted"],
            }
            for row in totals
        ],
        "completeness": figures.as_dict(),
    }


class IndicatorIn(Schema):
    code: str = Field(max_length=64, examples=["security_team_members"])
    name: str = Field(max_length=255, examples=["Số thành viên Tổ bảo vệ ANTT ở cơ sở"])
    unit_of_measure: str = ""
    value_type: str = "integer"
    aggregation: str = "sum"
    min_value: Decimal | None = Decimal(0)
    max_value: Decimal | None = None
    required: bool = True


class IndicatorOut(Schema):
    code: str
    name: str
    unit_of_measure: str
    value_type: str
    aggregation: str
    min_value: Decimal | None
    max_value: Decimal | None
    required: bool


class CrossRuleIn(Schema):
    left: str
    operator: str = "<="
    right: str
    message: str = ""


class FormIn(Schema):
    code: str = Field(max_length=64, examples=["movement-quarterly"])
    name: str = Field(max_length=255)
    period_type: str = Field(examples=["quarter"])
    unit_kinds: list[str] = Field(examples=[["commune"]])
    indicators: list[str]
    cross_rules: list[CrossRuleIn] = []
    deadline_days: int = 5
    on_time_days: int | None = None
    late_entry_open: bool = True
    skip_out_of_scope: bool = False
    deadline_note: str = ""


class FormPatch(Schema):
    name: str | None = None
    deadline_days: int | None = Field(None, ge=0)
    on_time_days: int | None = Field(None, ge=0)
    late_entry_open: bool | None = None
    active: bool | None = None
    deadline_note: str | None = None
    reason: str = ""


class FormOut(Schema):
    code: str
    name: str
    period_type: str
    unit_kinds: list[str]
    deadline_days: int
    on_time_days: int
    late_entry_open: bool
    skip_out_of_scope: bool
    deadline_note: str
    active: bool
    indicators: list[IndicatorOut]


def form_out(form: ReportForm) -> dict:
    return {
        **{f: getattr(form, f) for f in FormOut.model_fields if f != "indicators"},
        "indicators": form.ordered_indicators(),
    }


@router.get(
    "/forms", response=list[FormOut], summary=gettext_lazy("Report forms and their indicators")
)
def form_list(request):
    return [form_out(f) for f in selectors.form_list(active=False)]


@router.post(
    "/indicators", response={201: IndicatorOut}, summary=gettext_lazy("Define an indicator")
)
def indicator_post(request, payload: IndicatorIn):
    return Status(201, configuration.indicator_create(actor=request.user, **payload.dict()))


@router.post("/forms", response={201: FormOut}, summary=gettext_lazy("Define a report form"))
def form_post(request, payload: FormIn):
    data = payload.dict()
    form = configuration.report_form_create(actor=request.user, **data)
    return Status(201, form_out(form))


@router.patch(
    "/forms/{code}", response=FormOut, summary=gettext_lazy("Change a form's deadlines or use")
)
def form_patch(request, code: str, payload: FormPatch):
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason", "")
    form = selectors.form_get(code=code)
    return form_out(
        configuration.report_form_update(actor=request.user, form=form, reason=reason, **data)
    )


@router.get("/{int:report_id}", response=ReportOut, summary=gettext_lazy("One report"))
def report_detail(request, report_id: int):
    return report_out(selectors.report_get(user=request.user, pk=report_id))


@router.post(
    "/{int:report_id}/approve", response=ReportOut, summary=gettext_lazy("Approve and lock")
)
def report_approve(request, report_id: int):
    report = selectors.report_get(user=request.user, pk=report_id)
    return report_out(services.report_approve(actor=request.user, report=report))


@router.post(
    "/{int:report_id}/return", response=ReportOut, summary=gettext_lazy("Return with a reason")
)
def report_return(request, report_id: int, payload: ReturnIn):
    report = selectors.report_get(user=request.user, pk=report_id)
    return report_out(
        services.report_return(actor=request.user, report=report, reason=payload.reason)
    )
