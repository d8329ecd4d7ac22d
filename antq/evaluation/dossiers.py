"""Reads of the dossiers of Article 9.2: which documents a unit's dossiers still lack."""

from antq.units.models import Unit

from .choices import REQUEST_DOCUMENTS, DocumentPurpose
from .models import CampaignYear, Registration
from .selectors import registrations_by_unit


def dossier_required_documents(unit: Unit, registration: Registration | None) -> list[str]:
    """Return the document purposes the unit's dossiers need (Article 9.2.a and b)."""
    needed = []
    if registration is None or registration.has_party_organisation:
        needed.append(DocumentPurpose.RESOLUTION)
    if unit.kind != "residential_area":  # the plan is the commune's or the establishment's
        needed.append(DocumentPurpose.PLAN)
    needed += [DocumentPurpose.PLEDGE, *REQUEST_DOCUMENTS]
    return needed


def dossier_missing_by_unit(campaign: CampaignYear, units: list[Unit]) -> dict[int, list[str]]:
    """Return, per unit, the labels of the dossier documents not yet attached (two queries)."""
    present: dict[int, set[str]] = {}
    for unit_id, purpose in campaign.documents.filter(unit__in=units).values_list(
        "unit_id", "purpose"
    ):
        present.setdefault(unit_id, set()).add(purpose)
    registrations = registrations_by_unit(campaign, [u.pk for u in units])
    return {
        unit.pk: [
            str(DocumentPurpose(p).label)
            for p in dossier_required_documents(unit, registrations.get(unit.pk))
            if p not in present.get(unit.pk, set())
        ]
        for unit in units
    }


def dossier_missing(campaign: CampaignYear, unit: Unit) -> list[str]:
    return dossier_missing_by_unit(campaign, [unit])[unit.pk]
