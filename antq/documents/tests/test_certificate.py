"""The certificate of recognition on the documents engine: one .docx, the PDF converted from it."""

import io
from datetime import date

import docx
import pytest
from django.db import connection
from docx.oxml.ns import qn

from antq.core.errors import FieldErrors
from antq.core.roles import Role
from antq.documents import pdf
from antq.documents.models import GeneratedDocument
from antq.evaluation import services
from antq.evaluation.tests.support import YEAR, all_yes, open_year, register
from antq.units.models import Unit

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
ISSUER = "CÔNG AN TỈNH THANH HÓA"
BASE = f"/documents/certificates/38/{YEAR}/16417-KDC01"
needs_libreoffice = pytest.mark.skipif(
    pdf.soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)


def _verified(tree, persona, code="16417-KDC01"):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    area = tree[code]
    register(officer, campaign, area, households_resident=50, households_registered=50)
    saved = services.assessment_save(
        actor=officer, campaign=campaign, unit=area, answers=all_yes("residential_area"), figures={}
    )
    services.assessment_submit(actor=officer, assessment=saved)
    services.assessment_verify(actor=officer, assessment=saved)
    return officer, campaign, area


def _recognised(tree, persona, issuing_body="Công an tỉnh Thanh Hóa"):
    officer, campaign, area = _verified(tree, persona)
    services.recognition_grant(
        actor=officer,
        campaign=campaign,
        units=[area],
        decision_number="7/QĐ-CAT",
        decision_date=date(YEAR, 2, 5),
        signer="Lê Thị Hoa",
        issuing_body=issuing_body,
    )
    return officer, area


def _grid_and_cells(table):
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    return grid, [[cell.width.twips for cell in row.cells] for row in table.rows]


def test_the_word_certificate_has_the_decree_30_header_in_times_new_roman(tree, persona, login):
    officer, _area = _recognised(tree, persona)
    response = login(officer).get(f"{BASE}.docx")
    assert response.status_code == 200
    word = docx.Document(io.BytesIO(response.content))
    left, right = word.tables[0].rows[0].cells
    # The national name is one paragraph of one run; the motto and its rule below it.
    nation = right.paragraphs[0]
    assert nation.text == NATION and len(nation.runs) == 1
    assert [p.text for p in right.paragraphs[1:3]] == ["Độc lập - Tự do - Hạnh phúc", "———————"]
    assert right.paragraphs[3].text == f"Đông Quang, ngày 05 tháng 02 năm {YEAR}"
    # The issuing body whole in one paragraph, in capitals, the short rule under it, the number.
    assert [p.text for p in left.paragraphs] == [ISSUER, "————", "Số: 7/QĐ-CAT"]
    assert left.paragraphs[0].runs[0].bold
    text = "\n".join(p.text for p in word.paragraphs)
    assert "GIẤY CÔNG NHẬN" in text and "Thôn Đông Hưng, Phường Đông Quang" in text
    # Times New Roman named, A4 and the Decree's margins, no page number on page 1.
    assert word.styles["Normal"].font.name == "Times New Roman"
    fonts = {run.font.name for p in [*left.paragraphs, *right.paragraphs] for run in p.runs}
    assert fonts == {"Times New Roman"}
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(getattr(section, f"{side}_margin").mm) for side in ("top", "bottom")]
    assert all(20 <= m <= 25 for m in margins)
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    # Every table's grid has the widths of its cells.
    for table in word.tables:
        grid, rows = _grid_and_cells(table)
        assert all(row == grid for row in rows)
    assert word.core_properties.title.startswith("Giấy công nhận")


def test_every_default_template_has_a_header_grid_equal_to_its_cells():
    from antq.documents.services import DEFAULTS

    for path in sorted(DEFAULTS.glob("*.docx")):
        for table in docx.Document(path).tables:
            grid, rows = _grid_and_cells(table)
            assert all(row == grid for row in rows), path.name


@needs_libreoffice
def test_the_pdf_is_the_word_certificate_converted_in_liberation_serif(
    tree, persona, login, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    officer, _area = _recognised(tree, persona)
    client = login(officer)
    page = client.get(f"{BASE}.pdf")
    assert page.status_code == 200 and 'id="certificate-pdf"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        job_page = client.post(f"{BASE}.pdf")
    job = GeneratedDocument.objects.get(kind="certificate")
    assert job_page.url == f"/documents/jobs/{job.pk}/"
    assert job.status == "done" and job.pdf and job.docx and not job.xlsx, job.pdf_note
    reader = PdfReader(io.BytesIO(client.get(f"/documents/jobs/{job.pk}/pdf").getvalue()))
    lines = [line.strip() for p in reader.pages for line in p.extract_text().splitlines()]
    assert any(NATION in line for line in lines)
    assert any(ISSUER in line for line in lines)
    assert any(line == "GIẤY CÔNG NHẬN" for line in lines)
    fonts = set()
    for p in reader.pages:
        for font in p["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("LiberationSerif" in name for name in fonts), fonts
    assert "Giấy công nhận" in reader.metadata.title
    assert len(reader.pages) == 1


def test_without_libreoffice_the_page_says_how_and_the_word_file_downloads(
    tree, persona, login, monkeypatch
):
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    officer, _area = _recognised(tree, persona)
    client = login(officer)
    page = client.post(f"{BASE}.pdf")
    html = page.content.decode()
    assert page.status_code == 200 and pdf.INSTALL_HINT in html
    assert f'href="{BASE}.docx"' in html
    assert not GeneratedDocument.objects.exists()
    assert client.get(f"{BASE}.docx").status_code == 200


def test_a_unit_with_a_bad_name_still_gets_its_certificate(tree, persona, login):
    officer, area = _recognised(tree, persona)
    # PostgreSQL cannot hold a NUL at all; there the bad character is another control one.
    bad = "\x00" if connection.vendor != "postgresql" else "\x07"
    Unit.objects.filter(pk=area.pk).update(name=f"Thôn{bad} Đông")
    response = login(officer).get(f"{BASE}.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Thôn\ufffd Đông" in text


def test_a_long_issuing_body_stays_whole_in_one_paragraph(tree, persona, login):
    officer, _area = _recognised(tree, persona, "Ủy ban nhân dân phường Đông Quang")
    word = docx.Document(io.BytesIO(login(officer).get(f"{BASE}.docx").content))
    left = word.tables[0].rows[0].cells[0]
    assert left.paragraphs[0].text == "ỦY BAN NHÂN DÂN PHƯỜNG ĐÔNG QUANG"
    assert left.paragraphs[1].text == "————"


def test_no_certificate_without_a_recognition_in_force_or_out_of_scope(tree, persona, login):
    officer, _campaign, _area = _verified(tree, persona)
    assert login(officer).get(f"{BASE}.docx").status_code == 404
    other = login(persona(Role.COMMUNE_OFFICER, "16522"))
    # (a commune officer elsewhere does not see the unit at all)
    assert other.get(f"{BASE}.docx").status_code == 404


def test_the_evaluation_pages_lead_to_the_certificate(tree, persona, login):
    officer, _campaign, _area = _verified(tree, persona)
    client = login(officer)
    page = client.post(
        f"/evaluation/38/{YEAR}/decisions/",
        {
            "unit": ["16417-KDC01"],
            "decision_number": "7/QĐ-UBND",
            "decision_date": f"{YEAR}-11-10",
            "signer": "Lê Thị Hoa",
            "issuing_body": "Ủy ban nhân dân phường Đông Quang",
        },
        follow=True,
    )
    html = page.content.decode()
    assert f'href="{BASE}.docx"' in html  # the success message links to the certificate
    unit_page = client.get(f"/evaluation/38/{YEAR}/16417-KDC01/").content.decode()
    assert f'href="{BASE}.docx"' in unit_page and f'href="{BASE}.pdf"' in unit_page
    old = client.get(f"/evaluation/38/{YEAR}/16417-KDC01/certificate.docx")
    assert old.status_code == 302 and old.url == f"{BASE}.docx"


def test_a_provinces_own_certificate_template_replaces_the_default(tree, persona, login):
    from antq.documents import services as documents
    from antq.documents.build_templates import _document, _para

    officer, _area = _recognised(tree, persona)
    own = _document()
    _para(own, "GIẤY CÔNG NHẬN CỦA TỈNH: {{ unit_line }}")
    content = io.BytesIO()
    own.save(content)
    documents.template_upload(
        actor=persona(Role.PROVINCE_STAFF, "38"),
        province=tree["38"],
        kind="certificate",
        content=content.getvalue(),
        name="giay.docx",
    )
    word = docx.Document(io.BytesIO(login(officer).get(f"{BASE}.docx").content))
    assert word.paragraphs[0].text == "GIẤY CÔNG NHẬN CỦA TỈNH: Thôn Đông Hưng, Phường Đông Quang"
    broken = _document()
    _para(broken, "{{ unit_nam }}")
    content = io.BytesIO()
    broken.save(content)
    with pytest.raises(FieldErrors) as refused:
        documents.template_upload(
            actor=persona(Role.PROVINCE_STAFF, "38"),
            province=tree["38"],
            kind="certificate",
            content=content.getvalue(),
            name="hong.docx",
        )
    assert "unit_nam" in str(refused.value.errors["file"])
