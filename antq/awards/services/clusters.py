"""Emulation clusters and blocks: members, leader and deputy; the ranking computed from the
evaluation with the province's weights, adjusted by the leader with a reason, submitted."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, PermissionDenied
from antq.evaluation.models import Classification, Recognition
from antq.units.models import Unit

from .. import permissions
from ..choices import RankingStatus
from ..models import Cluster, ClusterMember
from .common import account, check_visible, province_of, record
from .config import weights_of


@transaction.atomic
def cluster_create(
    *,
    actor,
    year: int,
    kind: str,
    name: str,
    leader: Unit,
    members: list[Unit],
    deputy: Unit | None = None,
) -> Cluster:
    """Form a cluster or block for a year; its leader and deputy must be members."""
    if not permissions.can_configure(actor):
        raise PermissionDenied(_("Only province staff form emulation clusters."))
    for unit in [leader, *members, *([deputy] if deputy else [])]:
        check_visible(actor, unit)
    if leader not in members:
        members = [leader, *members]
    if deputy is not None and deputy not in members:
        members = [*members, deputy]
    province = province_of(leader)
    if Cluster.objects.filter(province=province, year=year, name=name).exists():
        raise FieldErrors(
            {
                "name": _("A cluster named %(name)s exists for %(year)s.")
                % {"name": name, "year": year}
            }
        )
    taken = ClusterMember.objects.filter(
        cluster__year=year, cluster__kind=kind, unit__in=members
    ).select_related("unit", "cluster")
    for member in taken:
        raise FieldErrors(
            {
                "members": _("%(unit)s is already in %(cluster)s for %(year)s.")
                % {"unit": member.unit.name, "cluster": member.cluster.name, "year": year}
            }
        )
    cluster = Cluster(
        province=province, year=year, kind=kind, name=name, leader=leader, deputy=deputy
    )
    record(cluster, actor=actor, reason=_("Cluster formed"))
    for unit in members:
        record(ClusterMember(cluster=cluster, unit=unit), actor=actor, reason=_("Member added"))
    return cluster


def _check_rank(actor, cluster: Cluster) -> None:
    if cluster.status != RankingStatus.DRAFT:
        raise DomainError(
            _("The ranking of %(cluster)s was submitted.") % {"cluster": cluster.name}
        )
    if not permissions.can_rank(actor, cluster):
        raise PermissionDenied(_("Only the cluster's leader ranks its members."))


@transaction.atomic
def cluster_rank_compute(*, actor, cluster: Cluster) -> list[ClusterMember]:
    """Score each member: recognition in force and class, weighted by the province.

    Ties keep Vietnamese alphabetical order; the computed rank replaces earlier adjustments.
    """
    _check_rank(actor, cluster)
    weights = weights_of(cluster.province)
    members = list(cluster.members.select_related("unit").select_for_update())
    units = [m.unit_id for m in members]
    recognitions = {
        r.unit_id: r for r in Recognition.objects.filter(year__year=cluster.year, unit_id__in=units)
    }
    classes = {
        c.unit_id: c
        for c in Classification.objects.filter(
            year__year=cluster.year, unit_id__in=units, status="final"
        )
    }
    for member in members:
        recognition = recognitions.get(member.unit_id)
        classification = classes.get(member.unit_id)
        member.recognised = bool(recognition and recognition.in_force)
        member.class_name = classification.class_name if classification else ""
        member.class_points = classification.total if classification else None
        score = Decimal(weights.recognised if member.recognised else 0)
        score += Decimal(weights.classes.get(member.class_name, 0))
        member.score = score
    members.sort(key=lambda m: (-m.score, -(m.class_points or 0), m.unit.sort_name))
    for position, member in enumerate(members, start=1):
        member.computed_rank = member.rank = position
        member.adjustment_reason = ""
        record(member, actor=actor, reason=_("Ranking computed"))
    cluster.computed_at = timezone.now()
    record(cluster, actor=actor, reason=_("Ranking computed"))
    return members


@transaction.atomic
def cluster_rank_adjust(
    *, actor, member: ClusterMember, rank: int, reason: str
) -> list[ClusterMember]:
    """Move a member to `rank`; the others shift. A reason is required and kept in the history."""
    cluster = member.cluster
    _check_rank(actor, cluster)
    if not reason.strip():
        raise FieldErrors({"reason": _("Give the reason for changing the computed rank.")})
    if member.rank is None:
        raise DomainError(_("Compute the ranking first."))
    members = list(cluster.members.select_for_update().order_by("rank"))
    if not 1 <= rank <= len(members):
        raise FieldErrors(
            {"rank": _("The rank must be between 1 and %(n)s.") % {"n": len(members)}}
        )
    ordered = [m for m in members if m.pk != member.pk]
    ordered.insert(rank - 1, next(m for m in members if m.pk == member.pk))
    for position, item in enumerate(ordered, start=1):
        if item.pk == member.pk:
            item.rank, item.adjustment_reason = position, reason.strip()
            record(item, actor=actor, reason=reason.strip())
        elif item.rank != position:
            item.rank = position
            record(item, actor=actor, reason=reason.strip())
    return ordered


@transaction.atomic
def cluster_rank_submit(*, actor, cluster: Cluster) -> Cluster:
    _check_rank(actor, cluster)
    if cluster.computed_at is None:
        raise DomainError(_("Compute the ranking before submitting it."))
    cluster.status = RankingStatus.SUBMITTED
    cluster.submitted_at = timezone.now()
    cluster.submitted_by = account(actor)
    record(cluster, actor=actor, reason=_("Ranking submitted"))
    return cluster
