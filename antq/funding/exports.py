"""The funding statement in the layout an accountant expects, and the lists' downloads."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.page import PageMargins

from antq.core.excel import date_format, workbook_response, xlsx_response

from . import selectors
from .models import Head, Source

MONEY = "#,##0"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WIDTHS = {"A": 6, "B": 13, "C": 14, "D": 40, "E": 24, "F": 18, "G": 18}
LAST = "G"


def _row(sheet, values, *, bold=False, money_from=None):
    sheet.append(list(values))
    r = sheet.max_row
    for col, cell in enumerate(sheet[r], start=1):
        cell.border = BOX
        if bold:
            cell.font = Font(bold=True)
        if money_from and col >= money_from and isinstance(cell.value, int):
            cell.number_format = MONEY
        elif date_format(cell.value):
            cell.number_format = date_format(cell.value)
    return r


def _title(sheet, text, *, size=12, bold=True):
    sheet.append([text])
    r = sheet.max_row
    sheet.merge_cells(f"A{r}:{LAST}{r}")
    sheet[f"A{r}"].font = Font(bold=bold, size=size)
    sheet[f"A{r}"].alignment = Alignment(horizontal="center", wrap_text=True)


def statement_workbook(*, actor, unit, year: int, subtree: bool = True) -> Workbook:
    figures = selectors.statement(actor=actor, unit=unit, year=year, subtree=subtree)
    entries = selectors.statement_entries(actor=actor, unit=unit, year=year, subtree=subtree)
    lines = selectors.line_list(actor=actor, unit=unit, year=year)
    if not subtree:
        lines = lines.filter(unit=unit)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Statement")[:31]
    sheet.append([unit.name])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    _title(sheet, _("STATEMENT OF FUNDING FOR THE MOVEMENT TO PROTECT NATIONAL SECURITY"), size=14)
    _title(sheet, _("Year %(year)s") % {"year": year}, bold=False)
    _title(sheet, _("Under Circular 40/2023/TT-BTC"), bold=False)
    scope = _("the unit and the units below it") if subtree else _("the unit alone")
    _title(sheet, _("Unit: %(unit)s (%(scope)s)") % {"unit": unit.name, "scope": scope}, bold=False)
    sheet.append([_("Unit: VND")])
    sheet.merge_cells(f"A{sheet.max_row}:{LAST}{sheet.max_row}")
    sheet[f"A{sheet.max_row}"].alignment = Alignment(horizontal="right")

    # I. By source
    sheet.append([_("I. Estimate, allocation and spending by source")])
    sheet[f"A{sheet.max_row}"].font = Font(bold=True)
    header = _row(
        sheet,
        [_("No."), _("Source"), "", "", _("Estimate"), _("Allocated"), _("Spent")],
        bold=True,
    )
    sheet.merge_cells(f"B{header}:D{header}")
    by_source = {}
    for line in lines:
        est, alloc = by_source.get(line.source, (0, 0))
        by_source[line.source] = (est + line.estimate, alloc + line.allocated)
    for n, (value, label) in enumerate(Source.choices, start=1):
        est, alloc = by_source.get(value, (0, 0))
        r = _row(
            sheet,
            [n, str(label), "", "", est, alloc, figures["by_source"].get(value, 0)],
            money_from=5,
        )
        sheet.merge_cells(f"B{r}:D{r}")
    r = _row(
        sheet,
        ["", _("Total"), "", "", figures["estimate"], figures["allocated"], figures["spent"]],
        bold=True,
        money_from=5,
    )
    sheet.merge_cells(f"B{r}:D{r}")
    r = _row(
        sheet,
        ["", _("Balance (allocated − spent)"), "", "", "", "", figures["balance"]],
        bold=True,
        money_from=5,
    )
    sheet.merge_cells(f"B{r}:F{r}")
    sheet.append([])

    # II. By head
    sheet.append([_("II. Spending by head")])
    sheet[f"A{sheet.max_row}"].font = Font(bold=True)
    r = _row(sheet, [_("No."), _("Head"), "", "", "", "", _("Spent")], bold=True)
    sheet.merge_cells(f"B{r}:F{r}")
    for n, (value, label) in enumerate(Head.choices, start=1):
        r = _row(
            sheet, [n, str(label), "", "", "", "", figures["by_head"].get(value, 0)], money_from=7
        )
        sheet.merge_cells(f"B{r}:F{r}")
    r = _row(sheet, ["", _("Total"), "", "", "", "", figures["spent"]], bold=True, money_from=7)
    sheet.merge_cells(f"B{r}:F{r}")
    sheet.append([])

    # III. Entries
    sheet.append([_("III. Spending entries")])
    sheet[f"A{sheet.max_row}"].font = Font(bold=True)
    header = _row(
        sheet,
        [
            _("No."),
            _("Date"),
            _("Voucher number"),
            _("Payee or purpose"),
            _("Unit"),
            _("Head"),
            _("Amount (VND)"),
        ],
        bold=True,
    )
    heads, sources = dict(Head.choices), dict(Source.choices)
    total = 0
    for n, e in enumerate(entries.order_by("date", "pk").iterator(chunk_size=2000), start=1):
        total += e.amount
        _row(
            sheet,
            [
                n,
                e.date,
                e.voucher,
                f"{e.payee} ({sources.get(e.line.source, '')})",
                e.line.unit.name,
                str(heads.get(e.head, e.head)),
                e.amount,
            ],
            money_from=7,
        )
    r = _row(sheet, ["", _("Total"), "", "", "", "", total], bold=True, money_from=7)
    sheet.merge_cells(f"B{r}:F{r}")

    # Signatories
    sheet.append([])
    sheet.append(["", "", "", "", _("..., day ... month ... year ...")])
    sheet.merge_cells(f"E{sheet.max_row}:G{sheet.max_row}")
    sheet[f"E{sheet.max_row}"].alignment = Alignment(horizontal="center")
    sheet.append([_("Prepared by"), "", "", _("Chief accountant"), _("Head of the unit")])
    sign = sheet.max_row
    sheet.append(
        [_("(Sign, full name)"), "", "", _("(Sign, full name)"), _("(Sign, full name, seal)")]
    )
    for r in (sign, sign + 1):
        sheet.merge_cells(f"A{r}:C{r}")
        sheet.merge_cells(f"E{r}:G{r}")
        for col in "ADE":
            sheet[f"{col}{r}"].alignment = Alignment(horizontal="center")
            sheet[f"{col}{r}"].font = Font(bold=r == sign, italic=r != sign)

    for col, width in WIDTHS.items():
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "A9"
    sheet.print_title_rows = "1:8"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.print_options.horizontalCentered = True
    return book


def statement_response(*, actor, unit, year: int, subtree: bool = True):
    book = statement_workbook(actor=actor, unit=unit, year=year, subtree=subtree)
    return workbook_response(book, f"quyet-toan-kinh-phi-{unit.code}-{year}.xlsx")


def entries_response(rows):
    heads, sources = dict(Head.choices), dict(Source.choices)
    return xlsx_response(
        "chi-kinh-phi.xlsx",
        title=_("Spending entries"),
        headers=[
            _("Date"),
            _("Unit"),
            _("Source"),
            _("Head"),
            _("Payee or purpose"),
            _("Voucher number"),
            _("Amount (VND)"),
        ],
        rows=(
            (
                e.date,
                e.line.unit.name,
                str(sources.get(e.line.source, "")),
                str(heads.get(e.head, "")),
                e.payee,
                e.voucher,
                e.amount,
            )
            for e in rows.iterator(chunk_size=2000)
        ),
    )
