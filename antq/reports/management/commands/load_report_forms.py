from django.core.management.base import BaseCommand

from antq.reports.defaults import load_default_forms
from antq.reports.models import CrossRule, FormIndicator, Indicator, ReportForm


class Command(BaseCommand):
    help = "Create the default report forms that are missing (migrate already does it)."

    def handle(self, *args, **options):
        created = load_default_forms(Indicator, ReportForm, FormIndicator, CrossRule)
        self.stdout.write(f"{created} report form(s) created.")
