from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Emulation titles and forms of award are different things (Law 06/2022 Chapters II, III)."""

    TITLE = "title", _("Emulation title")
    AWARD = "award", _("Form of award")


class Recipient(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class Level(models.TextChoices):
    GRASSROOTS = "grassroots", _("Grassroots")
    PROVINCE = "province", _("Province")
    MINISTRY = "ministry", _("Ministry")
    STATE = "state", _("State")


class Basis(models.TextChoices):
    """Why an award is given; ad-hoc awards are no basis for later merit (Decree 152/2025)."""

    MERIT = "merit", _("Yearly merit")
    ADHOC = "adhoc", _("Ad-hoc or thematic achievement")


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", _("Emulation cluster")
    BLOCK = "block", _("Emulation block")


class RankingStatus(models.TextChoices):
    DRAFT = "draft", _("Being ranked")
    SUBMITTED = "submitted", _("Submitted")


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Sent for appraisal")
    RETURNED = "returned", _("Returned for completion")
    ACCEPTED = "accepted", _("Accepted by the board")
    REJECTED = "rejected", _("Rejected")
    DECIDED = "decided", _("Awarded")


# Nominations that hold a place in their quota.
QUOTA_STATUSES = (
    NominationStatus.SUBMITTED,
    NominationStatus.RETURNED,
    NominationStatus.ACCEPTED,
    NominationStatus.DECIDED,
)


class DossierPurpose(models.TextChoices):
    REQUEST = "request", _("Request (tờ trình)")
    SUMMARY = "summary", _("Summary list of achievements")
    MINUTES = "minutes", _("Minutes of the unit's emulation council")
    EVIDENCE = "evidence", _("Evidence")


class MatterKind(models.TextChoices):
    """Matters that, while pending, block an award (Decree 152/2025)."""

    DISCIPLINE = "discipline", _("Disciplinary proceedings")
    INVESTIGATION = "investigation", _("Investigation")
    COMPLAINT = "complaint", _("Complaint or denunciation")


class RevocationGround(models.TextChoices):
    """Law 06/2022 Chapter VII."""

    FRAUD = "fraud", _("Achievements declared fraudulently")
    FALSE_PAPERS = "false_papers", _("False information or forged documents")
    UNLAWFUL_PROCEDURE = "unlawful_procedure", _("Unlawful appraisal, review or proposal")
    LATER_FINDING = "later_finding", _("Later finding that the recipient did not qualify")
