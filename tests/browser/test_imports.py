"""A province officer uploads a large unit sheet: the page answers at once, shows the rows
read, checked and written as the worker goes, and ends with the count imported."""

import re

from playwright.sync_api import expect

from antq.core import jobs
from antq.core.models import ImportJob
from antq.core.roles import Role
from antq.units import importing
from antq.units.models import Unit
from antq.units.tests.sheets import area_rows, xlsx_bytes
from conftest import PASSWORD

ROWS = 2_100  # past the default threshold of 2,000 rows


def test_a_large_unit_import_shows_progress_and_ends_with_the_count(
    page, log_in, tree, persona, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The worker is stopped: the job waits in the queue until the test runs the worker's part
    # in its own thread (the live server shares the test's in-memory SQLite connection).
    monkeypatch.setattr(importing, "_enqueue", lambda job_id: None)
    sheet = tmp_path / "thon-moi.xlsx"
    sheet.write_bytes(xlsx_bytes(area_rows("16417", ROWS)))
    staff = persona(Role.PROVINCE_STAFF)
    log_in(staff, PASSWORD)

    page.goto("/units/import/")
    page.locator("input[type=file]").set_input_files(sheet)
    page.get_by_role("button", name="Nhập", exact=True).click()
    job_box = page.get_by_test_id("import-job")
    expect(job_box).to_have_attribute("data-status", "queued")
    expect(page.locator("progress")).to_be_visible()
    expect(page.get_by_test_id("rows-total")).to_have_text("2.101")
    job = ImportJob.objects.get()

    seen = []
    report = jobs.job_progress

    def report_and_look(job_id, field, rows):
        report(job_id, field, rows)
        if field == "rows_read" and not seen:  # before the import's transaction opens
            seen.append(rows)
            expect(page.get_by_test_id("rows-read")).to_have_text("1.000")
            expect(page.locator("progress")).not_to_have_attribute("value", "0")

    monkeypatch.setattr(jobs, "job_progress", report_and_look)
    importing.units_import_job(job.pk)  # the worker's part

    expect(job_box).to_have_attribute("data-status", "done", timeout=15_000)
    expect(page.get_by_test_id("job-result")).to_have_text(f"Đã nhập {ROWS} đơn vị.")
    expect(page.get_by_test_id("rows-written")).to_have_text("2.100")
    assert seen == [1_000]
    page.get_by_role("link", name="Mở danh sách đơn vị").click()
    expect(page).to_have_url(re.compile(r"/units/$"))
    assert Unit.objects.filter(code__startswith="16417-KDC00").count() == ROWS
