"""API of the directives app: list, detail, issue, acknowledge, plan, report, pass on, tracking."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from antq.core.errors import FieldErrors
from antq.core.paging import page_of
from antq.units.permissions import is_admin
from antq.units.selectors import unit_get

from . import selectors, services
from .choices import Stage
from .models import Deployment, Directive

router = Router(tags=["directives"])
NOT_YET_LIMIT = 1000


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] | None = None


class CountsOut(Schema):
    expected: int
    received: int
    read: int
    plan_expected: int
    planned: int
    reported: int
    on_time: int
    late: int
    overdue: int


class DirectiveOut(Schema):
    id: int
    issuing_unit: str
    issuing_body: str
    number: str
    issued_on: date
    kind: str
    summary: str
    file_name: str
    requires_plan: bool
    report_deadline: date | None


class DirectiveDetailOut(DirectiveOut):
    counts: CountsOut


class DirectivePage(Schema):
    count: int
    page: int
    pages: int
    items: list[DirectiveOut]


class DirectiveIn(Schema):
    issuing_body: str
    number: str
    issued_on: date
    kind: str
    summary: str
    requires_plan: bool = False
    report_deadline: date | None = None
    audience_root: str = ""
    audience_kinds: str = ""
    audience_codes: str = ""


class DirectivePatch(Schema):
    reason: str
    issuing_body: str | None = None
    summary: str | None = None
    requires_plan: bool | None = None
    report_deadline: date | None = None


class DeploymentOut(Schema):
    directive: int
    unit: str
    unit_name: str
    parent_unit: str | None
    report_deadline: date | None
    received_at: str | None
    read_at: str | None
    plan_number: str
    plan_date: date | None
    reported_on: date | None
    on_time: bool | None


class AcknowledgeIn(Schema):
    read: bool = True


class PlanIn(Schema):
    number: str
    plan_date: date


class DeploymentReportIn(Schema):
    summary: str = ""


class RedeployIn(Schema):
    kinds: list[str] = []
    codes: list[str] = []
    report_deadline: date | None = None


class RedeployOut(Schema):
    sent: int
    already: int


class MissingOut(Schema):
    unit: str
    name: str
    parent: str | None


class TrackingOut(Schema):
    directive: int
    unit: str | None
    counts: CountsOut
    stage: str
    not_yet: list[MissingOut]


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _directive_out(d: Directive) -> dict:
    return {
        "id": d.pk,
        "issuing_unit": d.issuing_unit.code,
        "issuing_body": d.issuing_body,
        "number": d.number,
        "issued_on": d.issued_on,
        "kind": d.kind,
        "summary": d.summary,
        "file_name": d.file_name,
        "requires_plan": d.requires_plan,
        "report_deadline": d.report_deadline,
    }


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _deployment_out(row: Deployment) -> dict:
    return {
        "directive": row.directive_id,
        "unit": row.unit.code,
        "unit_name": row.unit.name,
        "parent_unit": row.parent.unit.code if row.parent_id else None,
        "report_deadline": row.report_deadline,
        "received_at": _iso(row.received_at),
        "read_at": _iso(row.read_at),
        "plan_number": row.plan_number,
        "plan_date": row.plan_date,
        "reported_on": row.reported_on,
        "on_time": row.on_time,
    }


def _scope(request, code: str | None):
    if code:
        return unit_get(user=request.user, code=code)
    if request.user.unit is None and is_admin(request.user):
        return None
    return request.user.unit


def _split(raw: str) -> list[str]:
    return [c.strip() for c in raw.replace(";", ",").replace("\n", ",").split(",") if c.strip()]


@router.get(
    "", response=DirectivePage, summary=gettext_lazy("Directives and plans the account may see")
)
def directive_list(request, q: str = "", kind: str = "", year: int | None = None, page: int = 1):
    rows = selectors.directive_list(user=request.user, q=q, kind=kind, year=year)
    found = page_of(rows, page)
    return {
        "count": found.paginator.count,
        "page": found.number,
        "pages": found.paginator.num_pages,
        "items": [_directive_out(d) for d in found],
    }


@router.get(
    "/{directive_id}",
    response={200: DirectiveDetailOut, **ERRORS},
    summary=gettext_lazy("A directive"),
)
def directive_detail(request, directive_id: int):
    """With the counts of its deployment in the account's area."""
    directive = selectors.directive_get(user=request.user, pk=directive_id)
    counts = selectors.tracking_counts(directive=directive, unit=_scope(request, None))
    return {**_directive_out(directive), "counts": counts.__dict__}


@router.post(
    "",
    response={201: DirectiveDetailOut, **ERRORS},
    summary=gettext_lazy("Issue a directive and deploy it to its audience"),
    description=(
        "Multipart form. The audience is every unit of `audience_kinds` (comma-separated unit "
        "kinds) under `audience_root` (a unit code; empty: the account's unit), plus the units "
        "`audience_codes` lists. The file must be a PDF or Word document."
    ),
)
def directive_create(request, payload: Form[DirectiveIn], file: File[UploadedFile] = None):
    root = (
        unit_get(user=request.user, code=payload.audience_root) if payload.audience_root else None
    )
    audience = services.Audience(
        root=root or request.user.unit,
        kinds=_split(payload.audience_kinds),
        codes=_split(payload.audience_codes),
    )
    directive = services.directive_issue(
        actor=request.user,
        issuing_body=payload.issuing_body,
        number=payload.number,
        issued_on=payload.issued_on,
        kind=payload.kind,
        summary=payload.summary,
        file=file,
        requires_plan=payload.requires_plan,
        report_deadline=payload.report_deadline,
        audience=audience,
    )
    counts = selectors.tracking_counts(directive=directive, unit=None)
    return Status(201, {**_directive_out(directive), "counts": counts.__dict__})


@router.patch(
    "/{directive_id}",
    response={200: DirectiveDetailOut, **ERRORS},
    summary=gettext_lazy("Correct a directive's details, with the reason"),
    description="A new `report_deadline` moves every unit's deadline that was the old one.",
)
def directive_patch(request, directive_id: int, payload: DirectivePatch):
    directive = selectors.directive_get(user=request.user, pk=directive_id)
    changes = payload.dict(exclude_unset=True)
    reason = changes.pop("reason")
    directive = services.directive_update(
        actor=request.user, directive=directive, reason=reason, **changes
    )
    counts = selectors.tracking_counts(directive=directive, unit=_scope(request, None))
    return {**_directive_out(directive), "counts": counts.__dict__}


def _deployment(request, directive_id: int, unit: str) -> Deployment:
    directive = selectors.directive_get(user=request.user, pk=directive_id)
    return selectors.deployment_get(user=request.user, directive=directive, unit_code=unit)


@router.get(
    "/{directive_id}/units/{unit}",
    response={200: DeploymentOut, **ERRORS},
    summary=gettext_lazy("One unit's deployment of a directive"),
)
def deployment_detail(request, directive_id: int, unit: str):
    return _deployment_out(_deployment(request, directive_id, unit))


@router.post(
    "/{directive_id}/units/{unit}/acknowledge",
    response={200: DeploymentOut, **ERRORS},
    summary=gettext_lazy("Acknowledge receipt (and reading) for a unit"),
)
def deployment_acknowledge(request, directive_id: int, unit: str, payload: AcknowledgeIn):
    row = services.deployment_acknowledge(
        actor=request.user, deployment=_deployment(request, directive_id, unit), read=payload.read
    )
    return _deployment_out(row)


@router.post(
    "/{directive_id}/units/{unit}/plan",
    response={200: DeploymentOut, **ERRORS},
    summary=gettext_lazy("Record a unit's own plan (multipart: number, plan_date, file)"),
)
def deployment_plan(
    request, directive_id: int, unit: str, payload: Form[PlanIn], file: File[UploadedFile] = None
):
    row = services.deployment_plan_record(
        actor=request.user,
        deployment=_deployment(request, directive_id, unit),
        number=payload.number,
        plan_date=payload.plan_date,
        file=file,
    )
    return _deployment_out(row)


@router.post(
    "/{directive_id}/units/{unit}/report",
    response={200: DeploymentOut, **ERRORS},
    summary=gettext_lazy("Send a unit's result report (multipart: summary and/or file)"),
)
def deployment_report(
    request,
    directive_id: int,
    unit: str,
    payload: Form[DeploymentReportIn],
    file: File[UploadedFile] = None,
):
    row = services.deployment_report_send(
        actor=request.user,
        deployment=_deployment(request, directive_id, unit),
        summary=payload.summary,
        file=file,
    )
    return _deployment_out(row)


@router.post(
    "/{directive_id}/units/{unit}/redeploy",
    response={200: RedeployOut, **ERRORS},
    summary=gettext_lazy("Pass the directive on to units below this unit"),
)
def deployment_redeploy(request, directive_id: int, unit: str, payload: RedeployIn):
    row = _deployment(request, directive_id, unit)
    sent, already = services.deployment_redeploy(
        actor=request.user,
        deployment=row,
        audience=services.Audience(root=row.unit, kinds=payload.kinds, codes=payload.codes),
        report_deadline=payload.report_deadline,
    )
    return {"sent": sent, "already": already}


@router.get(
    "/{directive_id}/tracking",
    response={200: TrackingOut, **ERRORS},
    summary=gettext_lazy("Counts over a unit's subtree, and who has not yet reached a stage"),
    description="`stage`: received, read, planned or reported (default read).",
)
def tracking(request, directive_id: int, unit: str = "", stage: str = Stage.READ):
    directive = selectors.directive_get(user=request.user, pk=directive_id)
    if stage not in Stage.values:
        raise FieldErrors({"stage": _("Unknown stage: %(stage)s.") % {"stage": stage}})
    scope = _scope(request, unit)
    missing = selectors.not_yet(directive=directive, unit=scope, stage=stage)[:NOT_YET_LIMIT]
    return {
        "directive": directive.pk,
        "unit": scope.code if scope is not None else None,
        "counts": selectors.tracking_counts(directive=directive, unit=scope).__dict__,
        "stage": stage,
        "not_yet": [
            {
                "unit": r.unit.code,
                "name": r.unit.name,
                "parent": r.unit.parent.code if r.unit.parent_id else None,
            }
            for r in missing
        ],
    }
