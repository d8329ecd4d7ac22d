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


def _rows(user, campaign: CampaignYear, key: str):
    """The rows (each with its `unit`) behind one task of the list pages, before the checks
    that depend on the verifying or deciding authority; None when the role has no such task."""
    assessor = _has_any(user, permissions.ASSESSOR_ROLES) and user.unit_id is not None
    decided = Recognition.objects.filter(year=campaign).values("unit_id")
    assessments = _scoped(Assessment.objects.filter(year=campaign), user).exclude(
        unit_id__in=decided
    )
    if key == "not_started" and assessor:
        started = Assessment.objects.filter(year=campaign).values("unit_id")
        rows = Registration.objects.filter(
            year=campaign,
            unit__out_of_scope_reason="",
            unit__path__startswith=province_prefix(campaign),
        ).exclude(unit_id__in=started)
        return _own_work(_scoped(rows, user), user)
    if key in ("returned", "draft") and assessor:
        return _own_work(assessments, user).filter(status=key)
    if key == "to_verify" and _has_any(user, permissions.VERIFIER_ROLES):
        return assessments.filter(status=AssessmentStatus.SUBMITTED)
    if key == "to_decide" and _has_any(user, permissions.DECIDER_ROLES):
        return assessments.filter(status=AssessmentStatus.VERIFIED)
    if key == "classification" and _has_any(user, permissions.VERIFIER_ROLES):
        rows = Classification.objects.filter(year=campaign, status=ClassificationStatus.SUBMITTED)
        return _scoped(rows, user)
    return None


# Tasks whose rows are the account's as they are: counted in SQL.
COUNTED_IN_SQL = ("not_started", "returned", "draft")
# Tasks that wait on the authority of each unit: checked unit by unit.
CHECKS = {
    "to_verify": permissions.can_verify,
    "to_decide": permissions.can_decide,
    "classification": permissions.can_verify,
}
LISTED = ("not_started", "returned", "draft", "to_verify", "classification")


def task_rows(*, user, campaign: CampaignYear, key: str) -> list:
    """Return the rows of one task waiting on the account, by unit, for its list page."""
    rows = _rows(user, campaign, key)
    if rows is None:
        return []
    rows = rows.select_related("unit__parent").order_by("unit__path")
    check = CHECKS.get(key)
    return [r for r in rows if check is None or check(user, campaign, r.unit)]


def due_of(campaign: CampaignYear, key: str, unit) -> object:
    if key == "classification":
        return campaign.classification_before(unit.kind)
    return campaign.recognition_before(unit.kind)


def task_counts(*, user, campaign: CampaignYear) -> list[TaskCount]:
    """Count the year's tasks waiting on the account, in a bounded number of queries."""
    key = [campaign.province.code, campaign.year]
    found: list[TaskCount] = []
    assessor = _has_any(user, permissions.ASSESSOR_ROLES) and user.unit_id is not None
    if assessor and permissions.can_act_for(user, user.unit):
        unregistered = registration_rows(user=user, campaign=campaign, registered=False)
        count = _own_work(unregistered, user).count()
        late = count if today() >= campaign.registration_before else 0
        url = reverse("evaluation:registrations", args=key) + "?registered=no"
        if count:
            found.append(TaskCount("unregistered", count, late, url))
    for name in (*COUNTED_IN_SQL, *CHECKS):
        if name in COUNTED_IN_SQL:
            rows = _rows(user, campaign, name)
            if rows is None:
                continue
            by_kind = dict(rows.values_list("unit__kind").annotate(n=Count("id")))
        else:
            by_kind = _by_kind(r.unit for r in task_rows(user=user, campaign=campaign, key=name))
        count = sum(by_kind.values())
        if not count:
            continue
        step = "classification" if name == "classification" else "recognition"
        if name == "to_decide":
            url = reverse("evaluation:decisions", args=key)
        else:
            url = reverse("evaluation:work", args=[*key, name])
        found.append(TaskCount(name, count, _late(campaign, by_kind, step), url))
    return found


def _by_kind(units) -> dict[str, int]:
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.kind] = counts.get(unit.kind, 0) + 1
    return counts
