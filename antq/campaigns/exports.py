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
                c.start.strftime("%d/%m/%Y"),
                c.end.strftime("%d/%m/%Y"),
                c.owner.name,
                _basis(c),
                c.activity_count,
                c.attendee_total,
            )
            for c in rows.iterator(chunk_size=2000)
        ),
    )
