from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    """Citizen tips."""

    name = "antq.tips"
    label = "tips"
    verbose_name = _("Citizen tips")

    def ready(self) -> None:
        from .logging import install

        install()
