"""Setting targets: check, write, record who and why in the same transaction."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.bounds import year_problem
from antq.core.errors import DomainError, FieldErrors, NotFound, PermissionDenied
from antq.core.roles import Role
from antq.units import permissions as unit_permissions
from antq.units.models import Unit
from antq.units.selectors import placements_on, today

from . import reporting
from .choices import (
    DIRECTIVE_METRICS,
    INDICATOR_METRICS,
    REPORT_METRICS,
    SHARE_METRICS,
    Comparison,
    Metric,
    Subject,
)
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


def _report_errors(metric, form_code, indicator_code, denominator_code) -> dict[str, str]:
    form = reporting.form_or_none(form_code) if form_code else None
    if form is None:
        return {"form_code": _("Choose the report form the target is read from.")}
    numeric = {i.code for i in form.ordered_indicators() if i.is_numeric}
    message = _("Choose a numeric indicator of the form %(form)s.") % {"form": form.name}
    errors = {}
    if metric in INDICATOR_METRICS and indicator_code not in numeric:
        errors["indicator_code"] = message
    if metric == Metric.INDICATOR_RATIO and denominator_code not in numeric:
        errors["denominator_code"] = message
    return errors


def _errors(metric, subject, comparison, value, value_high, form_code, codes):
    errors = {}
    if metric not in Metric.values:
        errors["metric"] = _("Unknown metric.")
    elif metric in REPORT_METRICS:
        errors.update(_report_errors(metric, form_code, *codes))
    elif metric in DIRECTIVE_METRICS:
        pass  # counts the deployments of the year's directives, whatever the units' kind
    elif subject not in Subject.values:
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
    form_code: str = "",
    indicator_code: str = "",
    denominator_code: str = "",
) -> Target:
    """Create or change the unit's target for this metric and year."""
    _check(actor, unit)
    if problem := year_problem(year):  # ANTQ_YEAR_MIN/MAX, as for opening a year
        raise DomainError(problem)
    if metric in REPORT_METRICS:
        subject = ""
        indicator_code = indicator_code if metric in INDICATOR_METRICS else ""
        denominator_code = denominator_code if metric == Metric.INDICATOR_RATIO else ""
    else:
        form_code = indicator_code = denominator_code = ""
    if metric in DIRECTIVE_METRICS:
        subject = ""
    codes = (indicator_code, denominator_code)
    errors = _errors(metric, subject, comparison, value, value_high, form_code, codes)
    if errors:
        raise FieldErrors(errors)
    key = {
        "year": year,
        "unit": unit,
        "metric": metric,
        "subject": subject,
        "form_code": form_code,
        "indicator_code": indicator_code,
        "denominator_code": denominator_code,
    }
    target = Target.objects.filter(**key).first() or Target(**key, created_by=actor)
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
            form_code=target.form_code,
            indicator_code=target.indicator_code,
            denominator_code=target.denominator_code,
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
