"""Who may create campaigns and record activities."""

from antq.core.roles import Role
from antq.units.permissions import in_scope

CAMPAIGN_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER})
RECORD_ROLES = CAMPAIGN_ROLES | {Role.ESTABLISHMENT_OFFICER}


def _has_any(user, roles) -> bool:
    return bool(user.is_superuser) or any(user.has_role(r) for r in roles)


def can_manage_campaign(user, unit) -> bool:
    return _has_any(user, CAMPAIGN_ROLES) and in_scope(user, unit.path)


def can_record(user, unit) -> bool:
    return _has_any(user, RECORD_ROLES) and in_scope(user, unit.path)


def can_create(user) -> bool:
    """Province staff (and administrators) create campaigns for their own unit."""
    unit = getattr(user, "unit", None)
    if unit is None or not _has_any(user, {Role.ADMIN, Role.PROVINCE_STAFF}):
        return False
    return can_manage_campaign(user, unit)
