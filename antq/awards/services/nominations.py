"""Nominations: draft, dossier files, submission against the quota, appraisal by the board."""

from datetime import date

import filetype
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, PermissionDenied
from antq.units.models import Unit

from .. import eligibility, permissions
from ..choices import DossierPurpose, NominationStatus, Recipient
from ..models import AwardKind, DossierFile, Nomination, Quota
from .common import account, check_visible, record, today

MAX_FILE_BYTES = 10 * 1024 * 1024
# Types accepted in a dossier, read from the file's content.
DOSSIER_TYPES = {"pdf", "docx", "doc", "xlsx", "xls", "jpg", "png"}
PERSON_FIELDS = ("person_name", "birth_date", "position", "identity_number")


def candidate_of(nomination: Nomination) -> eligibility.Candidate:
    return eligibility.Candidate(
        unit=nomination.unit,
        person_name=nomination.person_name,
        birth_date=nomination.birth_date,
        identity_number=nomination.identity_number,
        checklist=nomination.checklist or {},
    )


def nomination_eligibility(nomination: Nomination) -> eligibility.Eligibility:
    return eligibility.evaluate(
        kind=nomination.kind,
        candidate=candidate_of(nomination),
        year=nomination.year,
        today=today(),
    )


def _clean_person(kind: AwardKind, values: dict) -> dict:
    values = {name: values.get(name) for name in PERSON_FIELDS}
    if kind.recipient == Recipient.COLLECTIVE:
        return {"person_name": "", "birth_date": None, "position": "", "identity_number": ""}
    errors = {}
    values["person_name"] = " ".join((values["person_name"] or "").split())
    values["position"] = (values["position"] or "").strip()
    values["identity_number"] = (values["identity_number"] or "").strip()
    if not values["person_name"]:
        errors["person_name"] = _("Give the person's full name.")
    if values["birth_date"] is None:
        errors["birth_date"] = _("Give the person's date of birth.")
    elif values["birth_date"] >= today():
        errors["birth_date"] = _("The date of birth must be in the past.")
    if not values["position"]:
        errors["position"] = _("Give the person's position.")
    number = values["identity_number"]
    if number and (not number.isdigit() or len(number) not in (9, 12)):
        errors["identity_number"] = _("The identity number has 12 digits (or 9 for an old card).")
    if errors:
        raise FieldErrors(errors)
    return values


@transaction.atomic
def nomination_create(
    *,
    actor,
    year: int,
    kind: AwardKind,
    unit: Unit,
    achievements: str,
    basis: str = "merit",
    figures: dict | None = None,
    **person,
) -> Nomination:
    """Draft a nomination of a collective (the unit) or a person of the unit."""
    check_visible(actor, unit)
    if not permissions.can_propose(actor, unit):
        raise PermissionDenied(_("You may not nominate for %(unit)s.") % {"unit": unit.name})
    if not achievements.strip():
        raise FieldErrors({"achievements": _("Describe the achievements.")})
    if not (kind.valid_on(date(year, 1, 1)) or kind.valid_on(date(year, 12, 31))):
        raise FieldErrors(
            {"kind": _("%(kind)s is not in force in %(year)s.") % {"kind": kind.name, "year": year}}
        )
    nomination = Nomination(
        year=year,
        kind=kind,
        unit=unit,
        basis=basis,
        achievements=achievements.strip(),
        figures=figures or {},
        proposed_by=account(actor),
        **_clean_person(kind, person),
    )
    record(nomination, actor=actor, reason=_("Nomination drafted"))
    return nomination


@transaction.atomic
def dossier_attach(*, actor, nomination: Nomination, purpose: str, file) -> DossierFile:
    """Attach a dossier file, its type read from its content and its size checked."""
    if not permissions.can_edit_nomination(actor, nomination):
        raise PermissionDenied(_("The nomination can no longer be changed."))
    if purpose not in DossierPurpose.values:
        raise FieldErrors({"purpose": _("Choose what the file is.")})
    if file.size > MAX_FILE_BYTES:
        raise FieldErrors({"file": _("%(name)s is larger than 10 MB.") % {"name": file.name}})
    head = file.read(8192)
    file.seek(0)
    guessed = filetype.guess(head)
    if guessed is None or guessed.extension not in DOSSIER_TYPES:
        raise FieldErrors(
            {
                "file": _(
                    "%(name)s is not a PDF, Word, Excel, JPEG or PNG file (read from its content)."
                )
                % {"name": file.name}
            }
        )
    attached = DossierFile(
        nomination=nomination,
        purpose=purpose,
        file=file,
        content_type=guessed.mime,
        size=file.size,
        uploaded_by=account(actor),
    )
    record(attached, actor=actor, reason=_("Dossier file attached"))
    return attached


def quota_for(nomination: Nomination) -> Quota | None:
    """Return the quota of the nominee's unit or of its nearest ancestor holding one."""
    codes = [c for c in nomination.unit.path.split("/") if c]
    quotas = Quota.objects.filter(
        year=nomination.year, kind=nomination.kind, unit__code__in=codes
    ).select_related("unit")
    return max(quotas, key=lambda q: len(q.unit.path), default=None)


def _take_place(actor, nomination: Nomination) -> None:
    if nomination.quota_id is not None:
        return
    quota = quota_for(nomination)
    if quota is None:
        return
    taken = Quota.objects.filter(pk=quota.pk, used__lt=F("allowed")).update(used=F("used") + 1)
    quota.refresh_from_db()
    if not taken:
        raise DomainError(
            _(
                "The quota of %(unit)s for %(kind)s in %(year)s is used up: %(used)s of "
                "%(allowed)s place(s) taken."
            )
            % {
                "unit": quota.unit.name,
                "kind": nomination.kind.name,
                "year": nomination.year,
                "used": quota.used,
                "allowed": quota.allowed,
            }
        )
    record(quota, actor=actor, reason=_("Place taken by a nomination"))
    nomination.quota = quota


def _release_place(actor, nomination: Nomination) -> None:
    if nomination.quota_id is None:
        return
    Quota.objects.filter(pk=nomination.quota_id, used__gt=0).update(used=F("used") - 1)
    quota = Quota.objects.get(pk=nomination.quota_id)
    record(quota, actor=actor, reason=_("Place released"))
    nomination.quota = None


@transaction.atomic
def nomination_submit(*, actor, nomination: Nomination) -> Nomination:
    """Send to the board: refused when a block holds (pending matter, duplicate) or the quota
    is used up. Criteria the data does not meet are kept for the board to read."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not permissions.can_edit_nomination(actor, nomination):
        raise PermissionDenied(_("The nomination can no longer be changed."))
    result = nomination_eligibility(nomination)
    blocking = [
        r for r in result.reasons if r.rule in ("pending", "duplicate", "valid") and not r.met
    ]
    if blocking:
        raise DomainError(
            _("The nomination cannot be sent: %(reasons)s.")
            % {"reasons": "; ".join(f"{r.text} ({r.source})" for r in blocking)}
        )
    _take_place(actor, nomination)
    nomination.eligibility = result.as_dict()
    nomination.status = NominationStatus.SUBMITTED
    nomination.submitted_at = timezone.now()
    nomination.reason = ""
    record(nomination, actor=actor, reason=_("Sent for appraisal"))
    return nomination


@transaction.atomic
def nomination_appraise(
    *,
    actor,
    nomination: Nomination,
    outcome: str,
    reason: str = "",
    checklist: dict | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstain: int | None = None,
) -> Nomination:
    """The board accepts, returns or rejects, with its checklist and the council's vote.

    Acceptance needs the eligibility to hold, recomputed with the board's checklist.
    """
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not permissions.can_appraise(actor, nomination):
        raise PermissionDenied(_("Only the emulation board appraises nominations sent to it."))
    if outcome not in ("accept", "return", "reject"):
        raise FieldErrors({"outcome": _("Choose accept, return or reject.")})
    if outcome != "accept" and not reason.strip():
        raise FieldErrors({"reason": _("Give the reason for returning or rejecting.")})
    known = set(nomination.kind.checklist)
    nomination.checklist = {k: bool(v) for k, v in (checklist or {}).items() if k in known}
    nomination.votes_for, nomination.votes_against = votes_for, votes_against
    nomination.votes_abstain = votes_abstain
    nomination.appraised_by, nomination.appraised_at = account(actor), timezone.now()
    nomination.reason = reason.strip()
    if outcome == "accept":
        missing = [item for item in nomination.kind.checklist if not nomination.checklist.get(item)]
        if missing:
            raise FieldErrors(
                {"checklist": _("Not checked: %(items)s.") % {"items": "; ".join(missing)}}
            )
        if votes_for is None or votes_for <= (votes_against or 0) + (votes_abstain or 0):
            raise FieldErrors(
                {"votes_for": _("The council must vote in favour by a majority to accept.")}
            )
        result = nomination_eligibility(nomination)
        if not result.eligible:
            unmet = [r.text for r in result.reasons if not r.met]
            raise DomainError(_("Not eligible: %(reasons)s.") % {"reasons": "; ".join(unmet)})
        nomination.eligibility = result.as_dict()
        nomination.status = NominationStatus.ACCEPTED
        label = _("Accepted by the board")
    elif outcome == "return":
        nomination.status = NominationStatus.RETURNED
        label = _("Returned: %(reason)s") % {"reason": reason.strip()}
    else:
        _release_place(actor, nomination)
        nomination.status = NominationStatus.REJECTED
        label = _("Rejected: %(reason)s") % {"reason": reason.strip()}
    record(nomination, actor=actor, reason=label)
    return nomination
