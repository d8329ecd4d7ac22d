"""The recognition decision of a batch: legal basis, the annex of recognised units, classes;
and the review's evaluation section counting the same recognitions."""

from datetime import date

import pytest
from docx import Document

from antq.core.roles import Role
from antq.documents import services
from antq.evaluation.models import Classification, Recognition
from antq.evaluation.services import year_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def recognitions(tree, persona):
    staff = persona(Role.PROVINCE_STAFF, "38")
    campaign = year_open(actor=staff, year=2026)
    for code in ("16417-KDC01", "16417-KDC02"):
        Recognition.objects.create(
            year=campaign,
            unit=tree[code],
            outcome="recognised",
            decision_number="12/QĐ-UBND",
            decision_date=date(2026, 11, 20),
            issuing_body="UBND phường Đông Quang",
        )
    Recognition.objects.create(
        year=campaign,
        unit=tree["16522-KDC01"],
        outcome="recognised",
        decision_number="13/QĐ-UBND",
        decision_date=date(2026, 11, 20),
        issuing_body="UBND phường Quảng Phú",
        revoked_on=date(2026, 12, 1),
    )
    Classification.objects.create(
        year=campaign,
        unit=tree["16417-KDC01"],
        sheet_id="x",
        status="final",
        total=92,
        class_name="excellent",
    )
    return staff


def _generate(staff, unit, kind, capture, **options):
    with capture(execute=True):
        job = services.document_request(
            actor=staff, kind=kind, unit=unit, period="2026", options=options
        )
    job.refresh_from_db()
    assert job.status == "done", job.error
    return Document(job.docx.path)


def test_the_decision_lists_the_recognised_units_with_its_legal_basis(
    tree, recognitions, django_capture_on_commit_callbacks
):
    document = _generate(
        recognitions,
        tree["16417"],
        "recognition_decision",
        django_capture_on_commit_callbacks,
        number="12/QĐ-UBND",
        decision_number="12/QĐ-UBND",
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28/12/2021" in text
    assert "Điều 1. Công nhận 2 đơn vị" in text
    annex = [[c.text for c in row.cells] for row in document.tables[-2].rows[1:]]
    assert [row[1] for row in annex] == ["Thôn Đông Hưng", "Tổ dân phố Lê Lợi"]
    classes = [[c.text for c in row.cells] for row in document.tables[-1].rows[1:]]
    assert classes == [["1", "Thôn Đông Hưng", "92", classes[0][3]]] and classes[0][3]


def test_the_review_counts_recognitions_in_force(
    tree, recognitions, django_capture_on_commit_callbacks
):
    document = _generate(
        recognitions, tree["38"], "final_review", django_capture_on_commit_callbacks
    )
    annex = {row.cells[0].text: row.cells[2].text for row in document.tables[-1].rows[1:]}
    assert annex["C3"] == "2"  # the revoked one does not count
