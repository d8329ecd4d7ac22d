from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """Events and peak campaigns."""

    name = "antq.campaigns"
    label = "campaigns"
    verbose_name = _("Events and peak campaigns")
