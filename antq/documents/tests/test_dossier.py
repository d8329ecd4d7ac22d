"""The recognition dossier of Art. 9.2.b: letter, results report, minutes, read back."""

import re
from datetime import date

import pytest
import time_machine
from docx import Document
from docx.oxml.ns import qn

from antq.core.errors import FieldErrors
from antq.core.roles import Role
from antq.documents import services
from antq.documents.models import GeneratedDocument, JobStatus
from antq.evaluation import services as evaluation_services
from antq.evaluation.tests.support import all_yes, open_year, register

pytestmark = pytest.mark.django_db
AREA = "16417-KDC01"


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _table(document, first: str) -> list[list[str]]:
    """The rows of the table whose first header cell is `first`, header left out."""
    found = [t for t in document.tables if t.rows[0].cells[0].text == first]
    assert len(found) == 1, first
    return _cells(found[0])[1:]


@pytest.fixture
def assessed(tree, persona):
    campaign = open_year(persona)
    officer = persona(Role.COMMUNE_OFFICER, "16417")
    register(officer, campaign, tree[AREA], households_resident=120, households_registered=110)
    answers = {**all_yes("residential_area")}
    answers[next(iter(answers))] = False  # one item not met
    evaluation_services.assessment_save(
        actor=officer, campaign=campaign, unit=tree[AREA], answers=answers, figures={}
    )
    return officer


def _dossier(officer, unit, capture):
    with time_machine.travel(date(2026, 11, 10), tick=False), capture(execute=True):
        job = services.document_request(
            actor=officer,
            kind="recognition_dossier",
            unit=unit,
            period="2026",
            options={"number": "05/TTr-KDC"},
        )
    job.refresh_from_db()
    return job


def test_the_dossier_holds_the_letter_the_report_with_the_verdict_and_the_minutes(
    tree, assessed, client, bearer, django_capture_on_commit_callbacks
):
    job = _dossier(assessed, tree[AREA], django_capture_on_commit_callbacks)
    assert job.status == JobStatus.DONE, job.error
    document = Document(job.docx.path)
    text = "\n".join(p.text for p in document.paragraphs)
    for title in ("TỜ TRÌNH", "BÁO CÁO", "BIÊN BẢN"):
        assert title in text
    # three documents, each with its own heading and page numbers from 1
    headings = [
        t for t in document.tables if "Độc lập - Tự do - Hạnh phúc" in t.rows[0].cells[1].text
    ]
    assert len(headings) == 3
    assert "Số: 05/TTr-KDC" in headings[0].rows[0].cells[0].text
    assert "ngày 10 tháng 11 năm 2026" in headings[0].rows[0].cells[1].text
    assert len(document.sections) == 3
    for section in document.sections:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.different_first_page_header_footer
    # the letter goes to the commune's steering committee, for its chairman to decide
    assert "Kính gửi: Thường trực Ban Chỉ đạo" in text
    assert tree["16417"].name in text

    api = client.get(
        f"/api/v1/evaluation/provinces/38/years/2026/units/{AREA}/assessment",
        headers=bearer(assessed),
    ).json()
    criteria = {row[0]: row[2] for row in _table(document, "Tiêu chí")}
    expected = {}
    for criterion in api["criteria"]:
        for outcome in (criterion, *criterion["points"]):
            state = "Đạt" if outcome["met"] else "Chưa đạt"
            expected[outcome["id"]] = state if outcome["applicable"] else "Không áp dụng"
    assert criteria == expected
    assert "Chưa đạt" in criteria.values()
    met = sum(1 for c in api["criteria"] if c["met"] or not c["applicable"])
    assert f"Đạt {met}/{len(api['criteria'])} tiêu chí" in text
    assert ("chưa đạt tiêu chuẩn" in text) is (not api["met"])

    figures = {row[0]: row[1] for row in _table(document, "Số liệu")}
    assert figures, "the figures used are listed"
    for figure in api["figures"].values():
        assert str(figure["value"]) in figures.values()

    participants = [row[1] for row in _table(document, "STT")]
    assert participants == [
        "Trưởng khu dân cư (chủ trì)",
        "Bí thư chi bộ",
        "Đại diện Ban Công tác Mặt trận",
        "Đại diện các tổ chức đoàn thể quần chúng (nếu có)",
        "Đại diện Công an cấp cơ sở",
    ]
    assert job.xlsx and job.xlsx.read().startswith(b"PK")


def test_a_unit_without_self_assessment_is_refused_and_nothing_is_queued(
    tree, persona, django_capture_on_commit_callbacks
):
    open_year(persona)
    officer = persona(Role.COMMUNE_OFFICER, "16417")
    with pytest.raises(FieldErrors) as refused:
        _dossier(officer, tree["16417-KDC02"], django_capture_on_commit_callbacks)
    assert "chưa có bản tự đánh giá" in str(refused.value.errors["unit"])
    assert not GeneratedDocument.objects.exists()


def test_the_units_evaluation_page_opens_the_dossier_form_filled_in(tree, assessed, client):
    client.force_login(assessed)
    page = client.get(f"/evaluation/38/2026/{AREA}/").content.decode()
    href = re.search(r'id="open-dossier" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    form = client.get(href).content.decode()
    assert re.search(r'<option value="recognition_dossier" selected', form)
    assert f'value="{AREA}"' in form and 'value="2026"' in form
