"""The Excel annex of a document: the figures behind it with their sources, formatted to print."""

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from antq.core.bounds import printable
from antq.core.excel import defuse_formulas

from .figures import Section

THIN = Side(style="thin")


def annex_xlsx(title: str, sections: list[Section], tables=()) -> bytes:
    """The figures sheet, then one sheet per table of `tables` (see `tables.py`)."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    headers = [
        _("Code"),
        _("Section"),
        _("Figure"),
        _("Value"),
        _("Same period last year"),
        _("Source"),
    ]
    sheet.append([_cell(title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for section in sections:
        for row in section.rows:
            sheet.append(
                [
                    _cell(row.ref),
                    _cell(section.title),
                    _cell(row.label),
                    _number(row.value),
                    _number(row.previous) if row.has_previous else None,
                    _cell(row.source),
                ]
            )
    widths = [8, 30, 50, 14, 16, 50]
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in line[3:5]:
            cell.number_format = "#,##0.##"
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for table in tables:
        table_sheet(book, title, table)
    defuse_formulas(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_sheet(book, title: str, table) -> None:
    """A sheet to print: title, bold frozen header repeated on each page, set widths, dates
    written as dates and numbers as numbers, thin borders, landscape A4 fitted to width."""
    sheet = book.create_sheet(_sheet_title(table.name))
    sheet.append([_cell(f"{title} — {table.name}")])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_cell(c.label) for c in table.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in table.rows:
        sheet.append([_number(v) if isinstance(v, Decimal) else _cell(v) for v in row])
    for n, column in enumerate(table.columns, 1):
        letter = get_column_letter(n)
        sheet.column_dimensions[letter].width = column.width
        for (cell,) in sheet.iter_rows(min_row=3, min_col=n, max_col=n):
            if column.kind == "date":
                cell.number_format = "DD/MM/YYYY"
            elif column.kind == "number":
                cell.number_format = "#,##0.##"
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
            if cell.row > 2:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


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
