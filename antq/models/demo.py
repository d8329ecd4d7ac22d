"""Deterministic demo data of the models app for the demo province: a few dozen models with
sites and teams in its communes, last year's judgements and some exemplary examples."""

from datetime import date

from django.db import transaction

from antq.units.models import Unit

from . import services
from .models import SelfManagementModel

REASON = "Dữ liệu minh họa"
PROVINCE_MODELS = [
    ("Camera an ninh", ["tu_phong", "tu_bao_ve"], "residential"),
    ("Khu dân cư không có tội phạm và tệ nạn xã hội", ["tu_phong", "tu_quan"], "residential"),
    ("Doanh nghiệp an toàn về an ninh, trật tự", ["tu_bao_ve"], "enterprise"),
    ("Cổng trường an toàn giao thông", ["tu_quan"], "school"),
]
COMMUNE_MODELS = [
    ("Tổ tự quản an ninh, trật tự", ["tu_quan"], "residential"),
    ("Tổ hòa giải ở cơ sở", ["tu_hoa_giai"], "residential"),
    ("Dòng họ tự quản về an ninh, trật tự", ["tu_quan", "tu_hoa_giai"], "residential"),
    ("Tiếng kẻng an ninh", ["tu_phong", "tu_bao_ve"], "residential"),
    ("Cộng đồng mạng an toàn", ["tu_phong"], "cyberspace"),
    ("Liên gia tự quản", ["tu_quan"], "residential"),
]
GRADES = ("good", "good", "fair", "good", "average")


class _System:
    """The actor of demo seeding when no staff account is given (history has no author)."""

    is_superuser = True
    pk = None
    unit_id = None

    def has_role(self, role) -> bool:
        return role == "admin"


def seed(*, province, staff, today) -> None:
    """Add this app's demo data once; a second run changes nothing."""
    if SelfManagementModel.objects.filter(path__startswith=province.path).exists():
        return
    communes = list(
        Unit.objects.filter(path__startswith=province.path, kind="commune").order_by("code")[:24]
    )
    if not communes:
        return
    with transaction.atomic():
        _seed(province, staff or _System(), today, communes)


def _seed(province, staff, today, communes) -> None:
    founded = date(today.year - 3, 3, 15)
    last_year = today.year - 1
    judged_on = date(last_year, 12, 15)
    n = 0
    made = []
    for index, (name, serves, field) in enumerate(PROVINCE_MODELS):
        model = services.model_create(
            actor=staff,
            owner=province,
            name=f"Mô hình “{name}”",
            serves=serves,
            field=field,
            level="province",
            decision_number=f"{index + 1}/QĐ-UBND",
            decision_date=founded,
            decision_signer="Chủ tịch UBND tỉnh",
            description="Mô hình cấp tỉnh, nhân rộng ra các xã, phường.",
            reason=REASON,
        )
        sites = communes[index * 3 : index * 3 + 3 + index % 2] or communes[:3]
        made.append((model, [(c, 1 + (i % 3)) for i, c in enumerate(sites)]))
    for index, commune in enumerate(communes):
        for k in range(1 + index % 2):
            name, serves, field = COMMUNE_MODELS[(index + k) % len(COMMUNE_MODELS)]
            model = services.model_create(
                actor=staff,
                owner=commune,
                name=f"{name} — {commune.name}",
                serves=serves,
                field=field,
                level="commune",
                decision_number=f"{index * 2 + k + 1}/QĐ-UBND-X",
                decision_date=date(today.year - 2, 1 + (index % 12), 10),
                decision_signer="Chủ tịch UBND xã",
                reason=REASON,
            )
            areas = list(
                Unit.objects.filter(parent=commune, kind="residential_area").order_by("code")[:2]
            )
            made.append((model, [(u, 1 + (index + k) % 2) for u in (areas or [commune])]))
    for model, sites in made:
        for unit, team_count in sites:
            site = services.site_add(
                actor=staff,
                model=model,
                unit=unit,
                started_on=model.decision_date,
                reason=REASON,
            )
            for t in range(team_count):
                n += 1
                services.team_add(
                    actor=staff,
                    site=site,
                    name=f"Tổ {t + 1} — {unit.name}",
                    member_count=8 + n % 9,
                    reason=REASON,
                )
        effective = n % 7 != 3  # a few models are judged not effective, as in real life
        services.judgement_record(
            actor=staff,
            model=model,
            site=None,
            year=last_year,
            effective=effective,
            grade=GRADES[n % len(GRADES)] if effective else "weak",
            judged_by="Công an tỉnh (Phòng PV05)",
            judged_on=judged_on,
            reason=REASON,
        )
    for index, (model, sites) in enumerate(made[::3]):
        unit = sites[0][0]
        services.example_create(
            actor=staff,
            unit=unit,
            model=model,
            kind="collective" if index % 2 == 0 else "individual",
            name=f"Tổ tự quản {unit.name}"
            if index % 2 == 0
            else f"Ông Nguyễn Văn {chr(65 + index)}",
            level=model.level,
            decision_number=f"{index + 1}/QĐ-KT",
            decision_date=date(last_year, 11, 20),
            decision_signer="Chủ tịch UBND",
            reason="Có nhiều đóng góp trong xây dựng, nhân rộng mô hình tự quản về ANTT.",
            change_reason=REASON,
        )
