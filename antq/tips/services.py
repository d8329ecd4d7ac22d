"""Writes of the tips app: the citizen's submit and reply, the officers' handling."""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, NotFound, PermissionDenied
from antq.core.text import fold
from antq.units.models import Unit

from . import codes, permissions
from .choices import Classification, TipKind, TipStatus
from .cleaning import MAX_FILES, clean_upload
from .crypto import contact_encrypt
from .models import Tip, TipAttachment, TipMessage, TipStep

MAX_TEXT = 5000


class TooManyRequests(DomainError):
    status = 429


@dataclass(frozen=True)
class Submitted:
    tip: Tip
    code: str  # shown once to the citizen, never stored


def _hour(moment):
    return moment.replace(minute=0, second=0, microsecond=0)


def _save(tip: Tip, *, actor, reason: str) -> None:
    tip._history_user = actor if getattr(actor, "pk", None) else None
    tip._change_reason = reason or None
    tip.save()


def route_for(*, province: Unit, place: Unit | None) -> Unit:
    """The commune police of the place, or the province's staff when the place is unknown."""
    node = place
    while node is not None and node.kind not in ("commune", "province"):
        node = node.parent
    return node if node is not None and node.kind == "commune" else province


def _clean_files(files) -> list:
    files = [f for f in (files or []) if f]
    if len(files) > MAX_FILES:
        raise FieldErrors({"attachments": _("At most %(n)d files.") % {"n": MAX_FILES}})
    return [clean_upload(f) for f in files]


def _attach(tip: Tip, cleaned: list, message: TipMessage | None = None) -> None:
    for content, mime in cleaned:
        TipAttachment.objects.create(
            tip=tip, message=message, file=content, mime=mime, size=content.size
        )


def tip_submit(
    *,
    province: Unit,
    kind: str,
    text: str,
    place: Unit | None = None,
    happened_on: str = "",
    contact: str = "",
    attachments=None,
) -> Submitted:
    """Record a citizen's tip; return it with its tracking code (shown once)."""
    errors = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Write what happened.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
    if kind not in TipKind.values:
        errors["kind"] = _("Choose the kind of matter.")
    if place is not None and not place.path.startswith(province.path):
        errors["place"] = _("The place is not in this province.")
    if len(contact or "") > 500:
        errors["contact"] = _("At most %(n)d characters.") % {"n": 500}
    if errors:
        raise FieldErrors(errors)
    cleaned = _clean_files(attachments)
    contact = (contact or "").strip()
    now = timezone.now()
    anonymous = not contact
    received = _hour(now) if anonymous else now
    cluster = hashlib.sha256(
        f"{fold(text)}|{place.pk if place else ''}|{timezone.localdate(now)}".encode()
    ).hexdigest()
    code = codes.code_new()
    with transaction.atomic():
        tip = Tip(
            code_digest=codes.digest(code),
            province=province,
            place=place,
            routed_to=route_for(province=province, place=place),
            kind=kind,
            text=text,
            happened_on=(happened_on or "")[:100],
            received_at=received,
            anonymous=anonymous,
            contact_encrypted=contact_encrypt(contact),
            cluster_key=cluster,
        )
        _save(tip, actor=None, reason="received")
        TipStep.objects.create(tip=tip, status=TipStatus.RECEIVED)
        _attach(tip, cleaned)
    from .notify import notify_new_tip

    transaction.on_commit(lambda: notify_new_tip(tip.pk))
    return Submitted(tip=tip, code=code)


def tip_by_code(code: str) -> Tip:
    """The tip of a tracking code; a wrong code answers exactly like a missing one."""
    if codes.lookups_blocked():
        raise TooManyRequests(_("Too many attempts. Wait a minute and try again."))
    tip = (
        Tip.objects.filter(code_digest=codes.digest(code)).first()
        if codes.normalise(code)
        else None
    )
    if tip is None:
        codes.lookup_failed()
        raise NotFound(_("No tip with this code."))
    return tip


def tip_citizen_reply(*, code: str, body: str = "", attachments=None) -> TipMessage:
    """The citizen answers under the code, with text and/or files."""
    tip = tip_by_code(code)
    body = (body or "").strip()
    if not body and not attachments:
        raise FieldErrors({"body": _("Write an answer or attach a file.")})
    if len(body) > MAX_TEXT:
        raise FieldErrors({"body": _("At most %(n)d characters.") % {"n": MAX_TEXT}})
    if tip.status == TipStatus.CLOSED:
        raise DomainError(_("This tip is closed."))
    if not codes.reply_allowed(tip.code_digest):
        raise TooManyRequests(_("Too many answers for this code. Try again later."))
    cleaned = _clean_files(attachments)
    with transaction.atomic():
        message = TipMessage.objects.create(
            tip=tip, from_citizen=True, body=body, sent_at=_hour(timezone.now())
        )
        _attach(tip, cleaned, message)
    return message


def _check(actor, tip: Tip, predicate) -> None:
    if not permissions.can_see_tip(actor, tip):
        raise NotFound(_("No tip #%(id)s.") % {"id": tip.pk})
    if not predicate(actor, tip):
        raise PermissionDenied(_("You may not do this to this tip."))


def tip_ask(*, actor, tip: Tip, body: str) -> TipMessage:
    """An officer writes to the citizen (a question, or the result under Art. 145)."""
    _check(actor, tip, permissions.can_handle_tip)
    body = (body or "").strip()
    if not body:
        raise FieldErrors({"body": _("Write the message.")})
    return TipMessage.objects.create(tip=tip, officer=actor, body=body, sent_at=timezone.now())


def tip_reroute(*, actor, tip: Tip, to: Unit, reason: str) -> Tip:
    """The province sends the tip to another commune (or to itself), with a reason."""
    _check(actor, tip, permissions.can_reroute_tip)
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Give the reason for re-routing.")
    if not to.path.startswith(tip.province.path) or to.kind not in ("commune", "province"):
        errors["to"] = _("Choose a commune of the province, or the province.")
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        tip.routed_to = to
        _save(tip, actor=actor, reason=reason)
        TipStep.objects.create(
            tip=tip,
            actor=actor,
            status=tip.status,
            note=_("Re-routed to %(unit)s: %(reason)s") % {"unit": to.name, "reason": reason},
        )
    return tip


def tip_advance(
    *,
    actor,
    tip: Tip,
    status: str,
    note: str = "",
    receipt_number: str = "",
    classification: str = "",
    forwarded_to: str = "",
    valuable: bool | None = None,
    case_solved: bool | None = None,
) -> Tip:
    """Record a handling step: receipt, classification, forwarding, result, closing."""
    _check(actor, tip, permissions.can_handle_tip)
    errors = {}
    if status not in TipStatus.values:
        errors["status"] = _("Unknown step.")
    if status == TipStatus.RECORDED and not (receipt_number or tip.receipt_number):
        errors["receipt_number"] = _("Give the receipt record number.")
    if status == TipStatus.CLASSIFIED and classification not in Classification.values:
        errors["classification"] = _("Choose the classification.")
    if status == TipStatus.FORWARDED and not (forwarded_to.strip() or tip.forwarded_to):
        errors["forwarded_to"] = _("Name the competent body.")
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        tip.status = status
        if receipt_number:
            tip.receipt_number = receipt_number.strip()
        if classification:
            tip.classification = classification
        if status == TipStatus.FORWARDED and forwarded_to.strip():
            tip.forwarded_to = forwarded_to.strip()
            tip.forwarded_at = timezone.now()
        if valuable is not None:
            tip.valuable = valuable
        if case_solved is not None:
            tip.case_solved = case_solved
        _save(tip, actor=actor, reason=note or status)
        TipStep.objects.create(tip=tip, actor=actor, status=status, note=note)
    return tip


def tip_open(*, actor, tip: Tip) -> Tip:
    """Record that an officer opened the tip."""
    from .models import TipOpening

    if not permissions.can_see_tip(actor, tip):
        raise NotFound(_("No tip #%(id)s.") % {"id": tip.pk})
    TipOpening.objects.create(tip=tip, officer=actor)
    return tip


def tips_check_deadlines(*, now=None) -> dict[str, int]:
    """Remind before a deadline, escalate to the province once it has passed."""
    from .deadlines import REMIND_BEFORE
    from .notify import notify_overdue, notify_reminder
    from .selectors import next_deadline

    now = now or timezone.now()
    reminded = escalated = 0
    open_tips = Tip.objects.exclude(status__in=[TipStatus.RESULT, TipStatus.CLOSED]).select_related(
        "routed_to", "province"
    )
    for tip in open_tips:
        deadline = next_deadline(tip)
        if deadline is None:
            continue
        if deadline.due <= now and tip.escalated_at is None:
            tip.escalated_at = now
            _save(tip, actor=None, reason="overdue: escalated to the province")
            notify_overdue(tip.pk)
            escalated += 1
        elif deadline.due - REMIND_BEFORE <= now < deadline.due and tip.reminded_at is None:
            tip.reminded_at = now
            _save(tip, actor=None, reason="reminder")
            notify_reminder(tip.pk)
            reminded += 1
    return {"reminded": reminded, "escalated": escalated}
