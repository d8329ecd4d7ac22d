"""Reads on funding, scoped to the user."""

from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.units.permissions import in_scope

from .models import BudgetLine, Norm, SpendingEntry


def statement(*, actor, unit, year: int, subtree: bool = True) -> dict:
    """Estimate, allocated, spent by head and by source, balance for a unit (or its subtree)."""
    if not in_scope(actor, unit.path):
        raise NotFound("")
    lines = BudgetLine.objects.filter(year=year)
    lines = lines.filter(unit__path__startswith=unit.path) if subtree else lines.filter(unit=unit)
    totals = lines.aggregate(e=Sum("estimate"), a=Sum("allocated"))
    entries = SpendingEntry.objects.filter(line__in=lines)
    by_head = dict(entries.values_list("head").annotate(s=Sum("amount")).order_by())
    by_source = dict(entries.values_list("line__source").annotate(s=Sum("amount")).order_by())
    spent = sum(by_head.values())
    allocated = totals["a"] or 0
    return {
        "estimate": totals["e"] or 0,
        "allocated": allocated,
        "spent": spent,
        "by_head": by_head,
        "by_source": by_source,
        "balance": allocated - spent,
    }


def _scoped(qs, actor, path_field: str):
    from antq.units.permissions import scope_path

    prefix = scope_path(actor)
    return qs if prefix is None else qs.filter(**{f"{path_field}__startswith": prefix})


def line_list(*, actor, unit=None, year=None, source="", level=""):
    """Budget lines the account may see, optionally in a unit's subtree, year, source, level."""
    rows = _scoped(BudgetLine.objects.select_related("unit"), actor, "unit__path")
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    if year:
        rows = rows.filter(year=year)
    if source:
        rows = rows.filter(source=source)
    if level:
        rows = rows.filter(level=level)
    # A grouped query drops Meta.ordering: without its own order, pages would repeat lines.
    return rows.annotate(spent=Sum("entries__amount")).order_by(
        "year", "unit__path", "source", "pk"
    )


def line_get(*, actor, pk: int) -> BudgetLine:
    line = BudgetLine.objects.select_related("unit").filter(pk=pk).first()
    if line is None or not in_scope(actor, line.unit.path):
        raise NotFound(_("No budget line %(id)s.") % {"id": pk})
    return line


def entry_list(
    *, actor, unit=None, year=None, head="", source="", date_from=None, date_to=None, line=None
):
    """Spending entries the account may see, filtered by head, source and dates."""
    rows = _scoped(
        SpendingEntry.objects.select_related("line__unit", "commune"), actor, "line__unit__path"
    )
    if unit is not None:
        rows = rows.filter(line__unit__path__startswith=unit.path)
    if line is not None:
        rows = rows.filter(line=line)
    if year:
        rows = rows.filter(date__year=year)
    if head:
        rows = rows.filter(head=head)
    if source:
        rows = rows.filter(line__source=source)
    if date_from:
        rows = rows.filter(date__gte=date_from)
    if date_to:
        rows = rows.filter(date__lte=date_to)
    return rows


def statement_entries(*, actor, unit, year: int, subtree: bool = True):
    """The entries a statement sums, in date order."""
    if not in_scope(actor, unit.path):
        raise NotFound("")
    rows = SpendingEntry.objects.select_related("line__unit").filter(line__year=year)
    if subtree:
        return rows.filter(line__unit__path__startswith=unit.path)
    return rows.filter(line__unit=unit)


def norm_list(*, province=None, on=None):
    """The Circular's norms and, when given, the province's own, dated."""
    rows = Norm.objects.filter(province__isnull=True)
    if province is not None:
        rows = Norm.objects.filter(models.Q(province__isnull=True) | models.Q(province=province))
    return rows.select_related("province")
