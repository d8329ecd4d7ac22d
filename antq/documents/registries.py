"""The review's registries sections: models, the force, directives, campaigns, funding, awards,
tips. Each row names the read-only selector (or this module's query) its number came from.

Only functions the registries expose are called; what they do not expose (directives counted,
tips handled) is counted here with a read-only query, named in the row's source.
"""

from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.awards import selectors as awards
from antq.campaigns import selectors as campaigns
from antq.core.errors import NotFound
from antq.directives import selectors as directives
from antq.directives.models import Deployment
from antq.forces import selectors as forces
from antq.funding import selectors as funding
from antq.models import selectors as models
from antq.models.choices import ModelField, RecognisingLevel
from antq.tips import selectors as tips
from antq.tips.choices import TipStatus
from antq.tips.models import Tip

from .figures import ReviewScope, Row, Section


def _source(call: str, scope: ReviewScope, when) -> str:
    # A zero-width space after each dot lets a narrow annex cell wrap the dotted name.
    return _("%(call)s for %(unit)s, %(when)s") % {
        "call": call.replace(".", ".\u200b"),
        "unit": scope.unit.name,
        "when": when,
    }


def _row(ref, label, now, then, source) -> Row:
    return Row(ref, label, now, source, then, then is not None)


def models_section(scope: ReviewScope) -> Section | None:
    now = models.statistics(unit=scope.unit, year=scope.year)
    then = models.statistics(unit=scope.unit, year=scope.year - 1)
    source = _source("antq.models.selectors.statistics", scope, scope.year)
    rows = [
        _row("E1", _("Self-management models in force"), now["models"], then["models"], source),
        _row("E2", _("Sites where the models are replicated"), now["sites"], then["sites"], source),
        _row("E3", _("Teams of the models"), now["teams"], then["teams"], source),
        _row(
            "E4",
            _("Members of the models' teams"),
            now["team_members"],
            then["team_members"],
            source,
        ),
    ]
    n = 5
    for key, choices, label in (
        ("models_by_level", RecognisingLevel, _("Models recognised at level: %(x)s")),
        ("models_by_field", ModelField, _("Models in the field: %(x)s")),
    ):
        for value, name in choices.choices:
            rows.append(
                _row(f"E{n}", label % {"x": name}, now[key][value], then[key][value], source)
            )
            n += 1
    return Section("models", _("Self-management models by level and field"), rows)


def forces_section(scope: ReviewScope) -> Section | None:
    now = forces.statistics(unit=scope.unit, year=scope.year)
    then = forces.statistics(unit=scope.unit, year=scope.year - 1)
    source = _source("antq.forces.selectors.statistics", scope, scope.year)
    return Section(
        "forces",
        _("Security and order protection teams and their members"),
        [
            _row("F1", _("Teams"), now["teams"], then["teams"], source),
            _row("F2", _("Members"), now["members"], then["members"], source),
            _row("F3", _("Members trained in the year"), now["trained"], then["trained"], source),
        ],
    )


def directives_counted(unit, year: int) -> int:
    """Directives issued in `year` and deployed to `unit`'s subtree (this module's query)."""
    rows = Deployment.objects.filter(
        directive__issued_on__year=year, unit__path__startswith=unit.path
    )
    return rows.values("directive").distinct().count()


def directives_section(scope: ReviewScope) -> Section | None:
    done, expected = directives.deployment_rate(unit=scope.unit, year=scope.year)
    rate = _source("antq.directives.selectors.deployment_rate", scope, scope.year)
    counted = _source("antq.documents.registries.directives_counted", scope, scope.year)
    return Section(
        "directives",
        _("Directives deployed"),
        [
            Row(
                "G1",
                _("Directives issued and deployed"),
                directives_counted(scope.unit, scope.year),
                counted,
            ),
            Row("G2", _("Deployments to units"), expected, rate),
            Row("G3", _("Deployments acknowledged by the units"), done, rate),
        ],
    )


def _window(period) -> tuple[date, date]:
    return period.start, period.end


def campaigns_section(scope: ReviewScope) -> Section | None:
    start, end = _window(scope.period)
    now = campaigns.totals(unit=scope.unit, start=start, end=end)
    then = campaigns.totals(
        unit=scope.unit,
        start=start.replace(year=start.year - 1),
        end=end.replace(year=end.year - 1),
    )
    source = _source("antq.campaigns.selectors.totals", scope, f"{start:%d/%m/%Y}–{end:%d/%m/%Y}")
    labels = [
        ("activities", _("Campaign activities held")),
        ("propaganda_sessions", _("Propaganda sessions")),
        ("attendees", _("Attendances")),
        ("gifts", _("Gifts given")),
        ("awards", _("Rewards given at the activities")),
        ("models_launched", _("Models launched")),
    ]
    rows = [
        _row(f"H{n}", label, now[key], then[key], source)
        for n, (key, label) in enumerate(labels, 1)
    ]
    return Section("campaigns", _("Campaigns held"), rows)


def funding_section(scope: ReviewScope) -> Section | None:
    try:
        now = funding.statement(actor=scope.user, unit=scope.unit, year=scope.year)
    except NotFound:
        return None
    source = _source("antq.funding.selectors.statement", scope, scope.year)
    return Section(
        "funding",
        _("Funding (VND)"),
        [
            Row("I1", _("Estimate"), now["estimate"], source),
            Row("I2", _("Allocated"), now["allocated"], source),
            Row("I3", _("Spent"), now["spent"], source),
            Row("I4", _("Balance"), now["balance"], source),
        ],
    )


def awards_section(scope: ReviewScope) -> Section | None:
    now = awards.statistics(user=scope.user, under=scope.unit, year=scope.year)["totals"]
    then = awards.statistics(user=scope.user, under=scope.unit, year=scope.year - 1)["totals"]
    source = _source("antq.awards.selectors.statistics", scope, scope.year)
    return Section(
        "awards",
        _("Collectives and individuals rewarded"),
        [
            _row("K1", _("Collectives rewarded"), now["collectives"], then["collectives"], source),
            _row("K2", _("Individuals rewarded"), now["individuals"], then["individuals"], source),
            _row("K3", _("Rewards in all"), now["total"], then["total"], source),
        ],
    )


def tips_handled(unit, start: date, end: date) -> int:
    """Tips received in the window whose result is known or that are closed (this module)."""
    tz = timezone.get_current_timezone()
    lo = timezone.make_aware(datetime.combine(start, time.min), tz)
    hi = timezone.make_aware(datetime.combine(end, time.max), tz)
    return (
        Tip.objects.filter(
            Q(routed_to__path__startswith=unit.path) | Q(place__path__startswith=unit.path),
            received_at__gte=lo,
            received_at__lte=hi,
            status__in=(TipStatus.RESULT, TipStatus.CLOSED),
        )
        .distinct()
        .count()
    )


def tips_section(scope: ReviewScope) -> Section | None:
    start, end = _window(scope.period)
    before = start.replace(year=start.year - 1), end.replace(year=end.year - 1)
    now = tips.report_figures(unit=scope.unit, start=start, end=end)
    then = tips.report_figures(unit=scope.unit, start=before[0], end=before[1])
    when = f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"
    source = _source("antq.tips.selectors.report_figures", scope, when)
    handled = _source("antq.documents.registries.tips_handled", scope, when)
    return Section(
        "tips",
        _("Tips received and handled"),
        [
            _row("L1", _("Tips received"), now["tips_received"], then["tips_received"], source),
            _row("L2", _("Valuable tips"), now["tips_valuable"], then["tips_valuable"], source),
            _row(
                "L3",
                _("Cases solved from tips"),
                now["cases_solved_from_tips"],
                then["cases_solved_from_tips"],
                source,
            ),
            _row(
                "L4",
                _("Tips handled (result known or closed)"),
                tips_handled(scope.unit, start, end),
                tips_handled(scope.unit, *before),
                handled,
            ),
        ],
    )


PROVIDERS = [
    models_section,
    forces_section,
    directives_section,
    campaigns_section,
    funding_section,
    awards_section,
    tips_section,
]
