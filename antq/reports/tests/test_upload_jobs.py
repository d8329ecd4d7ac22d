"""A filled template for many units is saved by the worker: the upload answers at once with a
job page, which ends with the count saved or the refused cells; all or nothing."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from antq.core.models import ImportJob, ImportStatus
from antq.core.roles import Role
from antq.reports.models import Report

from .conftest import FIGURES


@pytest.fixture
def background(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ANTQ_REPORT_UPLOAD_BACKGROUND_UNITS = 2
    return tmp_path


def _filled(client):
    answer = client.get(
        "/reports/excel/template.xlsx",
        {"form": "movement-monthly", "unit": "38", "period": "2026-09", "all_units": "on"},
    )
    book = load_workbook(io.BytesIO(b"".join(answer.streaming_content)))
    sheet = book.active
    codes = {sheet.cell(row=r, column=1).value: r for r in range(6, sheet.max_row + 1)}
    for column in (3, 4, 5):
        for code, value in FIGURES.items():
            sheet.cell(row=codes[code], column=column, value=value)
    return book, codes


def _post(client, book, capture):
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "bao-cao.xlsx"
    with capture(execute=True):
        return client.post("/reports/excel/upload/", {"file": data, "submit": "on"})


def test_a_sheet_of_many_units_is_saved_by_the_worker_with_a_job_page(
    client, persona, clock, commune3, background, django_capture_on_commit_callbacks
):
    clock.set(date(2026, 10, 2))
    client.force_login(persona(Role.PROVINCE_STAFF))
    book, _codes = _filled(client)
    response = _post(client, book, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(kind="reports")
    assert response.status_code == 302
    assert response.url == f"/reports/excel/upload/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "Đã lưu 3 báo cáo." in page and 'data-status="done"' in page
    assert Report.objects.filter(status="submitted").count() == 3  # "submit" was kept
    assert not any(background.rglob("*.bin"))


def test_a_wrong_cell_fails_the_job_naming_the_cell_and_saves_nothing(
    client, persona, clock, commune3, background, django_capture_on_commit_callbacks
):
    clock.set(date(2026, 10, 2))
    client.force_login(persona(Role.PROVINCE_STAFF))
    book, codes = _filled(client)
    book.active.cell(row=codes["tips_received"], column=4, value="nhiều")
    response = _post(client, book, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(kind="reports")
    assert job.status == ImportStatus.FAILED
    page = client.get(response.url).content.decode()
    assert f"Ô D{codes['tips_received']}:" in page
    assert not Report.objects.exists()
    # another account does not see the job
    client.force_login(persona(Role.LEADER))
    assert client.get(response.url).status_code == 404
