"""The unit import keeps to the bounds every other path keeps (issue 16, item 8)."""

import pytest

from antq.core.roles import Role
from antq.units.importing import ImportRejected, units_import
from antq.units.models import Unit

pytestmark = pytest.mark.django_db

HEADER = (
    "Mã,Tên,Loại,Mã đơn vị cấp trên,Cấp quản lý,Địa chỉ,"
    "Lý do không thuộc diện xét công nhận,Hiệu lực từ ngày\n"
)


def _import(actor, line: str):
    return units_import(actor=actor, data=(HEADER + line).encode(), filename="u.csv")


@pytest.mark.parametrize(
    "valid_from, expected",
    [
        ("01/01/0001", "Năm 1 nằm ngoài"),
        ("01/01/9999", "Năm 9999 nằm ngoài"),
        ("01/01/2020", "chưa tồn tại"),
    ],
)
def test_import_refuses_validity_dates_out_of_bounds(persona, valid_from, expected):
    staff = persona(Role.PROVINCE_STAFF)
    with pytest.raises(ImportRejected) as refused:
        _import(staff, f"16417-KDC09,Thôn Mới,residential_area,16417,,,,{valid_from}\n")
    assert expected in " ".join(str(e) for e in refused.value.errors)
    assert not Unit.objects.filter(code="16417-KDC09").exists()


def test_import_refuses_a_10000_character_address(persona):
    staff = persona(Role.PROVINCE_STAFF)
    with pytest.raises(ImportRejected):
        _import(staff, f"16417-KDC09,Thôn Mới,residential_area,16417,,{'x' * 10_000},,\n")
    assert not Unit.objects.filter(code="16417-KDC09").exists()
