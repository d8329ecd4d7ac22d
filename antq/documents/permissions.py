"""Who may draft and generate official documents, and replace a province's templates."""

from antq.core.roles import Role
from antq.units.permissions import in_scope, is_admin

AUTHOR_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER, Role.LEADER})


def _has_any(user, roles) -> bool:
    return bool(user.is_superuser) or any(user.has_role(r) for r in roles)


def can_generate(user, unit) -> bool:
    """Draft and generate a unit's documents: an author role with the unit in scope."""
    return _has_any(user, AUTHOR_ROLES) and in_scope(user, unit.path)


def can_make_certificate(user, unit) -> bool:
    """Anyone who sees the unit may have its certificate, as its evaluation page shows it."""
    return in_scope(user, unit.path)


def can_see(user, document) -> bool:
    return in_scope(user, document.unit.path)


def can_manage_templates(user, province) -> bool:
    return is_admin(user) or (user.has_role(Role.PROVINCE_STAFF) and in_scope(user, province.path))
