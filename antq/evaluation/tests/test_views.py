"""Pages of the yearly cycle: what a user sees and may do, in and out of scope."""

import io
import re
from datetime import date

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext
from openpyxl import load_workbook

from antq.core.roles import Role
from antq.evaluation import selectors, services
from antq.evaluation.models import Document

from .support import YEAR, all_yes, open_year, register


def _recognised_area(tree, persona):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    area = tree["16417-KDC01"]
    register(officer, campaign, area, households_resident=50, households_registered=50)
    saved = services.assessment_save(
        actor=officer,
        campaign=campaign,
        unit=area,
        answers=all_yes("residential_area"),
        figures={},
    )
    services.assessment_submit(actor=officer, assessment=saved)
    services.assessment_verify(actor=officer, assessment=saved)
    services.recognition_grant(
        actor=officer,
        campaign=campaign,
        units=[area],
        decision_number="7/QĐ-UBND",
        decision_date=date(YEAR, 11, 10),
        signer="Lê Thị Hoa",
        issuing_body="Ủy ban nhân dân phường Đông Quang",
    )
    return campaign, area


def test_the_live_verdict_names_the_unmet_criterion_and_its_figures(tree, persona, login):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    register(officer, campaign, tree["16417-KDC01"], households_resident=250)
    client = login(officer)
    body = {f"a:{k}": "yes" for k in all_yes("residential_area")}
    body["f:households_registered"] = "249"
    page = client.get(f"/evaluation/38/{YEAR}/16417-KDC01/assessment/")
    assert page.status_code == 200
    assert "Điều 4 khoản 1" in page.content.decode()  # the law's citation beside the item
    response = client.post(
        f"/evaluation/38/{YEAR}/16417-KDC01/assessment/verdict/", body, headers={"HX-Request": "1"}
    )
    html = response.content.decode()
    assert 'data-testid="reason-4.1"' in html and "249" in html and "250" in html
    assert "<html" not in html  # a partial, not a page


def test_a_unit_out_of_scope_answers_like_a_missing_one(tree, persona, login):
    open_year(persona)
    client = login(persona(Role.COMMUNE_OFFICER))
    assert client.get(f"/evaluation/38/{YEAR}/16522-KDC01/assessment/").status_code == 404
    assert client.get(f"/evaluation/38/{YEAR}/nope/assessment/").status_code == 404


def test_registrations_list_and_export_show_who_has_not_registered(tree, persona, login):
    campaign = open_year(persona)
    officer = persona(Role.COMMUNE_OFFICER)
    register(officer, campaign, tree["16417-KDC01"])
    client = login(officer)
    html = client.get(f"/evaluation/38/{YEAR}/registrations/?registered=no").content.decode()
    assert "Tổ dân phố Lê Lợi" in html and "Thôn Đông Hưng" not in html
    export = client.get(f"/evaluation/38/{YEAR}/registrations.xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["16417-KDC01"][4].date() == date(YEAR, 3, 1)  # a real date
    assert by_code["16417-KDC02"][4] in ("", None)
    assert "16522-KDC01" not in by_code  # another commune's area is out of scope


def test_the_certificate_downloads_as_word_and_the_pdf_page_opens(tree, persona, login):
    _recognised_area(tree, persona)
    client = login(persona(Role.COMMUNE_OFFICER))
    page = client.get(f"/evaluation/38/{YEAR}/16417-KDC01/").content.decode()
    href = re.search(r'id="certificate-docx" href="([^"]+)"', page).group(1)
    word = client.get(href)
    assert word.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "GIẤY CÔNG NHẬN" in text and "Thôn Đông Hưng" in text
    href = re.search(r'id="certificate-pdf" href="([^"]+)"', page).group(1)
    assert client.get(href).status_code == 200  # the page that makes the PDF on the worker
    # The older address still leads to the certificate.
    old = client.get(f"/evaluation/38/{YEAR}/16417-KDC01/certificate.docx", follow=True)
    assert old.status_code == 200 and old.content.startswith(b"PK")
    missing = client.get(f"/evaluation/38/{YEAR}/16417-KDC02/certificate.pdf", follow=True)
    assert missing.status_code == 404


def test_batch_recognition_from_the_decisions_page(tree, persona, login):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    for code in ("16417-KDC01", "16417-KDC02"):
        unit = tree[code]
        register(officer, campaign, unit)
        saved = services.assessment_save(
            actor=officer,
            campaign=campaign,
            unit=unit,
            answers=all_yes("residential_area"),
            figures={"households_resident": 10, "households_registered": 10},
        )
        services.assessment_submit(actor=officer, assessment=saved)
        services.assessment_verify(actor=officer, assessment=saved)
    client = login(officer)
    page = client.get(f"/evaluation/38/{YEAR}/decisions/").content.decode()
    assert 'id="pick-16417-KDC01"' in page and 'id="pick-16417-KDC02"' in page
    response = client.post(
        f"/evaluation/38/{YEAR}/decisions/",
        {
            "unit": ["16417-KDC01", "16417-KDC02"],
            "decision_number": "9/QĐ-UBND",
            "decision_date": f"{YEAR}-11-10",
            "signer": "Lê Thị Hoa",
            "issuing_body": "Ủy ban nhân dân phường Đông Quang",
        },
    )
    assert response.status_code == 302
    for code in ("16417-KDC01", "16417-KDC02"):
        assert selectors.recognition_for(campaign=campaign, unit=tree[code]).in_force


def test_a_viewer_cannot_grant(tree, persona, login):
    _recognised_area(tree, persona)
    client = login(persona(Role.VIEWER))
    assert "revoke-form" not in client.get(f"/evaluation/38/{YEAR}/16417-KDC01/").content.decode()
    client.post(f"/evaluation/38/{YEAR}/16417-KDC01/revoke/", {"reason": "x"})
    campaign = selectors.year_get(province="38", year=YEAR)
    assert selectors.recognition_for(campaign=campaign, unit=tree["16417-KDC01"]).in_force


def test_the_classification_page_labels_the_policy_provisional(tree, persona, login):
    open_year(persona)
    client = login(persona(Role.COMMUNE_OFFICER))
    html = client.get(f"/evaluation/38/{YEAR}/16417-KDC01/classification/").content.decode()
    assert 'data-testid="provisional"' in html and "TẠM THỜI" in html


def test_the_worklist_shows_what_is_due_and_late(tree, persona, login, monkeypatch):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    client = login(officer)
    monkeypatch.setattr(selectors, "today", lambda: date(YEAR, 3, 31))
    html = client.get(f"/evaluation/38/{campaign.year}/").content.decode()
    assert "?registered=no" in html and 'data-testid="late"' not in html
    monkeypatch.setattr(selectors, "today", lambda: date(YEAR, 4, 1))
    html = client.get(f"/evaluation/38/{campaign.year}/").content.decode()
    assert 'data-testid="late"' in html


def test_the_registration_list_keeps_its_query_budget(
    tree, persona, login, django_assert_max_num_queries
):
    campaign = open_year(persona)
    officer = persona(Role.COMMUNE_OFFICER)
    for code in ("16417-KDC01", "16417-KDC02", "16417-TH01"):
        register(officer, campaign, tree[code])
    client = login(officer)
    with django_assert_max_num_queries(12):
        assert client.get(f"/evaluation/38/{YEAR}/registrations/").status_code == 200


def test_a_dossier_document_is_attached_with_its_number_and_date(tree, persona, login):
    open_year(persona)
    client = login(persona(Role.ESTABLISHMENT_OFFICER))
    upload = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    client.post(
        f"/evaluation/38/{YEAR}/16417-TH01/documents/",
        {"purpose": "plan", "number": "12/KH-THCS", "issued_on": f"{YEAR}-01-15", "file": upload},
    )
    html = client.get(f"/evaluation/38/{YEAR}/16417-TH01/").content.decode()
    assert "12/KH-THCS" in html and "15/01/2026" in html
    bad = SimpleUploadedFile("x.pdf", b"x")
    client.post(
        f"/evaluation/38/{YEAR}/16417-TH01/documents/",
        {"purpose": "evidence", "criterion_id": "9.9", "file": bad},
    )
    html = client.get(f"/evaluation/38/{YEAR}/16417-TH01/").content.decode()
    assert "9.9" in html  # the refusal names the unknown criterion
    assert Document.objects.count() == 1
    url = f"/evaluation/38/{YEAR}/16417-TH01/documents/{Document.objects.get().pk}/"
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 plan"
    stranger = login(persona(Role.COMMUNE_OFFICER, "16522"))
    assert stranger.get(url).status_code == 404


def test_a_returned_assessment_shows_its_reason_and_the_verifier_sees_accept(tree, persona, login):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    area = tree["16417-KDC02"]
    saved = services.assessment_save(
        actor=officer, campaign=campaign, unit=area, answers=all_yes("residential_area"), figures={}
    )
    services.assessment_submit(actor=officer, assessment=saved)
    client = login(officer)
    page = client.get(f"/evaluation/38/{YEAR}/16417-KDC02/assessment/").content.decode()
    assert 'id="verify"' in page and 'id="submit"' not in page
    client.post(
        f"/evaluation/38/{YEAR}/16417-KDC02/assessment/", {"action": "return", "reason": ""}
    )
    saved.refresh_from_db()
    assert saved.status == "submitted"  # no reason, no return
    client.post(
        f"/evaluation/38/{YEAR}/16417-KDC02/assessment/",
        {"action": "return", "reason": "Thiếu biên bản"},
    )
    page = client.get(f"/evaluation/38/{YEAR}/16417-KDC02/assessment/").content.decode()
    assert 'id="return-reason"' in page and "Thiếu biên bản" in page and 'id="submit"' in page
    for url in (
        "/evaluation/",
        f"/evaluation/38/{YEAR}/",
        f"/evaluation/38/{YEAR}/16417/",
        f"/evaluation/38/{YEAR}/16417/assessment/",
        f"/evaluation/38/{YEAR}/16417-TH01/classification/",
        f"/evaluation/38/{YEAR}/decisions/",
    ):
        assert login(persona(Role.PROVINCE_STAFF)).get(url).status_code == 200, url


def test_province_staff_change_the_years_calendar_and_authorities_on_a_page(tree, persona, login):
    campaign = open_year(persona)
    settings_url = f"/evaluation/38/{YEAR}/settings/"
    assert login(persona(Role.COMMUNE_OFFICER)).get(settings_url).status_code == 404
    client = login(persona(Role.PROVINCE_STAFF))
    assert 'id="edit-year"' in client.get(f"/evaluation/38/{YEAR}/").content.decode()
    page = client.get(settings_url).content.decode()
    assert 'value="01/04/2026"' in page and 'name="verifier:residential_area"' in page
    body = {
        "registration_before": f"{YEAR}-04-20",
        "recognition_area_before": f"{YEAR}-11-15",
        "recognition_other_before": f"{YEAR}-11-20",
        "classification_area_before": f"{YEAR}-11-20",
        "classification_other_before": f"{YEAR}-11-30",
        "reason": "Kế hoạch của Công an tỉnh",
    }
    for kind, (first, last) in campaign.periods.items():
        who = campaign.authorities[kind]
        body |= {f"first:{kind}": first, f"last:{kind}": last}
        body |= {f"verifier:{kind}": who["verifier"], f"decider:{kind}": who["decider"]}
    body["verifier:residential_area"] = "province"
    bad = client.post(settings_url, body | {"first:school": f"{YEAR}-12-01"})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    campaign.refresh_from_db()
    assert campaign.periods["school"][0] == f"{YEAR - 1}-11-16"  # nothing was saved
    assert client.post(settings_url, body).status_code == 302
    campaign.refresh_from_db()
    assert campaign.registration_before == date(YEAR, 4, 20)
    assert campaign.authorities["residential_area"] == {
        "verifier": "province",
        "decider": "commune",
        "basis": "Do tỉnh quy định",
        "provisional": False,
    }
    page = client.get(f"/evaluation/38/{YEAR}/").content.decode()
    assert 'id="registration_before">20/04/2026' in page
    assert 'data-testid="period-school">16/11/2025 – 15/11/2026' in page
    assert campaign.history.first().history_change_reason == "Kế hoạch của Công an tỉnh"


def test_the_worklist_lists_registered_units_that_have_not_started(tree, persona, login):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    register(officer, campaign, tree["16417-KDC01"])
    client = login(officer)
    start = f'href="/evaluation/38/{YEAR}/16417-KDC01/assessment/"'
    assert start in client.get(f"/evaluation/38/{YEAR}/").content.decode()
    tasks = selectors.worklist(user=officer, campaign=campaign)
    assert [t.what for t in tasks if t.unit] == [gettext("Start the self-assessment")]
    assert (
        f"/evaluation/38/{YEAR}/16417-KDC02/assessment/"
        not in client.get(f"/evaluation/38/{YEAR}/").content.decode()
    )  # not registered: counted among "not registered" instead
    services.assessment_save(
        actor=officer, campaign=campaign, unit=tree["16417-KDC01"], answers={}, figures={}
    )
    tasks = selectors.worklist(user=officer, campaign=campaign)
    assert [t.what for t in tasks if t.unit and t.unit.code == "16417-KDC01"] == [
        gettext("Complete and submit the self-assessment")
    ]  # started: no longer "start", once
    stranger = persona(Role.COMMUNE_OFFICER, "16522")
    assert all(t.unit is None for t in selectors.worklist(user=stranger, campaign=campaign))
