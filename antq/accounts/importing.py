"""Import accounts from a sheet: every row checked first, then all or nothing."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.text import fold
from antq.units.importing import ImportRejected, RowError, read_rows
from antq.units.models import Unit

from . import services

COLUMNS = [
    ("username", "Tên đăng nhập"),
    ("full_name", "Họ và tên"),
    ("email", "Thư điện tử"),
    ("unit_code", "Mã đơn vị"),
    ("roles", "Vai trò"),
    ("password", "Mật khẩu"),
]
REQUIRED = ("username", "unit_code", "roles", "password")
# Provisional bound (setting ANTQ_ACCOUNT_IMPORT_MAX_ROWS): a province's officials at once;
# each account hashes its password, so a larger sheet would hold a worker for minutes.
MAX_ROWS = 2_000


def accounts_import(*, actor, data: bytes, filename: str) -> int:
    """Create every account of the file, or none; return how many were created."""
    if not services.can_manage_accounts(actor):
        raise services.PermissionDenied(_("Only administrators manage accounts."))
    max_rows = int(getattr(settings, "ANTQ_ACCOUNT_IMPORT_MAX_ROWS", MAX_ROWS))
    rows = read_rows(data, filename, COLUMNS, REQUIRED, max_rows=max_rows)
    header = dict(COLUMNS)
    units = {u.code: u for u in Unit.objects.filter(code__in={v["unit_code"] for _l, v in rows})}
    errors: list[RowError] = []
    with transaction.atomic():
        for line, values in rows:
            unit = units.get(values["unit_code"])
            if unit is None:
                errors.append(
                    RowError(
                        line,
                        header["unit_code"],
                        _("No unit with code %(code)s.") % {"code": values["unit_code"]},
                    )
                )
                continue
            roles = [fold(r).replace(" ", "_") for r in values["roles"].split(",") if r.strip()]
            try:
                services.account_create(
                    actor=actor,
                    username=values["username"],
                    unit=unit,
                    roles=roles,
                    password=values["password"],
                    full_name=values.get("full_name", ""),
                    email=values.get("email", ""),
                )
            except services.AccountInvalid as error:
                for field, message in error.errors.items():
                    errors.append(RowError(line, header.get(field, field), message))
        if errors:
            raise ImportRejected(errors)  # leaving the block by an exception undoes every row
    return len(rows)
