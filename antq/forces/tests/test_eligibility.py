"""Art. 13 of Law 30/2023, one table per rule: each case met or refused with its message."""

from datetime import date

import pytest

from antq.forces import eligibility
from antq.forces.eligibility import Applicant

JOIN = date(2026, 6, 1)


def applicant(**overrides) -> Applicant:
    values = {
        "birth_date": date(1990, 1, 1),
        "education": "lower_secondary",
        "resident_since": date(2020, 1, 1),
        "record_document": "Phiếu lý lịch tư pháp số 1",
        "health_document": "Giấy khám sức khỏe số 2",
    }
    values.update(overrides)
    return Applicant(**values)


@pytest.mark.parametrize(
    ("birth_date", "decision", "refused", "message"),
    [
        (date(2008, 6, 1), "", False, ""),  # 18 on the day of joining
        (date(2008, 6, 2), "", True, "17 tuổi"),
        (date(1956, 6, 1), "", False, ""),  # exactly 70
        (date(1955, 6, 2), "", False, ""),  # still 70, 71 tomorrow
        (date(1955, 6, 1), "", True, "71 tuổi"),
        (date(1955, 6, 1), "QĐ 12/QĐ-UBND", False, ""),
    ],
)
def test_age(birth_date, decision, refused, message):
    result = eligibility.rule_age(
        applicant(birth_date=birth_date, over_age_decision=decision), JOIN
    )
    assert (result is not None) == refused
    if refused:
        assert result.rule == "M-AGE"
        assert message in result.message


def test_over_seventy_without_a_decision_is_refused_naming_the_age():
    result = eligibility.rule_age(applicant(birth_date=date(1955, 5, 31)), JOIN)
    assert result.rule == "M-AGE"
    assert "71 tuổi" in result.message
    assert result.field == "over_age_decision"


@pytest.mark.parametrize(
    ("education", "special_area", "refused"),
    [
        ("lower_secondary", False, False),
        ("upper_secondary", False, False),
        ("higher", False, False),
        ("primary", False, True),
        ("none", False, True),
        ("primary", True, False),
        ("none", True, True),
    ],
)
def test_education(education, special_area, refused):
    result = eligibility.rule_education(
        applicant(education=education, primary_education_area=special_area), JOIN
    )
    assert (result is not None) == refused
    if refused:
        assert result.rule == "M-EDU"
        assert "tiểu học" in result.message or "trung học cơ sở" in result.message


@pytest.mark.parametrize(
    ("since", "refused"),
    [(date(2025, 6, 1), False), (date(2025, 6, 2), True), (date(2026, 5, 1), True)],
)
def test_residence(since, refused):
    result = eligibility.rule_residence(applicant(resident_since=since), JOIN)
    assert (result is not None) == refused
    if refused:
        assert result.rule == "M-RES"
        assert since.strftime("%d/%m/%Y") in result.message
        assert "một năm" in result.message


@pytest.mark.parametrize(
    ("document", "refused"), [("Phiếu LLTP số 3", False), ("", True), ("  ", True)]
)
def test_record(document, refused):
    result = eligibility.rule_record(applicant(record_document=document), JOIN)
    assert (result is not None) == refused
    if refused:
        assert result.rule == "M-RECORD"
        assert "lý lịch" in result.message


@pytest.mark.parametrize(("document", "refused"), [("Giấy khám số 9", False), ("", True)])
def test_health(document, refused):
    result = eligibility.rule_health(applicant(health_document=document), JOIN)
    assert (result is not None) == refused
    if refused:
        assert result.rule == "M-HEALTH"
        assert "sức khỏe" in result.message


def test_every_failed_rule_is_listed_at_once():
    failing = applicant(
        birth_date=date(2010, 1, 1),
        education="none",
        resident_since=date(2026, 5, 1),
        record_document="",
        health_document="",
    )
    assert [r.rule for r in eligibility.refusals(failing, JOIN)] == [
        "M-AGE",
        "M-EDU",
        "M-RES",
        "M-RECORD",
        "M-HEALTH",
    ]
    assert eligibility.refusals(applicant(), JOIN) == []
