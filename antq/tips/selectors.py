"""Reads of the tips app, already scoped to the officer; out of scope answers NotFound."""

from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.core.roles import Role
from antq.core.text import fold
from antq.units.models import Unit
from antq.units.permissions import is_admin, scope_path

from . import permissions
from .choices import Classification, TipStatus
from .crypto import contact_decrypt
from .deadlines import Deadline, deadlines_of
from .models import CommuneTipSetting, Tip, TipOpening


def tip_list(*, user, status: str = "", kind: str = "") -> QuerySet[Tip]:
    tips = Tip.objects.select_related("routed_to", "place", "province")
    if not permissions.is_handler(user):
        return tips.none()
    if not is_admin(user):
        if user.has_role(Role.PROVINCE_STAFF):
            tips = tips.filter(province__path__startswith=scope_path(user))
        else:
            tips = tips.filter(routed_to_id=user.unit_id)
    if status:
        tips = tips.filter(status=status)
    if kind:
        tips = tips.filter(kind=kind)
    return tips


def tip_get(*, user, tip_id: int) -> Tip:
    tip = tip_list(user=user).filter(pk=tip_id).first()
    if tip is None:
        raise NotFound(_("No tip #%(id)s.") % {"id": tip_id})
    return tip


def tip_contact(*, user, tip: Tip) -> str:
    """The contact details, for the officers handling the tip only."""
    if not permissions.can_handle_tip(user, tip):
        raise NotFound(_("No tip #%(id)s.") % {"id": tip.pk})
    return contact_decrypt(tip.contact_encrypted)


def is_remote(unit: Unit) -> bool:
    return CommuneTipSetting.objects.filter(unit=unit, remote=True).exists()


def tip_deadlines(tip: Tip) -> list[Deadline]:
    return deadlines_of(
        classification=tip.classification or Classification.ORDINARY,
        received_at=tip.received_at,
        remote=tip.routed_to.kind == "commune" and is_remote(tip.routed_to),
    )


def next_deadline(tip: Tip) -> Deadline | None:
    """The first deadline still running: forwarding ends a crime tip's clock."""
    if tip.status in (TipStatus.RESULT, TipStatus.CLOSED):
        return None
    deadlines = tip_deadlines(tip)
    if tip.classification == Classification.DENUNCIATION:
        if tip.status == TipStatus.FORWARDED:
            deadlines = deadlines[1:]
        return deadlines[0] if deadlines else None
    if tip.status == TipStatus.FORWARDED:
        return None
    return deadlines[0]


def tip_openings(*, user, tip: Tip) -> QuerySet[TipOpening]:
    if not permissions.can_read_openings(user, tip):
        raise NotFound(_("No tip #%(id)s.") % {"id": tip.pk})
    return tip.openings.select_related("officer")


def tip_cluster(*, user, tip: Tip) -> QuerySet[Tip]:
    """The other tips with the same text and place on the same day."""
    return tip_list(user=user).filter(cluster_key=tip.cluster_key).exclude(pk=tip.pk)


def citizen_view(tip: Tip) -> dict:
    """What a tracking code shows: the status and the dialogue, nothing else."""
    return {
        "status": tip.status,
        "status_label": str(TipStatus(tip.status).label),
        "messages": [
            {
                "from_citizen": m.from_citizen,
                "body": m.body,
                "sent_at": m.sent_at,
                "files": len(m.attachments.all()),
            }
            for m in tip.messages.prefetch_related("attachments")
        ],
    }


def places_search(*, province: Unit, q: str, limit: int = 20) -> list[Unit]:
    """Communes and residential areas of the province, searched without diacritics."""
    needle = fold(q or "")
    units = Unit.objects.filter(
        path__startswith=province.path,
        kind__in=["commune", "residential_area"],
        valid_to__isnull=True,
    )
    if needle:
        units = units.filter(search_text__contains=needle)
    return list(units.select_related("parent")[:limit])


def _window(start: date, end: date):
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end, time.max), tz),
    )


def report_figures(*, unit: Unit, start: date, end: date) -> dict[str, int]:
    """The report indicators for the unit's subtree, tips received between start and end."""
    lo, hi = _window(start, end)
    tips = Tip.objects.filter(
        Q(routed_to__path__startswith=unit.path) | Q(place__path__startswith=unit.path),
        received_at__gte=lo,
        received_at__lte=hi,
    ).distinct()
    return {
        "tips_received": tips.count(),
        "tips_valuable": tips.filter(valuable=True).count(),
        "cases_solved_from_tips": tips.filter(case_solved=True).count(),
    }


def tip_statistics(*, user, unit: Unit, year: int) -> list[dict]:
    """Per month of the year: received, valuable, solved, by kind, for the unit's subtree."""
    from django.db.models.functions import ExtractMonth

    rows = (
        tip_list(user=user)
        .filter(routed_to__path__startswith=unit.path, received_at__year=year)
        .annotate(month=ExtractMonth("received_at"))
        .values("month", "kind")
        .annotate(
            received=Count("pk"),
            valuable=Count("pk", filter=Q(valuable=True)),
            solved=Count("pk", filter=Q(case_solved=True)),
        )
        .order_by("month", "kind")
    )
    return list(rows)
