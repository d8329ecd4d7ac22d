"""Classification: self-score, review with reasons, final class under the year's policy."""

from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq import rules
from antq.core.errors import DomainError, PermissionDenied
from antq.units.models import Unit

from .. import permissions, selectors
from ..choices import ClassificationStatus
from ..models import CampaignYear, Classification
from .common import check_unit, record, rules_call


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


@transaction.atomic
def classification_self_score(
    *, actor, campaign: CampaignYear, unit: Unit, scores: dict, submit: bool = False
) -> Classification:
    """Save the unit's own points per item; with ``submit`` send them up for review."""
    check_unit(actor, unit, campaign)
    sheet = selectors.sheet_of(campaign, unit)
    classification = Classification.objects.filter(
        year=campaign, unit=unit
    ).first() or Classification(year=campaign, unit=unit, sheet_id=sheet.id)
    if classification.status != ClassificationStatus.DRAFT:
        raise DomainError(_("The self-score was submitted; it can no longer be changed."))
    scores = {k: v for k, v in scores.items() if v is not None}
    total = rules_call(rules.total_points, sheet, scores)
    if submit:
        missing = [i.id for i in sheet.items if i.id not in scores]
        if missing:
            raise DomainError(_("Score every item first: %(ids)s.") % {"ids": ", ".join(missing)})
        classification.status = ClassificationStatus.SUBMITTED
    classification.sheet_id = sheet.id
    classification.self_scores = scores
    classification.scores = dict(scores)
    classification.total = _decimal(total)
    record(classification, actor=actor, reason=_("Submitted") if submit else _("Self-scored"))
    return classification


@transaction.atomic
def classification_review(
    *, actor, classification: Classification, changes: dict[str, tuple[float, str]]
) -> Classification:
    """Fix the final points (each change with its reason) and the class under the year's policy."""
    campaign, unit = classification.year, classification.unit
    if not permissions.can_verify(actor, campaign, unit):
        raise PermissionDenied(_("You may not review this classification."))
    if classification.status != ClassificationStatus.SUBMITTED:
        raise DomainError(_("Only a submitted self-score can be reviewed."))
    sheet = selectors.sheet_of(campaign, unit)
    scores = dict(classification.self_scores)
    log = []
    for item_id, (points, reason) in changes.items():
        if scores.get(item_id) == points:
            continue
        if not reason.strip():
            raise DomainError(_("Give the reason for changing item %(id)s.") % {"id": item_id})
        log.append({"item": item_id, "from": scores.get(item_id), "to": points, "reason": reason})
        scores[item_id] = points
    total = rules_call(rules.total_points, sheet, scores)
    policy = selectors.policy_of(campaign)
    recognition = selectors.recognition_for(campaign=campaign, unit=unit)
    recognised = bool(recognition and recognition.in_force)
    classification.sheet_id = sheet.id
    classification.scores = scores
    classification.changes = log
    classification.total = _decimal(total)
    classification.recognised = recognised
    classification.class_name = rules_call(rules.classify, policy, total, recognised)
    classification.policy = policy_snapshot(policy)
    classification.status = ClassificationStatus.FINAL
    classification.reviewed_by = actor if getattr(actor, "pk", None) else None
    classification.reviewed_at = timezone.now()
    record(classification, actor=actor, reason="; ".join(c["reason"] for c in log) or "Final")
    return classification


def policy_snapshot(policy: rules.ClassificationPolicy) -> dict:
    """Keep the policy a class was computed under, caps included, so a closed year holds."""
    return {
        "id": policy.id,
        "label": policy.label,
        "provisional": policy.provisional,
        "citation": policy.citation,
        "max_points": float(policy.max_points),
        "bands": {b.class_name: float(b.min_points) for b in policy.bands},
        "caps": [
            {"condition": c.condition, "max_class": c.max_class, "label": c.label}
            for c in policy.caps
        ],
    }


def policy_from_snapshot(snapshot: dict) -> rules.ClassificationPolicy:
    bands = sorted(snapshot["bands"].items(), key=lambda kv: -kv[1])
    return rules.ClassificationPolicy(
        id=snapshot["id"],
        label=snapshot.get("label", ""),
        provisional=snapshot.get("provisional", False),
        citation=snapshot.get("citation", ""),
        max_points=Fraction(str(snapshot.get("max_points", 100))),
        bands=tuple(rules.Band(name, Fraction(str(points))) for name, points in bands),
        caps=tuple(rules.Cap(**cap) for cap in snapshot.get("caps", [])),
    )


def classification_recap(*, actor, campaign: CampaignYear, unit: Unit, reason: str) -> None:
    """Recompute a final class when the recognition it depends on changed; record why.

    Uses the policy the class was computed under (a later decision does not reopen a year).
    """
    classification = (
        Classification.objects.select_for_update()
        .filter(year=campaign, unit=unit, status=ClassificationStatus.FINAL)
        .first()
    )
    if classification is None or classification.policy is None:
        return
    recognition = selectors.recognition_for(campaign=campaign, unit=unit)
    recognised = bool(recognition and recognition.in_force)
    if recognised == classification.recognised:
        return
    policy = policy_from_snapshot(classification.policy)
    before = classification.class_name
    classification.recognised = recognised
    classification.class_name = rules_call(
        rules.classify, policy, Fraction(str(classification.total)), recognised
    )
    why = _("Recognition changed (%(r)s): class %(a)s → %(b)s") % {
        "r": reason,
        "a": rules.CLASS_LABELS.get(before, before),
        "b": rules.CLASS_LABELS.get(classification.class_name, classification.class_name),
    }
    record(classification, actor=actor, reason=why[:100])
