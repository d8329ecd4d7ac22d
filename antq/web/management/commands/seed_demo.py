from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from antq.core.roles import Role
from antq.units.admin_data import admin_units_load, province_code
from antq.web.demo import DEMO_PASSWORD, demo_seed


class Command(BaseCommand):
    help = "Load a real province and deterministic demo data; re-running reuses what exists."

    def add_arguments(self, parser):
        parser.add_argument("--province", default=None)

    def handle(self, *args, province=None, **options):
        code = province_code(province or settings.ANTQ_DEFAULT_PROVINCE)
        admin_units_load(province=code)
        logins = demo_seed(province_code=code)
        self.stdout.write(_("Demo logins (password: %(pw)s):") % {"pw": DEMO_PASSWORD})
        for username, role, unit in logins:
            self.stdout.write(f"  {username:<10} {Role(role).label} — {unit.name}")
