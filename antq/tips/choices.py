"""Choices of the tips app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TipKind(models.TextChoices):
    DRUGS = "drugs", _("Drugs")
    THEFT = "theft", _("Theft")
    FRAUD = "fraud", _("Fraud (including online)")
    GAMBLING = "gambling", _("Gambling")
    CYBER = "cyber", _("Cyber security")
    WEAPONS = "weapons", _("Weapons")
    OTHER = "other", _("Other")


class TipStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    RECORDED = "recorded", _("Receipt recorded")
    CLASSIFIED = "classified", _("Classified")
    FORWARDED = "forwarded", _("Forwarded to the competent body")
    RESULT = "result", _("Result known")
    CLOSED = "closed", _("Closed")


class Classification(models.TextChoices):
    URGENT = "urgent", _("Urgent or serious (forward within 24 hours, 48 in remote communes)")
    ORDINARY = "ordinary", _("Ordinary (forward within 7 days)")
    DENUNCIATION = "denunciation", _("Denunciation under the Law on Denunciations")
