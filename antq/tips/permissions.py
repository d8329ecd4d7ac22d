"""Who may see and handle which tips."""

from antq.core.roles import Role
from antq.units.permissions import in_scope, is_admin

HANDLER_ROLES = (Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER)


def is_handler(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        is_admin(user) or any(user.has_role(r) for r in HANDLER_ROLES)
    )


def can_see_tip(user, tip) -> bool:
    """The commune officers it is routed to, and the province's staff."""
    if not is_handler(user):
        return False
    if is_admin(user):
        return True
    if user.has_role(Role.PROVINCE_STAFF):
        return in_scope(user, tip.province.path)
    return user.unit_id == tip.routed_to_id


def can_handle_tip(user, tip) -> bool:
    return can_see_tip(user, tip)


def can_reroute_tip(user, tip) -> bool:
    """Re-routing is the province's."""
    return can_see_tip(user, tip) and (is_admin(user) or user.has_role(Role.PROVINCE_STAFF))


def can_read_openings(user, tip) -> bool:
    return can_reroute_tip(user, tip)


def can_read_contact(user, tip) -> bool:
    """Contact details: only the officers of the unit handling the tip (least privilege)."""
    return can_see_tip(user, tip) and user.unit_id == tip.routed_to_id
