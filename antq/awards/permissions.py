"""Who may configure, register, nominate, appraise, decide and rank: predicates for services
and pages alike."""

from antq.core.roles import Role
from antq.units.permissions import in_scope, is_admin

PROPOSER_ROLES = frozenset(
    {Role.ADMIN, Role.PROVINCE_STAFF, Role.COMMUNE_OFFICER, Role.ESTABLISHMENT_OFFICER}
)
DECIDER_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.LEADER})


def _has_any(user, roles) -> bool:
    return bool(user.is_superuser) or any(user.has_role(r) for r in roles)


def can_configure(user) -> bool:
    """Award kinds, basic salary, weights, clusters and quotas: province staff."""
    return is_admin(user) or user.has_role(Role.PROVINCE_STAFF)


def can_propose(user, unit) -> bool:
    """Register titles and nominate for `unit`: a proposing role over the unit."""
    return _has_any(user, PROPOSER_ROLES) and in_scope(user, unit.path)


def can_edit_nomination(user, nomination) -> bool:
    return nomination.status in ("draft", "returned") and can_propose(user, nomination.unit)


def can_appraise(user, nomination) -> bool:
    """The emulation board appraises what was sent to it."""
    return (
        _has_any(user, {Role.ADMIN, Role.APPRAISER})
        and in_scope(user, nomination.unit.path)
        and nomination.status == "submitted"
    )


def can_decide(user) -> bool:
    """Record award decisions and revocations: province staff or the leader who signs."""
    return _has_any(user, DECIDER_ROLES)


def can_record_matters(user) -> bool:
    return is_admin(user) or user.has_role(Role.PROVINCE_STAFF)


def can_rank(user, cluster) -> bool:
    """The cluster's leader (an account of the leading unit) ranks; province staff may too."""
    if cluster.status != "draft":
        return False
    if can_configure(user):
        return in_scope(user, cluster.province.path)
    if user.has_role(Role.VIEWER) and len(user.roles) == 1:
        return False
    return user.unit_id is not None and user.unit_id == cluster.leader_id


def sees_personal_data(user, unit) -> bool:
    """Identity numbers: the proposing unit, the board and province staff, not viewers."""
    if is_admin(user):
        return True
    if not in_scope(user, unit.path):
        return False
    return _has_any(user, PROPOSER_ROLES | {Role.APPRAISER, Role.LEADER})
