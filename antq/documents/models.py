"""What the documents app stores: generation jobs, saved drafts, provinces' own templates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DocumentKind(models.TextChoices):
    FINAL_REVIEW = "final_review", _("Final (year) review report")
    INTERIM_REVIEW = "interim_review", _("Interim (half-year) review report")
    RECOGNITION_DECISION = "recognition_decision", _("Recognition decision and classification list")
    RECOGNITION_DOSSIER = (
        "recognition_dossier",
        _("Recognition request dossier (letter, results report, meeting minutes)"),
    )
    CERTIFICATE = "certificate", _("Certificate of recognition")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ReviewDraft(models.Model):
    """The judgement the officer writes for a review, kept between visits."""

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("period"), max_length=10)
    texts = models.JSONField(_("texts"), default=dict)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit", "period"], name="documents_draft_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period}"


class GeneratedDocument(models.Model):
    """A generation job and, when done, its files."""

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("period"), max_length=10)
    options = models.JSONField(_("options"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(_("error"), blank=True)
    pdf_note = models.TextField(_("PDF note"), blank=True)
    docx = models.FileField(_("Word file"), upload_to="documents/%Y/", blank=True)
    pdf = models.FileField(_("PDF file"), upload_to="documents/%Y/", blank=True)
    xlsx = models.FileField(_("Excel annex"), upload_to="documents/%Y/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period}"


class ProvinceTemplate(models.Model):
    """A province's own Word template for a kind of document, replacing the default."""

    province = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("template"), upload_to="documents/templates/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["province", "kind"], name="documents_template_once")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
