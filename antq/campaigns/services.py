"""Writes on campaigns: create and edit campaigns, the yearly festival days, activities, files."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, NotFound, PermissionDenied
from antq.core.history import save_with_history
from antq.units.models import Unit
from antq.units.permissions import in_scope

from . import permissions
from .calendar import festival_days
from .files import checked_attachment
from .models import Activity, Attachment, Campaign, CampaignKind

EDITABLE_FIELDS = ("name", "theme", "kind", "start", "end", "legal_basis")
FIGURES = ("attendees", "propaganda_sessions", "gifts", "gifts_value", "awards", "models_launched")
TEXTS = ("place", "participants")


@dataclass
class Pick:
    """Units chosen by tree and kind: every unit of `kinds` under `root`, plus `codes`."""

    root: Unit
    kinds: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def units_picked(*, owner: Unit, pick: Pick | None) -> list[Unit]:
    """Resolve a pick inside the owner's subtree; a code outside it or unknown is refused."""
    if pick is None:
        return []
    if not pick.root.path.startswith(owner.path):
        raise FieldErrors({"root": _("No unit with code %(code)s.") % {"code": pick.root.code}})
    chosen = {}
    if pick.kinds:
        under = Unit.objects.filter(path__startswith=pick.root.path, kind__in=pick.kinds)
        chosen.update({u.pk: u for u in under.filter(valid_to__isnull=True)})
    if pick.codes:
        found = {u.code: u for u in Unit.objects.filter(code__in=pick.codes)}
        unknown = [
            c for c in pick.codes if c not in found or not found[c].path.startswith(owner.path)
        ]
        if unknown:
            raise FieldErrors(
                {"codes": _("No unit with code %(code)s.") % {"code": ", ".join(unknown)}}
            )
        chosen.update({u.pk: u for u in found.values()})
    return list(chosen.values())


def _check_window(start: date, end: date) -> None:
    if end < start:
        raise FieldErrors({"end": _("The window ends before it starts.")})


def _check_manage(actor, owner) -> None:
    if not in_scope(actor, owner.path):
        raise NotFound(_("No unit with code %(code)s.") % {"code": owner.code})
    if not permissions.can_manage_campaign(actor, owner):
        raise PermissionDenied(_("You may not create campaigns for this unit."))


def _check_kind(kind: str) -> None:
    if kind not in CampaignKind.values:
        raise FieldErrors({"kind": _("Choose the kind of campaign.")})


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
    pick: Pick | None = None,
    legal_basis: str = "",
    basis_provisional: bool = False,
    reason: str = "",
) -> Campaign:
    """Create a campaign of `owner`; `actor` None is the system (the yearly calendar)."""
    if actor is not None:
        _check_manage(actor, owner)
    if not (name or "").strip():
        raise FieldErrors({"name": _("Give the campaign a name.")})
    _check_kind(kind)
    _check_window(start, end)
    chosen = [u for u in units if u.path.startswith(owner.path)]
    chosen += units_picked(owner=owner, pick=pick)
    c = Campaign(
        owner=owner,
        name=name.strip(),
        kind=kind,
        start=start,
        end=end,
        theme=theme,
        legal_basis=legal_basis,
        basis_provisional=basis_provisional,
    )
    save_with_history(c, actor=actor, reason=reason or _("Campaign created"))
    c.units.set(chosen)
    return c


@transaction.atomic
def campaign_update(*, actor, campaign: Campaign, reason: str, pick: Pick | None = None, **values):
    """Correct a campaign's details (and, given a pick, its units), with the reason kept."""
    _check_manage(actor, campaign.owner)
    if not (reason or "").strip():
        raise FieldErrors({"reason": _("Say why the campaign is changed.")})
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise FieldErrors({f: _("This field cannot be changed.") for f in unknown})
    for name, value in values.items():
        setattr(campaign, name, value)
    _check_kind(campaign.kind)
    _check_window(campaign.start, campaign.end)
    outside = campaign.activities.exclude(date__range=(campaign.start, campaign.end)).count()
    if outside:
        raise FieldErrors(
            {"start": _("%(n)s activity(ies) would fall outside the new window.") % {"n": outside}}
        )
    save_with_history(campaign, actor=actor, reason=reason.strip())
    if pick is not None:
        campaign.units.set(units_picked(owner=campaign.owner, pick=pick))
    return campaign


def festival_days_create(*, actor, province, year: int) -> list[Campaign]:
    """Create the year's festival days from the calendar, once (a second call adds nothing).

    Every commune of the province takes part by default. `actor` None is the system.
    """
    if actor is not None:
        _check_manage(actor, province)
    communes = list(
        Unit.objects.filter(path__startswith=province.path, kind="commune", valid_to__isnull=True)
    )
    made = []
    for day in festival_days():
        existing = Campaign.objects.filter(owner=province, kind=day["kind"], start__year=year)
        if existing.exists():
            continue
        made.append(
            campaign_create(
                actor=None,
                owner=province,
                name=day["name"].format(year=year),
                kind=day["kind"],
                start=date(year, *day["start"]),
                end=date(year, *day["end"]),
                legal_basis=day["legal_basis"],
                basis_provisional=bool(day.get("provisional")),
                units=communes,
                reason=_("Created from the calendar of festival days"),
            )
        )
    return made


def festival_days_all_provinces(*, year: int) -> int:
    """The system's yearly run: every province's festival days for `year`; returns how many."""
    provinces = Unit.objects.filter(kind="province", parent__isnull=True, valid_to__isnull=True)
    return sum(len(festival_days_create(actor=None, province=p, year=year)) for p in provinces)


def _takes_part(campaign: Campaign, unit) -> bool:
    if not unit.path.startswith(campaign.owner.path):
        return False
    paths = list(campaign.units.values_list("path", flat=True))
    return not paths or any(unit.path.startswith(p) for p in paths)


@transaction.atomic
def activity_record(
    *, actor, campaign: Campaign, unit, kind: str, date: date, reason: str = "", **figures
) -> Activity:
    if not in_scope(actor, unit.path):
        raise NotFound(_("No unit with code %(code)s.") % {"code": unit.code})
    if not permissions.can_record(actor, unit):
        raise PermissionDenied(_("You may not record activities for this unit."))
    if not _takes_part(campaign, unit):
        raise DomainError(_("%(unit)s is not in this campaign.") % {"unit": unit.name})
    if not (kind or "").strip():
        raise FieldErrors({"kind": _("Say what was held.")})
    if not campaign.start <= date <= campaign.end:
        raise FieldErrors(
            {
                "date": _("The date is outside the campaign's window %(s)s–%(e)s.")
                % {"s": f"{campaign.start:%d/%m/%Y}", "e": f"{campaign.end:%d/%m/%Y}"}
            }
        )
    unknown = set(figures) - set(FIGURES) - set(TEXTS)
    if unknown:
        raise FieldErrors({f: _("This field cannot be changed.") for f in unknown})
    for name, value in figures.items():
        if name in FIGURES and (value is None or value < 0):
            raise FieldErrors({name: _("The figure cannot be negative.")})
    a = Activity(campaign=campaign, unit=unit, kind=kind.strip(), date=date, **figures)
    save_with_history(a, actor=actor, reason=reason or _("Activity recorded"))
    return a


@transaction.atomic
def attachment_add(*, actor, activity: Activity, upload) -> Attachment:
    """Attach a photo or a document to an activity; the file is checked (type, size) first."""
    if not in_scope(actor, activity.unit.path):
        raise NotFound(_("No activity here."))
    if not permissions.can_record(actor, activity.unit):
        raise PermissionDenied(_("You may not record activities for this unit."))
    stored, kind, mime = checked_attachment(upload)
    attachment = Attachment(
        activity=activity,
        kind=kind,
        file=stored,
        name=stored.name,
        mime=mime,
        size=stored.size,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    save_with_history(attachment, actor=actor, reason=_("File attached"))
    return attachment
