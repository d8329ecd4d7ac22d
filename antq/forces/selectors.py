"""Reads of the force registry, scoped to the reader; and the figures other apps ask for."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from antq.core.errors import FieldErrors, NotFound, PermissionDenied
from antq.core.history import history_of
from antq.core.text import fold
from antq.units.permissions import scope_path
from antq.units.selectors import today

from . import periods, permissions
from .choices import RATING_RANK, MemberRole, Rating
from .models import ForceRating, SecurityTeam, TeamMember, TrainingClass, TrainingParticipant

PERSONAL_FIELDS = ("identity_number", "birth_date", "residence", "phone")


def _scoped(queryset: QuerySet, user, field: str = "path") -> QuerySet:
    prefix = scope_path(user)
    return queryset if prefix is None else queryset.filter(**{f"{field}__startswith": prefix})


def _under(queryset: QuerySet, unit, field: str = "path") -> QuerySet:
    if unit is None:
        return queryset
    if unit.kind == "residential_area":
        area_field = "areas" if field == "path" else "team__areas"
        return queryset.filter(**{area_field: unit})
    return queryset.filter(**{f"{field}__startswith": unit.path})


def team_list(
    *, user, under=None, q: str = "", status: str = "", area=None
) -> QuerySet[SecurityTeam]:
    """Teams the user may see, each with `member_count` (active members)."""
    teams = _under(_scoped(SecurityTeam.objects.all(), user), under)
    if area is not None:
        teams = teams.filter(areas=area)
    if q and fold(q):
        teams = teams.filter(search_text__contains=fold(q))
    if status:
        teams = teams.filter(status=status)
    return (
        teams.select_related("commune")
        .prefetch_related("areas")
        .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("sort_name", "pk")
    )


def team_get(*, user, pk: int) -> SecurityTeam:
    team = team_list(user=user).filter(pk=pk).first()
    if team is None:
        raise NotFound(_("No security team %(pk)s.") % {"pk": pk})
    return team


def team_role_counts(team: SecurityTeam) -> dict[str, int]:
    rows = (
        team.members.filter(left_on__isnull=True).values("role").annotate(n=Count("id"))
    ).order_by()
    counts = dict.fromkeys(MemberRole.values, 0)
    counts.update({row["role"]: row["n"] for row in rows})
    return counts


def _require_personal(user, path: str) -> None:
    if not permissions.can_see_personal_data(user, path):
        raise PermissionDenied(
            _(
                "Members' personal data is shown only to the commune's officers and the "
                "province's staff; the team pages give the counts."
            )
        )


def member_list(
    *,
    user,
    under=None,
    team: SecurityTeam | None = None,
    q: str = "",
    role: str = "",
    active: bool | None = True,
) -> QuerySet[TeamMember]:
    """Members with their personal data: only for those who may see it (else 403)."""
    own = getattr(user, "unit", None)
    _require_personal(user, (under or team or own).path if (under or team or own) else "")
    members = _under(_scoped(TeamMember.objects.all(), user, "team__path"), under, "team__path")
    if team is not None:
        members = members.filter(team=team)
    if q and fold(q):
        folded = fold(q)
        members = members.filter(Q(search_text__contains=folded) | Q(identity_number=q.strip()))
    if role:
        members = members.filter(role=role)
    if active is True:
        members = members.filter(left_on__isnull=True)
    elif active is False:
        members = members.filter(left_on__isnull=False)
    return members.select_related("team", "team__commune").distinct().order_by("sort_name", "pk")


def member_get(*, user, pk: int) -> TeamMember:
    member = (
        _scoped(TeamMember.objects.select_related("team", "team__commune"), user, "team__path")
        .filter(pk=pk)
        .first()
    )
    if member is None:
        raise NotFound(_("No team member %(pk)s.") % {"pk": pk})
    _require_personal(user, member.team.path)
    return member


def rating_list(
    *, user, year: int | None = None, under=None, level: str = "", members: bool = False
) -> QuerySet[ForceRating]:
    """Team ratings; members' ratings (with their names) only for those who see members."""
    ratings = _under(_scoped(ForceRating.objects.all(), user, "team__path"), under, "team__path")
    if members:
        own = under or getattr(user, "unit", None)
        _require_personal(user, own.path if own else "")
    ratings = ratings.filter(member__isnull=not members)
    if year:
        ratings = ratings.filter(year=year)
    if level:
        ratings = ratings.filter(level=level)
    return ratings.select_related("team", "team__commune", "member").order_by(
        "-year", "team__sort_name", "member__sort_name", "pk"
    )


def training_list(*, user, under=None) -> QuerySet[TrainingClass]:
    classes = _scoped(TrainingClass.objects.all(), user)
    if under is not None:
        classes = classes.filter(path__startswith=under.path)
    return classes.annotate(
        participant_count=Count("participants"),
        passed_count=Count("participants", filter=Q(participants__passed=True)),
    )


def training_get(*, user, pk: int) -> TrainingClass:
    training = training_list(user=user).filter(pk=pk).select_related("unit").first()
    if training is None:
        raise NotFound(_("No training class %(pk)s.") % {"pk": pk})
    return training


def training_participants(*, training: TrainingClass) -> QuerySet[TrainingParticipant]:
    return training.participants.select_related("member", "member__team").order_by(
        "member__sort_name", "pk"
    )


def member_by_identity(*, user, identity_number: str) -> TeamMember:
    """The active member with this identity number, among those the user may see."""
    member = (
        _scoped(TeamMember.objects.select_related("team"), user, "team__path")
        .filter(identity_number=identity_number.strip(), left_on__isnull=True)
        .first()
    )
    if member is None:
        raise FieldErrors(
            {"identity_number": _("No active member with this identity number in your area.")}
        )
    _require_personal(user, member.team.path)
    return member


def team_history(*, team: SecurityTeam) -> list[dict]:
    return history_of(team, excluded_fields=("search_text", "sort_name", "path"))


def member_history(*, member: TeamMember) -> list[dict]:
    return history_of(member, excluded_fields=("search_text", "sort_name"))


# --- figures ---------------------------------------------------------------------------------


def _teams_on(day: date) -> QuerySet[SecurityTeam]:
    return SecurityTeam.objects.filter(decision_date__lte=day).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day)
    )


def _members_on(day: date) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(joined_on__lte=day).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=day)
    )


def statistics(*, unit, year: int) -> dict:
    """Teams, members, trained members and ratings by level in the unit's subtree.

    Teams and members are counted as they stood at the end of the rating year (or today,
    if sooner); trained members are those who passed a class in the rating year.
    """
    start, end = periods.rating_period(year)
    day = min(end, today())
    teams = _under(_teams_on(day), unit)
    members = _under(_members_on(day), unit, "team__path")
    trained = (
        _under(TrainingParticipant.objects.all(), unit, "member__team__path")
        .filter(passed=True, training__ends_on__range=(start, end))
        .values("member")
        .distinct()
        .count()
    )
    ratings = _under(ForceRating.objects.filter(year=year), unit, "team__path")
    by_level = {}
    for kind, is_team in (("teams", True), ("members", False)):
        counts = dict.fromkeys(Rating.values, 0)
        rows = ratings.filter(member__isnull=is_team).values("level").annotate(n=Count("id"))
        counts.update({row["level"]: row["n"] for row in rows.order_by()})
        by_level[kind] = counts
    return {
        "year": year,
        "teams": teams.distinct().count(),
        "members": members.distinct().count(),
        "trained": trained,
        "ratings": by_level,
    }


def statistics_breakdown(*, unit, year: int) -> list[dict]:
    """Teams and members per commune below `unit` (per area for a commune), for drill-down."""
    from antq.units.models import Unit

    _start, end = periods.rating_period(year)
    day = min(end, today())
    if unit.kind == "commune":
        children = Unit.objects.filter(parent=unit, kind="residential_area")
        team_key, member_key = "areas", "team__areas"
    elif unit.kind == "residential_area":
        return []
    else:
        children = Unit.objects.filter(path__startswith=unit.path, kind="commune")
        team_key, member_key = "commune", "team__commune"
    teams = dict(
        _under(_teams_on(day), unit)
        .values(team_key)
        .annotate(n=Count("id", distinct=True))
        .values_list(team_key, "n")
        .order_by()
    )
    members = dict(
        _under(_members_on(day), unit, "team__path")
        .values(member_key)
        .annotate(n=Count("id", distinct=True))
        .values_list(member_key, "n")
        .order_by()
    )
    return [
        {"unit": child, "teams": teams.get(child.pk, 0), "members": members.get(child.pk, 0)}
        for child in children.order_by("sort_name")
    ]


def report_figures(*, unit, start: date, end: date) -> dict[str, int]:
    """The report indicators for the unit's subtree: teams and members as they stood at `end`.

    `start` is accepted for the reports' calling convention; a count of people is a stock,
    read on the last day of the period.
    """
    return {
        "security_teams": _under(_teams_on(end), unit).distinct().count(),
        "security_team_members": _under(_members_on(end), unit, "team__path").distinct().count(),
    }


@dataclass(frozen=True)
class ForceStanding:
    """Criterion 4.5 for a residential area, read from the registry."""

    met: bool | None
    final: bool
    reason: str
    source: str


def area_force_standing(*, area, year: int) -> ForceStanding:
    """Whether the teams covering `area` were rated "completed" or better for `year`, with
    no member disciplined in the rating year. Not final before 14/11 of that year."""
    start, end = periods.rating_period(year)
    final = today() >= end
    source = _("Grassroots security force registry: ratings of %(year)s (guidance 01)") % {
        "year": year
    }
    teams = list(
        _teams_on(end)
        .filter(areas=area)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start))
        .order_by("sort_name", "pk")
    )
    if not teams:
        return ForceStanding(
            None,
            final,
            _("No security team covering %(area)s is registered.") % {"area": area.name},
            source,
        )
    ratings = {
        r.team_id: r
        for r in ForceRating.objects.filter(year=year, member__isnull=True, team__in=teams)
    }
    unrated = [t.name for t in teams if t.pk not in ratings]
    if unrated:
        reason = _("Not rated yet for %(year)s: %(teams)s.") % {
            "year": year,
            "teams": ", ".join(unrated),
        }
        return ForceStanding(None, final, reason, source)
    parts, met = [], True
    for team in teams:
        rating = ratings[team.pk]
        parts.append(
            _("%(team)s rated “%(level)s”")
            % {"team": team.name, "level": rating.get_level_display()}
        )
        met = met and RATING_RANK[rating.level] >= RATING_RANK[Rating.COMPLETED]
    disciplined = TeamMember.objects.filter(
        team__in=teams, disciplined_on__range=(start, end)
    ).count()
    if disciplined:
        met = False
        parts.append(
            _("%(n)s member(s) disciplined between %(start)s and %(end)s")
            % {
                "n": disciplined,
                "start": start.strftime("%d/%m/%Y"),
                "end": end.strftime("%d/%m/%Y"),
            }
        )
    else:
        parts.append(_("no member disciplined"))
    reason = "; ".join(parts) + "."
    if not final:
        reason += " " + _("Ratings are final on %(end)s; until then the answer given is used.") % {
            "end": end.strftime("%d/%m/%Y")
        }
    return ForceStanding(met, final, reason, source)


def covered_area_ids(*, path_prefix: str) -> set[int]:
    """Return the ids of the residential areas some team under ``path_prefix`` covers."""
    return set(
        SecurityTeam.areas.through.objects.filter(
            securityteam__path__startswith=path_prefix
        ).values_list("unit_id", flat=True)
    )
