"""What the models app stores: self-management models, their sites and teams, yearly
judgements, each province's grading scale, and exemplary examples."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from antq.core.text import fold, sort_key

from .choices import ExampleKind, ModelField, ModelStatus, RecognisingLevel, Serves

SEARCH_EXCLUDED = ["search_text", "sort_name"]


class SelfManagementModel(models.Model):
    """A self-management model (mô hình tự quản) recognised at some level and owned by a unit."""

    name = models.CharField(_("name"), max_length=255)
    serves_prevention = models.BooleanField(Serves.PREVENTION.label, default=False)
    serves_management = models.BooleanField(Serves.MANAGEMENT.label, default=False)
    serves_protection = models.BooleanField(Serves.PROTECTION.label, default=False)
    serves_conciliation = models.BooleanField(Serves.CONCILIATION.label, default=False)
    field = models.CharField(_("field"), max_length=16, choices=ModelField.choices)
    owner = models.ForeignKey(
        "units.Unit",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="self_management_models",
    )
    path = models.CharField(max_length=255, editable=False)  # the owner's, for scope
    level = models.CharField(
        _("recognising level"), max_length=16, choices=RecognisingLevel.choices
    )
    decision_number = models.CharField(_("founding decision number"), max_length=64)
    decision_date = models.DateField(_("founding decision date"))
    decision_signer = models.CharField(_("signed by"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ModelStatus.choices, default=ModelStatus.ACTIVE
    )
    status_on = models.DateField(_("status since"), null=True, blank=True)
    status_reason = models.CharField(_("reason for the status"), max_length=500, blank=True)
    search_text = models.CharField(max_length=320, editable=False, db_index=True)
    sort_name = models.CharField(max_length=600, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=SEARCH_EXCLUDED)

    class Meta:
        verbose_name = _("self-management model")
        verbose_name_plural = _("self-management models")
        ordering = ["sort_name", "pk"]
        indexes = [
            models.Index(fields=["path"], name="smm_path", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name

    SERVES_FIELDS = {
        Serves.PREVENTION: "serves_prevention",
        Serves.MANAGEMENT: "serves_management",
        Serves.PROTECTION: "serves_protection",
        Serves.CONCILIATION: "serves_conciliation",
    }

    @property
    def serves(self) -> list[str]:
        return [value for value, name in self.SERVES_FIELDS.items() if getattr(self, name)]

    def serves_labels(self) -> str:
        return ", ".join(str(Serves(v).label) for v in self.serves)

    def refresh_search_fields(self) -> None:
        self.search_text = f"{fold(self.name)} {fold(self.decision_number)}"[:320]
        self.sort_name = sort_key(self.name)


class ModelSite(models.Model):
    """A site (điểm): a unit where the model is replicated from the original."""

    model = models.ForeignKey(
        SelfManagementModel, verbose_name=_("model"), on_delete=models.PROTECT, related_name="sites"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="model_sites"
    )
    path = models.CharField(max_length=255, editable=False)
    started_on = models.DateField(_("started on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["path", "pk"]
        constraints = [models.UniqueConstraint(fields=["model", "unit"], name="site_once")]
        indexes = [
            models.Index(fields=["path"], name="site_path", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.model} — {self.unit}"


class ModelTeam(models.Model):
    """A team (tổ) running the model at one site, with its member count."""

    site = models.ForeignKey(
        ModelSite, verbose_name=_("site"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("team name"), max_length=255)
    member_count = models.PositiveIntegerField(_("members"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("model team")
        verbose_name_plural = _("model teams")
        ordering = ["site", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class GradeLevel(models.Model):
    """One grade of a province's own scale for judging models (none is national)."""

    province = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="model_grades"
    )
    code = models.CharField(_("code"), max_length=32)
    label = models.CharField(_("grade"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("order"), default=0)
    basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        ordering = ["province", "rank", "pk"]
        constraints = [models.UniqueConstraint(fields=["province", "code"], name="grade_code_once")]

    def __str__(self) -> str:
        return self.label


class ModelJudgement(models.Model):
    """A year's judgement of a model as a whole (site empty) or of one of its sites."""

    year = models.PositiveSmallIntegerField(_("year"))
    model = models.ForeignKey(
        SelfManagementModel,
        verbose_name=_("model"),
        on_delete=models.PROTECT,
        related_name="judgements",
    )
    site = models.ForeignKey(
        ModelSite,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="judgements",
    )
    effective = models.BooleanField(_("effective"))
    grade = models.CharField(_("grade"), max_length=32, blank=True)
    grade_label = models.CharField(_("grade"), max_length=100, blank=True)
    grade_provisional = models.BooleanField(_("grade on the provisional scale"), default=False)
    judged_by = models.CharField(_("judged by"), max_length=255)
    judged_on = models.DateField(_("judged on"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("judgement")
        verbose_name_plural = _("judgements")
        ordering = ["-year", "model", "site", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "model"], condition=Q(site__isnull=True), name="model_judged_once"
            ),
            models.UniqueConstraint(
                fields=["year", "site"], condition=Q(site__isnull=False), name="site_judged_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site or self.model} {self.year}"


class JudgementEvidence(models.Model):
    """A document supporting a judgement (minutes, report, photo)."""

    judgement = models.ForeignKey(ModelJudgement, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="models/evidence/%Y/")
    mime = models.CharField(max_length=100, editable=False)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.title


class ExemplaryExample(models.Model):
    """A collective or individual recognised as an exemplary example (điển hình tiên tiến)."""

    kind = models.CharField(_("kind"), max_length=16, choices=ExampleKind.choices)
    name = models.CharField(_("name"), max_length=255)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="examples"
    )
    path = models.CharField(max_length=255, editable=False)
    model = models.ForeignKey(
        SelfManagementModel,
        verbose_name=_("model"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="examples",
    )
    field = models.CharField(_("field"), max_length=16, choices=ModelField.choices)
    level = models.CharField(
        _("recognising level"), max_length=16, choices=RecognisingLevel.choices
    )
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    decision_signer = models.CharField(_("signed by"), max_length=150, blank=True)
    reason = models.TextField(_("achievement"))
    search_text = models.CharField(max_length=320, editable=False, db_index=True)
    sort_name = models.CharField(max_length=600, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=SEARCH_EXCLUDED)

    class Meta:
        verbose_name = _("exemplary example")
        verbose_name_plural = _("exemplary examples")
        ordering = ["sort_name", "pk"]
        indexes = [
            models.Index(fields=["path"], name="example_path", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name

    def refresh_search_fields(self) -> None:
        self.search_text = f"{fold(self.name)} {fold(self.decision_number)}"[:320]
        self.sort_name = sort_key(self.name)
