"""Recognition decisions: grant (singly or in batch), refuse, revoke."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, PermissionDenied
from antq.units.models import Unit
from antq.units.selectors import today

from .. import permissions, selectors
from ..choices import AssessmentStatus, RecognitionOutcome
from ..models import Assessment, CampaignYear, Recognition
from .assessment import check_dossier, refresh_met
from .classification import classification_recap
from .common import check_in_year, record


def _refresh_commune_of(campaign: CampaignYear, unit: Unit, *, actor, reason: str) -> None:
    """Recompute the verdict of the commune whose 5.4 counts this unit."""
    if unit.parent is None or unit.parent.kind != "commune":
        return
    commune = Assessment.objects.filter(year=campaign, unit=unit.parent).first()
    if commune is None:
        return
    before = commune.met
    refresh_met(commune)
    if commune.met != before:
        record(commune, actor=actor, reason=reason)


@transaction.atomic
def recognition_grant(
    *,
    actor,
    campaign: CampaignYear,
    units: list[Unit],
    decision_number: str,
    decision_date: date,
    signer: str,
    issuing_body: str,
    signer_title: str = "",
) -> list[Recognition]:
    """Recognise one or many units by one decision; all or none.

    Each unit needs a verified self-assessment whose verdict is "met" (Article 3: a unit is
    recognised only when it meets every criterion of its kind).
    """
    if not decision_number.strip() or not issuing_body.strip():
        raise DomainError(_("Give the decision's number and issuing body."))
    problems = []
    # Read the batch's assessments and earlier decisions in two queries, not two per unit.
    assessments = {a.unit_id: a for a in Assessment.objects.filter(year=campaign, unit__in=units)}
    decided = set(
        Recognition.objects.filter(year=campaign, unit__in=units).values_list("unit_id", flat=True)
    )
    for unit in units:
        check_in_year(campaign, unit)
        if not permissions.can_decide(actor, campaign, unit):
            raise PermissionDenied(_("You may not decide on %(unit)s.") % {"unit": unit.name})
        assessment = assessments.get(unit.pk)
        if assessment is None or assessment.status != AssessmentStatus.VERIFIED:
            problems.append(_("%(unit)s: not verified yet.") % {"unit": unit.name})
            continue
        verdict, _figures = selectors.verdict_of(
            campaign, unit, assessment.answers, assessment.figures
        )
        if not verdict.met:
            failed = ", ".join(o.id for o in verdict.failed())
            problems.append(
                _("%(unit)s does not meet criteria %(ids)s.") % {"unit": unit.name, "ids": failed}
            )
        if unit.pk in decided:
            problems.append(_("%(unit)s: already decided.") % {"unit": unit.name})
    if problems:
        error = DomainError(" ".join(problems))
        error.errors = problems
        raise error
    check_dossier(campaign, units)
    made = []
    for unit in units:
        recognition = Recognition(
            year=campaign,
            unit=unit,
            outcome=RecognitionOutcome.RECOGNISED,
            decision_number=decision_number.strip(),
            decision_date=decision_date,
            signer=signer.strip(),
            signer_title=signer_title.strip(),
            issuing_body=issuing_body.strip(),
            decided_by=actor if getattr(actor, "pk", None) else None,
        )
        record(recognition, actor=actor, reason=_("Recognised"))
        made.append(recognition)
    # Each commune is recomputed once, however many of its units the decision covers.
    for unit in {u.parent_id: u for u in units}.values():
        _refresh_commune_of(campaign, unit, actor=actor, reason=_("5.4 recomputed"))
    for unit in units:
        classification_recap(
            actor=actor, campaign=campaign, unit=unit, reason=decision_number.strip()
        )
    return made


@transaction.atomic
def recognition_refuse(
    *,
    actor,
    campaign: CampaignYear,
    unit: Unit,
    reasons: str,
    decision_date: date,
    issuing_body: str,
    decision_number: str = "",
    signer: str = "",
) -> Recognition:
    """Refuse recognition; the reasons are kept."""
    check_in_year(campaign, unit)
    if not permissions.can_decide(actor, campaign, unit):
        raise PermissionDenied(_("You may not decide on %(unit)s.") % {"unit": unit.name})
    if not reasons.strip():
        raise DomainError(_("Give the reasons for refusing recognition."))
    if Recognition.objects.filter(year=campaign, unit=unit).exists():
        raise DomainError(_("%(unit)s: already decided.") % {"unit": unit.name})
    recognition = Recognition(
        year=campaign,
        unit=unit,
        outcome=RecognitionOutcome.REFUSED,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        signer=signer.strip(),
        issuing_body=issuing_body.strip(),
        reasons=reasons.strip(),
        decided_by=actor if getattr(actor, "pk", None) else None,
    )
    record(recognition, actor=actor, reason=reasons.strip())
    return recognition


@transaction.atomic
def recognition_revoke(
    *, actor, recognition: Recognition, reason: str, revoked_on: date | None = None
) -> Recognition:
    """Revoke a recognition and recompute what depends on it (the commune's 5.4)."""
    recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
    if not permissions.can_decide(actor, recognition.year, recognition.unit):
        raise PermissionDenied(_("You may not revoke this recognition."))
    if not recognition.in_force:
        raise DomainError(_("Only a recognition in force can be revoked."))
    if not reason.strip():
        raise DomainError(_("Give the reason for the revocation."))
    recognition.revoked_on = revoked_on or today()
    recognition.revocation_reason = reason.strip()
    recognition.revoked_by = actor if getattr(actor, "pk", None) else None
    record(recognition, actor=actor, reason=reason.strip())
    _refresh_commune_of(
        recognition.year,
        recognition.unit,
        actor=actor,
        reason=_("5.4 recomputed after a revocation: %(r)s") % {"r": reason.strip()},
    )
    classification_recap(
        actor=actor,
        campaign=recognition.year,
        unit=recognition.unit,
        reason=_("revoked: %(r)s") % {"r": reason.strip()},
    )
    _flag_commune_recognition(recognition, actor=actor)
    return recognition


def _flag_commune_recognition(revoked: Recognition, *, actor) -> None:
    """Flag the commune's own recognition for review when 5.4 no longer holds.

    The law revokes nothing by itself: the authority decides, so the recognition is only
    marked for its attention, with the figures.
    """
    unit, campaign = revoked.unit, revoked.year
    if unit.parent is None or unit.parent.kind != "commune":
        return
    commune = (
        Recognition.objects.select_for_update().filter(year=campaign, unit=unit.parent).first()
    )
    if commune is None or not commune.in_force:
        return
    figures = selectors.system_figures(campaign, unit.parent)
    total = figures.get("subunits_total") or figures.get("residential_areas_total")
    done = figures.get("subunits_recognised") or figures.get("residential_areas_recognised")
    if total is None or done is None or total.value == 0:
        return
    if done.value * 100 >= 70 * total.value:
        return
    commune.review_note = _(
        "After the revocation for %(unit)s, %(done)s of %(total)s units are recognised, "
        "below the 70%% of criterion 5.4: review this recognition."
    ) % {"unit": unit.name, "done": done.value, "total": total.value}
    record(commune, actor=actor, reason=_("Flagged for review: 5.4 below 70%"))
