"""A province as it stood in 2021: a district, a commune, two residential areas, a school."""

from datetime import date

from antq.core.roles import Role
from antq.units import services as unit_services


class _Root:
    is_superuser = True
    unit_id = None
    pk = None

    def has_role(self, role):
        return role == Role.ADMIN


def province_of_2021():
    """Build Nghệ An (40) with the district level it had before 1 July 2025."""
    root, since = _Root(), date(2019, 1, 1)

    def unit(code, name, kind, parent=None, **extra):
        return unit_services.unit_create(
            actor=root, code=code, name=name, kind=kind, parent=parent, valid_from=since, **extra
        )

    province = unit("40", "Nghệ An", "province", division_type="tỉnh")
    district = unit("412", "Huyện Nghi Lộc", "district", province, division_type="huyện")
    commune = unit("17000", "Xã Nghi Long", "commune", district, division_type="xã")
    areas = [
        unit("17000-KDC01", "Xóm 1", "residential_area", commune),
        unit("17000-KDC02", "Xóm 2", "residential_area", commune),
    ]
    school = unit(
        "17000-TH01", "Trường THCS Nghi Long", "school", commune, managing_level="commune"
    )
    return province, district, commune, areas, school
