"""What the awards app stores: award kinds as dated configuration, and the yearly cycle of
registration, cluster ranking, quotas, nominations, appraisal, decisions and revocation."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import (
    Basis,
    Category,
    ClusterKind,
    DossierPurpose,
    Level,
    MatterKind,
    NominationStatus,
    RankingStatus,
    Recipient,
    RevocationGround,
)

ACCOUNT = settings.AUTH_USER_MODEL
UNIT = "units.Unit"


class AwardKind(models.Model):
    """An emulation title or a form of award, as configured for a period of validity.

    `criteria` are rules over the data the system holds, as alternatives: the kind is earned
    when every rule of one alternative holds, ``[[{"rule": "recognised", "years": 2}, …], …]``
    (see `eligibility.RULES`). `checklist` lists what the board checks by hand where the law
    gives no rule the data can answer. `*_provisional` flag values no source confirms.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=8, choices=Category.choices)
    recipient = models.CharField(_("recipient"), max_length=12, choices=Recipient.choices)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    awarded_by = models.CharField(_("who may award it"), max_length=255)
    awarded_by_provisional = models.BooleanField(_("authority provisional"), default=False)
    cash_multiple = models.DecimalField(
        _("cash, × basic salary"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    cash_provisional = models.BooleanField(_("cash provisional"), default=False)
    criteria = models.JSONField(_("criteria as rules"), default=list, blank=True)
    criteria_provisional = models.BooleanField(_("criteria provisional"), default=False)
    checklist = models.JSONField(_("checklist"), default=list, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    certificate = models.BooleanField(_("has a certificate"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award kind")
        ordering = ["category", "order", "code"]

    def __str__(self) -> str:
        return self.name

    def valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class BasicSalary(models.Model):
    """The basic salary (mức lương cơ sở) from a date, in đồng; cash awards are multiples of it."""

    amount = models.PositiveIntegerField(_("amount (đồng)"))
    valid_from = models.DateField(_("valid from"), unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    provisional = models.BooleanField(_("provisional"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("basic salary")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.amount:,} ({self.valid_from:%d/%m/%Y})"


class RankingWeights(models.Model):
    """A province's own weights for ranking cluster members (no legal weights exist).

    `classes` maps each class (``excellent`` …) to the points it earns.
    """

    province = models.OneToOneField(UNIT, on_delete=models.PROTECT, related_name="+")
    recognised = models.PositiveSmallIntegerField(_("points for recognition as safe"))
    classes = models.JSONField(_("points per class"))
    decision = models.CharField(_("province's decision"), max_length=150, blank=True)
    provisional = models.BooleanField(_("provisional"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ranking weights")

    def __str__(self) -> str:
        return str(self.province)


class TitleRegistration(models.Model):
    """A unit's start-of-year pledge to reach an emulation title, for itself or a person."""

    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("full name"), max_length=150, blank=True)
    registered_on = models.DateField(_("registered on"))
    registered_by = models.ForeignKey(
        ACCOUNT, null=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("title registration")
        ordering = ["unit__sort_name", "kind__order", "person_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit", "kind", "person_name"], name="one_title_registration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.kind} {self.year}"


class Cluster(models.Model):
    """An emulation cluster or block of a province for a year, with its leader and deputy."""

    province = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=8, choices=ClusterKind.choices)
    name = models.CharField(_("name"), max_length=200)
    leader = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    deputy = models.ForeignKey(
        UNIT, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("ranking"), max_length=10, choices=RankingStatus.choices, default=RankingStatus.DRAFT
    )
    computed_at = models.DateTimeField(_("ranked at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        ACCOUNT, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation cluster")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year", "name"], name="one_cluster_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class ClusterMember(models.Model):
    """A unit in a cluster, its figures for the year and its rank (computed, then adjusted)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    recognised = models.BooleanField(_("recognised as safe"), null=True)
    class_name = models.CharField(_("class"), max_length=16, blank=True)
    class_points = models.DecimalField(
        _("classification points"), max_digits=6, decimal_places=2, null=True
    )
    score = models.DecimalField(_("ranking score"), max_digits=7, decimal_places=2, null=True)
    computed_rank = models.PositiveSmallIntegerField(_("computed rank"), null=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True)
    adjustment_reason = models.TextField(_("reason for adjustment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cluster member")
        ordering = ["rank", "unit__sort_name"]
        constraints = [models.UniqueConstraint(fields=["cluster", "unit"], name="one_membership")]

    def __str__(self) -> str:
        return f"{self.cluster}: {self.unit}"


class Quota(models.Model):
    """How many nominations for an award kind a unit may send for a year.

    `used` counts the nominations holding a place; it is raised by a conditional UPDATE and a
    CHECK keeps it within `allowed`, so two submissions at once cannot overspend the quota.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="quotas")
    unit = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    allowed = models.PositiveSmallIntegerField(_("allowed"))
    used = models.PositiveSmallIntegerField(_("used"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award quota")
        ordering = ["-year", "unit__sort_name", "kind__order"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind", "unit"], name="one_quota"),
            models.CheckConstraint(condition=Q(used__lte=F("allowed")), name="quota_not_overspent"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.kind} {self.year}: {self.used}/{self.allowed}"

    @property
    def left(self) -> int:
        return self.allowed - self.used


class PendingMatter(models.Model):
    """A discipline, investigation or complaint about a collective or a person.

    While open (`closed_on` empty), no award is given to whom it concerns (Decree 152/2025).
    A person is matched by identity number, or by full name and date of birth.
    """

    unit = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("full name"), max_length=150, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    identity_number = models.CharField(_("identity number"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=MatterKind.choices)
    reference = models.CharField(_("reference"), max_length=150)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(ACCOUNT, null=True, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pending matter")
        ordering = ["-opened_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"


class Nomination(models.Model):
    """A proposal to award a collective or a person, with its dossier and appraisal.

    `eligibility` keeps the reasons as computed at submission, for the board to read;
    `checklist` the board's answers to the kind's checklist; `quota` the place it holds.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="nominations")
    unit = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(_("basis"), max_length=8, choices=Basis.choices, default=Basis.MERIT)
    person_name = models.CharField(_("full name"), max_length=150, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    identity_number = models.CharField(_("identity number"), max_length=20, blank=True)
    achievements = models.TextField(_("achievements"))
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
        db_index=True,
    )
    eligibility = models.JSONField(_("eligibility"), null=True, blank=True)
    quota = models.ForeignKey(
        Quota, null=True, blank=True, on_delete=models.PROTECT, related_name="nominations"
    )
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    reason = models.TextField(_("reason for return or rejection"), blank=True)
    proposed_by = models.ForeignKey(ACCOUNT, null=True, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    appraised_by = models.ForeignKey(
        ACCOUNT, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appraised_at = models.DateTimeField(_("appraised at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nomination")
        ordering = ["-year", "-created_at"]
        indexes = [models.Index(fields=["year", "status"], name="nomination_year_status")]

    def __str__(self) -> str:
        return f"{self.kind} — {self.recipient_name} ({self.year})"

    @property
    def recipient_name(self) -> str:
        return self.person_name or self.unit.name


def _dossier_path(instance, filename: str) -> str:
    n = instance.nomination
    return f"awards/{n.year}/{n.pk}/{instance.purpose}/{filename}"


class DossierFile(models.Model):
    """A file of a nomination's dossier: request, summary list, minutes, evidence."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    purpose = models.CharField(_("purpose"), max_length=10, choices=DossierPurpose.choices)
    file = models.FileField(_("file"), upload_to=_dossier_path, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(ACCOUNT, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dossier file")
        ordering = ["purpose", "uploaded_at"]

    def __str__(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class Decision(models.Model):
    """An award decision: its number, date, signer, issuing body and recipients."""

    province = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField(_("decision number"), max_length=60)
    decided_on = models.DateField(_("decision date"))
    signer = models.CharField(_("signer"), max_length=150)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    recorded_by = models.ForeignKey(ACCOUNT, null=True, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award decision")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_body", "number", "decided_on"], name="one_decision_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.decided_on:%d/%m/%Y})"


class Award(models.Model):
    """One recipient's award: from a decision here, or recorded from the paper history.

    A revoked award (Law 06/2022 Chapter VII) keeps its row but counts for nothing.
    """

    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="awards")
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("full name"), max_length=150, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    identity_number = models.CharField(_("identity number"), max_length=20, blank=True)
    basis = models.CharField(_("basis"), max_length=8, choices=Basis.choices, default=Basis.MERIT)
    achievement = models.TextField(_("achievement"), blank=True)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    nomination = models.OneToOneField(
        Nomination, null=True, blank=True, on_delete=models.PROTECT, related_name="award"
    )
    decision_number = models.CharField(_("decision number"), max_length=60)
    decided_on = models.DateField(_("decision date"))
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    amount = models.PositiveIntegerField(_("amount (đồng)"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_ground = models.CharField(
        _("ground for revocation"), max_length=20, choices=RevocationGround.choices, blank=True
    )
    revocation_decision = models.CharField(_("revocation decision"), max_length=150, blank=True)
    recorded_by = models.ForeignKey(ACCOUNT, null=True, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        ordering = ["-year", "-decided_on"]
        indexes = [
            models.Index(fields=["kind", "year"], name="award_kind_year"),
            models.Index(fields=["identity_number"], name="award_identity"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} — {self.recipient_name} ({self.year})"

    @property
    def recipient_name(self) -> str:
        return self.person_name or self.unit.name

    @property
    def in_force(self) -> bool:
        return self.revoked_on is None
