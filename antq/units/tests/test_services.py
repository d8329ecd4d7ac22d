from datetime import date

import pytest

from antq.core.errors import DomainError, NotFound, PermissionDenied
from antq.core.roles import Role
from antq.units import selectors, services
from antq.units.models import Unit

BEFORE, MERGE_DAY, AFTER = date(2026, 3, 31), date(2026, 4, 1), date(2026, 4, 2)


def codes(rows):
    return sorted(row.unit.code for row in rows)


def test_create_records_author_reason_and_placement(tree, persona):
    officer = persona(Role.COMMUNE_OFFICER)
    unit = services.unit_create(
        actor=officer,
        code="16417-KDC09",
        name="Thôn  Mới",
        kind="residential_area",
        parent=tree.commune,
        reason="Thành lập thôn mới",
    )
    assert unit.path == "38/16417/16417-KDC09/"
    assert unit.name == "Thôn Mới"
    record = unit.history.get()
    assert record.history_user == officer
    assert record.history_change_reason == "Thành lập thôn mới"
    assert unit.placements.get().valid_from == tree.commune.valid_from


def test_create_refuses_wrong_parent_kind_and_duplicate_code(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    with pytest.raises(services.UnitInvalid) as caught:
        services.unit_create(
            actor=staff, code="38-KDC", name="Thôn X", kind="residential_area", parent=tree.province
        )
    assert set(caught.value.errors) == {"parent"}
    with pytest.raises(services.UnitInvalid) as caught:
        services.unit_create(
            actor=staff, code="16417", name="Trùng", kind="commune", parent=tree.province
        )
    assert "code" in caught.value.errors
    assert Unit.objects.filter(name__in=["Thôn X", "Trùng"]).count() == 0


def test_out_of_scope_parent_is_not_found_and_role_without_rights_is_denied(tree, persona):
    with pytest.raises(NotFound):
        services.unit_create(
            actor=persona(Role.COMMUNE_OFFICER),
            code="X1",
            name="X",
            kind="residential_area",
            parent=tree.other_commune,
        )
    with pytest.raises(PermissionDenied):
        services.unit_create(
            actor=persona(Role.VIEWER),
            code="X2",
            name="X",
            kind="residential_area",
            parent=tree.commune,
        )


def test_update_keeps_before_and_after(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    services.unit_update(actor=staff, unit=tree.area, address="Số 1 Lê Lợi", reason="Bổ sung")
    latest = selectors.unit_history(unit=tree["16417-KDC01"])[0]
    assert latest["record"].history_user == staff
    assert latest["record"].history_change_reason == "Bổ sung"
    assert [(c["field"], c["old"], c["new"]) for c in latest["changes"]] == [
        ("address", "", "Số 1 Lê Lợi")
    ]


def test_merge_two_communes_into_a_new_one(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    merged = services.units_merge(
        actor=staff,
        sources=[tree.commune, tree.commune2],
        on=MERGE_DAY,
        new_unit=services.NewUnit(code="16999", name="Phường Hạc Thành"),
        basis="Nghị quyết 1686/NQ-UBTVQH15",
    )
    before = selectors.unit_list(user=staff, as_of=BEFORE, kind="commune")
    after = selectors.unit_list(user=staff, as_of=AFTER, kind="commune")
    assert codes(before) == ["16417", "16522"]
    assert codes(after) == ["16999"]
    # the children follow the successor from the merge day, and stay put before it
    children_after = selectors.unit_list(user=staff, as_of=AFTER, parent=merged)
    assert codes(children_after) == ["16417-KDC01", "16417-KDC02", "16417-TH01", "16522-KDC01"]
    old = selectors.unit_list(user=staff, as_of=BEFORE, parent=tree["16417"])
    assert codes(old) == ["16417-KDC01", "16417-KDC02", "16417-TH01"]
    assert tree["16417-KDC01"].path == "38/16999/16417-KDC01/"
    # and the history of all three says so, with the author
    for code in ("16417", "16522", "16999"):
        record = tree[code].history.order_by("-history_date", "-pk").first()
        assert record.history_user == staff
        assert "Phường Hạc Thành" in record.history_change_reason or code == "16999"
    assert tree["16417"].valid_to == BEFORE
    assert [s.successor.code for s in tree["16417"].successions.all()] == ["16999"]


def test_merge_into_existing_unit_and_commune_officer_of_successor_sees_children(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    services.units_merge(actor=staff, sources=[tree.commune2], into=tree.commune, on=MERGE_DAY)
    officer = persona(Role.COMMUNE_OFFICER)
    assert "16522-KDC01" in codes(selectors.unit_list(user=officer, as_of=AFTER))


def test_rename_keeps_old_name_for_earlier_dates(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    services.unit_rename(actor=staff, unit=tree.area, name="Thôn Đông Tiến", on=MERGE_DAY)
    assert selectors.placement_of(tree.area, BEFORE).name == "Thôn Đông Hưng"
    assert selectors.placement_of(tree.area, AFTER).name == "Thôn Đông Tiến"
    assert tree["16417-KDC01"].name == "Thôn Đông Tiến"


def test_split_distributes_children(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    parts = services.unit_split(
        actor=staff,
        source=tree.commune,
        on=MERGE_DAY,
        parts=[services.NewUnit("17001", "Phường Bắc"), services.NewUnit("17002", "Phường Nam")],
        children_to={"16417-KDC02": "17002"},
    )
    assert codes(selectors.unit_list(user=staff, as_of=AFTER, parent=parts[1])) == ["16417-KDC02"]
    assert "16417-KDC01" in codes(selectors.unit_list(user=staff, as_of=AFTER, parent=parts[0]))


def test_move_carries_the_subtree_and_refuses_a_loop(tree, persona):
    admin = persona(Role.ADMIN)
    services.unit_move(actor=admin, unit=tree.area, parent=tree.commune2, on=MERGE_DAY)
    assert tree["16417-KDC01"].path == "38/16522/16417-KDC01/"
    with pytest.raises(DomainError):
        services.unit_move(actor=admin, unit=tree.province, parent=tree.commune, on=MERGE_DAY)


def test_changes_must_be_recorded_in_date_order(tree, persona):
    staff = persona(Role.PROVINCE_STAFF)
    services.unit_rename(actor=staff, unit=tree.area, name="Tên mới", on=date(2026, 6, 1))
    with pytest.raises(DomainError):
        services.unit_rename(actor=staff, unit=tree.area, name="Tên cũ hơn", on=date(2026, 5, 1))
