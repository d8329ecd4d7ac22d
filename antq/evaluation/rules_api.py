"""The rules as data: read the rulesets, and dry-run a ruleset or a policy storing nothing."""

from typing import Any

from django.utils.translation import gettext_lazy
from ninja import Router, Schema
from pydantic import Field

from antq import rules
from antq.core.errors import DomainError, NotFound

from . import selectors, services
from .rules_view import ruleset_data

rules_router = Router(tags=["rules"])
# The province's own criteria of a year, under /evaluation beside the year they belong to.
criteria_router = Router(tags=["evaluation"])
YEAR = "/provinces/{province}/years/{year}"


class EvaluateIn(Schema):
    ruleset: str = Field(examples=["tt124-2021"])
    unit_kind: str = Field(examples=["residential_area"])
    answers: dict[str, bool | None] = {}
    figures: dict[str, Any] = {}


class CriterionResultOut(Schema):
    id: str
    met: bool
    citation: str
    reason: str
    applicable: bool


class EvaluateOut(Schema):
    met: bool
    criteria: list[CriterionResultOut]


class ClassifyIn(Schema):
    policy: str = Field(examples=["qd510-2022-provisional"])
    points: float
    recognised: bool


class ClassifyOut(Schema):
    class_: str = Field(alias="class")
    provisional: bool


@rules_router.post(
    "/evaluate", response=EvaluateOut, summary=gettext_lazy("Evaluate answers against a ruleset")
)
def evaluate(request, payload: EvaluateIn):
    try:
        ruleset = rules.get_ruleset(payload.ruleset)
        verdict = rules.evaluate(ruleset, payload.unit_kind, payload.answers, payload.figures)
    except rules.RulesError as error:
        raise DomainError(error.message) from error
    return {
        "met": verdict.met,
        "criteria": [
            {
                "id": c.id,
                "met": c.met,
                "citation": c.citation,
                "reason": c.reason,
                "applicable": c.applicable,
            }
            for c in verdict.criteria
        ],
    }


@rules_router.post(
    "/classify", response=ClassifyOut, by_alias=True, summary=gettext_lazy("Classify by points")
)
def classify(request, payload: ClassifyIn):
    try:
        policy = rules.get_policy(payload.policy)
        result = rules.classify(policy, payload.points, payload.recognised)
    except rules.RulesError as error:
        raise DomainError(error.message) from error
    return {"class": result, "provisional": policy.provisional}


class CheckOut(Schema):
    kind: str
    label: str
    figure: str
    reference: str | None
    threshold: float


class ItemOut(Schema):
    id: str
    text: str
    summary: str
    citation: str
    wording: str
    kind: str
    may_be_not_applicable: bool
    not_applicable_text: str
    figures_only: bool
    checks: list[CheckOut]


class RuleCriterionOut(ItemOut):
    points: list[ItemOut]
    includes: dict[str, Any] | None


class PeriodOut(Schema):
    start: str
    end: str
    citation: str


class RulesetSummaryOut(Schema):
    id: str
    title: str
    citation: str
    effective_from: str | None
    effective_to: str | None


class RulesetOut(RulesetSummaryOut):
    notes: list[str]
    figures: dict[str, str]
    periods: dict[str, PeriodOut]
    kinds: dict[str, list[RuleCriterionOut]]


@rules_router.get(
    "/rulesets",
    response=list[RulesetSummaryOut],
    summary=gettext_lazy("Rulesets (the legal texts they apply)"),
)
def ruleset_list(request):
    return [ruleset_data(r, with_criteria=False) for r in rules.load_rulesets()]


@rules_router.get(
    "/rulesets/{ruleset_id}",
    response={200: RulesetOut, 404: dict},
    summary=gettext_lazy("One ruleset with the text of each criterion"),
)
def ruleset_detail(request, ruleset_id: str):
    try:
        ruleset = rules.get_ruleset(ruleset_id)
    except rules.NoRulesetError as error:
        raise NotFound(error.message) from error
    return ruleset_data(ruleset)


# --- the province's own criteria (Article 8.1) -----------------------------------------------


class OwnCriterion(Schema):
    kind: str = Field(examples=["residential_area"])
    item: str = Field("criterion", examples=["criterion", "point"])
    id: str = Field(examples=["t.1"])
    text: str
    citation: str = Field(examples=["Điều 2 khoản 1 Quyết định số 12/2026/QĐ-UBND"])
    criterion: str = Field("", description="For a point: the criterion it adds to, e.g. 4.3")


class OwnCriteria(Schema):
    decision: str = ""
    items: list[OwnCriterion]


class OwnCriteriaIn(OwnCriteria):
    reason: str = ""


def _own_out(campaign) -> dict:
    return {
        "decision": (campaign.own_criteria or {}).get("citation", ""),
        "items": services.own_criteria_items(campaign),
    }


@criteria_router.get(
    YEAR + "/criteria",
    response=OwnCriteria,
    summary=gettext_lazy("The province's own criteria (Art. 8.1)"),
)
def own_criteria_get(request, province: str, year: int):
    return _own_out(selectors.year_get(user=request.user, province=province, year=year))


@criteria_router.put(
    YEAR + "/criteria",
    response=OwnCriteria,
    summary=gettext_lazy("Set the province's own criteria (Art. 8.1)"),
)
def own_criteria_put(request, province: str, year: int, payload: OwnCriteriaIn):
    campaign = services.year_criteria_set(
        actor=request.user,
        campaign=selectors.year_get(user=request.user, province=province, year=year),
        decision=payload.decision,
        items=[item.model_dump() for item in payload.items],
        reason=payload.reason,
    )
    return _own_out(campaign)
