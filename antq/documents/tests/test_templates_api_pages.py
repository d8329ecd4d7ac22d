"""A province's own template, the API and the pages."""

import io

import pytest
from docx import Document

from antq.core.errors import FieldErrors, PermissionDenied
from antq.core.roles import Role
from antq.documents import pdf, services
from antq.documents.build_templates import _document, _para
from antq.documents.models import GeneratedDocument, ProvinceTemplate, ReviewDraft

pytestmark = pytest.mark.django_db


def _template(*lines: str) -> bytes:
    document = _document()
    for line in lines:
        _para(document, line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _generate(actor, unit, capture, **extra):
    with capture(execute=True):
        job = services.document_request(
            actor=actor, kind="final_review", unit=unit, period="2026", **extra
        )
    job.refresh_from_db()
    return job


def test_a_provinces_own_template_replaces_the_default(
    tree, persona, django_capture_on_commit_callbacks
):
    staff = persona(Role.PROVINCE_STAFF, "38")
    own = _template("MẪU RIÊNG CỦA TỈNH", "{{ issuer }} — {{ title }}")
    services.template_upload(
        actor=staff, province=tree["38"], kind="final_review", content=own, name="mau.docx"
    )
    job = _generate(staff, tree["38"], django_capture_on_commit_callbacks)
    text = "\n".join(p.text for p in Document(job.docx.path).paragraphs)
    assert "MẪU RIÊNG CỦA TỈNH" in text
    assert "CÔNG AN TỈNH THANH HÓA — TỔNG KẾT PHONG TRÀO" in text
    # a commune of the province uses it; the other province keeps the default
    other = _generate(
        persona(Role.PROVINCE_STAFF, "01"), tree["01"], django_capture_on_commit_callbacks
    )
    assert "MẪU RIÊNG" not in "\n".join(p.text for p in Document(other.docx.path).paragraphs)


def test_a_broken_template_is_refused_naming_the_placeholder(tree, persona):
    staff = persona(Role.PROVINCE_STAFF, "38")
    broken = _template("{{ issuer }}", "Kính gửi {{ nguoi_nhan_sai }}")
    with pytest.raises(FieldErrors) as refused:
        services.template_upload(
            actor=staff, province=tree["38"], kind="final_review", content=broken, name="x.docx"
        )
    assert "nguoi_nhan_sai" in refused.value.errors["file"]
    unclosed = _template("{% for r in recipients %}{{ r }}")
    with pytest.raises(FieldErrors):
        services.template_upload(
            actor=staff, province=tree["38"], kind="final_review", content=unclosed, name="y.docx"
        )
    assert not ProvinceTemplate.objects.exists()


def test_a_file_that_is_not_word_is_refused_by_content(tree, persona):
    with pytest.raises(FieldErrors) as refused:
        services.template_upload(
            actor=persona(Role.PROVINCE_STAFF, "38"),
            province=tree["38"],
            kind="final_review",
            content=b"%PDF-1.4 not a word file",
            name="mau.docx",
        )
    assert "Word" in refused.value.errors["file"]


def test_only_the_provinces_staff_replace_its_templates(tree, persona):
    for account in (persona(Role.COMMUNE_OFFICER, "16417"), persona(Role.PROVINCE_STAFF, "01")):
        with pytest.raises(PermissionDenied):
            services.template_upload(
                actor=account,
                province=tree["38"],
                kind="final_review",
                content=_template("{{ issuer }}"),
                name="m.docx",
            )


def test_the_api_queues_a_job_and_gives_its_files(
    client, tree, persona, bearer, django_capture_on_commit_callbacks
):
    staff = persona(Role.PROVINCE_STAFF, "38")
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/api/v1/documents",
            {"kind": "final_review", "unit": "38", "period": "2026", "options": {}},
            content_type="application/json",
            headers=bearer(staff),
        )
    assert answer.status_code == 201, answer.content
    job_id = answer.json()["id"]
    status = client.get(f"/api/v1/documents/{job_id}", headers=bearer(staff)).json()
    assert status["status"] == "done" and "docx" in status["files"] and "xlsx" in status["files"]
    got = client.get(status["files"]["docx"], headers=bearer(staff))
    assert got.status_code == 200
    assert Document(io.BytesIO(b"".join(got.streaming_content))).tables
    # another province's account sees nothing, the same as a missing job
    other = persona(Role.PROVINCE_STAFF, "01")
    assert client.get(f"/api/v1/documents/{job_id}", headers=bearer(other)).status_code == 404
    assert client.get("/api/v1/documents/99999", headers=bearer(other)).status_code == 404
    wrong = client.post(
        "/api/v1/documents",
        {"kind": "final_review", "unit": "38", "period": "2026-13"},
        content_type="application/json",
        headers=bearer(staff),
    )
    assert wrong.status_code == 400


def test_the_page_saves_the_draft_generates_and_downloads(
    client, login, tree, persona, django_capture_on_commit_callbacks
):
    staff = persona(Role.PROVINCE_STAFF, "38")
    login(staff)
    form = {"kind": "final_review", "unit": "38", "period": "2026", "strengths": "Ưu điểm A"}
    answer = client.post("/documents/", {**form, "save": "1"}, follow=True)
    assert "Đã lưu bản nháp" in answer.content.decode()
    assert ReviewDraft.objects.get().texts["strengths"] == "Ưu điểm A"
    page = client.get("/documents/?kind=final_review&unit=38&period=2026").content.decode()
    assert "Ưu điểm A" in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/documents/", {**form, "generate": "1"})
    job = GeneratedDocument.objects.get()
    assert answer.url == f"/documents/jobs/{job.pk}/"
    partial = client.get(answer.url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-status="done"' in partial and "hx-trigger" not in partial
    download = client.get(f"/documents/jobs/{job.pk}/docx")
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    text = "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
    assert "Ưu điểm A" in text
    other = persona(Role.PROVINCE_STAFF, "01")
    login(other)
    assert client.get(f"/documents/jobs/{job.pk}/docx").status_code == 404


def test_a_queued_job_polls_and_the_page_tells_how_to_install_the_converter(
    client, login, tree, persona, monkeypatch
):
    staff = persona(Role.PROVINCE_STAFF, "38")
    job = services.document_request(
        actor=staff, kind="final_review", unit=tree["38"], period="2026"
    )
    login(staff)
    partial = client.get(f"/documents/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in partial.content.decode()
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    page = client.get("/documents/").content.decode()
    assert "apt-get install libreoffice-writer-nogui" in page
