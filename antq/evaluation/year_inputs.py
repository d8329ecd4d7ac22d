"""A whole year at once: every assessment's answers and figures in a handful of queries."""

from django.db.models import Count

from antq.forces import selectors as force_selectors
from antq.models import selectors as model_selectors
from antq.units.models import Unit
from antq.units.selectors import placements_on

from .choices import ESTABLISHMENT_KINDS
from .models import Assessment, CampaignYear, Recognition, Registration
from .selectors import period_of, province_prefix, registry_answers, ruleset_of, system_figures


def _registry_inputs(campaign: CampaignYear) -> dict[int, tuple[dict, dict]]:
    """Return ``{unit id: (answers, figures)}`` the registries decide, for the units they hold.

    Read per unit, but only for units a registry holds (models owned or hosted, areas covered
    by a team): the same reads as the live verdict, so a refresh never disagrees with a page.
    """
    prefix = province_prefix(campaign)
    with_models = model_selectors.unit_ids_with_models(path_prefix=prefix)
    covered = force_selectors.covered_area_ids(path_prefix=prefix)
    found = {}
    for unit in Unit.objects.filter(pk__in=with_models | covered):
        answers = registry_answers(campaign, unit)[0] if unit.pk in covered else {}
        figures = {}
        if unit.pk in with_models and unit.kind != "residential_area":
            held = system_figures(campaign, unit).get("effective_models")
            if held is not None:
                figures["effective_models"] = held.value
        found[unit.pk] = (answers, figures)
    return found


def year_inputs(campaign: CampaignYear, *, chunk_size: int = 5000):
    """Yield ``(assessment id, unit kind, answers, figures)`` for every assessment of the year.

    The system's figures (households from registrations, each commune's 5.4 counts) are read
    with a handful of grouped queries, not one per unit, so a national year stays linear.
    """
    households = {
        unit_id: (resident, registered)
        for unit_id, resident, registered in Registration.objects.filter(
            year=campaign, households_resident__isnull=False
        ).values_list("unit_id", "households_resident", "households_registered")
    }
    last = period_of(campaign, "commune")[1]
    below = placements_on(last).filter(
        unit__path__startswith=province_prefix(campaign),
        parent__kind="commune",
        unit__kind__in=("residential_area", *ESTABLISHMENT_KINDS),
        unit__out_of_scope_reason="",
    )
    registered_ids = Registration.objects.filter(year=campaign).values("unit_id")
    recognised_ids = Recognition.objects.filter(
        year=campaign, outcome="recognised", revoked_on__isnull=True
    ).values("unit_id")

    def per_commune(rows):
        return dict(rows.values("parent_id").annotate(n=Count("id")).values_list("parent_id", "n"))

    areas = below.filter(unit__kind="residential_area")
    declared = ruleset_of(campaign).figures
    commune_figures = {
        name: per_commune(rows)
        for name, rows in (
            ("subunits_total", below),
            ("subunits_registered", below.filter(unit_id__in=registered_ids)),
            ("subunits_recognised", below.filter(unit_id__in=recognised_ids)),
            ("residential_areas_total", areas),
            ("residential_areas_recognised", areas.filter(unit_id__in=recognised_ids)),
        )
        if name in declared
    }
    with_households = "households_resident" in declared
    rows = Assessment.objects.filter(year=campaign).values_list(
        "id", "unit_id", "unit__kind", "answers", "figures"
    )
    registries = _registry_inputs(campaign)
    for pk, unit_id, kind, answers, entered in rows.iterator(chunk_size=chunk_size):
        figures = {k: v for k, v in entered.items() if v is not None}
        if unit_id in registries:
            decided, held = registries[unit_id]
            answers = {**answers, **decided}
            figures.update(held)
        if kind == "residential_area" and with_households and unit_id in households:
            resident, registered_households = households[unit_id]
            figures["households_resident"] = resident
            if registered_households is not None:
                figures["households_registered"] = registered_households
        elif kind == "commune":
            for name, counts in commune_figures.items():
                figures[name] = counts.get(unit_id, 0)
        yield pk, kind, answers, figures
