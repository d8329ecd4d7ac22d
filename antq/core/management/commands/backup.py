from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from antq.core.backup import BackupError, database_backup, default_backup_path


class Command(BaseCommand):
    help = (
        "Back up the configured database to one file: pg_dump's custom format on PostgreSQL, "
        "SQLite's online backup on SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="the file to write (default var/backups/antq-<database>-<date-time>.dump)",
        )
        parser.add_argument("--database", default="default", help="the database alias")

    def handle(self, *args, output, database, **options):
        try:
            path = Path(output) if output else default_backup_path(database)
            if path.is_dir():  # a folder: the usual name inside it
                path = default_backup_path(database, folder=path)
            written = database_backup(output=path, alias=database)
        except BackupError as error:
            raise CommandError(error.message) from error
        size = f"{written.stat().st_size:,}".replace(",", ".")
        self.stdout.write(
            _("Backup written to %(file)s (%(size)s bytes).") % {"file": written, "size": size}
        )
