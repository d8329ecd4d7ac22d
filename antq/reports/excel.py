"""Excel templates filled offline, their upload, and the export of a rollup.

Layout of a template (Vietnamese headers, whatever the interface language):
    A1 "Biểu mẫu"  B1 form code          A2 "Kỳ báo cáo"  B2 period key
    A3 "Mã đơn vị"  C3.. one unit code per column
    A4 "Tên đơn vị" C4.. the unit names
    A5 "Mã chỉ tiêu" B5 "Chỉ tiêu"
    A6.. indicator codes, B6.. names (unit of measure), C6.. the values to fill
"""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from antq.core import jobs, uploads
from antq.core.bounds import printable
from antq.core.errors import DomainError
from antq.core.excel import format_sheet, sheet_title
from antq.core.models import ImportJob
from antq.units.models import Unit
from antq.units.permissions import in_scope

from . import selectors, services
from .models import ReportForm
from .services import ReportInvalid


class SheetRejected(DomainError):
    """The sheet has errors; nothing was saved. `errors` lists them, each naming its cell."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(_("Nothing was saved: the sheet has %(n)s error(s).") % {"n": len(errors)})


FIRST_ROW = 6
FIRST_COLUMN = 3
MAX_BYTES = 5 * 1024 * 1024
INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")


def template_workbook(*, form: ReportForm, period_key: str, units: list[Unit]) -> Workbook:
    """Return a workbook to fill for these units, with what they already stored."""
    period = services.form_period(form, period_key)
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(form.name)  # the code stays in B1, where the upload reads it
    bold = Font(bold=True)
    sheet["A1"], sheet["B1"] = "Biểu mẫu", form.code
    sheet["A2"], sheet["B2"] = "Kỳ báo cáo", period.key
    sheet["C1"] = printable(form.name)
    sheet["A3"], sheet["A4"] = "Mã đơn vị", "Tên đơn vị"
    sheet["A5"], sheet["B5"] = "Mã chỉ tiêu", "Chỉ tiêu"
    for cell in ("A1", "A2", "A3", "A4", "A5", "B5"):
        sheet[cell].font = bold
    indicators = form.ordered_indicators()
    for row, indicator in enumerate(indicators, start=FIRST_ROW):
        sheet.cell(row=row, column=1, value=indicator.code)
        label = indicator.name
        if indicator.unit_of_measure:
            label = f"{label} ({indicator.unit_of_measure})"
        sheet.cell(row=row, column=2, value=printable(label))
    for column, unit in enumerate(units, start=FIRST_COLUMN):
        sheet.cell(row=3, column=column, value=unit.code).font = bold
        sheet.cell(row=4, column=column, value=printable(unit.name))
        stored = selectors.report_values(
            report=selectors.report_find(form=form, unit=unit, period_key=period.key)
        )
        for row, indicator in enumerate(indicators, start=FIRST_ROW):
            cell = sheet.cell(row=row, column=column)
            value = stored.get(indicator.code)
            if value is not None:
                cell.value = (
                    float(value.number) if value.number is not None else _cell(value.text) or None
                )
                if indicator.value_type == "boolean" and value.number is not None:
                    cell.value = "có" if value.number else "không"
            cell.fill = INPUT_FILL
        sheet.column_dimensions[get_column_letter(column)].width = 18
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 60
    # the units' codes and names and the indicators' names stay in view while filling
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=FIRST_COLUMN).coordinate
    return book


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cell_error(cell: str, message: str) -> str:
    return _("Cell %(cell)s: %(message)s") % {"cell": cell, "message": message}


def _limits() -> tuple[int, int]:
    """The last row and column a filled template may use (settings, provisional defaults)."""
    rows = FIRST_ROW - 1 + int(getattr(settings, "ANTQ_REPORT_SHEET_MAX_INDICATORS", 500))
    columns = FIRST_COLUMN - 1 + int(getattr(settings, "ANTQ_REPORT_SHEET_MAX_UNITS", 1_000))
    return rows, columns


def _read_cells(data: bytes) -> dict[tuple[int, int], object]:
    """The non-empty cells of the first sheet, {(row, column): value}, read within bounds."""
    max_rows, max_columns = _limits()
    cells = {}
    for row, values in uploads.workbook_rows(data, max_rows=max_rows, max_columns=max_columns):
        for column, value in enumerate(values, start=1):
            if value is not None and value != "":
                cells[row, column] = value
    return cells


def sheet_cells(data: bytes, filename: str) -> dict[tuple[int, int], object]:
    """The filled template's cells, the file checked before it is parsed and read within
    the template's bounds (`antq.core.uploads.workbook_rows`)."""
    if len(data) > MAX_BYTES:
        raise DomainError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 2**20})
    if not filename.lower().endswith(".xlsx"):
        raise DomainError(_("Upload the .xlsx template downloaded from this page."))
    return _read_cells(data)


def unit_count(cells: dict[tuple[int, int], object]) -> int:
    """How many unit columns the sheet fills (row 3 from column C)."""
    return sum(1 for row, column in cells if row == 3 and column >= FIRST_COLUMN)


def upload(
    *,
    actor,
    submit: bool,
    data: bytes = b"",
    filename: str = "",
    cells: dict | None = None,
    job: ImportJob | None = None,
) -> list:
    """Save (and submit if asked) every unit column of a filled template; all or nothing.

    Refusals name the cell: "Cell C7: Cannot be negative." The sheet is the file `data`, or
    its `cells` already read by `sheet_cells`. With a `job` (a large sheet on the worker),
    the unit columns read are recorded on it.
    """
    if cells is None:
        cells = sheet_cells(data, filename)
    form = ReportForm.objects.filter(code=_text(cells.get((1, 2)))).first()
    if form is None:
        raise DomainError(_cell_error("B1", _("This is not the code of a report form.")))
    period_key = _text(cells.get((2, 2)))
    try:
        services.form_period(form, period_key)
    except DomainError as error:
        raise DomainError(_cell_error("B2", error.message)) from error
    last_row = max((r for r, _c in cells), default=0)
    last_column = max((c for _r, c in cells), default=0)
    rows = {}
    for row in range(FIRST_ROW, last_row + 1):
        code = _text(cells.get((row, 1)))
        if code:
            rows[code] = row
    errors: list[str] = []
    columns = []
    for column in range(FIRST_COLUMN, last_column + 1):
        code = _text(cells.get((3, column)))
        if not code:
            continue
        letter = get_column_letter(column)
        unit = Unit.objects.filter(code=code).first()
        if unit is None or not in_scope(actor, unit.path):
            errors.append(
                _cell_error(f"{letter}3", _("No unit with code %(code)s.") % {"code": code})
            )
            continue
        values = {ic: cells.get((r, column)) for ic, r in rows.items()}
        columns.append((letter, unit, values))
    if not columns and not errors:
        raise DomainError(_cell_error("C3", _("No unit code in row 3.")))
    if job:
        jobs.job_progress(job.pk, "rows_read", len(columns))
    saved = []
    with transaction.atomic():
        for letter, unit, values in columns:
            try:
                with transaction.atomic():
                    saved.append(
                        services.report_save(
                            actor=actor,
                            form=form,
                            unit=unit,
                            period_key=period_key,
                            values=values,
                            submit=submit,
                        )
                    )
            except ReportInvalid as error:
                for indicator_code, message in error.errors.items():
                    row = rows.get(indicator_code)
                    where = f"{letter}{row}" if row else f"{letter}3"
                    errors.append(_cell_error(where, message))
            except DomainError as error:
                errors.append(_cell_error(f"{letter}3", error.message))
        if errors:
            raise SheetRejected(errors)
    return saved


# A sheet of this many unit columns or more is saved on the worker (setting
# ANTQ_REPORT_UPLOAD_BACKGROUND_UNITS, provisional: a few seconds of saving in the request).
BACKGROUND_UNITS = 100
JOB_KIND = "reports"


def background_units() -> int:
    return int(getattr(settings, "ANTQ_REPORT_UPLOAD_BACKGROUND_UNITS", BACKGROUND_UNITS))


def upload_queue(*, actor, data: bytes, filename: str, units: int, submit: bool) -> ImportJob:
    """Keep the file and save its reports on the worker once this request's writes commit."""
    job = jobs.job_create(
        actor=actor,
        kind=JOB_KIND,
        data=data,
        filename=filename,
        rows=units,
        options={"submit": submit},
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import upload_reports

    upload_reports(job_id)


def upload_job(job_id: int) -> None:
    """The worker's part: save the job's sheet, record the outcome on the job."""

    def run(actor, data, filename, job):
        submit = bool(job.options.get("submit"))
        return len(upload(actor=actor, data=data, filename=filename, submit=submit, job=job))

    jobs.job_run(job_id, run, _("%(n)s report(s) saved."))


def rollup_workbook(*, form, unit, first, last, totals, figures, children) -> Workbook:
    """Return the rollup of `unit` as a workbook: totals, then completeness by child."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Totals")[:31]
    period = first.label if first == last else f"{first.label} – {last.label}"
    sheet.append([_cell(form.name)])
    name, code = (_cell(unit.name), unit.code) if unit else (_("Whole country"), "")
    sheet.append([name, code, period])
    sheet.append([])
    sheet.append([_("Indicator"), _("Unit of measure"), _("Aggregation"), _("Total")])
    for row in totals:
        indicator = row["indicator"]
        value = row["value"]
        sheet.append(
            [
                _cell(indicator.name),
                _cell(indicator.unit_of_measure),
                indicator.get_aggregation_display(),
                float(value) if value is not None else None,
            ]
        )
    done = book.create_sheet(_("Completeness")[:31])
    headers = [_("Unit"), _("Code"), _("Expected"), _("Received"), _("On time")]
    done.append([*headers, _("Late"), _("Missing")])
    done.append([name, code, *_figures(figures)])
    for child in children:
        placement = child["placement"]
        done.append([_cell(placement.name), placement.unit.code, *_figures(child["figures"])])
    format_sheet(sheet, header_row=4)
    sheet["A1"].font = Font(bold=True)
    format_sheet(done)
    return book


def _cell(text: str) -> str:
    """Text a normal workbook accepts: a control character stored earlier must not fail it
    (openpyxl refuses one); `workbook_response` then writes formula-like text as text."""
    return printable(text) if isinstance(text, str) else text


def _figures(figures) -> list[int]:
    return [figures.expected, figures.received, figures.on_time, figures.late, figures.missing]
