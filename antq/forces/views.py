"""Pages of the force registry: thin views that parse, call a selector or service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.errors import DomainError, NotFound, PermissionDenied
from antq.core.excel import xlsx_response
from antq.core.forms import add_domain_error
from antq.core.paging import page_of
from antq.units.models import Unit
from antq.units.selectors import today, unit_get

from . import periods, permissions, selectors, services
from .choices import MemberRole, Rating
from .forms import (
    ComplaintForm,
    DisciplineForm,
    DissolveForm,
    LeaveDecideForm,
    LeaveProposeForm,
    MemberFilterForm,
    MemberForm,
    RatingFilterForm,
    RatingForm,
    StatisticsForm,
    TeamFilterForm,
    TeamForm,
)


def _get(fetch, **kwargs):
    try:
        return fetch(**kwargs)
    except NotFound as error:
        raise Http404(error.message) from error
    except PermissionDenied as error:
        raise DjangoPermissionDenied(error.message) from error


def _node(request, code: str):
    return _get(unit_get, user=request.user, code=code) if code else request.user.unit


# --- teams -----------------------------------------------------------------------------------


def _teams(request):
    form = TeamFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    node = _node(request, data.get("unit"))
    rows = selectors.team_list(
        user=request.user, under=node, q=data.get("q", ""), status=data.get("status", "")
    )
    return form, node, rows


@login_required
def team_list(request):
    form, node, rows = _teams(request)
    context = {
        "form": form,
        "node": node,
        "page": page_of(rows, request.GET.get("page")),
        "can_create": node is not None
        and node.kind == "commune"
        and permissions.can_edit_force(request.user, node.path),
        "can_see_members": permissions.can_see_members(request.user, node.path if node else ""),
    }
    return render(request, "forces/team_list.html", context)


@login_required
def team_export(request):
    rows = _teams(request)[2]
    return xlsx_response(
        "to-bao-ve-antt.xlsx",
        title=_("Security teams"),
        headers=[
            _("Team name"),
            _("Commune"),
            _("Residential areas covered"),
            _("Founding decision number"),
            _("Founding decision date"),
            _("Status"),
            _("Members"),
        ],
        rows=(
            (
                t.name,
                t.commune.name,
                ", ".join(a.name for a in t.areas.all()),
                t.decision_number,
                t.decision_date,
                t.get_status_display(),
                t.member_count,
            )
            for t in rows
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request):
    commune = _node(request, request.GET.get("commune", ""))
    if commune is None or commune.kind != "commune":
        raise Http404(_("Open the team list of a commune first."))
    if not permissions.can_edit_force(request.user, commune.path):
        raise DjangoPermissionDenied
    areas = Unit.objects.filter(parent=commune, kind="residential_area").order_by("sort_name")
    form = TeamForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            team = services.team_create(
                actor=request.user,
                commune=commune,
                **{**data, "areas": list(data["areas"])},
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The team was registered."))
            return redirect("forces:team_detail", team.pk)
    status = 400 if form.errors else 200
    return render(
        request, "forces/team_form.html", {"form": form, "commune": commune}, status=status
    )


@login_required
def team_detail(request, pk: int):
    team = _get(selectors.team_get, user=request.user, pk=pk)
    see_members = permissions.can_see_members(request.user, team.path)
    counts = selectors.team_role_counts(team)
    context = {
        "team": team,
        "counts": [(MemberRole(r).label, n) for r, n in counts.items()],
        "members": selectors.member_list(user=request.user, team=team, active=None)
        if see_members
        else None,
        "ratings": selectors.rating_list(user=request.user, under=None, members=False).filter(
            team=team
        ),
        "complaint_form": ComplaintForm(initial={"under": not team.under_complaint}),
        "dissolve_form": DissolveForm(initial={"on": today()}),
        "history": selectors.team_history(team=team),
        "can_edit": permissions.can_edit_force(request.user, team.path),
    }
    return render(request, "forces/team_detail.html", context)


# --- members ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request, pk: int):
    team = _get(selectors.team_get, user=request.user, pk=pk)
    if not permissions.can_edit_force(request.user, team.path):
        raise DjangoPermissionDenied
    form = MemberForm(request.POST or None)
    refusals = []
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_register(actor=request.user, team=team, **form.cleaned_data)
        except services.MemberRefused as error:
            refusals = error.refusals
            add_domain_error(form, error)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("%(name)s was registered in the team.") % {"name": member.full_name}
            )
            return redirect("forces:team_detail", team.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "team": team, "refusals": refusals}
    return render(request, "forces/member_form.html", context, status=status)


def _members(request):
    form = MemberFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    node = _node(request, data.get("unit"))
    rows = _get(
        selectors.member_list,
        user=request.user,
        under=node,
        q=data.get("q", ""),
        role=data.get("role", ""),
        active=not data.get("left"),
    )
    return form, node, rows


@login_required
def member_list(request):
    form, node, rows = _members(request)
    context = {"form": form, "node": node, "page": page_of(rows, request.GET.get("page"))}
    return render(request, "forces/member_list.html", context)


@login_required
def member_export(request):
    rows = _members(request)[2]
    return xlsx_response(
        "thanh-vien-to-bao-ve-antt.xlsx",
        title=_("Team members"),
        headers=[
            _("Full name"),
            _("Role"),
            _("Team"),
            _("Commune"),
            _("Date of birth"),
            _("Sex"),
            _("Citizen identity number"),
            _("Place of residence"),
            _("Education"),
            _("Phone"),
            _("Joined on"),
            _("Left on"),
        ],
        rows=(
            (
                m.full_name,
                m.get_role_display(),
                m.team.name,
                m.team.commune.name,
                m.birth_date,
                m.get_sex_display(),
                m.identity_number,
                m.residence,
                m.get_education_display(),
                m.phone,
                m.joined_on,
                m.left_on,
            )
            for m in rows
        ),
    )


@login_required
def member_detail(request, pk: int):
    member = _get(selectors.member_get, user=request.user, pk=pk)
    context = {
        "member": member,
        "deadlines": services.leave_deadlines(member),
        "propose_form": LeaveProposeForm(initial={"started_on": today()}),
        "decide_form": LeaveDecideForm(initial={"decided_on": today()}),
        "discipline_form": DisciplineForm(initial={"on": today()}),
        "complaint_form": ComplaintForm(initial={"under": not member.under_complaint}),
        "history": selectors.member_history(member=member),
        "can_edit": permissions.can_edit_force(request.user, member.team.path),
    }
    return render(request, "forces/member_detail.html", context)


@login_required
@require_POST
def member_leave(request, pk: int, step: str):
    if step not in ("propose", "decide"):
        raise Http404
    member = _get(selectors.member_get, user=request.user, pk=pk)
    form = (LeaveProposeForm if step == "propose" else LeaveDecideForm)(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("forces:member_detail", member.pk)
    action = services.member_leave_propose if step == "propose" else services.member_leave_decide
    try:
        action(actor=request.user, member=member, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("forces:member_detail", member.pk)


# --- ratings ---------------------------------------------------------------------------------


def _ratings(request):
    form = RatingFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    node = _node(request, data.get("unit"))
    rows = selectors.rating_list(
        user=request.user, under=node, year=data.get("year"), level=data.get("level", "")
    )
    return form, node, rows


@login_required
def rating_list(request):
    form, node, rows = _ratings(request)
    context = {"form": form, "node": node, "page": page_of(rows, request.GET.get("page"))}
    return render(request, "forces/rating_list.html", context)


@login_required
def rating_export(request):
    rows = _ratings(request)[2]
    return xlsx_response(
        "xep-loai-to-bao-ve-antt.xlsx",
        title=_("Ratings"),
        headers=[_("Rating year"), _("Team"), _("Commune"), _("Rating"), _("Decided on")],
        rows=(
            (r.year, r.team.name, r.team.commune.name, r.get_level_display(), r.decided_on)
            for r in rows
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rating_create(request, pk: int):
    team = _get(selectors.team_get, user=request.user, pk=pk)
    if not permissions.can_edit_force(request.user, team.path):
        raise DjangoPermissionDenied
    members = selectors.member_list(user=request.user, team=team)
    initial = {"year": periods.rating_year_of(today()), "decided_on": today()}
    form = RatingForm(
        request.POST or None, initial=initial, members=members, team_label=_("The team itself")
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        member_pk = data.pop("member")
        member = members.filter(pk=member_pk).first() if member_pk else None
        try:
            services.rating_record(actor=request.user, team=team, member=member, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The rating was recorded."))
            return redirect("forces:team_detail", team.pk)
    status = 400 if form.errors else 200
    return render(request, "forces/rating_form.html", {"form": form, "team": team}, status=status)


# --- statistics ------------------------------------------------------------------------------


@login_required
def statistics(request):
    form = StatisticsForm(request.GET)
    form.is_valid()
    node = _node(request, form.cleaned_data.get("unit"))
    if node is None:
        raise Http404(_("Choose a unit."))
    year = form.cleaned_data.get("year") or periods.rating_year_of(today())
    figures = selectors.statistics(unit=node, year=year)
    levels = [
        (label, figures["ratings"]["teams"][value], figures["ratings"]["members"][value])
        for value, label in Rating.choices
    ]
    context = {
        "form": form,
        "node": node,
        "year": year,
        "figures": figures,
        "levels": levels,
        "breakdown": selectors.statistics_breakdown(unit=node, year=year),
    }
    return render(request, "forces/statistics.html", context)


# --- status changes --------------------------------------------------------------------------

MEMBER_ACTIONS = {
    "discipline": (DisciplineForm, services.member_discipline),
    "complaint": (ComplaintForm, services.member_mark_complaint),
}
TEAM_ACTIONS = {
    "complaint": (ComplaintForm, services.team_mark_complaint),
    "dissolve": (DissolveForm, services.team_dissolve),
}


def _act(request, form_class, action, **target):
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return
    try:
        action(actor=request.user, **target, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))


@login_required
@require_POST
def member_action(request, pk: int, action: str):
    if action not in MEMBER_ACTIONS:
        raise Http404
    member = _get(selectors.member_get, user=request.user, pk=pk)
    _act(request, *MEMBER_ACTIONS[action], member=member)
    return redirect("forces:member_detail", member.pk)


@login_required
@require_POST
def team_action(request, pk: int, action: str):
    if action not in TEAM_ACTIONS:
        raise Http404
    team = _get(selectors.team_get, user=request.user, pk=pk)
    _act(request, *TEAM_ACTIONS[action], team=team)
    return redirect("forces:team_detail", team.pk)
