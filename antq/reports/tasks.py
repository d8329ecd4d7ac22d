"""Scheduled work: the daily reminders and escalations (Huey; no extra server needed)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from antq.units.selectors import today

from .reminders import reports_remind


@db_periodic_task(crontab(hour="7", minute="0"))
def send_report_reminders() -> dict[str, int]:
    return reports_remind(today=today())
