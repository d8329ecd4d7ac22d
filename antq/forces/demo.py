"""Deterministic demo data of the forces app: a team in every residential area of the demo
province, three members each, and last rating year's ratings."""

from datetime import date

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from antq.core.text import fold, sort_key
from antq.units.models import Unit

from .models import ForceRating, SecurityTeam, TeamMember
from .periods import rating_year_of

REASON = "Dữ liệu minh họa"
SURNAMES = ["Nguyễn", "Lê", "Trần", "Phạm", "Hoàng", "Đỗ", "Vũ", "Bùi", "Đặng", "Ngô"]
MIDDLE = {"male": ["Văn", "Đức", "Minh", "Quang"], "female": ["Thị", "Thu", "Ngọc", "Thanh"]}
GIVEN = {
    "male": ["An", "Bình", "Cường", "Dũng", "Hùng", "Long", "Nam", "Sơn", "Tuấn"],
    "female": ["Hằng", "Hoa", "Lan", "Mai", "Nga", "Oanh", "Phương", "Thảo", "Yến"],
}
ROLES = ("leader", "deputy", "member")
# Levels per area of a commune, respecting guidance 01's cap and the leader rule.
LEVELS = ("good", "good", "completed", "good", "completed")


def _name(n: int, sex: str) -> str:
    return f"{SURNAMES[n % 10]} {MIDDLE[sex][n % 4]} {GIVEN[sex][(n // 10) % 9]}"


def seed(*, province, staff, today) -> None:
    """Add this app's demo data once; a second run changes nothing."""
    if SecurityTeam.objects.filter(path__startswith=province.path).exists():
        return
    areas = list(
        Unit.objects.filter(path__startswith=province.path, kind="residential_area")
        .select_related("parent")
        .order_by("code")
    )
    if not areas:
        return
    with transaction.atomic():
        _seed(province, staff, today, areas)


def _seed(province, staff, today, areas) -> None:
    founded = date(today.year - 2, 7, 1)
    teams = []
    for area in areas:
        team = SecurityTeam(
            name=f"Tổ bảo vệ ANTT {area.name}",
            commune=area.parent,
            path=area.parent.path,
            decision_number=f"{len(teams) + 1}/QĐ-UBND",
            decision_date=founded,
            decision_signer="Chủ tịch UBND",
        )
        team.refresh_search_fields()
        teams.append(team)
    teams = bulk_create_with_history(
        teams, SecurityTeam, batch_size=500, default_user=staff, default_change_reason=REASON
    )
    teams = list(SecurityTeam.objects.filter(path__startswith=province.path).order_by("pk"))
    through = SecurityTeam.areas.through
    through.objects.bulk_create(
        [through(securityteam_id=t.pk, unit_id=a.pk) for t, a in zip(teams, areas, strict=True)]
    )
    digits = "".join(c for c in province.code if c.isdigit()).zfill(3)[:3]
    members = []
    for index, team in enumerate(teams):
        for offset, role in enumerate(ROLES):
            n = index * len(ROLES) + offset
            sex = "female" if n % 3 == 2 else "male"
            year = 1965 + n % 35
            member = TeamMember(
                team=team,
                province=province,
                role=role,
                full_name=_name(n, sex),
                birth_date=date(year, 1 + n % 12, 1 + n % 28),
                sex=sex,
                identity_number=f"{digits}{'1' if sex == 'female' else '0'}{year % 100:02d}{n:06d}",
                residence=f"{team.name.removeprefix('Tổ bảo vệ ANTT ')}",
                resident_since=date(year + 20, 1, 1),
                education="lower_secondary" if n % 4 else "upper_secondary",
                phone=f"09{n:08d}",
                record_document="Xác nhận của Công an cấp xã",
                health_document="Giấy khám sức khỏe của trạm y tế",
                joined_on=founded,
            )
            member.search_text, member.sort_name = (
                fold(member.full_name),
                sort_key(member.full_name),
            )
            members.append(member)
    bulk_create_with_history(
        members, TeamMember, batch_size=500, default_user=staff, default_change_reason=REASON
    )
    last_year = rating_year_of(today) - 1
    decided = date(last_year, 11, 10)
    by_team = {}
    for member in TeamMember.objects.filter(team__in=teams).order_by("pk"):
        by_team.setdefault(member.team_id, []).append(member)
    ratings = []
    for index, team in enumerate(teams):
        level = LEVELS[index % len(LEVELS)]
        if index % 23 == 7:
            level = "not_completed"  # a few areas fail criterion 4.5, as in real life
        number = f"{index + 1}/QĐ-UBND-XL"
        ratings.append(
            ForceRating(
                year=last_year, team=team, level=level, decided_on=decided, decision_number=number
            )
        )
        ratings.extend(
            ForceRating(
                year=last_year,
                team=team,
                member=member,
                level=level,
                decided_on=decided,
                decision_number=number,
            )
            for member in by_team.get(team.pk, [])
        )
    bulk_create_with_history(
        ratings, ForceRating, batch_size=500, default_user=staff, default_change_reason=REASON
    )
