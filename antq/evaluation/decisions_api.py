"""API of the year's decisions: recognitions (granted, refused, revoked) and classes."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from pydantic import Field

from antq.core.errors import NotFound

from . import selectors, services
from .api import UNIT, YEAR, ReasonIn, _unit, _unit_year, _year

decisions_router = Router(tags=["evaluation"])


class RecognitionDecisionIn(Schema):
    units: list[str]
    decision_number: str
    decision_date: date
    signer: str
    signer_title: str = ""
    issuing_body: str


class RefusalIn(Schema):
    reasons: str
    decision_number: str = ""
    decision_date: date
    signer: str = ""
    issuing_body: str


class RecognitionOut(Schema):
    unit: str
    outcome: str
    decision_number: str
    decision_date: date
    signer: str
    issuing_body: str
    reasons: str
    revoked_on: date | None
    revocation_reason: str


def _recognition_out(r) -> dict:
    return {
        "unit": r.unit.code,
        **{f: getattr(r, f) for f in RecognitionOut.model_fields if f != "unit"},
    }


@decisions_router.post(
    YEAR + "/recognitions",
    response={201: list[RecognitionOut]},
    summary=gettext_lazy("Recognise units by a decision"),
)
def recognitions_grant(request, province: str, year: int, payload: RecognitionDecisionIn):
    data = payload.dict()
    campaign = _year(request, province, year)
    units = [_unit(request, campaign, code) for code in data.pop("units")]
    made = services.recognition_grant(actor=request.user, campaign=campaign, units=units, **data)
    return Status(201, [_recognition_out(r) for r in made])


@decisions_router.get(
    UNIT + "/recognition", response=RecognitionOut, summary=gettext_lazy("A unit's recognition")
)
def recognition_get(request, province: str, year: int, code: str):
    campaign, unit = _unit_year(request, province, year, code)
    found = selectors.recognition_for(campaign=campaign, unit=unit)
    if found is None:
        raise NotFound(_("No decision yet."))
    return _recognition_out(found)


@decisions_router.post(
    UNIT + "/refusal",
    response={201: RecognitionOut},
    summary=gettext_lazy("Refuse a unit's recognition with a reason"),
)
def recognition_refuse(request, province: str, year: int, code: str, payload: RefusalIn):
    campaign, unit = _unit_year(request, province, year, code)
    made = services.recognition_refuse(
        actor=request.user, campaign=campaign, unit=unit, **payload.dict()
    )
    return Status(201, _recognition_out(made))


@decisions_router.post(
    UNIT + "/revocation",
    response=RecognitionOut,
    summary=gettext_lazy("Revoke a unit's recognition with a reason"),
)
def recognition_revoke(request, province: str, year: int, code: str, payload: ReasonIn):
    campaign, unit = _unit_year(request, province, year, code)
    found = selectors.recognition_for(campaign=campaign, unit=unit)
    if found is None:
        raise NotFound(_("No decision yet."))
    return _recognition_out(
        services.recognition_revoke(actor=request.user, recognition=found, reason=payload.reason)
    )


class ScoresIn(Schema):
    scores: dict[str, float]
    submit: bool = False


class ReviewChange(Schema):
    points: float
    reason: str = ""


class ReviewIn(Schema):
    changes: dict[str, ReviewChange] = {}


class ClassificationOut(Schema):
    unit: str
    status: str
    sheet: str
    self_scores: dict[str, float]
    scores: dict[str, float]
    changes: list[dict[str, Any]]
    total: float | None
    class_: str = Field("", alias="class")
    policy: str
    provisional: bool
    items_to_lift: list[str]


def _classification_out(c) -> dict:
    policy = c.policy or {}
    current = selectors.policy_of(c.year)
    return {
        "unit": c.unit.code,
        "status": c.status,
        "sheet": c.sheet_id,
        "self_scores": c.self_scores,
        "scores": c.scores,
        "changes": c.changes,
        "total": float(c.total) if c.total is not None else None,
        "class": c.class_name,
        "policy": policy.get("id", current.id),
        "provisional": policy.get("provisional", current.provisional),
        "items_to_lift": [g.item_id for g in selectors.lift_items(c)] if c.scores else [],
    }


@decisions_router.get(
    UNIT + "/classification",
    response=ClassificationOut,
    by_alias=True,
    summary=gettext_lazy("A unit's movement classification"),
)
def classification_get(request, province: str, year: int, code: str):
    campaign, unit = _unit_year(request, province, year, code)
    found = selectors.classification_for(campaign=campaign, unit=unit)
    if found is None:
        raise NotFound(_("No classification yet."))
    return _classification_out(found)


@decisions_router.put(
    UNIT + "/classification",
    response=ClassificationOut,
    by_alias=True,
    summary=gettext_lazy("Record a unit's classification scores"),
)
def classification_put(request, province: str, year: int, code: str, payload: ScoresIn):
    campaign, unit = _unit_year(request, province, year, code)
    made = services.classification_self_score(
        actor=request.user,
        campaign=campaign,
        unit=unit,
        scores=payload.scores,
        submit=payload.submit,
    )
    return _classification_out(made)


@decisions_router.post(
    UNIT + "/classification/review",
    response=ClassificationOut,
    by_alias=True,
    summary=gettext_lazy("Review a unit's classification"),
)
def classification_review(request, province: str, year: int, code: str, payload: ReviewIn):
    campaign, unit = _unit_year(request, province, year, code)
    found = selectors.classification_for(campaign=campaign, unit=unit)
    if found is None:
        raise NotFound(_("No classification yet."))
    done = services.classification_review(
        actor=request.user,
        classification=found,
        changes={k: (v.points, v.reason) for k, v in payload.changes.items()},
    )
    return _classification_out(done)
