"""Deterministic demo data of the funding app for the demo province."""

from datetime import date

from . import services
from .models import BudgetLine

DEMO_COMMUNES = 12
# (month, head, amount, payee, km): each within the Circular 40 norms
COMMUNE_SPENDING = [
    (1, "propaganda", 2_500_000, "In pano, khẩu hiệu tuyên truyền", None),
    (3, "fuel", 600_000, "Xăng xe vận động quần chúng", 50),
    (5, "training", 3_000_000, "Tập huấn nghiệp vụ cho tổ ANTT cơ sở", None),
    (8, "propaganda", 4_000_000, "Tổ chức Ngày hội toàn dân bảo vệ ANTQ 19/8", None),
    (10, "rewards", 1_500_000, "Khen thưởng tập thể, cá nhân điển hình", None),
]


def seed(*, province, staff, today) -> None:
    """Add this year's lines and spending once; a second run changes nothing."""
    year = today.year
    if BudgetLine.objects.filter(unit=province, year=year).exists():
        return
    from antq.units.models import Unit

    pl = services.budget_line_create(
        actor=staff,
        unit=province,
        year=year,
        source="state",
        level="province",
        estimate=500_000_000,
        allocated=450_000_000,
        decision=f"QĐ 120/QĐ-UBND ngày 05/01/{year}",
        reason="Dữ liệu minh họa",
    )
    communes = Unit.objects.filter(parent=province, kind="commune").order_by("code")
    for index, commune in enumerate(communes[:DEMO_COMMUNES]):
        cl = services.budget_line_create(
            actor=staff,
            unit=commune,
            year=year,
            source="state",
            level="commune",
            estimate=30_000_000,
            allocated=25_000_000 + index * 500_000,
            decision=f"QĐ {index + 10}/QĐ-UBND",
            reason="Dữ liệu minh họa",
        )
        if index % 4 == 0:
            services.budget_line_create(
                actor=staff,
                unit=commune,
                year=year,
                source="voluntary",
                level="commune",
                estimate=10_000_000,
                allocated=8_000_000,
                reason="Dữ liệu minh họa",
            )
        for month, head, amount, payee, km in COMMUNE_SPENDING:
            day = date(year, month, min(5 + index, 28))
            if day > today:
                continue
            services.spending_create(
                actor=staff,
                line=cl,
                date=day,
                head=head,
                amount=amount,
                payee=payee,
                voucher=f"PC{month:02d}-{index + 1:02d}",
                distance_km=km,
                reason="Dữ liệu minh họa",
            )
        day = date(year, 8, 20)
        if day <= today and index < 10:
            services.spending_create(
                actor=staff,
                line=pl,
                date=day,
                head="visits",
                amount=2_000_000,
                payee="Thăm hỏi, động viên",
                person=f"Nguyễn Văn {chr(65 + index)}",
                reason="Dữ liệu minh họa",
            )
