"""Create the year's festival days of every province from the calendar (idempotent)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from antq.campaigns import services


class Command(BaseCommand):
    help = "Create the yearly festival days (19/8, 26/6, great unity) of every province."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, year=None, **options):
        year = year or timezone.localdate().year
        made = services.festival_days_all_provinces(year=year)
        self.stdout.write(f"{made} campaign(s) created for {year}.")
