from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from antq.core.errors import DomainError
from antq.units.importing import ImportRejected, units_import


class Command(BaseCommand):
    help = "Import units from an .xlsx or .csv file: all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="the account the import is made as")

    def handle(self, *args, file, user, **options):
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(_("No account %(u)s.") % {"u": user})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("File not found: %(file)s.") % {"file": file})
        try:
            created = units_import(actor=actor, data=path.read_bytes(), filename=path.name)
        except ImportRejected as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            raise CommandError(error.message) from error
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(_("Imported %(n)s units.") % {"n": created})
