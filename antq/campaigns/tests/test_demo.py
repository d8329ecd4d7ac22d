"""Demo data and the yearly command: deterministic, relative to today, idempotent."""

from datetime import date

from django.core.management import call_command

from antq.campaigns import demo, selectors
from antq.campaigns.models import Activity, Campaign


def test_demo_last_years_days_have_activities_and_this_years_come_from_calendar(tree, staff):
    today = date(2027, 3, 10)
    demo.seed(province=tree.province, staff=staff, today=today)
    last = {c.kind: c for c in Campaign.objects.filter(start__year=2026)}
    assert set(last) == {"festival_19_8", "anti_drug_26_6", "great_unity"}
    assert Campaign.objects.filter(start__year=2027).count() == 3
    festival = last["festival_19_8"]
    units = set(Activity.objects.filter(campaign=festival).values_list("unit__code", flat=True))
    assert {"16417", "16522"} <= units
    first = selectors.totals(unit=tree.province, campaign=festival)
    assert first["attendees"] > 0 and Activity.objects.filter(campaign=last["anti_drug_26_6"])
    demo.seed(province=tree.province, staff=staff, today=today)
    assert selectors.totals(unit=tree.province, campaign=festival) == first
    assert Campaign.objects.count() == 6


def test_command_creates_every_provinces_days_once(tree):
    call_command("festival_days", year=2028)
    call_command("festival_days", year=2028)
    assert Campaign.objects.filter(start__year=2028).count() == 6  # two provinces, three days
