"""Award pages for the set-up of a year: quotas, pending matters, clusters and statistics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from antq.core.errors import DomainError, NotFound, PermissionDenied
from antq.core.excel import xlsx_response
from antq.core.forms import add_domain_error
from antq.units.selectors import today, unit_get

from . import forms, permissions, selectors, services
from .views import _forbid, _get, _unit, _year


@login_required
def quotas(request):
    year = _year(request)
    form = forms.QuotaForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_configure(request.user):
            return HttpResponse(_("Only province staff configure awards."), status=403)
        if form.is_valid() and (unit := _unit(request, form)) is not None:
            try:
                services.quota_set(
                    actor=request.user,
                    year=year,
                    kind=form.cleaned_data["kind"],
                    unit=unit,
                    allowed=form.cleaned_data["allowed"],
                )
                messages.success(request, _("The quota is saved."))
                return redirect(f"{request.path}?year={year}")
            except DomainError as error:
                add_domain_error(form, error)
    context = {
        "form": form,
        "rows": selectors.quota_list(user=request.user, year=year),
        "year": year,
        "can_configure": permissions.can_configure(request.user),
    }
    return render(request, "awards/quotas.html", context)


@login_required
def matters(request):
    form = forms.MatterForm(request.POST or None, initial={"opened_on": today()})
    if request.method == "POST" and form.is_valid() and (unit := _unit(request, form)) is not None:
        data = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
        try:
            services.matter_record(actor=request.user, unit=unit, **data)
            messages.success(request, _("The pending matter is recorded."))
            return redirect(request.path)
        except PermissionDenied as error:
            return _forbid(request, error)
        except DomainError as error:
            add_domain_error(form, error)
    return render(request, "awards/matters.html", {"form": form})


@login_required
def clusters(request):
    year = _year(request)
    form = forms.ClusterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            codes = [c.strip() for c in data["members"].replace(";", ",").split(",") if c.strip()]
            members = [unit_get(user=request.user, code=c) for c in codes]
            leader = unit_get(user=request.user, code=data["leader"].strip())
            deputy = (
                unit_get(user=request.user, code=data["deputy"].strip())
                if data["deputy"].strip()
                else None
            )
            cluster = services.cluster_create(
                actor=request.user,
                year=year,
                kind=data["kind"],
                name=data["name"],
                leader=leader,
                deputy=deputy,
                members=members,
            )
            return redirect("awards:cluster", cluster.pk)
        except PermissionDenied as error:
            return _forbid(request, error)
        except (DomainError, NotFound) as error:
            add_domain_error(form, error)
    context = {
        "form": form,
        "rows": selectors.cluster_list(user=request.user, year=year),
        "year": year,
        "can_configure": permissions.can_configure(request.user),
    }
    return render(request, "awards/clusters.html", context)


@login_required
def cluster_detail(request, pk: int, adjust_form=None, status=200):
    cluster = _get(selectors.cluster_get, user=request.user, pk=pk)
    context = {
        "cluster": cluster,
        "members": selectors.cluster_members(cluster),
        "can_rank": permissions.can_rank(request.user, cluster),
        "weights": services.weights_of(cluster.province),
        "adjust_form": adjust_form or forms.AdjustForm(),
        "history": selectors.cluster_history(cluster)[:50],
    }
    return render(request, "awards/cluster.html", context, status=status)


def _cluster_action(request, pk, action):
    cluster = _get(selectors.cluster_get, user=request.user, pk=pk)
    try:
        action(cluster)
    except PermissionDenied as error:
        return _forbid(request, error)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("awards:cluster", pk)


@login_required
@require_POST
def cluster_rank(request, pk: int):
    return _cluster_action(
        request, pk, lambda c: services.cluster_rank_compute(actor=request.user, cluster=c)
    )


@login_required
@require_POST
def cluster_submit(request, pk: int):
    return _cluster_action(
        request, pk, lambda c: services.cluster_rank_submit(actor=request.user, cluster=c)
    )


@login_required
@require_POST
def cluster_adjust(request, pk: int, member: int):
    cluster = _get(selectors.cluster_get, user=request.user, pk=pk)
    target = cluster.members.filter(pk=member).first()
    form = forms.AdjustForm(request.POST)
    if target is not None and form.is_valid():
        try:
            services.cluster_rank_adjust(actor=request.user, member=target, **form.cleaned_data)
            messages.success(request, _("The rank is changed."))
            return redirect("awards:cluster", pk)
        except PermissionDenied as error:
            return _forbid(request, error)
        except DomainError as error:
            add_domain_error(form, error)
    return cluster_detail(request, pk, adjust_form=form, status=400)


def _statistics(request):
    code = request.GET.get("unit") or getattr(request.user.unit, "code", "")
    under = _get(unit_get, user=request.user, code=code)
    return selectors.statistics(user=request.user, under=under, year=_year(request))


@login_required
def statistics(request):
    return render(request, "awards/statistics.html", {"stats": _statistics(request)})


@login_required
def statistics_export(request):
    stats = _statistics(request)
    rows = [(r["kind__name"], r["total"], r["grassroots"], r["amount"]) for r in stats["rows"]]
    headers = [_("Award kind"), _("Awarded"), _("Of which grassroots"), _("Amount (đồng)")]
    return xlsx_response(
        "thong-ke-khen-thuong.xlsx", title=_("Award statistics"), headers=headers, rows=rows
    )
