from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Periodic indicator reports: forms, periods, entry, approval, completeness, rollups."""

    name = "antq.reports"
    label = "reports"
    verbose_name = _("Periodic reports")

    def ready(self) -> None:
        from . import formcache  # noqa: F401  (registers the signals that refresh the cache)
        from .history import build_history_managers_once
        from .models import Report, ReportValue

        build_history_managers_once(Report, ReportValue)
