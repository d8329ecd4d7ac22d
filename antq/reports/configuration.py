"""Writes that configure reporting: indicators and forms (province staff and administrators).

A form's indicators, kinds, period type and cross rules are fixed once it has reports, so
that old reports keep meaning what they meant; deadlines and late entry stay editable.
"""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.bounds import record_errors
from antq.core.errors import DomainError, PermissionDenied
from antq.units.choices import UnitKind

from . import permissions
from .choices import Aggregation, Operator, PeriodType, ValueType
from .models import CrossRule, FormIndicator, Indicator, ReportForm
from .services import ReportInvalid


def _check_actor(actor) -> None:
    if not permissions.can_configure(actor):
        raise PermissionDenied(_("Only province staff may configure report forms."))


def _save(obj, *, actor, reason: str) -> None:
    if errors := record_errors(obj):  # lengths, text, dates, the column's range
        raise ReportInvalid(errors)
    obj._history_user = actor if getattr(actor, "pk", None) else None
    obj._change_reason = reason
    obj.save()


# Days after a period ends for the deadline and for "on time" (provisional: no rule sets the
# bound; a year is the longest a yearly report may sensibly wait).
MAX_DAYS = 366


def _days_error(*days: int | None) -> str | None:
    limit = int(getattr(settings, "ANTQ_REPORT_MAX_DAYS", MAX_DAYS))
    if any(d is not None and not 0 <= d <= limit for d in days):
        return _("Days must be between 0 and %(limit)s.") % {"limit": limit}
    return None


@transaction.atomic
def indicator_create(
    *,
    actor,
    code: str,
    name: str,
    unit_of_measure: str = "",
    value_type: str = ValueType.INTEGER,
    aggregation: str = Aggregation.SUM,
    min_value=0,
    max_value=None,
    required: bool = True,
) -> Indicator:
    """Define an indicator; numbers default to a lower bound of 0."""
    _check_actor(actor)
    errors = {}
    code, name = code.strip(), " ".join(name.split())
    if not code or Indicator.objects.filter(code=code).exists():
        errors["code"] = _("Give a code not used by another indicator.")
    if not name:
        errors["name"] = _("Give the indicator's name.")
    if value_type not in ValueType.values:
        errors["value_type"] = _("Unknown type.")
    if aggregation not in Aggregation.values:
        errors["aggregation"] = _("Unknown aggregation.")
    if min_value is not None and max_value is not None and min_value > max_value:
        errors["max_value"] = _("The maximum is below the minimum.")
    if errors:
        raise ReportInvalid(errors)
    numeric = value_type != ValueType.TEXT
    indicator = Indicator(
        code=code,
        name=name,
        unit_of_measure=unit_of_measure.strip(),
        value_type=value_type,
        aggregation=aggregation,
        min_value=min_value if numeric else None,
        max_value=max_value if numeric else None,
        required=required,
    )
    _save(indicator, actor=actor, reason=_("Created"))
    return indicator


@transaction.atomic
def report_form_create(
    *,
    actor,
    code: str,
    name: str,
    period_type: str,
    unit_kinds: list[str],
    indicators: list[str],
    cross_rules: list[dict] | None = None,
    deadline_days: int = 5,
    on_time_days: int | None = None,
    late_entry_open: bool = True,
    skip_out_of_scope: bool = False,
    deadline_note: str = "",
) -> ReportForm:
    """Define a form: its ordered indicators (codes), who reports, how often, by when."""
    _check_actor(actor)
    errors = {}
    code, name = code.strip(), " ".join(name.split())
    if not code or ReportForm.objects.filter(code=code).exists():
        errors["code"] = _("Give a code not used by another form.")
    if not name:
        errors["name"] = _("Give the form's name.")
    if period_type not in PeriodType.values:
        errors["period_type"] = _("Choose month, quarter, half_year or year.")
    if not unit_kinds or set(unit_kinds) - set(UnitKind.values):
        errors["unit_kinds"] = _("Choose the kinds of unit that report.")
    found = Indicator.objects.in_bulk(indicators, field_name="code")
    unknown = [c for c in indicators if c not in found]
    if not indicators or unknown or len(set(indicators)) != len(indicators):
        errors["indicators"] = _("Unknown or repeated indicators: %(codes)s") % {
            "codes": ", ".join(unknown) or "—"
        }
    if days_error := _days_error(deadline_days, on_time_days):
        errors["deadline_days"] = days_error
    rules = []
    for rule in cross_rules or []:
        left, right = found.get(rule.get("left")), found.get(rule.get("right"))
        if left is None or right is None or rule.get("operator") not in Operator.values:
            errors["cross_rules"] = _("A rule names an indicator not in the form, or no operator.")
            continue
        rules.append((left, rule["operator"], right, rule.get("message", "").strip()))
    if errors:
        raise ReportInvalid(errors)
    form = ReportForm(
        code=code,
        name=name,
        period_type=period_type,
        unit_kinds=list(unit_kinds),
        deadline_days=deadline_days,
        on_time_days=deadline_days if on_time_days is None else on_time_days,
        late_entry_open=late_entry_open,
        skip_out_of_scope=skip_out_of_scope,
        deadline_note=deadline_note,
    )
    _save(form, actor=actor, reason=_("Created"))
    for position, indicator_code in enumerate(indicators, start=1):
        FormIndicator.objects.create(form=form, indicator=found[indicator_code], position=position)
    for left, operator, right, message in rules:
        if not message:
            message = f"{left.name} {Operator(operator).label} {right.name}"
        CrossRule.objects.create(
            form=form, left=left, operator=operator, right=right, message=message
        )
    return form


@transaction.atomic
def report_form_update(*, actor, form: ReportForm, reason: str = "", **values) -> ReportForm:
    """Change a form's deadline settings, name or whether it is in use."""
    _check_actor(actor)
    allowed = {
        "name",
        "deadline_days",
        "on_time_days",
        "late_entry_open",
        "active",
        "deadline_note",
    }
    if unknown := set(values) - allowed:
        raise DomainError(
            _("These fields cannot be changed here: %(f)s.") % {"f": ", ".join(sorted(unknown))}
        )
    days = [values[f] for f in ("deadline_days", "on_time_days") if values.get(f) is not None]
    if days and (days_error := _days_error(*days)):
        raise ReportInvalid({"deadline_days": days_error})
    for field, value in values.items():
        setattr(form, field, value)
    _save(form, actor=actor, reason=reason or _("Changed"))
    return form
