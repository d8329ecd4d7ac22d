"""Deterministic demo data of the campaigns app for the demo province.

This year's and last year's festival days come from the calendar (as every year does); last
year's 26/6 and 19/8 get activities in many communes and some residential areas, with figures
drawn from each unit's code so a second run, or another machine, gives the same numbers.
"""

import zlib
from datetime import timedelta

from antq.units.models import Unit

from . import services
from .models import Activity, Campaign

DEMO_COMMUNES = 40
KINDS_BY_DAY = {
    "anti_drug_26_6": ["Tuyên truyền phòng, chống ma túy", "Mít tinh hưởng ứng", "Ký cam kết"],
    "festival_19_8": [
        "Ngày hội toàn dân bảo vệ ANTQ",
        "Biểu dương điển hình tiên tiến",
        "Ra mắt mô hình",
        "Thăm, tặng quà",
    ],
}


def _n(code: str, salt: str, low: int, high: int) -> int:
    return low + zlib.crc32(f"{code}:{salt}".encode()) % (high - low + 1)


def _activities(staff, campaign: Campaign, communes: list[Unit]) -> None:
    kinds = KINDS_BY_DAY[campaign.kind]
    span = (campaign.end - campaign.start).days
    for index, commune in enumerate(communes):
        if index % 7 == 6:
            continue  # a few communes have not recorded anything
        units = [commune]
        areas = Unit.objects.filter(parent=commune, kind="residential_area").order_by("code")
        units += list(areas[: _n(commune.code, "areas", 0, 2)])
        for unit in units:
            code = unit.code
            services.activity_record(
                actor=staff,
                campaign=campaign,
                unit=unit,
                kind=kinds[_n(code, campaign.kind, 0, len(kinds) - 1)],
                date=campaign.end - timedelta(days=_n(code, "day", 0, min(span, 20))),
                place=f"Nhà văn hóa {unit.name}",
                participants="Công an, Mặt trận Tổ quốc, các đoàn thể",
                attendees=_n(code, "attendees", 60, 450),
                propaganda_sessions=_n(code, "sessions", 1, 6),
                gifts=_n(code, "gifts", 0, 30),
                gifts_value=_n(code, "gifts", 0, 30) * 500_000,
                awards=_n(code, "awards", 0, 8),
                models_launched=_n(code, "models", 0, 1),
                reason="Dữ liệu minh họa",
            )


def seed(*, province, staff, today) -> None:
    """Add this app's demo data once; a second run changes nothing."""
    last = today.year - 1
    for year in (last, today.year):
        services.festival_days_create(actor=staff, province=province, year=year)
    communes = list(
        Unit.objects.filter(parent=province, kind="commune", valid_to__isnull=True).order_by(
            "code"
        )[:DEMO_COMMUNES]
    )
    for kind in KINDS_BY_DAY:
        campaign = Campaign.objects.get(owner=province, kind=kind, start__year=last)
        if not Activity.objects.filter(campaign=campaign).exists():
            _activities(staff, campaign, communes)
