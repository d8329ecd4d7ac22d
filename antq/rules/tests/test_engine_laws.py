"""Property tests: the laws every verdict and every classification obeys."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from antq.rules import (
    CLASSES,
    answerable_ids,
    answerable_items,
    classify,
    evaluate,
    get_policy,
    items_to_lift,
    load_rulesets,
    sheet_for,
    total_points,
)

from .support import SETTINGS, TT124, all_yes, outcome

RULESETS = load_rulesets()
POLICY = get_policy("qd510-2022-provisional")


@st.composite
def any_input(draw):
    """Draw a ruleset, a unit kind and well-typed, arbitrary answers and figures."""
    ruleset = draw(st.sampled_from(RULESETS))
    kind = draw(st.sampled_from(ruleset.unit_kinds))
    answers = draw(
        st.dictionaries(
            st.sampled_from(answerable_ids(ruleset, kind)), st.one_of(st.booleans(), st.none())
        )
    )
    figures = draw(
        st.dictionaries(
            st.sampled_from(sorted(ruleset.figures)), st.integers(min_value=-3, max_value=10**6)
        )
    )
    return ruleset, kind, answers, figures


@st.composite
def passing_figures(draw, kind):
    """Draw figures that meet every derived part of ``kind`` under Circular 124."""

    def ratio(numerator, denominator, percent, minimum=1):
        total = draw(st.integers(min_value=minimum, max_value=5000))
        least = -(-percent * total // 100)  # ceil: the least count that reaches the threshold
        return {denominator: total, numerator: draw(st.integers(least, total))}

    figures = {}
    if kind == "residential_area":
        households = draw(st.integers(min_value=1, max_value=5000))
        figures.update(households_resident=households, households_registered=households)
    if kind in ("residential_area", "commune"):
        last = draw(st.integers(min_value=0, max_value=1000))
        figures.update(
            offences_last_year=last,
            offences_this_year=draw(st.integers(min_value=0, max_value=last)),
        )
    if kind != "residential_area":
        figures["effective_models"] = draw(st.integers(min_value=1, max_value=50))
    if kind == "commune":
        figures.update(ratio("subunits_recognised", "subunits_total", 70))
        figures["subunits_registered"] = figures["subunits_total"]
    if kind in ("agency", "enterprise", "school"):
        staff = draw(st.integers(min_value=1, max_value=5000))
        figures.update(staff_total=staff, staff_briefed=staff)
        figures.update(ratio("divisions_advanced", "divisions_total", 70, minimum=0))
    return figures


KINDS = st.sampled_from(TT124.unit_kinds)


@SETTINGS
@given(any_input())
def test_evaluate_never_raises_and_is_consistent(case):
    ruleset, kind, answers, figures = case
    verdict = evaluate(ruleset, kind, answers, figures)
    assert verdict.met == all(c.met for c in verdict.criteria)
    for criterion in verdict.criteria:
        assert criterion.reason and criterion.citation
        if criterion.points:
            assert criterion.met == all(p.met for p in criterion.points)
            assert all(p.reason and p.citation for p in criterion.points)


@SETTINGS
@given(st.data())
def test_all_met_gives_a_met_verdict(data):
    kind = data.draw(KINDS)
    figures = data.draw(passing_figures(kind))
    verdict = evaluate(TT124, kind, all_yes(TT124, kind), figures)
    assert verdict.met, verdict.explain()


@SETTINGS
@given(st.data())
def test_any_unmet_point_fails_its_criterion(data):
    kind = data.draw(KINDS)
    # Points include 5.2's items (4.2, 4.3.*, 4.4.*), which decide it like points.
    pointed = [c for c in evaluate(TT124, kind, all_yes(TT124, kind)).criteria if c.points]
    criterion = data.draw(st.sampled_from(pointed))
    failing = data.draw(st.sampled_from([p.id for p in criterion.points]))
    answers = {**all_yes(TT124, kind), failing: False}
    # Without figures the answers decide every point, so the flipped one must fail.
    verdict = evaluate(TT124, kind, answers)
    assert not outcome(verdict, criterion.id).met
    assert not verdict.met


@SETTINGS
@given(st.data())
def test_any_unmet_criterion_fails_the_verdict(data):
    ruleset = data.draw(st.sampled_from(RULESETS))
    kind = data.draw(st.sampled_from(ruleset.unit_kinds))
    failing = data.draw(st.sampled_from(answerable_ids(ruleset, kind)))
    verdict = evaluate(ruleset, kind, {**all_yes(ruleset, kind), failing: False})
    assert not verdict.met
    assert verdict.failed()


@SETTINGS
@given(st.data())
def test_any_missing_answer_fails_the_verdict(data):
    kind = data.draw(KINDS)
    items = answerable_items(TT124, kind)
    missing = data.draw(st.sampled_from(list(items)))
    answers = {k: v for k, v in all_yes(TT124, kind).items() if k != missing}
    assert not evaluate(TT124, kind, answers).met


@SETTINGS
@given(total=st.integers(min_value=1, max_value=10**5), data=st.data())
def test_recognised_threshold_is_inclusive(total, data):
    recognised = data.draw(st.integers(min_value=0, max_value=total))
    verdict = evaluate(
        TT124,
        "commune",
        all_yes(TT124, "commune"),
        {
            "subunits_total": total,
            "subunits_registered": total,
            "subunits_recognised": recognised,
            "effective_models": 1,
        },
    )
    assert outcome(verdict, "5.4").met == (recognised * 100 >= 70 * total)


@SETTINGS
@given(total=st.integers(min_value=0, max_value=10**5), data=st.data())
def test_divisions_threshold_is_inclusive(total, data):
    advanced = data.draw(st.integers(min_value=0, max_value=total))
    verdict = evaluate(
        TT124,
        "school",
        all_yes(TT124, "school"),
        {"divisions_total": total, "divisions_advanced": advanced},
    )
    assert outcome(verdict, "7.6").met == (total == 0 or advanced * 100 >= 70 * total)


@SETTINGS
@given(resident=st.integers(min_value=1, max_value=10**5), data=st.data())
def test_households_must_all_register(resident, data):
    registered = data.draw(st.integers(min_value=0, max_value=resident))
    verdict = evaluate(
        TT124,
        "residential_area",
        all_yes(TT124, "residential_area"),
        {"households_resident": resident, "households_registered": registered},
    )
    assert outcome(verdict, "4.1").met == (registered == resident)


@SETTINGS
@given(this_year=st.integers(0, 10**4), last_year=st.integers(0, 10**4))
def test_this_year_against_last_year(this_year, last_year):
    verdict = evaluate(
        TT124,
        "residential_area",
        all_yes(TT124, "residential_area"),
        {"offences_this_year": this_year, "offences_last_year": last_year},
    )
    assert outcome(verdict, "4.4").met == (this_year <= last_year)


TENTHS = st.integers(min_value=0, max_value=1000).map(lambda n: Fraction(n, 10))


@SETTINGS
@given(a=TENTHS, b=TENTHS, recognised=st.booleans())
def test_class_is_monotone_in_points(a, b, recognised):
    low, high = sorted((a, b))
    assert CLASSES.index(classify(POLICY, low, recognised)) <= CLASSES.index(
        classify(POLICY, high, recognised)
    )


@SETTINGS
@given(points=TENTHS)
def test_not_recognised_is_at_most_good(points):
    capped = classify(POLICY, points, False)
    assert capped != "excellent"
    best = classify(POLICY, points, True)
    assert capped == min(best, "good", key=CLASSES.index)


@SETTINGS
@given(st.data())
def test_lifting_the_suggested_items_raises_the_class(data):
    kind = data.draw(KINDS)
    recognised = data.draw(st.booleans())
    sheet = sheet_for(kind)
    scores = {item.id: data.draw(st.integers(0, int(item.max_points))) for item in sheet.items}
    before = classify(POLICY, total_points(sheet, scores), recognised)
    gaps = items_to_lift(sheet, scores, POLICY, recognised)
    lifted = {**scores, **{gap.item_id: gap.max_points for gap in gaps}}
    after = classify(POLICY, total_points(sheet, lifted), recognised)
    if gaps:
        assert CLASSES.index(after) > CLASSES.index(before)
        # The fewest items: dropping the last one would not be enough.
        fewer = {**scores, **{g.item_id: g.max_points for g in gaps[:-1]}}
        assert classify(POLICY, total_points(sheet, fewer), recognised) == before
    else:
        assert before in ("excellent", "good" if not recognised else "excellent")
