"""Reads of the yearly cycle, scoped to the reader; the live verdict and system figures."""

import json
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from antq import rules
from antq.core.errors import DomainError, NotFound
from antq.core.text import matching
from antq.forces import selectors as force_selectors
from antq.models import selectors as model_selectors
from antq.units.models import Unit
from antq.units.permissions import is_admin, scope_path
from antq.units.selectors import placements_on, today, unit_get

from . import permissions
from .choices import ESTABLISHMENT_KINDS, EVALUATED_KINDS, AssessmentStatus, ClassificationStatus
from .models import Assessment, CampaignYear, Classification, Recognition, Registration
from .timing import RegistrationTiming, apply_timing, registration_criterion, registration_timing


def year_list(*, user=None) -> QuerySet[CampaignYear]:
    """Return the opened years the user sees: their province's; every province's for admins."""
    rows = CampaignYear.objects.select_related("province")
    if user is not None:
        own = permissions.user_province_code(user)
        if own is not None:
            rows = rows.filter(province__code=own)
    return rows


def province_get(*, user, code: str) -> Unit:
    """Return a province the user sees, or NotFound like a missing one."""
    province = Unit.objects.filter(code=code, kind="province").first()
    if province is None or not permissions.sees_province(user, code):
        raise NotFound(_("No province with code %(code)s.") % {"code": code})
    return province


def provinces_to_open(*, user) -> list[Unit]:
    """Return the provinces an administrator chooses from; staff open their own (empty)."""
    if not is_admin(user):
        return []
    return list(Unit.objects.filter(kind="province").order_by("sort_name", "code"))


def user_province(user) -> Unit | None:
    """Return the account's province unit; None for an administrator or without one."""
    code = permissions.user_province_code(user)
    if code is None:
        return None
    return Unit.objects.filter(code=code, kind="province").first()


def year_get(*, province: Unit | str, year: int, user=None) -> CampaignYear:
    """Return a province's year; NotFound when not opened or (with ``user``) out of scope."""
    code = province if isinstance(province, str) else province.code
    campaign = None
    if user is None or permissions.sees_province(user, code):
        campaign = (
            CampaignYear.objects.select_related("province")
            .filter(province__code=code, year=year)
            .first()
        )
    if campaign is None:
        raise NotFound(_("The year %(year)s has not been opened.") % {"year": year})
    return campaign


def latest_year_of_unit(*, user, unit: Unit) -> CampaignYear | None:
    """The newest opened year of the province the unit lies in, as the user sees it."""
    code = permissions.province_code_of(unit.path)
    if not permissions.sees_province(user, code):
        return None
    return (
        CampaignYear.objects.select_related("province")
        .filter(province__code=code)
        .order_by("-year")
        .first()
    )


def year_of_unit(*, unit: Unit, year: int) -> CampaignYear:
    """Return the year of the province the unit belongs to."""
    return year_get(province=permissions.province_code_of(unit.path), year=year)


def period_of(campaign: CampaignYear, kind: str) -> tuple[date, date]:
    first, last = campaign.periods.get(kind) or campaign.periods["commune"]
    return date.fromisoformat(first), date.fromisoformat(last)


def ruleset_of(campaign: CampaignYear) -> rules.Ruleset:
    """Return the year's ruleset, with the province's own criteria (Article 8.1) if any."""
    if not campaign.own_criteria:
        return rules.get_ruleset(campaign.ruleset_id)
    return _with_additions(campaign.ruleset_id, json.dumps(campaign.own_criteria, sort_keys=True))


# Keyed by the additions' content: a changed set of criteria is a new key.
@lru_cache(maxsize=256)
def _with_additions(ruleset_id: str, additions: str) -> rules.Ruleset:
    return rules.apply_additions(
        rules.get_ruleset(ruleset_id), rules.additions_from_dict(json.loads(additions))
    )


def evaluated_unit_get(*, user, code: str, campaign: CampaignYear | None = None) -> Unit:
    """Return a unit the safety standard applies to, or NotFound like a missing one.

    With ``campaign``, the unit must belong to that year's province.
    """
    unit = unit_get(user=user, code=code)
    outside = campaign is not None and not belongs_to(campaign, unit)
    if unit.kind not in EVALUATED_KINDS or outside:
        raise NotFound(_("No unit with code %(code)s.") % {"code": code})
    return unit


def belongs_to(campaign: CampaignYear, unit: Unit) -> bool:
    """Whether the unit is evaluated under this year (it lies in the year's province)."""
    return permissions.province_code_of(unit.path) == campaign.province.code


def province_prefix(campaign: CampaignYear) -> str:
    return f"{campaign.province.code}/"


# --- figures the system holds --------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A figure used by the verdict, with where it came from."""

    name: str
    label: str
    value: int
    source: str
    system: bool


def subunits_of(campaign: CampaignYear, commune: Unit) -> QuerySet[Unit]:
    """Return the units a commune manages in the year, as the tree stood at the period's end.

    Residential areas and the agencies, enterprises and schools hanging under it, minus those
    marked out of scope of the standard (Article 1).
    """
    last = period_of(campaign, "commune")[1]
    unit_ids = (
        placements_on(last)
        .filter(parent=commune, unit__kind__in=("residential_area", *ESTABLISHMENT_KINDS))
        .values("unit_id")
    )
    return Unit.objects.filter(pk__in=unit_ids, out_of_scope_reason="")


def system_figures(campaign: CampaignYear, unit: Unit) -> dict[str, Figure]:
    """Return the figures the system itself holds for the unit this year, with their source.

    Only the figures the year's ruleset declares: Circular 23/2012 counts residential areas,
    Circular 124/2021 every unit the commune manages.
    """
    ruleset = ruleset_of(campaign)
    labels = ruleset.figures
    found: dict[str, Figure] = {}

    def put(name, value, source):
        if name in labels:
            found[name] = Figure(name, labels[name], value, source, True)

    if unit.kind == "residential_area":
        registration = Registration.objects.filter(year=campaign, unit=unit).first()
        if registration and registration.households_resident is not None:
            source = _("Registration of %(day)s") % {
                "day": registration.registered_on.strftime("%d/%m/%Y")
            }
            put("households_resident", registration.households_resident, source)
            if registration.households_registered is not None:
                put("households_registered", registration.households_registered, source)
    elif unit.kind == "commune":
        below = subunits_of(campaign, unit)
        areas = below.filter(kind="residential_area")
        recognised = Recognition.objects.filter(
            year=campaign, outcome="recognised", revoked_on__isnull=True
        )
        source = _("Registrations and recognitions of the units the commune manages")
        put("subunits_total", below.count(), source)
        put(
            "subunits_registered",
            Registration.objects.filter(year=campaign, unit__in=below).count(),
            source,
        )
        put("subunits_recognised", recognised.filter(unit__in=below).count(), source)
        area_source = _("Recognitions of the commune's residential areas")
        put("residential_areas_total", areas.count(), area_source)
        put("residential_areas_recognised", recognised.filter(unit__in=areas).count(), area_source)
    # 5.1, 6.1, 7.1: effective models, from the registry once it holds the unit's models;
    # until then the unit's answer covers the part, as for any figure not given.
    wanted = "effective_models" in labels and unit.kind != "residential_area"
    if wanted and model_selectors.unit_has_models(unit=unit):
        count, source = model_selectors.effective_models_reason(unit=unit, year=campaign.year)
        put("effective_models", count, source)
    return found


def registry_answers(campaign: CampaignYear, unit: Unit) -> tuple[dict, dict[str, list[str]]]:
    """Return answers the registries decide (4.5 from the force's final ratings), and notes."""
    if unit.kind != "residential_area" or "4.5" not in rules.answerable_items(
        ruleset_of(campaign), unit.kind
    ):
        return {}, {}
    standing = force_selectors.area_force_standing(area=unit, year=campaign.year)
    note = f"{standing.reason} ({standing.source})"
    if standing.met is None or not standing.final:
        return {}, {"4.5": [note + " " + _("Not final yet: the answer is used.")]}
    return {"4.5": standing.met}, {"4.5": [note]}


def figures_for(campaign: CampaignYear, unit: Unit, entered: dict) -> dict[str, Figure]:
    """Merge the figures entered with the system's own; the system's take precedence."""
    ruleset = ruleset_of(campaign)
    merged = {
        name: Figure(name, ruleset.figures.get(name, name), value, _("Entered"), False)
        for name, value in entered.items()
        if value is not None
    }
    merged.update(system_figures(campaign, unit))
    return merged


def verdict_of(
    campaign: CampaignYear, unit: Unit, answers: dict, entered: dict
) -> tuple[rules.Verdict, dict[str, Figure]]:
    """Evaluate live: answers and figures in, the engine's verdict and the figures used out."""
    figures = figures_for(campaign, unit, entered)
    ruleset = ruleset_of(campaign)
    decided, _notes = registry_answers(campaign, unit)
    answers = {**answers, **decided}
    try:
        verdict = rules.evaluate(
            ruleset, unit.kind, answers, {n: f.value for n, f in figures.items()}
        )
    except rules.RulesError as error:
        # Stored answers the year's rules refuse become a message, never a server error.
        raise DomainError(error.message) from error
    timing = timing_of(campaign, unit)
    verdict = apply_timing(verdict, registration_criterion(ruleset, unit.kind), timing)
    return verdict, figures


def timing_of(campaign: CampaignYear, unit: Unit) -> RegistrationTiming | None:
    registration = Registration.objects.filter(year=campaign, unit=unit).first()
    return registration_timing(campaign, unit, registration)


def verdict_notes(campaign: CampaignYear, unit: Unit) -> dict[str, list[str]]:
    """Return notes to show beside criteria of the verdict (a late registration)."""
    _decided, notes = registry_answers(campaign, unit)
    timing = timing_of(campaign, unit)
    criterion = registration_criterion(ruleset_of(campaign), unit.kind)
    if timing is not None and criterion is not None:
        notes.setdefault(criterion, []).append(timing.note)
    return notes


def assessment_for(*, campaign: CampaignYear, unit: Unit) -> Assessment | None:
    return Assessment.objects.filter(year=campaign, unit=unit).first()


def assessment_changes(assessment: Assessment) -> list[dict]:
    """Return what differs between what the unit submitted and what stands now."""
    if assessment.submitted_answers is None:
        return []
    changes = []
    before, after = assessment.submitted_answers, assessment.answers
    for key in sorted(set(before) | set(after)):
        if before.get(key, "—") != after.get(key, "—"):
            changes.append({"id": key, "submitted": before.get(key), "now": after.get(key)})
    before_f, after_f = assessment.submitted_figures or {}, assessment.figures
    for key in sorted(set(before_f) | set(after_f)):
        if before_f.get(key) != after_f.get(key):
            changes.append({"id": key, "submitted": before_f.get(key), "now": after_f.get(key)})
    return changes


def assessment_history(assessment: Assessment) -> list:
    return list(assessment.history.select_related("history_user").order_by("-history_date", "-pk"))


# --- lists --------------------------------------------------------------------------------


def units_in_scope(*, user, campaign: CampaignYear, kind: str | None = None, under=None):
    """Return the evaluated, in-scope units the user sees, as the tree stood at period end."""
    last = period_of(campaign, "commune")[1]
    rows = placements_on(last).filter(
        unit__kind__in=[kind] if kind else EVALUATED_KINDS,
        unit__out_of_scope_reason="",
        unit__path__startswith=province_prefix(campaign),
    )
    prefix = scope_path(user)
    if prefix is not None:
        rows = rows.filter(unit__path__startswith=prefix)
    if under is not None:
        rows = rows.filter(unit__path__startswith=under.path)
    return rows.select_related("unit", "parent").order_by("sort_name", "unit__code")


def subunit_statuses(campaign: CampaignYear, commune: Unit) -> list[dict]:
    """The commune's residential areas and establishments with where each stands in the
    year: registration, self-assessment and recognition (four queries, whatever the count)."""
    units = list(subunits_of(campaign, commune).order_by("kind", "name"))
    ids = [u.pk for u in units]
    registrations = registrations_by_unit(campaign, ids)
    assessments = {a.unit_id: a for a in Assessment.objects.filter(year=campaign, unit_id__in=ids)}
    recognitions = {
        r.unit_id: r for r in Recognition.objects.filter(year=campaign, unit_id__in=ids)
    }
    return [
        {
            "unit": unit,
            "registration": registrations.get(unit.pk),
            "assessment": assessments.get(unit.pk),
            "recognition": recognitions.get(unit.pk),
        }
        for unit in units
    ]


def registration_rows(*, user, campaign: CampaignYear, kind=None, under=None, registered=None):
    """Return (placement, registration or None) for the units in scope, by registration."""
    rows = units_in_scope(user=user, campaign=campaign, kind=kind, under=under)
    done = Registration.objects.filter(year=campaign).values("unit_id")
    if registered is True:
        rows = rows.filter(unit_id__in=done)
    elif registered is False:
        rows = rows.exclude(unit_id__in=done)
    return rows


def registrations_by_unit(campaign: CampaignYear, unit_ids) -> dict[int, Registration]:
    """The year's registrations of the units, by unit id. A queryset of ids stays a subquery,
    so a whole province's export does not bind one parameter per unit."""
    if not isinstance(unit_ids, QuerySet):
        unit_ids = list(unit_ids)
    found = list(Registration.objects.filter(year=campaign, unit_id__in=unit_ids))
    for registration in found:
        registration.year = campaign  # read by `after_quarter_one` without a query per row
    return {r.unit_id: r for r in found}


def decisions_pending(*, user, campaign: CampaignYear) -> list[Assessment]:
    """Return verified assessments without a decision that the user may decide."""
    decided = Recognition.objects.filter(year=campaign).values("unit_id")
    rows = (
        Assessment.objects.filter(year=campaign, status=AssessmentStatus.VERIFIED)
        .exclude(unit_id__in=decided)
        .select_related("unit", "unit__parent")
        .order_by("unit__path")
    )
    prefix = scope_path(user)
    if prefix is not None:
        rows = rows.filter(unit__path__startswith=prefix)
    return [a for a in rows if permissions.can_decide(user, campaign, a.unit)]


def pending_matching(pending: list[Assessment], q: str) -> list[Assessment]:
    """The units awaiting a decision whose name or commune holds `q` (diacritics ignored)."""
    return matching(pending, q, lambda a: f"{a.unit.name} {a.unit.parent or ''}")


def recognition_for(*, campaign: CampaignYear, unit: Unit) -> Recognition | None:
    return Recognition.objects.filter(year=campaign, unit=unit).first()


def classification_for(*, campaign: CampaignYear, unit: Unit) -> Classification | None:
    return Classification.objects.filter(year=campaign, unit=unit).first()


# --- the worklist --------------------------------------------------------------------------


# The kinds of task of the year, by the keys of `worklist.LISTED`: the worklist's filter.
TASK_KINDS = {
    "unregistered": gettext_lazy("Units not registered"),
    "not_started": gettext_lazy("Start the self-assessment"),
    "draft": gettext_lazy("Complete and submit the self-assessment"),
    "returned": gettext_lazy("Correct the returned self-assessment"),
    "to_verify": gettext_lazy("Verify the self-assessment"),
    "to_decide": gettext_lazy("Decide on recognition"),
    "classification": gettext_lazy("Review the classification"),
}


@dataclass(frozen=True)
class Task:
    """Something the account has to do, by when, and whether it is late."""

    what: str
    unit: Unit | None
    due: date
    url: str
    count: int = 1
    key: str = ""  # one of TASK_KINDS

    @property
    def late(self) -> bool:
        return today() >= self.due


def _task(key: str, unit: Unit | None, due: date, url: str, count: int = 1) -> Task:
    return Task(str(TASK_KINDS[key]), unit, due, url, count, key)


def _within(rows, user, commune: Unit | None):
    """Keep the rows of the units in the user's scope and, when one is given, the commune."""
    for prefix in (scope_path(user), commune.path if commune else None):
        if prefix is not None:
            rows = rows.filter(unit__path__startswith=prefix)
    return rows


def worklist(*, user, campaign: CampaignYear, commune: Unit | None = None, status="") -> list[Task]:
    """Return what is due for the account this year, soonest first, late ones first of all:
    every task (the list is paged, not cut), only those of `commune` and of the kind
    `status` when they are given."""
    key = [campaign.province.code, campaign.year]
    tasks: list[Task] = []
    if permissions.can_act_for(user, user.unit) if user.unit else False:
        unregistered = registration_rows(
            user=user, campaign=campaign, under=commune, registered=False
        )
        count = unregistered.count()
        query = "?registered=no" + (f"&commune={commune.code}" if commune else "")
        url = reverse("evaluation:registrations", args=key) + query
        if count:
            tasks.append(_task("unregistered", None, campaign.registration_before, url, count))
    tasks += _not_started(user, campaign, commune)
    assessments = Assessment.objects.filter(year=campaign).select_related("unit", "unit__parent")
    decided = set(Recognition.objects.filter(year=campaign).values_list("unit_id", flat=True))
    for assessment in _within(assessments, user, commune).exclude(unit_id__in=decided):
        unit = assessment.unit
        url = reverse("evaluation:assessment", args=[*key, unit.code])
        due = campaign.recognition_before(unit.kind)
        status_now = assessment.status
        if status_now in (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED):
            if permissions.can_act_for(user, unit):
                tasks.append(_task(status_now, unit, due, url))
        elif status_now == AssessmentStatus.SUBMITTED:
            if permissions.can_verify(user, campaign, unit):
                tasks.append(_task("to_verify", unit, due, url))
        elif status_now == AssessmentStatus.VERIFIED and permissions.can_decide(
            user, campaign, unit
        ):
            tasks.append(_task("to_decide", unit, due, reverse("evaluation:decisions", args=key)))
    classifications = Classification.objects.filter(
        year=campaign, status=ClassificationStatus.SUBMITTED
    ).select_related("unit")
    for item in _within(classifications, user, commune):
        if permissions.can_verify(user, campaign, item.unit):
            due = campaign.classification_before(item.unit.kind)
            url = reverse("evaluation:classification", args=[*key, item.unit.code])
            tasks.append(_task("classification", item.unit, due, url))
    if status in TASK_KINDS:
        tasks = [t for t in tasks if t.key == status]
    return sorted(tasks, key=lambda t: (not t.late, t.due, t.unit.path if t.unit else ""))


def _not_started(user, campaign: CampaignYear, commune: Unit | None) -> list[Task]:
    """Registered units in the user's scope whose self-assessment has not been started."""
    if not user.unit_id and scope_path(user) is not None:
        return []
    started = Assessment.objects.filter(year=campaign).values("unit_id")
    rows = (
        Registration.objects.filter(year=campaign, unit__out_of_scope_reason="")
        .exclude(unit_id__in=started)
        .filter(unit__path__startswith=province_prefix(campaign))
        .select_related("unit")
    )
    key = [campaign.province.code, campaign.year]
    return [
        _task(
            "not_started",
            r.unit,
            campaign.recognition_before(r.unit.kind),
            reverse("evaluation:assessment", args=[*key, r.unit.code]),
        )
        for r in _within(rows, user, commune).order_by("unit__path")
        if permissions.can_act_for(user, r.unit)
    ]


# --- classification ----------------------------------------------------------------------


def policy_of(campaign: CampaignYear) -> rules.ClassificationPolicy:
    """Return the policy in force for the year: the province's own decision, else shipped."""
    if not campaign.own_policy:
        return rules.get_policy(campaign.policy_id)
    own = campaign.own_policy
    bands = tuple(
        rules.Band(name, Fraction(str(own["bands"][name])))
        for name in ("excellent", "good", "average", "weak")
    )
    caps = ()
    if own.get("cap_not_recognised"):
        label = own.get("cap_label") or _("Not recognised as safe: at most %(c)s (%(d)s)") % {
            "c": rules.CLASS_LABELS.get(own["cap_not_recognised"], own["cap_not_recognised"]),
            "d": campaign.policy_decision_number,
        }
        caps = (rules.Cap("not_recognised", own["cap_not_recognised"], label),)
    return rules.ClassificationPolicy(
        id=f"{campaign.province.code}-{campaign.year}-{campaign.policy_decision_number}",
        label=_decision_label(campaign.policy_decision_number, campaign.policy_decision_date),
        provisional=False,
        citation=campaign.policy_decision_number,
        max_points=Fraction(100),
        bands=bands,
        caps=caps,
    )


def _decision_label(number: str, day: date) -> str:
    return _("Decision %(n)s of %(d)s") % {"n": number, "d": day.strftime("%d/%m/%Y")}


def own_sheet_id(campaign: CampaignYear, kind: str, number: str) -> str:
    """The id a province's own sheet goes by: its province, year, unit kind and decision."""
    return f"{campaign.province.code}-{campaign.year}-{kind}-{number}"[:80]


def own_sheet_data(campaign: CampaignYear, kind: str, recorded: dict) -> dict:
    """Shape a province's recorded sheet like a shipped ``[[sheets]]`` table for the parser."""
    number = recorded["decision_number"]
    day = date.fromisoformat(recorded["decision_date"])
    citation = _decision_label(number, day)
    return {
        "id": own_sheet_id(campaign, kind, number),
        "label": citation,
        "provisional": False,
        "unit_kinds": [kind],
        "citation": citation,
        "max_points": 100,
        "items": [
            {
                "id": item["id"],
                "text": item["text"],
                "max_points": item["max_points"],
                "citation": citation,
                "provisional": False,
            }
            for item in recorded["items"]
        ],
    }


def sheet_for_kind(campaign: CampaignYear, kind: str) -> rules.ScoreSheet:
    """Return the sheet in force for a kind this year: the province's own, else the shipped."""
    recorded = (campaign.own_sheets or {}).get(kind)
    if not recorded:
        return rules.sheet_for(kind)
    return rules.sheet_from_dict(own_sheet_data(campaign, kind, recorded), campaign.province.code)


def sheet_of(campaign: CampaignYear, unit: Unit) -> rules.ScoreSheet:
    """Return the score sheet the unit is scored on in the year."""
    return sheet_for_kind(campaign, unit.kind)


def sheets_in_force(campaign: CampaignYear) -> list[tuple[str, rules.ScoreSheet]]:
    """Return ``(kind, sheet)`` for every evaluated kind of the year."""
    return [(kind, sheet_for_kind(campaign, kind)) for kind in EVALUATED_KINDS]


def lift_items(classification: Classification) -> list[rules.ItemGap]:
    """Return the items whose missing points would lift the unit's class one band."""
    campaign, unit = classification.year, classification.unit
    recognition = recognition_for(campaign=campaign, unit=unit)
    recognised = bool(recognition and recognition.in_force)
    return rules.items_to_lift(
        sheet_of(campaign, unit), classification.scores, policy_of(campaign), recognised
    )
