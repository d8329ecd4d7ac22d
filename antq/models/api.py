"""API of the self-management models registry: models and exemplary examples."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from antq.core.errors import DomainError, FieldErrors
from antq.units.models import Unit
from antq.units.selectors import unit_get

from . import selectors, services
from .models import ExemplaryExample, ModelJudgement, SelfManagementModel

router = Router(tags=["models"])
examples_router = Router(tags=["examples"])
MAX_PAGE_SIZE = 500


class Problem(Schema):
    detail: str
    errors: dict[str, str] | None = None


ERRORS = {400: Problem, 403: Problem, 404: Problem}


class SiteOut(Schema):
    id: int
    unit: str
    unit_name: str
    started_on: date
    teams: int
    members: int


class ModelOut(Schema):
    id: int
    name: str
    serves: list[str]
    field: str
    owner: str
    owner_name: str
    level: str
    decision_number: str
    decision_date: date
    decision_signer: str
    description: str
    status: str
    status_on: date | None
    status_reason: str
    site_count: int
    team_count: int


class ModelDetail(ModelOut):
    sites: list[SiteOut]


class ModelPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ModelOut]


class ModelIn(Schema):
    owner: str = Field(examples=["16417"])
    name: str = Field(max_length=255, examples=["Mô hình “Camera an ninh”"])
    serves: list[str] = Field(examples=[["tu_phong", "tu_bao_ve"]])
    field: str = Field(examples=["residential"])
    level: str = Field(examples=["commune"])
    decision_number: str = Field(max_length=64, examples=["12/QĐ-UBND"])
    decision_date: date
    decision_signer: str = ""
    description: str = ""
    reason: str = ""


class JudgementIn(Schema):
    year: int
    site_unit: str | None = Field(None, description="Code of the site's unit; empty: the model")
    effective: bool
    grade: str = ""
    judged_by: str = Field(max_length=255)
    judged_on: date
    note: str = ""
    reason: str = ""


class JudgementOut(Schema):
    id: int
    year: int
    model: int
    site_unit: str | None
    effective: bool
    grade: str
    grade_label: str
    grade_provisional: bool
    judged_by: str
    judged_on: date


class ExampleOut(Schema):
    id: int
    kind: str
    name: str
    unit: str
    unit_name: str
    model: int | None
    field: str
    level: str
    decision_number: str
    decision_date: date
    decision_signer: str
    reason: str


class ExamplePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ExampleOut]


class ExampleIn(Schema):
    unit: str = Field(examples=["16417"])
    kind: str = Field(examples=["collective"])
    name: str = Field(max_length=255)
    model: int | None = None
    field: str = ""
    level: str = Field(examples=["commune"])
    decision_number: str = Field(max_length=64)
    decision_date: date
    decision_signer: str = ""
    reason: str
    change_reason: str = ""


def _page(rows, page: int, page_size: int, out) -> dict:
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise DomainError(
            _("page must be ≥ 1 and page_size between 1 and %(max)s.") % {"max": MAX_PAGE_SIZE}
        )
    start = (page - 1) * page_size
    return {
        "count": rows.count(),
        "page": page,
        "page_size": page_size,
        "items": [out(row) for row in rows[start : start + page_size]],
    }


def model_out(model: SelfManagementModel) -> dict:
    fields = ModelOut.model_fields
    data = {f: getattr(model, f) for f in fields if hasattr(model, f)}
    data.update(
        owner=model.owner.code,
        owner_name=model.owner.name,
        serves=model.serves,
        site_count=getattr(model, "site_count", None) or model.sites.count(),
        team_count=getattr(model, "team_count", None) or 0,
    )
    return data


def model_detail_out(model: SelfManagementModel) -> dict:
    sites = list(selectors.model_sites(model=model))
    return {
        **model_out(model),
        "site_count": len(sites),
        "team_count": sum(len(s.teams.all()) for s in sites),
        "sites": [
            {
                "id": s.pk,
                "unit": s.unit.code,
                "unit_name": s.unit.name,
                "started_on": s.started_on,
                "teams": len(s.teams.all()),
                "members": s.members or 0,
            }
            for s in sites
        ],
    }


def judgement_out(j: ModelJudgement) -> dict:
    return {
        **{f: getattr(j, f) for f in JudgementOut.model_fields if f not in ("model", "site_unit")},
        "model": j.model_id,
        "site_unit": j.site.unit.code if j.site else None,
    }


def example_out(e: ExemplaryExample) -> dict:
    return {
        **{
            f: getattr(e, f)
            for f in ExampleOut.model_fields
            if f not in ("unit", "unit_name", "model")
        },
        "unit": e.unit.code,
        "unit_name": e.unit.name,
        "model": e.model_id,
    }


def _unit(request, code: str | None) -> Unit | None:
    return unit_get(user=request.user, code=code) if code else None


@router.get(
    "", response={200: ModelPage, **ERRORS}, summary=gettext_lazy("Self-management models in scope")
)
def model_list(
    request,
    unit: str | None = None,
    q: str = "",
    field: str = "",
    serves: str = "",
    level: str = "",
    status: str = "",
    page: int = 1,
    page_size: int = 50,
):
    """Models owned in the reader's scope or replicated into it, with sites and teams."""
    rows = selectors.model_list(
        user=request.user,
        under=_unit(request, unit),
        q=q,
        field=field,
        serves=serves,
        level=level,
        status=status,
    )
    return _page(rows, page, page_size, model_out)


@router.get(
    "/{int:model_id}", response={200: ModelDetail, **ERRORS}, summary=gettext_lazy("One model")
)
def model_detail(request, model_id: int):
    return model_detail_out(selectors.model_get(user=request.user, pk=model_id))


@router.post("", response={201: ModelDetail, **ERRORS}, summary=gettext_lazy("Register a model"))
def model_create(request, payload: ModelIn):
    owner = unit_get(user=request.user, code=payload.owner)
    model = services.model_create(
        actor=request.user, owner=owner, **payload.dict(exclude={"owner"})
    )
    return Status(201, model_detail_out(model))


@router.get(
    "/{int:model_id}/judgements",
    response={200: list[JudgementOut], **ERRORS},
    summary=gettext_lazy("A model's yearly judgements"),
)
def judgement_list(request, model_id: int):
    model = selectors.model_get(user=request.user, pk=model_id)
    return [judgement_out(j) for j in selectors.model_judgements(model=model)]


@router.post(
    "/{int:model_id}/judgements",
    response={201: JudgementOut, **ERRORS},
    summary=gettext_lazy("Record the year's judgement of the model or of one of its sites"),
)
def judgement_create(request, model_id: int, payload: JudgementIn):
    model = selectors.model_get(user=request.user, pk=model_id)
    site = None
    if payload.site_unit:
        site = model.sites.select_related("unit").filter(unit__code=payload.site_unit).first()
        if site is None:
            raise FieldErrors(
                {
                    "site_unit": _("%(code)s is not a site of this model.")
                    % {"code": payload.site_unit}
                }
            )
    judgement = services.judgement_record(
        actor=request.user, model=model, site=site, **payload.dict(exclude={"site_unit"})
    )
    return Status(201, judgement_out(judgement))


@examples_router.get(
    "", response={200: ExamplePage, **ERRORS}, summary=gettext_lazy("Exemplary examples in scope")
)
def example_list(
    request,
    unit: str | None = None,
    q: str = "",
    kind: str = "",
    field: str = "",
    year: int | None = None,
    page: int = 1,
    page_size: int = 50,
):
    rows = selectors.example_list(
        user=request.user, under=_unit(request, unit), q=q, kind=kind, field=field, year=year
    )
    return _page(rows, page, page_size, example_out)


@examples_router.get(
    "/{int:example_id}",
    response={200: ExampleOut, **ERRORS},
    summary=gettext_lazy("One exemplary example"),
)
def example_detail(request, example_id: int):
    return example_out(selectors.example_get(user=request.user, pk=example_id))


@examples_router.post(
    "", response={201: ExampleOut, **ERRORS}, summary=gettext_lazy("Record an exemplary example")
)
def example_create(request, payload: ExampleIn):
    unit = unit_get(user=request.user, code=payload.unit)
    model = selectors.model_get(user=request.user, pk=payload.model) if payload.model else None
    example = services.example_create(
        actor=request.user, unit=unit, model=model, **payload.dict(exclude={"unit", "model"})
    )
    return Status(201, example_out(example))
