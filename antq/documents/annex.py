"""The Excel annex of a document: the figures behind it with their sources, formatted to print."""

import io
from copy import copy
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from antq.core.bounds import printable
from antq.core.excel import as_text, is_formula_like

from .figures import Section

THIN = Side(style="thin")
NUMBER = "#,##0.##"
DATE = "DD/MM/YYYY"


def _add_styles(book: Workbook) -> dict:
    """Register the annex's named cell styles once per workbook; return their style arrays.

    Setting a cell's font, border and alignment one by one makes openpyxl hash and compare
    each style object against the workbook's for every cell (most of the annex's time on a
    province's thousands of cells), and even `cell.style = name` searches the names per
    cell: `_styled` copies the named style's array, which is what that assignment does.
    """
    arrays = {}
    box = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    top = Alignment(wrap_text=True, vertical="top")
    for name, font, border, alignment, number_format in (
        ("ANTQ title", Font(bold=True, size=13), Border(), Alignment(), "General"),
        ("ANTQ header", Font(bold=True), box, top, "General"),
        ("ANTQ header number", Font(bold=True), box, top, NUMBER),
        (
            "ANTQ column header",
            Font(bold=True),
            box,
            Alignment(wrap_text=True, vertical="center", horizontal="center"),
            "General",
        ),
        ("ANTQ text", DEFAULT_FONT, box, top, "General"),
        ("ANTQ number", DEFAULT_FONT, box, top, NUMBER),
        ("ANTQ date", DEFAULT_FONT, box, top, DATE),
    ):
        style = NamedStyle(
            name=name, font=font, border=border, alignment=alignment, number_format=number_format
        )
        book.add_named_style(style)
        arrays[name] = style.as_tuple()
    return arrays


def _row(sheet, values, names, styles: dict) -> list:
    """Write-only cells for one row, each with its named style; formula-like text stays text.

    The style array is copied as `cell.style = name` does, without searching the names per
    cell (`defuse_formulas`' rule applied as the cell is made: no second pass over the book).
    """
    cells = []
    for value, name in zip(values, names, strict=True):
        cell = WriteOnlyCell(sheet, value=value)
        cell._style = copy(styles[name])
        if is_formula_like(value):
            as_text(cell)
        cells.append(cell)
    return cells


def _print_setup(sheet, widths) -> None:
    """Widths, frozen and repeated header, landscape A4 fitted to width: set before the rows,
    as a write-only sheet writes them first."""
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def annex_xlsx(title: str, sections: list[Section], tables=()) -> bytes:
    """The figures sheet, then one sheet per table of `tables` (see `tables.py`).

    Written row by row (openpyxl's write-only mode): a province's annex holds every unit,
    about 150,000 cells, which a normal workbook keeps as objects and walks again to save.
    """
    book = Workbook(write_only=True)
    styles = _add_styles(book)
    sheet = book.create_sheet(_("Figures")[:31])
    headers = [
        _("Code"),
        _("Section"),
        _("Figure"),
        _("Value"),
        _("Same period last year"),
        _("Source"),
    ]
    _print_setup(sheet, [8, 30, 50, 14, 16, 50])
    sheet.append(_row(sheet, [_cell(title)], ["ANTQ title"], styles))
    names = ["ANTQ header"] * 3 + ["ANTQ header number"] * 2 + ["ANTQ header"]
    sheet.append(_row(sheet, headers, names, styles))
    names = ["ANTQ text"] * 3 + ["ANTQ number"] * 2 + ["ANTQ text"]
    for section in sections:
        for row in section.rows:
            values = [
                _cell(row.ref),
                _cell(section.title),
                _cell(row.label),
                _number(row.value),
                _number(row.previous) if row.has_previous else None,
                _cell(row.source),
            ]
            sheet.append(_row(sheet, values, names, styles))
    for table in tables:
        table_sheet(book, title, table, styles)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_sheet(book, title: str, table, styles: dict) -> None:
    """A sheet to print: title, bold frozen header repeated on each page, set widths, dates
    written as dates and numbers as numbers, thin borders, landscape A4 fitted to width."""
    sheet = book.create_sheet(_sheet_title(table.name))
    _print_setup(sheet, [c.width for c in table.columns])
    sheet.append(_row(sheet, [_cell(f"{title} — {table.name}")], ["ANTQ title"], styles))
    header = ["ANTQ column header"] * len(table.columns)
    sheet.append(_row(sheet, [_cell(c.label) for c in table.columns], header, styles))
    names = [
        {"date": "ANTQ date", "number": "ANTQ number"}.get(c.kind, "ANTQ text")
        for c in table.columns
    ]
    for row in table.rows:
        values = [_number(v) if isinstance(v, Decimal) else _cell(v) for v in row]
        sheet.append(_row(sheet, values, names, styles))


def _cell(value):
    """A value a normal workbook accepts: a control character stored before the input checks
    (openpyxl refuses one) becomes U+FFFD; `defuse_formulas` then keeps formula-like text text."""
    return printable(value) if isinstance(value, str) else value


def _sheet_title(name: str) -> str:
    """A sheet title Excel accepts: no control character nor any of \\ / ? * [ ] :."""
    cleaned = printable(name).translate({ord(c): " " for c in "\\/?*[]:"})
    return cleaned[:31].strip() or "Sheet"


def _number(value):
    if value is None:
        return None
    return float(value) if not isinstance(value, int) else value
