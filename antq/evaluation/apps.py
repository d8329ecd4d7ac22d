from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """The yearly cycle of the safety standard and classification, over `antq.rules`."""

    name = "antq.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")
