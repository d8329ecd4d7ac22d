"""Imports of large sheets on the worker: the job row, its progress, its file.

The web process checks the upload (`antq.core.uploads`), counts its rows cheaply and, past
the threshold (setting ANTQ_IMPORT_BACKGROUND_ROWS, provisional default 2,000), stores the
file in MEDIA_ROOT and queues a job; the worker's task reads the file, reports progress
here and deletes the file when the job ends, whatever its outcome.

Progress is written outside the import's transaction (reading and checking come before it);
rows written inside the transaction become visible when it commits.
"""

import re
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from . import uploads
from .errors import DomainError
from .models import ImportJob, ImportStatus

BACKGROUND_ROWS = 2_000  # provisional: about a second of work in the request
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CHUNK = 1024 * 1024


def background_rows() -> int:
    """The number of rows from which an import runs on the worker (setting read at call time)."""
    return int(getattr(settings, "ANTQ_IMPORT_BACKGROUND_ROWS", BACKGROUND_ROWS))


def count_rows(data: bytes, filename: str) -> int:
    """Return an upper bound of the rows a sheet holds, without parsing it.

    CSV: its line breaks. Workbook: the `<row>` tags of its largest sheet part, read in
    chunks after the archive checks, so memory stays flat whatever the file.
    """
    if filename.lower().endswith(".csv"):
        return data.count(b"\n") + 1
    try:
        uploads.check_archive(data)
        with zipfile.ZipFile(uploads._seekable(data)) as archive:
            most = 0
            for info in archive.infolist():
                if not info.filename.lower().startswith("xl/worksheets/sheet"):
                    continue
                found, tail = 0, b""
                with archive.open(info) as part:
                    while chunk := part.read(_CHUNK):
                        block = tail + chunk
                        # a tag cut by the chunk's end is counted with the next chunk
                        edge = max(len(block) - 16, 0)
                        found += sum(1 for m in _ROW_TAG.finditer(block) if m.start() < edge)
                        tail = block[edge:]
                found += len(_ROW_TAG.findall(tail))
                most = max(most, found)
            return most
    except (DomainError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return 0  # the import's own reader refuses it, with its message, in the request


def job_create(
    *, actor, kind: str, data: bytes, filename: str, rows: int, options: dict | None = None
) -> ImportJob:
    """Store the file and queue nothing yet: the caller enqueues after the commit."""
    job = ImportJob(
        kind=kind,
        filename=filename[:255],
        rows_total=rows,
        requested_by=actor,
        options=options or {},
    )
    job.file.save(f"{kind}.bin", ContentFile(data), save=False)
    job.save()
    return job


def job_for(*, actor, pk: int, kind: str) -> ImportJob:
    """The job `pk` of `actor`: another account's job answers 404, as a missing one does."""
    job = ImportJob.objects.filter(pk=pk, kind=kind, requested_by=actor).first()
    if job is None:
        raise Http404
    return job


def job_progress(job_id: int, field: str, rows: int) -> None:
    """Record how far the job is: `field` is rows_read, rows_checked or rows_written."""
    ImportJob.objects.filter(pk=job_id).update(**{field: rows})


def job_data(job: ImportJob) -> bytes:
    job.status = ImportStatus.RUNNING
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    with job.file.open("rb") as handle:
        return handle.read()


def job_finish(job: ImportJob, *, written: int, message: str) -> None:
    _end(job, status=ImportStatus.DONE, rows_written=written, message=message)


def job_fail(job: ImportJob, *, message: str, errors: list[dict] | None = None) -> None:
    _end(job, status=ImportStatus.FAILED, message=message, errors=errors or [])


def _end(job: ImportJob, **values) -> None:
    if job.file:
        job.file.delete(save=False)
    values.update(file="", finished_at=timezone.now())
    with transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(**values)


def job_run(job_id: int, run, done: str) -> None:
    """The worker's part of a large import: `run(actor, data, filename, job)` imports the
    job's file and returns the count written; `done` is the message, with %(n)s for it.
    A refusal (a DomainError, with its rows' errors if any) ends the job as failed."""
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    if not job.is_running:
        return  # a retried task: the job already ended
    try:
        written = run(job.requested_by, job_data(job), job.filename, job)
    except DomainError as error:
        rows = [
            {"line": e.line, "column": e.column, "message": e.message}
            if hasattr(e, "line")
            else {"message": str(e)}  # a message that names its own cell
            for e in getattr(error, "errors", None) or []
        ]
        job_fail(job, message=error.message, errors=rows)
    except Exception:
        job_fail(job, message=_("The import stopped on an unexpected error; nothing was imported."))
        raise
    else:
        job_finish(job, written=written, message=done % {"n": written})
