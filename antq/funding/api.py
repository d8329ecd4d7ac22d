"""API of the funding app: budget lines, spending entries (norm-checked) and the statement."""

from datetime import date

from django.apps import apps
from django.utils.translation import gettext_lazy
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from antq.core.errors import FieldErrors
from antq.core.paging import page_of
from antq.units.selectors import unit_get

from . import selectors, services

router = Router(tags=["funding"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] | None = None


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class LineIn(Schema):
    unit: str
    year: int
    source: str
    level: str
    estimate: int
    allocated: int = 0
    decision: str = ""


class LineOut(Schema):
    id: int
    unit: str
    unit_name: str
    year: int
    source: str
    level: str
    estimate: int
    allocated: int
    decision: str
    spent: int


class LinePage(Schema):
    count: int
    page: int
    pages: int
    items: list[LineOut]


class EntryIn(Schema):
    line: int
    date: date
    head: str
    amount: int
    payee: str
    voucher: str = ""
    commune: str = ""
    model: int | None = None
    campaign: int | None = None
    directive: int | None = None
    person: str = ""
    distance_km: int | None = None


class EntryOut(Schema):
    id: int
    line: int
    unit: str
    date: date
    head: str
    source: str
    amount: int
    payee: str
    voucher: str
    commune: str | None
    model: int | None
    campaign: int | None
    directive: int | None
    person: str
    distance_km: int | None
    voucher_file_name: str


class EntryPage(Schema):
    count: int
    page: int
    pages: int
    items: list[EntryOut]


class StatementOut(Schema):
    unit: str
    year: int
    subtree: bool
    estimate: int
    allocated: int
    spent: int
    balance: int
    by_head: dict[str, int]
    by_source: dict[str, int]


def _line_out(line, spent=None) -> dict:
    if spent is None:
        spent = getattr(line, "spent", None)
    if spent is None:
        spent = sum(line.entries.values_list("amount", flat=True))
    return {
        "id": line.pk,
        "unit": line.unit.code,
        "unit_name": line.unit.name,
        "year": line.year,
        "source": line.source,
        "level": line.level,
        "estimate": line.estimate,
        "allocated": line.allocated,
        "decision": line.decision,
        "spent": spent or 0,
    }


def _entry_out(e) -> dict:
    return {
        "id": e.pk,
        "line": e.line_id,
        "unit": e.line.unit.code,
        "date": e.date,
        "head": e.head,
        "source": e.line.source,
        "amount": e.amount,
        "payee": e.payee,
        "voucher": e.voucher,
        "commune": e.commune.code if e.commune_id else None,
        "model": e.model_id,
        "campaign": e.campaign_id,
        "directive": e.directive_id,
        "person": e.person,
        "distance_km": e.distance_km,
        "voucher_file_name": e.voucher_file_name,
    }


def _page(rows, page, out):
    found = page_of(rows, page)
    return {
        "count": found.paginator.count,
        "page": found.number,
        "pages": found.paginator.num_pages,
        "items": [out(r) for r in found],
    }


def _unit(request, code: str):
    return unit_get(user=request.user, code=code) if code else None


@router.get(
    "/lines", response={200: LinePage, **ERRORS}, summary=gettext_lazy("Budget lines in scope")
)
def line_list(
    request,
    unit: str = "",
    year: int | None = None,
    source: str = "",
    level: str = "",
    page: int = 1,
):
    rows = selectors.line_list(
        actor=request.user, unit=_unit(request, unit), year=year, source=source, level=level
    )
    return _page(rows, page, _line_out)


@router.post("/lines", response={201: LineOut, **ERRORS}, summary=gettext_lazy("Add a budget line"))
def line_create(request, payload: LineIn):
    line = services.budget_line_create(
        actor=request.user,
        unit=unit_get(user=request.user, code=payload.unit),
        year=payload.year,
        source=payload.source,
        level=payload.level,
        estimate=payload.estimate,
        allocated=payload.allocated,
        decision=payload.decision,
    )
    return Status(201, _line_out(line, 0))


@router.get(
    "/lines/{line_id}", response={200: LineOut, **ERRORS}, summary=gettext_lazy("A budget line")
)
def line_detail(request, line_id: int):
    return _line_out(selectors.line_get(actor=request.user, pk=line_id))


@router.get(
    "/spending", response={200: EntryPage, **ERRORS}, summary=gettext_lazy("Spending entries")
)
def entry_list(
    request,
    unit: str = "",
    year: int | None = None,
    head: str = "",
    source: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = 1,
):
    rows = selectors.entry_list(
        actor=request.user,
        unit=_unit(request, unit),
        year=year,
        head=head,
        source=source,
        date_from=date_from,
        date_to=date_to,
    )
    return _page(rows, page, _entry_out)


def _linked(field: str, pk: int | None):
    if pk is None:
        return None
    app, model, _owner = services.LINKS[field]
    found = apps.get_model(app, model).objects.filter(pk=pk).first()
    if found is None:
        raise FieldErrors({field: f"#{pk}?"})
    return found


@router.post(
    "/spending",
    response={201: EntryOut, 422: ErrorOut, **ERRORS},
    summary=gettext_lazy("Record a spending entry, checked against the norms"),
    description=(
        "Multipart form (a `voucher_file` is optional: PDF, image, Word or Excel). An entry over "
        "a norm answers 422 with the figures in Vietnamese; nothing is saved."
    ),
)
def entry_create(request, payload: Form[EntryIn], voucher_file: File[UploadedFile] = None):
    line = selectors.line_get(actor=request.user, pk=payload.line)
    entry = services.spending_create(
        actor=request.user,
        line=line,
        date=payload.date,
        head=payload.head,
        amount=payload.amount,
        payee=payload.payee,
        voucher=payload.voucher,
        commune=_unit(request, payload.commune),
        model=_linked("model", payload.model),
        campaign=_linked("campaign", payload.campaign),
        directive=_linked("directive", payload.directive),
        person=payload.person,
        distance_km=payload.distance_km,
        voucher_file=voucher_file,
    )
    return Status(201, _entry_out(entry))


@router.get(
    "/statement", response={200: StatementOut, **ERRORS}, summary=gettext_lazy("A unit's statement")
)
def statement(request, year: int, unit: str = "", subtree: bool = True):
    where = _unit(request, unit) or request.user.unit
    if where is None:
        raise FieldErrors({"unit": "unit?"})
    figures = selectors.statement(actor=request.user, unit=where, year=year, subtree=subtree)
    return {"unit": where.code, "year": year, "subtree": subtree, **figures}
