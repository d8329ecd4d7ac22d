from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from antq.accounts.services import AccountInvalid, account_create
from antq.core.roles import Role
from antq.units.models import Unit


class Command(BaseCommand):
    help = "Create an account on a unit with one or more roles (for scripted set-up)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", action="append", required=True, choices=Role.values)
        parser.add_argument("--unit", help="unit code (optional only for admin)")
        parser.add_argument("--password", required=True)
        parser.add_argument("--full-name", default="")

    def handle(self, *args, username, role, unit, password, full_name, **options):
        unit_obj = None
        if unit:
            unit_obj = Unit.objects.filter(code=unit).first()
            if unit_obj is None:
                raise CommandError(_("No unit with code %(code)s.") % {"code": unit})
        try:
            account = account_create(
                actor=None,
                username=username,
                unit=unit_obj,
                roles=role,
                password=password,
                full_name=full_name,
            )
        except AccountInvalid as error:
            raise CommandError(error.message) from error
        self.stdout.write(_("Created account %(u)s.") % {"u": account.username})
