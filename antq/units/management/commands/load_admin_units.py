from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from antq.units.admin_data import admin_units_load


class Command(BaseCommand):
    help = "Load official provinces and communes (vietnam-provinces); re-running changes nothing."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--province", help="province code, e.g. 38 for Thanh Hóa")
        group.add_argument("--all", action="store_true", help="all 34 provinces")

    def handle(self, *args, province=None, all=False, **options):
        try:
            created, present = admin_units_load(province=None if all else province)
        except ValueError as error:
            raise CommandError(_("No province with code %(code)s.") % {"code": province}) from error
        self.stdout.write(
            _("Added %(created)s units; %(present)s were already there.")
            % {"created": created, "present": present}
        )
