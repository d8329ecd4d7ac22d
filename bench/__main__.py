"""Run the benchmarks, each on a fresh throwaway database, and print a table of results.

    python -m bench [--only NAME ...] [--rows N]

SQLite by default (a temporary file); with BENCH_DATABASE_URL set to a PostgreSQL server,
a database named antq_bench there instead (BENCH_DATABASE_NAME to choose another; dropped
and created again for each benchmark).

After the table of every figure it prints issue 15's table: each ratio against its goal,
all from this one run.
"""

import argparse
import importlib
import os
import pkgutil
import shutil
import sys
import tempfile
import traceback
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DB_NAME = os.environ.get("BENCH_DATABASE_NAME", "antq_bench")

# Issue 15's table: (what, benchmark, measure printed by it, goal).
ISSUE_15 = [
    ("submissions vs a bare endpoint", "national", "ratio bare / submissions", "<= 2x"),
    ("queries of one POST /api/v1/reports", "reports", "queries per submission, no key", "<= 8"),
    ("  ... with an Idempotency-Key", "reports", "queries per submission, Idempotency-Key", "<= 8"),
    ("unit import vs plain openpyxl read", "import_units", "ratio import / plain read", "<= 1.5x"),
    ("evaluating a year vs reading its inputs", "evaluation", "ratio evaluate / read", "<= 1.5x"),
    ("national dashboard rollups vs hand SQL", "national", "all rollups: ORM / SQL", "<= 1.2x"),
    (
        "province dashboard queries (leader), 10% / 100%",
        "national",
        "province dashboard queries, 10% / 100%",
        "<= 20, constant",
    ),
    ("a large import", "import_units", "background job", "a background job with progress"),
]


def benchmark_names() -> list[str]:
    """Return the name of every benchmark module of this package."""
    folder = str(Path(__file__).parent)
    return sorted(m.name for m in pkgutil.iter_modules([folder]) if not m.name.startswith("_"))


def postgres_url(server_url: str, name: str) -> str:
    """Return server_url pointing to the database `name`."""
    return urlsplit(server_url)._replace(path=f"/{name}").geturl()


def drop_postgres_database(server_url: str, *, create: bool = False) -> None:
    """Drop antq_bench on the server, then create it empty if asked."""
    import psycopg
    from psycopg import sql

    name = sql.Identifier(BENCH_DB_NAME)
    with psycopg.connect(postgres_url(server_url, "postgres"), autocommit=True) as conn:
        try:  # not WITH (FORCE): a second run must not kill the sessions of another
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
        except psycopg.errors.ObjectInUse as error:
            raise SystemExit(f"{BENCH_DB_NAME} is in use, by another bench run?") from error
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def reset_database(server_url: str | None, sqlite_file: Path | None) -> None:
    """Give the next benchmark an empty, migrated database."""
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    if server_url:
        drop_postgres_database(server_url, create=True)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)


def print_table(rows: list[tuple[str, str, str]]) -> None:
    lines = [("benchmark", "measure", "value"), *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(2)]
    lines.insert(1, ("-" * widths[0], "-" * widths[1], "-" * 20))
    for name, measure, value in lines:
        print(f"{name:<{widths[0]}}  {measure:<{widths[1]}}  {value}")


def issue_15_table(results: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Pick issue 15's figures out of this run's results: (what, measured, goal)."""
    found = {(name, measure): value for name, measure, value in results}
    return [
        (what, found.get((name, measure), f"not run ({name})"), goal)
        for what, name, measure, goal in ISSUE_15
    ]


def print_issue_15(results: list[tuple[str, str, str]], vendor: str) -> None:
    lines = [("issue 15 measure", f"measured ({vendor})", "goal"), *issue_15_table(results)]
    widths = [max(len(line[i]) for line in lines) for i in range(2)]
    lines.insert(1, ("-" * widths[0], "-" * widths[1], "-" * 20))
    for what, value, goal in lines:
        print(f"{what:<{widths[0]}}  {value:<{widths[1]}}  {goal}")


def main(argv: list[str] | None = None) -> int:
    names = benchmark_names()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only", choices=names, action="append", help="run this benchmark only (repeatable)"
    )
    parser.add_argument("--rows", type=int, default=100_000, help="rows per sheet (100000)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq.settings.base")
    os.environ.setdefault("DEBUG", "0")  # as in production: no SQL kept in memory
    os.environ.setdefault("HUEY_IMMEDIATE", "1")  # tasks inline, queue in memory, not in var/
    server_url = os.environ.get("BENCH_DATABASE_URL")
    sqlite_file = None
    if server_url:
        drop_postgres_database(server_url)
        os.environ["DATABASE_URL"] = postgres_url(server_url, BENCH_DB_NAME)
    else:
        sqlite_file = Path(tempfile.mkdtemp(prefix="antq-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"

    import django
    from django.db import connection, connections

    results = []
    failed = False
    vendor = "?"
    try:
        django.setup()
        vendor = connection.vendor
        print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)\n")
        for name in args.only or names:
            reset_database(server_url, sqlite_file)
            try:  # one broken benchmark must not hide the figures of the others
                module = importlib.import_module(f"bench.{name}")
                found = [(name, measure, value) for measure, value in module.run(rows=args.rows)]
                results += found
                for _name, measure, value in found:  # at once: a later module may not end
                    print(f"{name}: {measure}: {value}", flush=True)
            except Exception as error:
                traceback.print_exc()
                results.append((name, "FAILED", f"{type(error).__name__}: {error}"))
                failed = True
    finally:
        connections.close_all()
        if server_url:
            drop_postgres_database(server_url)
        else:
            shutil.rmtree(sqlite_file.parent, ignore_errors=True)
    print()
    print_table(results)
    print()
    print_issue_15(results, vendor)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
