"""API of the campaigns app: campaigns, their activities and totals, scoped to the account."""

from datetime import date

from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status

from antq.core.paging import page_of
from antq.units.selectors import unit_get

from . import selectors, services
from .models import Activity, Campaign

router = Router(tags=["campaigns"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] | None = None


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class TotalsOut(Schema):
    unit: str
    activities: int
    attendees: int
    propaganda_sessions: int
    gifts: int
    gifts_value: int
    awards: int
    models_launched: int


class CampaignOut(Schema):
    id: int
    name: str
    theme: str
    kind: str
    start: date
    end: date
    owner: str
    legal_basis: str
    basis_provisional: bool


class CampaignDetailOut(CampaignOut):
    units: list[str]
    totals: TotalsOut


class CampaignPage(Schema):
    count: int
    page: int
    pages: int
    items: list[CampaignOut]


class CampaignIn(Schema):
    name: str
    kind: str
    start: date
    end: date
    theme: str = ""
    legal_basis: str = ""
    units_root: str = ""
    units_kinds: list[str] = []
    units_codes: list[str] = []


class ActivityOut(Schema):
    id: int
    campaign: int
    unit: str
    unit_name: str
    kind: str
    date: date
    place: str
    participants: str
    attendees: int
    propaganda_sessions: int
    gifts: int
    gifts_value: int
    awards: int
    models_launched: int


class ActivityPage(Schema):
    count: int
    page: int
    pages: int
    items: list[ActivityOut]


class ActivityIn(Schema):
    unit: str
    kind: str
    date: date
    place: str = ""
    participants: str = ""
    attendees: int = 0
    propaganda_sessions: int = 0
    gifts: int = 0
    gifts_value: int = 0
    awards: int = 0
    models_launched: int = 0


def _campaign_out(c: Campaign) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "theme": c.theme,
        "kind": c.kind,
        "start": c.start,
        "end": c.end,
        "owner": c.owner.code,
        "legal_basis": c.legal_basis,
        "basis_provisional": c.basis_provisional,
    }


def _detail(request, c: Campaign) -> dict:
    unit = selectors.viewer_unit(user=request.user, campaign=c)
    taking_part = selectors.units_taking_part(campaign=c, unit=unit)
    return {
        **_campaign_out(c),
        "units": list(taking_part.values_list("code", flat=True)),
        "totals": {"unit": unit.code, **selectors.totals(unit=unit, campaign=c)},
    }


def _activity_out(a: Activity) -> dict:
    fields = {f: getattr(a, f) for f in (*services.FIGURES, *services.TEXTS, "kind", "date")}
    return {
        "id": a.pk,
        "campaign": a.campaign_id,
        "unit": a.unit.code,
        "unit_name": a.unit.name,
        **fields,
    }


def _page(rows, page: int, out) -> dict:
    found = page_of(rows, page)
    return {
        "count": found.paginator.count,
        "page": found.number,
        "pages": found.paginator.num_pages,
        "items": [out(r) for r in found],
    }


@router.get("", response=CampaignPage, summary=gettext_lazy("Campaigns the account may see"))
def campaign_list(request, q: str = "", kind: str = "", year: int | None = None, page: int = 1):
    rows = selectors.campaign_list(user=request.user, q=q, kind=kind, year=year)
    return _page(rows, page, _campaign_out)


@router.get(
    "/{campaign_id}",
    response={200: CampaignDetailOut, **ERRORS},
    summary=gettext_lazy("A campaign"),
)
def campaign_detail(request, campaign_id: int):
    """With its units and the totals of the account's subtree."""
    return _detail(request, selectors.campaign_get(user=request.user, pk=campaign_id))


@router.post(
    "",
    response={201: CampaignDetailOut, **ERRORS},
    summary=gettext_lazy("Create a campaign of the account's unit"),
    description=(
        "The units taking part are every unit of `units_kinds` under `units_root` (a unit code; "
        "empty: the account's unit), plus the units `units_codes` lists."
    ),
)
def campaign_create(request, payload: CampaignIn):
    owner = request.user.unit
    root = unit_get(user=request.user, code=payload.units_root) if payload.units_root else owner
    campaign = services.campaign_create(
        actor=request.user,
        owner=owner,
        name=payload.name,
        kind=payload.kind,
        start=payload.start,
        end=payload.end,
        theme=payload.theme,
        legal_basis=payload.legal_basis,
        pick=services.Pick(root=root, kinds=payload.units_kinds, codes=payload.units_codes),
    )
    return Status(201, _detail(request, campaign))


@router.get(
    "/{campaign_id}/activities",
    response={200: ActivityPage, **ERRORS},
    summary=gettext_lazy("A campaign's activities in the account's subtree"),
)
def activity_list(request, campaign_id: int, unit: str = "", page: int = 1):
    campaign = selectors.campaign_get(user=request.user, pk=campaign_id)
    where = unit_get(user=request.user, code=unit) if unit else None
    where = where or selectors.viewer_unit(user=request.user, campaign=campaign)
    return _page(selectors.activities(campaign=campaign, unit=where), page, _activity_out)


@router.post(
    "/{campaign_id}/activities",
    response={201: ActivityOut, **ERRORS},
    summary=gettext_lazy("Record what a unit held"),
)
def activity_create(request, campaign_id: int, payload: ActivityIn):
    campaign = selectors.campaign_get(user=request.user, pk=campaign_id)
    data = payload.dict()
    unit = unit_get(user=request.user, code=data.pop("unit"))
    activity = services.activity_record(actor=request.user, campaign=campaign, unit=unit, **data)
    return Status(201, _activity_out(activity))


@router.get(
    "/{campaign_id}/totals",
    response={200: TotalsOut, **ERRORS},
    summary=gettext_lazy("A campaign's totals rolled up a unit's subtree"),
)
def campaign_totals(request, campaign_id: int, unit: str = ""):
    campaign = selectors.campaign_get(user=request.user, pk=campaign_id)
    where = unit_get(user=request.user, code=unit) if unit else None
    where = where or selectors.viewer_unit(user=request.user, campaign=campaign)
    return {"unit": where.code, **selectors.totals(unit=where, campaign=campaign)}
