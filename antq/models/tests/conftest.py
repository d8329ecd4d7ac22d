"""Models and examples built through the services, as an officer would."""

from datetime import date

import pytest
import time_machine

from antq.core.roles import Role
from antq.models import services

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def officer(persona):
    return persona(Role.COMMUNE_OFFICER)


@pytest.fixture
def staff(persona):
    return persona(Role.PROVINCE_STAFF)


@pytest.fixture
def make_model(tree, staff):
    counter = iter(range(1, 1000))

    def make(owner=None, *, actor=None, **extra):
        n = next(counter)
        values = {
            "name": f"Mô hình tự quản số {n}",
            "serves": ["tu_quan"],
            "field": "residential",
            "level": "commune",
            "decision_number": f"{n}/QĐ-UBND",
            "decision_date": date(2024, 3, 15),
        }
        values.update(extra)
        return services.model_create(actor=actor or staff, owner=owner or tree.commune, **values)

    return make


@pytest.fixture
def make_site(staff):
    def make(model, unit, *, teams=(), started_on=date(2024, 6, 1), actor=None):
        site = services.site_add(
            actor=actor or staff, model=model, unit=unit, started_on=started_on
        )
        for i, members in enumerate(teams):
            services.team_add(
                actor=actor or staff, site=site, name=f"Tổ {i + 1}", member_count=members
            )
        return site

    return make


@pytest.fixture
def judge(staff):
    def make(model, *, year=2026, site=None, effective=True, grade="", actor=None):
        return services.judgement_record(
            actor=actor or staff,
            model=model,
            site=site,
            year=year,
            effective=effective,
            grade=grade,
            judged_by="Công an tỉnh",
            judged_on=date(2026, 11, 20),
        )

    return make
