"""The worker's part of the units app: large imports."""

from huey.contrib.djhuey import db_task

from .importing import units_import_job


@db_task()
def import_units(job_id: int) -> None:
    units_import_job(job_id)
