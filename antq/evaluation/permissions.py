"""Who may do what in the yearly cycle; used by services, views and templates alike."""

from datetime import date

from antq.core.roles import Role
from antq.units.models import Unit
from antq.units.permissions import in_scope, is_admin
from antq.units.selectors import placement_of

from .choices import Authority
from .options import REORGANISATION_DAY

ASSESSOR_ROLES = frozenset({Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER, Role.ESTABLISHMENT_OFFICER})
VERIFIER_ROLES = frozenset({Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER})
DECIDER_ROLES = frozenset({Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER, Role.LEADER})


def _has_any(user, roles) -> bool:
    return is_admin(user) or any(user.has_role(r) for r in roles)


def province_code_of(path: str) -> str:
    """Return the code of the province a unit belongs to: the first segment of its path."""
    return path.split("/", 1)[0]


def user_province_code(user) -> str | None:
    """Return the code of the account's province; None for an administrator (whole country).

    An account without a unit belongs to no province: it gets an impossible code.
    """
    if is_admin(user):
        return None
    if user.unit_id is None:
        return "\x00none"
    return province_code_of(user.unit.path)


def sees_province(user, province_code: str) -> bool:
    """Every account of a province sees its years; an administrator sees every province's."""
    own = user_province_code(user)
    return own is None or own == province_code


def can_manage_years(user, province_code: str | None = None) -> bool:
    """Open a year, change its calendar and authorities, record the province's own policy.

    Province staff manage their own province's years only; administrators every province's.
    """
    if is_admin(user):
        return True
    if not user.has_role(Role.PROVINCE_STAFF):
        return False
    return province_code is None or sees_province(user, province_code)


def can_act_for(user, unit) -> bool:
    """Register, self-assess and self-score on behalf of the unit."""
    return in_scope(user, unit.path) and _has_any(user, ASSESSOR_ROLES)


def _path_of_year(campaign, unit) -> str:
    """Return where the unit stood in the year's tree (the districts existed before 2025)."""
    last = date.fromisoformat((campaign.periods.get("commune") or ["", ""])[1] or "9999-12-31")
    if last >= REORGANISATION_DAY:
        return unit.path
    placement = placement_of(unit, last)
    return placement.path if placement is not None else unit.path


def authority_choice(campaign, unit, step: str) -> str:
    """Return which level verifies or decides for the unit this year (an `Authority`)."""
    if unit.code in (campaign.options or {}).get("ministry_units", ()):
        return Authority.MINISTRY
    return campaign.authorities.get(unit.kind, {}).get(step, Authority.PARENT)


def authority_unit(campaign, unit, step: str) -> Unit | None:
    """Return the unit that verifies (``step="verifier"``) or decides for ``unit`` this year.

    Read in the tree of the year; None for the Ministry's route (outside the province's tree:
    only the national administrators act there).
    """
    choice = authority_choice(campaign, unit, step)
    if choice == Authority.MINISTRY:
        return None
    path = _path_of_year(campaign, unit)
    codes = [c for c in path.split("/") if c][:-1]
    if not codes:
        return None
    # Most units hang right under their authority: no query then.
    direct = choice == Authority.PARENT or (unit.parent is not None and unit.parent.kind == choice)
    if path == unit.path and direct:
        return unit.parent
    ancestors = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    if choice == Authority.PARENT:
        return ancestors.get(codes[-1])
    if choice == Authority.PROVINCE:
        return ancestors.get(codes[0])
    for code in reversed(codes):
        if code in ancestors and ancestors[code].kind == choice:
            return ancestors[code]
    return ancestors.get(codes[-1])


def _is_authority(user, campaign, unit, step: str, roles) -> bool:
    if not _has_any(user, roles):
        return False
    if is_admin(user):
        return True
    above = authority_unit(campaign, unit, step)
    # The authority and the levels above it act; the unit never judges itself.
    if above is None or user.unit_id is None or user.unit_id == unit.pk:
        return False
    return above.path.startswith(user.unit.path)


def can_verify(user, campaign, unit) -> bool:
    return _is_authority(user, campaign, unit, "verifier", VERIFIER_ROLES)


def can_decide(user, campaign, unit) -> bool:
    return _is_authority(user, campaign, unit, "decider", DECIDER_ROLES)
