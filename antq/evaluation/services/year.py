"""The year: open it, change its calendar and authorities, the province's own policy."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from antq import rules
from antq.core.bounds import year_problem
from antq.core.errors import DomainError, FieldErrors, PermissionDenied
from antq.units.models import Unit
from antq.units.selectors import today

from .. import permissions, selectors
from ..choices import EVALUATED_KINDS, Authority
from ..models import Assessment, CampaignYear
from ..options import clean_options, default_authorities
from ..year_inputs import year_inputs
from .common import record, rules_call

DEFAULT_POLICY = "qd510-2022-provisional"


@transaction.atomic
def year_open(*, actor, year: int, province: Unit | None = None, **overrides) -> CampaignYear:
    """Open a province's year with the law's periods, deadlines and default authorities.

    The province defaults to the actor's own; an administrator (whole country) names it.
    """
    if province is None:
        province = selectors.user_province(actor)
        if province is None:
            raise DomainError(_("Choose the province whose year is opened."))
    if province.kind != "province":
        raise DomainError(_("%(unit)s is not a province.") % {"unit": province.name})
    if not permissions.can_manage_years(actor, province.code):
        raise PermissionDenied(_("Only the province's staff open its year."))
    if problem := year_problem(year):
        raise FieldErrors({"year": problem})
    if year > today().year + 1:
        raise FieldErrors({"year": _("A year can be opened at most one year ahead.")})
    if CampaignYear.objects.filter(province=province, year=year).exists():
        raise DomainError(_("The year %(year)s is already open.") % {"year": year})
    ruleset = rules_call(rules.ruleset_for_year, year, "commune")
    periods = {}
    for kind in EVALUATED_KINDS:
        first, last = rules_call(rules.evaluation_period, year, kind)
        periods[kind] = [first.isoformat(), last.isoformat()]
    campaign = CampaignYear(
        province=province,
        year=year,
        ruleset_id=ruleset.id,
        policy_id=DEFAULT_POLICY,
        periods=periods,
        authorities=default_authorities(date.fromisoformat(periods["commune"][1])),
        registration_before=date(year, 4, 1),
        recognition_area_before=date(year, 11, 15),
        recognition_other_before=date(year, 11, 20),
        classification_area_before=date(year, 11, 20),
        classification_other_before=date(year, 11, 30),
        opened_by=actor if getattr(actor, "pk", None) else None,
    )
    for name, value in overrides.items():
        setattr(campaign, name, value)
    record(campaign, actor=actor, reason=_("Year opened"))
    return campaign


@transaction.atomic
def year_update(*, actor, campaign: CampaignYear, reason: str = "", **fields) -> CampaignYear:
    """Change a year's calendar or authorities."""
    if not permissions.can_manage_years(actor, campaign.province.code):
        raise PermissionDenied(_("Only the province's staff change its year."))
    allowed = {
        "periods",
        "authorities",
        "options",
        "registration_before",
        "recognition_area_before",
        "recognition_other_before",
        "classification_area_before",
        "classification_other_before",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(_("These fields cannot be changed: %(f)s") % {"f": ", ".join(unknown)})
    for kind, choice in fields.get("authorities", {}).items():
        steps = {k: v for k, v in choice.items() if k in ("verifier", "decider")}
        if (
            kind not in EVALUATED_KINDS
            or set(steps) != {"verifier", "decider"}
            or not set(choice) <= {"verifier", "decider", "basis", "provisional"}
            or not set(steps.values()) <= set(Authority.values)
        ):
            raise DomainError(_("Invalid authority for %(kind)s.") % {"kind": kind})
        before = campaign.authorities.get(kind, {})
        if {k: before.get(k) for k in steps} != steps:
            # A change is the province's own choice (Art. 10.5 delegation): it is no longer
            # the law's default, and says on what it rests.
            choice["basis"] = str(choice.get("basis") or "").strip()[:300] or _(
                "Set by the province"
            )
            choice["provisional"] = False
    if "authorities" in fields:
        fields["authorities"] = {
            kind: {**campaign.authorities.get(kind, {}), **choice}
            for kind, choice in {**campaign.authorities, **fields["authorities"]}.items()
        }
    if "options" in fields:
        fields["options"] = clean_options(fields["options"], current=campaign.options or {})
    if "periods" in fields:
        fields["periods"] = {**campaign.periods, **_clean_periods(fields["periods"])}
    for name, value in fields.items():
        setattr(campaign, name, value)
    record(campaign, actor=actor, reason=reason)
    return campaign


def _clean_periods(periods: dict) -> dict:
    cleaned = {}
    for kind, span in periods.items():
        try:
            first, last = (date.fromisoformat(str(d)) for d in span)
        except (TypeError, ValueError):
            raise DomainError(_("Invalid period for %(kind)s.") % {"kind": kind}) from None
        if kind not in EVALUATED_KINDS or first > last:
            raise DomainError(_("Invalid period for %(kind)s.") % {"kind": kind})
        cleaned[kind] = [first.isoformat(), last.isoformat()]
    return cleaned


@transaction.atomic
def year_policy_decide(
    *,
    actor,
    campaign: CampaignYear,
    number: str,
    decision_date: date,
    excellent: float,
    good: float,
    average: float,
    cap_not_recognised: str | None,
) -> CampaignYear:
    """Record the province's own classification bands, replacing the provisional policy."""
    if not permissions.can_manage_years(actor, campaign.province.code):
        raise PermissionDenied(_("Only the province's staff record its decision."))
    if not number.strip():
        raise DomainError(_("Give the number of the province's decision."))
    if not 100 >= excellent > good > average > 0:
        raise DomainError(_("The bands must fall from excellent to average, within 100 points."))
    if cap_not_recognised and cap_not_recognised not in rules.CLASSES:
        raise DomainError(_("Unknown class %(c)s.") % {"c": cap_not_recognised})
    campaign.own_policy = {
        "bands": {"excellent": excellent, "good": good, "average": average, "weak": 0},
        "cap_not_recognised": cap_not_recognised or None,
    }
    campaign.policy_decision_number = number.strip()
    campaign.policy_decision_date = decision_date
    record(campaign, actor=actor, reason=_("Province's own classification policy"))
    return campaign


def year_verdicts_refresh(*, campaign: CampaignYear, batch_size: int = 2000) -> int:
    """Recompute the cached ``met`` of every assessment of the year; return how many changed."""
    ruleset = selectors.ruleset_of(campaign)
    current = dict(Assessment.objects.filter(year=campaign).values_list("id", "met"))
    changed = []
    for pk, kind, answers, figures in year_inputs(campaign):
        met = rules.meets(ruleset, kind, answers, figures)  # evaluate's verdict, no reasons
        if current.get(pk) != met:
            changed.append(Assessment(pk=pk, met=met))
    with transaction.atomic():
        Assessment.objects.bulk_update(changed, ["met"], batch_size=batch_size)
    return len(changed)
