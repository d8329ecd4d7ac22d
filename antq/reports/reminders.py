"""Reminder e-mails before a deadline and overdue lists escalated to the level above."""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from antq.accounts.models import Account
from antq.units.models import Unit

from . import periods, rollups
from .models import ReportForm
from .permissions import APPROVER_ROLES, ENTRY_ROLES

REMIND_DAYS_BEFORE = (3, 1, 0)  # days before the deadline on which units are reminded
ESCALATE_EVERY_DAYS = 7  # the overdue list goes up the day after the deadline, then weekly
PERIODS_BACK = 3


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _recipients(unit_ids, roles) -> dict[int, list[str]]:
    """Return {unit_id: [e-mail addresses]} of active accounts with one of `roles`."""
    found = defaultdict(list)
    accounts = (
        Account.objects.filter(unit_id__in=unit_ids, is_active=True, role_grants__role__in=roles)
        .exclude(email="")
        .values_list("unit_id", "email")
        .distinct()
    )
    for unit_id, email in accounts:
        found[unit_id].append(email)
    return found


def _national_missing(form: ReportForm, period: periods.Period):
    return (
        rollups.expected_placements(form, period, "")
        .exclude(unit_id__in=rollups.counted_reports(form, period, "").values("unit_id"))
        .select_related("unit")
    )


def reports_remind(*, today: date) -> dict[str, int]:
    """Send the day's reminders and escalations for every active form; return counts."""
    sender = settings.DEFAULT_FROM_EMAIL
    messages = []
    reminded = escalated = 0
    for form in ReportForm.objects.filter(active=True):
        period = periods.period_containing(today, form.period_type).previous()
        for _i in range(PERIODS_BACK):
            deadline = period.deadline(form.deadline_days)
            days_left = (deadline - today).days
            if days_left in REMIND_DAYS_BEFORE:
                missing = list(_national_missing(form, period))
                emails = _recipients([p.unit_id for p in missing], ENTRY_ROLES)
                for placement in missing:
                    for email in emails.get(placement.unit_id, []):
                        messages.append(_reminder(form, period, deadline, placement, email, sender))
                        reminded += 1
            elif days_left < 0 and (-days_left) % ESCALATE_EVERY_DAYS == 1:
                by_parent = defaultdict(list)
                for placement in _national_missing(form, period):
                    if placement.parent_id:
                        by_parent[placement.parent_id].append(placement)
                emails = _recipients(list(by_parent), APPROVER_ROLES)
                parents = Unit.objects.in_bulk(list(by_parent))
                for parent_id, overdue in by_parent.items():
                    for email in emails.get(parent_id, []):
                        messages.append(
                            _escalation(form, period, deadline, parents[parent_id], overdue, email)
                        )
                        escalated += 1
            period = period.previous()
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return {"reminders": reminded, "escalations": escalated}


def _reminder(form, period, deadline, placement, email, sender):
    subject = _("Report due: %(form)s, %(period)s") % {"form": form.name, "period": period.key}
    body = _(
        "%(unit)s has not yet submitted the report “%(form)s” for %(period)s. It is due on %(day)s."
    ) % {"unit": placement.name, "form": form.name, "period": period.key, "day": _fmt(deadline)}
    return (subject, body, sender, [email])


def _escalation(form, period, deadline, parent, overdue, email):
    sender = settings.DEFAULT_FROM_EMAIL
    subject = _("Overdue reports: %(form)s, %(period)s") % {
        "form": form.name,
        "period": period.key,
    }
    lines = "\n".join(f"- {p.name} ({p.unit.code})" for p in overdue)
    body = _(
        "These units under %(parent)s had not submitted “%(form)s” for %(period)s "
        "by %(day)s:\n%(units)s"
    ) % {
        "parent": parent.name,
        "form": form.name,
        "period": period.key,
        "day": _fmt(deadline),
        "units": lines,
    }
    return (subject, body, sender, [email])
