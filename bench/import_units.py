"""Import a residential-area sheet; compare with a plain openpyxl read of the same bytes.

Times come from untraced runs. Peak memory comes from a second run of each under
tracemalloc (Python allocations only); the traced import is rolled back.
"""

import gc
import io
import time
import tracemalloc

from django.core.management import call_command
from django.db import transaction
from openpyxl import load_workbook

from antq.accounts.services import account_create
from antq.core.roles import Role
from antq.units.importing import units_import
from antq.units.models import Unit
from antq.units.tests.sheets import area_rows, xlsx_bytes

COMMUNE = "16417"  # Phường Đông Quang, Thanh Hóa


class RolledBack(Exception):
    """Undo a traced import."""


def plain_read(data: bytes) -> int:
    """Read every row of the sheet with openpyxl; return how many there were."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    count = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def timed(function) -> tuple[float, object]:
    """Return the seconds `function` took and its result."""
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def traced_peak(function) -> int:
    """Return the peak bytes Python allocated while `function` ran."""
    gc.collect()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run(*, rows: int) -> list[tuple[str, str]]:
    """Load Thanh Hóa, make an admin, then measure the read and the import of `rows` rows."""
    call_command("load_admin_units", province="38", stdout=io.StringIO())
    admin = account_create(
        actor=None,
        username="bench-admin",
        unit=Unit.objects.get(code="38"),
        roles=[Role.ADMIN],
        password="bench-password",
        check_password_strength=False,
    )
    commune = Unit.objects.get(code=COMMUNE)  # fails loudly if the official list changes
    data = xlsx_bytes(area_rows(commune.code, rows))
    print(f"import_units: {rows:,} rows, {len(data) / 2**20:.1f} MiB sheet")

    def import_sheet() -> int:
        return units_import(actor=admin, data=data, filename="bench.xlsx")

    def import_rolled_back() -> None:
        try:
            with transaction.atomic():
                import_sheet()
                raise RolledBack
        except RolledBack:
            pass

    read_peak = traced_peak(lambda: plain_read(data))
    import_peak = traced_peak(import_rolled_back)
    read_seconds, read_count = timed(lambda: plain_read(data))
    import_seconds, created = timed(import_sheet)
    assert read_count == rows + 1, read_count  # the header row too
    assert created == rows, created
    mib = 2**20
    return [
        ("rows", f"{rows:,}"),
        ("plain openpyxl read", f"{read_seconds:.2f} s ({rows / read_seconds:,.0f} rows/s)"),
        ("units_import", f"{import_seconds:.2f} s ({rows / import_seconds:,.0f} rows/s)"),
        ("ratio import / plain read", f"{import_seconds / read_seconds:.1f}x"),
        ("peak memory, plain read", f"{read_peak / mib:.0f} MiB (tracemalloc)"),
        ("peak memory, units_import", f"{import_peak / mib:.0f} MiB (tracemalloc)"),
    ]
