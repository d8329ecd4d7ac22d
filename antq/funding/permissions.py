"""Who may manage and see funding."""

from antq.core.roles import Role
from antq.units.permissions import in_scope

MANAGER_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER})


def can_manage(user, unit) -> bool:
    """Record budget lines and spending: a manager role over the unit."""
    ok = bool(user.is_superuser) or any(user.has_role(r) for r in MANAGER_ROLES)
    return ok and in_scope(user, unit.path)


def can_view(user, unit) -> bool:
    return in_scope(user, unit.path)


def can_set_norms(user, province) -> bool:
    """A province's own norms: its staff (or an administrator) only."""
    from antq.units.permissions import is_admin

    if is_admin(user):
        return True
    return user.has_role(Role.PROVINCE_STAFF) and in_scope(user, province.path)
