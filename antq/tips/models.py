"""What the tips app stores.

Nothing here identifies an anonymous sender: no IP, no user agent, the tracking code only
as a SHA-256 digest, the time of an anonymous tip to the hour, contact details encrypted.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import Classification, TipKind, TipStatus


class CommuneTipSetting(models.Model):
    """A commune's configuration for tips: whether it is remote (48-hour forwarding)."""

    unit = models.OneToOneField("units.Unit", on_delete=models.CASCADE, related_name="+")
    remote = models.BooleanField(_("remote commune"), default=False)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return str(self.unit)


class Tip(models.Model):
    """One citizen tip, sent through the public channel."""

    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    province = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    place = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    routed_to = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=TipKind.choices)
    text = models.TextField(_("what happened"))
    happened_on = models.CharField(_("when it happened"), max_length=100, blank=True)
    received_at = models.DateTimeField(_("received at"))
    anonymous = models.BooleanField(_("anonymous"), default=True)
    contact_encrypted = models.TextField(blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=TipStatus.choices, default=TipStatus.RECEIVED
    )
    classification = models.CharField(
        _("classification"), max_length=16, choices=Classification.choices, blank=True
    )
    receipt_number = models.CharField(_("receipt record number"), max_length=60, blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=255, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    valuable = models.BooleanField(_("valuable"), default=False)
    case_solved = models.BooleanField(_("case solved"), default=False)
    cluster_key = models.CharField(max_length=64, db_index=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["contact_encrypted"])

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk}"


class TipMessage(models.Model):
    """One message of the dialogue: an officer's question or the citizen's answer."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="messages")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_citizen = models.BooleanField(default=False)
    body = models.TextField(_("message"), blank=True)
    sent_at = models.DateTimeField()

    class Meta:
        # By arrival: a citizen's time is kept only to the hour.
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.tip_id}/{self.pk}"


class TipAttachment(models.Model):
    """A file the citizen sent, stored only after its metadata was removed."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        TipMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="tips/%Y/%m/")
    mime = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.file.name


class TipOpening(models.Model):
    """An officer opened a tip (who, when): the access log the province reads."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="openings")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.tip_id}: {self.officer_id}"


class TipStep(models.Model):
    """A handling step with its author and reason (re-routing, classification, ...)."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="steps")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=16, choices=TipStatus.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.tip_id}: {self.status}"
