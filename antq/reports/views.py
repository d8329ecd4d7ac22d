"""Report pages: thin views that parse, call a selector or service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from antq.core import jobs
from antq.core.errors import DomainError
from antq.core.errors import found_or_404 as _get
from antq.core.excel import workbook_response
from antq.core.paging import UNITS_PAGE, page_of
from antq.core.versions import StaleForm, version_of
from antq.units.permissions import is_admin
from antq.units.selectors import scoped_units, today, unit_get

from . import excel, periods, permissions, rollups, selectors, services
from .choices import PeriodType
from .forms import (
    EntryChooserForm,
    InboxFilterForm,
    ReasonForm,
    RollupFilterForm,
    TemplateForm,
    UploadForm,
)
from .registry_figures import differs, registry_figures


def _initial(request) -> dict:
    """Default choices: the monthly form, the last closed month, the account's unit."""
    month = periods.period_containing(today(), PeriodType.MONTH).previous()
    unit = getattr(request.user.unit, "code", "")
    return {"form": "movement-monthly", "period": month.key, "unit": unit}


def _queue(request):
    filters = InboxFilterForm(request.GET or None, initial={"status": "submitted"})
    data = filters.cleaned_data if filters.is_valid() else {"status": "submitted"}
    if not request.GET:
        data = {"status": "submitted"}
    queue = selectors.approval_queue(
        user=request.user,
        form=data.get("form"),
        period=data.get("period", ""),
        status=data.get("status", "submitted"),
        unit=data.get("unit", ""),
    )
    return filters, page_of(queue, request.GET.get("page"))


@login_required
def home(request):
    filters, page = _queue(request)
    user = request.user
    context = {
        **selectors.inbox(user=user),
        "queue": page,
        "queue_filters": filters,
        "is_approver": any(user.has_role(r) for r in permissions.APPROVER_ROLES) or is_admin(user),
        "can_approve_many": permissions.can_approve_many(user),
        "can_use_forms": permissions.can_use_forms(user),
        "overview": selectors.overview(user=user),
        "chooser": EntryChooserForm(initial=_initial(request)),
        "template_form": TemplateForm(initial=_initial(request)),
    }
    return render(request, "reports/home.html", context)


@login_required
@require_POST
def approve_many(request):
    ids = [int(i) for i in request.POST.getlist("report") if i.isdigit()]
    reports = selectors.scoped_reports(user=request.user).filter(pk__in=ids)
    try:
        count = services.report_approve_many(actor=request.user, reports=reports)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Approved %(n)s report(s); they are locked.") % {"n": count})
    back = request.POST.get("next", "")
    return redirect(reverse("reports:home") + (back if back.startswith("?") else ""))


@login_required
def entry_go(request):
    chooser = EntryChooserForm(request.GET)
    if not chooser.is_valid():
        messages.error(request, _("Choose a form, a unit and a period."))
        return redirect("reports:home")
    data = chooser.cleaned_data
    args = [data["form"].code, data["unit"].strip(), data["period"].strip().upper()]
    return redirect("reports:entry", *args)


def _entry_parts(request, form_code: str, unit_code: str, period_key: str):
    form = _get(selectors.form_get, code=form_code)
    unit = _get(unit_get, user=request.user, code=unit_code)
    try:
        services.form_period(form, period_key)
    except DomainError as error:
        raise Http404(error.message) from error
    report = selectors.report_find(form=form, unit=unit, period_key=period_key)
    return form, unit, report


def _rows(form, values: dict, errors: dict, registry: dict | None = None) -> list[dict]:
    registry = registry or {}
    rows = []
    for i in form.ordered_indicators():
        held = registry.get(i.code)
        rows.append(
            {
                "indicator": i,
                "value": values.get(i.code, ""),
                "error": errors.get(i.code, ""),
                "registry": held,
                "differs": held is not None and differs(values.get(i.code, ""), held[0]),
            }
        )
    return rows


def _registry(report_form, unit, period_key: str) -> dict:
    try:
        period = periods.parse(period_key)
    except periods.PeriodError:
        return {}
    codes = [i.code for i in report_form.ordered_indicators()]
    return registry_figures(unit=unit, period=period, codes=codes)


@login_required
def entry(request, form: str, unit: str, period: str):
    report_form, target, report = _entry_parts(request, form, unit, period)
    stored = selectors.report_values(report=report)
    values = {
        i.code: selectors.display(stored.get(i.code), i) for i in report_form.ordered_indicators()
    }
    errors, problem, version = {}, "", version_of(report)
    if request.method == "POST":
        values = {i.code: request.POST.get(i.code, "") for i in report_form.ordered_indicators()}
        submit = request.POST.get("action") == "submit"
        version = request.POST.get("version", "")  # kept while the user corrects errors
        try:
            report = services.report_save(
                actor=request.user,
                form=report_form,
                unit=target,
                period_key=period,
                values=values,
                submit=submit,
                version=version or None,
            )
        except StaleForm as error:
            problem = error.message
            report = selectors.report_find(form=report_form, unit=target, period_key=period)
            version = version_of(report)
            stored = selectors.report_values(report=report)
            values = {
                i.code: selectors.display(stored.get(i.code), i)
                for i in report_form.ordered_indicators()
            }
        except services.ReportInvalid as error:
            errors, problem = error.errors, error.message
        except DomainError as error:
            problem = error.message
        else:
            if submit:
                done = _(
                    "Sent the report for %(period)s to %(unit)s for approval; it can no "
                    "longer be changed unless returned."
                ) % {
                    "period": report.period_label,
                    "unit": target.parent.name if target.parent else _("the level above"),
                }
            else:
                done = _("Draft saved; not sent yet.")
            messages.success(request, done)
            return redirect("reports:detail", report.pk) if submit else redirect(request.path)
    context = {
        "form": report_form,
        "unit": target,
        "period": period,
        "period_label": periods.key_label(period),
        "report": report,
        "rows": _rows(report_form, values, errors, _registry(report_form, target, period)),
        "problem": problem,
        "version": version,
        "editable": report is None or report.status in ("draft", "returned"),
        "can_enter": permissions.can_enter(request.user, target),
    }
    return render(request, "reports/entry.html", context, status=400 if problem else 200)


@login_required
@require_POST
def entry_check(request, form: str, unit: str, period: str):
    report_form, _target, report = _entry_parts(request, form, unit, period)
    values = {i.code: request.POST.get(i.code, "") for i in report_form.ordered_indicators()}
    errors = services.report_check(form=report_form, report=report, values=values, complete=False)
    return render(request, "reports/_problems.html", {"rows": _rows(report_form, values, errors)})


@login_required
def report_detail(request, pk: int):
    report = _get(selectors.report_get, user=request.user, pk=pk)
    stored = selectors.report_values(report=report)
    context = {
        "report": report,
        "values": [
            (i, selectors.display(stored.get(i.code), i)) for i in report.form.ordered_indicators()
        ],
        "changes": selectors.report_changes(report=report),
        "history": selectors.report_history(report=report),
        "can_approve": permissions.can_approve(request.user, report),
        "can_reopen": permissions.can_reopen(request.user, report),
        "can_enter": permissions.can_enter(request.user, report.unit),
        "reason_form": ReasonForm(),
    }
    return render(request, "reports/detail.html", context)


def _act(request, pk: int, action, done: str):
    report = _get(selectors.report_get, user=request.user, pk=pk)
    try:
        action(actor=request.user, report=report)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % {"unit": report.unit.name, "period": report.period_label})
    return redirect("reports:detail", report.pk)


@login_required
@require_POST
def report_approve(request, pk: int):
    return _act(
        request,
        pk,
        services.report_approve,
        _("Approved the report of %(unit)s for %(period)s; it is locked."),
    )


@login_required
@require_POST
def report_return(request, pk: int):
    reason = request.POST.get("reason", "")

    def action(**kwargs):
        return services.report_return(reason=reason, **kwargs)

    return _act(
        request, pk, action, _("Returned the report for %(period)s to %(unit)s with the reason.")
    )


@login_required
@require_POST
def report_reopen(request, pk: int):
    reason = request.POST.get("reason", "")

    def action(**kwargs):
        return services.report_reopen(reason=reason, **kwargs)

    return _act(
        request, pk, action, _("Reopened the report for %(period)s; %(unit)s can correct it.")
    )


def _target(request, code: str):
    """The unit a rollup is for: the one asked, else the whole country for an administrator,
    else the account's own unit."""
    if code:
        return _get(unit_get, user=request.user, code=code)
    if is_admin(request.user):
        return None
    if request.user.unit is None:
        raise Http404
    return request.user.unit


def _rollup_parts(request):
    """Parse the rollup filters shared by the page and its export."""
    filters = RollupFilterForm(request.GET or None, initial=_initial(request))
    if not filters.is_valid():
        return filters, None
    data = filters.cleaned_data
    unit = _target(request, data["unit"])
    try:
        first = services.form_period(data["form"], data["period"])
        last = services.form_period(data["form"], data["period_to"]) if data["period_to"] else first
    except DomainError as error:
        filters.add_error(None, error.message)
        return filters, None
    form = data["form"]
    return filters, {
        "form": form,
        "unit": unit,
        "first": first,
        "last": last,
        "totals": rollups.rollup_totals(form, first, last, unit),
        "figures": rollups.completeness(form, last, unit),
        "children": rollups.completeness_by_child(form, last, unit),
    }


@login_required
def rollup(request):
    filters, parts = _rollup_parts(request)
    context = {"filters": filters, "parts": parts, "query": request.GET.urlencode()}
    if parts is not None:
        context["missing"] = rollups.missing_units(parts["form"], parts["last"], parts["unit"])[
            :200
        ]
        children = rollups.children_matching(parts["children"], request.GET.get("q", ""))
        context["children"] = page_of(children, request.GET.get("page"), UNITS_PAGE)
        context["q"] = request.GET.get("q", "")
    return render(request, "reports/rollup.html", context)


@login_required
def rollup_export(request):
    _filters, parts = _rollup_parts(request)
    if parts is None:
        raise Http404
    book = excel.rollup_workbook(**parts)
    where = parts["unit"].code if parts["unit"] else "ca-nuoc"
    return workbook_response(book, f"tong-hop-{parts['form'].code}-{where}.xlsx")


@login_required
def excel_template(request):
    chooser = TemplateForm(request.GET)
    if not chooser.is_valid():
        raise Http404
    data = chooser.cleaned_data
    unit = _get(unit_get, user=request.user, code=data["unit"])
    units = [unit]
    try:
        period = services.form_period(data["form"], data["period"])
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reports:home")
    placement = rollups.target_placement(unit, period.end)
    if data["all_units"] and placement is not None:
        codes = rollups.expected_placements(data["form"], period, placement.path).values("unit_id")
        units = list(scoped_units(user=request.user).filter(pk__in=codes).order_by("sort_name"))
    book = excel.template_workbook(form=data["form"], period_key=period.key, units=units)
    return workbook_response(book, f"{data['form'].code}-{unit.code}-{period.key}.xlsx")


@login_required
def excel_upload(request):
    upload = UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and upload.is_valid():
        sheet, submit = upload.cleaned_data["file"], upload.cleaned_data["submit"]
        try:
            data = sheet.read()
            cells = excel.sheet_cells(data, sheet.name)
            if (units := excel.unit_count(cells)) >= excel.background_units():
                job = excel.upload_queue(
                    actor=request.user, data=data, filename=sheet.name, units=units, submit=submit
                )
                return redirect("reports:upload_job", pk=job.pk)
            saved = excel.upload(actor=request.user, cells=cells, submit=submit)
        except DomainError as error:
            problems = [error.message, *getattr(error, "errors", [])]
        else:
            messages.success(request, _("%(n)s report(s) saved.") % {"n": len(saved)})
            return redirect(reverse("reports:home"))
    status = 400 if problems else 200
    return render(
        request, "reports/upload.html", {"upload": upload, "problems": problems}, status=status
    )


@login_required
def upload_job(request, pk: int):
    job = jobs.job_for(actor=request.user, pk=pk, kind=excel.JOB_KIND)
    name = "reports/_upload_job.html" if request.htmx else "reports/upload_job.html"
    return render(request, name, {"job": job})
