"""Import an existing register of models from Excel: every row checked, all or none.

One row per model, with the units it is replicated in (sites) listed by code. Each row goes
through the same services as the pages.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from antq.core import uploads
from antq.core.errors import DomainError
from antq.core.text import fold
from antq.units.importing import ImportRejected, RowError
from antq.units.models import Unit
from antq.units.permissions import in_scope

from . import services
from .choices import ModelField, RecognisingLevel, Serves

# Vietnamese headers on purpose: officials fill the sheet whatever the interface language.
COLUMNS = [
    ("name", "Tên mô hình"),
    ("serves", "Tự phòng/tự quản/tự bảo vệ/tự hòa giải"),
    ("field", "Lĩnh vực"),
    ("owner", "Mã đơn vị chủ quản"),
    ("level", "Cấp công nhận"),
    ("decision_number", "Số quyết định thành lập"),
    ("decision_date", "Ngày quyết định"),
    ("decision_signer", "Người ký"),
    ("description", "Mô tả"),
    ("sites", "Mã đơn vị nhân rộng"),
]
OPTIONAL = {"decision_signer", "description", "sites"}
HEADER_OF = dict(COLUMNS)
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


def _words(choices, extra: dict[str, str]) -> dict[str, str]:
    mapping = {fold(value): value for value in choices.values}
    mapping.update({fold(str(label)): value for value, label in choices.choices})
    mapping.update(extra)
    return mapping


SERVES_WORDS = _words(
    Serves,
    {
        "tu phong": "tu_phong",
        "tu quan": "tu_quan",
        "tu bao ve": "tu_bao_ve",
        "tu hoa giai": "tu_hoa_giai",
    },
)
FIELD_WORDS = _words(
    ModelField,
    {
        "khu dan cu": "residential",
        "co quan": "agency",
        "doanh nghiep": "enterprise",
        "nha truong": "school",
        "co so giao duc": "school",
        "khong gian mang": "cyberspace",
    },
)
LEVEL_WORDS = _words(
    RecognisingLevel,
    {"trung uong": "central", "tinh": "province", "huyen": "district", "xa": "commune"},
)


def template() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Mo hinh tu quan"
    sheet.append([header for _field, header in COLUMNS])
    sheet.append(
        [
            "Mô hình “Camera an ninh”",
            "tự phòng; tự bảo vệ",
            "Khu dân cư",
            "16417",
            "Xã",
            "12/QĐ-UBND",
            "15/03/2024",
            "Chủ tịch UBND",
            "",
            "16417-KDC01; 16417-KDC02",
        ]
    )
    return book


def _cell_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.replace(",", ";").split(";") if c.strip()]


def _parse(line: int, raw: dict, errors: list[RowError]) -> dict | None:
    values, ok = {}, True

    def fail(field, message):
        nonlocal ok
        errors.append(RowError(line, HEADER_OF[field], message))
        ok = False

    for field, _header in COLUMNS:
        value = raw.get(field)
        text = "" if value is None else str(value).strip()
        if field == "decision_date":
            try:
                values[field] = _cell_date(value)
            except ValueError:
                fail(field, _("Write the date as dd/mm/yyyy."))
        elif field == "serves":
            words = [fold(w) for w in _codes(text)]
            unknown = [w for w in words if w not in SERVES_WORDS]
            if not words or unknown:
                fail(field, _("Write one or more of: tự phòng; tự quản; tự bảo vệ; tự hòa giải."))
            values[field] = [SERVES_WORDS.get(w) for w in words]
        elif field in ("field", "level"):
            words = FIELD_WORDS if field == "field" else LEVEL_WORDS
            if fold(text) not in words:
                fail(field, _("Unknown value “%(v)s”.") % {"v": text})
            values[field] = words.get(fold(text), "")
        elif not text and field not in OPTIONAL:
            fail(field, _("This column is required."))
        else:
            values[field] = text
    return values if ok else None


def _rows(upload) -> list[tuple[int, dict]]:
    if upload.size > MAX_BYTES:
        raise DomainError(_("The file is larger than 5 MB."))
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise DomainError(_("The file is not an Excel workbook (.xlsx)."))
    # checked before it is parsed (zip bombs, a lying <dimension>) and read within bounds
    lines = uploads.workbook_rows(upload, max_rows=MAX_ROWS + 1, max_columns=len(COLUMNS) + 10)
    _first, header_cells = next(lines, (1, ()))
    headers = [fold(str(h or "")) for h in header_cells]
    index = {}
    for field, header in COLUMNS:
        if fold(header) not in headers:
            raise DomainError(_("The column “%(column)s” is missing.") % {"column": header})
        index[field] = headers.index(fold(header))
    rows = []
    for line, cells in lines:
        rows.append((line, {f: cells[i] if i < len(cells) else None for f, i in index.items()}))
    return rows


def _errors_of(line: int, error: DomainError, default: str = "name") -> list[RowError]:
    fields = getattr(error, "errors", None) or {"": error.message}
    return [
        RowError(line, HEADER_OF.get(field, HEADER_OF[default]), message)
        for field, message in fields.items()
    ]


def register_import(*, actor, province: Unit, upload, reason: str = "") -> dict[str, int]:
    """Import the sheet's models into `province`; raise ImportRejected listing every error."""
    errors: list[RowError] = []
    parsed = [(line, _parse(line, raw, errors)) for line, raw in _rows(upload)]
    counts = {"models": 0, "sites": 0}
    reason = reason or _("Imported from Excel")
    with transaction.atomic():
        for line, values in parsed:
            if values is not None:
                errors.extend(_import_row(actor, province, line, values, counts, reason))
        if errors:
            raise ImportRejected(errors)  # rolls back every row saved above
    return counts


def _unit(code: str, province: Unit, actor) -> Unit | None:
    unit = Unit.objects.filter(code=code, path__startswith=province.path).first()
    return unit if unit is not None and in_scope(actor, unit.path) else None


def _import_row(actor, province, line, values, counts, reason) -> list[RowError]:
    owner = _unit(values["owner"], province, actor)
    if owner is None:
        message = _("No unit %(code)s in your scope.") % {"code": values["owner"]}
        return [RowError(line, HEADER_OF["owner"], message)]
    sites = []
    for code in _codes(values.pop("sites", "")):
        unit = _unit(code, province, actor)
        if unit is None:
            message = _("No unit %(code)s in your scope.") % {"code": code}
            return [RowError(line, HEADER_OF["sites"], message)]
        sites.append(unit)
    fields = {k: v for k, v in values.items() if k not in ("owner", "serves")}
    try:
        with transaction.atomic():
            model = services.model_create(
                actor=actor, owner=owner, serves=values["serves"], reason=reason, **fields
            )
            counts["models"] += 1
            for unit in sites:
                services.site_add(
                    actor=actor,
                    model=model,
                    unit=unit,
                    started_on=model.decision_date,
                    reason=reason,
                )
                counts["sites"] += 1
    except DomainError as error:
        return _errors_of(line, error)
    return []
