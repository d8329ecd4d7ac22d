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
