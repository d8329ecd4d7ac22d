"""API of the yearly cycle: years, registrations, assessments, recognitions, classes."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status

from antq import rules
from antq.core.errors import NotFound
from antq.core.paging import page_of

from . import selectors, services
from .choices import EVALUATED_KINDS
from .options import options_of

router = Router(tags=["evaluation"])


class CriterionOut(Schema):
    id: str
    met: bool
    citation: str
    reason: str
    applicable: bool = True
    text: str = ""
    wording: str = ""


# --- the yearly cycle -----------------------------------------------------------------------
# Thin: parse, call the same selectors and services as the pages, shape the answer.


# Each province opens its own year: a year is addressed as /provinces/{province}/years/{year}.
YEAR = "/provinces/{province}/years/{year}"
UNIT = YEAR + "/units/{code}"


def _year(request, province: str, year: int):
    return selectors.year_get(user=request.user, province=province, year=year)


def _unit(request, campaign, code: str):
    return selectors.evaluated_unit_get(user=request.user, code=code, campaign=campaign)


def _unit_year(request, province: str, year: int, code: str):
    campaign = _year(request, province, year)
    return campaign, _unit(request, campaign, code)


class YearIn(Schema):
    year: int


class YearPatch(Schema):
    periods: dict[str, list[date]] | None = None
    authorities: dict[str, dict[str, str | bool]] | None = None
    options: dict[str, Any] | None = None
    registration_before: date | None = None
    recognition_area_before: date | None = None
    recognition_other_before: date | None = None
    classification_area_before: date | None = None
    classification_other_before: date | None = None
    reason: str = ""


class YearOut(Schema):
    province: str
    year: int
    ruleset_id: str
    policy: str
    policy_provisional: bool
    periods: dict[str, list[str]]
    authorities: dict[str, dict[str, str | bool]]
    options: dict[str, Any]
    registration_before: date
    recognition_area_before: date
    recognition_other_before: date
    classification_area_before: date
    classification_other_before: date


def _year_out(campaign) -> dict:
    policy = selectors.policy_of(campaign)
    return {
        **{f: getattr(campaign, f) for f in YearOut.model_fields if hasattr(campaign, f)},
        "province": campaign.province.code,
        "policy": policy.id,
        "policy_provisional": policy.provisional,
        "options": options_of(campaign),
    }


@router.get(
    "/years", response=list[YearOut], summary=gettext_lazy("Opened years of the provinces you see")
)
def years(request):
    return [_year_out(c) for c in selectors.year_list(user=request.user)]


@router.get(
    "/provinces/{province}/years",
    response=list[YearOut],
    summary=gettext_lazy("A province's years"),
)
def province_years(request, province: str):
    unit = selectors.province_get(user=request.user, code=province)
    return [_year_out(c) for c in selectors.year_list(user=request.user).filter(province=unit)]


@router.post(
    "/provinces/{province}/years", response={201: YearOut}, summary=gettext_lazy("Open a year")
)
def year_open(request, province: str, payload: YearIn):
    unit = selectors.province_get(user=request.user, code=province)
    campaign = services.year_open(actor=request.user, year=payload.year, province=unit)
    return Status(201, _year_out(campaign))


@router.get(YEAR, response=YearOut, summary=gettext_lazy("One year of a province"))
def year_get(request, province: str, year: int):
    return _year_out(_year(request, province, year))


@router.patch(
    YEAR, response=YearOut, summary=gettext_lazy("Change periods, deadlines, authorities")
)
def year_patch(request, province: str, year: int, payload: YearPatch):
    fields = payload.model_dump(exclude_none=True)
    reason = fields.pop("reason", "")
    if "periods" in fields:
        fields["periods"] = {k: [d.isoformat() for d in v] for k, v in fields["periods"].items()}
    campaign = services.year_update(
        actor=request.user, campaign=_year(request, province, year), reason=reason, **fields
    )
    return _year_out(campaign)


class SheetItemIn(Schema):
    # Defaults, so that a missing field is refused by the service naming the item.
    id: str = ""
    text: str = ""
    max_points: float | str | None = None


class SheetIn(Schema):
    items: list[SheetItemIn]
    decision_number: str
    decision_date: date


class SheetItemOut(Schema):
    id: str
    text: str
    max_points: float
    provisional: bool


class SheetOut(Schema):
    unit_kind: str
    id: str
    label: str
    provisional: bool
    decision_number: str | None
    decision_date: date | None
    items: list[SheetItemOut]


def _sheet_out(campaign, unit_kind: str) -> dict:
    if unit_kind not in EVALUATED_KINDS:
        raise NotFound(_("Unknown unit kind %(kind)s.") % {"kind": unit_kind})
    sheet = selectors.sheet_for_kind(campaign, unit_kind)
    own = (campaign.own_sheets or {}).get(unit_kind) or {}
    return {
        "unit_kind": unit_kind,
        "id": sheet.id,
        "label": sheet.label,
        "provisional": sheet.provisional,
        "decision_number": own.get("decision_number"),
        "decision_date": own.get("decision_date"),
        "items": [
            {
                "id": i.id,
                "text": i.text,
                "max_points": float(i.max_points),
                "provisional": i.provisional,
            }
            for i in sheet.items
        ],
    }


@router.get(
    YEAR + "/sheets/{unit_kind}",
    response=SheetOut,
    summary=gettext_lazy("The score sheet in force"),
)
def year_sheet_get(request, province: str, year: int, unit_kind: str):
    return _sheet_out(_year(request, province, year), unit_kind)


@router.put(
    YEAR + "/sheets/{unit_kind}",
    response=SheetOut,
    summary=gettext_lazy("Record the province's own score sheet for a unit kind"),
)
def year_sheet_put(request, province: str, year: int, unit_kind: str, payload: SheetIn):
    campaign = _year(request, province, year)
    services.year_sheet_decide(
        actor=request.user,
        campaign=campaign,
        unit_kind=unit_kind,
        items=[item.model_dump() for item in payload.items],
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
    )
    return _sheet_out(campaign, unit_kind)


class RegistrationIn(Schema):
    registered_on: date
    households_resident: int | None = None
    households_registered: int | None = None
    note: str = ""
    has_party_organisation: bool = True


class RegistrationRow(Schema):
    code: str
    name: str
    kind: str
    parent: str | None
    registered_on: date | None
    after_quarter_one: bool = False


@router.get(
    YEAR + "/registrations",
    response=list[RegistrationRow],
    summary=gettext_lazy("A year's registrations"),
)
def registrations(
    request,
    province: str,
    year: int,
    registered: bool | None = None,
    kind: str | None = None,
    page: int = 1,
):
    campaign = _year(request, province, year)
    rows = page_of(
        selectors.registration_rows(
            user=request.user, campaign=campaign, kind=kind, registered=registered
        ),
        page,
    )
    found = selectors.registrations_by_unit(campaign, (p.unit_id for p in rows))
    return [
        {
            "code": p.unit.code,
            "name": p.name,
            "kind": p.unit.kind,
            "parent": p.parent.code if p.parent else None,
            "registered_on": found[p.unit_id].registered_on if p.unit_id in found else None,
            "after_quarter_one": p.unit_id in found and found[p.unit_id].after_quarter_one,
        }
        for p in rows
    ]


@router.put(
    UNIT + "/registration",
    response=RegistrationIn,
    summary=gettext_lazy("Register a unit for the year"),
)
def registration_put(request, province: str, year: int, code: str, payload: RegistrationIn):
    campaign, unit = _unit_year(request, province, year, code)
    registration = services.registration_record(
        actor=request.user, campaign=campaign, unit=unit, **payload.dict()
    )
    return registration


class FigureOut(Schema):
    value: int
    source: str
    system: bool


class PointOut(Schema):
    id: str
    met: bool
    reason: str
    applicable: bool = True
    text: str = ""
    wording: str = ""


class AssessmentCriterion(CriterionOut):
    points: list[PointOut]


class AssessmentOut(Schema):
    unit: str
    status: str
    answers: dict[str, bool | None]
    figures: dict[str, FigureOut]
    met: bool
    criteria: list[AssessmentCriterion]
    return_reason: str
    changes: list[dict[str, Any]]


class AssessmentIn(Schema):
    answers: dict[str, bool | None] = {}
    figures: dict[str, int] = {}


class VerifyIn(AssessmentIn):
    reason: str = ""


class ReasonIn(Schema):
    reason: str


def _outcome_out(ruleset, kind: str, outcome, items: dict) -> dict:
    item = items.get(outcome.id) or ruleset.criterion(kind, outcome.id)
    return {
        "id": outcome.id,
        "met": outcome.met,
        "citation": outcome.citation,
        "reason": outcome.reason,
        "applicable": outcome.applicable,
        "text": item.text if item else "",
        "wording": item.wording if item else "",
    }


def _assessment_out(campaign, unit, assessment) -> dict:
    ruleset = selectors.ruleset_of(campaign)
    items = rules.answerable_items(ruleset, unit.kind)
    answers = assessment.answers if assessment else {}
    verdict, figures = selectors.verdict_of(
        campaign, unit, answers, assessment.figures if assessment else {}
    )
    return {
        "unit": unit.code,
        "status": assessment.status if assessment else "new",
        "answers": answers,
        "figures": {
            n: {"value": f.value, "source": f.source, "system": f.system}
            for n, f in figures.items()
        },
        "met": verdict.met,
        "criteria": [
            {
                **_outcome_out(ruleset, unit.kind, c, items),
                "points": [_outcome_out(ruleset, unit.kind, p, items) for p in c.points],
            }
            for c in verdict.criteria
        ],
        "return_reason": assessment.return_reason if assessment else "",
        "changes": selectors.assessment_changes(assessment) if assessment else [],
    }


def _existing_assessment(campaign, unit):
    assessment = selectors.assessment_for(campaign=campaign, unit=unit)
    if assessment is None:
        raise NotFound(_("No self-assessment yet."))
    return assessment


@router.get(
    UNIT + "/assessment", response=AssessmentOut, summary=gettext_lazy("A unit's self-assessment")
)
def assessment_get(request, province: str, year: int, code: str):
    campaign, unit = _unit_year(request, province, year, code)
    return _assessment_out(campaign, unit, selectors.assessment_for(campaign=campaign, unit=unit))


@router.put(
    UNIT + "/assessment",
    response=AssessmentOut,
    summary=gettext_lazy("Save a unit's self-assessment answers"),
)
def assessment_put(request, province: str, year: int, code: str, payload: AssessmentIn):
    campaign, unit = _unit_year(request, province, year, code)
    saved = services.assessment_save(
        actor=request.user,
        campaign=campaign,
        unit=unit,
        answers=payload.answers,
        figures=payload.figures,
    )
    return _assessment_out(campaign, unit, saved)


@router.post(
    UNIT + "/assessment/submit",
    response=AssessmentOut,
    summary=gettext_lazy("Send the self-assessment for verification"),
)
def assessment_submit(request, province: str, year: int, code: str):
    campaign, unit = _unit_year(request, province, year, code)
    done = services.assessment_submit(
        actor=request.user, assessment=_existing_assessment(campaign, unit)
    )
    return _assessment_out(campaign, unit, done)


@router.post(
    UNIT + "/assessment/verify",
    response=AssessmentOut,
    summary=gettext_lazy("Verify a self-assessment"),
)
def assessment_verify(request, province: str, year: int, code: str, payload: VerifyIn):
    campaign, unit = _unit_year(request, province, year, code)
    done = services.assessment_verify(
        actor=request.user,
        assessment=_existing_assessment(campaign, unit),
        answers=payload.answers,
        figures=payload.figures,
        reason=payload.reason,
    )
    return _assessment_out(campaign, unit, done)


@router.post(
    UNIT + "/assessment/return",
    response=AssessmentOut,
    summary=gettext_lazy("Return a self-assessment with a reason"),
)
def assessment_return(request, province: str, year: int, code: str, payload: ReasonIn):
    campaign, unit = _unit_year(request, province, year, code)
    done = services.assessment_return(
        actor=request.user, assessment=_existing_assessment(campaign, unit), reason=payload.reason
    )
    return _assessment_out(campaign, unit, done)
