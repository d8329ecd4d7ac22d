"""Eligibility computed from the evaluation, the award history and pending matters."""

from datetime import date

import pytest
import time_machine

from antq.awards import services
from antq.awards.eligibility import Candidate, evaluate
from antq.awards.models import AwardKind
from antq.core.errors import DomainError
from antq.core.roles import Role

pytestmark = pytest.mark.django_db
BK = "bang-khen-tinh-tap-the"


def _check(kind_code, unit, year=2026, **person):
    kind = AwardKind.objects.get(code=kind_code)
    return evaluate(
        kind=kind, candidate=Candidate(unit=unit, **person), year=year, today=date(2026, 12, 10)
    )


def test_recognised_and_excellent_two_years_is_eligible_with_both_reasons(tree, evaluate):
    evaluate(tree.commune, 2025)
    evaluate(tree.commune, 2026)
    result = _check(BK, tree.commune)
    assert result.eligible
    texts = [(r.rule, r.met, r.text, r.source) for r in result.reasons]
    recognised = [t for t in texts if t[0] == "recognised"]
    classed = [t for t in texts if t[0] == "class"]
    assert [t[1] for t in recognised] == [True, True]
    assert "2025" in recognised[0][2] and "2026" in recognised[1][2]
    assert "2026/QĐ-UBND" in recognised[1][3]
    assert [t[1] for t in classed] == [True, True]
    assert "Xuất sắc" in classed[1][2]


def test_not_recognised_this_year_is_not_eligible_and_says_so(tree, evaluate):
    evaluate(tree.commune, 2025)
    evaluate(tree.commune, 2026, recognised=False)
    result = _check(BK, tree.commune)
    assert not result.eligible
    unmet = [r for r in result.reasons if not r.met]
    assert [r.rule for r in unmet] == ["recognised"]
    assert "2026" in unmet[0].text


def test_missing_recognition_this_year_is_named(tree, evaluate):
    evaluate(tree.commune, 2025)
    result = _check(BK, tree.commune)
    assert not result.eligible
    assert any(r.rule == "recognised" and not r.met and "2026" in r.source for r in result.reasons)


def test_good_class_is_not_enough(tree, evaluate):
    evaluate(tree.commune, 2025)
    evaluate(tree.commune, 2026, class_name="good")
    result = _check(BK, tree.commune)
    assert not result.eligible
    assert any(r.rule == "class" and not r.met and "Khá" in r.text for r in result.reasons)


def test_pending_complaint_blocks_the_award(tree, evaluate, persona):
    evaluate(tree.commune, 2025)
    evaluate(tree.commune, 2026)
    services.matter_record(
        actor=persona(Role.PROVINCE_STAFF),
        unit=tree.commune,
        kind="complaint",
        reference="Đơn khiếu nại số 15/KN",
        opened_on=date(2026, 11, 1),
    )
    result = _check(BK, tree.commune)
    assert not result.eligible
    blocked = [r for r in result.reasons if r.rule == "pending" and not r.met]
    assert blocked and blocked[0].source == "Đơn khiếu nại số 15/KN"


def test_closed_complaint_no_longer_blocks(tree, evaluate, persona):
    evaluate(tree.commune, 2025)
    evaluate(tree.commune, 2026)
    matter = services.matter_record(
        actor=persona(Role.PROVINCE_STAFF),
        unit=tree.commune,
        kind="complaint",
        reference="Đơn 15/KN",
        opened_on=date(2026, 11, 1),
    )
    services.matter_close(
        actor=persona(Role.PROVINCE_STAFF), matter=matter, closed_on=date(2026, 12, 1)
    )
    assert _check(BK, tree.commune).eligible


PERSON = {
    "person_name": "Lê Thị Hoa",
    "birth_date": date(1980, 5, 2),
    "identity_number": "038180001234",
}


def _history(persona, tree, year, **extra):
    values = {**PERSON, **extra}
    return services.award_record(
        actor=persona(Role.PROVINCE_STAFF),
        kind=AwardKind.objects.get(code="chien-si-thi-dua-co-so"),
        year=year,
        unit=tree.commune,
        decision_number=f"{year}/QĐ-CT",
        decided_on=date(year, 12, 20),
        issuing_body="UBND phường Đông Quang",
        **values,
    )


def test_individual_twice_in_a_row_cstdcs_is_eligible(tree, persona, years):
    _history(persona, tree, 2025)
    _history(persona, tree, 2026)
    result = _check("bang-khen-tinh-ca-nhan", tree.commune, **PERSON)
    assert result.eligible
    assert [r.met for r in result.reasons if r.rule == "title"] == [True, True]


def test_revoked_award_no_longer_counts(tree, persona, years):
    _history(persona, tree, 2025)
    latest = _history(persona, tree, 2026)
    assert _check("bang-khen-tinh-ca-nhan", tree.commune, **PERSON).eligible
    services.award_revoke(
        actor=persona(Role.PROVINCE_STAFF),
        award=latest,
        ground="false_papers",
        revocation_decision="QĐ 99/QĐ-CT ngày 01/03/2027",
        revoked_on=date(2027, 3, 1),
    )
    result = _check("bang-khen-tinh-ca-nhan", tree.commune, **PERSON)
    assert not result.eligible
    assert any(r.rule == "title" and not r.met and "2026" in r.text for r in result.reasons)


def test_adhoc_award_is_not_counted_as_merit(tree, persona, years):
    _history(persona, tree, 2025)
    _history(persona, tree, 2026, basis="adhoc")
    assert not _check("bang-khen-tinh-ca-nhan", tree.commune, **PERSON).eligible


def test_person_matched_by_name_and_birth_date_without_identity(tree, persona, years):
    _history(persona, tree, 2025)
    _history(persona, tree, 2026)
    who = {"person_name": "lê thị hoa", "birth_date": date(1980, 5, 2), "identity_number": ""}
    assert _check("bang-khen-tinh-ca-nhan", tree.commune, **who).eligible


def test_duplicate_award_refused_naming_the_earlier_decision(tree, persona, years):
    _history(persona, tree, 2026)
    with pytest.raises(DomainError) as refused:
        _history(persona, tree, 2026, identity_number="038180001234", person_name="Lê Thị Hoa")
    assert "2026/QĐ-CT" in refused.value.message
    assert "20/12/2026" in refused.value.message


@time_machine.travel(date(2026, 12, 10))
def test_duplicate_is_a_reason_in_the_eligibility(tree, persona, years):
    _history(persona, tree, 2026)
    result = _check("chien-si-thi-dua-co-so", tree.commune, **PERSON)
    assert not result.eligible
    assert any(r.rule == "duplicate" and "2026/QĐ-CT" in r.source for r in result.reasons)
