"""The year's recognition decisions: units awaiting one, and the register of those issued."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from antq.core.errors import DomainError
from antq.core.excel import xlsx_response
from antq.core.paging import page_of

from . import dossiers, forms, register, selectors, services
from .views import _found


def _recognised_message(made, province, year):
    """The count, then a link to each new certificate (the documents app makes them)."""
    links = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        (
            (reverse("documents:certificate", args=[province, year, r.unit.code, "docx"]), r.unit)
            for r in made
        ),
    )
    count = _("%(n)d units recognised.") % {"n": len(made)}
    return format_html("{} {} {}", count, _("Certificates:"), links) if made else count


@login_required
@_found
def decisions(request, province, year):
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    pending = selectors.decisions_pending(user=request.user, campaign=campaign)
    awaiting = len(pending)
    # A province's hundreds of units are narrowed by name or commune before choosing.
    pq = request.GET.get("pq", "")[:100]
    pending = selectors.pending_matching(pending, pq)
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = set(request.POST.getlist("unit"))
        units = [a.unit for a in pending if a.unit.code in chosen]
        if not units:
            form.add_error(None, _("Choose at least one unit."))
        else:
            try:
                made = services.recognition_grant(
                    actor=request.user, campaign=campaign, units=units, **form.cleaned_data
                )
                messages.success(request, _recognised_message(made, province, year))
                return redirect("evaluation:decisions", province, year)
            except DomainError as error:
                form.add_error(None, error.message)
    missing = dossiers.dossier_missing_by_unit(campaign, [a.unit for a in pending])
    for assessment in pending:
        assessment.dossier_missing = missing[assessment.unit.pk]
    q = request.GET.get("q", "")[:100]
    page = page_of(
        register.decision_register(user=request.user, campaign=campaign, q=q),
        request.GET.get("page"),
    )
    context = {
        "campaign": campaign,
        "pending": pending,
        "awaiting": awaiting,
        "pq": pq,
        "form": form,
        "q": q,
        "page": page,
        "issued": register.register_decisions(
            user=request.user, campaign=campaign, rows=page.object_list
        ),
        "totals": register.register_totals(user=request.user, campaign=campaign, q=q),
    }
    return render(request, "evaluation/decisions.html", context)


@login_required
@_found
def decisions_export(request, province, year):
    """The register as a sheet: one row per recognised unit, with its decision."""
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    q = request.GET.get("q", "")[:100]
    rows = register.register_rows(user=request.user, campaign=campaign, q=q)
    headers = [
        _("Decision number"),
        _("Decision date"),
        _("Issuing body"),
        _("Signer"),
        _("Unit code"),
        _("Unit"),
        _("Commune, ward"),
        _("Revoked on"),
    ]
    return xlsx_response(
        f"quyet-dinh-cong-nhan-{province}-{year}.xlsx",
        title=_("Recognition decisions"),
        headers=headers,
        rows=(
            (
                r.decision_number,
                r.decision_date,
                r.issuing_body,
                r.signer,
                r.unit.code,
                r.unit.name,
                register.commune_name(r.unit),
                r.revoked_on,
            )
            for r in rows.iterator(chunk_size=500)
        ),
    )
