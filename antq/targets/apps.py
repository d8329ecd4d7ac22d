from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    """Yearly targets, their live attainment, and the dashboards built on them."""

    name = "antq.targets"
    label = "targets"
    verbose_name = _("Targets and dashboards")
