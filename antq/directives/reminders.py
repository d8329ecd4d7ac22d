"""Reminder e-mails before a directive's report deadline, and overdue lists to the level above."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from antq.accounts.models import Account

from .models import Deployment
from .permissions import ACTOR_ROLES, OVERSEER_ROLES

REMIND_DAYS_BEFORE = (7, 3, 1, 0)  # days before the deadline on which units are reminded
ESCALATE_EVERY_DAYS = 7  # the overdue list goes up the day after the deadline, then weekly


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


def _overseer(row: Deployment):
    """The level above: the unit that passed the directive down, else the unit's parent."""
    if row.parent_id is not None:
        return row.parent.unit
    return row.unit.parent


def directives_remind(*, today: date) -> dict[str, int]:
    """Send the day's reminders and overdue lists for every directive; return counts."""
    sender = settings.DEFAULT_FROM_EMAIL
    messages = []
    reminded = escalated = 0
    due_days = [today + timedelta(days=n) for n in REMIND_DAYS_BEFORE]
    due = list(
        Deployment.objects.filter(reported_at__isnull=True, report_deadline__in=due_days)
        .select_related("directive", "unit")
        .order_by("report_deadline", "unit__code")
    )
    emails = _recipients({row.unit_id for row in due}, ACTOR_ROLES)
    for row in due:
        for email in emails.get(row.unit_id, []):
            messages.append(_reminder(row, email, sender, today))
            reminded += 1
    # The day after the deadline, then every week: deadlines d with (today - d) % 7 == 1.
    overdue = (
        Deployment.objects.filter(reported_at__isnull=True, report_deadline__lt=today)
        .select_related("directive", "unit__parent", "parent__unit")
        .order_by("directive_id", "unit__sort_name")
    )
    groups: dict[tuple[int, int], list[Deployment]] = defaultdict(list)
    above = {}
    for row in overdue.iterator(chunk_size=2000):
        if (today - row.report_deadline).days % ESCALATE_EVERY_DAYS != 1:
            continue
        boss = _overseer(row)
        if boss is None:
            continue
        above[boss.pk] = boss
        groups[(row.directive_id, boss.pk)].append(row)
    emails = _recipients(list(above), OVERSEER_ROLES)
    for (_directive_id, boss_id), rows in groups.items():
        for email in emails.get(boss_id, []):
            messages.append(_escalation(rows, above[boss_id], email, sender))
            escalated += 1
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return {"reminders": reminded, "escalations": escalated}


def _reminder(row: Deployment, email: str, sender: str, today: date):
    directive = row.directive
    subject = _("Result report due: %(number)s") % {"number": directive.number}
    body = _(
        "%(unit)s has not yet sent its result report on %(number)s of %(issued)s "
        "(%(summary)s). It is due on %(day)s, in %(days)s day(s)."
    ) % {
        "unit": row.unit.name,
        "number": directive.number,
        "issued": _fmt(directive.issued_on),
        "summary": directive.summary[:200],
        "day": _fmt(row.report_deadline),
        "days": (row.report_deadline - today).days,
    }
    return (subject, body, sender, [email])


def _escalation(rows: list[Deployment], boss, email: str, sender: str):
    directive = rows[0].directive
    subject = _("Overdue result reports: %(number)s") % {"number": directive.number}
    due = _("due")
    lines = "\n".join(
        f"- {r.unit.name} ({r.unit.code}), {due} {_fmt(r.report_deadline)}" for r in rows
    )
    body = _(
        "These %(n)s unit(s) under %(parent)s have not sent their result report on "
        "%(number)s of %(issued)s:\n%(units)s"
    ) % {
        "n": len(rows),
        "parent": boss.name,
        "number": directive.number,
        "issued": _fmt(directive.issued_on),
        "units": lines,
    }
    return (subject, body, sender, [email])
