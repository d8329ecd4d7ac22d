"""Reads of the unit tree, always scoped to the reader."""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from antq.core.errors import NotFound
from antq.core.history import history_of
from antq.core.text import fold

from . import permissions
from .models import Unit, UnitPlacement


def today() -> date:
    return timezone.localdate()


def scoped_units(*, user) -> QuerySet[Unit]:
    """Return every unit the user may see, whatever its dates."""
    prefix = permissions.scope_path(user)
    units = Unit.objects.all()
    return units if prefix is None else units.filter(path__startswith=prefix)


def unit_get(*, user, code: str) -> Unit:
    """Return the unit with this code, or NotFound when missing or out of the user's scope."""
    unit = scoped_units(user=user).select_related("parent").filter(code=code).first()
    if unit is None:
        raise NotFound(_not_found_message(code))
    return unit


def _not_found_message(code: str) -> str:
    return gettext("No unit with code %(code)s.") % {"code": code}


def placements_on(day: date) -> QuerySet[UnitPlacement]:
    return UnitPlacement.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day
    )


def placement_of(unit: Unit, day: date) -> UnitPlacement | None:
    return placements_on(day).filter(unit=unit).first()


def unit_list(
    *,
    user,
    as_of: date | None = None,
    parent: Unit | None = None,
    under: Unit | None = None,
    kind: str | None = None,
    q: str | None = None,
) -> QuerySet[UnitPlacement]:
    """Return the units as the tree stood on `as_of` (default today), in Vietnamese order.

    `parent` keeps its direct children, `under` its whole subtree, `q` matches name or code
    ignoring case and diacritics. Each row is a placement: its name and parent are those of
    that date; the unit's own fields are on `row.unit`.
    """
    day = as_of or today()
    rows = placements_on(day).select_related("unit", "parent")
    prefix = permissions.scope_path(user)
    if prefix is not None:
        rows = rows.filter(unit__path__startswith=prefix)
    if parent is not None:
        rows = rows.filter(parent=parent)
    if under is not None:
        under_placement = placement_of(under, day)
        if under_placement is None:
            return rows.none()
        rows = rows.filter(path__startswith=under_placement.path).exclude(unit=under)
    if kind:
        rows = rows.filter(unit__kind=kind)
    if q and fold(q):
        rows = rows.filter(search_text__contains=fold(q))
    return rows.order_by("sort_name", "unit__code")


def unit_kind_counts(*, unit: Unit, as_of: date | None = None) -> dict[str, int]:
    """Count the units below `unit` on a date, by kind, in one query."""
    day = as_of or today()
    placement = placement_of(unit, day)
    if placement is None:
        return {}
    rows = (
        placements_on(day)
        .filter(path__startswith=placement.path)
        .exclude(unit=unit)
        .values("unit__kind")
        .annotate(n=Count("id"))
    )
    return {row["unit__kind"]: row["n"] for row in rows}


def unit_history(*, unit: Unit) -> list[dict]:
    """Return the unit's recorded changes, newest first, each with its field-by-field diff."""
    return history_of(unit, excluded_fields=("path", "depth"))


def unit_placements(*, unit: Unit) -> QuerySet[UnitPlacement]:
    return unit.placements.select_related("parent").order_by("valid_from")
