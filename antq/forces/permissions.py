"""Who may see and change the force registry: predicates for services, pages and the API."""

from antq.core.roles import Role
from antq.units.permissions import in_scope, is_admin

EDITOR_ROLES = frozenset({Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER})


def can_edit_force(user, path: str) -> bool:
    """Register teams, members, ratings and classes for a unit at `path`."""
    if is_admin(user):
        return True
    return any(user.has_role(r) for r in EDITOR_ROLES) and in_scope(user, path)


def can_see_personal_data(user, path: str) -> bool:
    """Identity numbers, birth dates, addresses and phones: the commune's officers and
    the province's staff only; every other role sees counts."""
    return can_edit_force(user, path)


def can_see_members(user, path: str) -> bool:
    return can_see_personal_data(user, path)


def can_configure(user, province) -> bool:
    if is_admin(user):
        return True
    return user.has_role(Role.PROVINCE_STAFF) and in_scope(user, province.path)
