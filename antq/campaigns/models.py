"""What the campaigns app stores: campaigns (festival days, peak drives) and units' activities."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from antq.core.text import fold


class CampaignKind(models.TextChoices):
    FESTIVAL_19_8 = "festival_19_8", _("National security festival day (19/8)")
    ANTI_DRUG_26_6 = "anti_drug_26_6", _("National anti-drug day (26/6)")
    GREAT_UNITY = "great_unity", _("Great national unity festival")
    PEAK_DRIVE = "peak_drive", _("Peak crime-suppression drive")
    OTHER = "other", _("Other")


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=255)
    theme = models.CharField(_("theme"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    owner = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    units = models.ManyToManyField("units.Unit", related_name="campaigns", blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    basis_provisional = models.BooleanField(
        _("date and legal basis are provisional configuration"), default=False
    )
    search_text = models.CharField(max_length=800, editable=False, blank=True, db_index=True)
    history = HistoricalRecords(m2m_fields=[units], excluded_fields=["search_text"])

    class Meta:
        ordering = ["-start", "name"]

    def __str__(self):
        return self.name

    def refresh_search_fields(self) -> None:
        self.search_text = fold(f"{self.name} {self.theme}")[:800]


class Activity(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="activities")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=100)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    participants = models.CharField(_("participants"), max_length=500, blank=True)
    attendees = models.PositiveIntegerField(_("attendees"), default=0)
    propaganda_sessions = models.PositiveIntegerField(_("propaganda sessions"), default=0)
    gifts = models.PositiveIntegerField(_("gifts"), default=0)
    gifts_value = models.BigIntegerField(_("value of gifts (VND)"), default=0)
    awards = models.PositiveIntegerField(_("awards handed out"), default=0)
    models_launched = models.PositiveIntegerField(_("models launched"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.kind} {self.date:%d/%m/%Y}"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


class Attachment(models.Model):
    """A photo (re-encoded on upload) or a document (PDF or Word) of an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to="campaigns/%Y/")
    name = models.CharField(_("file name"), max_length=200)
    mime = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        "accounts.Account", on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name
