"""The worker's part of the accounts app: large account imports."""

from huey.contrib.djhuey import db_task

from .importing import accounts_import_job


@db_task()
def import_accounts(job_id: int) -> None:
    accounts_import_job(job_id)
