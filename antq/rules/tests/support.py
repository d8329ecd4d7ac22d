"""Helpers shared by the rules tests: shipped rulesets, answer builders, Hypothesis settings."""

from __future__ import annotations

from hypothesis import settings

from antq.rules import answerable_ids, evaluate, get_ruleset

# No example database: the tests must not write outside antq/rules (and need no memory).
SETTINGS = settings(database=None, deadline=None, max_examples=150)

TT124 = get_ruleset("tt124-2021")
TT23 = get_ruleset("tt23-2012")

PASSING_FIGURES = {
    "residential_area": {
        "households_resident": 250,
        "households_registered": 250,
        "offences_this_year": 4,
        "offences_last_year": 5,
    },
    "commune": {
        "effective_models": 2,
        "offences_this_year": 10,
        "offences_last_year": 10,
        "subunits_total": 25,
        "subunits_registered": 25,
        "subunits_recognised": 18,
    },
    "agency": {
        "staff_total": 40,
        "staff_briefed": 40,
        "effective_models": 1,
        "divisions_total": 10,
        "divisions_advanced": 7,
    },
    "school": {
        "staff_total": 900,
        "staff_briefed": 900,
        "effective_models": 1,
        "divisions_total": 12,
        "divisions_advanced": 9,
    },
}
PASSING_FIGURES["enterprise"] = PASSING_FIGURES["agency"]


def all_yes(ruleset, unit_kind):
    """Return an answer of yes to every item of the unit kind."""
    return dict.fromkeys(answerable_ids(ruleset, unit_kind), True)


def outcome(verdict, criterion_id):
    """Return the outcome of one criterion of a verdict."""
    return next(c for c in verdict.criteria if c.id == criterion_id)


def point(verdict, point_id):
    """Return the outcome of one point (or included item) of a verdict."""
    return next(p for c in verdict.criteria for p in c.points if p.id == point_id)


def evaluate_with(unit_kind, ruleset=TT124, answers=None, **figures):
    """Evaluate a unit answering yes everywhere, with passing figures overridden by ``figures``."""
    base = dict(PASSING_FIGURES[unit_kind]) if ruleset is TT124 else {}
    base.update(figures)
    merged = all_yes(ruleset, unit_kind)
    merged.update(answers or {})
    return evaluate(ruleset, unit_kind, merged, base)
