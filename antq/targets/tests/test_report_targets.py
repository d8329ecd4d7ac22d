"""Targets read from the periodic reports: on-time reporting and indicator totals.

Every test here runs at 09:00 on 2 October of YEAR, frozen with time_machine for the services,
the selectors and the reports alike (a patched report clock beside the real date made them
depend on the day they ran).
"""

import math
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from antq.core.errors import FieldErrors
from antq.core.roles import Role
from antq.reports import selectors as report_selectors
from antq.reports import services as report_services
from antq.reports.tests.conftest import FIGURES
from antq.targets import selectors

from .support import YEAR, target

NOW = datetime(YEAR, 10, 2, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def september_on_time(tree, persona, frozen):
    """September reported on time by commune 16417; commune 16522 reported nothing."""
    report_services.report_save(
        actor=persona(Role.COMMUNE_OFFICER),
        form=report_selectors.form_get(code="movement-monthly"),
        unit=tree.commune,
        period_key=f"{YEAR}-09",
        values=FIGURES,
        submit=True,
    )


def test_on_time_reporting_share_gap_and_who_is_missing(tree, persona, september_on_time):
    goal = target(
        persona,
        tree,
        metric="reports_on_time_share",
        subject="",
        comparison="gte",
        value=Decimal(80),
        form_code="movement-monthly",
    )
    result = selectors.attainment_of(goal)
    # On 2 October nine months have closed, for two communes: one report of eighteen.
    assert (result.measure.hits, result.measure.total) == (1, 18)
    assert not result.met
    assert result.gap == math.ceil(0.8 * 18) - 1
    assert {c.unit.code for c in result.closest} == {"16522"}  # who lacks the last month


def test_indicator_total_over_the_year(tree, persona, september_on_time):
    goal = target(
        persona,
        tree,
        metric="indicator_total",
        subject="",
        comparison="gte",
        value=Decimal(20),
        form_code="movement-monthly",
        indicator_code="tips_received",
    )
    result = selectors.attainment_of(goal)
    assert (result.current, result.met, result.gap) == (Decimal(12), False, 8)
    goal.value = Decimal(12)
    goal.save()
    assert selectors.attainment_of(goal).met


def test_indicator_ratio_over_the_year(tree, persona, september_on_time):
    goal = target(
        persona,
        tree,
        metric="indicator_ratio",
        subject="",
        comparison="gte",
        value=Decimal(70),
        form_code="movement-monthly",
        indicator_code="tips_valuable",
        denominator_code="tips_received",
    )
    result = selectors.attainment_of(goal)
    assert (result.measure.hits, result.measure.total, result.current) == (9, 12, Decimal("75.0"))
    assert result.met


def test_a_report_target_names_an_existing_form_and_indicator(tree, persona):
    with pytest.raises(FieldErrors) as caught:
        target(
            persona,
            tree,
            metric="indicator_total",
            subject="",
            comparison="gte",
            value=Decimal(1),
            form_code="movement-monthly",
            indicator_code="khong_co",
        )
    assert set(caught.value.errors) == {"indicator_code"}
    with pytest.raises(FieldErrors) as caught:
        target(
            persona,
            tree,
            metric="indicator_ratio",
            subject="",
            comparison="gte",
            value=Decimal(1),
            form_code="movement-monthly",
            indicator_code="tips_valuable",
        )
    assert set(caught.value.errors) == {"denominator_code"}
    with pytest.raises(FieldErrors):
        target(
            persona,
            tree,
            metric="reports_on_time_share",
            subject="",
            comparison="gte",
            value=Decimal(1),
            form_code="khong-co",
        )
