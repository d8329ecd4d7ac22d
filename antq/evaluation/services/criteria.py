"""The province's own criteria for a year (Article 8.1 of Circular 124/2021)."""

from django.db import transaction
from django.utils.translation import gettext as _

from antq import rules
from antq.core.errors import DomainError, PermissionDenied

from .. import permissions
from ..models import CampaignYear
from .common import record, rules_call

ITEM_KINDS = ("criterion", "point")


def _clean(item: dict) -> dict:
    cleaned = {key: str(item.get(key) or "").strip() for key in ("kind", "item", "id", "text")}
    cleaned["citation"] = str(item.get("citation") or "").strip()
    cleaned["criterion"] = str(item.get("criterion") or "").strip()
    where = cleaned["id"] or "?"
    if cleaned["kind"] not in rules.UNIT_KINDS:
        raise DomainError(_("Criterion %(id)s: choose the kind of unit.") % {"id": where})
    if cleaned["item"] not in ITEM_KINDS:
        raise DomainError(_("Criterion %(id)s: a new criterion or a point?") % {"id": where})
    if not cleaned["id"] or len(cleaned["id"]) > 20:
        raise DomainError(_("Give each criterion an id of at most 20 characters."))
    if not cleaned["text"] or not cleaned["citation"]:
        raise DomainError(
            _("Criterion %(id)s: give its text and the article of your decision.") % {"id": where}
        )
    if cleaned["item"] == "point" and not cleaned["criterion"]:
        raise DomainError(_("Point %(id)s: name the criterion it adds to.") % {"id": where})
    return cleaned


def additions_data(campaign: CampaignYear, decision: str, items: list[dict]) -> dict:
    """Shape the province's criteria like an additions file (`rules.additions_from_dict`)."""
    kinds: dict[str, dict[str, list]] = {}
    for item in items:
        table = kinds.setdefault(item["kind"], {})
        entry = {
            "id": item["id"],
            "text": item["text"],
            "citation": item["citation"],
            # The province's words, not the Circular's: shown as such.
            "wording": "abridged",
        }
        if item["item"] == "point":
            table.setdefault("points", []).append({"criterion": item["criterion"], **entry})
        else:
            table.setdefault("criteria", []).append(entry)
    return {
        "id": f"{campaign.province.code}-{campaign.year}",
        "title": _("Criteria of %(province)s") % {"province": campaign.province.name},
        "citation": decision,
        "base": campaign.ruleset_id,
        "kinds": kinds,
    }


def own_criteria_items(campaign: CampaignYear) -> list[dict]:
    """Return the province's criteria of the year as a flat list, as they were entered."""
    data = campaign.own_criteria or {}
    items = []
    for kind, table in data.get("kinds", {}).items():
        for entry in table.get("criteria", []):
            items.append({"kind": kind, "item": "criterion", "criterion": "", **entry})
        for entry in table.get("points", []):
            items.append({"kind": kind, "item": "point", **entry})
    return items


@transaction.atomic
def year_criteria_set(
    *, actor, campaign: CampaignYear, decision: str, items: list[dict], reason: str = ""
) -> CampaignYear:
    """Replace the province's own criteria of the year; an empty list removes them all."""
    if not permissions.can_manage_years(actor, campaign.province.code):
        raise PermissionDenied(_("Only the province's staff set its own criteria."))
    cleaned = [_clean(item) for item in items]
    if not cleaned:
        campaign.own_criteria = None
        record(campaign, actor=actor, reason=reason or _("Province's own criteria removed"))
        return campaign
    decision = decision.strip()
    if not decision:
        raise DomainError(_("Give the province's decision that sets these criteria."))
    data = additions_data(campaign, decision[:300], cleaned)
    base = rules_call(rules.get_ruleset, campaign.ruleset_id)
    rules_call(rules.apply_additions, base, rules_call(rules.additions_from_dict, data))
    campaign.own_criteria = data
    record(campaign, actor=actor, reason=reason or _("Province's own criteria"))
    return campaign


def year_criterion_remove(*, actor, campaign: CampaignYear, kind: str, item_id: str) -> None:
    """Remove one of the province's own criteria of the year."""
    items = own_criteria_items(campaign)
    kept = [i for i in items if (i["kind"], i["id"]) != (kind, item_id)]
    if len(kept) == len(items):
        raise DomainError(_("Unknown criterion %(id)s.") % {"id": item_id})
    decision = (campaign.own_criteria or {}).get("citation", "")
    year_criteria_set(actor=actor, campaign=campaign, decision=decision, items=kept)


def year_criterion_add(*, actor, campaign: CampaignYear, decision: str, item: dict) -> None:
    """Add one criterion (or point) to the province's own criteria of the year."""
    items = [*own_criteria_items(campaign), item]
    year_criteria_set(actor=actor, campaign=campaign, decision=decision, items=items)
