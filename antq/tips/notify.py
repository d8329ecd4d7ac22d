"""E-mails to officers: they say "a new tip" or "tip overdue", never its content."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from antq.accounts.models import Account
from antq.core.roles import Role


def _emails(unit_id: int, role: str) -> list[str]:
    return list(
        Account.objects.filter(unit_id=unit_id, is_active=True, role_grants__role=role)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _handlers(tip) -> list[str]:
    if tip.routed_to_id == tip.province_id:
        return _emails(tip.province_id, Role.PROVINCE_STAFF)
    return _emails(tip.routed_to_id, Role.COMMUNE_OFFICER)


def _send(subject: str, body: str, to: list[str]) -> None:
    if to:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=True)


def _tip(tip_id: int):
    from .models import Tip

    return Tip.objects.get(pk=tip_id)


def notify_new_tip(tip_id: int) -> None:
    tip = _tip(tip_id)
    _send(
        _("A new tip"),
        _("A new tip (#%(id)s) is waiting. Log in to read it.") % {"id": tip.pk},
        _handlers(tip),
    )


def notify_reminder(tip_id: int) -> None:
    tip = _tip(tip_id)
    _send(
        _("Tip deadline approaching"),
        _("The deadline of tip #%(id)s is near. Log in to handle it.") % {"id": tip.pk},
        _handlers(tip),
    )


def notify_overdue(tip_id: int) -> None:
    tip = _tip(tip_id)
    to = _handlers(tip) + _emails(tip.province_id, Role.PROVINCE_STAFF)
    _send(
        _("Tip overdue"),
        _("Tip #%(id)s is overdue. Log in to handle it.") % {"id": tip.pk},
        sorted(set(to)),
    )
