from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    """Funding."""

    name = "antq.funding"
    label = "funding"
    verbose_name = _("Funding")
