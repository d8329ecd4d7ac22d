"""Registration and dossier documents."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from antq import rules
from antq.core.errors import DomainError
from antq.units.models import Unit

from .. import selectors
from ..choices import DocumentPurpose
from ..models import CampaignYear, Document, Registration
from .common import check_unit, record


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
    has_party_organisation: bool = True,
) -> Registration:
    """Record (or correct) the unit's registration for the year."""
    check_unit(actor, unit, campaign)
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
    registration.has_party_organisation = has_party_organisation
    registration.registered_by = actor if getattr(actor, "pk", None) else None
    record(registration, actor=actor, reason=_("Registration"))
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
    check_unit(actor, unit, campaign)
    if purpose not in DocumentPurpose.values:
        raise DomainError(_("Unknown document purpose."))
    if file.size > MAX_DOCUMENT_BYTES:
        raise DomainError(_("The file is larger than 20 MB."))
    if criterion_id:
        ruleset = selectors.ruleset_of(campaign)
        known = set(rules.answerable_items(ruleset, unit.kind))
        known.update(c.id for c in ruleset.criteria_for(unit.kind))
        if criterion_id not in known:
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
    record(document, actor=actor, reason=_("Document attached"))
    return document
