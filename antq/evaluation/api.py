"""Dry-run endpoints: apply a ruleset or a classification policy without storing anything."""

from typing import Any

from ninja import Router, Schema
from pydantic import Field

from antq import rules
from antq.core.errors import DomainError

rules_router = Router(tags=["rules"])
router = Router(tags=["evaluation"])


class EvaluateIn(Schema):
    ruleset: str = Field(examples=["tt124-2021"])
    unit_kind: str = Field(examples=["residential_area"])
    answers: dict[str, bool | None] = {}
    figures: dict[str, Any] = {}


class CriterionOut(Schema):
    id: str
    met: bool
    citation: str
    reason: str


class EvaluateOut(Schema):
    met: bool
    criteria: list[CriterionOut]


class ClassifyIn(Schema):
    policy: str = Field(examples=["qd510-2022-provisional"])
    points: float
    recognised: bool


class ClassifyOut(Schema):
    class_: str = Field(alias="class")
    provisional: bool


@rules_router.post("/evaluate", response=EvaluateOut, summary="Evaluate answers against a ruleset")
def evaluate(request, payload: EvaluateIn):
    try:
        ruleset = rules.get_ruleset(payload.ruleset)
        verdict = rules.evaluate(ruleset, payload.unit_kind, payload.answers, payload.figures)
    except rules.RulesError as error:
        raise DomainError(error.message) from error
    return {
        "met": verdict.met,
        "criteria": [
            {"id": c.id, "met": c.met, "citation": c.citation, "reason": c.reason}
            for c in verdict.criteria
        ],
    }


@rules_router.post("/classify", response=ClassifyOut, by_alias=True, summary="Classify by points")
def classify(request, payload: ClassifyIn):
    try:
        policy = rules.get_policy(payload.policy)
        result = rules.classify(policy, payload.points, payload.recognised)
    except rules.RulesError as error:
        raise DomainError(error.message) from error
    return {"class": result, "provisional": policy.provisional}
