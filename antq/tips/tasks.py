"""Scheduled work: reminders before a tip's deadline and escalation once it passes."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import tips_check_deadlines


@db_periodic_task(crontab(minute="*/30"))
def check_tip_deadlines() -> dict[str, int]:
    return tips_check_deadlines()
