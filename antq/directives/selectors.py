"""Reads of directives and their deployment, always scoped to the reader."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import StrIndex, Substr
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.core.history import history_of
from antq.core.text import fold
from antq.units.models import Unit
from antq.units.permissions import is_admin, scope_path
from antq.units.selectors import today

from .choices import Stage
from .models import Deployment, Directive
from .permissions import ACTOR_ROLES

INBOX_LIMIT = 200


def scoped_directives(*, user) -> QuerySet[Directive]:
    """Directives the user may see: issued in their area, or deployed to a unit in it."""
    directives = Directive.objects.select_related("issuing_unit")
    prefix = scope_path(user)
    if prefix is None:
        return directives
    reached = Deployment.objects.filter(directive=OuterRef("pk"), unit__path__startswith=prefix)
    return directives.filter(Q(issuing_unit__path__startswith=prefix) | Q(Exists(reached)))


def directive_list(
    *,
    user,
    q: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    issuer: Unit | None = None,
) -> QuerySet[Directive]:
    """Search and filter the visible directives; each carries its counts in the user's area."""
    rows = scoped_directives(user=user)
    if q and fold(q):
        rows = rows.filter(search_text__contains=fold(q))
    if kind:
        rows = rows.filter(kind=kind)
    if year:
        rows = rows.filter(issued_on__year=year)
    if issuer is not None:
        rows = rows.filter(issuing_unit=issuer)
    prefix = scope_path(user)
    area = Q() if prefix is None else Q(deployments__unit__path__startswith=prefix)
    return rows.annotate(
        expected=Count("deployments", filter=area),
        read=Count("deployments", filter=area & Q(deployments__read_at__isnull=False)),
        reported=Count("deployments", filter=area & Q(deployments__reported_at__isnull=False)),
    ).order_by("-issued_on", "-id")


def directive_get(*, user, pk: int) -> Directive:
    directive = scoped_directives(user=user).filter(pk=pk).first()
    if directive is None:
        raise NotFound(_("No such directive."))
    return directive


def scoped_deployments(*, user) -> QuerySet[Deployment]:
    rows = Deployment.objects.select_related("directive", "unit", "parent__unit")
    prefix = scope_path(user)
    return rows if prefix is None else rows.filter(unit__path__startswith=prefix)


def deployment_get(*, user, directive: Directive, unit_code: str) -> Deployment:
    row = scoped_deployments(user=user).filter(directive=directive, unit__code=unit_code).first()
    if row is None:
        raise NotFound(_("The directive was not sent to unit %(code)s.") % {"code": unit_code})
    return row


def deployment_for_user(*, user, directive: Directive) -> Deployment | None:
    """The deployment of the user's own unit, if the directive reached it."""
    if user.unit_id is None:
        return None
    return scoped_deployments(user=user).filter(directive=directive, unit_id=user.unit_id).first()


def deployment_children(*, deployment: Deployment) -> QuerySet[Deployment]:
    return deployment.children.select_related("unit").order_by("unit__sort_name")


def inbox(*, user, unit: Unit | None = None) -> QuerySet[Deployment]:
    """What a unit still has to do: acknowledge, record its plan, send its result report.

    Without `unit`: the account's own unit and, for a commune, the units it acts for below.
    """
    rows = scoped_deployments(user=user)
    if unit is not None:
        rows = rows.filter(unit=unit)
    elif user.unit_id is not None and not is_admin(user):
        if user.has_role("commune_officer"):
            rows = rows.filter(unit__path__startswith=user.unit.path)
        else:
            rows = rows.filter(unit_id=user.unit_id)
    else:
        return rows.none()
    pending = (
        Q(read_at__isnull=True)
        | Q(directive__requires_plan=True, plan_recorded_at__isnull=True)
        | Q(directive__report_deadline__isnull=False, reported_at__isnull=True)
    )
    return rows.filter(pending).order_by(
        F("report_deadline").asc(nulls_last=True), "-deployed_at", "unit__sort_name"
    )


@dataclass(frozen=True)
class Counts:
    """How far the units of one subtree have gone with one directive (or a year's)."""

    expected: int
    received: int
    read: int
    plan_expected: int
    planned: int
    reported: int
    on_time: int
    late: int
    overdue: int

    def share(self, done: int, of: int | None = None) -> float:
        total = self.expected if of is None else of
        return round(done * 100 / total, 1) if total else 0.0

    @property
    def received_share(self) -> float:
        return self.share(self.received)

    @property
    def read_share(self) -> float:
        return self.share(self.read)


def _in_subtree(rows: QuerySet[Deployment], unit: Unit | None) -> QuerySet[Deployment]:
    return rows if unit is None else rows.filter(unit__path__startswith=unit.path)


def _counts_of(rows: QuerySet[Deployment], day: date) -> Counts:
    late = Q(reported_on__gt=F("report_deadline"))
    figures = rows.aggregate(
        expected=Count("id"),
        received=Count("id", filter=Q(received_at__isnull=False)),
        read=Count("id", filter=Q(read_at__isnull=False)),
        plan_expected=Count("id", filter=Q(directive__requires_plan=True)),
        planned=Count(
            "id", filter=Q(directive__requires_plan=True, plan_recorded_at__isnull=False)
        ),
        reported=Count("id", filter=Q(reported_at__isnull=False)),
        late=Count("id", filter=Q(reported_on__isnull=False, report_deadline__isnull=False) & late),
        overdue=Count("id", filter=Q(reported_at__isnull=True, report_deadline__lt=day)),
    )
    return Counts(on_time=figures["reported"] - figures["late"], **figures)


def tracking_counts(*, directive: Directive, unit: Unit | None) -> Counts:
    """Counts for one directive over `unit`'s subtree (itself included), in one query."""
    rows = _in_subtree(Deployment.objects.filter(directive=directive), unit)
    return _counts_of(rows, today())


def tracking_by_child(*, directive: Directive, unit: Unit | None) -> list[dict]:
    """The counts for each unit directly below `unit` (its whole subtree), one grouped query."""
    prefix = unit.path if unit is not None else ""
    rows = (
        _in_subtree(Deployment.objects.filter(directive=directive), unit)
        .exclude(unit__path=prefix)  # the unit's own row has no child to fall under
        .annotate(rest=Substr("unit__path", len(prefix) + 1))
        .annotate(child=Substr("rest", 1, StrIndex("rest", Value("/")) - 1))
        .values("child")
        .annotate(
            expected=Count("id"),
            received=Count("id", filter=Q(received_at__isnull=False)),
            read=Count("id", filter=Q(read_at__isnull=False)),
            planned=Count("id", filter=Q(plan_recorded_at__isnull=False)),
            reported=Count("id", filter=Q(reported_at__isnull=False)),
        )
    )
    by_code = {row["child"]: row for row in rows}
    children = Unit.objects.filter(code__in=by_code).order_by("sort_name")
    return [{"unit": child, **by_code[child.code]} for child in children]


STAGE_MISSING = {
    Stage.RECEIVED: Q(received_at__isnull=True),
    Stage.READ: Q(read_at__isnull=True),
    Stage.PLANNED: Q(directive__requires_plan=True, plan_recorded_at__isnull=True),
    Stage.REPORTED: Q(reported_at__isnull=True),
}


def not_yet(*, directive: Directive, unit: Unit | None, stage: str) -> QuerySet[Deployment]:
    """The exact list of the subtree's units that have not reached `stage`, in name order."""
    rows = _in_subtree(Deployment.objects.filter(directive=directive), unit)
    return (
        rows.filter(STAGE_MISSING[stage])
        .select_related("unit", "unit__parent")
        .order_by("unit__sort_name", "unit__code")
    )


def tracking_rows(*, directive: Directive, unit: Unit | None) -> QuerySet[Deployment]:
    """Every deployment of the subtree, for the export, in tree order."""
    rows = _in_subtree(Deployment.objects.filter(directive=directive), unit)
    return rows.select_related(
        "unit", "unit__parent", "received_by", "read_by", "reported_by"
    ).order_by("unit__path")


def overdue_rows(*, day: date) -> QuerySet[Deployment]:
    """Deployments whose deadline has passed without a result report, across the country."""
    return Deployment.objects.filter(reported_at__isnull=True, report_deadline__lt=day)


def deployment_rate(*, unit: Unit | None, year: int) -> tuple[int, int]:
    """(acknowledged, expected) over the year's directives sent to `unit`'s subtree.

    A deployment counts as done once the unit acknowledged receipt; the year is the
    directive's date of issue. `unit` None means the whole country.
    """
    rows = _in_subtree(Deployment.objects.filter(directive__issued_on__year=year), unit)
    figures = rows.aggregate(
        expected=Count("id"), done=Count("id", filter=Q(received_at__isnull=False))
    )
    return figures["done"], figures["expected"]


def deployment_rate_missing(*, unit: Unit | None, year: int) -> QuerySet[Deployment]:
    """The year's deployments in the subtree not yet acknowledged."""
    rows = _in_subtree(Deployment.objects.filter(directive__issued_on__year=year), unit)
    return rows.filter(received_at__isnull=True).select_related("unit", "directive")


def directive_history(*, directive: Directive) -> list[dict]:
    return history_of(directive)


def deployment_history(*, deployment: Deployment) -> list[dict]:
    return history_of(deployment)


def inbox_counts(*, user) -> dict[str, int]:
    """Count the directives waiting on the account's unit (and, for a commune, the units it
    acts for): not yet acknowledged, and result reports past their deadline."""
    if not (is_admin(user) or any(user.has_role(r) for r in ACTOR_ROLES)):
        return {"unread": 0, "overdue": 0}
    return inbox(user=user).aggregate(
        unread=Count("id", filter=Q(read_at__isnull=True)),
        overdue=Count("id", filter=Q(reported_at__isnull=True, report_deadline__lt=today())),
    )
