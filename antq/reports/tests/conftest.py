"""Fixtures for report tests: a settable clock and helpers that act through the services."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from antq.core.roles import Role
from antq.reports import selectors, services
from antq.reports.defaults import load_default_forms
from antq.reports.models import CrossRule, FormIndicator, Indicator, ReportForm
from antq.units import services as unit_services

MONTHLY = "movement-monthly"
# A complete month's figures for a commune.
FIGURES = {
    "propaganda_sessions": 4,
    "propaganda_attendances": 250,
    "prestigious_people_contacted": 6,
    "posts_published": 3,
    "tips_received": 12,
    "tips_valuable": 9,
    "cases_solved_from_tips": 2,
    "wanted_surrendered": 1,
    "offenders_reeducated": 5,
    "guns_recovered": 1,
    "explosives_kg_recovered": "0.5",
    "firecrackers_kg_recovered": "13.85",
    "crude_weapons_recovered": 3,
    "self_management_teams": 7,
    "models_active": 2,
}


class Clock:
    """The instant the services see as now; tests move it."""

    def __init__(self, monkeypatch):
        self.moment = timezone.now()
        monkeypatch.setattr(services, "now", lambda: self.moment)
        monkeypatch.setattr(selectors, "today", lambda: timezone.localdate(self.moment))

    def set(self, day: date, hour: int = 9) -> None:
        self.moment = timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture(autouse=True)
def default_forms(request):
    """The default forms come from a data migration, which a transactional test's flush
    empties: load them again (re-running changes nothing)."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if not uses_db:
        return  # a test of pure functions (periods, parsing) needs no database
    wanted = "transactional_db" if "transactional_db" in request.fixturenames else "db"
    request.getfixturevalue(wanted)
    load_default_forms(Indicator, ReportForm, FormIndicator, CrossRule)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def monthly(db):
    return ReportForm.objects.get(code=MONTHLY)


@pytest.fixture
def commune3(tree):
    """A third commune of province 38, so a month can have one missing."""
    from conftest import _Root

    return unit_services.unit_create(
        actor=_Root(),
        code="16450",
        name="Xã Quảng Tâm",
        kind="commune",
        parent=tree["38"],
        valid_from=date(2025, 7, 1),
    )


@pytest.fixture
def officer(persona):
    def make(unit_code: str):
        return persona(Role.COMMUNE_OFFICER, unit_code)

    return make


@pytest.fixture
def submit(monthly, clock, tree):
    """Submit (or save) a commune's month through the service, at a given date."""

    def do(account, unit_code, period="2026-09", values=None, *, on=None, send=True):
        if on is not None:
            clock.set(on)
        return services.report_save(
            actor=account,
            form=monthly,
            unit=tree[unit_code],
            period_key=period,
            values=FIGURES if values is None else values,
            submit=send,
        )

    return do


@pytest.fixture
def september(officer, persona, submit, commune3):
    """September 2026 in province 38: one commune on time, one late, one with a mere draft.

    A commune of another province reports too, and must count nowhere in 38.
    """
    submit(officer("16417"), "16417", on=date(2026, 10, 5))  # the last day on time
    submit(
        officer("16522"),
        "16522",
        values={**FIGURES, "propaganda_sessions": 6},
        on=date(2026, 10, 6),
    )
    submit(officer("16450"), "16450", values={"propaganda_sessions": 50}, send=False)
    submit(persona(Role.COMMUNE_OFFICER, "00004"), "00004", on=date(2026, 10, 1))
