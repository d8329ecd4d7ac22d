"""Writes of the yearly cycle. Each checks, changes and records its history atomically."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq import rules
from antq.core.errors import DomainError, PermissionDenied
from antq.units.models import Unit
from antq.units.selectors import today

from . import permissions, selectors
from .choices import (
    EVALUATED_KINDS,
    AssessmentStatus,
    Authority,
    ClassificationStatus,
    DocumentPurpose,
    RecognitionOutcome,
)
from .models import (
    Assessment,
    CampaignYear,
    Classification,
    Document,
    Recognition,
    Registration,
)

DEFAULT_POLICY = "qd510-2022-provisional"
DEFAULT_AUTHORITIES = {
    # Article 9: the commune decides on its residential areas; the authority above the
    # commune is the province since districts were abolished on 1 July 2025.
    "residential_area": {"verifier": Authority.COMMUNE, "decider": Authority.COMMUNE},
    "commune": {"verifier": Authority.PROVINCE, "decider": Authority.PROVINCE},
    "agency": {"verifier": Authority.PARENT, "decider": Authority.PARENT},
    "enterprise": {"verifier": Authority.PARENT, "decider": Authority.PARENT},
    "school": {"verifier": Authority.PARENT, "decider": Authority.PARENT},
}


def _record(obj, *, actor, reason: str = "") -> None:
    obj._history_user = actor if getattr(actor, "pk", None) else None
    obj._change_reason = reason or None
    obj.save()


def _rules_call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except rules.RulesError as error:
        raise DomainError(error.message) from error


# --- the year -------------------------------------------------------------------------------


@transaction.atomic
def year_open(*, actor, year: int, **overrides) -> CampaignYear:
    """Open a year with the law's periods, deadlines and the province as authority above."""
    if not permissions.can_manage_years(actor):
        raise PermissionDenied(_("Only province staff open a year."))
    if CampaignYear.objects.filter(year=year).exists():
        raise DomainError(_("The year %(year)s is already open.") % {"year": year})
    ruleset = _rules_call(rules.ruleset_for_year, year, "commune")
    periods = {}
    for kind in EVALUATED_KINDS:
        first, last = _rules_call(rules.evaluation_period, year, kind)
        periods[kind] = [first.isoformat(), last.isoformat()]
    campaign = CampaignYear(
        year=year,
        ruleset_id=ruleset.id,
        policy_id=DEFAULT_POLICY,
        periods=periods,
        authorities=DEFAULT_AUTHORITIES,
        registration_before=date(year, 4, 1),
        recognition_area_before=date(year, 11, 15),
        recognition_other_before=date(year, 11, 20),
        classification_area_before=date(year, 11, 20),
        classification_other_before=date(year, 11, 30),
        opened_by=actor if getattr(actor, "pk", None) else None,
    )
    for name, value in overrides.items():
        setattr(campaign, name, value)
    _record(campaign, actor=actor, reason=_("Year opened"))
    return campaign


@transaction.atomic
def year_update(*, actor, campaign: CampaignYear, reason: str = "", **fields) -> CampaignYear:
    """Change a year's calendar or authorities."""
    if not permissions.can_manage_years(actor):
        raise PermissionDenied(_("Only province staff change a year."))
    allowed = {
        "periods",
        "authorities",
        "registration_before",
        "recognition_area_before",
        "recognition_other_before",
        "classification_area_before",
        "classification_other_before",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(_("These fields cannot be changed: %(f)s") % {"f": ", ".join(unknown)})
    for kind, choice in fields.get("authorities", {}).items():
        if kind not in EVALUATED_KINDS or not set(choice.values()) <= set(Authority.values):
            raise DomainError(_("Invalid authority for %(kind)s.") % {"kind": kind})
    for name, value in fields.items():
        setattr(campaign, name, value)
    _record(campaign, actor=actor, reason=reason)
    return campaign


@transaction.atomic
def year_policy_decide(
    *,
    actor,
    campaign: CampaignYear,
    number: str,
    decision_date: date,
    excellent: float,
    good: float,
    average: float,
    cap_not_recognised: str | None,
) -> CampaignYear:
    """Record the province's own classification bands, replacing the provisional policy."""
    if not permissions.can_manage_years(actor):
        raise PermissionDenied(_("Only province staff record the province's decision."))
    if not number.strip():
        raise DomainError(_("Give the number of the province's decision."))
    if not 100 >= excellent > good > average > 0:
        raise DomainError(_("The bands must fall from excellent to average, within 100 points."))
    if cap_not_recognised and cap_not_recognised not in rules.CLASSES:
        raise DomainError(_("Unknown class %(c)s.") % {"c": cap_not_recognised})
    campaign.own_policy = {
        "bands": {"excellent": excellent, "good": good, "average": average, "weak": 0},
        "cap_not_recognised": cap_not_recognised or None,
    }
    campaign.policy_decision_number = number.strip()
    campaign.policy_decision_date = decision_date
    _record(campaign, actor=actor, reason=_("Province's own classification policy"))
    return campaign


# --- registration -------------------------------------------------------------------------


def _check_unit(actor, unit: Unit) -> None:
    if unit.kind not in EVALUATED_KINDS or unit.out_of_scope_reason:
        raise DomainError(
            _("%(unit)s is not subject to the safety standard.") % {"unit": unit.name}
        )
    if not permissions.can_act_for(actor, unit):
        raise PermissionDenied(_("You may not act for %(unit)s.") % {"unit": unit.name})


@transaction.atomic
def registration_record(
    *,
    actor,
    campaign: CampaignYear,
    unit: Unit,
    registered_on: date,
    households_resident: int | None = None,
    households_registered: int | None = None,
    note: str = "",
) -> Registration:
    """Record (or correct) the unit's registration for the year."""
    _check_unit(actor, unit)
    if (
        households_resident is not None
        and households_registered is not None
        and households_registered > households_resident
    ):
        raise DomainError(_("Registered households cannot exceed resident households."))
    registration = Registration.objects.filter(year=campaign, unit=unit).first() or Registration(
        year=campaign, unit=unit
    )
    registration.registered_on = registered_on
    registration.households_resident = households_resident
    registration.households_registered = households_registered
    registration.note = note
    registration.registered_by = actor if getattr(actor, "pk", None) else None
    _record(registration, actor=actor, reason=_("Registration"))
    return registration


MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@transaction.atomic
def document_attach(
    *,
    actor,
    campaign: CampaignYear,
    unit: Unit,
    purpose: str,
    file,
    number: str = "",
    issued_on: date | None = None,
    signer: str = "",
    criterion_id: str = "",
) -> Document:
    """Attach a dossier document or a criterion's evidence to the unit's year."""
    _check_unit(actor, unit)
    if purpose not in DocumentPurpose.values:
        raise DomainError(_("Unknown document purpose."))
    if file.size > MAX_DOCUMENT_BYTES:
        raise DomainError(_("The file is larger than 20 MB."))
    if criterion_id:
        items = rules.answerable_items(selectors.ruleset_of(campaign), unit.kind)
        criteria = {i.split(".")[0] + "." + i.split(".")[1] for i in items}
        if criterion_id not in items and criterion_id not in criteria:
            raise DomainError(_("Unknown criterion %(id)s.") % {"id": criterion_id})
    document = Document(
        year=campaign,
        unit=unit,
        purpose=purpose,
        criterion_id=criterion_id,
        number=number,
        issued_on=issued_on,
        signer=signer,
        file=file,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    _record(document, actor=actor, reason=_("Document attached"))
    return document


# --- self-assessment and verification ------------------------------------------------------


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


def _refresh_met(assessment: Assessment) -> None:
    verdict, _figures = selectors.verdict_of(
        assessment.year, assessment.unit, assessment.answers, assessment.figures
    )
    assessment.met = verdict.met


@transaction.atomic
def assessment_save(
    *, actor, campaign: CampaignYear, unit: Unit, answers: dict, figures: dict
) -> Assessment:
    """Save the unit's answers and figures as a draft (starting the assessment if needed)."""
    _check_unit(actor, unit)
    assessment = Assessment.objects.select_for_update().filter(
        year=campaign, unit=unit
    ).first() or Assessment(year=campaign, unit=unit, unit_kind=unit.kind)
    if assessment.status in (AssessmentStatus.SUBMITTED, AssessmentStatus.VERIFIED):
        raise DomainError(_("The self-assessment was submitted; it can no longer be changed."))
    figures = _clean_figures(campaign, unit, figures)
    _rules_call(
        rules.evaluate, selectors.ruleset_of(campaign), unit.kind, answers, figures
    )  # refuses unknown ids and wrong values before anything is stored
    assessment.answers, assessment.figures = answers, figures
    _refresh_met(assessment)
    _record(assessment, actor=actor, reason=_("Self-assessment saved"))
    return assessment


@transaction.atomic
def assessment_submit(*, actor, assessment: Assessment) -> Assessment:
    """Send the self-assessment to the level above; what was sent is kept for the diff."""
    _check_unit(actor, assessment.unit)
    if assessment.status not in (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED):
        raise DomainError(_("The self-assessment was already submitted."))
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_answers = dict(assessment.answers)
    assessment.submitted_figures = dict(assessment.figures)
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor if getattr(actor, "pk", None) else None
    assessment.return_reason = ""
    _refresh_met(assessment)
    _record(assessment, actor=actor, reason=_("Submitted for verification"))
    return assessment


def _check_verifier(actor, assessment: Assessment) -> None:
    if not permissions.can_verify(actor, assessment.year, assessment.unit):
        raise PermissionDenied(_("You may not verify this self-assessment."))
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise DomainError(_("Only a submitted self-assessment can be verified."))


@transaction.atomic
def assessment_return(*, actor, assessment: Assessment, reason: str) -> Assessment:
    """Send the self-assessment back to the unit; the reason is mandatory."""
    _check_verifier(actor, assessment)
    if not reason.strip():
        raise DomainError(_("Give the reason for returning the self-assessment."))
    assessment.status = AssessmentStatus.RETURNED
    assessment.return_reason = reason.strip()
    _record(assessment, actor=actor, reason=reason.strip())
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
    new_answers = {**assessment.answers, **(answers or {})}
    new_figures = {**assessment.figures, **_clean_figures(campaign, unit, figures or {})}
    changed = new_answers != assessment.answers or new_figures != assessment.figures
    if changed and not reason.strip():
        raise DomainError(_("Give the reason for changing the unit's answers."))
    _rules_call(rules.evaluate, selectors.ruleset_of(campaign), unit.kind, new_answers, new_figures)
    assessment.answers, assessment.figures = new_answers, new_figures
    assessment.status = AssessmentStatus.VERIFIED
    assessment.verified_at = timezone.now()
    assessment.verified_by = actor if getattr(actor, "pk", None) else None
    _refresh_met(assessment)
    _record(assessment, actor=actor, reason=reason.strip() or _("Verified"))
    return assessment


# --- recognition ---------------------------------------------------------------------------


def _refresh_commune_of(campaign: CampaignYear, unit: Unit, *, actor, reason: str) -> None:
    """Recompute the verdict of the commune whose 5.4 counts this unit."""
    if unit.parent is None or unit.parent.kind != "commune":
        return
    commune = Assessment.objects.filter(year=campaign, unit=unit.parent).first()
    if commune is None:
        return
    before = commune.met
    _refresh_met(commune)
    if commune.met != before:
        _record(commune, actor=actor, reason=reason)


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
    for unit in units:
        if not permissions.can_decide(actor, campaign, unit):
            raise PermissionDenied(_("You may not decide on %(unit)s.") % {"unit": unit.name})
        assessment = Assessment.objects.filter(year=campaign, unit=unit).first()
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
        if Recognition.objects.filter(year=campaign, unit=unit).exists():
            problems.append(_("%(unit)s: already decided.") % {"unit": unit.name})
    if problems:
        error = DomainError(" ".join(problems))
        error.errors = problems
        raise error
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
        _record(recognition, actor=actor, reason=_("Recognised"))
        made.append(recognition)
    for unit in units:
        _refresh_commune_of(campaign, unit, actor=actor, reason=_("5.4 recomputed"))
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
    _record(recognition, actor=actor, reason=reasons.strip())
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
    _record(recognition, actor=actor, reason=reason.strip())
    _refresh_commune_of(
        recognition.year,
        recognition.unit,
        actor=actor,
        reason=_("5.4 recomputed after a revocation: %(r)s") % {"r": reason.strip()},
    )
    return recognition


# --- classification ------------------------------------------------------------------------


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


@transaction.atomic
def classification_self_score(
    *, actor, campaign: CampaignYear, unit: Unit, scores: dict, submit: bool = False
) -> Classification:
    """Save the unit's own points per item; with ``submit`` send them up for review."""
    _check_unit(actor, unit)
    sheet = selectors.sheet_of(unit)
    classification = Classification.objects.filter(
        year=campaign, unit=unit
    ).first() or Classification(year=campaign, unit=unit, sheet_id=sheet.id)
    if classification.status != ClassificationStatus.DRAFT:
        raise DomainError(_("The self-score was submitted; it can no longer be changed."))
    scores = {k: v for k, v in scores.items() if v is not None}
    total = _rules_call(rules.total_points, sheet, scores)
    if submit:
        missing = [i.id for i in sheet.items if i.id not in scores]
        if missing:
            raise DomainError(_("Score every item first: %(ids)s.") % {"ids": ", ".join(missing)})
        classification.status = ClassificationStatus.SUBMITTED
    classification.self_scores = scores
    classification.scores = dict(scores)
    classification.total = _decimal(total)
    _record(classification, actor=actor, reason=_("Submitted") if submit else _("Self-scored"))
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
    sheet = selectors.sheet_of(unit)
    scores = dict(classification.self_scores)
    log = []
    for item_id, (points, reason) in changes.items():
        if scores.get(item_id) == points:
            continue
        if not reason.strip():
            raise DomainError(_("Give the reason for changing item %(id)s.") % {"id": item_id})
        log.append({"item": item_id, "from": scores.get(item_id), "to": points, "reason": reason})
        scores[item_id] = points
    total = _rules_call(rules.total_points, sheet, scores)
    policy = selectors.policy_of(campaign)
    recognition = selectors.recognition_for(campaign=campaign, unit=unit)
    recognised = bool(recognition and recognition.in_force)
    classification.scores = scores
    classification.changes = log
    classification.total = _decimal(total)
    classification.recognised = recognised
    classification.class_name = _rules_call(rules.classify, policy, total, recognised)
    classification.policy = {
        "id": policy.id,
        "label": policy.label,
        "provisional": policy.provisional,
        "bands": {b.class_name: float(b.min_points) for b in policy.bands},
    }
    classification.status = ClassificationStatus.FINAL
    classification.reviewed_by = actor if getattr(actor, "pk", None) else None
    classification.reviewed_at = timezone.now()
    _record(classification, actor=actor, reason="; ".join(c["reason"] for c in log) or "Final")
    return classification


def year_verdicts_refresh(*, year: int, batch_size: int = 2000) -> int:
    """Recompute the cached ``met`` of every assessment of the year; return how many changed."""
    campaign = selectors.year_get(year=year)
    ruleset = selectors.ruleset_of(campaign)
    current = dict(Assessment.objects.filter(year=campaign).values_list("id", "met"))
    changed = []
    for pk, kind, answers, figures in selectors.year_inputs(campaign):
        met = rules.evaluate(ruleset, kind, answers, figures).met
        if current.get(pk) != met:
            changed.append(Assessment(pk=pk, met=met))
    with transaction.atomic():
        Assessment.objects.bulk_update(changed, ["met"], batch_size=batch_size)
    return len(changed)
