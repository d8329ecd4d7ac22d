from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from antq.units.choices import UnitKind

from .choices import Aggregation, Operator, PeriodType, ReportStatus, ValueType
from .periods import Period


class Indicator(models.Model):
    """One figure a unit reports, e.g. the number of propaganda sessions held."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=64, blank=True)
    value_type = models.CharField(
        _("type"), max_length=16, choices=ValueType.choices, default=ValueType.INTEGER
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=16, choices=Aggregation.choices, default=Aggregation.SUM
    )
    min_value = models.DecimalField(
        _("minimum"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    required = models.BooleanField(_("required"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_numeric(self) -> bool:
        return self.value_type != ValueType.TEXT


class ReportForm(models.Model):
    """A report form: which indicators, which unit kinds report it, how often, by when."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    period_type = models.CharField(_("period"), max_length=16, choices=PeriodType.choices)
    unit_kinds = models.JSONField(_("unit kinds that report"), default=list)
    skip_out_of_scope = models.BooleanField(
        _("units out of scope of the safety standard do not report"), default=False
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("deadline (days after the period ends)"), default=5
    )
    on_time_days = models.PositiveSmallIntegerField(
        _("counted on time up to (days after the period ends)"), default=5
    )
    late_entry_open = models.BooleanField(_("late entry still open"), default=True)
    deadline_note = models.CharField(_("note on the deadline"), max_length=500, blank=True)
    active = models.BooleanField(_("active"), default=True)
    indicators = models.ManyToManyField(Indicator, through="FormIndicator", related_name="forms")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def ordered_indicators(self) -> list[Indicator]:
        return [row.indicator for row in self.rows.select_related("indicator")]

    def unit_kind_labels(self) -> str:
        """The kinds that report, as officials name them: "Xã, Cơ quan", not "commune, agency"."""
        labels = dict(UnitKind.choices)
        return ", ".join(str(labels.get(kind, kind)) for kind in self.unit_kinds)


class FormIndicator(models.Model):
    """An indicator's place in a form."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="rows")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "indicator"], name="form_indicator_once")
        ]

    def __str__(self) -> str:
        return f"{self.form_id}:{self.indicator_id}@{self.position}"


class CrossRule(models.Model):
    """A check across two indicators of a form, e.g. valuable tips ≤ tips received."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="cross_rules")
    left = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    operator = models.CharField(max_length=2, choices=Operator.choices, default=Operator.LE)
    right = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    message = models.CharField(_("message"), max_length=500)

    class Meta:
        verbose_name = _("validation rule")

    def __str__(self) -> str:
        return f"{self.left.code} {self.operator} {self.right.code}"


class Report(models.Model):
    """What one unit reported on one form for one period; one row per (form, unit, period)."""

    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="reports")
    period_key = models.CharField(_("period"), max_length=8)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_end", "unit__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "unit", "period_key"], name="one_report_per_period"
            )
        ]
        indexes = [
            models.Index(fields=["form", "period_end", "status"], name="report_form_period"),
            # each unit's latest report in a range ("latest" indicators)
            models.Index(fields=["unit", "form", "period_end"], name="report_unit_form_end"),
        ]

    def __str__(self) -> str:
        return f"{self.form.code} {self.unit.code} {self.period_key}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end, self.form.period_type, self.period_key)

    @property
    def is_locked(self) -> bool:
        return self.status == ReportStatus.APPROVED

    @property
    def period_label(self) -> str:
        """The period as officials write it: "Tháng 10/2026"."""
        return self.period.label

    @property
    def is_late(self) -> bool:
        """First submitted after the form's on-time limit (as the completeness counts it)."""
        if self.first_submitted_at is None:
            return False
        from .rollups import on_time_cutoff

        return self.first_submitted_at >= on_time_cutoff(self.form, self.period)


class ReportValue(models.Model):
    """One indicator's value in a report. Numbers (and yes/no as 1/0) go in `number`."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    number = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    text = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator")
        ]
        indexes = [models.Index(fields=["indicator", "report"], name="value_indicator_report")]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.number if self.number is not None else self.text}"


class IdempotencyKey(models.Model):
    """A client's key for one API submission and the answer given, so a retry gets it again."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField()
    report = models.ForeignKey(Report, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "key"], name="idempotency_key_once")
        ]

    def __str__(self) -> str:
        return self.key
