"""Reads of the models registry, scoped to the reader; and the figures other apps ask for.

Guidance 22/HD-BCA-V05's counting rule: a model is counted once, by its name; its sites
(điểm) are the units it is replicated in; its teams (tổ) are those running it at the sites.
"""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.core.history import history_of
from antq.core.text import fold
from antq.units.permissions import scope_path
from antq.units.selectors import today

from .choices import ModelField, ModelStatus, RecognisingLevel
from .models import (
    ExemplaryExample,
    ModelJudgement,
    ModelSite,
    ModelTeam,
    SelfManagementModel,
)


def _touching(queryset: QuerySet, prefix: str) -> QuerySet:
    """Models owned under `prefix` or with a site under it."""
    sited = ModelSite.objects.filter(model=OuterRef("pk"), path__startswith=prefix)
    return queryset.filter(Q(path__startswith=prefix) | Exists(sited))


def _scoped_models(user) -> QuerySet[SelfManagementModel]:
    prefix = scope_path(user)
    models = SelfManagementModel.objects.all()
    return models if prefix is None else _touching(models, prefix)


def model_list(
    *,
    user,
    under=None,
    q: str = "",
    field: str = "",
    serves: str = "",
    level: str = "",
    status: str = "",
) -> QuerySet[SelfManagementModel]:
    """Models the user may see (owned in scope or replicated into it), with site and team counts."""
    models = _scoped_models(user)
    if under is not None:
        models = _touching(models, under.path)
    if q and fold(q):
        models = models.filter(search_text__contains=fold(q))
    if field:
        models = models.filter(field=field)
    if serves and serves in SelfManagementModel.SERVES_FIELDS:
        models = models.filter(**{SelfManagementModel.SERVES_FIELDS[serves]: True})
    if level:
        models = models.filter(level=level)
    if status:
        models = models.filter(status=status)
    return (
        models.select_related("owner")
        .annotate(
            site_count=Count("sites", distinct=True),
            team_count=Count("sites__teams", distinct=True),
        )
        .order_by("sort_name", "pk")
    )


def model_get(*, user, pk: int) -> SelfManagementModel:
    model = _scoped_models(user).select_related("owner").filter(pk=pk).first()
    if model is None:
        raise NotFound(_("No self-management model %(pk)s.") % {"pk": pk})
    return model


def model_sites(*, model: SelfManagementModel) -> QuerySet[ModelSite]:
    return (
        model.sites.select_related("unit")
        .prefetch_related("teams")
        .annotate(members=Sum("teams__member_count"))
        .order_by("unit__sort_name", "pk")
    )


def site_get(*, user, pk: int) -> ModelSite:
    site = ModelSite.objects.select_related("model", "unit").filter(pk=pk).first()
    if site is None or not _scoped_models(user).filter(pk=site.model_id).exists():
        raise NotFound(_("No site %(pk)s.") % {"pk": pk})
    return site


def model_judgements(*, model: SelfManagementModel) -> QuerySet[ModelJudgement]:
    return (
        model.judgements.select_related("site", "site__unit")
        .prefetch_related("evidence")
        .order_by("-year", "site__path", "pk")
    )


def model_history(*, model: SelfManagementModel) -> list[dict]:
    return history_of(model, excluded_fields=("search_text", "sort_name", "path"))


def model_related_history(*, model: SelfManagementModel) -> list[dict]:
    """Changes to the model's sites, teams and judgements, newest first, with who and why."""
    site_ids = list(model.sites.values_list("pk", flat=True))
    rows = []
    for label, records in (
        (_("Site"), ModelSite.history.filter(model_id=model.pk).select_related("unit")),
        (_("Team"), ModelTeam.history.filter(site_id__in=site_ids)),
        (_("Judgement"), ModelJudgement.history.filter(model_id=model.pk)),
    ):
        for record in records.select_related("history_user"):
            rows.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "kind": label,
                    "what": str(record.instance),
                    "type": record.get_history_type_display(),
                    "reason": record.history_change_reason or "",
                }
            )
    return sorted(rows, key=lambda row: row["when"], reverse=True)


def example_list(
    *, user, under=None, q: str = "", kind: str = "", field: str = "", year: int | None = None
) -> QuerySet[ExemplaryExample]:
    prefix = scope_path(user)
    examples = ExemplaryExample.objects.all()
    if prefix is not None:
        examples = examples.filter(path__startswith=prefix)
    if under is not None:
        examples = examples.filter(path__startswith=under.path)
    if q and fold(q):
        examples = examples.filter(search_text__contains=fold(q))
    if kind:
        examples = examples.filter(kind=kind)
    if field:
        examples = examples.filter(field=field)
    if year:
        examples = examples.filter(decision_date__year=year)
    return examples.select_related("unit", "model").order_by("sort_name", "pk")


def example_get(*, user, pk: int) -> ExemplaryExample:
    example = example_list(user=user).filter(pk=pk).first()
    if example is None:
        raise NotFound(_("No exemplary example %(pk)s.") % {"pk": pk})
    return example


def example_history(*, example: ExemplaryExample) -> list[dict]:
    return history_of(example, excluded_fields=("search_text", "sort_name", "path"))


# --- figures ---------------------------------------------------------------------------------


def _models_active_on(day: date) -> QuerySet[SelfManagementModel]:
    """Founded by `day` and not paused or dissolved on or before it."""
    stopped = ~Q(status=ModelStatus.ACTIVE) & Q(status_on__lte=day)
    return SelfManagementModel.objects.filter(decision_date__lte=day).exclude(stopped)


def _sites_on(day: date, prefix: str) -> QuerySet[ModelSite]:
    return ModelSite.objects.filter(
        path__startswith=prefix,
        started_on__lte=day,
        model__in=_models_active_on(day).values("pk"),
    )


def _count_day(year: int) -> date:
    return min(date(year, 12, 31), today())


def _active_models_in(day: date, prefix: str, sites: QuerySet) -> QuerySet[SelfManagementModel]:
    """Active models owned under `prefix` or with one of `sites` (started by `day`)."""
    return _models_active_on(day).filter(
        Q(path__startswith=prefix) | Q(pk__in=sites.values("model"))
    )


def statistics(*, unit, year: int) -> dict:
    """Guidance 22's figures for the unit's subtree as they stood at the end of `year`.

    A model is counted once if it is owned in the subtree or has a site there; sites and
    teams are those in the subtree; examples are those recognised in the year.
    """
    day = _count_day(year)
    sites = _sites_on(day, unit.path)
    models = _active_models_in(day, unit.path, sites)
    teams = ModelTeam.objects.filter(site__in=sites.values("pk"))
    examples = ExemplaryExample.objects.filter(path__startswith=unit.path, decision_date__year=year)

    def by(queryset, key, choices):
        counts = dict.fromkeys(choices.values, 0)
        rows = queryset.values(key).annotate(n=Count("pk", distinct=True)).order_by()
        counts.update({row[key]: row["n"] for row in rows})
        return counts

    return {
        "year": year,
        "day": day,
        "models": models.count(),
        "sites": sites.count(),
        "teams": teams.count(),
        "team_members": teams.aggregate(n=Sum("member_count"))["n"] or 0,
        "examples": examples.count(),
        "models_by_level": by(models, "level", RecognisingLevel),
        "models_by_field": by(models, "field", ModelField),
        "examples_by_level": by(examples, "level", RecognisingLevel),
        "examples_by_field": by(examples, "field", ModelField),
    }


def statistics_breakdown(*, unit, year: int) -> list[dict]:
    """The same figures for each unit directly below `unit` (drill-down), in five queries."""
    from antq.units.models import Unit

    day = _count_day(year)
    start = len(unit.path)

    def child_of(path: str) -> str:
        return path[start:].split("/", 1)[0]

    sites = _sites_on(day, unit.path)
    counts: dict[str, dict] = {}

    def row(code: str) -> dict:
        return counts.setdefault(code, {"models": set(), "sites": 0, "teams": 0, "examples": 0})

    for model_id, path in sites.values_list("model_id", "path"):
        if child_of(path):
            row(child_of(path))["models"].add(model_id)
            row(child_of(path))["sites"] += 1
    owned = _models_active_on(day).filter(path__startswith=unit.path)
    for model_id, path in owned.values_list("pk", "path"):
        if child_of(path):
            row(child_of(path))["models"].add(model_id)
    teams = ModelTeam.objects.filter(site__in=sites.values("pk")).values_list("site__path")
    for (path,) in teams:
        if child_of(path):
            row(child_of(path))["teams"] += 1
    examples = ExemplaryExample.objects.filter(
        path__startswith=unit.path, decision_date__year=year
    ).values_list("path", flat=True)
    for path in examples:
        if child_of(path):
            row(child_of(path))["examples"] += 1
    children = Unit.objects.filter(parent=unit, code__in=list(counts)).order_by("sort_name")
    return [
        {"unit": child, **counts[child.code], "models": len(counts[child.code]["models"])}
        for child in children
    ]


def effective_models_count(*, unit, year: int) -> int:
    """Models owned by `unit` or with a site in it (the unit itself, not its subtree), judged
    effective for `year` — on the model as a whole or on that unit's site (5.1, 6.1, 7.1)."""
    at_unit = ModelSite.objects.filter(unit=unit)
    judged = ModelJudgement.objects.filter(year=year, effective=True).filter(
        Q(site__isnull=True) | Q(site__unit=unit)
    )
    return (
        SelfManagementModel.objects.filter(Q(owner=unit) | Q(pk__in=at_unit.values("model")))
        .filter(pk__in=judged.values("model"))
        .count()
    )


def effective_models_reason(*, unit, year: int) -> tuple[int, str]:
    """The count with a sentence naming the registry, for the criteria's source."""
    count = effective_models_count(unit=unit, year=year)
    if count:
        reason = _(
            "Self-management models registry: %(n)s model(s) owned by or replicated in "
            "%(unit)s judged effective for %(year)s."
        )
    else:
        reason = _(
            "Self-management models registry: no model owned by or replicated in %(unit)s "
            "is judged effective for %(year)s."
        )
    return count, reason % {"n": count, "unit": unit.name, "year": year}


def report_figures(*, unit, start: date, end: date) -> dict[str, int]:
    """The report indicators for the unit's subtree, counted by guidance 22 on `end`.

    `start` is accepted for the reports' calling convention; models and teams are a stock.
    """
    sites = _sites_on(end, unit.path)
    return {
        "models_active": _active_models_in(end, unit.path, sites).count(),
        "self_management_teams": ModelTeam.objects.filter(site__in=sites.values("pk")).count(),
    }


def unit_has_models(*, unit) -> bool:
    """Whether the registry holds any model owned by or replicated in the unit itself."""
    return SelfManagementModel.objects.filter(
        Q(owner=unit) | Q(pk__in=ModelSite.objects.filter(unit=unit).values("model"))
    ).exists()


def unit_ids_with_models(*, path_prefix: str) -> set[int]:
    """Return the ids of the units under ``path_prefix`` owning or hosting some model."""
    owners = SelfManagementModel.objects.filter(owner__path__startswith=path_prefix)
    hosts = ModelSite.objects.filter(unit__path__startswith=path_prefix)
    return set(owners.values_list("owner_id", flat=True)) | set(
        hosts.values_list("unit_id", flat=True)
    )
