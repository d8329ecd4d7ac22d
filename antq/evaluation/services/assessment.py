"""Self-assessment and its verification by the level above."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq import rules
from antq.core.errors import DomainError, PermissionDenied
from antq.units.models import Unit

from .. import dossiers, permissions, selectors
from ..choices import AssessmentStatus
from ..models import Assessment, CampaignYear
from ..options import options_of
from .common import check_unit, record, rules_call


def _clean_figures(campaign, unit, figures: dict) -> dict:
    names = set(rules.figure_names(selectors.ruleset_of(campaign), unit.kind))
    cleaned = {}
    for name, value in figures.items():
        if value in (None, ""):
            continue
        if name not in names:
            raise DomainError(_("Unknown figure %(name)s.") % {"name": name})
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise DomainError(_("%(name)s must be a whole number.") % {"name": name}) from None
        if number < 0:
            raise DomainError(_("%(name)s cannot be negative.") % {"name": name})
        cleaned[name] = number
    return cleaned


def refresh_met(assessment: Assessment) -> None:
    verdict, _figures = selectors.verdict_of(
        assessment.year, assessment.unit, assessment.answers, assessment.figures
    )
    assessment.met = verdict.met


@transaction.atomic
def assessment_save(
    *, actor, campaign: CampaignYear, unit: Unit, answers: dict, figures: dict
) -> Assessment:
    """Save the unit's answers and figures as a draft (starting the assessment if needed)."""
    check_unit(actor, unit, campaign)
    assessment = Assessment.objects.select_for_update().filter(
        year=campaign, unit=unit
    ).first() or Assessment(year=campaign, unit=unit, unit_kind=unit.kind)
    if assessment.status in (AssessmentStatus.SUBMITTED, AssessmentStatus.VERIFIED):
        raise DomainError(_("The self-assessment was submitted; it can no longer be changed."))
    figures = _clean_figures(campaign, unit, figures)
    rules_call(
        rules.evaluate, selectors.ruleset_of(campaign), unit.kind, answers, figures
    )  # refuses unknown ids and wrong values before anything is stored
    assessment.answers, assessment.figures = answers, figures
    refresh_met(assessment)
    record(assessment, actor=actor, reason=_("Self-assessment saved"))
    return assessment


@transaction.atomic
def assessment_submit(*, actor, assessment: Assessment) -> Assessment:
    """Send the self-assessment to the level above; what was sent is kept for the diff."""
    check_unit(actor, assessment.unit, assessment.year)
    if assessment.status not in (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED):
        raise DomainError(_("The self-assessment was already submitted."))
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_answers = dict(assessment.answers)
    assessment.submitted_figures = dict(assessment.figures)
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor if getattr(actor, "pk", None) else None
    assessment.return_reason = ""
    refresh_met(assessment)
    record(assessment, actor=actor, reason=_("Submitted for verification"))
    return assessment


def _check_verifier(actor, assessment: Assessment) -> None:
    if not permissions.can_verify(actor, assessment.year, assessment.unit):
        raise PermissionDenied(_("You may not verify this self-assessment."))
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise DomainError(_("Only a submitted self-assessment can be verified."))


def check_dossier(campaign, units) -> None:
    """Refuse to go on while a dossier is incomplete, when the province requires it."""
    if not options_of(campaign)["dossier_required"]:
        return
    missing = dossiers.dossier_missing_by_unit(campaign, list(units))
    problems = [
        _("%(unit)s: the dossier lacks %(docs)s (Art. 9.2).")
        % {"unit": unit.name, "docs": ", ".join(missing[unit.pk])}
        for unit in units
        if missing[unit.pk]
    ]
    if problems:
        error = DomainError(" ".join(problems))
        error.errors = problems
        raise error


@transaction.atomic
def assessment_return(*, actor, assessment: Assessment, reason: str) -> Assessment:
    """Send the self-assessment back to the unit; the reason is mandatory."""
    _check_verifier(actor, assessment)
    if not reason.strip():
        raise DomainError(_("Give the reason for returning the self-assessment."))
    assessment.status = AssessmentStatus.RETURNED
    assessment.return_reason = reason.strip()
    record(assessment, actor=actor, reason=reason.strip())
    return assessment


@transaction.atomic
def assessment_verify(
    *,
    actor,
    assessment: Assessment,
    answers: dict | None = None,
    figures: dict | None = None,
    reason: str = "",
) -> Assessment:
    """Accept the self-assessment, with the verifier's corrections if any (then with reason)."""
    _check_verifier(actor, assessment)
    campaign, unit = assessment.year, assessment.unit
    check_dossier(campaign, [unit])
    new_answers = {**assessment.answers, **(answers or {})}
    new_figures = {**assessment.figures, **_clean_figures(campaign, unit, figures or {})}
    changed = new_answers != assessment.answers or new_figures != assessment.figures
    if changed and not reason.strip():
        raise DomainError(_("Give the reason for changing the unit's answers."))
    rules_call(rules.evaluate, selectors.ruleset_of(campaign), unit.kind, new_answers, new_figures)
    assessment.answers, assessment.figures = new_answers, new_figures
    assessment.status = AssessmentStatus.VERIFIED
    assessment.verified_at = timezone.now()
    assessment.verified_by = actor if getattr(actor, "pk", None) else None
    refresh_met(assessment)
    record(assessment, actor=actor, reason=reason.strip() or _("Verified"))
    return assessment
