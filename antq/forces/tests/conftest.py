"""Teams and members built through the services, as an officer would."""

from datetime import date

import pytest
import time_machine

from antq.core.roles import Role
from antq.forces import services

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def person(**overrides) -> dict:
    """A person who meets every rule of Art. 13 on joining in 2025."""
    values = {
        "role": "member",
        "full_name": "Nguyễn Văn An",
        "birth_date": date(1985, 3, 10),
        "sex": "male",
        "identity_number": "038085001234",
        "residence": "Thôn Đông Hưng, phường Đông Quang",
        "resident_since": date(2010, 1, 1),
        "education": "lower_secondary",
        "joined_on": date(2025, 1, 2),
        "record_document": "Phiếu lý lịch tư pháp số 12/2024",
        "health_document": "Giấy khám sức khỏe BV Đa khoa tỉnh, 05/12/2024",
        "phone": "0912345678",
    }
    values.update(overrides)
    return values


@pytest.fixture
def officer(persona):
    return persona(Role.COMMUNE_OFFICER)


@pytest.fixture
def make_team(tree, officer):
    counter = iter(range(1, 1000))

    def make(area=None, *, actor=None, decision_date=date(2024, 12, 1), **extra):
        area = area or tree.area
        n = next(counter)
        return services.team_create(
            actor=actor or officer,
            commune=area.parent,
            name=extra.pop("name", f"Tổ bảo vệ ANTT {area.name} {n}"),
            areas=[area],
            decision_number=f"{n}/QĐ-UBND",
            decision_date=decision_date,
            **extra,
        )

    return make


@pytest.fixture
def make_member(officer):
    counter = iter(range(1, 100000))

    def make(team, *, actor=None, **overrides):
        n = next(counter)
        values = person(identity_number=f"0380850{n:05d}", full_name=f"Thành viên {n}")
        values.update(overrides)
        return services.member_register(actor=actor or officer, team=team, **values)

    return make
