"""Excel download of the campaign list."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from antq.core.excel import xlsx_response

from .models import CampaignKind


def _basis(campaign) -> str:
    if not campaign.basis_provisional:
        return campaign.legal_basis
    return f"{campaign.legal_basis} ({_('provisional, not verified')})".strip()


def campaign_list_response(rows):
    kinds = dict(CampaignKind.choices)
    return xlsx_response(
        "dot-cao-diem.xlsx",
        title=_("Events and peak campaigns"),
        headers=[
            _("Name"),
            pgettext("campaign", "Kind"),
            _("From"),
            _("To"),
            _("Organised by"),
            _("Legal basis"),
            _("Activities"),
            _("Attendees"),
        ],
        rows=(
            (
                c.name,
                str(kinds.get(c.kind, c.kind)),
                c.start,
                c.end,
                c.owner.name,
                _basis(c),
                c.activity_count,
                c.attendee_total,
            )
            for c in rows.iterator(chunk_size=2000)
        ),
    )


def by_commune_response(campaign, unit, rows):
    """The per-commune table of a campaign for a unit's subtree, as on the detail page."""
    return xlsx_response(
        f"dot-{campaign.pk}-{unit.code}.xlsx",
        title=_("By commune"),
        headers=[
            _("Unit code"),
            _("Commune"),
            _("Activities"),
            _("Attendees"),
            _("Propaganda sessions"),
            _("Gifts"),
            _("Value of gifts (VND)"),
            _("Awards handed out"),
            _("Models launched"),
        ],
        rows=(
            (
                r["unit"].code,
                r["unit"].name,
                r["activities"],
                r["attendees"],
                r["propaganda_sessions"],
                r["gifts"],
                r["gifts_value"],
                r["awards"],
                r["models_launched"],
            )
            for r in rows
        ),
    )
