"""Quarter I: registration, resolution and plan are due then (Art. 4.1, 5.1, 6.1, 7.1).

The law sets the quarter but no sanction: by default a late registration is flagged in the
verdict's reasons, not failed; a province may decide it fails (`late_registration_fails`).
Units created by the 1 July 2025 mergers could not register in Quarter I 2025: a province may
carry their predecessors' registrations over or waive the quarter for that year.
"""

from dataclasses import dataclass, replace
from datetime import date

from django.utils.translation import gettext as _

from antq import rules
from antq.units.models import UnitSuccession

from .models import CampaignYear, Registration
from .options import REORGANISATION_DAY, options_of

QUARTER_ONE_OPENING = "Quý I hằng năm"


def quarter_one_end(year: int) -> date:
    return date(year, 3, 31)


def registration_criterion(ruleset: rules.Ruleset, kind: str) -> str | None:
    """Return the criterion that requires the Quarter I registration, if the ruleset has one."""
    for criterion in ruleset.criteria_for(kind):
        if criterion.text.startswith(QUARTER_ONE_OPENING):
            return criterion.id
    return None


@dataclass(frozen=True)
class RegistrationTiming:
    """Whether the unit registered in Quarter I, and what follows from it."""

    late: bool
    fails: bool
    note: str


def _created_by_2025_mergers(unit) -> bool:
    return unit.valid_from >= REORGANISATION_DAY and unit.valid_from.year == 2025


def _predecessors_registered_on(campaign: CampaignYear, unit) -> date | None:
    predecessors = UnitSuccession.objects.filter(successor=unit).values("predecessor_id")
    earlier = Registration.objects.filter(
        year__year=campaign.year, unit_id__in=predecessors
    ).order_by("registered_on")
    first = earlier.values_list("registered_on", flat=True).first()
    return first


def registration_timing(
    campaign: CampaignYear, unit, registration: Registration | None
) -> RegistrationTiming | None:
    """Return the unit's Quarter I standing, or None when on time (or not registered yet)."""
    if registration is None:
        return None
    due = quarter_one_end(campaign.year)
    day = registration.registered_on
    if day <= due:
        return None
    options = options_of(campaign)
    transition = options["q1_transition"]
    if transition and campaign.year == 2025 and _created_by_2025_mergers(unit):
        basis = options["q1_transition_basis"]
        if transition == "waive":
            return RegistrationTiming(
                False,
                False,
                _("Quarter I waived for units created on 1 July 2025 (%(b)s).") % {"b": basis},
            )
        carried = _predecessors_registered_on(campaign, unit)
        if carried is not None and carried <= due:
            return RegistrationTiming(
                False,
                False,
                _("The predecessors' registration of %(d)s is carried over (%(b)s).")
                % {"d": carried.strftime("%d/%m/%Y"), "b": basis},
            )
    fails = options["late_registration_fails"]
    note = _(
        "Registered on %(day)s, after Quarter I (due by %(due)s, Art. 4.1, 5.1, 6.1, 7.1)."
    ) % {"day": day.strftime("%d/%m/%Y"), "due": due.strftime("%d/%m/%Y")}
    if not fails:
        note += " " + _("Flagged only: the law sets no sanction (provisional setting).")
    return RegistrationTiming(True, fails, note)


def apply_timing(verdict: rules.Verdict, criterion_id: str | None, timing) -> rules.Verdict:
    """Fail the registration criterion when the province decided a late registration fails."""
    if timing is None or not timing.fails or criterion_id is None:
        return verdict
    criteria = [
        replace(c, met=False, reason=f"{c.reason} {timing.note}".strip())
        if c.id == criterion_id
        else c
        for c in verdict.criteria
    ]
    return replace(verdict, met=False, criteria=criteria)
