"""Writes on reports: save and submit figures, approve, return, reopen. Each records history."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from antq.core.errors import DomainError, NotFound, PermissionDenied
from antq.core.versions import check_version
from antq.units.models import Unit
from antq.units.permissions import in_scope

from . import formcache, periods, permissions
from .choices import EDITABLE_STATUSES, ReportStatus
from .models import Report, ReportForm, ReportValue
from .validation import Cleaned, check_values


class ReportInvalid(DomainError):
    """Some values are refused; `errors` maps each indicator code to its message."""

    def __init__(self, errors: dict[str, str], message: str | None = None):
        self.errors = errors
        super().__init__(
            message or _("The report has %(n)s error(s); nothing was saved.") % {"n": len(errors)}
        )


def now():
    """Return the current instant (one place for tests to set the clock)."""
    return timezone.now()


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def form_period(form: ReportForm, period_key: str) -> periods.Period:
    """Read a period key for `form`, refusing one of another type."""
    try:
        return periods.parse(period_key, form.period_type)
    except periods.PeriodError as error:
        raise DomainError(error.message) from error


def check_can_report(*, actor, form: ReportForm, unit: Unit, period: periods.Period) -> None:
    """Refuse entry for a unit out of scope, of a kind that does not report, or out of time."""
    if not in_scope(actor, unit.path):
        raise NotFound(_("No unit with code %(code)s.") % {"code": unit.code})
    if not permissions.can_enter(actor, unit):
        raise PermissionDenied(_("You may not enter reports for this unit."))
    if not form.active:
        raise DomainError(_("The form %(form)s is no longer in use.") % {"form": form.code})
    if unit.kind not in form.unit_kinds:
        raise DomainError(
            _("%(unit)s does not report on the form “%(form)s”.")
            % {"unit": unit.name, "form": form.name}
        )
    if unit.valid_from > period.end or (unit.valid_to and unit.valid_to < period.start):
        raise DomainError(
            _("%(unit)s did not exist during the period %(period)s.")
            % {"unit": unit.name, "period": period.label}
        )
    day = timezone.localdate(now())
    if period.start > day:
        raise DomainError(_("The period %(period)s has not started.") % {"period": period.label})
    deadline = period.deadline(form.deadline_days)
    if not form.late_entry_open and day > deadline:
        raise DomainError(
            _("Entry for %(period)s closed on %(day)s.")
            % {"period": period.label, "day": _fmt(deadline)}
        )


def _stored(report: Report | None) -> dict[str, ReportValue]:
    if report is None:
        return {}
    return {v.indicator.code: v for v in report.values.select_related("indicator")}


def _as_cleaned(value: ReportValue) -> Cleaned:
    return Cleaned(number=value.number, text=value.text)


def report_check(
    *, form: ReportForm, report: Report | None, values: dict, complete: bool
) -> dict[str, str]:
    """Return the errors `values` would have, without saving anything (checks as one types)."""
    existing = {c: _as_cleaned(v) for c, v in _stored(report).items()}
    read = formcache.bundle(form)
    _cleaned, errors = check_values(
        form, read.indicators, values, existing=existing, complete=complete, rules=read.rules
    )
    return errors


class _Slow(Exception):
    """The quick path cannot save this report (one exists, or a value is refused)."""


def report_save(
    *,
    actor,
    form: ReportForm,
    unit: Unit,
    period_key: str,
    values: dict,
    submit: bool = False,
    also=None,
    version: str | None = None,
) -> Report:
    """Save the values of a unit's report for a period as a draft, and submit it if asked.

    `values` maps indicator codes to raw values; codes left out keep what was stored, an
    empty value clears it. Nothing is written when any value or rule is refused. `also(report)`
    runs in the same transaction (the API keeps its idempotency record there). `version` is
    the report's version when the entry form was opened ("0": no report yet); when someone
    saved the report since, nothing is written and the refusal shows what changed.

    A report that does not exist yet (every submission on deadline day) is written in one
    pass: the report already in its final status, then its values and their history in bulk.
    When one exists, it is locked and updated value by value.
    """
    period = form_period(form, period_key)
    check_can_report(actor=actor, form=form, unit=unit, period=period)
    read = formcache.bundle(form)
    try:
        with transaction.atomic():
            report = _create(actor, read, unit, period, values, submit)
            if also is not None:
                also(report)
            return report
    except _Slow:
        pass
    with transaction.atomic():
        report = _update(actor, read, unit, period, values, submit, version)
        if also is not None:
            also(report)
        return report


def _create(actor, read, unit: Unit, period: periods.Period, values: dict, submit: bool):
    cleaned, errors = check_values(
        read.form, read.indicators, values, existing={}, complete=submit, rules=read.rules
    )
    if errors:  # perhaps only because stored values are missing: check again with them
        raise _Slow
    report = Report(
        form=read.form,
        unit=unit,
        period_key=period.key,
        period_start=period.start,
        period_end=period.end,
    )
    if submit:
        moment = now()
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = report.first_submitted_at = moment
        report.submitted_by = actor if actor.pk else None
    # one instant for the report's and its values' history: the values belong to this version
    report._history_date = stamp = timezone.now()
    try:
        _save(report, actor=actor, reason=_("Submitted") if submit else _("Draft created"))
    except IntegrityError as error:  # the unit's report for this period exists
        raise _Slow from error
    by_code = {i.code: i for i in read.indicators}
    rows = [
        ReportValue(report=report, indicator=by_code[code], number=v.number, text=v.text)
        for code, v in cleaned.items()
        if not v.empty
    ]
    if rows:
        bulk_create_with_history(
            rows,
            ReportValue,
            default_user=_user(actor),
            default_change_reason="",
            default_date=stamp,
        )
    report.created = True
    report.stored_values = {row.indicator.code: row for row in rows}
    return report


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _update(
    actor, read, unit: Unit, period: periods.Period, values: dict, submit: bool, version=None
):
    report = (
        Report.objects.select_for_update()
        .filter(form=read.form, unit=unit, period_key=period.key)
        .first()
    )
    if report is not None and version is not None:
        _check_version(read, report, values, version)
    if report is not None and report.status not in EDITABLE_STATUSES:
        if report.status == ReportStatus.APPROVED:
            raise DomainError(
                _("The report for %(period)s is approved and locked.") % {"period": period.label}
            )
        raise DomainError(
            _("The report for %(period)s was already submitted and awaits approval.")
            % {"period": period.label}
        )
    stored = _stored(report)
    existing = {c: _as_cleaned(v) for c, v in stored.items()}
    cleaned, errors = check_values(
        read.form, read.indicators, values, existing=existing, complete=submit, rules=read.rules
    )
    if errors:
        raise ReportInvalid(errors)
    created = report is None
    if created:
        report = Report(
            form=read.form,
            unit=unit,
            period_key=period.key,
            period_start=period.start,
            period_end=period.end,
        )
        _save(report, actor=actor, reason=_("Draft created"))
    by_code = {i.code: i for i in read.indicators}
    for code, value in cleaned.items():
        row = stored.get(code)
        if row is None:
            if value.empty:
                continue
            row = ReportValue(report=report, indicator=by_code[code])
        elif row.number == value.number and row.text == value.text:
            continue
        row.number, row.text = value.number, value.text
        row._history_user = actor
        row.save()
    if submit:
        moment = now()
        resubmission = report.status == ReportStatus.RETURNED
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = moment
        report.submitted_by = actor if actor.pk else None
        report.first_submitted_at = report.first_submitted_at or moment
        report.return_reason = ""
        _save(report, actor=actor, reason=_("Resubmitted") if resubmission else _("Submitted"))
    else:
        _save(report, actor=actor, reason=_("Draft saved"))
    report.created = created
    return report


def _check_version(read, report: Report, values: dict, version: str) -> None:
    from .selectors import display

    stored = _stored(report)
    shown = {i.code: i for i in read.indicators if i.code in values}
    check_version(
        report,
        version=version,
        submitted={code: values[code] for code in shown},
        saved={code: display(stored.get(code), i) for code, i in shown.items()},
        labels={code: i.name for code, i in shown.items()},
    )


def _save(report: Report, *, actor, reason: str) -> None:
    report._history_user = actor if getattr(actor, "pk", None) else None
    report._change_reason = reason
    report.save()


def _locked_for_update(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("unit", "form").get(pk=report.pk)


def _check_visible(actor, report: Report) -> None:
    if not in_scope(actor, report.unit.path):
        raise NotFound(_("No such report."))


@transaction.atomic
def report_approve(*, actor, report: Report) -> Report:
    """Approve a submitted report: it counts as approved and is locked."""
    report = _locked_for_update(report)
    _check_visible(actor, report)
    if not permissions.can_approve(actor, report):
        raise PermissionDenied(_("Only the level above may approve this report."))
    if report.status != ReportStatus.SUBMITTED:
        raise DomainError(_("Only a submitted report can be approved."))
    report.status = ReportStatus.APPROVED
    report.approved_at = now()
    report.approved_by = actor
    _save(report, actor=actor, reason=_("Approved"))
    return report


@transaction.atomic
def report_return(*, actor, report: Report, reason: str) -> Report:
    """Send a submitted report back to its unit with the reason; it stops counting."""
    reason = (reason or "").strip()
    report = _locked_for_update(report)
    _check_visible(actor, report)
    if not permissions.can_approve(actor, report):
        raise PermissionDenied(_("Only the level above may return this report."))
    if report.status != ReportStatus.SUBMITTED:
        raise DomainError(_("Only a submitted report can be returned."))
    if not reason:
        raise ReportInvalid(
            {"reason": _("Give the reason for returning the report.")},
            message=_("Give the reason for returning the report."),
        )
    report.status = ReportStatus.RETURNED
    report.return_reason = reason
    _save(report, actor=actor, reason=_("Returned: %(reason)s") % {"reason": reason})
    return report


@transaction.atomic
def report_reopen(*, actor, report: Report, reason: str) -> Report:
    """Unlock an approved report so that its unit can correct it; the reason is kept."""
    reason = (reason or "").strip()
    report = _locked_for_update(report)
    _check_visible(actor, report)
    if not permissions.can_reopen(actor, report):
        raise PermissionDenied(_("Only province staff may reopen an approved report."))
    if report.status != ReportStatus.APPROVED:
        raise DomainError(_("Only an approved report can be reopened."))
    if not reason:
        raise ReportInvalid(
            {"reason": _("Give the reason for reopening the report.")},
            message=_("Give the reason for reopening the report."),
        )
    report.status = ReportStatus.RETURNED
    report.return_reason = reason
    report.approved_at = None
    report.approved_by = None
    _save(report, actor=actor, reason=_("Reopened: %(reason)s") % {"reason": reason})
    return report


@transaction.atomic
def report_approve_many(*, actor, reports) -> int:
    """Approve several submitted reports at once (province staff): all or none."""
    if not (permissions.can_approve_many(actor)):
        raise PermissionDenied(_("Only province staff may approve several reports at once."))
    reports = list(reports)
    if not reports:
        raise DomainError(_("Select the reports to approve."))
    for report in reports:
        report_approve(actor=actor, report=report)
    return len(reports)
