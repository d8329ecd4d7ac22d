"""rules.meets, the batch's verdict without reasons, agrees with evaluate on any input."""

import random

import pytest

from antq import rules

ANSWERS = (True, False, None, "missing")
FIGURES = ("missing", "missing", 0, 1, 2, 3, 5, 40, 50, 70, 80, 90, 99, 100, 400, -1)


def _cases(ruleset, kind, count, pick):
    ids = rules.answerable_ids(ruleset, kind)
    names = list(ruleset.figures)
    for index in range(count):
        # mostly all yes (a real year), then more and more unanswered or refused
        flip = min(1.0, index / count * 1.5)
        answers = {}
        for item_id in ids:
            answer = pick.choice(ANSWERS) if pick.random() < flip else True
            if answer != "missing":
                answers[item_id] = answer
        figures = {}
        if index % 4 == 1:  # one value for all: ratios of 100%, this year equal to last
            figures = dict.fromkeys(names, pick.choice((0, 1, 3, 100)))
        for name in names if index % 4 > 1 else ():  # index % 4 == 0: the answers decide
            value = pick.choice(FIGURES)
            if value != "missing":
                figures[name] = value
        yield answers, figures


def _kinds():
    return [(r, k) for r in rules.load_rulesets() for k in r.unit_kinds]


@pytest.mark.parametrize(("ruleset", "kind"), _kinds(), ids=lambda v: getattr(v, "id", v))
def test_meets_is_the_verdict_of_evaluate(ruleset, kind):
    pick = random.Random(f"{ruleset.id}-{kind}")
    outcomes = set()
    for answers, figures in _cases(ruleset, kind, 400, pick):
        met = rules.evaluate(ruleset, kind, answers, figures).met
        assert rules.meets(ruleset, kind, answers, figures) is met, (answers, figures)
        outcomes.add(met)
    assert outcomes == {True, False}  # both verdicts were tried


def test_meets_refuses_what_evaluate_refuses():
    ruleset = rules.get_ruleset("tt124-2021")
    for answers, figures in (
        ({"9.9": True}, {}),
        ({rules.answerable_ids(ruleset, "commune")[0]: "có"}, {}),
        ({}, {"no_such_figure": 1}),
        ({}, {next(iter(ruleset.figures)): 1.5}),
    ):
        with pytest.raises(rules.RulesError) as expected:
            rules.evaluate(ruleset, "commune", answers, figures)
        with pytest.raises(type(expected.value)) as found:
            rules.meets(ruleset, "commune", answers, figures)
        assert str(found.value) == str(expected.value)
    with pytest.raises(rules.UnknownUnitKindError):
        rules.meets(ruleset, "planet", {}, {})
