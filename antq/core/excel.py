"""Excel output shared by every list: one streaming writer, Vietnamese headers.

Every text is written as text, and a character no cell may hold (a NUL stored before the
input checks) is written as U+FFFD rather than failing the whole file.

Every text is written as text, never as a formula: a unit named `=HYPERLINK("http://x","y")`
or `=cmd|' /C calc'!A0` must come back as those characters, not as a live link or command.
openpyxl turns any string starting with "=" into a formula, so each text that starts with one
of FORMULA_STARTS is written as a string cell with Excel's "quote prefix" (the cell shows the
text unchanged, and Excel keeps it text when someone edits it); the value itself is untouched.
"""

import tempfile
from collections.abc import Iterable, Sequence

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_FORMULA, TYPE_STRING
from openpyxl.styles import Font

from .bounds import printable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet (or a CSV reader) may take as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_text(cell) -> None:
    """Make a cell holding formula-like text a plain string cell, shown as written."""
    if is_formula_like(cell.value) or cell.data_type == TYPE_FORMULA:
        cell.data_type = TYPE_STRING
        cell.quotePrefix = True


def _safe_cell(sheet, value):
    if isinstance(value, str):
        value = printable(value)  # a bad character stored earlier must not fail the export
    if not is_formula_like(value):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    as_text(cell)
    return cell


def xlsx_response(
    filename: str, *, title: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> FileResponse:
    """Write rows to a write-only workbook in a temporary file and send it as a download."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=printable(str(text)))
        cell.font = bold
        as_text(cell)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_safe_cell(sheet, value) for value in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    book.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


def defuse_formulas(book: Workbook) -> None:
    """Turn every formula-like text of a (normal, not write-only) workbook into plain text.

    No workbook of this system writes a formula on purpose; data validations and conditional
    formats are not cells and are left alone.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type in (TYPE_FORMULA, TYPE_STRING) and is_formula_like(cell.value):
                    as_text(cell)


def workbook_response(book: Workbook, filename: str) -> FileResponse:
    if not getattr(book, "write_only", False):
        defuse_formulas(book)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    book.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)
