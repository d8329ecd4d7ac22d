"""Deterministic demo data of the awards app for the demo province."""

from datetime import date

from antq.units.models import Unit

from . import services
from .models import AwardKind, Cluster

DEMO_CLUSTER = "Cụm thi đua số 1"


def seed(*, province, staff, today) -> None:
    """Add this app's demo data once; a second run changes nothing."""
    year = today.year
    if Cluster.objects.filter(province=province, year=year, name=DEMO_CLUSTER).exists():
        return
    communes = list(Unit.objects.filter(parent=province, kind="commune").order_by("code")[:4])
    if len(communes) < 2:
        return
    services.cluster_create(
        actor=staff,
        year=year,
        kind="cluster",
        name=DEMO_CLUSTER,
        leader=communes[0],
        deputy=communes[1],
        members=communes,
    )
    kinds = {k.code: k for k in AwardKind.objects.all()}
    for commune in communes:
        services.quota_set(
            actor=staff, year=year, kind=kinds["bang-khen-tinh-tap-the"], unit=commune, allowed=2
        )
        services.title_register(
            actor=staff,
            year=year,
            unit=commune,
            kind=kinds["tap-the-lao-dong-tien-tien"],
            registered_on=date(year, 1, 15),
        )
    services.nomination_create(
        actor=staff,
        year=year,
        kind=kinds["bang-khen-tinh-tap-the"],
        unit=communes[0],
        achievements="Hai năm liên tục đạt tiêu chuẩn “An toàn về an ninh, trật tự”; "
        "phong trào xếp loại Xuất sắc.",
    )
