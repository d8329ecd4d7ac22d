from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelsConfig(AppConfig):
    """Self-management models and exemplary examples."""

    name = "antq.models"
    label = "models"
    verbose_name = _("Self-management models and exemplary examples")
