"""Acceptance 3: a full year run for a commune, its residential areas and its school."""

from datetime import date

import pytest

from antq.core.errors import DomainError, PermissionDenied
from antq.core.roles import Role
from antq.evaluation import selectors, services
from antq.evaluation.certificate import certificate_content
from antq.evaluation.choices import AssessmentStatus
from antq.evaluation.year_inputs import year_inputs

from .support import all_yes, open_year, register


def _criterion(verdict, criterion_id):
    return next(c for c in verdict.criteria if c.id == criterion_id)


def _commune_verdict(campaign, tree):
    assessment = selectors.assessment_for(campaign=campaign, unit=tree["16417"])
    verdict, figures = selectors.verdict_of(
        campaign, tree["16417"], assessment.answers, assessment.figures
    )
    return verdict, figures


def test_a_full_year_from_registration_to_classification_and_a_revocation(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    officer = persona(Role.COMMUNE_OFFICER)
    school_officer = persona(Role.ESTABLISHMENT_OFFICER)
    campaign = open_year(persona)
    assert campaign.ruleset_id == "tt124-2021"
    assert campaign.periods["residential_area"] == ["2025-11-01", "2026-10-31"]
    assert campaign.periods["school"] == ["2025-11-16", "2026-11-15"]
    area, area2, school, commune = (
        tree["16417-KDC01"],
        tree["16417-KDC02"],
        tree["16417-TH01"],
        tree["16417"],
    )

    # Registration: the lists show who has not registered yet.
    register(officer, campaign, area, households_resident=120, households_registered=120)
    missing = selectors.registration_rows(user=officer, campaign=campaign, registered=False)
    assert {p.unit.code for p in missing} == {"16417", "16417-KDC02", "16417-TH01"}
    register(officer, campaign, area2, households_resident=80, households_registered=80)
    register(school_officer, campaign, school)
    register(officer, campaign, commune)

    # Self-assessment: households come from the registration, with their source.
    answers = all_yes("residential_area")
    saved = services.assessment_save(
        actor=officer, campaign=campaign, unit=area, answers=answers, figures={}
    )
    verdict, figures = selectors.verdict_of(campaign, area, saved.answers, saved.figures)
    assert verdict.met and figures["households_registered"].system
    assert "120" in _criterion(verdict, "4.1").reason
    for unit, kind in ((area2, "residential_area"), (school, "school")):
        actor = school_officer if unit == school else officer
        services.assessment_save(
            actor=actor, campaign=campaign, unit=unit, answers=all_yes(kind), figures={}
        )
    for unit in (area, area2, school):
        assessment = selectors.assessment_for(campaign=campaign, unit=unit)
        services.assessment_submit(actor=officer, assessment=assessment)

    # Verification: one return with its mandatory reason, then a correction the unit sees.
    first = selectors.assessment_for(campaign=campaign, unit=area2)
    with pytest.raises(DomainError):
        services.assessment_return(actor=officer, assessment=first, reason=" ")
    services.assessment_return(
        actor=officer, assessment=first, reason="Thiếu biên bản họp khu dân cư"
    )
    assert first.status == AssessmentStatus.RETURNED
    services.assessment_submit(actor=officer, assessment=first)
    staff_fix = {"4.4.a": True}
    with pytest.raises(DomainError):  # a change needs a reason
        services.assessment_verify(
            actor=officer, assessment=first, figures={"offences_this_year": 2}
        )
    services.assessment_verify(
        actor=officer,
        assessment=first,
        answers=staff_fix,
        figures={"offences_this_year": 2, "offences_last_year": 3},
        reason="Số vụ việc theo báo cáo của Công an phường",
    )
    changes = selectors.assessment_changes(first)
    assert {c["id"] for c in changes} == {"offences_this_year", "offences_last_year"}
    for unit in (area, school):
        services.assessment_verify(
            actor=officer, assessment=selectors.assessment_for(campaign=campaign, unit=unit)
        )

    # Recognition of the three units by one decision of the commune.
    granted = services.recognition_grant(
        actor=officer,
        campaign=campaign,
        units=[area, area2, school],
        decision_number="125/QĐ-UBND",
        decision_date=date(2026, 11, 12),
        signer="Nguyễn Văn An",
        issuing_body="Ủy ban nhân dân phường Đông Quang",
    )
    assert len(granted) == 3

    # The commune: 5.4 is filled from the units it manages: 3 of 3 registered and recognised.
    services.assessment_save(
        actor=officer, campaign=campaign, unit=commune, answers=all_yes("commune"), figures={}
    )
    commune_assessment = selectors.assessment_for(campaign=campaign, unit=commune)
    services.assessment_submit(actor=officer, assessment=commune_assessment)
    with pytest.raises(PermissionDenied):  # the commune does not verify itself
        services.assessment_verify(actor=officer, assessment=commune_assessment)
    services.assessment_verify(actor=staff, assessment=commune_assessment)
    verdict, figures = _commune_verdict(campaign, tree)
    assert _criterion(verdict, "5.4").met and verdict.met
    assert figures["subunits_recognised"].value == 3 and figures["subunits_total"].value == 3

    # What the residential area's certificate says (the documents app lays it out).
    recognition = selectors.recognition_for(campaign=campaign, unit=area)
    words = certificate_content(recognition)
    assert words["unit_line"].startswith("Thôn Đông Hưng")
    assert "124/2021" in words["basis"] and words["number"] == recognition.decision_number

    # Classification: self-score, review with a reason, final class, items that would lift it.
    sheet = selectors.sheet_of(campaign, area)
    scores = {item.id: float(item.max_points) for item in sheet.items}
    first_item = sheet.items[0]
    scores[first_item.id] = 0
    classification = services.classification_self_score(
        actor=officer, campaign=campaign, unit=area, scores=scores, submit=True
    )
    assert float(classification.total) == 100 - float(first_item.max_points)
    big = max(sheet.items, key=lambda i: i.max_points)
    final = services.classification_review(
        actor=officer,
        classification=classification,
        changes={big.id: (0, "Chưa có mô hình hoạt động hiệu quả")},
    )
    assert final.changes[0]["reason"] == "Chưa có mô hình hoạt động hiệu quả"
    assert final.class_name in {"good", "average", "weak"}
    assert final.policy["provisional"] is True
    lift = selectors.lift_items(final)
    assert lift and lift[0].item_id == big.id

    # Revoking one residential area takes the commune below 70% (2 of 3): 5.4 fails.
    services.recognition_revoke(
        actor=officer,
        recognition=selectors.recognition_for(campaign=campaign, unit=area2),
        reason="Phát hiện vụ việc phức tạp kéo dài",
    )
    verdict, figures = _commune_verdict(campaign, tree)
    assert not _criterion(verdict, "5.4").met and not verdict.met
    assert "66,6%" in _criterion(verdict, "5.4").reason
    commune_assessment.refresh_from_db()
    assert commune_assessment.met is False

    # The whole-year reader used by rollups and the benchmark agrees with the page's figures.
    from antq import rules
    from antq.evaluation.models import Assessment
    from antq.evaluation.tasks import refresh_year_verdicts

    ruleset = selectors.ruleset_of(campaign)
    bulk = {
        pk: rules.evaluate(ruleset, kind, answers, figures).met
        for pk, kind, answers, figures in year_inputs(campaign)
    }
    one_by_one = {
        a.pk: selectors.verdict_of(campaign, a.unit, a.answers, a.figures)[0].met
        for a in Assessment.objects.filter(year=campaign)
    }
    assert bulk == one_by_one and bulk[commune_assessment.pk] is False
    Assessment.objects.filter(pk=commune_assessment.pk).update(met=True)
    refresh_year_verdicts(campaign.pk)
    commune_assessment.refresh_from_db()
    assert commune_assessment.met is False


def test_the_province_replaces_the_provisional_policy_and_a_closed_year_keeps_its_own(
    tree, persona
):
    staff, officer = persona(Role.PROVINCE_STAFF), persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    area = tree["16417-KDC01"]
    sheet = selectors.sheet_of(campaign, area)
    scores = {item.id: float(item.max_points) for item in sheet.items}
    scores[max(sheet.items, key=lambda i: i.max_points).id] = 0  # well under 90 points
    total = sum(scores.values())
    made = services.classification_self_score(
        actor=officer, campaign=campaign, unit=area, scores=scores, submit=True
    )
    final = services.classification_review(actor=officer, classification=made, changes={})
    assert final.policy["provisional"] is True
    with pytest.raises(PermissionDenied):
        services.year_policy_decide(
            actor=officer,
            campaign=campaign,
            number="1/QĐ-UBND",
            decision_date=date(2026, 1, 5),
            excellent=total,
            good=60,
            average=40,
            cap_not_recognised=None,
        )
    services.year_policy_decide(
        actor=staff,
        campaign=campaign,
        number="15/QĐ-UBND",
        decision_date=date(2026, 1, 5),
        excellent=total,
        good=60,
        average=40,
        cap_not_recognised=None,
    )
    policy = selectors.policy_of(campaign)
    assert not policy.provisional and "15/QĐ-UBND" in policy.label
    from antq import rules

    assert rules.classify(policy, total, recognised=False) == "excellent"
    final.refresh_from_db()
    assert final.policy["provisional"] is True  # the class already given keeps its policy
