"""Load the official provinces and communes from the `vietnam-provinces` package."""

from datetime import date

from django.db import transaction
from vietnam_provinces import Province, Ward

from .bulk import UnitRow, units_bulk_insert
from .choices import UnitKind
from .models import Unit

# The package describes the two-level map in force since the 2025 reorganisation
# (Resolution 202/2025/QH15 and the Standing Committee's resolutions on communes).
REORGANISATION_DAY = date(2025, 7, 1)


def province_code(code: int) -> str:
    return f"{int(code):02d}"


def commune_code(code: int) -> str:
    return f"{int(code):05d}"


def official_rows(province: str | None) -> list[UnitRow]:
    """Return the provinces (all, or one) and their communes as rows to insert."""
    provinces = [
        p
        for p in Province.iter_all()
        if province is None or province_code(p.code) == province_code(province)
    ]
    rows = []
    for p in provinces:
        rows.append(
            UnitRow(
                code=province_code(p.code),
                name=p.name,
                kind=UnitKind.PROVINCE,
                parent_code=None,
                division_type=p.division_type.value,
                valid_from=REORGANISATION_DAY,
            )
        )
        rows.extend(
            UnitRow(
                code=commune_code(w.code),
                name=w.name,
                kind=UnitKind.COMMUNE,
                parent_code=province_code(p.code),
                division_type=w.division_type.value,
                valid_from=REORGANISATION_DAY,
            )
            for w in Ward.iter_by_province(p.code)
        )
    return rows


def admin_units_load(*, province: str | None = None, actor=None) -> tuple[int, int]:
    """Insert the official units not yet present; return (created, already present)."""
    rows = official_rows(province)
    if not rows:
        raise ValueError(f"Unknown province code {province}")
    existing = set(
        Unit.objects.filter(code__in=[r.code for r in rows]).values_list("code", flat=True)
    )
    missing = [r for r in rows if r.code not in existing]
    parents = {
        u.code: u
        for u in Unit.objects.filter(
            code__in={r.parent_code for r in missing if r.parent_code and r.parent_code in existing}
        )
    }
    with transaction.atomic():
        created = units_bulk_insert(
            missing,
            known=parents,
            actor=actor,
            default_from=REORGANISATION_DAY,
            reason="Nạp đơn vị hành chính chính thức (gói vietnam-provinces)",
        )
    return created, len(existing)
