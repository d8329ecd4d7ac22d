import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from antq.core.backup import BackupError, database_name, database_restore


class Command(BaseCommand):
    help = (
        "Replace the contents of the configured database with a backup made by `backup`. "
        "Asks for the database's name first, unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by `manage.py backup`")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask: replace the database's contents"
        )
        parser.add_argument("--database", default="default", help="the database alias")

    def handle(self, *args, file, yes, database, **options):
        name = database_name(database)
        if not yes and not self._confirmed(name):
            raise CommandError(
                _(
                    "Restore refused: it replaces every row of the database %(name)s. "
                    "Type the database's name when asked, or pass --yes."
                )
                % {"name": name}
            )
        try:
            database_restore(source=Path(file), alias=database)
        except BackupError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            _("The database %(name)s was restored from %(file)s.") % {"name": name, "file": file}
        )

    def _confirmed(self, name: str) -> bool:
        if not sys.stdin.isatty():
            return False
        prompt = _(
            "Restoring replaces every row of the database %(name)s. Type its name to confirm: "
        ) % {"name": name}
        try:
            return input(prompt).strip() == name
        except EOFError:
            return False
