"""An officer writes the judgement, generates the province's final review, watches the
progress bar and downloads the Word file, the PDF and the Excel annex."""

import pytest
from docx import Document
from playwright.sync_api import expect

from antq.core.roles import Role
from antq.documents import pdf, services
from antq.documents.models import GeneratedDocument
from antq.reports.defaults import load_default_forms
from antq.reports.models import CrossRule, FormIndicator, Indicator, ReportForm
from conftest import PASSWORD


@pytest.mark.skipif(
    pdf.soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_an_officer_writes_the_judgement_generates_and_downloads(
    page, log_in, tree, persona, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    load_default_forms(Indicator, ReportForm, FormIndicator, CrossRule)
    # the worker is stopped: the job waits in the queue until the test runs it
    monkeypatch.setattr(services, "_enqueue", lambda job_id: None)
    staff = persona(Role.PROVINCE_STAFF, "38")
    log_in(staff, PASSWORD)
    page.goto("/documents/")
    page.locator("#id_unit").fill("38")
    page.locator("#id_period").fill("2026")
    page.locator("#id_strengths").fill("Phong trào được triển khai đồng bộ.")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_text("Đã lưu bản nháp phần đánh giá.")).to_be_visible()
    expect(page.locator("#id_strengths")).to_have_value("Phong trào được triển khai đồng bộ.")

    page.get_by_role("button", name="Tạo văn bản").click()
    expect(page.get_by_test_id("job")).to_have_attribute("data-status", "queued")
    expect(page.locator("progress")).to_be_visible()
    job = GeneratedDocument.objects.get()
    services.document_generate(job.pk)  # the worker's part
    expect(page.get_by_test_id("job")).to_have_attribute("data-status", "done", timeout=15_000)
    downloads = page.get_by_test_id("downloads")
    saved = {}
    for label, suffix in (
        ("Văn bản Word (.docx)", "docx"),
        ("PDF", "pdf"),
        ("Phụ lục Excel (.xlsx)", "xlsx"),
    ):
        with page.expect_download() as info:
            downloads.get_by_role("link", name=label, exact=True).click()
        target = tmp_path / f"got.{suffix}"
        info.value.save_as(target)
        assert info.value.suggested_filename.endswith(f".{suffix}")
        saved[suffix] = target
    text = "\n".join(p.text for p in Document(saved["docx"]).paragraphs)
    assert "Phong trào được triển khai đồng bộ." in text
    assert saved["pdf"].read_bytes().startswith(b"%PDF")
    assert saved["xlsx"].read_bytes().startswith(b"PK")


def test_a_commune_officer_generates_an_areas_recognition_dossier(
    page, log_in, tree, persona, monkeypatch, settings, tmp_path
):
    """Works without LibreOffice: the page says the PDF is not made, the .docx downloads."""
    from antq.evaluation import services as evaluation_services
    from antq.evaluation.tests.support import all_yes, open_year, register

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "_enqueue", lambda job_id: None)
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    campaign = open_year(persona)
    officer = persona(Role.COMMUNE_OFFICER, "16417")
    register(officer, campaign, tree["16417-KDC01"])
    evaluation_services.assessment_save(
        actor=officer,
        campaign=campaign,
        unit=tree["16417-KDC01"],
        answers=all_yes("residential_area"),
        figures={},
    )
    log_in(officer, PASSWORD)
    page.goto("/documents/?kind=recognition_dossier&unit=16417-KDC01&period=2026")
    expect(page.locator("#id_kind")).to_have_value("recognition_dossier")
    page.get_by_role("button", name="Tạo văn bản").click()
    expect(page.get_by_test_id("job")).to_have_attribute("data-status", "queued")
    services.document_generate(GeneratedDocument.objects.get().pk)
    expect(page.get_by_test_id("job")).to_have_attribute("data-status", "done", timeout=15_000)
    with page.expect_download() as info:
        page.get_by_test_id("downloads").get_by_role(
            "link", name="Văn bản Word (.docx)", exact=True
        ).click()
    info.value.save_as(tmp_path / "dossier.docx")
    text = "\n".join(p.text for p in Document(tmp_path / "dossier.docx").paragraphs)
    assert "TỜ TRÌNH" in text and "BIÊN BẢN" in text
