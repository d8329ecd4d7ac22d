"""Dashboards and target pages: parse, call selectors and services, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq import rules
from antq.core.charts import bar_chart, step_chart
from antq.core.errors import DomainError, NotFound
from antq.core.excel import xlsx_response
from antq.core.forms import add_domain_error
from antq.core.paging import UNITS_PAGE, page_of
from antq.units import permissions as unit_permissions
from antq.units import selectors as unit_selectors
from antq.units.models import Unit
from antq.units.selectors import today

from . import metrics, reporting, selectors, services
from .choices import Subject
from .forms import TargetForm
from .models import Target

SUBJECT_BELOW = {"province": Subject.COMMUNE, "commune": Subject.RESIDENTIAL_AREA}
COUNTRY = "*"


def _unit_and_year(request):
    """The unit (None: the whole country, for administrators) and the year asked for."""
    if request.GET.get("unit") == COUNTRY and unit_permissions.is_admin(request.user):
        try:
            return None, int(request.GET.get("year") or today().year)
        except ValueError as error:
            raise Http404 from error
    try:
        unit = (
            unit_selectors.unit_get(user=request.user, code=request.GET["unit"])
            if request.GET.get("unit")
            else request.user.unit
        )
        year = int(request.GET.get("year") or today().year)
    except (NotFound, ValueError) as error:
        raise Http404 from error
    if unit is None:
        raise Http404
    return unit, year


@login_required
def dashboard(request):
    unit, year = _unit_and_year(request)
    subject = SUBJECT_BELOW.get(unit.kind, Subject.ESTABLISHMENT) if unit else Subject.COMMUNE
    metrics.remember_anchors(unit)
    rows = selectors.drilldown(unit, year)
    if request.GET.get("export") == "children":
        return _export_children(rows, unit, year)
    classes = metrics.class_distribution(unit, year, subject)
    progress = selectors.recognition_progress(unit, year, subject)
    total = metrics.population_total(unit, year, subject)
    panel = reporting.reports_panel(unit, year=year, today=today())
    context = {
        "unit": unit,
        "year": year,
        "subject": Subject(subject),
        "country": COUNTRY if unit_permissions.is_admin(request.user) else None,
        # The closest units are loaded when a card's list is opened (target_closest).
        "attainments": selectors.attainments(
            user=request.user, year=year, unit=unit, with_closest=False
        )
        if unit is not None
        else [],
        "reports": panel,
        "trend_charts": [(name, step_chart(points, title=name)) for name, points in panel["trends"]]
        if panel
        else [],
        "rows": page_of(
            selectors.drilldown_matching(rows, request.GET.get("q", "")),
            request.GET.get("page"),
            UNITS_PAGE,
        ),
        "q": request.GET.get("q", ""),
        "class_chart": bar_chart(
            [(str(rules.CLASS_LABELS[c]), classes[c]) for c in reversed(rules.CLASSES)],
            title=_("Classes"),
        ),
        "progress_chart": step_chart(progress, title=_("Recognised so far"), ceiling=total)
        if progress
        else None,
        "lazy_closest": True,
        "can_set": unit is not None and services.can_set_targets(request.user, unit),
        "parent_in_scope": unit is not None
        and unit.parent is not None
        and unit_permissions.in_scope(request.user, unit.parent.path),
    }
    return render(request, "targets/dashboard.html", context)


@login_required
def target_closest(request, pk: int):
    """The units nearest to counting for one target, as the card's list (HTMX) or a page."""
    target = get_object_or_404(selectors.target_list(user=request.user), pk=pk)
    attained = selectors.attainment_of(target)
    return render(request, "targets/_closest.html", {"a": attained})


def _export_children(rows, unit, year):
    yes, no = _("Yes"), _("No")
    return xlsx_response(
        f"chi-tieu-{unit.code if unit else 'toan-quoc'}-{year}.xlsx",
        title=str(unit.name if unit else _("Whole country")),
        headers=[
            _("Code"),
            _("Name"),
            _("Kind"),
            _("Recognised"),
            _("Class"),
            _("Residential areas"),
            _("Recognised areas"),
            _("Share (%)"),
        ],
        rows=(
            (
                r["unit"].code,
                r["name"],
                str(r["unit"].get_kind_display()),
                yes if r["recognised"] else no,
                r["class_label"],
                r["areas"].total if r["areas"] else None,
                r["areas"].hits if r["areas"] else None,
                r["areas"].share if r["areas"] else None,
            )
            for r in rows
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_manage(request):
    unit, year = _unit_and_year(request)
    if not services.can_set_targets(request.user, unit):
        raise Http404
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_set(actor=request.user, year=year, unit=unit, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{request.path}?unit={unit.code}&year={year}")
    targets = selectors.target_list(user=request.user, year=year, unit=unit)
    return render(
        request,
        "targets/manage.html",
        {"unit": unit, "year": year, "form": form, "targets": targets},
    )


@login_required
@require_POST
def target_cascade(request, pk: int):
    target = get_object_or_404(selectors.target_list(user=request.user), pk=pk)
    try:
        count = services.target_cascade(actor=request.user, target=target)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Given to %(n)s units below.") % {"n": count})
    return redirect(f"/targets/manage/?unit={target.unit.code}&year={target.year}")


def public_page(request, province: str):
    """The figures a province chose to publish; no log-in."""
    unit = get_object_or_404(Unit, code=province, kind="province")
    try:
        year = int(request.GET.get("year") or today().year)
    except ValueError as error:
        raise Http404 from error
    targets = Target.objects.filter(unit=unit, year=year, public=True).select_related("unit")
    shown = [selectors.attainment_of(t, with_closest=False) for t in targets]
    return render(request, "targets/public.html", {"unit": unit, "year": year, "shown": shown})
