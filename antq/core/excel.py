"""Excel output shared by every list: one streaming writer, Vietnamese headers.

Every text is written as text, and a character no cell may hold (a NUL stored before the
input checks) is written as U+FFFD rather than failing the whole file.

Every text is written as text, never as a formula: a unit named `=HYPERLINK("http://x","y")`
or `=cmd|' /C calc'!A0` must come back as those characters, not as a live link or command.
openpyxl turns any string starting with "=" into a formula, so each text that starts with one
of FORMULA_STARTS is written as a string cell with Excel's "quote prefix" (the cell shows the
text unchanged, and Excel keeps it text when someone edits it); the value itself is untouched.

Every sheet reads as an official would expect (`xlsx_response` for the lists, `format_sheet`
for a workbook built by hand): the header row bold and frozen, column widths fitted to their
content within a cap, dates as real dates shown dd/mm/yyyy, numbers as numbers. Callers pass
`date`, `datetime`, `int`, `Decimal` and `float` values as they are, never formatted text.
"""

import datetime
import itertools
import tempfile
from collections.abc import Iterable, Sequence

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_FORMULA, TYPE_STRING
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .bounds import printable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet (or a CSV reader) may take as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
# Column widths in characters: never narrower than a short header, never wider than a screen
# (a longer text wraps when opened); a header longer than HEADER_WIDTH wraps over two lines.
WIDTH_MIN = 8
WIDTH_MAX = 60
HEADER_WIDTH = 24
# How many rows of a streamed list are measured for the widths (the rest are written as read).
SAMPLE_ROWS = 1000
WRAP = Alignment(wrap_text=True, vertical="top")


def sheet_title(name: str) -> str:
    """A sheet title Excel accepts: at most 31 characters (a longer name cut at a word),
    no control character nor any of \\ / ? * [ ] :."""
    cleaned = printable(name).translate({ord(c): " " for c in "\\/?*[]:"}).strip()
    if len(cleaned) > 31:
        cut = cleaned[:32].rsplit(" ", 1)[0] if " " in cleaned[:32] else cleaned[:31]
        cleaned = cut[:31].strip()
    return cleaned or "Sheet"


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_text(cell) -> None:
    """Make a cell holding formula-like text a plain string cell, shown as written."""
    if is_formula_like(cell.value) or cell.data_type == TYPE_FORMULA:
        cell.data_type = TYPE_STRING
        cell.quotePrefix = True


def _local(value):
    """A datetime as the wall-clock time of the site (Excel holds no time zone)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def date_format(value) -> str | None:
    """The number format a date or datetime value is shown with, None for any other."""
    if isinstance(value, datetime.datetime):
        return DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return DATE_FORMAT
    return None


def text_width(value) -> int:
    """How many characters a value takes on screen once written (its longest line)."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return len("00/00/0000 00:00")
    if isinstance(value, datetime.date):
        return len("00/00/0000")
    if isinstance(value, float):
        value = f"{value:,.2f}".rstrip("0").rstrip(".")
    elif isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:,}"
    return max((len(line) for line in str(value).splitlines()), default=0)


def fitted_width(longest: int) -> float:
    """The column width for a content of `longest` characters, within the cap."""
    return float(min(WIDTH_MAX, max(WIDTH_MIN, longest + 2)))


def _safe_cell(sheet, value):
    if isinstance(value, str):
        value = printable(value)  # a bad character stored earlier must not fail the export
    value = _local(value)
    number_format = date_format(value)
    long = isinstance(value, str) and text_width(value) > WIDTH_MAX
    if number_format is None and not long and not is_formula_like(value):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    if long:  # wider than the column's cap: wrapped, so it is read whole
        cell.alignment = WRAP
    as_text(cell)
    return cell


def xlsx_response(
    filename: str, *, title: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> FileResponse:
    """Write rows to a write-only workbook in a temporary file and send it as a download.

    The header row is bold, wraps and stays frozen; each column is as wide as its longest
    value among the first SAMPLE_ROWS rows (within WIDTH_MAX).
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title(title))
    rows = iter(rows)
    sample = [list(row) for row in itertools.islice(rows, SAMPLE_ROWS)]
    headers = [printable(str(text)) for text in headers]
    longest = [min(HEADER_WIDTH, text_width(text)) for text in headers]
    for row in sample:
        for i, value in enumerate(row):
            if i >= len(longest):
                longest.append(0)
            longest[i] = max(longest[i], text_width(_local(value)))
    for i, width in enumerate(longest, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = fitted_width(width)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cell.alignment = WRAP
        as_text(cell)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in itertools.chain(sample, rows):
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


def format_sheet(sheet, *, header_row: int = 1, widths: bool = True) -> None:
    """Give a sheet built by hand the lists' look: bold frozen header, fitted widths, dates.

    Rows above `header_row` (a title, the unit, the period) are left as they are and do not
    count for the widths; every date or datetime cell below gets the dd/mm/yyyy format.
    """
    longest: dict[int, int] = {}
    bold = Font(bold=True)
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            value = cell.value
            if cell.row == header_row:
                cell.font = bold
                cell.alignment = WRAP
                width = min(HEADER_WIDTH, text_width(value))
            else:
                if isinstance(value, datetime.datetime) and timezone.is_aware(value):
                    cell.value = value = _local(value)
                number_format = date_format(value)
                if number_format:
                    cell.number_format = number_format
                width = text_width(value)
            longest[cell.column] = max(longest.get(cell.column, 0), width)
    if widths:
        for column, width in longest.items():
            sheet.column_dimensions[get_column_letter(column)].width = fitted_width(width)
    sheet.freeze_panes = f"A{header_row + 1}"


def workbook_response(book: Workbook, filename: str) -> FileResponse:
    if not getattr(book, "write_only", False):
        defuse_formulas(book)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    book.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)
