"""Funding pages: thin views over the selectors and services."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from antq.core.errors import DomainError, NotFound
from antq.core.forms import DateField, add_domain_error
from antq.core.paging import page_of
from antq.units.selectors import today, unit_get

from . import exports, selectors, services
from .models import BudgetLine, Head, Source


class EntryFilterForm(forms.Form):
    unit = forms.CharField(label=_("Unit (code)"), required=False)
    head = forms.ChoiceField(label=_("Head"), choices=[("", "—"), *Head.choices], required=False)
    source = forms.ChoiceField(
        label=_("Source"), choices=[("", "—"), *Source.choices], required=False
    )
    date_from = DateField(label=_("From"), required=False)
    date_to = DateField(label=_("To"), required=False)


class EntryForm(forms.Form):
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=BudgetLine.objects.none())
    date = DateField(label=_("Date"), help_text=_("dd/mm/yyyy"))
    head = forms.ChoiceField(label=_("Head"), choices=Head.choices)
    amount = forms.IntegerField(label=_("Amount (VND)"), min_value=1)
    payee = forms.CharField(label=_("Payee or purpose"), max_length=255)
    voucher = forms.CharField(label=_("Voucher number"), max_length=64, required=False)
    distance_km = forms.IntegerField(label=_("Distance (km)"), min_value=1, required=False)
    person = forms.CharField(label=_("Person visited"), max_length=255, required=False)
    commune = forms.CharField(label=_("Commune (code)"), max_length=40, required=False)
    voucher_file = forms.FileField(label=_("Voucher file"), required=False)


def _unit(request, code):
    try:
        return unit_get(user=request.user, code=code) if code else None
    except NotFound as error:
        raise Http404(error.message) from error


@login_required
def entry_list(request):
    form = EntryFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    rows = selectors.entry_list(
        actor=request.user,
        unit=_unit(request, (data.get("unit") or "").strip()),
        head=data.get("head") or "",
        source=data.get("source") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )
    if request.GET.get("format") == "xlsx":
        return exports.entries_response(rows)
    total = rows.aggregate(total=Sum("amount"))["total"] or 0
    context = {"form": form, "page": page_of(rows, request.GET.get("page")), "total": total}
    return render(request, "funding/entries.html", context)


@login_required
def entry_create(request):
    form = EntryForm(request.POST or None, request.FILES or None)
    form.fields["line"].queryset = selectors.line_list(actor=request.user, year=today().year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.spending_create(
                actor=request.user,
                line=data["line"],
                date=data["date"],
                head=data["head"],
                amount=data["amount"],
                payee=data["payee"],
                voucher=data["voucher"],
                distance_km=data["distance_km"],
                person=data["person"],
                commune=_unit(request, data["commune"].strip()),
                voucher_file=data["voucher_file"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Spending recorded"))
            return redirect("funding:list")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "funding/entry_form.html", {"form": form}, status=status)


@login_required
def statement(request):
    code = request.GET.get("unit", "").strip()
    unit = _unit(request, code) or request.user.unit
    if unit is None:
        raise Http404
    try:
        year = int(request.GET.get("year") or today().year)
    except ValueError:
        year = today().year
    subtree = request.GET.get("subtree", "1") != "0"
    if request.GET.get("format") == "xlsx":
        return exports.statement_response(actor=request.user, unit=unit, year=year, subtree=subtree)
    figures = selectors.statement(actor=request.user, unit=unit, year=year, subtree=subtree)
    heads, sources = dict(Head.choices), dict(Source.choices)
    context = {
        "unit": unit,
        "year": year,
        "s": figures,
        "by_head": [(heads.get(k, k), v) for k, v in figures["by_head"].items()],
        "by_source": [(sources.get(k, k), v) for k, v in figures["by_source"].items()],
        "query": request.GET.urlencode(),
    }
    return render(request, "funding/statement.html", context)
