from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from antq.core.text import fold, sort_key

from .choices import ManagingLevel, ReorganisationKind, UnitKind

PATH_SEPARATOR = "/"


class Unit(models.Model):
    """A unit of the movement: an administrative unit, a residential area or an establishment.

    `parent`, `path` and `name` are the unit's latest placement; `UnitPlacement` keeps every
    earlier one, so the tree can be read as it stood on any date. `path` is the chain of codes
    from the province down ("38/16417/38-KDC-001/"), so a subtree is one prefix query.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices, db_index=True)
    division_type = models.CharField(_("division type"), max_length=64, blank=True)
    managing_level = models.CharField(
        _("managing level"), max_length=16, choices=ManagingLevel.choices, blank=True
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    out_of_scope_reason = models.CharField(
        _("reason out of scope of the safety standard"), max_length=500, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False)
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    search_text = models.CharField(max_length=320, editable=False, db_index=True)
    sort_name = models.CharField(max_length=600, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=["search_text", "sort_name"])

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["sort_name"]
        indexes = [
            # varchar_pattern_ops lets PostgreSQL answer `path LIKE 'prefix%'` from the
            # index whatever the database collation; other backends ignore it.
            models.Index(fields=["path"], name="unit_path", opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def in_scope_of_standard(self) -> bool:
        return not self.out_of_scope_reason

    def refresh_search_fields(self) -> None:
        self.search_text = search_text_for(self.name, self.code)
        self.sort_name = sort_key(self.name)


class UnitPlacement(models.Model):
    """Where a unit stood in the tree, and under which name, from one date to another.

    `valid_to` is the last day of the span (inclusive); the open span has none.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="placements")
    parent = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=255)
    path = models.CharField(max_length=255)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    search_text = models.CharField(max_length=320, editable=False)
    sort_name = models.CharField(max_length=600, editable=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["path", "valid_from"],
                name="placement_path_from",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
            models.Index(fields=["parent", "valid_from"], name="placement_parent_from"),
            models.Index(fields=["unit", "valid_from"], name="placement_unit_from"),
        ]
        ordering = ["sort_name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from}–{self.valid_to or ''})"


class Reorganisation(models.Model):
    """One reorganisation act (merger, split, rename, move) and the decision behind it."""

    kind = models.CharField(_("kind"), max_length=16, choices=ReorganisationKind.choices)
    effective_date = models.DateField(_("effective date"))
    basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    units = models.ManyToManyField(Unit, related_name="reorganisations")

    class Meta:
        verbose_name = _("reorganisation")
        ordering = ["-effective_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class UnitSuccession(models.Model):
    """A unit that took over (all or part of) another one on a date."""

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successions")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="predecessions")
    reorganisation = models.ForeignKey(Reorganisation, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "reorganisation"], name="unique_succession"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


def search_text_for(name: str, code: str) -> str:
    return f"{fold(name)} {code.lower()}"
