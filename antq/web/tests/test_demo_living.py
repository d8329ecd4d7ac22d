"""The demo looks like a living province: last year done, this year under way (issue 9)."""

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from antq.evaluation.models import Assessment, Registration
from antq.reports import rollups
from antq.reports import selectors as report_selectors
from antq.reports.periods import period_containing
from antq.targets import metrics
from antq.units.admin_data import admin_units_load
from antq.units.models import Unit
from antq.web.demo import demo_seed

DAY = datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def demo(db):
    with time_machine.travel(DAY, tick=False):
        admin_units_load(province="38")
        demo_seed(province_code="38")
        yield Unit.objects.get(code="38")


def _last_year_is_complete_with_believable_shares(demo):
    for subject in ("commune", "residential_area", "establishment"):
        recognised = metrics.measure(demo, 2025, "recognised_share", subject).share
        classified = metrics.measure(demo, 2025, "good_or_better_share", subject).share
        assert 50 <= recognised <= 95, (subject, recognised)
        assert 50 <= classified <= 95, (subject, classified)


def _twelve_months_of_report_totals_are_not_zero(demo):
    form = report_selectors.form_get(code="movement-monthly")
    month = period_containing(DAY.date(), form.period_type).previous()
    for _ in range(12):
        totals = {
            row["indicator"].code: row["value"]
            for row in rollups.rollup_totals(form, month, month, demo)
        }
        assert totals["propaganda_sessions"], month.key
        figures = rollups.completeness(form, month, demo)
        assert figures.missing + figures.late > 0  # a few late or missing, never a perfect month
        assert figures.received > 0.85 * figures.expected
        month = month.previous()


def _no_commune_repeats_a_residential_area_name(demo):
    names = list(
        Unit.objects.filter(kind="residential_area", path__startswith=demo.path).values_list(
            "parent_id", "name"
        )
    )
    assert len(names) > 500
    assert len(set(names)) == len(names)
    across = Counter(name for _parent, name in names)
    assert sum(n - 1 for n in across.values()) < len(names) // 10  # few repeat in the province
    prefixes = {name.split(" ")[0] for _parent, name in names}
    assert {"Thôn", "Tổ", "Khu", "Bản"} <= prefixes


def _this_year_is_under_way_at_every_stage(demo):
    statuses = Counter(Assessment.objects.filter(year__year=2026).values_list("status", flat=True))
    assert {"draft", "submitted", "returned", "verified"} <= set(statuses)
    returned = Assessment.objects.filter(year__year=2026, status="returned")
    assert all(a.return_reason for a in returned)
    registrations = Registration.objects.filter(year__year=2026)
    late = [r for r in registrations if r.after_quarter_one]
    assert 0 < len(late) < registrations.count() // 4
    areas = Unit.objects.filter(kind="residential_area", path__startswith=demo.path).count()
    assert registrations.filter(unit__kind="residential_area").count() < areas  # a few missing


def test_the_demo_is_a_living_province(demo):
    """One seed for every check: seeding the province takes the better part of a minute."""
    _last_year_is_complete_with_believable_shares(demo)
    _twelve_months_of_report_totals_are_not_zero(demo)
    _no_commune_repeats_a_residential_area_name(demo)
    _this_year_is_under_way_at_every_stage(demo)
