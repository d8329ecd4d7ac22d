"""Who may see and change which units: predicates used by services, views and templates."""

from antq.core.roles import Role

from .choices import ADMINISTRATIVE_KINDS


def is_admin(user) -> bool:
    return bool(user.is_superuser or user.has_role(Role.ADMIN))


def scope_path(user) -> str | None:
    """Return the path prefix the user's scope is limited to; None means the whole country."""
    if is_admin(user):
        return None
    if user.unit_id is None:
        return "\x00no-scope"  # an account without a unit sees nothing
    return user.unit.path


def in_scope(user, path: str) -> bool:
    prefix = scope_path(user)
    return prefix is None or path.startswith(prefix)


def can_edit_kind(user, kind: str) -> bool:
    """Province staff keep communes and below; commune officers their areas and bodies."""
    if is_admin(user):
        return True
    if user.has_role(Role.PROVINCE_STAFF):
        return kind != "province"
    if user.has_role(Role.COMMUNE_OFFICER):
        return kind not in ADMINISTRATIVE_KINDS
    return False


def can_create_unit(user, *, parent_path: str | None, kind: str) -> bool:
    if parent_path is None:
        return is_admin(user)
    return in_scope(user, parent_path) and can_edit_kind(user, kind)


def can_edit_unit(user, unit) -> bool:
    return in_scope(user, unit.path) and can_edit_kind(user, unit.kind)


def can_reorganise(user, unit) -> bool:
    """Mergers, splits, renames and moves are for administrators and province staff."""
    if is_admin(user):
        return True
    return (
        user.has_role(Role.PROVINCE_STAFF) and in_scope(user, unit.path) and unit.kind != "province"
    )


def can_import_units(user) -> bool:
    return (
        is_admin(user) or user.has_role(Role.PROVINCE_STAFF) or user.has_role(Role.COMMUNE_OFFICER)
    )
