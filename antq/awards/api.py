"""API of the awards app: award kinds, eligibility, nominations and their appraisal,
decisions, the award history and statistics; the same services as the pages."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from antq.core.errors import DomainError, NotFound, PermissionDenied
from antq.units.selectors import unit_get

from . import eligibility, permissions, selectors, services
from .choices import Recipient
from .services.common import today

router = Router(tags=["awards"])


class Error(Schema):
    detail: str
    errors: dict[str, str] | None = None


class KindOut(Schema):
    code: str
    name: str
    category: str
    recipient: str
    level: str
    awarded_by: str
    awarded_by_provisional: bool
    cash_multiple: float | None
    cash_provisional: bool
    criteria: list
    criteria_provisional: bool
    checklist: list[str]
    legal_basis: str
    valid_from: date
    valid_to: date | None


class ReasonOut(Schema):
    rule: str
    met: bool
    text: str
    source: str
    alternative: int | None = None


class EligibilityOut(Schema):
    unit: str
    award: str
    year: int
    eligible: bool
    reasons: list[ReasonOut]


class NominationIn(Schema):
    unit: str = Field(examples=["16417"])
    award: str = Field(examples=["bang-khen-tinh-tap-the"])
    year: int = Field(examples=[2026])
    achievements: str
    basis: str = "merit"
    person_name: str = ""
    birth_date: date | None = None
    position: str = ""
    identity_number: str = ""


class NominationOut(Schema):
    id: int
    unit: str
    award: str
    year: int
    status: str
    recipient: str
    eligibility: dict | None
    reason: str


class AppraisalIn(Schema):
    outcome: str = Field(examples=["accept"])
    reason: str = ""
    checklist: dict[str, bool] = {}
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None


class DecisionIn(Schema):
    award: str
    year: int
    number: str
    decided_on: date
    signer: str
    signer_title: str
    issuing_body: str
    nominations: list[int]
    amounts: dict[int, int] | None = None


class AwardOut(Schema):
    id: int
    award: str
    year: int
    unit: str
    recipient: str
    decision_number: str
    decided_on: date
    amount: int | None
    revoked_on: date | None


class DecisionOut(Schema):
    id: int
    number: str
    decided_on: date
    award: str
    total: int
    awards: list[AwardOut]


class StatRow(Schema):
    award: str
    name: str
    level: str
    recipient: str
    total: int
    grassroots: int
    amount: int | None


class StatisticsOut(Schema):
    unit: str
    year: int
    collectives: int
    individuals: int
    grassroots: int
    grassroots_share: float | None
    rows: list[StatRow]


def _nomination_out(n) -> dict:
    return {
        "id": n.pk,
        "unit": n.unit.code,
        "award": n.kind.code,
        "year": n.year,
        "status": n.status,
        "recipient": n.recipient_name,
        "eligibility": n.eligibility,
        "reason": n.reason,
    }


def _award_out(a) -> dict:
    return {
        "id": a.pk,
        "award": a.kind.code,
        "year": a.year,
        "unit": a.unit.code,
        "recipient": a.recipient_name,
        "decision_number": a.decision_number,
        "decided_on": a.decided_on,
        "amount": a.amount,
        "revoked_on": a.revoked_on,
    }


@router.get(
    "/kinds", response=list[KindOut], summary=gettext_lazy("Award kinds (titles and forms) by code")
)
def kind_list(request):
    return list(selectors.kind_list())


@router.get(
    "/eligibility",
    response={200: EligibilityOut, 400: Error, 404: Error},
    summary=gettext_lazy(
        "Whether a unit (or a person of it) may receive an award for a year, with reasons"
    ),
)
def eligibility_get(
    request,
    unit: str,
    award: str,
    year: int,
    person_name: str = "",
    birth_date: date | None = None,
    identity_number: str = "",
):
    target = unit_get(user=request.user, code=unit)
    kind = selectors.kind_get(code=award)
    if kind.recipient == Recipient.INDIVIDUAL and not (
        identity_number or (person_name and birth_date)
    ):
        raise DomainError(_("Give the person's full name and date of birth, or identity number."))
    result = eligibility.evaluate(
        kind=kind,
        candidate=eligibility.Candidate(
            unit=target,
            person_name=person_name,
            birth_date=birth_date,
            identity_number=identity_number,
        ),
        year=year,
        today=today(),
    )
    return {"unit": target.code, "award": kind.code, "year": year, **result.as_dict()}


@router.get(
    "/nominations", response=list[NominationOut], summary=gettext_lazy("Nominations in scope")
)
def nomination_list(
    request, year: int | None = None, status: str = "", award: str = "", q: str = ""
):
    rows = selectors.nomination_list(user=request.user, year=year, status=status, kind=award, q=q)
    return [_nomination_out(n) for n in rows[:500]]


@router.post(
    "/nominations",
    response={201: NominationOut, 400: Error, 403: Error, 404: Error},
    summary=gettext_lazy("Draft a nomination"),
)
def nomination_post(request, payload: NominationIn):
    data = payload.dict()
    unit = unit_get(user=request.user, code=data.pop("unit"))
    kind = selectors.kind_get(code=data.pop("award"))
    nomination = services.nomination_create(actor=request.user, unit=unit, kind=kind, **data)
    return Status(201, _nomination_out(nomination))


@router.get(
    "/nominations/{int:pk}",
    response={200: NominationOut, 404: Error},
    summary=gettext_lazy("One nomination"),
)
def nomination_detail(request, pk: int):
    return _nomination_out(selectors.nomination_get(user=request.user, pk=pk))


@router.post(
    "/nominations/{int:pk}/submit",
    response={200: NominationOut, 400: Error, 403: Error, 404: Error},
    summary=gettext_lazy("Send to the emulation board (checks blocks and the quota)"),
)
def nomination_submit(request, pk: int):
    nomination = selectors.nomination_get(user=request.user, pk=pk)
    return _nomination_out(services.nomination_submit(actor=request.user, nomination=nomination))


@router.post(
    "/nominations/{int:pk}/appraise",
    response={200: NominationOut, 400: Error, 403: Error, 404: Error},
    summary=gettext_lazy("The board accepts, returns or rejects"),
)
def nomination_appraise(request, pk: int, payload: AppraisalIn):
    nomination = selectors.nomination_get(user=request.user, pk=pk)
    done = services.nomination_appraise(actor=request.user, nomination=nomination, **payload.dict())
    return _nomination_out(done)


@router.post(
    "/decisions",
    response={201: DecisionOut, 400: Error, 403: Error, 404: Error},
    summary=gettext_lazy("Record an award decision over accepted nominations"),
)
def decision_post(request, payload: DecisionIn):
    if not permissions.can_decide(request.user):
        raise PermissionDenied(_("Only province staff or the leader record award decisions."))
    data = payload.dict()
    kind = selectors.kind_get(code=data.pop("award"))
    wanted = data.pop("nominations")
    found = list(selectors.nomination_list(user=request.user).filter(pk__in=wanted))
    if len(found) != len(set(wanted)):
        raise NotFound(_("Some of the nominations were not found."))
    decision = services.decision_record(actor=request.user, kind=kind, nominations=found, **data)
    return Status(201, _decision_out(request, decision))


def _decision_out(request, decision) -> dict:
    awards = list(selectors.decision_awards(user=request.user, decision=decision))
    return {
        "id": decision.pk,
        "number": decision.number,
        "decided_on": decision.decided_on,
        "award": decision.kind.code,
        "total": sum(a.amount or 0 for a in awards),
        "awards": [_award_out(a) for a in awards],
    }


@router.get(
    "/decisions/{int:pk}",
    response={200: DecisionOut, 404: Error},
    summary=gettext_lazy("One decision"),
)
def decision_detail(request, pk: int):
    return _decision_out(request, selectors.decision_get(user=request.user, pk=pk))


@router.get("/history", response=list[AwardOut], summary=gettext_lazy("Award history in scope"))
def award_history(request, year: int | None = None, award: str = "", q: str = ""):
    return [
        _award_out(a)
        for a in selectors.award_list(user=request.user, year=year, kind=award, q=q)[:1000]
    ]


@router.get(
    "/statistics",
    response={200: StatisticsOut, 404: Error},
    summary=gettext_lazy(
        "Collectives and individuals awarded in a subtree for a year; grassroots share"
    ),
)
def statistics(request, unit: str, year: int):
    stats = selectors.statistics(
        user=request.user, under=unit_get(user=request.user, code=unit), year=year
    )
    rows = [
        {
            "award": r["kind__code"],
            "name": r["kind__name"],
            "level": r["kind__level"],
            "recipient": r["kind__recipient"],
            "total": r["total"],
            "grassroots": r["grassroots"],
            "amount": r["amount"],
        }
        for r in stats["rows"]
    ]
    totals = stats["totals"]
    return {
        "unit": unit,
        "year": year,
        "collectives": totals["collectives"],
        "individuals": totals["individuals"],
        "grassroots": totals["grassroots"],
        "grassroots_share": stats["grassroots_share"],
        "rows": rows,
    }


class QuotaIn(Schema):
    unit: str
    award: str
    year: int
    allowed: int = Field(ge=0, le=9999)


class QuotaOut(Schema):
    unit: str
    award: str
    year: int
    allowed: int
    used: int


class SalaryIn(Schema):
    amount: int = Field(gt=0, examples=[2_340_000])
    valid_from: date
    legal_basis: str
    provisional: bool = True


class SalaryOut(Schema):
    amount: int
    valid_from: date
    legal_basis: str
    provisional: bool


class WeightsIn(Schema):
    province: str = Field(examples=["38"])
    recognised: int = Field(ge=0, le=1000)
    classes: dict[str, int] = Field(examples=[{"excellent": 60, "good": 40}])
    decision: str = ""


class WeightsOut(Schema):
    recognised: int
    classes: dict[str, int]
    decision: str
    provisional: bool


def _quota_out(q) -> dict:
    return {
        "unit": q.unit.code,
        "award": q.kind.code,
        "year": q.year,
        "allowed": q.allowed,
        "used": q.used,
    }


@router.get(
    "/quotas", response=list[QuotaOut], summary=gettext_lazy("Quotas and their use for a year")
)
def quota_list(request, year: int):
    return [_quota_out(q) for q in selectors.quota_list(user=request.user, year=year)]


@router.put(
    "/quotas",
    response={200: QuotaOut, 400: Error, 403: Error, 404: Error},
    summary=gettext_lazy("Allocate a unit's quota of an award kind for a year"),
)
def quota_put(request, payload: QuotaIn):
    unit = unit_get(user=request.user, code=payload.unit)
    kind = selectors.kind_get(code=payload.award)
    quota = services.quota_set(
        actor=request.user, year=payload.year, kind=kind, unit=unit, allowed=payload.allowed
    )
    return _quota_out(quota)


@router.put(
    "/basic-salary",
    response={200: SalaryOut, 400: Error, 403: Error},
    summary=gettext_lazy("Set the basic salary from a date (cash awards are multiples of it)"),
)
def salary_put(request, payload: SalaryIn):
    return services.basic_salary_set(actor=request.user, **payload.dict())


@router.put(
    "/weights",
    response={200: WeightsOut, 400: Error, 403: Error, 404: Error},
    summary=gettext_lazy("The province's own weights for ranking cluster members"),
)
def weights_put(request, payload: WeightsIn):
    province = unit_get(user=request.user, code=payload.province)
    unknown = set(payload.classes) - {"excellent", "good", "average", "weak"}
    if unknown or province.kind != "province":
        raise DomainError(
            _("Give the weights of a province for the classes excellent, good, average, weak.")
        )
    return services.weights_set(
        actor=request.user,
        province=province,
        recognised=payload.recognised,
        classes=payload.classes,
        decision=payload.decision,
    )
