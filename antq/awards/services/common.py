"""Helpers shared by the award services."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.units.permissions import in_scope


def record(obj, *, actor, reason: str = "") -> None:
    """Save `obj` with its author and reason in the history (same transaction as the write)."""
    obj._history_user = actor if getattr(actor, "pk", None) else None
    obj._change_reason = reason or None
    obj.save()


def account(actor):
    return actor if getattr(actor, "pk", None) else None


def today() -> date:
    return timezone.localdate()


def fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def check_visible(actor, unit) -> None:
    if not in_scope(actor, unit.path):
        raise NotFound(_("No unit with code %(code)s.") % {"code": unit.code})


def province_of(unit):
    """Return the province the unit's path starts with."""
    from antq.units.models import Unit

    return Unit.objects.get(code=unit.path.split("/")[0])
