"""Who may issue, acknowledge, pass on and follow directives: predicates for services and pages."""

from antq.core.roles import Role
from antq.units.permissions import in_scope, is_admin

from .choices import CASCADING_KINDS

ISSUER_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER})
ACTOR_ROLES = frozenset(
    {Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER, Role.ESTABLISHMENT_OFFICER}
)
# Who hears of the units below that are overdue.
OVERSEER_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER})


def _has_any(user, roles) -> bool:
    return bool(user.is_superuser) or any(user.has_role(r) for r in roles)


def can_issue(user) -> bool:
    """Record a directive for the account's unit and send it to units below."""
    return is_admin(user) or (_has_any(user, ISSUER_ROLES) and user.unit_id is not None)


def can_issue_to(user, unit) -> bool:
    return can_issue(user) and in_scope(user, unit.path)


def can_act_for(user, deployment) -> bool:
    """Acknowledge, record a plan, report: the unit itself, or the commune for units below it.

    Residential areas and commune bodies often have no account of their own, so the commune
    officer acts for them. Province staff act only for the province's own deployment: the
    province acknowledging for a commune would make the count say what did not happen.
    """
    if is_admin(user):
        return True
    if not _has_any(user, ACTOR_ROLES) or user.unit_id is None:
        return False
    if deployment.unit_id == user.unit_id:
        return True
    return user.has_role(Role.COMMUNE_OFFICER) and in_scope(user, deployment.unit.path)


def can_redeploy(user, deployment) -> bool:
    """Pass the directive on to the units below the deployment's unit."""
    return (
        deployment.unit.kind in CASCADING_KINDS
        and _has_any(user, ISSUER_ROLES)
        and can_act_for(user, deployment)
    )


def can_edit(user, directive) -> bool:
    """Correct a directive's details: its issuer's staff."""
    return can_issue(user) and in_scope(user, directive.issuing_unit.path)
