"""Reads on funding, scoped to the user."""

from django.db.models import Sum

from antq.core.errors import NotFound
from antq.units.permissions import in_scope

from .models import BudgetLine, SpendingEntry


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
