"""Writes on campaigns: create campaigns and the yearly festival days, record activities."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, NotFound, PermissionDenied
from antq.units.permissions import in_scope

from . import permissions
from .calendar import FESTIVAL_DAYS
from .models import Activity, Campaign


@transaction.atomic
def campaign_create(
    *,
    actor,
    owner,
    name: str,
    kind: str,
    start: date,
    end: date,
    theme: str = "",
    units=(),
    legal_basis: str = "",
    reason: str = "",
) -> Campaign:
    if not in_scope(actor, owner.path):
        raise NotFound(_("No unit with code %(code)s.") % {"code": owner.code})
    if not permissions.can_manage_campaign(actor, owner):
        raise PermissionDenied(_("You may not create campaigns for this unit."))
    if end < start:
        raise FieldErrors({"end": _("The window ends before it starts.")})
    c = Campaign(
        owner=owner,
        name=name,
        kind=kind,
        start=start,
        end=end,
        theme=theme,
        legal_basis=legal_basis,
    )
    c._change_reason = reason or _("Campaign created")
    c.save()
    c.units.set([u for u in units if u.path.startswith(owner.path)])
    return c


def festival_days_create(*, actor, province, year: int) -> list[Campaign]:
    """Create the year's festival days from the calendar, once."""
    made = []
    for day in FESTIVAL_DAYS:
        name = day["name"].format(year=year)
        existing = Campaign.objects.filter(owner=province, kind=day["kind"], start__year=year)
        if existing.exists():
            continue
        made.append(
            campaign_create(
                actor=actor,
                owner=province,
                name=name,
                kind=day["kind"],
                start=date(year, *day["start"]),
                end=date(year, *day["end"]),
                legal_basis=day["legal_basis"],
            )
        )
    return made


@transaction.atomic
def activity_record(
    *, actor, campaign: Campaign, unit, kind: str, date: date, reason: str = "", **figures
) -> Activity:
    if not in_scope(actor, unit.path):
        raise NotFound(_("No unit with code %(code)s.") % {"code": unit.code})
    if not permissions.can_record(actor, unit):
        raise PermissionDenied(_("You may not record activities for this unit."))
    if not unit.path.startswith(campaign.owner.path):
        raise DomainError(_("%(unit)s is not in this campaign.") % {"unit": unit.name})
    if not campaign.start <= date <= campaign.end:
        raise FieldErrors(
            {
                "date": _("The date is outside the campaign's window %(s)s–%(e)s.")
                % {"s": f"{campaign.start:%d/%m/%Y}", "e": f"{campaign.end:%d/%m/%Y}"}
            }
        )
    for field, value in figures.items():
        if isinstance(value, int) and value < 0:
            raise FieldErrors({field: _("The figure cannot be negative.")})
    a = Activity(campaign=campaign, unit=unit, kind=kind, date=date, **figures)
    a._change_reason = reason or _("Activity recorded")
    a.save()
    return a
