"""API of the grassroots security force: teams, members and ratings.

Members' personal data answers only to the commune's officers and the province's staff;
others get 403 on the member endpoints and see counts on the teams.
"""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from antq.core.errors import DomainError, FieldErrors
from antq.units.models import Unit
from antq.units.selectors import unit_get

from . import selectors, services
from .models import ForceRating, SecurityTeam, TeamMember

router = Router(tags=["forces"])
MAX_PAGE_SIZE = 500


class Problem(Schema):
    detail: str
    errors: dict[str, str] | None = None


ERRORS = {400: Problem, 403: Problem, 404: Problem}


class TeamOut(Schema):
    id: int
    name: str
    commune: str
    commune_name: str
    areas: list[str]
    decision_number: str
    decision_date: date
    decision_signer: str
    status: str
    dissolved_on: date | None
    member_count: int


class TeamPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[TeamOut]


class TeamIn(Schema):
    commune: str = Field(examples=["16417"])
    name: str = Field(max_length=255, examples=["Tổ bảo vệ ANTT thôn Đông Hưng"])
    areas: list[str] = Field(examples=[["16417-KDC01"]])
    decision_number: str = Field(max_length=64, examples=["125/QĐ-UBND"])
    decision_date: date
    decision_signer: str = ""
    primary_education_area: bool = False
    reason: str = ""


class MemberOut(Schema):
    id: int
    team: int
    team_name: str
    role: str
    full_name: str
    birth_date: date
    sex: str
    identity_number: str
    residence: str
    resident_since: date
    education: str
    phone: str
    joined_on: date
    left_on: date | None
    leave_ground: str


class MemberPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[MemberOut]


class MemberIn(Schema):
    team: int
    role: str = Field(examples=["member"])
    full_name: str = Field(max_length=150)
    birth_date: date
    sex: str = Field(examples=["male"])
    identity_number: str = Field(max_length=12, examples=["038090001234"])
    residence: str = Field(max_length=500)
    resident_since: date
    education: str = Field(examples=["lower_secondary"])
    joined_on: date
    record_document: str = ""
    health_document: str = ""
    over_age_decision: str = ""
    phone: str = ""
    appointment_decision: str = ""
    reason: str = ""


class RatingOut(Schema):
    id: int
    year: int
    team: int
    team_name: str
    member: int | None
    member_name: str | None
    level: str
    decision_number: str
    decided_on: date


class RatingPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[RatingOut]


class RatingIn(Schema):
    team: int
    member: int | None = None
    year: int
    level: str = Field(examples=["completed"])
    decided_on: date
    decision_number: str = ""
    newly_transferred: bool = False
    reason: str = ""


def _page(rows, page: int, page_size: int, out) -> dict:
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise DomainError(
            _("page must be ≥ 1 and page_size between 1 and %(max)s.") % {"max": MAX_PAGE_SIZE}
        )
    start = (page - 1) * page_size
    return {
        "count": rows.count(),
        "page": page,
        "page_size": page_size,
        "items": [out(row) for row in rows[start : start + page_size]],
    }


def team_out(team: SecurityTeam) -> dict:
    count = getattr(team, "member_count", None)
    return {
        "id": team.pk,
        "name": team.name,
        "commune": team.commune.code,
        "commune_name": team.commune.name,
        "areas": [a.code for a in team.areas.all()],
        "decision_number": team.decision_number,
        "decision_date": team.decision_date,
        "decision_signer": team.decision_signer,
        "status": team.status,
        "dissolved_on": team.dissolved_on,
        "member_count": count if count is not None else team.members.filter(left_on=None).count(),
    }


def member_out(member: TeamMember) -> dict:
    return {
        **{f: getattr(member, f) for f in MemberOut.model_fields if f not in ("team", "team_name")},
        "team": member.team_id,
        "team_name": member.team.name,
    }


def rating_out(rating: ForceRating) -> dict:
    return {
        "id": rating.pk,
        "year": rating.year,
        "team": rating.team_id,
        "team_name": rating.team.name,
        "member": rating.member_id,
        "member_name": rating.member.full_name if rating.member else None,
        "level": rating.level,
        "decision_number": rating.decision_number,
        "decided_on": rating.decided_on,
    }


def _unit(request, code: str | None) -> Unit | None:
    return unit_get(user=request.user, code=code) if code else None


@router.get(
    "/teams", response={200: TeamPage, **ERRORS}, summary=gettext_lazy("Security teams in scope")
)
def team_list(
    request,
    unit: str | None = None,
    q: str = "",
    status: str = "",
    page: int = 1,
    page_size: int = 50,
):
    rows = selectors.team_list(user=request.user, under=_unit(request, unit), q=q, status=status)
    return _page(rows, page, page_size, team_out)


@router.get(
    "/teams/{int:team_id}", response={200: TeamOut, **ERRORS}, summary=gettext_lazy("One team")
)
def team_detail(request, team_id: int):
    return team_out(selectors.team_get(user=request.user, pk=team_id))


@router.post(
    "/teams", response={201: TeamOut, **ERRORS}, summary=gettext_lazy("Register a security team")
)
def team_create(request, payload: TeamIn):
    commune = unit_get(user=request.user, code=payload.commune)
    areas = []
    for code in payload.areas:
        area = Unit.objects.filter(code=code, parent=commune).first()
        if area is None:
            raise FieldErrors({"areas": _("No residential area %(code)s.") % {"code": code}})
        areas.append(area)
    data = payload.dict(exclude={"commune", "areas"})
    team = services.team_create(actor=request.user, commune=commune, areas=areas, **data)
    return Status(201, team_out(team))


@router.get(
    "/members",
    response={200: MemberPage, **ERRORS},
    summary=gettext_lazy(
        "Team members with their personal data (commune officers and province staff)"
    ),
)
def member_list(
    request,
    unit: str | None = None,
    team: int | None = None,
    q: str = "",
    role: str = "",
    page: int = 1,
    page_size: int = 50,
):
    rows = selectors.member_list(
        user=request.user,
        under=_unit(request, unit),
        team=selectors.team_get(user=request.user, pk=team) if team else None,
        q=q,
        role=role,
    )
    return _page(rows, page, page_size, member_out)


@router.get(
    "/members/{int:member_id}",
    response={200: MemberOut, **ERRORS},
    summary=gettext_lazy("One member"),
)
def member_detail(request, member_id: int):
    return member_out(selectors.member_get(user=request.user, pk=member_id))


@router.post(
    "/members",
    response={201: MemberOut, **ERRORS},
    summary=gettext_lazy("Register a member; a person failing Art. 13 is refused with each rule"),
)
def member_create(request, payload: MemberIn):
    team = selectors.team_get(user=request.user, pk=payload.team)
    member = services.member_register(
        actor=request.user, team=team, **payload.dict(exclude={"team"})
    )
    return Status(201, member_out(member))


@router.get(
    "/ratings", response={200: RatingPage, **ERRORS}, summary=gettext_lazy("Yearly ratings")
)
def rating_list(
    request,
    year: int | None = None,
    unit: str | None = None,
    level: str = "",
    members: bool = False,
    page: int = 1,
    page_size: int = 50,
):
    """Team ratings; `members=true` gives members' ratings to those who see members."""
    rows = selectors.rating_list(
        user=request.user, year=year, under=_unit(request, unit), level=level, members=members
    )
    return _page(rows, page, page_size, rating_out)


@router.post(
    "/ratings", response={201: RatingOut, **ERRORS}, summary=gettext_lazy("Record a yearly rating")
)
def rating_create(request, payload: RatingIn):
    team = selectors.team_get(user=request.user, pk=payload.team)
    member = selectors.member_get(user=request.user, pk=payload.member) if payload.member else None
    rating = services.rating_record(
        actor=request.user, team=team, member=member, **payload.dict(exclude={"team", "member"})
    )
    return Status(201, rating_out(rating))
