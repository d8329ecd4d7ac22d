"""The worker: the daily reminders and escalations, large sheet uploads (Huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from antq.units.selectors import today

from .excel import upload_job
from .reminders import reports_remind


@db_periodic_task(crontab(hour="7", minute="0"))
def send_report_reminders() -> dict[str, int]:
    return reports_remind(today=today())


@db_task()
def upload_reports(job_id: int) -> None:
    upload_job(job_id)
