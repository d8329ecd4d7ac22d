"""Import a residential-area sheet; compare with a plain openpyxl read of the same bytes.

Times come from untraced runs. Peak memory comes from a second run of each under
tracemalloc (Python allocations only); the traced import is rolled back.

Then a second sheet of as many rows is uploaded through the import page, as a user would:
past the background threshold the page answers at once with a job page; the queued job is
run here as the worker runs it, while another thread reads the job page every second.
"""

import gc
import io
import re
import tempfile
import threading
import time
import tracemalloc
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from openpyxl import load_workbook

from antq.accounts.services import account_create
from antq.core import jobs
from antq.core.models import ImportJob
from antq.core.roles import Role
from antq.units import importing
from antq.units.importing import units_import
from antq.units.models import Unit
from antq.units.tests.sheets import area_rows, xlsx_bytes

COMMUNE = "16417"  # Phường Đông Quang, Thanh Hóa


class RolledBack(Exception):
    """Undo a traced import."""


def plain_read(data: bytes) -> int:
    """Read every row of the sheet with openpyxl; return how many there were."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    count = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def timed(function) -> tuple[float, object]:
    """Return the seconds `function` took and its result."""
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def traced_peak(function) -> int:
    """Return the peak bytes Python allocated while `function` ran."""
    gc.collect()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


_FIGURE = re.compile(r'data-testid="(rows-read|rows-checked|rows-written)">([^<]*)<')
_STATUS = re.compile(r'data-testid="import-job" data-status="(\w+)"')


def _watch(client: Client, url: str, seen: list, stop: threading.Event) -> None:
    """Read the job page (its HTMX part) every second, as the browser does; keep each state."""
    try:
        while not stop.wait(1.0):
            page = client.get(url, headers={"HX-Request": "true"}).content.decode()
            figures = {k: int(re.sub(r"\D", "", v) or 0) for k, v in _FIGURE.findall(page)}
            state = (_STATUS.search(page).group(1), *(figures.get(k, 0) for k in _STAGES))
            if not seen or seen[-1] != state:
                seen.append(state)
    finally:
        connection.close()  # this thread's own connection


_STAGES = ("rows-read", "rows-checked", "rows-written")
_STORAGES = {  # pages rendered without collectstatic's manifest, as bench.national does
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def background_import(admin, commune_code: str, rows: int) -> list[tuple[str, str]]:
    """Upload a sheet through the page; run its job as the worker would, watching its page."""
    data = xlsx_bytes(area_rows(commune_code, rows, prefix="JOB"))
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    queued: list[int] = []
    threshold = min(jobs.background_rows(), rows)
    with (
        tempfile.TemporaryDirectory(prefix="antq-bench-media-") as media,
        override_settings(
            MEDIA_ROOT=media, ANTQ_IMPORT_BACKGROUND_ROWS=threshold, STORAGES=_STORAGES
        ),
        mock.patch.object(importing, "_enqueue", queued.append),  # the queue, not the worker
    ):
        client.get("/units/import/")  # warm up: URLs, templates, session
        upload = SimpleUploadedFile("bench-job.xlsx", data)
        answer_seconds, answer = timed(lambda: client.post("/units/import/", {"file": upload}))
        assert answer.status_code == 302 and len(queued) == 1, (answer.status_code, queued)
        seen: list[tuple] = []
        stop = threading.Event()
        watcher = threading.Thread(target=_watch, args=(client, answer.url, seen, stop))
        watcher.start()
        try:
            job_seconds, _nothing = timed(lambda: importing.units_import_job(queued[0]))
        finally:
            stop.set()
            watcher.join()
        final = client.get(answer.url).content.decode()
    job = ImportJob.objects.get(pk=queued[0])
    assert job.status == "done" and job.rows_written == rows, (job.status, job.message)
    assert f"{rows:,}".replace(",", ".") in final or f"{rows}" in final, "count on the page"
    states = "; ".join(f"{s[0]} {s[1]:,}/{s[2]:,}/{s[3]:,}" for s in seen)
    print(f"import_units: job page states (read/checked/written): {states}")
    return [
        ("upload answer (302 to the job page)", f"{answer_seconds:.2f} s"),
        ("job on the worker", f"{job_seconds:.2f} s ({rows / job_seconds:,.0f} rows/s)"),
        (
            "background job",
            f"yes: upload answered in {answer_seconds:.2f} s, job {job_seconds:.1f} s, "
            f"{len(seen)} progress states on its page, {job.rows_written:,} written",
        ),
    ]


def run(*, rows: int) -> list[tuple[str, str]]:
    """Load Thanh Hóa, make an admin, then measure the read and the import of `rows` rows."""
    call_command("load_admin_units", province="38", stdout=io.StringIO())
    admin = account_create(
        actor=None,
        username="bench-admin",
        unit=Unit.objects.get(code="38"),
        roles=[Role.ADMIN],
        password="bench-password",
        check_password_strength=False,
    )
    commune = Unit.objects.get(code=COMMUNE)  # fails loudly if the official list changes
    data = xlsx_bytes(area_rows(commune.code, rows))
    print(f"import_units: {rows:,} rows, {len(data) / 2**20:.1f} MiB sheet")

    def import_sheet() -> int:
        return units_import(actor=admin, data=data, filename="bench.xlsx")

    def import_rolled_back() -> None:
        try:
            with transaction.atomic():
                import_sheet()
                raise RolledBack
        except RolledBack:
            pass

    read_peak = traced_peak(lambda: plain_read(data))
    import_peak = traced_peak(import_rolled_back)
    read_seconds, read_count = timed(lambda: plain_read(data))
    import_seconds, created = timed(import_sheet)
    assert read_count == rows + 1, read_count  # the header row too
    assert created == rows, created
    mib = 2**20
    background = background_import(admin, commune.code, rows)
    return [
        ("rows", f"{rows:,}"),
        ("plain openpyxl read", f"{read_seconds:.2f} s ({rows / read_seconds:,.0f} rows/s)"),
        ("units_import", f"{import_seconds:.2f} s ({rows / import_seconds:,.0f} rows/s)"),
        ("ratio import / plain read", f"{import_seconds / read_seconds:.1f}x"),
        ("peak memory, plain read", f"{read_peak / mib:.0f} MiB (tracemalloc)"),
        ("peak memory, units_import", f"{import_peak / mib:.0f} MiB (tracemalloc)"),
        *background,
    ]
