from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from antq.reports.reminders import reports_remind
from antq.units.selectors import today


class Command(BaseCommand):
    help = "Send today's report reminders and overdue escalations (what the daily task does)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="act as if today were this date (dd/mm/yyyy)")

    def handle(self, *args, date=None, **options):
        day = today()
        if date:
            try:
                day = datetime.strptime(date, "%d/%m/%Y").date()
            except ValueError as error:
                raise CommandError("--date must be dd/mm/yyyy") from error
        counts = reports_remind(today=day)
        self.stdout.write(
            f"{counts['reminders']} reminder(s), {counts['escalations']} escalation(s)."
        )
