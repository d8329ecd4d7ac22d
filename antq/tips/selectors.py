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


def tip_list(
    *,
    user,
    status: str = "",
    kind: str = "",
    classification: str = "",
    commune: str = "",
    q: str = "",
) -> QuerySet[Tip]:
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
    if classification:
        tips = tips.filter(classification=classification)
    if commune:
        tips = tips.filter(Q(routed_to__code=commune) | Q(place__path__startswith=_path(commune)))
    if q:
        needle = q.strip()
        digits = needle.lstrip("#")
        match = Q(text__icontains=needle) | Q(receipt_number__icontains=needle)
        if digits.isdigit():
            match |= Q(pk=int(digits))
        tips = tips.filter(match)
    return tips


def _path(code: str) -> str:
    unit = Unit.objects.filter(code=code).only("path").first()
    return unit.path if unit else "~no-such-unit~"


def with_deadlines(tips, *, now=None) -> list[Tip]:
    """Set `next_due` and `overdue` on each tip, reading the remote communes once."""
    now = now or timezone.now()
    tips = list(tips)
    remote = set(
        CommuneTipSetting.objects.filter(
            unit_id__in={t.routed_to_id for t in tips}, remote=True
        ).values_list("unit_id", flat=True)
    )
    for tip in tips:
        deadline = next_deadline(tip, remote=tip.routed_to_id in remote)
        tip.next_due = deadline
        tip.overdue = deadline is not None and deadline.due <= now
    return tips


def tip_overdue(tips: QuerySet[Tip], *, now=None) -> QuerySet[Tip]:
    """The open tips among these whose running deadline has passed."""
    open_tips = tips.exclude(status__in=[TipStatus.RESULT, TipStatus.CLOSED])
    ids = [t.pk for t in with_deadlines(open_tips, now=now) if t.overdue]
    return tips.filter(pk__in=ids)


def tip_get(*, user, tip_id: int) -> Tip:
    tip = tip_list(user=user).filter(pk=tip_id).first()
    if tip is None:
        raise NotFound(_("No tip #%(id)s.") % {"id": tip_id})
    return tip


def tip_contact(*, user, tip: Tip) -> str:
    """The contact details, for the officers handling the tip only."""
    if not permissions.can_read_contact(user, tip):
        raise NotFound(_("No tip #%(id)s.") % {"id": tip.pk})
    return contact_decrypt(tip.contact_encrypted)


def is_remote(unit: Unit) -> bool:
    return CommuneTipSetting.objects.filter(unit=unit, remote=True).exists()


def tip_deadlines(tip: Tip, *, remote: bool | None = None) -> list[Deadline]:
    if remote is None:
        remote = tip.routed_to.kind == "commune" and is_remote(tip.routed_to)
    return deadlines_of(
        classification=tip.classification or Classification.ORDINARY,
        received_at=tip.received_at,
        remote=remote,
    )


def next_deadline(tip: Tip, *, remote: bool | None = None) -> Deadline | None:
    """The first deadline still running: forwarding ends a crime tip's clock."""
    if tip.status in (TipStatus.RESULT, TipStatus.CLOSED):
        return None
    deadlines = tip_deadlines(tip, remote=remote)
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


def forwarded_on_time(*, user, unit: Unit, year: int) -> list[dict]:
    """Per month of receipt: tips forwarded, and how many before their forwarding deadline.

    The forwarding deadline is the first one of the tip (24/48 hours or 7 days for a crime
    tip, the 7 working days of initial handling for a denunciation), counted from receipt.
    """
    tips = (
        tip_list(user=user)
        .filter(
            routed_to__path__startswith=unit.path,
            received_at__year=year,
            forwarded_at__isnull=False,
        )
        .order_by("received_at")
    )
    remote = set(CommuneTipSetting.objects.filter(remote=True).values_list("unit_id", flat=True))
    months: dict[int, dict] = {}
    for tip in tips:
        month = timezone.localtime(tip.received_at).month
        row = months.setdefault(month, {"month": month, "forwarded": 0, "on_time": 0})
        row["forwarded"] += 1
        due = tip_deadlines(tip, remote=tip.routed_to_id in remote)[0].due
        if tip.forwarded_at <= due:
            row["on_time"] += 1
    return [months[m] for m in sorted(months)]


def tip_counts(*, user) -> dict[str, int]:
    """Count the tips waiting on the officer: new ones not yet recorded, and overdue ones."""
    if not permissions.is_handler(user):
        return {"new": 0, "overdue": 0}
    tips = tip_list(user=user)
    return {
        "new": tips.filter(status=TipStatus.RECEIVED).count(),
        "overdue": tip_overdue(tips).count(),
    }
