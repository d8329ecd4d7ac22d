"""Changes to the force registry. Each checks, writes and records its history atomically."""

import re
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, FieldErrors, NotFound, PermissionDenied
from antq.core.history import save_with_history as _save
from antq.units.permissions import in_scope
from antq.units.selectors import today

from . import eligibility, periods, permissions
from .choices import (
    RATING_RANK,
    Education,
    LeaveGround,
    MemberRole,
    QuotaBase,
    Rating,
    Sex,
    TeamStatus,
)
from .models import (
    ForceRating,
    ForceSettings,
    SecurityTeam,
    TeamMember,
    TrainingClass,
    TrainingParticipant,
)

IDENTITY_NUMBER = re.compile(r"^\d{12}$")


class MemberRefused(FieldErrors):
    """A person fails one or more rules of Art. 13; `refusals` lists them."""

    def __init__(self, refusals: list[eligibility.Refusal]):
        self.refusals = refusals
        super().__init__({r.field: f"{r.rule}: {r.message}" for r in refusals})


def _require_edit(actor, path: str) -> None:
    if not in_scope(actor, path):
        raise NotFound(_("Not found."))
    if not permissions.can_edit_force(actor, path):
        raise PermissionDenied(
            _("Only the commune's officers and the province's staff change the force registry.")
        )


def province_of(unit):
    from antq.units.models import Unit

    code = unit.path.split("/")[0]
    return Unit.objects.get(code=code)


def settings_for(province) -> ForceSettings:
    """The province's settings, or the provisional defaults when none were entered."""
    found = ForceSettings.objects.filter(province=province).first()
    return found or ForceSettings(province=province)


@transaction.atomic
def settings_update(*, actor, province, reason: str = "", **values) -> ForceSettings:
    """Record the province's numbers (Art. 14) and the rating quota's base."""
    if not permissions.can_configure(actor, province):
        raise PermissionDenied(_("Only the province's staff change the force settings."))
    record = settings_for(province)
    for field, value in values.items():
        setattr(record, field, value)
    if record.quota_base not in QuotaBase.values:
        raise FieldErrors({"quota_base": _("Choose HTT or HTT trở lên.")})
    _save(record, actor=actor, reason=reason or _("Settings changed"))
    return record


# --- teams -----------------------------------------------------------------------------------


def _check_team_numbers(settings: ForceSettings, areas, *, exclude=None) -> None:
    for area in areas:
        teams = SecurityTeam.objects.filter(areas=area, status=TeamStatus.ACTIVE)
        if exclude is not None:
            teams = teams.exclude(pk=exclude.pk)
        count = teams.count()
        if count + 1 > settings.teams_per_area:
            raise FieldErrors(
                {
                    "areas": _(
                        "%(area)s already has %(count)s team(s); the province allows "
                        "%(limit)s per residential area (Art. 14)."
                    )
                    % {"area": area.name, "count": count, "limit": settings.teams_per_area}
                }
            )


@transaction.atomic
def team_create(
    *,
    actor,
    commune,
    name: str,
    areas: list,
    decision_number: str,
    decision_date: date,
    decision_signer: str = "",
    primary_education_area: bool = False,
    reason: str = "",
) -> SecurityTeam:
    """Record a team the commune chairman set up, covering one or several of its areas."""
    _require_edit(actor, commune.path)
    errors = {}
    if commune.kind != "commune":
        errors["commune"] = _("A team belongs to a commune.")
    if not name.strip():
        errors["name"] = _("Give the team's name.")
    if not decision_number.strip():
        errors["decision_number"] = _("Give the number of the commune chairman's decision.")
    if not areas:
        errors["areas"] = _("Choose at least one residential area the team covers.")
    strays = [a.name for a in areas if a.parent_id != commune.pk or a.kind != "residential_area"]
    if strays:
        errors["areas"] = _("Not a residential area of %(commune)s: %(areas)s.") % {
            "commune": commune.name,
            "areas": ", ".join(strays),
        }
    if decision_date and decision_date > today():
        errors["decision_date"] = _("The decision date is in the future.")
    if errors:
        raise FieldErrors(errors)
    _check_team_numbers(settings_for(province_of(commune)), areas)
    team = SecurityTeam(
        name=name.strip(),
        commune=commune,
        path=commune.path,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        decision_signer=decision_signer.strip(),
        primary_education_area=primary_education_area,
    )
    _save(team, actor=actor, reason=reason or _("Team set up"))
    team.areas.set(areas)
    return team


@transaction.atomic
def team_dissolve(*, actor, team: SecurityTeam, on: date, reason: str) -> SecurityTeam:
    _require_edit(actor, team.path)
    if team.members.filter(left_on__isnull=True).exists():
        raise DomainError(_("The team still has members; record their leaving first."))
    team.status, team.dissolved_on = TeamStatus.DISSOLVED, on
    _save(team, actor=actor, reason=reason)
    return team


@transaction.atomic
def team_mark_complaint(*, actor, team: SecurityTeam, under: bool, reason: str) -> SecurityTeam:
    _require_edit(actor, team.path)
    team.under_complaint = under
    _save(team, actor=actor, reason=reason)
    return team


# --- members ---------------------------------------------------------------------------------


def _member_field_errors(values: dict) -> dict[str, str]:
    errors = {}
    for field, message in (
        ("full_name", _("Give the full name.")),
        ("residence", _("Give the place of residence.")),
    ):
        if not str(values.get(field) or "").strip():
            errors[field] = message
    if not IDENTITY_NUMBER.match(str(values.get("identity_number") or "")):
        errors["identity_number"] = _("The citizen identity number has 12 digits.")
    if values.get("sex") not in Sex.values:
        errors["sex"] = _("Choose the sex: male or female.")
    if values.get("education") not in Education.values:
        errors["education"] = _("Choose the education level.")
    if values.get("role") not in MemberRole.values:
        errors["role"] = _("Choose the role: leader, deputy or member.")
    joined = values.get("joined_on")
    if joined and joined > today():
        errors["joined_on"] = _("The joining date is in the future.")
    return errors


def _check_member_numbers(team: SecurityTeam, role: str) -> None:
    active = team.members.filter(left_on__isnull=True)
    if role == MemberRole.LEADER and active.filter(role=MemberRole.LEADER).exists():
        raise FieldErrors({"role": _("The team already has a leader.")})
    limit = settings_for(province_of(team.commune)).members_per_area
    if limit is None:
        return
    allowed = limit * team.areas.count()
    count = active.count()
    if count + 1 > allowed:
        raise FieldErrors(
            {
                "team": _(
                    "%(team)s already has %(count)s members; the province allows %(limit)s per "
                    "residential area, %(allowed)s for this team (Art. 14)."
                )
                % {"team": team.name, "count": count, "limit": limit, "allowed": allowed}
            }
        )


def _duplicate_refusal(identity_number: str, province, exclude=None):
    holder = (
        TeamMember.objects.filter(
            province=province, identity_number=identity_number, left_on__isnull=True
        )
        .select_related("team", "team__commune")
        .first()
    )
    if holder is None:
        return None
    return FieldErrors(
        {
            "identity_number": _(
                "This citizen identity number is already registered to an active member of "
                "%(team)s (%(commune)s); a person serves in one team at a time."
            )
            % {"team": holder.team.name, "commune": holder.team.commune.name}
        }
    )


@transaction.atomic
def member_register(
    *,
    actor,
    team: SecurityTeam,
    role: str,
    full_name: str,
    birth_date: date,
    sex: str,
    identity_number: str,
    residence: str,
    resident_since: date,
    education: str,
    joined_on: date,
    record_document: str = "",
    health_document: str = "",
    over_age_decision: str = "",
    phone: str = "",
    appointment_decision: str = "",
    reason: str = "",
) -> TeamMember:
    """Register a person in a team: the Art. 13 rules first; a refusal saves nothing."""
    _require_edit(actor, team.path)
    if team.status != TeamStatus.ACTIVE:
        raise DomainError(_("The team is dissolved."))
    identity_number = (identity_number or "").strip()
    errors = _member_field_errors(
        {
            "full_name": full_name,
            "residence": residence,
            "identity_number": identity_number,
            "role": role,
            "sex": sex,
            "education": education,
            "joined_on": joined_on,
        }
    )
    if errors:
        raise FieldErrors(errors)
    applicant = eligibility.Applicant(
        birth_date=birth_date,
        education=education,
        resident_since=resident_since,
        record_document=record_document,
        health_document=health_document,
        over_age_decision=over_age_decision,
        primary_education_area=team.primary_education_area,
    )
    refusals = eligibility.refusals(applicant, joined_on)
    if refusals:
        raise MemberRefused(refusals)
    province = province_of(team.commune)
    if duplicate := _duplicate_refusal(identity_number, province):
        raise duplicate
    _check_member_numbers(team, role)
    member = TeamMember(
        team=team,
        province=province,
        role=role,
        full_name=full_name.strip(),
        birth_date=birth_date,
        sex=sex,
        identity_number=identity_number,
        residence=residence.strip(),
        resident_since=resident_since,
        education=education,
        phone=phone.strip(),
        over_age_decision=over_age_decision.strip(),
        record_document=record_document.strip(),
        health_document=health_document.strip(),
        joined_on=joined_on,
        appointment_decision=appointment_decision.strip(),
    )
    try:
        with transaction.atomic():
            _save(member, actor=actor, reason=reason or _("Member registered"))
    except IntegrityError:
        # Two registrations of one person raced; the unique index kept one.
        raise _duplicate_refusal(identity_number, province) from None
    return member


@transaction.atomic
def member_leave_propose(
    *,
    actor,
    member: TeamMember,
    ground: str,
    started_on: date,
    proposal_number: str = "",
    proposal_date: date | None = None,
    reason: str = "",
) -> TeamMember:
    """Start a member's leaving (Art. 17(3)); the Form 07 proposal may follow later."""
    _require_edit(actor, member.team.path)
    if member.left_on is not None:
        raise DomainError(_("The member has already left."))
    if ground not in LeaveGround.values:
        raise FieldErrors({"leave_ground": _("Choose a ground of Art. 17(3), a to d.")})
    if proposal_date and proposal_date < started_on:
        raise FieldErrors({"leave_proposal_date": _("The proposal comes before the start.")})
    member.leave_ground, member.leave_started_on = ground, started_on
    member.leave_proposal_number = proposal_number.strip()
    member.leave_proposal_date = proposal_date
    _save(member, actor=actor, reason=reason or _("Leaving proposed"))
    return member


@transaction.atomic
def member_leave_decide(
    *, actor, member: TeamMember, decision_number: str, decided_on: date, reason: str = ""
) -> TeamMember:
    """Record the commune chairman's Form 08 decision: the member leaves that day."""
    _require_edit(actor, member.team.path)
    if not member.leave_ground:
        raise DomainError(_("Record the ground and the Form 07 proposal first."))
    if not member.leave_proposal_number:
        raise FieldErrors({"leave_proposal_number": _("Record the Form 07 proposal first.")})
    if not decision_number.strip():
        raise FieldErrors({"leave_decision_number": _("Give the Form 08 decision number.")})
    if member.leave_proposal_date and decided_on < member.leave_proposal_date:
        raise FieldErrors({"left_on": _("The decision comes before the proposal.")})
    member.leave_decision_number, member.left_on = decision_number.strip(), decided_on
    _save(member, actor=actor, reason=reason or _("Left the force"))
    return member


def leave_deadlines(member: TeamMember) -> dict[str, date | None]:
    """When the Form 07 proposal and the Form 08 decision are due (five working days each)."""
    days = periods.LEAVE_STEP_WORKING_DAYS
    proposal_due = (
        periods.add_working_days(member.leave_started_on, days) if member.leave_started_on else None
    )
    decision_due = (
        periods.add_working_days(member.leave_proposal_date, days)
        if member.leave_proposal_date
        else None
    )
    return {"proposal_due": proposal_due, "decision_due": decision_due}


@transaction.atomic
def member_discipline(*, actor, member: TeamMember, on: date, note: str) -> TeamMember:
    _require_edit(actor, member.team.path)
    if not note.strip():
        raise FieldErrors({"discipline_note": _("Say what the discipline was.")})
    member.disciplined_on, member.discipline_note = on, note.strip()
    _save(member, actor=actor, reason=note)
    return member


@transaction.atomic
def member_mark_complaint(*, actor, member: TeamMember, under: bool, reason: str) -> TeamMember:
    _require_edit(actor, member.team.path)
    member.under_complaint = under
    _save(member, actor=actor, reason=reason)
    return member


# --- ratings ---------------------------------------------------------------------------------


def _check_rateable(team: SecurityTeam, member: TeamMember | None, year: int) -> None:
    start, end = periods.rating_period(year)
    if team.under_complaint or (member is not None and member.under_complaint):
        raise DomainError(
            _("Not rated: under a complaint or denunciation (guidance 01).")
            if member is None
            else _("%(name)s is not rated: under a complaint or denunciation (guidance 01).")
            % {"name": member.full_name}
        )
    if member is None:
        if not periods.served_nine_months(team.decision_date, end):
            raise DomainError(
                _(
                    "%(team)s was set up on %(day)s, less than 9 months before %(end)s; teams "
                    "younger than 9 months are not rated (guidance 01)."
                )
                % {
                    "team": team.name,
                    "day": team.decision_date.strftime("%d/%m/%Y"),
                    "end": end.strftime("%d/%m/%Y"),
                }
            )
        return
    served_from = max(member.joined_on, start)
    served_to = min(member.left_on or end, end)
    if served_to < served_from or not periods.served_nine_months(served_from, served_to):
        raise DomainError(
            _(
                "%(name)s served from %(start)s to %(end)s, less than 9 months of the rating "
                "year; not rated (guidance 01)."
            )
            % {
                "name": member.full_name,
                "start": served_from.strftime("%d/%m/%Y"),
                "end": served_to.strftime("%d/%m/%Y"),
            }
        )


def _check_leader(team: SecurityTeam, member: TeamMember, year: int, level: str, transferred):
    if member.role != MemberRole.LEADER or transferred:
        return
    team_rating = ForceRating.objects.filter(team=team, member__isnull=True, year=year).first()
    if team_rating is None:
        raise DomainError(_("Rate the team first: its leader's rating may not exceed it."))
    if RATING_RANK[level] > RATING_RANK[team_rating.level]:
        raise FieldErrors(
            {
                "level": _(
                    "The team leader's rating (%(mine)s) may not be higher than the team's "
                    "(%(team)s), unless newly transferred (guidance 01)."
                )
                % {"mine": Rating(level).label, "team": team_rating.get_level_display()}
            }
        )


def _check_quota(team, member, year: int, level: str, existing: ForceRating | None) -> None:
    """Refuse a change that takes the commune over the cap: a new "excellent", or a rating
    moved out of the quota's base while "excellent" ones stand on it."""
    settings = settings_for(province_of(team.commune))
    peers = ForceRating.objects.filter(
        year=year, team__commune=team.commune, member__isnull=member is None
    )
    if existing is not None:
        peers = peers.exclude(pk=existing.pk)
    others = list(peers.values_list("level", flat=True))
    base_levels = {Rating.GOOD}
    if settings.quota_base == QuotaBase.GOOD_OR_BETTER:
        base_levels.add(Rating.EXCELLENT)

    def figures(levels):
        base = sum(1 for v in levels if v in base_levels)
        return levels.count(Rating.EXCELLENT), base, base * settings.excellent_quota_percent // 100

    before = figures([*others, existing.level] if existing else others)
    excellent, base, allowed = figures([*others, level])
    worse = excellent > before[0] or allowed < before[2]
    if excellent > allowed and worse:
        raise FieldErrors(
            {
                "level": _(
                    "Refused: %(n)s “excellent” rating(s) in %(commune)s would exceed %(pct)s%% "
                    "of the %(base)s rated “%(base_label)s” (at most %(allowed)s; guidance 01)."
                )
                % {
                    "n": excellent,
                    "commune": team.commune.name,
                    "pct": settings.excellent_quota_percent,
                    "base": base,
                    "base_label": settings.get_quota_base_display(),
                    "allowed": allowed,
                }
            }
        )


@transaction.atomic
def rating_record(
    *,
    actor,
    team: SecurityTeam,
    year: int,
    level: str,
    decided_on: date,
    member: TeamMember | None = None,
    decision_number: str = "",
    newly_transferred: bool = False,
    reason: str = "",
) -> ForceRating:
    """Record the year's rating of a team or a member, or correct it (guidance 01)."""
    _require_edit(actor, team.path)
    if level not in Rating.values:
        raise FieldErrors({"level": _("Choose one of the four ratings.")})
    if member is not None and member.team_id != team.pk:
        raise FieldErrors({"member": _("The member is not in this team.")})
    # Serialise ratings of one commune so two officers cannot both take the last quota place.
    type(team.commune).objects.select_for_update().filter(pk=team.commune_id).first()
    _check_rateable(team, member, year)
    if member is not None:
        _check_leader(team, member, year, level, newly_transferred)
    existing = ForceRating.objects.filter(
        year=year, team=team, member=member, **({} if member else {"member__isnull": True})
    ).first()
    _check_quota(team, member, year, level, existing)
    rating = existing or ForceRating(year=year, team=team, member=member)
    rating.level, rating.decided_on = level, decided_on
    rating.decision_number, rating.newly_transferred = decision_number.strip(), newly_transferred
    _save(rating, actor=actor, reason=reason or _("Rating recorded"))
    return rating


# --- training --------------------------------------------------------------------------------


@transaction.atomic
def training_class_create(
    *, actor, unit, topic: str, organiser: str, starts_on: date, ends_on: date, reason: str = ""
) -> TrainingClass:
    _require_edit(actor, unit.path)
    errors = {}
    if not topic.strip():
        errors["topic"] = _("Give the topic.")
    if not organiser.strip():
        errors["organiser"] = _("Give the organiser.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The class ends before it starts.")
    if errors:
        raise FieldErrors(errors)
    training = TrainingClass(
        unit=unit,
        path=unit.path,
        topic=topic.strip(),
        organiser=organiser.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    _save(training, actor=actor, reason=reason or _("Training class recorded"))
    return training


@transaction.atomic
def participant_record(
    *,
    actor,
    training: TrainingClass,
    member: TeamMember,
    passed: bool,
    certificate_number: str = "",
    reason: str = "",
) -> TrainingParticipant:
    _require_edit(actor, training.path)
    _require_edit(actor, member.team.path)
    if passed and not certificate_number.strip():
        raise FieldErrors({"certificate_number": _("A member who passed has a certificate.")})
    participant = TrainingParticipant.objects.filter(training=training, member=member).first()
    participant = participant or TrainingParticipant(training=training, member=member)
    participant.passed, participant.certificate_number = passed, certificate_number.strip()
    _save(participant, actor=actor, reason=reason or _("Attendance recorded"))
    return participant
