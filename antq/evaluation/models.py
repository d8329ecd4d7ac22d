"""The yearly cycle: a year, and each unit's registration, assessment, recognition and class."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import (
    AssessmentStatus,
    ClassificationStatus,
    DocumentPurpose,
    RecognitionOutcome,
)

ACCOUNT = settings.AUTH_USER_MODEL


class CampaignYear(models.Model):
    """One year of the movement as one province opened it: periods, deadlines, authorities.

    Each province opens its own year, with its own calendar, authorities and classification
    decision; a unit is evaluated under the year of the province its path starts with.

    `periods` maps each unit kind to its evaluation period ``[first, last]`` (ISO dates);
    `authorities` maps each unit kind to ``{"verifier", "decider", "basis", "provisional"}``
    (`Authority`), by default as the law stood for the year (`options.default_authorities`).
    Deadlines named `*_before` are exclusive: the work is late on that day.
    """

    province = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "province"},
        verbose_name=_("province"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    ruleset_id = models.CharField(_("ruleset"), max_length=80)
    policy_id = models.CharField(_("classification policy"), max_length=80)
    # The province's own decision replacing the provisional bands (Decision 510 left them open).
    own_policy = models.JSONField(_("province's own bands"), null=True, blank=True)
    policy_decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    policy_decision_date = models.DateField(_("decision date"), null=True, blank=True)
    # The province's own score sheets replacing the provisional ones, per unit kind:
    # ``{kind: {"items": [{"id", "text", "max_points"}], "decision_number", "decision_date"}}``.
    own_sheets = models.JSONField(_("province's own score sheets"), default=dict, blank=True)
    periods = models.JSONField(_("evaluation periods"), default=dict)
    authorities = models.JSONField(_("who verifies and decides"), default=dict)
    # What the law leaves to the province (`options.OPTION_DEFAULTS` lists the keys).
    options = models.JSONField(_("province's settings"), default=dict, blank=True)
    # The province's own criteria (Article 8.1), in the shape of `rules.additions_from_dict`.
    own_criteria = models.JSONField(_("province's own criteria"), null=True, blank=True)
    registration_before = models.DateField(_("registration before"))
    recognition_area_before = models.DateField(_("recognition of residential areas before"))
    recognition_other_before = models.DateField(_("recognition of other units before"))
    classification_area_before = models.DateField(_("classification of residential areas before"))
    classification_other_before = models.DateField(_("classification of other units before"))
    opened_by = models.ForeignKey(ACCOUNT, null=True, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign year")
        ordering = ["-year", "province__code"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="one_year_per_province")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.province.name}"

    def recognition_before(self, kind: str):
        if kind == "residential_area":
            return self.recognition_area_before
        return self.recognition_other_before

    def classification_before(self, kind: str):
        if kind == "residential_area":
            return self.classification_area_before
        return self.classification_other_before


class Registration(models.Model):
    """A unit's start-of-year pledge to reach the safety standard (Article 9.2)."""

    year = models.ForeignKey(CampaignYear, on_delete=models.PROTECT, related_name="registrations")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    registered_on = models.DateField(_("registered on"))
    households_resident = models.PositiveIntegerField(_("households resident"), null=True)
    households_registered = models.PositiveIntegerField(_("households registered"), null=True)
    # The resolution of Article 9.2.a is required only where a party organisation exists.
    has_party_organisation = models.BooleanField(_("has a party organisation"), default=True)
    note = models.TextField(_("note"), blank=True)
    registered_by = models.ForeignKey(
        ACCOUNT, null=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="one_registration_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    @property
    def after_quarter_one(self) -> bool:
        """Registered after Quarter I of the year, when the law asks for it (Art. 4.1 …)."""
        return self.registered_on > date(self.year.year, 3, 31)


def _document_path(instance, filename: str) -> str:
    campaign = instance.year
    parts = (campaign.province.code, campaign.year, instance.unit.code, instance.purpose)
    return "/".join(["evaluation", *map(str, parts), filename])


class Document(models.Model):
    """An attachment of a dossier: resolution, plan, pledge, evidence, request, minutes."""

    year = models.ForeignKey(CampaignYear, on_delete=models.PROTECT, related_name="documents")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=16, choices=DocumentPurpose.choices)
    criterion_id = models.CharField(_("criterion"), max_length=20, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    signer = models.CharField(_("signer"), max_length=150, blank=True)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    uploaded_by = models.ForeignKey(ACCOUNT, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        ordering = ["purpose", "criterion_id", "uploaded_at"]
        indexes = [models.Index(fields=["year", "unit"], name="document_year_unit")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.number}".strip()


class Assessment(models.Model):
    """A unit's answers to the criteria of its kind for a year, and their verification.

    `answers` and `figures` are what the unit (or, later, its verifier) entered; figures the
    system holds are read live and take precedence. `submitted_*` keep what the unit sent, so
    it can see what the verifier changed. `met` caches the last verdict for lists.
    """

    year = models.ForeignKey(CampaignYear, on_delete=models.PROTECT, related_name="assessments")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    unit_kind = models.CharField(_("unit kind"), max_length=32)
    answers = models.JSONField(_("answers"), default=dict)
    figures = models.JSONField(_("figures"), default=dict)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        db_index=True,
    )
    met = models.BooleanField(_("meets the standard"), null=True)
    submitted_answers = models.JSONField(null=True, blank=True)
    submitted_figures = models.JSONField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        ACCOUNT, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        ACCOUNT, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="one_assessment_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class Recognition(models.Model):
    """The competent authority's decision on a unit for a year: recognised or refused.

    A recognised unit stops counting as recognised from `revoked_on`.
    """

    year = models.ForeignKey(CampaignYear, on_delete=models.PROTECT, related_name="recognitions")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=16, choices=RecognitionOutcome.choices)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"))
    signer = models.CharField(_("signer"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    reasons = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(ACCOUNT, null=True, on_delete=models.PROTECT, related_name="+")
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        ACCOUNT, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Why the authority should look at this recognition again (the law revokes nothing by
    # itself: a revocation below may take a commune under 5.4's 70%).
    review_note = models.TextField(_("to be reviewed"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recognition")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="one_recognition_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.get_outcome_display()}"

    @property
    def in_force(self) -> bool:
        return self.outcome == RecognitionOutcome.RECOGNISED and self.revoked_on is None


class Classification(models.Model):
    """A unit's movement class for a year: self-score, review with reasons, final class.

    `changes` lists the reviewer's changes ``{"item", "from", "to", "reason"}``; `policy`
    keeps the policy the final class was computed under, so a later decision does not
    change a closed year.
    """

    year = models.ForeignKey(CampaignYear, on_delete=models.PROTECT, related_name="classifications")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    sheet_id = models.CharField(_("score sheet"), max_length=80)
    self_scores = models.JSONField(_("self-scores"), default=dict)
    scores = models.JSONField(_("scores after review"), default=dict)
    changes = models.JSONField(_("changes in review"), default=list)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ClassificationStatus.choices,
        default=ClassificationStatus.DRAFT,
    )
    total = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True)
    class_name = models.CharField(_("class"), max_length=16, blank=True)
    recognised = models.BooleanField(null=True)
    policy = models.JSONField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        ACCOUNT, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("classification")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="one_classification_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.class_name or self.status}"
