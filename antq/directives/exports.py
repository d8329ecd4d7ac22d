"""Excel downloads of the directive list and of a directive's tracking."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from antq.core.excel import xlsx_response

from . import selectors
from .choices import DirectiveKind


def directive_list_response(rows):
    kinds = dict(DirectiveKind.choices)
    return xlsx_response(
        "van-ban-chi-dao.xlsx",
        title=_("Directives and plans"),
        headers=[
            _("Number and symbol"),
            _("Date issued"),
            pgettext("directive", "Kind"),
            _("Issuing body"),
            pgettext("directive", "Summary"),
            _("Result report deadline"),
            pgettext("directive", "Units"),
            pgettext("directive", "Read"),
            pgettext("directive", "Reported"),
        ],
        rows=(
            (
                d.number,
                d.issued_on,
                str(kinds.get(d.kind, d.kind)),
                d.issuing_body,
                d.summary,
                d.report_deadline,
                d.expected,
                d.read,
                d.reported,
            )
            for d in rows.iterator(chunk_size=2000)
        ),
    )


def _status(row) -> str:
    if row.reported_on is not None:
        return (
            str(pgettext("directive", "on time"))
            if row.on_time
            else str(pgettext("directive", "late"))
        )
    if row.report_deadline is not None and row.report_deadline < selectors.today():
        return str(pgettext("directive", "overdue"))
    return ""


def tracking_response(directive, unit):
    rows = selectors.tracking_rows(directive=directive, unit=unit)
    where = unit.code if unit is not None else "ca-nuoc"
    return xlsx_response(
        f"trien-khai-{directive.pk}-{where}.xlsx",
        title=_("Deployment"),
        headers=[
            _("Unit code"),
            _("Unit"),
            _("Parent unit"),
            _("Received at"),
            _("Received by"),
            _("Read at"),
            _("Read by"),
            _("Plan number"),
            _("Plan date"),
            _("Result report deadline"),
            _("Report date"),
            _("Report status"),
        ],
        rows=(
            (
                r.unit.code,
                r.unit.name,
                r.unit.parent.name if r.unit.parent else "",
                r.received_at,
                str(r.received_by or ""),
                r.read_at,
                str(r.read_by or ""),
                r.plan_number,
                r.plan_date,
                r.report_deadline,
                r.reported_on,
                _status(r),
            )
            for r in rows.iterator(chunk_size=2000)
        ),
    )
