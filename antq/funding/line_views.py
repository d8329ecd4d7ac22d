"""Funding pages for budget lines and the province's own norms: thin views over the services."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from antq.core.errors import DomainError
from antq.core.forms import DateField, add_domain_error
from antq.core.paging import page_of
from antq.units.models import Unit
from antq.units.selectors import today

from . import permissions, selectors, services
from .models import Level, NormKind, Source
from .views import _unit


class LineFilterForm(forms.Form):
    unit = forms.CharField(label=_("Unit (code)"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)
    source = forms.ChoiceField(
        label=_("Source"), choices=[("", "—"), *Source.choices], required=False
    )
    level = forms.ChoiceField(label=_("Level"), choices=[("", "—"), *Level.choices], required=False)


class LineForm(forms.Form):
    unit = forms.CharField(label=_("Unit (code)"), max_length=40)
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    estimate = forms.IntegerField(label=_("Estimate (VND)"), min_value=0)
    allocated = forms.IntegerField(label=_("Allocated (VND)"), min_value=0, initial=0)
    decision = forms.CharField(label=_("Allocation decision"), max_length=255, required=False)


class NormForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=NormKind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    limit = forms.IntegerField(label=_("Limit"), min_value=0)
    valid_from = DateField(label=_("Valid from"), help_text=_("dd/mm/yyyy"))
    valid_to = DateField(label=_("Valid to"), required=False, help_text=_("dd/mm/yyyy"))
    decision = forms.CharField(label=_("Decision (number, date)"), max_length=255)


@login_required
def line_list(request):
    form = LineFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.line_list(
        actor=request.user,
        unit=_unit(request, (data.get("unit") or "").strip()),
        year=data.get("year"),
        source=data.get("source") or "",
        level=data.get("level") or "",
    ).order_by("-year", "unit__path", "source")
    totals = rows.aggregate(estimate=Sum("estimate"), allocated=Sum("allocated"))
    context = {"form": form, "page": page_of(rows, request.GET.get("page")), "totals": totals}
    return render(request, "funding/lines.html", context)


@login_required
def line_create(request):
    form = LineForm(request.POST or None, initial={"year": today().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            line = services.budget_line_create(
                actor=request.user, unit=_unit(request, data.pop("unit").strip()), **data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Budget line recorded: %(unit)s, %(year)s.")
                % {"unit": line.unit.name, "year": line.year},
            )
            return redirect("funding:lines")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "funding/line_form.html", {"form": form}, status=status)


@login_required
def norm_list(request):
    """The Circular's norms and the province's own; its staff add one with its decision."""
    unit = request.user.unit
    if unit is None:
        raise Http404
    province = Unit.objects.get(code=unit.path.split("/")[0])
    may_add = permissions.can_set_norms(request.user, province)
    form = NormForm(request.POST or None)
    if request.method == "POST":
        if not may_add:
            raise Http404
        if form.is_valid():
            try:
                services.norm_create(actor=request.user, province=province, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The province's own norm is recorded."))
                return redirect("funding:norms")
    rows = selectors.norm_list(province=province).order_by("kind", "level", "valid_from")
    context = {"rows": rows, "form": form if may_add else None, "province": province}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "funding/norms.html", context, status=status)
