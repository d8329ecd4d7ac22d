"""What the shared helpers store: import jobs run on the worker."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """A large sheet imported on the worker: its file until done, its progress, its outcome."""

    kind = models.CharField(_("kind"), max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to="imports/", blank=True)
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_checked = models.PositiveIntegerField(_("rows checked"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    message = models.TextField(_("message"), blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # what the import was asked for besides its file (e.g. a report sheet's "submit")
    options = models.JSONField(_("options"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def percent(self) -> int:
        """Progress as one figure: reading, checking and writing each a third of the work."""
        if self.status == ImportStatus.DONE:
            return 100
        total = max(self.rows_total, self.rows_read, 1)
        done = min(self.rows_read, total) + min(self.rows_checked, total)
        return min(99, (done + min(self.rows_written, total)) * 100 // (3 * total))
