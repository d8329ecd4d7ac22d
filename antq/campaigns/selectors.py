"""Reads on campaigns, scoped to the reader: lists, totals rolled up the tree, report figures."""

from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.core.history import history_of
from antq.core.text import fold
from antq.units.models import Unit
from antq.units.permissions import scope_path

from .models import Activity, Campaign

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


def _visible(user) -> Q:
    """Campaigns owned in the user's area, or by a unit above it (a province's festival day)."""
    prefix = scope_path(user)
    if prefix is None:
        return Q()
    above = [prefix[: i + 1] for i, ch in enumerate(prefix) if ch == "/"]
    return Q(owner__path__startswith=prefix) | Q(owner__path__in=above)


def campaign_list(*, user, q=None, kind=None, year=None) -> QuerySet[Campaign]:
    """Search (without diacritics) and filter the campaigns the user may see."""
    rows = Campaign.objects.select_related("owner").filter(_visible(user))
    if q and fold(q):
        rows = rows.filter(search_text__contains=fold(q))
    if kind:
        rows = rows.filter(kind=kind)
    if year:
        rows = rows.filter(start__year=year)
    prefix = scope_path(user) or ""
    area = Q(activities__unit__path__startswith=prefix)
    return rows.annotate(
        activity_count=Count("activities", filter=area, distinct=True),
        attendee_total=Coalesce(Sum("activities__attendees", filter=area), 0),
    ).order_by("-start", "name", "pk")


def campaign_get(*, user, pk: int) -> Campaign:
    found = Campaign.objects.select_related("owner").filter(_visible(user), pk=pk).first()
    if found is None:
        raise NotFound(_("No campaign here."))
    return found


def viewer_unit(*, user, campaign: Campaign):
    """The subtree a reader's figures cover: their own unit, or the owner for the country."""
    if scope_path(user) is None or user.unit is None:
        return campaign.owner
    return campaign.owner if campaign.owner.path.startswith(user.unit.path) else user.unit


def activities(*, campaign: Campaign, unit) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(campaign=campaign, unit__path__startswith=unit.path)
        .select_related("unit")
        .annotate(files=Count("attachments"))
        .order_by("-date", "-pk")
    )


def activity_get(*, user, campaign: Campaign, pk: int) -> Activity:
    unit = viewer_unit(user=user, campaign=campaign)
    found = activities(campaign=campaign, unit=unit).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No activity here."))
    return found


def units_taking_part(*, campaign: Campaign, unit) -> QuerySet[Unit]:
    """The campaign's units in the reader's subtree (or the units above it that include it)."""
    rows = campaign.units.filter(Q(path__startswith=unit.path) | Q(pk=unit.pk))
    return rows.order_by("sort_name", "code")


def by_commune(*, campaign: Campaign, unit) -> list[dict]:
    """Totals per commune of `unit`'s subtree (a commune's own and its areas' activities)."""
    communes = {
        c.path: c
        for c in Unit.objects.filter(path__startswith=unit.path, kind="commune").order_by(
            "sort_name"
        )
    }
    if unit.kind == "commune":
        communes = {unit.path: unit}
    agg = {f: Coalesce(Sum(f), 0) for f in FIELDS}
    grouped = (
        Activity.objects.filter(campaign=campaign, unit__path__startswith=unit.path)
        .values("unit__path")
        .annotate(activities=Count("pk"), **agg)
    )
    rows = {
        path: {"unit": c, "activities": 0, **dict.fromkeys(FIELDS, 0)}
        for path, c in communes.items()
    }
    for line in grouped:
        path = line["unit__path"]
        commune = next((p for p in rows if path.startswith(p)), None)
        if commune is None:
            continue
        for key in ["activities", *FIELDS]:
            rows[commune][key] += line[key]
    return list(rows.values())


def campaign_history(*, campaign: Campaign) -> list[dict]:
    return history_of(campaign, excluded_fields=("search_text",))


def activity_history(*, activity: Activity) -> list[dict]:
    return history_of(activity)


def recordable_units(*, user, campaign: Campaign) -> list[Unit]:
    """Units the user may record for: their own unit and the units taking part in their area."""
    unit = getattr(user, "unit", None)
    paths = list(campaign.units.values_list("path", flat=True))
    picked = []
    mine = unit is not None and unit.path.startswith(campaign.owner.path)
    if mine and (not paths or any(unit.path.startswith(p) for p in paths)):
        picked.append(unit)
    prefix = scope_path(user)
    inside = (
        campaign.units.all() if prefix is None else campaign.units.filter(path__startswith=prefix)
    )
    picked += [u for u in inside.order_by("sort_name") if u not in picked]
    return picked
