"""The province's final review: every figure in the .docx is the figure the selectors give."""

import re
from datetime import date

import pytest
import time_machine
from docx import Document

from antq.core.roles import Role
from antq.documents import pdf, services
from antq.documents.figures import fmt
from antq.documents.models import GeneratedDocument, JobStatus
from antq.reports import rollups
from antq.reports.periods import parse

pytestmark = pytest.mark.django_db


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _annex(document) -> dict[str, str]:
    """The annex table: reference → value as written."""
    rows = {}
    for row in document.tables[-1].rows[1:]:
        cells = [c.text for c in row.cells]
        rows[cells[0]] = cells[2]
    return rows


@pytest.fixture
def review(tree, persona, year_of_reports, django_capture_on_commit_callbacks):
    staff = persona(Role.PROVINCE_STAFF, "38")
    with (
        time_machine.travel(date(2026, 12, 20), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        job = services.document_request(
            actor=staff,
            kind="final_review",
            unit=tree["38"],
            period="2026",
            options={"number": "15/BC-CAT", "texts": {"strengths": "Phong trào được duy trì."}},
        )
    job.refresh_from_db()
    return job


def test_the_final_review_writes_the_rollups_completeness_and_header(review, tree, year_of_reports):
    assert review.status == JobStatus.DONE, review.error
    document = Document(review.docx.path)
    text = _text(document)
    header = document.tables[0]
    head = "\n".join(c.text for c in header.rows[0].cells)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CÔNG AN TỈNH THANH HÓA",
        "Số: 15/BC-CAT",
        "Thanh Hóa, ngày 20 tháng 12 năm 2026",
    ):
        assert expected in head
    assert "Phong trào được duy trì." in text
    assert "Nơi nhận:" in text

    annex = _annex(document)
    form = year_of_reports
    totals = rollups.rollup_totals(form, parse("2026-01"), parse("2026-12"), tree["38"])
    for n, row in enumerate(totals, 1):
        assert annex[f"A{n}"] == fmt(row["value"]), row["indicator"].code
    sessions = next(r for r in totals if r["indicator"].code == "propaganda_sessions")
    assert sessions["value"] == sum(6 + m % 3 for m in range(1, 12)) * 2 - (6 + 0)
    expected = received = on_time = 0
    for month in range(1, 13):
        figures = rollups.completeness(form, parse(f"2026-{month:02d}"), tree["38"])
        expected += figures.expected
        received += figures.received
        on_time += figures.on_time
    assert (annex["B1"], annex["B2"], annex["B3"]) == (fmt(expected), fmt(received), fmt(on_time))
    assert annex["B5"] == fmt(expected - received) != "0"


def test_every_figure_names_its_source_and_last_year(review, tree, year_of_reports):
    document = Document(review.docx.path)
    for row in document.tables[-1].rows[1:]:
        assert row.cells[3].text.strip(), row.cells[0].text
    form = year_of_reports
    before = rollups.rollup_totals(form, parse("2025-01"), parse("2025-12"), tree["38"])
    sessions = next(r for r in before if r["indicator"].code == "propaganda_sessions")
    assert f"same period last year: {fmt(sessions['value'])}" in _text(document) or (
        f"cùng kỳ năm trước: {fmt(sessions['value'])}" in _text(document)
    )


def test_the_layout_is_decree_30(review):
    document = Document(review.docx.path)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text.strip()
    assert "PAGE" in section.header._element.xml
    assert document.styles["Normal"].font.name == "Times New Roman"
    grid = [
        int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
        for c in document.tables[0]._tbl.tblGrid
    ]
    cells = [c.width.twips for c in document.tables[0].rows[0].cells]
    assert grid == cells


def test_the_excel_annex_holds_the_same_figures(review):
    from openpyxl import load_workbook

    sheet = load_workbook(review.xlsx.path).active
    assert sheet.freeze_panes == "A3"
    refs = {row[0]: row[3] for row in sheet.iter_rows(min_row=3, values_only=True)}
    annex = _annex(Document(review.docx.path))
    assert set(refs) == set(annex)
    assert fmt(refs["B1"]) == annex["B1"]


@pytest.mark.skipif(
    pdf.soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_the_pdf_is_the_same_document(review):
    from pypdf import PdfReader

    assert review.pdf, review.pdf_note
    reader = PdfReader(review.pdf.path)
    # Words without underscores: a source's code name may wrap at one in a narrow annex cell.
    word = r"[^\W_]+"
    pdf_words = re.findall(word, " ".join(page.extract_text() for page in reader.pages))
    docx_words = re.findall(word, _text(Document(review.docx.path)))
    assert pdf_words
    assert set(docx_words) - set(pdf_words) - {"PAGE"} == set()  # the words the PDF lost
    fonts = {
        str(font.get("/BaseFont"))
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert any("LiberationSerif" in f for f in fonts), fonts


def test_without_the_converter_the_word_file_is_still_made(
    tree, persona, year_of_reports, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.document_request(
            actor=persona(Role.PROVINCE_STAFF, "38"),
            kind="final_review",
            unit=tree["38"],
            period="2026",
        )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.docx and not job.pdf
    assert "apt-get install libreoffice-writer-nogui" in job.pdf_note


def test_a_commune_cannot_review_the_province(tree, persona):
    from antq.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.document_request(
            actor=persona(Role.COMMUNE_OFFICER, "16417"),
            kind="final_review",
            unit=tree["38"],
            period="2026",
        )
    assert not GeneratedDocument.objects.exists()


def test_a_wrong_period_is_refused_by_field(tree, persona):
    from antq.core.errors import FieldErrors

    with pytest.raises(FieldErrors) as refused:
        services.document_request(
            actor=persona(Role.PROVINCE_STAFF, "38"),
            kind="final_review",
            unit=tree["38"],
            period="2026-H1",
        )
    assert "period" in refused.value.errors


def test_a_communes_interim_review_reads_its_half_year(
    tree, persona, year_of_reports, django_capture_on_commit_callbacks
):
    officer = persona(Role.COMMUNE_OFFICER, "16417")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.document_request(
            actor=officer, kind="interim_review", unit=tree["16417"], period="2026-h1"
        )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.period == "2026-H1"
    document = Document(job.docx.path)
    annex = _annex(document)
    totals = rollups.rollup_totals(
        year_of_reports, parse("2026-01"), parse("2026-06"), tree["16417"]
    )
    for n, row in enumerate(totals, 1):
        assert annex[f"A{n}"] == fmt(row["value"])
    assert "CÔNG AN PHƯỜNG ĐÔNG QUANG" in "\n".join(
        c.text for c in document.tables[0].rows[0].cells
    )
