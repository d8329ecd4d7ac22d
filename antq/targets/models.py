from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import Comparison, Metric, Subject


class Target(models.Model):
    """A yearly goal for a unit's subtree, e.g. "≥ 95% of communes recognised safe".

    Share values are percentages; counts are whole numbers. `basis` is the plan or decision
    that set it ("KH 67/KH-BCĐ, 08/3/2024"). A cascaded target points to the one it came from.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    metric = models.CharField(_("metric"), max_length=32, choices=Metric.choices)
    subject = models.CharField(
        _("units counted"), max_length=24, choices=Subject.choices, blank=True
    )
    form_code = models.CharField(_("report form"), max_length=40, blank=True)
    indicator_code = models.CharField(_("indicator"), max_length=60, blank=True)
    denominator_code = models.CharField(_("indicator it is divided by"), max_length=60, blank=True)
    comparison = models.CharField(_("comparison"), max_length=8, choices=Comparison.choices)
    value = models.DecimalField(_("value"), max_digits=9, decimal_places=2)
    value_high = models.DecimalField(
        _("upper value"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    basis = models.CharField(_("basis"), max_length=255, blank=True)
    public = models.BooleanField(_("published on the public page"), default=False)
    cascaded_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="cascades"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        ordering = ["year", "unit__path", "metric", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "year",
                    "unit",
                    "metric",
                    "subject",
                    "form_code",
                    "indicator_code",
                    "denominator_code",
                ],
                name="one_target_per_metric",
            ),
            models.CheckConstraint(
                condition=~models.Q(comparison="between") | models.Q(value_high__isnull=False),
                name="between_has_upper_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} {self.get_subject_display()} {self.year}"
