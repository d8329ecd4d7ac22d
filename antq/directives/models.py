"""What the directives app stores: directives and plans, and their deployment to each unit."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .choices import DirectiveKind


class Directive(models.Model):
    """A document issued downwards (resolution, instruction, plan, letter, guidance).

    `issuing_unit` is the unit whose staff recorded it, which decides who may change it;
    `issuing_body` is the body named on the document ("Ban Chỉ đạo 138 tỉnh Thanh Hóa").
    """

    issuing_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    number = models.CharField(_("number and symbol"), max_length=64)
    issued_on = models.DateField(_("date issued"))
    kind = models.CharField(
        pgettext_lazy("directive", "kind"), max_length=24, choices=DirectiveKind.choices
    )
    summary = models.TextField(pgettext_lazy("directive", "summary"))
    file = models.FileField(
        pgettext_lazy("directive", "file"), upload_to="directives/%Y/", max_length=255
    )
    file_name = models.CharField(_("file name"), max_length=255)
    requires_plan = models.BooleanField(_("each unit builds its own plan"), default=False)
    report_deadline = models.DateField(_("result report deadline"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.CharField(max_length=1200, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "number", "issued_on"], name="directive_number_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"


class Deployment(models.Model):
    """One directive sent to one unit, and how far that unit has gone with it.

    `parent` is the deployment of the unit that passed it down (a commune to its residential
    areas); the issuer's own deployments have none. `report_deadline` is the directive's, or
    an earlier one set by the level that passed it down.
    """

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="deployments")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    deployed_at = models.DateTimeField(_("deployed at"))
    deployed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    report_deadline = models.DateField(_("result report deadline"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("read by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    plan_number = models.CharField(_("plan number"), max_length=64, blank=True)
    plan_date = models.DateField(_("plan date"), null=True, blank=True)
    plan_file = models.FileField(
        _("plan file"), upload_to="directives/plans/%Y/", max_length=255, blank=True
    )
    plan_file_name = models.CharField(max_length=255, blank=True)
    plan_recorded_at = models.DateTimeField(_("plan recorded at"), null=True, blank=True)
    report_summary = models.TextField(_("result report"), blank=True)
    report_file = models.FileField(
        _("result report file"), upload_to="directives/reports/%Y/", max_length=255, blank=True
    )
    report_file_name = models.CharField(max_length=255, blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reported_on = models.DateField(_("report date"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        constraints = [
            models.UniqueConstraint(fields=["directive", "unit"], name="deployment_once_per_unit")
        ]
        indexes = [models.Index(fields=["unit", "directive"], name="deployment_unit_directive")]

    def __str__(self) -> str:
        return f"{self.directive_id} → {self.unit_id}"

    @property
    def on_time(self) -> bool | None:
        """True/False once reported; None while no report was sent."""
        if self.reported_on is None:
            return None
        return self.report_deadline is None or self.reported_on <= self.report_deadline
