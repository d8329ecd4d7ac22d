"""Deterministic demo data for one province: areas, establishments and one account per role."""

from datetime import date
from decimal import Decimal
from importlib import import_module

from django.db import transaction

from antq import rules
from antq.accounts.models import Account
from antq.accounts.services import account_create
from antq.core.roles import Role
from antq.evaluation import models as evaluation_models
from antq.evaluation import selectors as evaluation_selectors
from antq.evaluation import services as evaluation_services
from antq.reports import periods as report_periods
from antq.reports import selectors as report_selectors
from antq.reports import services as report_services
from antq.targets import selectors as target_selectors
from antq.targets import services as target_services
from antq.units.bulk import UnitRow, units_bulk_insert
from antq.units.models import Unit
from antq.units.selectors import today

DEMO_PASSWORD = "antq-demo-2026"
AREA_NAMES = ["Thôn Đông", "Thôn Đoài", "Thôn Nam Sơn", "Thôn Bắc Hà", "Thôn Trung Hòa"]
QUARTER_NAMES = [
    "Tổ dân phố Quang Trung",
    "Tổ dân phố Lê Lợi",
    "Tổ dân phố Điện Biên",
    "Tổ dân phố Hàm Rồng",
    "Tổ dân phố Đông Thọ",
]
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
AREAS_PER_COMMUNE = 5


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
    for commune in communes:
        names = QUARTER_NAMES if commune.division_type == "phường" else AREA_NAMES
        rows.extend(
            UnitRow(
                code=f"{commune.code}-KDC{i:02d}",
                name=name,
                kind="residential_area",
                parent_code=commune.code,
            )
            for i, name in enumerate(names[:AREAS_PER_COMMUNE], start=1)
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
    _open_current_year(staff)
    _set_example_targets(staff, province)
    _demo_activity(staff, province)
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


DEMO_COMMUNES_EVALUATED = 10


def _demo_activity(staff, province: Unit) -> None:
    """Some of the year's work, so the dashboards show something: done once."""
    year = today().year
    campaign = evaluation_selectors.year_get(province=province.code, year=year)
    if evaluation_models.Assessment.objects.filter(year=campaign).exists():
        return
    communes = list(Unit.objects.filter(parent=province, kind="commune").order_by("code"))
    for commune in communes[:DEMO_COMMUNES_EVALUATED]:
        areas = list(Unit.objects.filter(parent=commune, kind="residential_area").order_by("code"))
        for index, area in enumerate(areas):
            evaluation_services.registration_record(
                actor=staff,
                campaign=campaign,
                unit=area,
                registered_on=date(year, 3, 1),
                households_resident=100 + index,
                households_registered=100 + index,
            )
            answers = dict.fromkeys(
                rules.answerable_ids(rules.get_ruleset(campaign.ruleset_id), area.kind), True
            )
            if index == len(areas) - 1:  # one area per commune still has work to do
                answers["4.3.c"] = False
            assessment = evaluation_services.assessment_save(
                actor=staff, campaign=campaign, unit=area, answers=answers, figures={}
            )
            if index == len(areas) - 1:
                continue
            evaluation_services.assessment_submit(actor=staff, assessment=assessment)
            evaluation_services.assessment_verify(actor=staff, assessment=assessment)
            evaluation_services.recognition_grant(
                actor=staff,
                campaign=campaign,
                units=[area],
                signer="Nguyễn Văn Minh",
                decision_number=f"{index + 1}/QĐ-UBND",
                decision_date=date(year, 10, 25),
                issuing_body=f"UBND {commune.name}",
                signer_title="Chủ tịch",
            )
    _demo_reports(staff, communes)


def _demo_reports(staff, communes: list[Unit]) -> None:
    """Last month's report from four communes in five; the fifth has not reported yet."""
    form = report_selectors.form_get(code="movement-monthly")
    period = report_periods.period_containing(today(), form.period_type).previous()
    for index, commune in enumerate(communes):
        if index % 5 == 4:
            continue
        values = {
            "propaganda_sessions": 2 + index % 4,
            "propaganda_attendances": 120 + index,
            "prestigious_people_contacted": index % 6,
            "posts_published": index % 3,
            "tips_received": 3 + index % 7,
            "tips_valuable": 1 + index % 3,
            "cases_solved_from_tips": index % 2,
            "wanted_surrendered": index % 2,
            "offenders_reeducated": index % 4,
            "guns_recovered": 0,
            "explosives_kg_recovered": "0",
            "firecrackers_kg_recovered": str(index % 5),
            "crude_weapons_recovered": index % 3,
            "self_management_teams": 3 + index % 5,
            "models_active": 1 + index % 3,
        }
        report_services.report_save(
            actor=staff,
            form=form,
            unit=commune,
            period_key=period.key,
            values=values,
            submit=True,
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


def _set_example_targets(staff, province: Unit) -> None:
    year = today().year
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


def _open_current_year(staff) -> None:
    """Open the year whose evaluation is under way, as province staff would."""
    year = today().year
    if not evaluation_selectors.year_list(user=staff).filter(year=year).exists():
        evaluation_services.year_open(actor=staff, year=year)
