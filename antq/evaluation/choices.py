from django.db import models
from django.utils.translation import gettext_lazy as _

# Unit kinds the safety standard applies to (Circular 124/2021, Article 1).
EVALUATED_KINDS = ("residential_area", "commune", "agency", "enterprise", "school")
ESTABLISHMENT_KINDS = ("agency", "enterprise", "school")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    VERIFIED = "verified", _("Verified")


class RecognitionOutcome(models.TextChoices):
    RECOGNISED = "recognised", _("Recognised")
    REFUSED = "refused", _("Refused")


class ClassificationStatus(models.TextChoices):
    DRAFT = "draft", _("Self-scoring")
    SUBMITTED = "submitted", _("Submitted for review")
    FINAL = "final", _("Final")


class DocumentPurpose(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution of the party committee")
    PLAN = "plan", _("Security plan")
    PLEDGE = "pledge", _("Registration form (pledge)")
    EVIDENCE = "evidence", _("Evidence for a criterion")
    REQUEST = "request", _("Request for recognition")
    REPORT = "report", _("Report on the results")
    MINUTES = "minutes", _("Minutes of the evaluation meeting")


# The dossiers of Article 9.2: a) registration, b) request for recognition.
REGISTRATION_DOCUMENTS = (DocumentPurpose.RESOLUTION, DocumentPurpose.PLAN, DocumentPurpose.PLEDGE)
REQUEST_DOCUMENTS = (DocumentPurpose.REQUEST, DocumentPurpose.REPORT, DocumentPurpose.MINUTES)


class Authority(models.TextChoices):
    """Which unit above verifies or decides: configurable since the 2025 reorganisation."""

    PARENT = "parent", _("The managing unit (directly above)")
    COMMUNE = "commune", _("The commune")
    DISTRICT = "district", _("The district (before 1 July 2025)")
    PROVINCE = "province", _("The province")
    MINISTRY = "ministry", _("The Ministry of Public Security")
