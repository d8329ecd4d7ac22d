"""What the funding app stores: budget lines, spending entries and the Circular 40 norms."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Source(models.TextChoices):
    STATE = "state", _("State budget")
    PROGRAMME = "programme", _("Funds from other programmes")
    VOLUNTARY = "voluntary", _("Voluntary contributions")


class Level(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class Head(models.TextChoices):
    PROPAGANDA = "propaganda", _("Propaganda")
    TRAINING = "training", _("Training")
    MODELS = "models", _("Models")
    VISITS = "visits", _("Visits and encouragement")
    REWARDS = "rewards", _("Rewards")
    FUEL = "fuel", _("Fuel for mobilisation")
    OTHER = "other", _("Other")


class NormKind(models.TextChoices):
    FUEL_PER_KM = "fuel_per_km", _("Fuel, VND per km")
    MODEL_PER_COMMUNE_YEAR = "model_per_commune_year", _("Model, VND per model per commune a year")
    VISIT_MODEL_PER_COMMUNE_YEAR = (
        "visit_model_per_commune_year",
        _("Visits, VND per model per commune a year"),
    )
    VISIT_COMMUNES_PER_YEAR = "visit_communes_per_year", _("Visits, communes a year")
    VISIT_PERSON_PER_YEAR = "visit_person_per_year", _("Visits, VND per person a year")
    VISIT_PERSONS_PER_YEAR = "visit_persons_per_year", _("Visits, persons a year")


class Norm(models.Model):
    """A dated spending norm; `province` set for a province's own norm (with its decision)."""

    kind = models.CharField(_("kind"), max_length=40, choices=NormKind.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    limit = models.BigIntegerField(_("limit"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    citation = models.CharField(_("citation"), max_length=255)
    province = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "level", "valid_from"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_level_display()}): {self.limit:,}"


class BudgetLine(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    year = models.PositiveIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    estimate = models.BigIntegerField(_("estimate"), default=0)
    allocated = models.BigIntegerField(_("allocated"), default=0)
    decision = models.CharField(_("allocation decision"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "unit__path", "source"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.unit} {self.year} {self.get_source_display()}"


class SpendingEntry(models.Model):
    line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT, related_name="entries"
    )
    date = models.DateField(_("date"))
    head = models.CharField(_("head"), max_length=16, choices=Head.choices)
    amount = models.BigIntegerField(_("amount (VND)"))
    payee = models.CharField(_("payee or purpose"), max_length=255)
    voucher = models.CharField(_("voucher number"), max_length=64, blank=True)
    commune = models.ForeignKey(
        "units.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    model = models.ForeignKey(
        "models.SelfManagementModel",
        verbose_name=_("model"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("event or campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    directive = models.ForeignKey(
        "directives.Directive",
        verbose_name=_("directive"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    person = models.CharField(_("person visited"), max_length=255, blank=True)
    distance_km = models.PositiveIntegerField(_("distance (km)"), null=True, blank=True)
    voucher_file = models.FileField(
        _("voucher file"), upload_to="funding/%Y/", max_length=255, blank=True
    )
    voucher_file_name = models.CharField(_("voucher file name"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("spending entry")
        verbose_name_plural = _("spending entries")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_head_display()} {self.amount:,}"
