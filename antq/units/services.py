"""Changes to the unit tree. Each one checks, writes and records its history atomically."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, NotFound, PermissionDenied
from antq.core.history import save_with_history as _save
from antq.core.versions import check_version

from . import permissions
from .choices import ReorganisationKind
from .models import PATH_SEPARATOR, Reorganisation, Unit, UnitPlacement, UnitSuccession
from .selectors import placement_of, today
from .validation import unit_errors


class UnitInvalid(FieldErrors):
    """The values of a unit are wrong."""


def path_for(parent: Unit | None, code: str) -> str:
    return f"{parent.path if parent else ''}{code}{PATH_SEPARATOR}"


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _check_visible(actor, unit: Unit) -> None:
    if not permissions.in_scope(actor, unit.path):
        raise NotFound(_("No unit with code %(code)s.") % {"code": unit.code})


@transaction.atomic
def unit_create(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    valid_from: date | None = None,
    managing_level: str = "",
    division_type: str = "",
    address: str = "",
    out_of_scope_reason: str = "",
    reason: str = "",
) -> Unit:
    """Create a unit under `parent`, valid from `valid_from` (default: the parent's start)."""
    if parent is not None:
        _check_visible(actor, parent)
    if not permissions.can_create_unit(
        actor, parent_path=parent.path if parent else None, kind=kind
    ):
        raise PermissionDenied(_("You may not create this kind of unit here."))
    code, name = code.strip(), " ".join(name.split())
    errors = unit_errors(
        code=code,
        name=name,
        kind=kind,
        parent_kind=parent.kind if parent else None,
        managing_level=managing_level,
    )
    if "code" not in errors and Unit.objects.filter(code=code).exists():
        errors["code"] = _("The code %(code)s is already used by another unit.") % {"code": code}
    start = valid_from or (parent.valid_from if parent else today())
    if parent is not None and "parent" not in errors and placement_of(parent, start) is None:
        errors["valid_from"] = _("The parent unit did not exist on %(day)s.") % {"day": _fmt(start)}
    if errors:
        raise UnitInvalid(errors)
    unit = Unit(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        path=path_for(parent, code),
        managing_level=managing_level,
        division_type=division_type,
        address=address.strip(),
        out_of_scope_reason=out_of_scope_reason.strip(),
        valid_from=start,
    )
    unit.depth = unit.path.count(PATH_SEPARATOR)
    _save(unit, actor=actor, reason=reason or _("Created"))
    _open_placement(unit, parent=parent, name=name, path=unit.path, on=start)
    return unit


EDITABLE_FIELDS = ("name", "division_type", "managing_level", "address", "out_of_scope_reason")


@transaction.atomic
def unit_update(
    *, actor, unit: Unit, reason: str = "", version: str | None = None, **values: str
) -> Unit:
    """Correct a unit's descriptive fields; a new official name on a date is a rename.

    `version` is the one the form was opened at (`antq.core.versions`): when someone saved
    the unit since, the correction is refused with what changed, and nothing is written.
    """
    _check_visible(actor, unit)
    if not permissions.can_edit_unit(actor, unit):
        raise PermissionDenied(_("You may not change this unit."))
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(
            _("These fields cannot be changed here: %(f)s.") % {"f": ", ".join(unknown)}
        )
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    check_version(
        unit,
        version=version,
        submitted={f: _shown(f, v) for f, v in values.items()},
        saved={f: _shown(f, getattr(unit, f)) for f in values},
        labels={f: capfirst(Unit._meta.get_field(f).verbose_name) for f in values},
    )
    for field, value in values.items():
        setattr(unit, field, " ".join(value.split()) if field == "name" else value.strip())
    errors = unit_errors(
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        parent_kind=unit.parent.kind if unit.parent else None,
        managing_level=unit.managing_level,
    )
    if errors:
        raise UnitInvalid(errors)
    _save(unit, actor=actor, reason=reason or _("Corrected"))
    if "name" in values:
        # A correction applies to the name the unit bears now, not to earlier names.
        open_placement = unit.placements.filter(valid_to__isnull=True).first()
        if open_placement is not None:
            _set_placement(open_placement, parent=unit.parent, name=unit.name, path=unit.path)
    return unit


def _shown(field: str, value: str) -> str:
    choices = dict(Unit._meta.get_field(field).flatchoices)
    return str(choices.get(value, value)) if choices else " ".join(str(value).split())


def _set_placement(placement: UnitPlacement, *, parent: Unit | None, name: str, path: str):
    from antq.core.text import sort_key

    from .models import search_text_for

    placement.parent, placement.name, placement.path = parent, name, path
    placement.search_text = search_text_for(name, placement.unit.code)
    placement.sort_name = sort_key(name)
    placement.save()


def _open_placement(unit: Unit, *, parent: Unit | None, name: str, path: str, on: date):
    """Start the unit's placement from `on`, closing the one before it."""
    current = unit.placements.filter(valid_to__isnull=True).first()
    if current is not None and current.valid_from > on:
        raise DomainError(
            _("%(unit)s already changes on %(later)s, after %(day)s; record changes in order.")
            % {"unit": unit.name, "later": _fmt(current.valid_from), "day": _fmt(on)}
        )
    if current is not None and current.valid_from == on:
        _set_placement(current, parent=parent, name=name, path=path)
        return current
    if current is not None:
        current.valid_to = on - timedelta(days=1)
        current.save(update_fields=["valid_to"])
    placement = UnitPlacement(unit=unit, valid_from=on)
    _set_placement(placement, parent=parent, name=name, path=path)
    return placement


def _close(unit: Unit, *, on: date, actor, reason: str) -> None:
    """End the unit's existence the day before `on`."""
    last_day = on - timedelta(days=1)
    current = unit.placements.filter(valid_to__isnull=True).first()
    if current is not None:
        if current.valid_from > last_day:
            raise DomainError(
                _("%(unit)s only exists from %(day)s.")
                % {"unit": unit.name, "day": _fmt(current.valid_from)}
            )
        current.valid_to = last_day
        current.save(update_fields=["valid_to"])
    unit.valid_to = last_day
    _save(unit, actor=actor, reason=reason)


def _replace(unit: Unit, *, parent: Unit | None, name: str, on: date, actor, reason: str):
    """Place `unit` (and its subtree, if its path changes) under `parent` from `on`."""
    old_path, new_path = unit.path, path_for(parent, unit.code)
    _open_placement(unit, parent=parent, name=name, path=new_path, on=on)
    unit.parent, unit.name, unit.path = parent, name, new_path
    unit.depth = new_path.count(PATH_SEPARATOR)
    _save(unit, actor=actor, reason=reason)
    if new_path == old_path:
        return
    descendants = (
        Unit.objects.filter(path__startswith=old_path)
        .exclude(pk=unit.pk)
        .exclude(valid_to__lt=on)
        .order_by("depth")
    )
    for child in descendants:
        child_path = new_path + child.path[len(old_path) :]
        _open_placement(child, parent=child.parent, name=child.name, path=child_path, on=on)
        child.path = child_path
        child.depth = child_path.count(PATH_SEPARATOR)
        _save(child, actor=actor, reason=reason)


def _check_can_reorganise(actor, units: list[Unit]) -> None:
    for unit in units:
        _check_visible(actor, unit)
        if not permissions.can_reorganise(actor, unit):
            raise PermissionDenied(_("You may not reorganise %(unit)s.") % {"unit": unit.name})


def _check_alive(unit: Unit, on: date) -> None:
    if unit.valid_from > on or (unit.valid_to is not None and unit.valid_to < on):
        raise DomainError(
            _("%(unit)s does not exist on %(day)s.") % {"unit": unit.name, "day": _fmt(on)}
        )


def _record(kind: str, *, actor, on: date, basis: str, reason: str, units) -> Reorganisation:
    act = Reorganisation.objects.create(
        kind=kind, effective_date=on, basis=basis, reason=reason, recorded_by=actor
    )
    act.units.set(units)
    return act


def _live_children(unit: Unit, on: date) -> list[Unit]:
    return list(Unit.objects.filter(parent=unit).exclude(valid_to__lt=on).order_by("code"))


@dataclass(frozen=True)
class NewUnit:
    code: str
    name: str


@transaction.atomic
def units_merge(
    *,
    actor,
    sources: list[Unit],
    on: date,
    into: Unit | None = None,
    new_unit: NewUnit | None = None,
    basis: str = "",
    reason: str = "",
) -> Unit:
    """Merge `sources` into an existing unit or a new one from `on`; their children follow."""
    if (into is None) == (new_unit is None):
        raise DomainError(_("Choose either an existing unit or a new unit to merge into."))
    if len(sources) < 1 or (into is None and len(sources) < 2):
        raise DomainError(_("A merger needs at least two units."))
    if into is not None and into in sources:
        raise DomainError(_("A unit cannot be merged into itself."))
    kinds = {u.kind for u in sources} | ({into.kind} if into else set())
    if len(kinds) != 1:
        raise DomainError(_("Only units of the same kind can be merged."))
    _check_can_reorganise(actor, [*sources, *([into] if into else [])])
    for unit in [*sources, *([into] if into else [])]:
        _check_alive(unit, on)
    if new_unit is not None:
        into = unit_create(
            actor=actor,
            code=new_unit.code,
            name=new_unit.name,
            kind=sources[0].kind,
            parent=sources[0].parent,
            valid_from=on,
            division_type=sources[0].division_type,
            managing_level=sources[0].managing_level,
            reason=_("Created by merging %(units)s")
            % {"units": ", ".join(u.name for u in sources)},
        )
    assert into is not None
    act = _record(
        ReorganisationKind.MERGE,
        actor=actor,
        on=on,
        basis=basis,
        reason=reason,
        units=[*sources, into],
    )
    note = _("Merged into %(target)s from %(day)s") % {"target": into.name, "day": _fmt(on)}
    if basis:
        note = f"{note} ({basis})"
    for source in sources:
        for child in _live_children(source, on):
            _replace(child, parent=into, name=child.name, on=on, actor=actor, reason=note)
        _close(source, on=on, actor=actor, reason=note)
        UnitSuccession.objects.create(predecessor=source, successor=into, reorganisation=act)
    into.refresh_from_db()
    _save(
        into,
        actor=actor,
        reason=_("Took over %(units)s from %(day)s")
        % {"units": ", ".join(u.name for u in sources), "day": _fmt(on)},
    )
    return into


@transaction.atomic
def unit_split(
    *,
    actor,
    source: Unit,
    parts: list[NewUnit],
    on: date,
    children_to: dict[str, str] | None = None,
    basis: str = "",
    reason: str = "",
) -> list[Unit]:
    """Split `source` into new units from `on`; `children_to` maps child code to part code."""
    if len(parts) < 2:
        raise DomainError(_("A split needs at least two new units."))
    _check_can_reorganise(actor, [source])
    _check_alive(source, on)
    created = [
        unit_create(
            actor=actor,
            code=part.code,
            name=part.name,
            kind=source.kind,
            parent=source.parent,
            valid_from=on,
            division_type=source.division_type,
            managing_level=source.managing_level,
            reason=_("Created by splitting %(unit)s") % {"unit": source.name},
        )
        for part in parts
    ]
    by_code = {unit.code: unit for unit in created}
    mapping = children_to or {}
    unknown = set(mapping.values()) - set(by_code)
    if unknown:
        raise DomainError(_("Unknown new unit codes: %(codes)s.") % {"codes": ", ".join(unknown)})
    act = _record(
        ReorganisationKind.SPLIT,
        actor=actor,
        on=on,
        basis=basis,
        reason=reason,
        units=[source, *created],
    )
    note = _("Split into %(units)s from %(day)s") % {
        "units": ", ".join(u.name for u in created),
        "day": _fmt(on),
    }
    for child in _live_children(source, on):
        target = by_code[mapping.get(child.code, created[0].code)]
        _replace(child, parent=target, name=child.name, on=on, actor=actor, reason=note)
    _close(source, on=on, actor=actor, reason=note)
    for unit in created:
        UnitSuccession.objects.create(predecessor=source, successor=unit, reorganisation=act)
    return created


@transaction.atomic
def unit_rename(
    *, actor, unit: Unit, name: str, on: date, basis: str = "", reason: str = ""
) -> Unit:
    """Give the unit a new official name from `on`; the old name stays for earlier dates."""
    _check_can_reorganise(actor, [unit])
    _check_alive(unit, on)
    name = " ".join(name.split())
    if not name:
        raise UnitInvalid({"name": _("The name is required.")})
    _record(ReorganisationKind.RENAME, actor=actor, on=on, basis=basis, reason=reason, units=[unit])
    _replace(
        unit,
        parent=unit.parent,
        name=name,
        on=on,
        actor=actor,
        reason=_("Renamed from %(old)s from %(day)s") % {"old": unit.name, "day": _fmt(on)},
    )
    return unit


@transaction.atomic
def unit_move(
    *, actor, unit: Unit, parent: Unit, on: date, basis: str = "", reason: str = ""
) -> Unit:
    """Move the unit and its subtree under `parent` from `on`."""
    _check_can_reorganise(actor, [unit])
    _check_visible(actor, parent)
    _check_alive(unit, on)
    _check_alive(parent, on)
    if parent.path.startswith(unit.path):
        raise DomainError(_("A unit cannot be moved under itself or its own subtree."))
    errors = unit_errors(
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        parent_kind=parent.kind,
        managing_level=unit.managing_level,
    )
    if errors:
        raise UnitInvalid(errors)
    _record(
        ReorganisationKind.MOVE,
        actor=actor,
        on=on,
        basis=basis,
        reason=reason,
        units=[unit, parent],
    )
    _replace(
        unit,
        parent=parent,
        name=unit.name,
        on=on,
        actor=actor,
        reason=_("Moved under %(parent)s from %(day)s") % {"parent": parent.name, "day": _fmt(on)},
    )
    return unit
