"""The register of a year's issued recognition decisions: one row per decision, its units.

A decision is told apart by its number, date and issuing body together: every commune's
people's committee numbers its own decisions, so "01/QĐ-UBND" is issued by many of them.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from antq.core.text import fold
from antq.units.permissions import scope_path

from .choices import RecognitionOutcome
from .models import CampaignYear, Recognition

DECISION_KEY = ("decision_number", "decision_date", "issuing_body")


@dataclass
class IssuedDecision:
    """One recognition decision as the register shows it, with the units it recognised."""

    number: str
    date: date
    issuing_body: str
    signer: str
    signer_title: str
    recognitions: list[Recognition] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return (self.number, self.date, self.issuing_body)


def commune_name(unit) -> str:
    """The commune (or other level) a unit hangs under; nothing for a unit under the province."""
    parent = unit.parent
    return parent.name if parent is not None and parent.kind != "province" else ""


def _recognitions(*, user, campaign: CampaignYear) -> QuerySet[Recognition]:
    rows = Recognition.objects.filter(year=campaign, outcome=RecognitionOutcome.RECOGNISED)
    prefix = scope_path(user)
    return rows if prefix is None else rows.filter(unit__path__startswith=prefix)


def _matching(rows: QuerySet[Recognition], q: str) -> QuerySet[Recognition]:
    """Keep the recognitions of the decisions whose number, or one of whose units (by its
    name, code or commune), matches."""
    needle = q.strip()
    if not needle:
        return rows
    hit = (
        Q(decision_number__icontains=needle)
        | Q(unit__search_text__contains=fold(needle))
        | Q(unit__parent__search_text__contains=fold(needle))
        | Q(unit__code=needle)
    )
    same_decision = rows.filter(**{name: OuterRef(name) for name in DECISION_KEY})
    return rows.filter(Exists(same_decision.filter(hit)))


def decision_register(*, user, campaign: CampaignYear, q: str = "") -> QuerySet:
    """Return the year's recognition decisions in the user's scope, newest first, as rows of
    number, date, issuing body, signer and the count of units (in scope) recognised."""
    rows = _matching(_recognitions(user=user, campaign=campaign), q)
    return (
        rows.values(*DECISION_KEY, "signer", "signer_title")
        .annotate(units=Count("id"))
        .order_by("-decision_date", "decision_number", "issuing_body")
    )


def register_totals(*, user, campaign: CampaignYear, q: str = "") -> dict:
    """Count the units the register's decisions recognised, and those revoked since."""
    rows = _matching(_recognitions(user=user, campaign=campaign), q)
    return rows.aggregate(
        units=Count("id"), revoked=Count("id", filter=Q(revoked_on__isnull=False))
    )


def register_decisions(*, user, campaign: CampaignYear, rows) -> list[IssuedDecision]:
    """Fill the rows of one page of the register with their recognitions, in one query."""
    decisions = [
        IssuedDecision(
            number=row["decision_number"],
            date=row["decision_date"],
            issuing_body=row["issuing_body"],
            signer=row["signer"],
            signer_title=row["signer_title"],
        )
        for row in rows
    ]
    if not decisions:
        return []
    by_key = {d.key: d for d in decisions}
    wanted = reduce(
        or_,
        (Q(decision_number=n, decision_date=d, issuing_body=b) for n, d, b in by_key),
    )
    found = (
        _recognitions(user=user, campaign=campaign)
        .filter(wanted)
        .select_related("unit__parent")
        .order_by("unit__sort_name", "unit__code")
    )
    for recognition in found:
        recognition.year = campaign  # the certificate link reads the year's keys, no query
        key = (recognition.decision_number, recognition.decision_date, recognition.issuing_body)
        by_key[key].recognitions.append(recognition)
    return decisions


def register_rows(*, user, campaign: CampaignYear, q: str = "") -> QuerySet[Recognition]:
    """Every recognition of the register (for the export), decision by decision."""
    rows = _matching(_recognitions(user=user, campaign=campaign), q)
    return rows.select_related("unit__parent").order_by(
        "-decision_date", "decision_number", "issuing_body", "unit__sort_name", "unit__code"
    )
