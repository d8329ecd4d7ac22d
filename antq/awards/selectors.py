"""Reads of the awards app, scoped to the user: out of scope answers NotFound, like missing."""

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.core.roles import Role
from antq.core.text import fold
from antq.units.models import Unit
from antq.units.permissions import is_admin, scope_path

from . import permissions
from .choices import NominationStatus, Recipient
from .models import (
    Award,
    AwardKind,
    Cluster,
    ClusterMember,
    Decision,
    Nomination,
    Quota,
    TitleRegistration,
)


def _in_scope(queryset: QuerySet, user, field: str = "unit") -> QuerySet:
    prefix = scope_path(user)
    if prefix is None:
        return queryset
    return queryset.filter(**{f"{field}__path__startswith": prefix})


def kind_list(*, category: str | None = None) -> QuerySet[AwardKind]:
    kinds = AwardKind.objects.all()
    return kinds.filter(category=category) if category else kinds


def kind_get(*, code: str) -> AwardKind:
    kind = AwardKind.objects.filter(code=code).first()
    if kind is None:
        raise NotFound(_("No award kind with code %(code)s.") % {"code": code})
    return kind


def registration_list(*, user, year: int, unit: Unit | None = None) -> QuerySet[TitleRegistration]:
    rows = _in_scope(TitleRegistration.objects.filter(year=year), user)
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    return rows.select_related("unit", "kind")


def standard_registered(*, year: int, unit_ids) -> set[int]:
    """Units that registered for the safety standard in `year` (the evaluation's records;
    the evaluation has no selector for a list of units, so the query is written here)."""
    from antq.evaluation.models import Registration

    rows = Registration.objects.filter(year__year=year, unit_id__in=list(unit_ids))
    return set(rows.values_list("unit_id", flat=True))


def nomination_list(
    *,
    user,
    year: int | None = None,
    status: str = "",
    kind: str = "",
    q: str = "",
) -> QuerySet[Nomination]:
    """Nominations over the user's units; the board sees only what was sent to it."""
    rows = _in_scope(Nomination.objects.all(), user)
    if user.has_role(Role.APPRAISER) and not is_admin(user) and not permissions.can_configure(user):
        proposer = any(user.has_role(r) for r in permissions.PROPOSER_ROLES)
        if not proposer:
            rows = rows.exclude(status=NominationStatus.DRAFT)
    if year:
        rows = rows.filter(year=year)
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind__code=kind)
    if q:
        folded = fold(q)
        rows = rows.filter(
            Q(unit__search_text__contains=folded) | Q(person_name__icontains=q.strip())
        )
    return rows.select_related("unit", "kind").order_by("-year", "-created_at")


def nomination_get(*, user, pk: int) -> Nomination:
    nomination = nomination_list(user=user).filter(pk=pk).first()
    if nomination is None:
        raise NotFound(_("No nomination number %(pk)s.") % {"pk": pk})
    return nomination


def quota_list(*, user, year: int) -> QuerySet[Quota]:
    return _in_scope(Quota.objects.filter(year=year), user).select_related("unit", "kind")


def cluster_list(*, user, year: int | None = None) -> QuerySet[Cluster]:
    """Clusters of the user's province, or those the user's unit belongs to."""
    rows = Cluster.objects.select_related("leader", "deputy", "province")
    prefix = scope_path(user)
    if prefix is not None:
        rows = rows.filter(
            Q(province__path__startswith=prefix)
            | Q(members__unit__path__startswith=prefix)
            | Q(leader_id=user.unit_id)
        ).distinct()
    return rows.filter(year=year) if year else rows


def cluster_get(*, user, pk: int) -> Cluster:
    cluster = cluster_list(user=user).filter(pk=pk).first()
    if cluster is None:
        raise NotFound(_("No emulation cluster number %(pk)s.") % {"pk": pk})
    return cluster


def cluster_members(cluster: Cluster) -> QuerySet[ClusterMember]:
    return cluster.members.select_related("unit").order_by("rank", "unit__sort_name")


def cluster_history(cluster: Cluster) -> list:
    """Every change of the cluster's ranking, newest first, with who and why."""
    rows = ClusterMember.history.filter(cluster_id=cluster.pk).select_related("history_user")
    return list(rows.order_by("-history_date", "-history_id"))


def decision_list(*, user, year: int | None = None) -> QuerySet[Decision]:
    """Decisions of the user's province, or awarding any unit of the user's subtree."""
    rows = Decision.objects.select_related("kind")
    prefix = scope_path(user)
    if prefix is not None:
        rows = rows.filter(
            Q(province__path__startswith=prefix) | Q(awards__unit__path__startswith=prefix)
        ).distinct()
    return rows.filter(year=year) if year else rows


def decision_get(*, user, pk: int) -> Decision:
    decision = decision_list(user=user).filter(pk=pk).select_related("kind").first()
    if decision is None:
        raise NotFound(_("No award decision number %(pk)s.") % {"pk": pk})
    return decision


def decision_awards(*, user, decision: Decision) -> QuerySet[Award]:
    return _in_scope(decision.awards.all(), user).select_related("unit", "kind").order_by("pk")


def award_list(
    *, user, year: int | None = None, kind: str = "", q: str = "", under: Unit | None = None
) -> QuerySet[Award]:
    rows = _in_scope(Award.objects.all(), user)
    if under is not None:
        rows = rows.filter(unit__path__startswith=under.path)
    if year:
        rows = rows.filter(year=year)
    if kind:
        rows = rows.filter(kind__code=kind)
    if q:
        match = Q(unit__search_text__contains=fold(q)) | Q(person_name__icontains=q.strip())
        # Searching by identity number would let a viewer probe who holds one.
        if user.unit_id is None or permissions.sees_personal_data(user, user.unit):
            match |= Q(identity_number=q.strip())
        rows = rows.filter(match)
    return rows.select_related("unit", "kind", "decision")


def award_get(*, user, pk: int) -> Award:
    award = award_list(user=user).filter(pk=pk).first()
    if award is None:
        raise NotFound(_("No award number %(pk)s.") % {"pk": pk})
    return award


def _grassroots_q() -> Q:
    return Q(unit__kind__in=("commune", "residential_area")) | Q(unit__managing_level="commune")


def statistics(*, user, under: Unit, year: int) -> dict:
    """Collectives and individuals rewarded in the subtree by kind and level, and the share
    that went to the grassroots (communes, residential areas, bodies the commune manages)."""
    awards = award_list(user=user, year=year, under=under).filter(revoked_on__isnull=True)
    grassroots = _grassroots_q()
    rows = list(
        awards.values("kind__code", "kind__name", "kind__level", "kind__recipient", "kind__order")
        .annotate(
            total=Count("pk"),
            grassroots=Count("pk", filter=grassroots),
            amount=Sum("amount"),
        )
        .order_by("kind__order", "kind__code")
    )
    totals = awards.aggregate(
        collectives=Count("pk", filter=Q(kind__recipient=Recipient.COLLECTIVE)),
        individuals=Count("pk", filter=Q(kind__recipient=Recipient.INDIVIDUAL)),
        grassroots=Count("pk", filter=grassroots),
        total=Count("pk"),
        amount=Sum("amount"),
    )
    share = round(100 * totals["grassroots"] / totals["total"], 1) if totals["total"] else None
    return {"unit": under, "year": year, "rows": rows, "totals": totals, "grassroots_share": share}


def worklist(*, user, year: int) -> list[dict]:
    """What waits on the user, by role: drafts and returns to send, dossiers to appraise,
    accepted nominations to decide, cluster rankings to make."""
    tasks = []
    mine = nomination_list(user=user, year=year)
    if any(user.has_role(r) for r in permissions.PROPOSER_ROLES) or is_admin(user):
        for status, label in (
            (NominationStatus.DRAFT, _("Nominations to complete and send")),
            (NominationStatus.RETURNED, _("Nominations returned by the board")),
        ):
            count = mine.filter(status=status).count()
            if count:
                tasks.append({"label": label, "count": count, "status": status})
    if user.has_role(Role.APPRAISER) or is_admin(user):
        count = mine.filter(status=NominationStatus.SUBMITTED).count()
        if count:
            tasks.append(
                {
                    "label": _("Dossiers to appraise"),
                    "count": count,
                    "status": NominationStatus.SUBMITTED,
                }
            )
    if permissions.can_decide(user):
        count = mine.filter(status=NominationStatus.ACCEPTED).count()
        if count:
            tasks.append(
                {
                    "label": _("Accepted nominations awaiting a decision"),
                    "count": count,
                    "status": NominationStatus.ACCEPTED,
                }
            )
    to_rank = [c for c in cluster_list(user=user, year=year) if permissions.can_rank(user, c)]
    if to_rank:
        tasks.append({"label": _("Cluster rankings to make"), "count": len(to_rank), "status": ""})
    return tasks
