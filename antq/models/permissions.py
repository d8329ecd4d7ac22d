"""Who may see and change the models registry: predicates for services, pages and the API."""

from antq.core.roles import Role
from antq.units.permissions import in_scope, is_admin

EDITOR_ROLES = frozenset({Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER})


def can_edit_models(user, path: str) -> bool:
    """Register and change models, sites, teams, judgements and examples for a unit at `path`."""
    if is_admin(user):
        return True
    return any(user.has_role(r) for r in EDITOR_ROLES) and in_scope(user, path)


def can_configure(user, province) -> bool:
    if is_admin(user):
        return True
    return user.has_role(Role.PROVINCE_STAFF) and in_scope(user, province.path)
