"""Reads on campaigns: totals rolled up the tree by path prefix, and report figures."""

from datetime import date

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from .models import Activity

FIELDS = ["attendees", "propaganda_sessions", "gifts", "gifts_value", "awards", "models_launched"]


def totals(*, unit, campaign=None, start: date | None = None, end: date | None = None) -> dict:
    """Sums of the activities of `unit`'s subtree (one SQL aggregation)."""
    qs = Activity.objects.filter(unit__path__startswith=unit.path)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    agg = {f: Coalesce(Sum(f), 0) for f in FIELDS}
    return qs.aggregate(activities=Count("pk"), **agg)


def report_figures(*, unit, start: date, end: date) -> dict[str, int]:
    """Indicator values of the default forms: propaganda sessions and attendances."""
    t = totals(unit=unit, start=start, end=end)
    return {
        "propaganda_sessions": t["propaganda_sessions"],
        "propaganda_attendances": t["attendees"],
    }
