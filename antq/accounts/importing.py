"""Import accounts from a sheet: every row checked first, then all or nothing.

Each account hashes its password (a tenth of a second or so), so a sheet past
ANTQ_ACCOUNT_IMPORT_BACKGROUND_ROWS rows runs on the worker with a job page (antq.core.jobs).
"""

from functools import partial

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from antq.core import jobs
from antq.core.models import ImportJob
from antq.core.text import fold
from antq.units.importing import ImportRejected, RowError, read_rows
from antq.units.models import Unit

from . import services

COLUMNS = [
    ("username", "Tên đăng nhập"),
    ("full_name", "Họ và tên"),
    ("email", "Thư điện tử"),
    ("unit_code", "Mã đơn vị"),
    ("roles", "Vai trò"),
    ("password", "Mật khẩu"),
]
REQUIRED = ("username", "unit_code", "roles", "password")
# Provisional bound (setting ANTQ_ACCOUNT_IMPORT_MAX_ROWS): a province's officials at once;
# each account hashes its password, so a larger sheet would hold a worker for minutes.
MAX_ROWS = 2_000
# Provisional (setting ANTQ_ACCOUNT_IMPORT_BACKGROUND_ROWS): about ten seconds of hashing.
BACKGROUND_ROWS = 100
JOB_KIND = "accounts"
PROGRESS_EVERY = 25


def background_rows() -> int:
    return int(getattr(settings, "ANTQ_ACCOUNT_IMPORT_BACKGROUND_ROWS", BACKGROUND_ROWS))


def accounts_import(*, actor, data: bytes, filename: str, job: ImportJob | None = None) -> int:
    """Create every account of the file, or none; return how many were created.

    With a `job`, the rows read and checked are recorded on it as the import goes."""
    if not services.can_manage_accounts(actor):
        raise services.PermissionDenied(_("Only administrators manage accounts."))
    max_rows = int(getattr(settings, "ANTQ_ACCOUNT_IMPORT_MAX_ROWS", MAX_ROWS))
    read = partial(jobs.job_progress, job.pk, "rows_read") if job else None
    rows = read_rows(data, filename, COLUMNS, REQUIRED, max_rows=max_rows, progress=read)
    if job:
        jobs.job_progress(job.pk, "rows_read", len(rows))
    header = dict(COLUMNS)
    units = {u.code: u for u in Unit.objects.filter(code__in={v["unit_code"] for _l, v in rows})}
    # Check every row and hash its password first, outside the transaction: the hashing is
    # the slow part, and a job's progress written here is seen by its page at once.
    errors: list[RowError] = []
    checked: list[tuple[int, dict]] = []
    for done, (line, values) in enumerate(rows, start=1):
        if job and done % PROGRESS_EVERY == 0:
            jobs.job_progress(job.pk, "rows_checked", done)
        found = _row_errors(values, units.get(values["unit_code"]))
        errors.extend(RowError(line, header.get(f, f), message) for f, message in found.items())
        if not found:
            checked.append((line, {**values, "password": make_password(values["password"])}))
    if job:
        jobs.job_progress(job.pk, "rows_checked", len(rows))
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():
        for line, values in checked:
            try:
                services.account_create(
                    actor=actor,
                    username=values["username"],
                    unit=units[values["unit_code"]],
                    roles=_roles(values),
                    password=values["password"],
                    password_hashed=True,
                    full_name=values.get("full_name", ""),
                    email=values.get("email", ""),
                )
            except services.AccountInvalid as error:  # e.g. a user name twice in the file
                errors.extend(
                    RowError(line, header.get(f, f), message) for f, message in error.errors.items()
                )
        if errors:
            raise ImportRejected(errors)  # leaving the block by an exception undoes every row
    return len(rows)


def _roles(values: dict) -> list[str]:
    return [fold(r).replace(" ", "_") for r in values["roles"].split(",") if r.strip()]


def _row_errors(values: dict, unit) -> dict[str, str]:
    if unit is None:
        return {"unit_code": _("No unit with code %(code)s.") % {"code": values["unit_code"]}}
    try:
        return services.account_errors(
            username=values["username"],
            unit=unit,
            roles=_roles(values),
            password=values["password"],
            full_name=values.get("full_name", ""),
            email=values.get("email", ""),
        )
    except services.AccountInvalid as error:
        return error.errors


def accounts_import_queue(*, actor, data: bytes, filename: str, rows: int) -> ImportJob:
    """Keep the file and run its import on the worker once this request's writes commit."""
    if not services.can_manage_accounts(actor):
        raise services.PermissionDenied(_("Only administrators manage accounts."))
    job = jobs.job_create(actor=actor, kind=JOB_KIND, data=data, filename=filename, rows=rows)
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import import_accounts

    import_accounts(job_id)


def accounts_import_job(job_id: int) -> None:
    """The worker's part: import the job's file, record the outcome on the job."""

    def run(actor, data, filename, job):
        return accounts_import(actor=actor, data=data, filename=filename, job=job)

    jobs.job_run(job_id, run, _("Created %(n)s accounts."))
