"""Who may enter, approve, reopen and configure reports: predicates for services and pages."""

from antq.core.roles import Role
from antq.units.permissions import in_scope, is_admin

ENTRY_ROLES = frozenset(
    {Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER, Role.ESTABLISHMENT_OFFICER}
)
APPROVER_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER})


def _has_any(user, roles) -> bool:
    return bool(user.is_superuser) or any(user.has_role(r) for r in roles)


def can_enter(user, unit) -> bool:
    """Enter figures for `unit`: an entry role and the unit in the account's subtree."""
    return _has_any(user, ENTRY_ROLES) and in_scope(user, unit.path)


def can_approve(user, report) -> bool:
    """Approve or return: the level above, i.e. an approver whose scope holds the unit's parent.

    A unit never approves its own report; an administrator may approve anything.
    """
    if is_admin(user):
        return True
    if not _has_any(user, APPROVER_ROLES) or user.unit_id is None:
        return False
    if user.unit_id == report.unit_id:
        return False
    return in_scope(user, report.unit.path)


def can_reopen(user, report) -> bool:
    """Reopen an approved report: province staff (or an administrator) over the unit."""
    if is_admin(user):
        return True
    return user.has_role(Role.PROVINCE_STAFF) and in_scope(user, report.unit.path)


def can_configure(user) -> bool:
    return is_admin(user) or user.has_role(Role.PROVINCE_STAFF)


def can_approve_many(user) -> bool:
    """Approve a selection of reports with one confirmation: province staff."""
    return is_admin(user) or user.has_role(Role.PROVINCE_STAFF)


def can_use_forms(user) -> bool:
    """See the entry and upload forms: the roles that enter reports (not leaders, appraisers
    or viewers)."""
    return _has_any(user, ENTRY_ROLES)
