"""Deterministic demo data for one province: areas, establishments and one account per role."""

from decimal import Decimal
from importlib import import_module

from django.db import transaction

from antq.accounts.models import Account
from antq.accounts.services import account_create
from antq.core.roles import Role
from antq.evaluation import selectors as evaluation_selectors
from antq.evaluation import services as evaluation_services
from antq.targets import selectors as target_selectors
from antq.targets import services as target_services
from antq.units.bulk import UnitRow, units_bulk_insert
from antq.units.models import Unit
from antq.units.selectors import today

from .evaluation import chance, last_year_complete, this_year_in_progress
from .names import AreaNamer
from .reports import monthly_reports

DEMO_PASSWORD = "antq-demo-2026"
PROVINCE_BODIES = [
    ("CQ01", "agency", "province", "Sở Tư pháp"),
    ("CQ02", "agency", "central", "Kho bạc Nhà nước khu vực"),
    ("DN01", "enterprise", "province", "Công ty Cổ phần Xi măng Bỉm Sơn"),
    ("DN02", "enterprise", "province", "Công ty TNHH Giày Annora"),
    ("TH01", "school", "province", "Trường THPT chuyên Lam Sơn"),
    ("TH02", "school", "province", "Trường Cao đẳng Y tế"),
    ("SO01", "department", "", "Sở Giáo dục và Đào tạo"),
    ("SO02", "department", "", "Sở Lao động - Thương binh và Xã hội"),
    ("DT01", "mass_organisation", "", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("DT02", "mass_organisation", "", "Tỉnh đoàn"),
]
# Residential areas per commune: between three and seven, fixed by the commune.
AREAS_MIN, AREAS_SPREAD = 3, 5


def demo_rows(province: Unit) -> list[UnitRow]:
    rows = [
        UnitRow(
            code=f"{province.code}-{suffix}",
            name=name,
            kind=kind,
            parent_code=province.code,
            managing_level=level,
        )
        for suffix, kind, level, name in PROVINCE_BODIES
    ]
    communes = Unit.objects.filter(parent=province, kind="commune").order_by("code")
    namer = AreaNamer(province.code)
    for index, commune in enumerate(communes):
        count = AREAS_MIN + int(chance(commune.code, "areas") * AREAS_SPREAD)
        names = namer.names(index=index, ward=commune.division_type == "phường", count=count)
        rows.extend(
            UnitRow(
                code=f"{commune.code}-KDC{i:02d}",
                name=name,
                kind="residential_area",
                parent_code=commune.code,
            )
            for i, name in enumerate(names, start=1)
        )
        rows.append(
            UnitRow(
                code=f"{commune.code}-TH01",
                name=f"Trường Tiểu học {commune.name.split(' ', 1)[1]}",
                kind="school",
                parent_code=commune.code,
                managing_level="commune",
                out_of_scope_reason="Trường tiểu học (không thuộc diện xét công nhận)",
            )
        )
        rows.append(
            UnitRow(
                code=f"{commune.code}-DN01",
                name=f"Hợp tác xã Nông nghiệp {commune.name.split(' ', 1)[1]}",
                kind="enterprise",
                parent_code=commune.code,
                managing_level="commune",
            )
        )
    return rows


def demo_accounts(province: Unit) -> list[tuple[str, str, Unit]]:
    commune = Unit.objects.filter(parent=province, kind="commune").order_by("code").first()
    school = Unit.objects.filter(parent=province, code=f"{province.code}-TH01").first()
    return [
        ("admin", Role.ADMIN, province),
        ("tinh", Role.PROVINCE_STAFF, province),
        ("xa", Role.COMMUNE_OFFICER, commune),
        ("coso", Role.ESTABLISHMENT_OFFICER, school),
        ("lanhdao", Role.LEADER, province),
        ("thamdinh", Role.APPRAISER, province),
        ("xem", Role.VIEWER, commune),
    ]


@transaction.atomic
def demo_seed(*, province_code: str) -> list[tuple[str, str, Unit]]:
    """Add what is missing of the demo; return the demo logins (user name, role, unit)."""
    province = Unit.objects.get(code=province_code)
    rows = demo_rows(province)
    present = set(
        Unit.objects.filter(code__in=[r.code for r in rows]).values_list("code", flat=True)
    )
    missing = [r for r in rows if r.code not in present]
    parents = {u.code: u for u in Unit.objects.filter(code__in={r.parent_code for r in missing})}
    units_bulk_insert(
        missing,
        known=parents,
        actor=None,
        reason="Dữ liệu minh họa",
        default_from=province.valid_from,
    )
    logins = demo_accounts(province)
    for username, role, unit in logins:
        if not Account.objects.filter(username=username).exists():
            account_create(
                actor=None,
                username=username,
                unit=unit,
                roles=[role],
                password=DEMO_PASSWORD,
                full_name=f"Demo {Role(role).label}",
                check_password_strength=False,
            )
    staff = Account.objects.get(username="tinh")
    day = today()
    for year in (day.year - 1, day.year):
        _open_year(staff, year)
        _set_example_targets(staff, province, year)
    last_year_complete(staff, province, day.year - 1)
    this_year_in_progress(staff, province, day.year, day)
    monthly_reports(staff, province, day)
    for app in REGISTRY_DEMOS:
        import_module(f"antq.{app}.demo").seed(province=province, staff=staff, today=today())
    return logins


# Each app seeds its own demo data; the order follows what reads what.
REGISTRY_DEMOS = (
    "models",
    "forces",
    "directives",
    "campaigns",
    "funding",
    "tips",
    "awards",
    "documents",
)


# The seeds' targets: Thanh Hóa's plan 67/KH-BCĐ of 08/3/2024 (">80% recognised, >80% good or
# better") and the 2022 provincial programme's "none weak".
EXAMPLE_TARGETS = [
    ("recognised_share", "commune", "gt", 80, "KH 67/KH-BCĐ, 08/3/2024"),
    ("recognised_share", "residential_area", "gt", 80, "KH 67/KH-BCĐ, 08/3/2024"),
    ("recognised_share", "establishment", "gt", 80, "KH 67/KH-BCĐ, 08/3/2024"),
    ("good_or_better_share", "commune", "gt", 80, "KH 67/KH-BCĐ, 08/3/2024"),
    ("weak_count", "commune", "lte", 0, "Chương trình thi đua “Bảo vệ an ninh Tổ quốc” 2022"),
]


def _set_example_targets(staff, province: Unit, year: int) -> None:
    if target_selectors.target_list(user=staff, year=year, unit=province).exists():
        return
    for metric, subject, comparison, value, basis in EXAMPLE_TARGETS:
        if province.code != "38":
            basis = f"Ví dụ theo {basis} (Thanh Hóa)"
        target_services.target_set(
            actor=staff,
            year=year,
            unit=province,
            metric=metric,
            subject=subject,
            comparison=comparison,
            value=Decimal(value),
            basis=basis,
            public=True,
        )


def _open_year(staff, year: int) -> None:
    """Open the year, as province staff would."""
    if not evaluation_selectors.year_list(user=staff).filter(year=year).exists():
        evaluation_services.year_open(actor=staff, year=year)
