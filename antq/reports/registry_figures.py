"""What the registries already hold for a report's indicators, shown beside the typed figure.

A form that has `models_active`, `tips_received`, … shows the registry's figure for the unit's
subtree and period next to what the unit types; a difference is a warning, never a refusal
(the registry may be incomplete).
"""

from django.utils.translation import gettext_lazy as _

from antq.campaigns import selectors as campaigns
from antq.forces import selectors as forces
from antq.models import selectors as models
from antq.tips import selectors as tips

PROVIDERS = (
    (models.report_figures, _("Self-management models registry")),
    (forces.report_figures, _("Grassroots security force registry")),
    (tips.report_figures, _("Citizen tips")),
    (campaigns.report_figures, _("Events and campaigns")),
)


def registry_figures(*, unit, period, codes) -> dict[str, tuple[int, str]]:
    """Return ``{indicator code: (value, source)}`` for the codes a registry holds."""
    wanted = set(codes)
    found: dict[str, tuple[int, str]] = {}
    for provider, source in PROVIDERS:
        for code, value in provider(unit=unit, start=period.start, end=period.end).items():
            if code in wanted and code not in found:
                found[code] = (value, str(source))
    return found


def differs(typed: str, registry: int) -> bool:
    """Whether a typed figure (as shown in the form) differs from the registry's count."""
    text = (typed or "").strip().replace(".", "").replace(",", ".")
    if not text:
        return False
    try:
        return float(text) != registry
    except ValueError:
        return False
