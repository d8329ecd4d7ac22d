"""Award decisions, the award history (with duplicate detection) and revocation."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, PermissionDenied
from antq.units.models import Unit

from .. import eligibility, permissions
from ..choices import NominationStatus, Recipient, RevocationGround
from ..models import Award, AwardKind, Decision, Nomination
from .common import account, check_visible, fmt, province_of, record
from .config import cash_for


def _check_decide(actor) -> None:
    if not permissions.can_decide(actor):
        raise PermissionDenied(_("Only province staff or the leader record award decisions."))


def check_duplicate(*, kind: AwardKind, year: int, candidate: eligibility.Candidate) -> None:
    """Refuse the same award for the same recipient and year, naming the earlier decision."""
    earlier = (
        Award.objects.filter(eligibility.recipient_q(candidate, kind), kind=kind, year=year)
        .filter(revoked_on__isnull=True)
        .first()
    )
    if earlier is not None:
        raise DomainError(
            _(
                "%(who)s already received %(kind)s for %(year)s by decision no. %(number)s of "
                "%(day)s (%(body)s)."
            )
            % {
                "who": earlier.recipient_name,
                "kind": kind.name,
                "year": year,
                "number": earlier.decision_number,
                "day": fmt(earlier.decided_on),
                "body": earlier.issuing_body,
            }
        )


@transaction.atomic
def decision_record(
    *,
    actor,
    kind: AwardKind,
    year: int,
    number: str,
    decided_on: date,
    signer: str,
    signer_title: str,
    issuing_body: str,
    nominations: list[Nomination],
    amounts: dict[int, int] | None = None,
) -> Decision:
    """Record a decision awarding the accepted nominations; each becomes an award.

    The amount of each recipient is the one given, else the kind's multiple of the basic
    salary in force on the decision's date when both are configured.
    """
    _check_decide(actor)
    errors = {}
    for name, value in (
        ("number", number),
        ("signer", signer),
        ("signer_title", signer_title),
        ("issuing_body", issuing_body),
    ):
        if not value.strip():
            errors[name] = _("This field is required.")
    if not nominations:
        errors["nominations"] = _("Choose at least one accepted nomination.")
    if errors:
        raise FieldErrors(errors)
    locked = list(
        Nomination.objects.select_for_update()
        .filter(pk__in=[n.pk for n in nominations])
        .select_related("unit", "kind")
        .order_by("pk")
    )
    for nomination in locked:
        check_visible(actor, nomination.unit)
        if nomination.status != NominationStatus.ACCEPTED:
            raise DomainError(
                _("The nomination of %(who)s has not been accepted by the board.")
                % {"who": nomination.recipient_name}
            )
        if nomination.kind_id != kind.pk or nomination.year != year:
            raise DomainError(
                _("The nomination of %(who)s is for another award or year.")
                % {"who": nomination.recipient_name}
            )
    decision = Decision(
        province=province_of(locked[0].unit),
        year=year,
        kind=kind,
        number=number.strip(),
        decided_on=decided_on,
        signer=signer.strip(),
        signer_title=signer_title.strip(),
        issuing_body=issuing_body.strip(),
        recorded_by=account(actor),
    )
    try:
        with transaction.atomic():
            record(decision, actor=actor, reason=_("Decision recorded"))
    except IntegrityError as error:
        raise FieldErrors(
            {
                "number": _("Decision no. %(number)s of this date is already recorded.")
                % {"number": number}
            }
        ) from error
    default = cash_for(kind, decided_on)
    for nomination in locked:
        amount = (amounts or {}).get(nomination.pk, default)
        _award_create(
            actor=actor,
            kind=kind,
            year=year,
            unit=nomination.unit,
            person_name=nomination.person_name,
            birth_date=nomination.birth_date,
            identity_number=nomination.identity_number,
            basis=nomination.basis,
            achievement=nomination.achievements,
            decision=decision,
            nomination=nomination,
            amount=amount,
        )
        nomination.status = NominationStatus.DECIDED
        record(
            nomination,
            actor=actor,
            reason=_("Awarded by decision no. %(n)s") % {"n": decision.number},
        )
    return decision


def _award_create(*, actor, kind, year, unit, decision=None, **values) -> Award:
    candidate = eligibility.Candidate(
        unit=unit,
        person_name=values.get("person_name", ""),
        birth_date=values.get("birth_date"),
        identity_number=values.get("identity_number", ""),
    )
    check_duplicate(kind=kind, year=year, candidate=candidate)
    if decision is not None:
        values.setdefault("decision_number", decision.number)
        values.setdefault("decided_on", decision.decided_on)
        values.setdefault("issuing_body", decision.issuing_body)
    award = Award(
        kind=kind, year=year, unit=unit, decision=decision, recorded_by=account(actor), **values
    )
    record(award, actor=actor, reason=_("Award recorded"))
    return award


@transaction.atomic
def award_record(
    *,
    actor,
    kind: AwardKind,
    year: int,
    unit: Unit,
    decision_number: str,
    decided_on: date,
    issuing_body: str,
    basis: str = "merit",
    achievement: str = "",
    person_name: str = "",
    birth_date: date | None = None,
    identity_number: str = "",
) -> Award:
    """Enter an earlier award from the paper history, so the consecutive-year rules see it."""
    _check_decide(actor)
    check_visible(actor, unit)
    if kind.recipient == Recipient.INDIVIDUAL and not (person_name.strip() and birth_date):
        raise FieldErrors({"person_name": _("Give the person's full name and date of birth.")})
    if not decision_number.strip():
        raise FieldErrors({"decision_number": _("This field is required.")})
    return _award_create(
        actor=actor,
        kind=kind,
        year=year,
        unit=unit,
        decision_number=decision_number.strip(),
        decided_on=decided_on,
        issuing_body=issuing_body.strip(),
        basis=basis,
        achievement=achievement,
        person_name=" ".join(person_name.split()),
        birth_date=birth_date,
        identity_number=identity_number.strip(),
    )


@transaction.atomic
def award_revoke(
    *, actor, award: Award, ground: str, revocation_decision: str, revoked_on: date
) -> Award:
    """Revoke an award on a ground of Law 06/2022 Chapter VII; it stops counting."""
    _check_decide(actor)
    check_visible(actor, award.unit)
    if award.revoked_on is not None:
        raise DomainError(_("The award was revoked on %(day)s.") % {"day": fmt(award.revoked_on)})
    if ground not in RevocationGround.values:
        raise FieldErrors({"ground": _("Choose a ground of Law 06/2022, Chapter VII.")})
    if not revocation_decision.strip():
        raise FieldErrors({"revocation_decision": _("Give the revocation decision.")})
    award.revoked_on, award.revocation_ground = revoked_on, ground
    award.revocation_decision = revocation_decision.strip()
    record(
        award,
        actor=actor,
        reason=_("Revoked: %(ground)s") % {"ground": award.get_revocation_ground_display()},
    )
    return award
