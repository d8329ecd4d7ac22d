"""The Excel annex of a document: the figures behind it with their sources, formatted to print.

Written with XlsxWriter, row by row to a temporary file (`constant_memory`): a province's
annex holds every unit, some 150,000 bordered cells, and XlsxWriter writes each as one line of
XML from a format made once per workbook, where openpyxl built two cell objects per value.
"""

import os
import tempfile
from datetime import date
from decimal import Decimal

import xlsxwriter
from django.utils.translation import gettext as _

from antq.core.bounds import printable
from antq.core.excel import FORMULA_STARTS, sheet_title

from .figures import Section

NUMBER = "#,##0.##"
DATE = "DD/MM/YYYY"
A4 = 9
# Every text stays text: no string becomes a formula, a link or a number.
OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


class _Formats:
    """The annex's cell formats, made once per workbook, each also with Excel's quote prefix
    for formula-like text (shown as typed, and kept text when someone edits the cell)."""

    def __init__(self, book):
        box = {"border": 1, "text_wrap": True, "valign": "top"}
        specs = {
            "title": {"bold": True, "font_size": 13},
            "header": {**box, "bold": True},
            "header number": {**box, "bold": True, "num_format": NUMBER},
            "column header": {**box, "bold": True, "valign": "vcenter", "align": "center"},
            "text": box,
            "number": {**box, "num_format": NUMBER},
            "date": {**box, "num_format": DATE},
        }
        self.plain = {name: book.add_format(spec) for name, spec in specs.items()}
        self.quoted = {
            name: book.add_format({**spec, "quote_prefix": True}) for name, spec in specs.items()
        }

    def row(self, sheet, n: int, values, names) -> None:
        """Write row n (0-based) by each column's kind, without XlsxWriter's guess of each
        value's type; formula-like text as a quoted string, never a formula."""
        for column, (value, name) in enumerate(zip(values, names, strict=True)):
            if value is None or value == "":
                sheet.write_blank(n, column, None, self.plain[name])
            elif isinstance(value, str):
                quoted = value.startswith(FORMULA_STARTS)
                sheet.write_string(n, column, value, (self.quoted if quoted else self.plain)[name])
            elif isinstance(value, date):
                sheet.write_datetime(n, column, value, self.plain[name])
            else:
                sheet.write_number(n, column, value, self.plain[name])


def _print_setup(sheet, widths) -> None:
    """Widths, frozen and repeated header (row 2), landscape A4 fitted to one page wide."""
    for n, width in enumerate(widths):
        sheet.set_column(n, n, width)
    sheet.freeze_panes(2, 0)
    sheet.repeat_rows(1)
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)


def annex_xlsx(title: str, sections: list[Section], tables=()) -> bytes:
    """The figures sheet, then one sheet per table of `tables` (see `tables.py`)."""
    with tempfile.TemporaryDirectory(prefix="antq-annex-") as folder:
        path = os.path.join(folder, "annex.xlsx")
        book = xlsxwriter.Workbook(path, {**OPTIONS, "tmpdir": folder})
        formats = _Formats(book)
        _figures_sheet(book, formats, title, sections)
        for table in tables:
            table_sheet(book, formats, title, table)
        book.close()
        with open(path, "rb") as written:
            return written.read()


def _figures_sheet(book, formats: _Formats, title: str, sections) -> None:
    sheet = book.add_worksheet(sheet_title(_("Figures")))
    _print_setup(sheet, [8, 30, 50, 14, 16, 50])
    formats.row(sheet, 0, [_cell(title)], ["title"])
    headers = [
        _("Code"),
        _("Section"),
        _("Figure"),
        _("Value"),
        _("Same period last year"),
        _("Source"),
    ]
    formats.row(sheet, 1, headers, ["header"] * 3 + ["header number"] * 2 + ["header"])
    names = ["text"] * 3 + ["number"] * 2 + ["text"]
    n = 2
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
            formats.row(sheet, n, values, names)
            n += 1


def table_sheet(book, formats: _Formats, title: str, table) -> None:
    """A sheet to print: title, bold frozen header repeated on each page, set widths, dates
    written as dates and numbers as numbers, thin borders, landscape A4 fitted to width."""
    sheet = book.add_worksheet(sheet_title(table.name))
    _print_setup(sheet, [c.width for c in table.columns])
    formats.row(sheet, 0, [_cell(f"{title} — {table.name}")], ["title"])
    header = ["column header"] * len(table.columns)
    formats.row(sheet, 1, [_cell(c.label) for c in table.columns], header)
    names = [c.kind if c.kind in ("date", "number") else "text" for c in table.columns]
    for n, row in enumerate(table.rows, 2):
        values = [_number(v) if isinstance(v, Decimal) else _cell(v) for v in row]
        formats.row(sheet, n, values, names)


def _cell(value):
    """A value every spreadsheet reads: a control character stored before the input checks
    becomes U+FFFD."""
    return printable(value) if isinstance(value, str) else value


def _number(value):
    if value is None:
        return None
    return float(value) if not isinstance(value, int) else value
