"""Back up the configured database to one file, and restore it from that file.

PostgreSQL: `pg_dump` in its custom format (`-Fc`, compressed, restorable table by table)
and `pg_restore --clean --if-exists` in one transaction, so a restore that fails leaves the
database as it was. The connection comes from the Django settings of the database; the
password goes to the programs in `PGPASSWORD`, never on their command line (which every
user of the machine can read in the process list).

SQLite: SQLite's online backup API (`sqlite3.Connection.backup`), which copies a consistent
snapshot while the site keeps writing; a restore copies the file back the same way.

The file is checked before anything is touched: a missing or unreadable file, or one of
another kind (a PostgreSQL archive on SQLite, a plain SQL dump), is refused with a message.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.errors import DomainError

POSTGRES_MAGIC = b"PGDMP"  # the first bytes of a pg_dump custom-format archive
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(DomainError):
    """A backup or a restore that cannot be done; nothing was changed."""


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(
            _("Backups of a %(engine)s database are not supported.") % {"engine": vendor}
        )
    return vendor


def database_name(alias: str = "default") -> str:
    return str(connections[alias].settings_dict["NAME"])


def default_backup_path(alias: str = "default", folder: Path | None = None) -> Path:
    """var/backups/antq-<database>-<local time>.<dump|sqlite3>."""
    from django.conf import settings

    folder = folder or Path(settings.BASE_DIR) / "var" / "backups"
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    name = Path(database_name(alias)).stem or "antq"
    suffix = "dump" if _engine(alias) == "postgresql" else "sqlite3"
    return folder / f"antq-{name}-{stamp}.{suffix}"


def database_backup(*, output: Path, alias: str = "default") -> Path:
    """Write a backup of the database `alias` to `output`; return its path.

    The backup is written to a temporary file beside `output` and renamed when complete,
    so a failed backup never leaves a partial file under the name asked for.
    """
    engine = _engine(alias)
    output = Path(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
        os.close(handle)
    except OSError as error:
        raise BackupError(
            _("Cannot write the backup to %(file)s: %(error)s")
            % {"file": output, "error": error.strerror or error}
        ) from error
    partial = Path(partial)
    try:
        if engine == "postgresql":
            _pg_dump(alias, partial)
        else:
            _sqlite_copy(connections[alias], partial, to_file=True)
        try:
            partial.replace(output)
        except OSError as error:
            raise BackupError(
                _("Cannot write the backup to %(file)s: %(error)s")
                % {"file": output, "error": error.strerror or error}
            ) from error
    finally:
        partial.unlink(missing_ok=True)
    return output


def database_restore(*, source: Path, alias: str = "default") -> None:
    """Replace the contents of the database `alias` with the backup in `source`.

    Every Django connection of this process is closed first: on PostgreSQL the restore
    drops and recreates the tables, which waits for every session that holds them.
    """
    engine = _engine(alias)
    source = Path(source)
    _check_backup_file(source, engine)
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    if engine == "postgresql":
        connections.close_all()
        _pg_restore(alias, source)
    else:
        _sqlite_copy(connection, source, to_file=False)


def _check_backup_file(source: Path, engine: str) -> None:
    if not source.exists():
        raise BackupError(_("The backup file %(file)s does not exist.") % {"file": source})
    try:
        with source.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(
            _(
                "The backup file %(file)s cannot be read: it is a folder, or this user "
                "may not read it."
            )
            % {"file": source}
        ) from error
    found = (
        "postgresql"
        if head.startswith(POSTGRES_MAGIC)
        else "sqlite"
        if head == SQLITE_MAGIC
        else None
    )
    if found == engine:
        return
    if found is None:
        raise BackupError(
            _(
                "The file %(file)s is not a backup made by the backup command "
                "(neither a PostgreSQL custom-format archive nor an SQLite database)."
            )
            % {"file": source}
        )
    names = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
    raise BackupError(
        _("The file %(file)s is a backup of a %(found)s database; this database is %(engine)s.")
        % {"file": source, "found": names[found], "engine": names[engine]}
    )


def _pg_program(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise BackupError(
            _(
                "The program %(program)s was not found: install the PostgreSQL client "
                "programs (the server's major version or newer) and put them on the PATH."
            )
            % {"program": name}
        )
    return program


def _pg_connection(alias: str) -> tuple[list[str], dict[str, str]]:
    """The connection arguments and the environment (with the password) of `alias`."""
    conf = connections[alias].settings_dict
    arguments = ["--dbname", str(conf["NAME"])]
    if conf.get("HOST"):
        arguments += ["--host", str(conf["HOST"])]
    if conf.get("PORT"):
        arguments += ["--port", str(conf["PORT"])]
    if conf.get("USER"):
        arguments += ["--username", str(conf["USER"])]
    env = dict(os.environ)
    env.pop("PGPASSWORD", None)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    options = conf.get("OPTIONS") or {}
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if options.get(option):
            env[variable] = str(options[option])
    return arguments, env


def _run(command: list[str], env: dict[str, str]) -> str:
    answer = subprocess.run(command, env=env, capture_output=True, text=True)
    if answer.returncode != 0:
        return (answer.stderr or answer.stdout).strip()[-2000:] or f"exit {answer.returncode}"
    return ""


def _pg_dump(alias: str, output: Path) -> None:
    arguments, env = _pg_connection(alias)
    command = [_pg_program("pg_dump"), "--format=custom", "--file", str(output), *arguments]
    error = _run(command, env)
    if error:
        raise BackupError(_("pg_dump could not back up the database: %(error)s") % {"error": error})


def _pg_restore(alias: str, source: Path) -> None:
    arguments, env = _pg_connection(alias)
    command = [
        _pg_program("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",  # all or nothing; implies --exit-on-error
        *arguments,
        str(source),
    ]
    error = _run(command, env)
    if error:
        raise BackupError(
            _("pg_restore could not restore the backup; the database was left as it was: %(error)s")
            % {"error": error}
        )


def _sqlite_copy(connection, path: Path, *, to_file: bool) -> None:
    """Copy the database of `connection` to the file `path`, or the file into it."""
    connection.ensure_connection()
    live = connection.connection
    try:
        other = sqlite3.connect(path)
    except sqlite3.Error as error:
        raise BackupError(
            _("The backup file %(file)s cannot be read: %(error)s") % {"file": path, "error": error}
        ) from error
    try:
        if to_file:
            live.backup(other)
        else:
            other.backup(live)
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("SQLite could not copy the database: %(error)s") % {"error": error}
        ) from error
    finally:
        other.close()
