"""Import units from an Excel or CSV sheet: validate every row first, then all or nothing."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from antq.core import jobs, uploads
from antq.core.bounds import record_errors
from antq.core.errors import DomainError
from antq.core.models import ImportJob
from antq.core.text import fold

from . import permissions
from .bulk import UnitRow, units_bulk_insert
from .choices import ManagingLevel, UnitKind
from .models import Unit
from .selectors import today
from .validation import unit_errors

# Column headers of the template, in order: (field, header). Headers are Vietnamese on
# purpose: the sheet is filled by officials and must read the same whatever the UI language.
COLUMNS = [
    ("code", "Mã"),
    ("name", "Tên"),
    ("kind", "Loại"),
    ("parent_code", "Mã đơn vị cấp trên"),
    ("managing_level", "Cấp quản lý"),
    ("address", "Địa chỉ"),
    ("out_of_scope_reason", "Lý do không thuộc diện xét công nhận"),
    ("valid_from", "Hiệu lực từ ngày"),
]
HEADER_OF = dict(COLUMNS)
REQUIRED = ("code", "name", "kind")
MAX_REPORTED_ERRORS = 200
# Provisional bounds of a sheet (settings ANTQ_IMPORT_MAX_ROWS / _COLUMNS): twice the largest
# import measured (100,000 units, docs/performance.md); the template has 8 columns.
MAX_ROWS = 200_000
MAX_COLUMNS = 26
CHUNK = 900  # below SQLite's limit on query parameters
PROGRESS_EVERY = 1_000  # rows between two progress reports of a background import


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(line)s, column “%(column)s”: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class ImportRejected(DomainError):
    """The sheet has errors; nothing was imported."""

    def __init__(self, errors: list[RowError], total: int | None = None):
        self.errors = errors[:MAX_REPORTED_ERRORS]
        self.total = total if total is not None else len(errors)
        super().__init__(
            _("Nothing was imported: the file has %(n)s error(s).") % {"n": self.total}
        )


def _label_map(choices) -> dict[str, str]:
    """Accept a value's code or its Vietnamese label, ignoring case and diacritics."""
    mapping = {}
    for value, label in choices.choices:
        mapping[fold(value)] = value
        mapping[fold(str(label))] = value
    return mapping


# Vietnamese labels as officials write them, independent of the interface language.
KIND_WORDS = {
    "tinh": "province",
    "thanh pho truc thuoc trung uong": "province",
    "huyen": "district",
    "xa": "commune",
    "phuong": "commune",
    "dac khu": "commune",
    "thi tran": "commune",
    "khu dan cu": "residential_area",
    "thon": "residential_area",
    "to dan pho": "residential_area",
    "co quan": "agency",
    "doanh nghiep": "enterprise",
    "truong hoc": "school",
    "co so giao duc": "school",
    "nha truong": "school",
    "so ban nganh": "department",
    "doan the": "mass_organisation",
}
LEVEL_WORDS = {"trung uong": "central", "tinh": "province", "xa": "commune"}


def _normalise_choice(raw: str, mapping: dict[str, str]) -> str:
    return mapping.get(fold(raw)) or raw


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _parse_date(text: str) -> date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def read_sheet(data: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """Return (line, {field: text}) for each non-empty row of a unit sheet."""
    return read_rows(data, filename, COLUMNS, REQUIRED)


def read_rows(
    data: bytes,
    filename: str,
    columns: list[tuple[str, str]],
    required: tuple[str, ...],
    *,
    max_rows: int | None = None,
    max_columns: int | None = None,
    progress=None,
) -> list[tuple[int, dict[str, str]]]:
    """Return (line, {field: text}) for each non-empty row of an .xlsx or .csv file.

    The file is checked before it is parsed and read within bounds (`antq.core.uploads`):
    at most `max_rows` data rows below the header (default: the ANTQ_IMPORT_MAX_ROWS
    setting) and `max_columns` columns (default ANTQ_IMPORT_MAX_COLUMNS); past them, refused.
    `progress(rows_read)` is called every PROGRESS_EVERY rows when given.
    """
    if len(data) > settings.ANTQ_IMPORT_MAX_BYTES:
        raise DomainError(
            _("The file is larger than %(mb)s MB.")
            % {"mb": settings.ANTQ_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if max_rows is None:
        max_rows = int(getattr(settings, "ANTQ_IMPORT_MAX_ROWS", MAX_ROWS))
    if max_columns is None:
        max_columns = int(getattr(settings, "ANTQ_IMPORT_MAX_COLUMNS", MAX_COLUMNS))
    bounds = {"max_rows": max_rows + 1, "max_columns": max_columns}  # + the header row
    name = filename.lower()
    if name.endswith(".csv"):
        found = uploads.csv_rows(data, **bounds)
    elif name.endswith(".xlsx"):
        found = uploads.workbook_rows(data, **bounds)
    else:
        raise DomainError(_("Upload an .xlsx or .csv file."))
    first = next(found, None)
    if first is None:
        raise DomainError(_("The file is empty."))
    line, raw_header = first
    header = [fold(_cell_text(h)) for h in raw_header] if line == 1 else []
    positions: dict[str, int] = {}
    for field_name, title in columns:
        if fold(title) in header:
            positions[field_name] = header.index(fold(title))
    missing = [dict(columns)[f] for f in required if f not in positions]
    if missing:
        found.close()
        raise DomainError(
            _("The first row must hold the template's headers; missing: %(cols)s.")
            % {"cols": ", ".join(missing)}
        )
    rows = []
    for line, raw in found:
        values = {f: _cell_text(raw[i]) if i < len(raw) else "" for f, i in positions.items()}
        if any(values.values()):
            rows.append((line, values))
            if progress is not None and len(rows) % PROGRESS_EVERY == 0:
                progress(len(rows))
    if progress is not None:
        progress(len(rows))
    if not rows:
        raise DomainError(_("The file has no data rows."))
    return rows


def _existing(codes: list[str]) -> dict[str, Unit]:
    found: dict[str, Unit] = {}
    for start in range(0, len(codes), CHUNK):
        chunk = codes[start : start + CHUNK]
        found.update((u.code, u) for u in Unit.objects.filter(code__in=chunk))
    return found


def validate_rows(
    rows: list[tuple[int, dict[str, str]]], *, actor, progress=None
) -> tuple[list[UnitRow], dict]:
    """Check every row; return the rows to insert and the existing parents, or raise.

    `progress(rows_checked)` is called every PROGRESS_EVERY rows when given.
    """
    errors: list[RowError] = []

    def fail(line: int, field_name: str, message: str) -> None:
        errors.append(RowError(line, HEADER_OF[field_name], message))

    parsed: list[UnitRow] = []
    first_line: dict[str, int] = {}
    # Built once per import: folding every label again for each row cost seconds per 100,000.
    kinds = {**_label_map(UnitKind), **KIND_WORDS}
    levels = {**_label_map(ManagingLevel), **LEVEL_WORDS}
    for checked, (line, values) in enumerate(rows, start=1):
        if progress is not None and checked % PROGRESS_EVERY == 0:
            progress(checked)
        for field_name in REQUIRED:
            if not values.get(field_name):
                fail(line, field_name, _("This cell is required."))
        code = values.get("code", "")
        if code in first_line:
            fail(
                line,
                "code",
                _("The code %(code)s is repeated (first on row %(first)s).")
                % {"code": code, "first": first_line[code]},
            )
        elif code:
            first_line[code] = line
        valid_from = None
        if values.get("valid_from"):
            valid_from = _parse_date(values["valid_from"])
            if valid_from is None:
                fail(line, "valid_from", _("Write the date as dd/mm/yyyy."))
        # The same bounds as every other path: lengths, text, the years the system knows.
        probe = _Probe(valid_from=valid_from, **{f: values.get(f, "") for f in _BOUNDED})
        for key, message in record_errors(probe).items():
            fail(line, key, message)
        parsed.append(
            UnitRow(
                code=code,
                name=" ".join(values.get("name", "").split()),
                kind=_normalise_choice(values.get("kind", ""), kinds),
                parent_code=values.get("parent_code") or None,
                managing_level=_normalise_choice(values.get("managing_level", ""), levels),
                address=values.get("address", ""),
                out_of_scope_reason=values.get("out_of_scope_reason", ""),
                valid_from=valid_from,
                line=line,
            )
        )
    in_file = {row.code: row for row in parsed if row.code}
    lookup = sorted(
        {r.code for r in parsed if r.code} | {r.parent_code for r in parsed if r.parent_code}
    )
    existing = _existing(lookup)
    field_of = {
        "code": "code",
        "name": "name",
        "kind": "kind",
        "parent": "parent_code",
        "managing_level": "managing_level",
    }
    for row in parsed:
        if row.code in existing:
            fail(row.line, "code", _("The code %(code)s already exists.") % {"code": row.code})
        _check_parent_existed(row, existing, in_file, fail)
        parent_kind = None
        parent_path = None
        if row.parent_code:
            parent = existing.get(row.parent_code)
            if parent is not None and permissions.in_scope(actor, parent.path):
                parent_kind, parent_path = parent.kind, parent.path
            elif row.parent_code in in_file and row.parent_code != row.code:
                parent_kind = in_file[row.parent_code].kind
                parent_path = ""  # decided by the parent's own row
            else:
                fail(
                    row.line,
                    "parent_code",
                    _("No unit with code %(code)s.") % {"code": row.parent_code},
                )
                continue
        for key, message in unit_errors(
            code=row.code,
            name=row.name,
            kind=row.kind,
            parent_kind=parent_kind,
            managing_level=row.managing_level,
        ).items():
            if key in field_of and (key != "code" or row.code):
                fail(row.line, field_of[key], message)
        if parent_path and not permissions.can_create_unit(
            actor, parent_path=parent_path, kind=row.kind
        ):
            fail(row.line, "kind", _("You may not create this kind of unit here."))
        elif row.parent_code is None and not permissions.can_create_unit(
            actor, parent_path=None, kind=row.kind
        ):
            fail(row.line, "parent_code", _("This cell is required."))
    _check_cycles(parsed, existing, fail)
    if progress is not None:
        progress(len(rows))
    if errors:
        errors.sort(key=lambda e: e.line)
        raise ImportRejected(errors)
    return parsed, existing


_BOUNDED = ("code", "name", "address", "out_of_scope_reason")


class _Probe:
    """The values of a row's Unit as `record_errors` reads them (its `_meta`, its attributes).

    A model instance per row cost more than the checks; the fields left unset here hold
    defaults the checks pass (empty, or the depth 1).
    """

    _meta = Unit._meta

    def __init__(self, **values):
        self.__dict__.update(values)


def _check_parent_existed(row: UnitRow, existing: dict[str, Unit], in_file, fail) -> None:
    """Refuse a start date before the parent existed, as creating one unit does."""
    if row.valid_from is None or not row.parent_code:
        return
    parent = existing.get(row.parent_code)
    if parent is not None:
        started = parent.valid_from <= row.valid_from and (
            parent.valid_to is None or row.valid_from <= parent.valid_to
        )
    elif row.parent_code in in_file:
        parent_row = in_file[row.parent_code]
        started = parent_row.valid_from is None or parent_row.valid_from <= row.valid_from
    else:
        return
    if not started:
        fail(
            row.line,
            "valid_from",
            _("The parent unit did not exist on %(day)s.")
            % {"day": row.valid_from.strftime("%d/%m/%Y")},
        )


def _check_cycles(parsed: list[UnitRow], existing: dict[str, Unit], fail) -> None:
    in_file = {row.code: row for row in parsed}
    for row in parsed:
        seen = {row.code}
        parent = row.parent_code
        while parent in in_file and parent not in existing:
            if parent in seen:
                fail(row.line, "parent_code", _("The parent codes form a loop."))
                break
            seen.add(parent)
            parent = in_file[parent].parent_code


def units_import(*, actor, data: bytes, filename: str, job=None) -> int:
    """Import every row of the file, or none; return the number of units created.

    With `job` (an `antq.core.models.ImportJob`), rows read and checked are reported on it.
    """
    read = checked = None
    if job is not None:
        read = partial(jobs.job_progress, job.pk, "rows_read")
        checked = partial(jobs.job_progress, job.pk, "rows_checked")
    rows = read_rows(data, filename, COLUMNS, REQUIRED, progress=read)
    parsed, parents = validate_rows(rows, actor=actor, progress=checked)
    del rows  # the raw cells are no longer needed: free them before the insert
    reason = _("Imported from %(file)s") % {"file": filename}
    with transaction.atomic():
        return units_bulk_insert(
            parsed, known=parents, actor=actor, reason=reason, default_from=today()
        )


JOB_KIND = "units"


def units_import_queue(*, actor, data: bytes, filename: str, rows: int) -> ImportJob:
    """Keep the file and run its import on the worker once this request's writes commit."""
    if len(data) > settings.ANTQ_IMPORT_MAX_BYTES:
        raise DomainError(
            _("The file is larger than %(mb)s MB.")
            % {"mb": settings.ANTQ_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    job = jobs.job_create(actor=actor, kind=JOB_KIND, data=data, filename=filename, rows=rows)
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import import_units

    import_units(job_id)


def units_import_job(job_id: int) -> None:
    """The worker's part of a large import: run the job's file, record the outcome."""

    def run(actor, data, filename, job):
        return units_import(actor=actor, data=data, filename=filename, job=job)

    jobs.job_run(job_id, run, _("Imported %(n)s units."))


def template_workbook() -> Workbook:
    """Return the import template: headers, one example row, and the allowed values."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    sheet.append([title for _f, title in COLUMNS])
    sheet.append(["38-KDC-0001", "Thôn Đông", "residential_area", "16417", "", "", "", ""])
    for column, width in zip("ABCDEFGH", (16, 36, 20, 20, 14, 40, 36, 16), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    kinds = DataValidation(
        type="list", formula1=f'"{",".join(UnitKind.values)}"', allow_blank=False
    )
    levels = DataValidation(type="list", formula1=f'"{",".join(ManagingLevel.values)}"')
    sheet.add_data_validation(kinds)
    sheet.add_data_validation(levels)
    kinds.add("C2:C100000")
    levels.add("E2:E100000")
    guide = book.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Giá trị"])
    guide.append(["Loại", ", ".join(UnitKind.values)])
    guide.append(
        [
            "Cấp quản lý",
            ", ".join(ManagingLevel.values) + " (bắt buộc với cơ quan, doanh nghiệp, nhà trường)",
        ]
    )
    guide.append(
        ["Hiệu lực từ ngày", "dd/mm/yyyy; để trống: theo ngày hiệu lực của đơn vị cấp trên"]
    )
    return book
