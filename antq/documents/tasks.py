"""The worker's part of the documents app: generation jobs."""

from huey.contrib.djhuey import db_task

from .services import document_generate


@db_task()
def generate_document(job_id: int) -> None:
    document_generate(job_id)
