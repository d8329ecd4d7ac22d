"""Insert many units at once: one transaction, a few queries per tree level, with history."""

from dataclasses import dataclass, field
from datetime import date

from simple_history.utils import bulk_create_with_history

from .models import PATH_SEPARATOR, Unit, UnitPlacement

BATCH_SIZE = 2000


@dataclass
class UnitRow:
    """A unit to insert; its parent is another row of the same batch or an existing unit."""

    code: str
    name: str
    kind: str
    parent_code: str | None
    valid_from: date | None = None
    managing_level: str = ""
    division_type: str = ""
    address: str = ""
    out_of_scope_reason: str = ""
    line: int = 0  # where the row came from, for messages
    extra: dict = field(default_factory=dict)


def depth_order(rows: list[UnitRow], known: dict[str, Unit]) -> list[list[UnitRow]]:
    """Group rows into levels so that every row's parent is known or in an earlier level.

    Rows whose parent can never be resolved (a cycle, or a missing parent) are left out;
    the caller's validation has named them already.
    """
    pending = {row.code: row for row in rows}
    resolved = set(known)
    levels: list[list[UnitRow]] = []
    while pending:
        level = [r for r in pending.values() if r.parent_code is None or r.parent_code in resolved]
        if not level:
            break
        levels.append(level)
        for row in level:
            resolved.add(row.code)
            del pending[row.code]
    return levels


def units_bulk_insert(
    rows: list[UnitRow], *, known: dict[str, Unit], actor, reason: str, default_from: date
) -> int:
    """Insert rows (already validated) level by level; return how many were created.

    `known` maps codes of existing parents to their units. Must run inside a transaction.
    """
    known = dict(known)
    created = 0
    for level in depth_order(rows, known):
        units = []
        for row in level:
            parent = known.get(row.parent_code) if row.parent_code else None
            path = f"{parent.path if parent else ''}{row.code}{PATH_SEPARATOR}"
            unit = Unit(
                code=row.code,
                name=row.name,
                kind=row.kind,
                parent=parent,
                path=path,
                depth=path.count(PATH_SEPARATOR),
                managing_level=row.managing_level,
                division_type=row.division_type,
                address=row.address,
                out_of_scope_reason=row.out_of_scope_reason,
                valid_from=row.valid_from or (parent.valid_from if parent else default_from),
            )
            unit.refresh_search_fields()
            units.append(unit)
        units = bulk_create_with_history(
            units,
            Unit,
            batch_size=BATCH_SIZE,
            default_user=actor if getattr(actor, "pk", None) else None,
            default_change_reason=reason,
        )
        if any(u.pk is None for u in units):  # a backend that cannot return ids
            by_code = Unit.objects.in_bulk([u.code for u in units], field_name="code")
            units = [by_code[u.code] for u in units]
        UnitPlacement.objects.bulk_create(
            [
                UnitPlacement(
                    unit=u,
                    parent=u.parent,
                    name=u.name,
                    path=u.path,
                    valid_from=u.valid_from,
                    search_text=u.search_text,
                    sort_name=u.sort_name,
                )
                for u in units
            ],
            batch_size=BATCH_SIZE,
        )
        known.update((u.code, u) for u in units)
        created += len(units)
    return created
