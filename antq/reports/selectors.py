"""Reads of reports, always scoped to the reader."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.units.permissions import is_admin, scope_path
from antq.units.selectors import today

from . import periods, permissions, rollups
from .choices import COUNTED_STATUSES, ReportStatus
from .models import Report, ReportForm, ReportValue

INBOX_PERIODS_BACK = 3  # closed periods an inbox looks back on


def form_list(*, active: bool = True) -> QuerySet[ReportForm]:
    forms = ReportForm.objects.all()
    return forms.filter(active=True) if active else forms


def form_get(*, code: str) -> ReportForm:
    form = ReportForm.objects.filter(code=code).first()
    if form is None:
        raise NotFound(_("No report form with code %(code)s.") % {"code": code})
    return form


def scoped_reports(*, user) -> QuerySet[Report]:
    prefix = scope_path(user)
    reports = Report.objects.select_related("form", "unit")
    return reports if prefix is None else reports.filter(unit__path__startswith=prefix)


def report_get(*, user, pk: int) -> Report:
    report = scoped_reports(user=user).filter(pk=pk).first()
    if report is None:
        raise NotFound(_("No such report."))
    return report


def report_find(*, form: ReportForm, unit, period_key: str) -> Report | None:
    return Report.objects.filter(form=form, unit=unit, period_key=period_key).first()


def report_values(*, report: Report | None) -> dict[str, ReportValue]:
    if report is None:
        return {}
    return {v.indicator.code: v for v in report.values.select_related("indicator")}


def display(value: ReportValue | None, indicator) -> str:
    """Return a stored value as text to show or put back in a form field."""
    if value is None:
        return ""
    if not indicator.is_numeric:
        return value.text
    if value.number is None:
        return ""
    if indicator.value_type == "boolean":
        return _("yes") if value.number else _("no")
    return format(value.number.normalize(), "f")


def report_history(*, report: Report) -> list:
    return list(report.history.select_related("history_user").order_by("-history_date", "-pk"))


def _values_at(report: Report, moment) -> dict[int, tuple]:
    """Return {indicator_id: (number, text)} as the report's values stood at `moment`."""
    rows = (
        ReportValue.history.filter(report_id=report.pk, history_date__lte=moment)
        .order_by("indicator_id", "history_date", "history_id")
        .values_list("indicator_id", "number", "text", "history_type")
    )
    state = {}
    for indicator_id, number, text, kind in rows:
        if kind == "-":
            state.pop(indicator_id, None)
        else:
            state[indicator_id] = (number, text)
    return state


@dataclass(frozen=True)
class Change:
    indicator: object
    old: str
    new: str


def report_changes(*, report: Report) -> list[Change]:
    """What changed between the previous submission and the latest one (empty for the first)."""
    submissions = list(
        report.history.filter(status=ReportStatus.SUBMITTED, submitted_at__isnull=False)
        .order_by("-history_date")
        .values_list("submitted_at", "history_date")
    )
    moments = []
    for submitted_at, history_date in submissions:
        if not moments or moments[-1][0] != submitted_at:
            moments.append((submitted_at, history_date))
    if len(moments) < 2:
        return []
    newer, older = _values_at(report, moments[0][1]), _values_at(report, moments[1][1])
    changes = []
    for indicator in report.form.ordered_indicators():
        before, after = older.get(indicator.pk), newer.get(indicator.pk)
        if before != after:
            changes.append(
                Change(indicator, _as_text(before, indicator), _as_text(after, indicator))
            )
    return changes


def _as_text(state, indicator) -> str:
    if state is None:
        return ""
    number, text = state
    fake = ReportValue(number=number, text=text or "")
    return display(fake, indicator)


@dataclass
class InboxRow:
    form: ReportForm
    unit: object
    period: periods.Period
    deadline: date
    report: Report | None

    @property
    def overdue(self) -> bool:
        return today() > self.deadline

    @property
    def status(self) -> str:
        return self.report.status if self.report else ""


def inbox(*, user) -> dict:
    """What the account has to do: its unit's reports due or overdue, reports to approve."""
    day = today()
    due = []
    unit = user.unit
    if unit is not None and permissions.can_enter(user, unit):
        for form in form_list():
            if unit.kind not in form.unit_kinds:
                continue
            period = periods.period_containing(day, form.period_type).previous()
            candidates = []
            for _i in range(INBOX_PERIODS_BACK):
                if period.end >= unit.valid_from:
                    candidates.append(period)
                period = period.previous()
            existing = {
                r.period_key: r
                for r in Report.objects.filter(
                    form=form, unit=unit, period_key__in=[p.key for p in candidates]
                )
            }
            for period in candidates:
                report = existing.get(period.key)
                if report is None or report.status not in COUNTED_STATUSES:
                    due.append(
                        InboxRow(form, unit, period, period.deadline(form.deadline_days), report)
                    )
    return {"due": due}


def approval_queue(
    *, user, form=None, period: str = "", status: str = ReportStatus.SUBMITTED, unit: str = ""
) -> QuerySet[Report]:
    """The reports of the account's subtree it may act on, newest submission first (so a late
    report just sent is on the first page); every one reachable by paging, none left out.

    `status` "" means any status but draft; `unit` matches a unit's code or part of its name
    (a commune's, or its parent's).
    """
    if not (any(user.has_role(r) for r in permissions.APPROVER_ROLES) or is_admin(user)):
        return Report.objects.none()
    reports = (
        scoped_reports(user=user)
        .exclude(unit_id=user.unit_id)
        .exclude(status=ReportStatus.DRAFT)
        .select_related("unit__parent", "form")
    )
    if status:
        reports = reports.filter(status=status)
    if form is not None:
        reports = reports.filter(form=form)
    if period:
        reports = reports.filter(period_key=period.strip().upper())
    if unit := unit.strip():
        reports = reports.filter(
            Q(unit__code=unit)
            | Q(unit__name__icontains=unit)
            | Q(unit__parent__name__icontains=unit)
        )
    return reports.order_by("-submitted_at", "-pk")


def overview(*, user) -> list[dict]:
    """For each form, the completeness of the last closed period in the account's unit."""
    if user.unit is None:
        return []
    rows = []
    for form in form_list():
        period = periods.period_containing(today(), form.period_type).previous()
        figures = rollups.completeness(form, period, user.unit)
        if figures.expected:
            rows.append({"form": form, "period": period, "figures": figures})
    return rows


def inbox_counts(*, user) -> dict[str, int]:
    """Count what the inbox holds for the account: its unit's reports due, overdue and
    returned, and the reports waiting for its approval (all of them, not one page)."""
    due = inbox(user=user)["due"]
    returned = sum(1 for row in due if row.status == ReportStatus.RETURNED)
    overdue = sum(1 for row in due if row.overdue and row.status != ReportStatus.RETURNED)
    return {
        "returned": returned,
        "overdue": overdue,
        "due": len(due) - returned - overdue,
        "to_approve": approval_queue(user=user).count(),
    }
