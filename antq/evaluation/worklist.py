"""How many of each task of the year wait on the account: the counts a home page shows.

The same tasks as `selectors.worklist`, counted without a cap: the home page must never say
"500" when 1,118 units have not registered. Tasks that every account of an assessing role
may do in its scope are counted in SQL; those that depend on who the verifying or deciding
authority is are checked unit by unit over the few assessments at that stage.

A unit's own work (register, self-assess, correct what was returned) waits on the accounts
of that unit, and on the commune officer for the residential areas and bodies below it that
have no account of their own; province staff may act for any unit, but that is not their
work waiting, so it is not counted for them.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse

from antq.core.roles import Role
from antq.units.permissions import is_admin, scope_path
from antq.units.selectors import today

from . import permissions
from .choices import AssessmentStatus, ClassificationStatus
from .models import Assessment, CampaignYear, Classification, Recognition, Registration
from .selectors import province_prefix, registration_rows


@dataclass(frozen=True)
class TaskCount:
    """How many units wait on one kind of task (`key`), how many of them late, and where."""

    key: str
    count: int
    late: int
    url: str


def _has_any(user, roles) -> bool:
    return is_admin(user) or any(user.has_role(r) for r in roles)


def _late(campaign: CampaignYear, by_kind: dict[str, int], step: str = "recognition") -> int:
    day = today()
    due = campaign.recognition_before if step == "recognition" else campaign.classification_before
    return sum(n for kind, n in by_kind.items() if day >= due(kind))


def _scoped(rows, user):
    prefix = scope_path(user)
    return rows if prefix is None else rows.filter(unit__path__startswith=prefix)


def _own_work(rows, user):
    """Keep the units whose own work waits on the account (see the module's docstring)."""
    if user.has_role(Role.COMMUNE_OFFICER):
        return rows
    return rows.filter(unit_id=user.unit_id)


def task_counts(*, user, campaign: CampaignYear) -> list[TaskCount]:
    """Count the year's tasks waiting on the account, in a bounded number of queries."""
    key = [campaign.province.code, campaign.year]
    listed = reverse("evaluation:year", args=key) + "#worklist"
    found: list[TaskCount] = []

    def add(name, count, late, url=listed):
        if count:
            found.append(TaskCount(name, count, late, url))

    assessor = _has_any(user, permissions.ASSESSOR_ROLES) and user.unit_id is not None
    if assessor and permissions.can_act_for(user, user.unit):
        unregistered = registration_rows(user=user, campaign=campaign, registered=False)
        count = _own_work(unregistered, user).count()
        late = count if today() >= campaign.registration_before else 0
        url = reverse("evaluation:registrations", args=key) + "?registered=no"
        add("unregistered", count, late, url)
    decided = Recognition.objects.filter(year=campaign).values("unit_id")
    assessments = _scoped(Assessment.objects.filter(year=campaign), user).exclude(
        unit_id__in=decided
    )
    if assessor:
        started = Assessment.objects.filter(year=campaign).values("unit_id")
        registered = _own_work(
            _scoped(
                Registration.objects.filter(
                    year=campaign,
                    unit__out_of_scope_reason="",
                    unit__path__startswith=province_prefix(campaign),
                ).exclude(unit_id__in=started),
                user,
            ),
            user,
        )
        by_kind = dict(registered.values_list("unit__kind").annotate(n=Count("id")))
        add("not_started", sum(by_kind.values()), _late(campaign, by_kind))
        by_status: dict[str, dict[str, int]] = {}
        for status, kind, n in (
            _own_work(assessments, user)
            .filter(status__in=[AssessmentStatus.DRAFT, AssessmentStatus.RETURNED])
            .values_list("status", "unit__kind")
            .annotate(n=Count("id"))
        ):
            by_status.setdefault(status, {})[kind] = n
        for status, name in (
            (AssessmentStatus.RETURNED, "returned"),
            (AssessmentStatus.DRAFT, "draft"),
        ):
            kinds = by_status.get(status, {})
            add(name, sum(kinds.values()), _late(campaign, kinds))
    if _has_any(user, permissions.VERIFIER_ROLES):
        rows = assessments.filter(status=AssessmentStatus.SUBMITTED).select_related("unit__parent")
        units = [a.unit for a in rows if permissions.can_verify(user, campaign, a.unit)]
        by_kind = _by_kind(units)
        add("to_verify", len(units), _late(campaign, by_kind))
    if _has_any(user, permissions.DECIDER_ROLES):
        rows = assessments.filter(status=AssessmentStatus.VERIFIED).select_related("unit__parent")
        units = [a.unit for a in rows if permissions.can_decide(user, campaign, a.unit)]
        url = reverse("evaluation:decisions", args=key)
        add("to_decide", len(units), _late(campaign, _by_kind(units)), url)
    if _has_any(user, permissions.VERIFIER_ROLES):
        rows = _scoped(
            Classification.objects.filter(year=campaign, status=ClassificationStatus.SUBMITTED),
            user,
        ).select_related("unit__parent")
        units = [c.unit for c in rows if permissions.can_verify(user, campaign, c.unit)]
        add("classification", len(units), _late(campaign, _by_kind(units), "classification"))
    return found


def _by_kind(units) -> dict[str, int]:
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.kind] = counts.get(unit.kind, 0) + 1
    return counts
