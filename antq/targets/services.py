"""Setting targets: check, write, record who and why in the same transaction."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, NotFound, PermissionDenied
from antq.core.roles import Role
from antq.units import permissions as unit_permissions
from antq.units.models import Unit
from antq.units.selectors import placements_on, today

from .choices import SHARE_METRICS, Comparison, Metric, Subject
from .models import Target


def can_set_targets(user, unit: Unit) -> bool:
    return unit_permissions.in_scope(user, unit.path) and (
        unit_permissions.is_admin(user) or user.has_role(Role.PROVINCE_STAFF)
    )


def _check(actor, unit: Unit) -> None:
    if not unit_permissions.in_scope(actor, unit.path):
        raise NotFound(_("No unit with code %(code)s.") % {"code": unit.code})
    if not can_set_targets(actor, unit):
        raise PermissionDenied(_("Only province staff set targets."))


def _errors(metric, subject, comparison, value, value_high) -> dict[str, str]:
    errors = {}
    if metric not in Metric.values:
        errors["metric"] = _("Unknown metric.")
    if subject not in Subject.values:
        errors["subject"] = _("Unknown group of units.")
    if comparison not in Comparison.values:
        errors["comparison"] = _("Unknown comparison.")
    if value is None or value < 0:
        errors["value"] = _("The value must be zero or more.")
    elif metric in SHARE_METRICS and value > 100:
        errors["value"] = _("A share is at most 100%.")
    if comparison == Comparison.BETWEEN and (value_high is None or value_high < (value or 0)):
        errors["value_high"] = _("Give an upper value not below the lower one.")
    return errors


@transaction.atomic
def target_set(
    *,
    actor,
    year: int,
    unit: Unit,
    metric: str,
    subject: str,
    comparison: str,
    value: Decimal,
    value_high: Decimal | None = None,
    basis: str = "",
    public: bool = False,
    reason: str = "",
) -> Target:
    """Create or change the unit's target for this metric and year."""
    _check(actor, unit)
    if errors := _errors(metric, subject, comparison, value, value_high):
        raise FieldErrors(errors)
    target = Target.objects.filter(year=year, unit=unit, metric=metric, subject=subject).first()
    target = target or Target(
        year=year, unit=unit, metric=metric, subject=subject, created_by=actor
    )
    target.comparison, target.value, target.value_high = comparison, value, value_high
    target.basis, target.public = basis.strip(), public
    target._history_user = actor
    target._change_reason = reason or None
    target.save()
    return target


@transaction.atomic
def target_cascade(*, actor, target: Target, kind: str = "commune") -> int:
    """Give every unit of `kind` directly under the target's unit the same target."""
    _check(actor, target.unit)
    if target.subject == Subject.COMMUNE:
        raise DomainError(_("A target on communes cannot be given to the communes themselves."))
    children = placements_on(today()).filter(parent=target.unit, unit__kind=kind)
    count = 0
    for child in children.select_related("unit"):
        copy = target_set(
            actor=actor,
            year=target.year,
            unit=child.unit,
            metric=target.metric,
            subject=target.subject,
            comparison=target.comparison,
            value=target.value,
            value_high=target.value_high,
            basis=target.basis,
            reason=_("Cascaded from %(unit)s") % {"unit": target.unit.name},
        )
        if copy.cascaded_from_id != target.pk:
            copy.cascaded_from = target
            copy.save(update_fields=["cascaded_from"])
        count += 1
    return count


@transaction.atomic
def target_delete(*, actor, target: Target, reason: str = "") -> None:
    _check(actor, target.unit)
    target._history_user = actor
    target._change_reason = reason or None
    target.delete()
