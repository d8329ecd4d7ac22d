"""The plain-INSERT path of units_bulk_insert writes the rows bulk_create_with_history wrote."""

from datetime import date

from django.db import transaction

from antq.core.roles import Role
from antq.units import bulk
from antq.units.models import Unit, UnitPlacement


def _rows(prefix: str) -> list[bulk.UnitRow]:
    """A school under the commune and two areas, one of them under an area of the same batch."""
    return [
        bulk.UnitRow(f"{prefix}-A", "Thôn Đông Sơn", "residential_area", "16417", address="Xóm 1"),
        bulk.UnitRow(
            f"{prefix}-B", "Tổ dân phố Ấp Bắc", "residential_area", f"{prefix}-A", date(2026, 1, 5)
        ),
        bulk.UnitRow(
            f"{prefix}-C", "Trường Tiểu học Lê Lợi", "school", "16417", managing_level="commune"
        ),
    ]


def _written(prefix: str) -> list[tuple]:
    """What a user of the unit, its history and its placement sees, the code prefix set aside."""
    found = []
    for unit in Unit.objects.filter(code__startswith=f"{prefix}-").order_by("code"):
        [record] = unit.history.all()
        [placement] = UnitPlacement.objects.filter(unit=unit)
        plain = lambda text: text.replace(prefix, "P").replace(prefix.lower(), "p")  # noqa: E731
        found.append(
            (
                plain(unit.code),
                unit.name,
                unit.kind,
                plain(unit.parent.code),
                plain(unit.path),
                unit.depth,
                unit.valid_from,
                unit.valid_to,
                unit.managing_level,
                unit.address,
                plain(unit.search_text),
                unit.sort_name,
                (record.history_type, record.history_user_id, record.history_change_reason),
                (plain(record.path), record.parent_id == unit.parent_id, record.name),
                (placement.parent_id == unit.parent_id, plain(placement.path), placement.name),
                (placement.valid_from, placement.valid_to, plain(placement.search_text)),
                placement.sort_name == unit.sort_name,
            )
        )
    return found


def test_plain_inserts_write_what_the_model_path_wrote(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    known = {"16417": tree.commune}
    with transaction.atomic():
        made = bulk.units_bulk_insert(
            _rows("NEW"), known=known, actor=staff, reason="Nhập từ a.xlsx", default_from=date.max
        )
        before = bulk._insert_with_models(
            _rows("OLD"), known=known, actor=staff, reason="Nhập từ a.xlsx", default_from=date.max
        )
    assert made == before == 3
    new, old = _written("NEW"), _written("OLD")
    assert new == old
    assert new[1][4] == "38/16417/P-A/P-B/"  # the child placed under its parent of the batch
    assert new[0][6] == tree.commune.valid_from  # no date: the parent's
