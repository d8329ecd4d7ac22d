from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForcesConfig(AppConfig):
    """Grassroots security force."""

    name = "antq.forces"
    label = "forces"
    verbose_name = _("Grassroots security force")
