"""API handlers for units: parse, call a selector or service, return a schema."""

from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from antq.core.errors import DomainError
from antq.core.versions import version_of

from . import selectors, services
from .models import Unit, UnitPlacement

router = Router(tags=["units"])
MAX_PAGE_SIZE = 500


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: date
    valid_to: date | None
    managing_level: str
    division_type: str
    address: str
    out_of_scope_reason: str


class UnitPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[UnitOut]


class UnitIn(Schema):
    code: str = Field(max_length=40)
    name: str = Field(max_length=255)
    kind: str
    parent_code: str | None = None
    managing_level: str = ""
    division_type: str = ""
    address: str = ""
    out_of_scope_reason: str = ""
    valid_from: date | None = None
    reason: str = ""


class UnitPatch(Schema):
    name: str | None = None
    division_type: str | None = None
    managing_level: str | None = None
    address: str | None = None
    out_of_scope_reason: str | None = None
    reason: str = ""


class MergeIn(Schema):
    sources: list[str]
    effective_date: date
    into: str | None = None
    new_code: str | None = None
    new_name: str | None = None
    basis: str = ""
    reason: str = ""


class HistoryOut(Schema):
    date: str
    user: str | None
    reason: str | None
    type: str
    changes: list[dict]


def _out(unit: Unit, placement: UnitPlacement | None = None) -> dict:
    parent = placement.parent if placement is not None else unit.parent
    return {
        "code": unit.code,
        "name": placement.name if placement is not None else unit.name,
        "kind": unit.kind,
        "parent_code": parent.code if parent else None,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "managing_level": unit.managing_level,
        "division_type": unit.division_type,
        "address": unit.address,
        "out_of_scope_reason": unit.out_of_scope_reason,
    }


@router.get("", response=UnitPage, summary=gettext_lazy("List units as the tree stood on a date"))
def list_units(
    request,
    parent: str | None = None,
    under: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    as_of: date | None = None,
    page: int = 1,
    page_size: int = 50,
):
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise DomainError(
            _("page must be ≥ 1 and page_size between 1 and %(max)s.") % {"max": MAX_PAGE_SIZE}
        )
    rows = selectors.unit_list(
        user=request.user,
        as_of=as_of,
        kind=kind,
        q=q,
        parent=selectors.unit_get(user=request.user, code=parent) if parent else None,
        under=selectors.unit_get(user=request.user, code=under) if under else None,
    )
    count = rows.count()
    start = (page - 1) * page_size
    items = [_out(row.unit, row) for row in rows[start : start + page_size]]
    return {"count": count, "page": page, "page_size": page_size, "items": items}


@router.post(
    "/merge", response={201: UnitOut}, summary=gettext_lazy("Merge units into one from a date")
)
def merge_units(request, payload: MergeIn):
    sources = [selectors.unit_get(user=request.user, code=c) for c in payload.sources]
    into = selectors.unit_get(user=request.user, code=payload.into) if payload.into else None
    new_unit = (
        services.NewUnit(code=payload.new_code, name=payload.new_name or "")
        if payload.new_code
        else None
    )
    unit = services.units_merge(
        actor=request.user,
        sources=sources,
        into=into,
        new_unit=new_unit,
        on=payload.effective_date,
        basis=payload.basis,
        reason=payload.reason,
    )
    return Status(201, _out(unit))


@router.get(
    "/{code}", response=UnitOut, summary=gettext_lazy("One unit, optionally as it stood on a date")
)
def get_unit(request, response: HttpResponse, code: str, as_of: date | None = None):
    unit = selectors.unit_get(user=request.user, code=code)
    response["ETag"] = f'"{version_of(unit)}"'  # send it back as If-Match to PATCH
    placement = selectors.placement_of(unit, as_of) if as_of else None
    if as_of and placement is None:
        raise DomainError(
            _("%(unit)s did not exist on %(day)s.")
            % {"unit": unit.name, "day": as_of.strftime("%d/%m/%Y")}
        )
    return _out(unit, placement)


@router.get(
    "/{code}/history", response=list[HistoryOut], summary=gettext_lazy("Recorded changes of a unit")
)
def unit_history(request, code: str):
    unit = selectors.unit_get(user=request.user, code=code)
    return [
        {
            "date": item["record"].history_date.isoformat(),
            "user": item["record"].history_user.username if item["record"].history_user else None,
            "reason": item["record"].history_change_reason,
            "type": item["record"].history_type,
            "changes": [
                {key: change[key] for key in ("field", "old", "new")} for change in item["changes"]
            ],
        }
        for item in selectors.unit_history(unit=unit)
    ]


@router.post("", response={201: UnitOut}, summary=gettext_lazy("Create a unit"))
def create_unit(request, payload: UnitIn):
    parent = (
        selectors.unit_get(user=request.user, code=payload.parent_code)
        if payload.parent_code
        else None
    )
    unit = services.unit_create(
        actor=request.user,
        parent=parent,
        **payload.dict(exclude={"parent_code"}),
    )
    return Status(201, _out(unit))


@router.patch(
    "/{code}", response=UnitOut, summary=gettext_lazy("Correct a unit's descriptive fields")
)
def update_unit(request, response: HttpResponse, code: str, payload: UnitPatch):
    """An `If-Match` with the unit's ETag refuses the change (409) if someone saved it since."""
    unit = selectors.unit_get(user=request.user, code=code)
    values = payload.dict(exclude_none=True, exclude={"reason"})
    match = request.headers.get("If-Match", "").removeprefix("W/").strip('" ') or None
    unit = services.unit_update(
        actor=request.user, unit=unit, reason=payload.reason, version=match, **values
    )
    response["ETag"] = f'"{version_of(unit)}"'
    return _out(unit)
