"""Import an existing register of teams and members from Excel: every row checked, all or none.

One row per member; the team is named on each row and set up from its first row. Each row
goes through the same services as the pages, so a person failing Art. 13 fails the file.
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

from . import services
from .choices import Education, MemberRole, Sex
from .models import SecurityTeam

# Vietnamese headers on purpose: officials fill the sheet whatever the interface language.
COLUMNS = [
    ("team", "Tên tổ"),
    ("areas", "Mã khu dân cư"),
    ("decision_number", "Số quyết định thành lập"),
    ("decision_date", "Ngày quyết định"),
    ("role", "Chức danh"),
    ("full_name", "Họ và tên"),
    ("birth_date", "Ngày sinh"),
    ("sex", "Giới tính"),
    ("identity_number", "Số định danh cá nhân"),
    ("residence", "Nơi cư trú"),
    ("resident_since", "Cư trú từ ngày"),
    ("education", "Trình độ học vấn"),
    ("phone", "Điện thoại"),
    ("record_document", "Giấy tờ chứng minh lý lịch"),
    ("health_document", "Giấy chứng nhận sức khỏe"),
    ("over_age_decision", "Quyết định cho người trên 70 tuổi"),
    ("joined_on", "Ngày tham gia"),
]
HEADER_OF = dict(COLUMNS)
DATE_FIELDS = ("decision_date", "birth_date", "resident_since", "joined_on")
TEAM_FIELDS = ("areas", "decision_number", "decision_date")
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


def _words(choices, extra: dict[str, str]) -> dict[str, str]:
    mapping = {fold(value): value for value in choices.values}
    mapping.update({fold(str(label)): value for value, label in choices.choices})
    mapping.update(extra)
    return mapping


ROLE_WORDS = _words(MemberRole, {"to truong": "leader", "to pho": "deputy", "to vien": "member"})
SEX_WORDS = _words(Sex, {"nam": "male", "nu": "female"})
EDUCATION_WORDS = _words(
    Education,
    {
        "tieu hoc": "primary",
        "thcs": "lower_secondary",
        "trung hoc co so": "lower_secondary",
        "thpt": "upper_secondary",
        "trung hoc pho thong": "upper_secondary",
        "dai hoc": "higher",
        "cao dang": "higher",
        "trung cap": "higher",
    },
)


def template() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "To bao ve ANTT"
    sheet.append([header for _field, header in COLUMNS])
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


def _parse(line: int, raw: dict, errors: list[RowError]) -> dict | None:
    values, ok = {}, True
    for field, header in COLUMNS:
        value = raw.get(field)
        if field in DATE_FIELDS:
            try:
                values[field] = _cell_date(value)
            except ValueError:
                errors.append(RowError(line, header, _("Write the date as dd/mm/yyyy.")))
                ok = False
            continue
        text = "" if value is None else str(value).strip()
        if field == "identity_number" and isinstance(value, int | float):
            text = f"{int(value):012d}"
        words = {"role": ROLE_WORDS, "sex": SEX_WORDS, "education": EDUCATION_WORDS}.get(field)
        if words is not None:
            if fold(text) not in words:
                errors.append(RowError(line, header, _("Unknown value “%(v)s”.") % {"v": text}))
                ok = False
                continue
            text = words[fold(text)]
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


def _errors_of(line: int, error: DomainError) -> list[RowError]:
    fields = getattr(error, "errors", None) or {"": error.message}
    return [
        RowError(line, HEADER_OF.get(field, HEADER_OF["full_name"]), message)
        for field, message in fields.items()
    ]


def register_import(*, actor, commune: Unit, upload, reason: str = "") -> dict[str, int]:
    """Import the sheet into `commune`; raise ImportRejected listing every error, saving none."""
    errors: list[RowError] = []
    parsed = [(line, _parse(line, raw, errors)) for line, raw in _rows(upload)]
    areas = {a.code: a for a in Unit.objects.filter(parent=commune, kind="residential_area")}
    counts = {"teams": 0, "members": 0}
    with transaction.atomic():
        teams = {fold(t.name): t for t in SecurityTeam.objects.filter(commune=commune)}
        for line, values in parsed:
            if values is not None:
                errors.extend(_import_row(actor, commune, areas, teams, line, values, counts))
        if errors:
            raise ImportRejected(errors)  # rolls back every row saved above
    return counts


def _import_row(actor, commune, areas, teams, line, values, counts) -> list[RowError]:
    key = fold(values["team"])
    team = teams.get(key)
    try:
        with transaction.atomic():
            if team is None:
                codes = [c.strip() for c in values["areas"].replace(",", ";").split(";")]
                missing = [c for c in codes if c and c not in areas]
                if missing:
                    return [
                        RowError(
                            line,
                            HEADER_OF["areas"],
                            _("No residential area %(code)s in %(commune)s.")
                            % {"code": ", ".join(missing), "commune": commune.name},
                        )
                    ]
                team = services.team_create(
                    actor=actor,
                    commune=commune,
                    name=values["team"],
                    areas=[areas[c] for c in codes if c],
                    decision_number=values["decision_number"],
                    decision_date=values["decision_date"],
                    reason=_("Imported from Excel"),
                )
                teams[key] = team
                counts["teams"] += 1
            member_values = {f: values[f] for f, _h in COLUMNS if f not in ("team", *TEAM_FIELDS)}
            services.member_register(
                actor=actor, team=team, reason=_("Imported from Excel"), **member_values
            )
            counts["members"] += 1
    except DomainError as error:
        return _errors_of(line, error)
    return []
