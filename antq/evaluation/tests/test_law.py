"""The law of each year: Circular 23 years work end to end; year-aware authorities; Quarter I;
provincial criteria; dossiers; classification caps that follow the recognition."""

import io
from datetime import date

import pytest
from docx import Document as Docx

from antq import rules
from antq.core.errors import DomainError
from antq.core.roles import Role
from antq.evaluation import dossiers, selectors, services
from antq.evaluation.choices import Authority, ClassificationStatus, DocumentPurpose
from antq.evaluation.models import Classification, Recognition
from antq.evaluation.permissions import authority_unit, can_decide, can_verify

from .law_support import province_of_2021
from .support import all_yes, open_year, register

DECISION = {
    "decision_number": "15/QĐ-UBND",
    "decision_date": date(2021, 11, 18),
    "signer": "Nguyễn Văn An",
    "issuing_body": "Ủy ban nhân dân huyện Nghi Lộc",
}


def _yes(campaign, kind):
    return dict.fromkeys(rules.answerable_ids(selectors.ruleset_of(campaign), kind), True)


def _text_of(docx_bytes: bytes) -> str:
    return "\n".join(p.text for p in Docx(io.BytesIO(docx_bytes)).paragraphs)


@pytest.fixture
def year2021(db, persona):
    _province, _district, commune, areas, school = province_of_2021()
    staff = persona(Role.PROVINCE_STAFF, "40")
    campaign = services.year_open(actor=staff, year=2021)
    return campaign, staff, persona(Role.COMMUNE_OFFICER, "17000"), commune, areas, school


def test_a_2021_year_runs_through_the_pages_and_the_certificate_cites_circular_23(year2021, client):
    campaign, staff, officer, commune, areas, _school = year2021
    assert campaign.ruleset_id == "tt23-2012"
    assert campaign.authorities["commune"]["decider"] == Authority.DISTRICT
    base = "/evaluation/40/2021"
    client.force_login(officer)
    for area in areas:
        register(officer, campaign, area)
        answers = {f"a:{i}": "yes" for i in _yes(campaign, "residential_area")}
        page = client.post(f"{base}/{area.code}/assessment/", {**answers, "action": "submit"})
        assert page.status_code == 302
        page = client.get(f"{base}/{area.code}/assessment/")
        assert page.status_code == 200 and "Chưa có nguyên văn" in page.content.decode()
        assert "chưa phải nguyên văn" in page.content.decode()
        page = client.post(f"{base}/{area.code}/assessment/", {**answers, "action": "verify"})
        assert page.status_code == 302
    assert (
        client.post(
            f"{base}/decisions/",
            {"unit": [a.code for a in areas], **DECISION, "decision_date": "2021-11-10"},
        ).status_code
        == 302
    )
    assert Recognition.objects.filter(year=campaign, outcome="recognised").count() == 2
    # The commune: 6.4's 70% of residential areas comes from the system (2 of 2).
    register(officer, campaign, commune)
    answers = {f"a:{i}": "yes" for i in _yes(campaign, "commune")}
    page = client.post(f"{base}/{commune.code}/assessment/", {**answers, "action": "submit"})
    assert page.status_code == 302
    _verdict, figures = selectors.verdict_of(campaign, commune, {}, {})
    assert figures["residential_areas_recognised"].value == 2
    # The district decided on communes in 2021 (Art. 10.2): the commune cannot decide itself.
    assert not can_decide(officer, campaign, commune)
    assert authority_unit(campaign, commune, "decider").code == "412"
    client.force_login(staff)
    page = client.post(f"{base}/{commune.code}/assessment/", {**answers, "action": "verify"})
    assert page.status_code == 302
    assert (
        client.post(f"{base}/decisions/", {"unit": [commune.code], **DECISION}).status_code == 302
    )
    docx = client.get(f"{base}/{commune.code}/certificate.docx", follow=True)
    assert docx.status_code == 200
    text = _text_of(docx.content)
    assert "Thông tư 23/2012/TT-BCA" in text and "124/2021" not in text


def test_a_2021_year_runs_through_the_api(year2021, client, bearer):
    campaign, staff, officer, _commune, areas, school = year2021
    officer_h, staff_h = bearer(officer), bearer(staff)
    base = "/api/v1/evaluation/provinces/40/years/2021"
    area = areas[0]
    reply = client.put(
        f"{base}/units/{area.code}/registration",
        {"registered_on": "2021-02-01"},
        content_type="application/json",
        headers=officer_h,
    )
    assert reply.status_code == 200, reply.content
    answers = _yes(campaign, "residential_area")
    reply = client.put(
        f"{base}/units/{area.code}/assessment",
        {"answers": answers},
        content_type="application/json",
        headers=officer_h,
    )
    assert reply.status_code == 200, reply.content
    body = reply.json()
    assert body["met"] is True
    assert {c["wording"] for c in body["criteria"]} == {"unknown"}
    # Evidence for a Circular 23 criterion whose id has no dot (was an IndexError).
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = services.document_attach(
        actor=officer,
        campaign=campaign,
        unit=school,
        purpose="evidence",
        criterion_id="nhatruong",
        file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 test"),
    )
    assert document.criterion_id == "nhatruong"
    with pytest.raises(DomainError):
        services.document_attach(
            actor=officer,
            campaign=campaign,
            unit=school,
            purpose="evidence",
            criterion_id="7.1",
            file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 test"),
        )
    assert client.get(f"{base}", headers=staff_h).json()["ruleset_id"] == "tt23-2012"


def test_stored_answers_the_rules_refuse_give_a_message_not_a_500(year2021, client):
    campaign, _staff, officer, _commune, areas, _school = year2021
    register(officer, campaign, areas[0])
    assessment = services.assessment_save(
        actor=officer, campaign=campaign, unit=areas[0], answers={"5.1": True}, figures={}
    )
    type(assessment).objects.filter(pk=assessment.pk).update(answers={"4.1": True})
    client.force_login(officer)
    page = client.get(f"/evaluation/40/2021/{areas[0].code}/assessment/")
    assert page.status_code == 200
    assert "4.1" in page.content.decode() and 'role="alert"' in page.content.decode()


def test_authorities_after_the_reorganisation_default_to_the_province_provisionally(persona):
    campaign = open_year(persona)
    who = campaign.authorities["commune"]
    assert who["decider"] == Authority.PROVINCE and who["provisional"] is True
    assert campaign.authorities["residential_area"]["basis"].startswith("Điều 9 khoản 1 điểm a")


def test_units_followed_by_the_ministry_go_the_ministrys_route(persona, tree):
    campaign = open_year(persona)
    staff = persona(Role.PROVINCE_STAFF)
    services.year_update(
        actor=staff, campaign=campaign, options={"ministry_units": ["38-CQ01"]}, reason="Art. 10.4"
    )
    agency = tree["38-CQ01"]
    assert authority_unit(campaign, agency, "decider") is None
    assert not can_verify(staff, campaign, agency) and not can_decide(staff, campaign, agency)
    assert can_decide(persona(Role.ADMIN), campaign, agency)


def test_delegation_records_its_basis(persona):
    campaign = open_year(persona)
    services.year_update(
        actor=persona(Role.PROVINCE_STAFF),
        campaign=campaign,
        authorities={
            "school": {"verifier": "commune", "decider": "commune", "basis": "QĐ 5/QĐ-UBND"}
        },
    )
    campaign.refresh_from_db()
    assert campaign.authorities["school"] == {
        "verifier": "commune",
        "decider": "commune",
        "basis": "QĐ 5/QĐ-UBND",
        "provisional": False,
    }


def _late_area(persona, tree, **options):
    campaign = open_year(persona)
    staff = persona(Role.PROVINCE_STAFF)
    if options:
        services.year_update(actor=staff, campaign=campaign, options=options)
        campaign.refresh_from_db()
    area = tree["16417-KDC01"]
    services.registration_record(
        actor=staff, campaign=campaign, unit=area, registered_on=date(campaign.year, 9, 10)
    )
    return campaign, area


def test_a_registration_after_quarter_one_is_flagged_but_not_failed_by_default(persona, tree):
    campaign, area = _late_area(persona, tree)
    verdict, _figures = selectors.verdict_of(campaign, area, all_yes("residential_area"), {})
    assert verdict.met
    notes = selectors.verdict_notes(campaign, area)
    assert "10/09/2026" in notes["4.1"][0] and "31/03/2026" in notes["4.1"][0]
    registration = selectors.registrations_by_unit(campaign, [area.pk])[area.pk]
    assert registration.after_quarter_one


def test_a_province_may_decide_that_a_late_registration_fails(persona, tree):
    campaign, area = _late_area(persona, tree, late_registration_fails=True)
    verdict, _figures = selectors.verdict_of(campaign, area, all_yes("residential_area"), {})
    assert not verdict.met
    assert [c.id for c in verdict.failed()] == ["4.1"]
    assert "10/09/2026" in verdict.failed()[0].reason


def test_the_transition_rule_needs_its_basis(persona):
    campaign = open_year(persona)
    with pytest.raises(DomainError):
        services.year_update(
            actor=persona(Role.PROVINCE_STAFF),
            campaign=campaign,
            options={"q1_transition": "waive"},
        )


def test_provincial_criteria_appear_in_the_verdict(persona, tree, client):
    campaign = open_year(persona)
    staff = persona(Role.PROVINCE_STAFF)
    services.year_criteria_set(
        actor=staff,
        campaign=campaign,
        decision="Quyết định số 12/2026/QĐ-UBND ngày 10/01/2026 của UBND tỉnh Thanh Hóa",
        items=[
            {
                "kind": "residential_area",
                "item": "criterion",
                "id": "t.1",
                "text": "Có camera an ninh tại các trục đường chính.",
                "citation": "Điều 2 khoản 1 Quyết định số 12/2026/QĐ-UBND",
            }
        ],
    )
    campaign.refresh_from_db()
    area = tree["16417-KDC01"]
    verdict, _f = selectors.verdict_of(campaign, area, all_yes("residential_area"), {})
    assert [c.id for c in verdict.failed()] == ["t.1"]
    client.force_login(staff)
    page = client.get(f"/evaluation/38/{campaign.year}/{area.code}/assessment/").content.decode()
    assert "Có camera an ninh" in page and "chưa phải nguyên văn" in page
    with pytest.raises(DomainError):  # an id the Circular already uses
        services.year_criteria_set(
            actor=staff,
            campaign=campaign,
            decision="QĐ 12",
            items=[
                {
                    "kind": "residential_area",
                    "item": "criterion",
                    "id": "4.1",
                    "text": "x",
                    "citation": "y",
                }
            ],
        )


def test_provincial_criteria_by_page_and_api(persona, client, bearer):
    campaign = open_year(persona)
    staff = persona(Role.PROVINCE_STAFF)
    client.force_login(staff)
    url = f"/evaluation/38/{campaign.year}/criteria/"
    reply = client.post(
        url,
        {
            "kind": "school",
            "item": "criterion",
            "id": "t.2",
            "text": "Có tổ an ninh học đường.",
            "citation": "Điều 3 Quyết định số 12/2026/QĐ-UBND",
            "decision": "Quyết định số 12/2026/QĐ-UBND",
        },
    )
    assert reply.status_code == 302
    api = client.get(
        f"/api/v1/evaluation/provinces/38/years/{campaign.year}/criteria", headers=bearer(staff)
    ).json()
    assert api["items"][0]["id"] == "t.2" and api["decision"].startswith("Quyết định số 12")
    assert client.post(url, {"remove": "school:t.2"}).status_code == 302
    campaign.refresh_from_db()
    assert services.own_criteria_items(campaign) == []
    commune_officer = persona(Role.COMMUNE_OFFICER)
    client.force_login(commune_officer)
    assert client.get(url).status_code == 404


def test_dossiers_are_listed_and_required_by_setting(persona, tree):
    campaign = open_year(persona)
    staff = persona(Role.PROVINCE_STAFF)
    area = tree["16417-KDC01"]
    register(staff, campaign, area, has_party_organisation=False)
    missing = dossiers.dossier_missing(campaign, area)
    assert str(DocumentPurpose.RESOLUTION.label) not in missing
    assert len(missing) == 4  # pledge, request, results report, minutes
    services.year_update(actor=staff, campaign=campaign, options={"dossier_required": True})
    campaign.refresh_from_db()
    assessment = services.assessment_save(
        actor=staff, campaign=campaign, unit=area, answers=all_yes("residential_area"), figures={}
    )
    services.assessment_submit(actor=staff, assessment=assessment)
    with pytest.raises(DomainError) as refused:
        services.assessment_verify(actor=staff, assessment=assessment)
    assert "Điều 9 khoản 2" in refused.value.message


def _classified(persona, tree, *, recognised: bool):
    campaign = open_year(persona)
    staff = persona(Role.PROVINCE_STAFF)
    area = tree["16417-KDC01"]
    register(staff, campaign, area)
    assessment = services.assessment_save(
        actor=staff, campaign=campaign, unit=area, answers=all_yes("residential_area"), figures={}
    )
    services.assessment_submit(actor=staff, assessment=assessment)
    services.assessment_verify(actor=staff, assessment=assessment)
    if recognised:
        services.recognition_grant(
            actor=staff,
            campaign=campaign,
            units=[area],
            **{**DECISION, "decision_date": date(2026, 11, 10)},
        )
    sheet = selectors.sheet_of(campaign, area)
    scores = {item.id: float(item.max_points) for item in sheet.items}
    classification = services.classification_self_score(
        actor=staff, campaign=campaign, unit=area, scores=scores, submit=True
    )
    return (
        campaign,
        staff,
        area,
        services.classification_review(actor=staff, classification=classification, changes={}),
    )


def test_a_later_recognition_lifts_the_cap_and_says_why(persona, tree):
    campaign, staff, area, classification = _classified(persona, tree, recognised=False)
    assert classification.class_name == "good"  # not recognised: at most Khá
    assert classification.policy["caps"][0]["max_class"] == "good"
    services.recognition_grant(
        actor=staff,
        campaign=campaign,
        units=[area],
        **{**DECISION, "decision_date": date(2026, 11, 12)},
    )
    classification.refresh_from_db()
    assert classification.class_name == "excellent" and classification.recognised
    assert "15/QĐ-UBND" in classification.history.first().history_change_reason


def test_a_revocation_caps_the_class_again(persona, tree):
    campaign, staff, area, classification = _classified(persona, tree, recognised=True)
    assert classification.class_name == "excellent"
    recognition = Recognition.objects.get(year=campaign, unit=area)
    services.recognition_revoke(actor=staff, recognition=recognition, reason="Sai phạm")
    classification.refresh_from_db()
    assert classification.class_name == "good"
    assert classification.status == ClassificationStatus.FINAL
    assert Classification.objects.get(pk=classification.pk).recognised is False


def test_the_provinces_own_cap_has_a_label(persona):
    campaign = open_year(persona)
    services.year_policy_decide(
        actor=persona(Role.PROVINCE_STAFF),
        campaign=campaign,
        number="20/QĐ-UBND",
        decision_date=date(2026, 2, 1),
        excellent=90,
        good=70,
        average=50,
        cap_not_recognised="good",
    )
    campaign.refresh_from_db()
    cap = selectors.policy_of(campaign).caps[0]
    assert cap.label and "20/QĐ-UBND" in cap.label


def test_a_revocation_below_70_percent_flags_the_communes_recognition(persona, tree):
    campaign = open_year(persona)
    staff = persona(Role.PROVINCE_STAFF)
    commune = tree["16417"]
    below = list(selectors.subunits_of(campaign, commune))
    for unit in [*below, commune]:
        register(staff, campaign, unit)
        answers = all_yes(unit.kind)
        assessment = services.assessment_save(
            actor=staff, campaign=campaign, unit=unit, answers=answers, figures={}
        )
        services.assessment_submit(actor=staff, assessment=assessment)
        services.assessment_verify(actor=staff, assessment=assessment)
        services.recognition_grant(
            actor=staff,
            campaign=campaign,
            units=[unit],
            **{**DECISION, "decision_date": date(2026, 11, 10)},
        ) if unit is not commune else None
    services.recognition_grant(
        actor=staff,
        campaign=campaign,
        units=[commune],
        **{**DECISION, "decision_number": "16/QĐ", "decision_date": date(2026, 11, 19)},
    )
    first = Recognition.objects.get(year=campaign, unit=below[0])
    services.recognition_revoke(actor=staff, recognition=first, reason="Sai phạm")
    flagged = Recognition.objects.get(year=campaign, unit=commune)
    assert "70" in flagged.review_note and flagged.in_force  # flagged, never revoked by itself


def test_rulesets_api_and_page(client, persona, bearer):
    staff = persona(Role.PROVINCE_STAFF)
    listed = client.get("/api/v1/rules/rulesets", headers=bearer(staff)).json()
    assert {r["id"] for r in listed} >= {"tt124-2021", "tt23-2012"}
    detail = client.get("/api/v1/rules/rulesets/tt124-2021", headers=bearer(staff)).json()
    g = detail["kinds"]["residential_area"][2]["points"][-1]
    assert g["id"] == "4.3.g" and "mua chuộc" in g["text"] and g["wording"] == "quoted"
    school = {c["id"]: c for c in detail["kinds"]["school"]}
    assert [p["kind"] for p in school["7.5"]["points"]] == ["part", "part"]
    assert client.get("/api/v1/rules/rulesets/nope", headers=bearer(staff)).status_code == 404
    client.force_login(staff)
    page = client.get("/evaluation/rules/tt23-2012/").content.decode()
    assert "Thông tư 23/2012/TT-BCA" in page and "chưa phải nguyên văn" in page
    page = client.get("/evaluation/rules/tt124-2021/").content.decode()
    assert "cưỡng ép, dụ dỗ, mua chuộc" in page


def test_the_verdict_says_not_applicable(persona, tree, client):
    campaign = open_year(persona)
    staff = persona(Role.PROVINCE_STAFF)
    school = tree["16417-TH01"]
    answers = {**all_yes("school"), "7.5.title": None}
    client.force_login(staff)
    post = {f"a:{k}": ("na" if v is None else "yes") for k, v in answers.items()}
    page = client.post(f"/evaluation/38/{campaign.year}/{school.code}/assessment/verdict/", post)
    body = page.content.decode()
    assert 'data-testid="na-7.5.title"' in body
