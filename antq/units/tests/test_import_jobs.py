"""Large unit imports run on the worker: a job page with progress, errors by row, all or nothing."""

import pytest

from antq.core import jobs
from antq.core.models import ImportJob
from antq.core.roles import Role
from antq.units.models import Unit

from .sheets import area_rows, csv_bytes, xlsx_bytes


@pytest.fixture
def background(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ANTQ_IMPORT_BACKGROUND_ROWS = 50
    return tmp_path


def _upload(client, data: bytes, name: str, capture):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with capture(execute=True):
        return client.post("/units/import/", {"file": SimpleUploadedFile(name, data)})


def test_a_large_sheet_is_imported_by_the_worker_and_its_page_ends_with_the_count(
    tree, persona, login, background, django_capture_on_commit_callbacks
):
    staff = persona(Role.PROVINCE_STAFF)
    client = login(staff)
    response = _upload(
        client, xlsx_bytes(area_rows("16417", 120)), "kdc.xlsx", django_capture_on_commit_callbacks
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == f"/units/import/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "Đã nhập 120 đơn vị." in page
    assert 'data-status="done"' in page
    assert "hx-trigger" not in page  # polling stops when the job ends
    job.refresh_from_db()
    assert (job.rows_read, job.rows_checked, job.rows_written) == (120, 120, 120)
    assert Unit.objects.filter(code__startswith="16417-KDC").count() == 120 + 2
    assert not any(background.rglob("*.bin")), "the uploaded file is deleted when done"


def test_a_running_job_page_polls_and_shows_its_progress(tree, persona, login, background):
    staff = persona(Role.PROVINCE_STAFF)
    job = jobs.job_create(actor=staff, kind="units", data=b"x", filename="kdc.csv", rows=3000)
    jobs.job_progress(job.pk, "rows_read", 1500)
    page = login(staff).get(f"/units/import/jobs/{job.pk}/", headers={"HX-Request": "true"})
    text = page.content.decode()
    assert 'hx-trigger="every 1s"' in text
    assert "<html" not in text  # the partial only, for HTMX
    assert 'data-testid="rows-read">1.500<' in text
    assert 'value="16"' in text  # 1,500 of 3 × 3,000 steps


def test_a_bad_row_fails_the_job_with_row_and_column_and_writes_nothing(
    tree, persona, login, background, django_capture_on_commit_callbacks
):
    staff = persona(Role.PROVINCE_STAFF)
    rows = area_rows("16417", 80)
    rows[69][2] = "khu_dan_cu_sai"
    rows[9][5] = "x" * 10_000
    before = Unit.objects.count()
    response = _upload(
        client := login(staff), csv_bytes(rows), "kdc.csv", django_capture_on_commit_callbacks
    )
    page = client.get(response.url).content.decode()
    assert 'data-status="failed"' in page
    assert "Chưa nhập dữ liệu nào: tệp có 2 lỗi." in page
    assert "Dòng 11, cột “Địa chỉ”" in page
    assert "Dòng 71, cột “Loại”" in page
    assert Unit.objects.count() == before
    assert not any(background.rglob("*.bin"))


def test_a_small_sheet_is_still_imported_in_the_request(
    tree, persona, login, background, django_capture_on_commit_callbacks
):
    staff = persona(Role.PROVINCE_STAFF)
    response = _upload(
        login(staff),
        csv_bytes(area_rows("16417", 10)),
        "kdc.csv",
        django_capture_on_commit_callbacks,
    )
    assert response.url == "/units/"
    assert not ImportJob.objects.exists()
    assert Unit.objects.filter(code__startswith="16417-KDC").count() == 10 + 2


def test_another_accounts_job_answers_404(tree, persona, login, background):
    owner = persona(Role.PROVINCE_STAFF)
    other = persona(Role.COMMUNE_OFFICER, "16417")
    job = jobs.job_create(actor=owner, kind="units", data=b"x", filename="kdc.csv", rows=3000)
    assert login(other).get(f"/units/import/jobs/{job.pk}/").status_code == 404


def test_rows_are_counted_without_parsing_the_sheet():
    assert jobs.count_rows(xlsx_bytes(area_rows("16417", 2_500)), "a.xlsx") == 2_501
    assert jobs.count_rows(csv_bytes(area_rows("16417", 30)), "a.csv") == 32
    assert jobs.count_rows(b"not a zip", "a.xlsx") == 0
