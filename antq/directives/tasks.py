"""Scheduled work: the daily directive reminders and overdue lists (Huey; no extra server)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from antq.units.selectors import today

from .reminders import directives_remind


@db_periodic_task(crontab(hour="7", minute="15"))
def send_directive_reminders() -> dict[str, int]:
    return directives_remind(today=today())
