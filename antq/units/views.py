"""Unit pages: thin views that parse, call a selector or service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core import jobs
from antq.core.errors import DomainError, NotFound
from antq.core.excel import workbook_response, xlsx_response
from antq.core.forms import add_domain_error
from antq.core.paging import page_of
from antq.core.versions import StaleForm, version_of

from . import importing, permissions, selectors, services
from .choices import UnitKind
from .forms import ImportForm, ReorganiseForm, UnitEditForm, UnitFilterForm, UnitForm


def _get_unit(request, code: str):
    try:
        return selectors.unit_get(user=request.user, code=code)
    except NotFound as error:
        raise Http404(error.message) from error


def _filtered(request):
    """Parse the list filters shared by the browser page and its export."""
    form = UnitFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    node = _get_unit(request, data["unit"]) if data.get("unit") else request.user.unit
    if node is None and not permissions.is_admin(request.user):
        raise Http404
    searching = bool(data.get("q") or data.get("kind"))
    rows = selectors.unit_list(
        user=request.user,
        as_of=data.get("as_of"),
        kind=data.get("kind"),
        q=data.get("q"),
        parent=None if searching else node,
        under=node if searching else None,
    )
    if node is None and not searching:
        rows = rows.filter(parent__isnull=True)
    return form, node, rows


@login_required
def unit_browser(request):
    form, node, rows = _filtered(request)
    context = {
        "form": form,
        "node": node,
        "page": page_of(rows, request.GET.get("page")),
        "ancestors": _ancestors(request, node),
        "can_create": node is not None
        and any(
            permissions.can_create_unit(request.user, parent_path=node.path, kind=k)
            for k in UnitKind.values
        ),
    }
    template = "units/_unit_table.html" if request.htmx else "units/unit_browser.html"
    return render(request, template, context)


def _ancestors(request, node):
    if node is None:
        return []
    codes = [c for c in node.path.split("/") if c][:-1]
    visible = {u.code: u for u in selectors.scoped_units(user=request.user).filter(code__in=codes)}
    return [visible[c] for c in codes if c in visible]


@login_required
def unit_export(request):
    _form, _node, rows = _filtered(request)
    kinds = dict(UnitKind.choices)
    return xlsx_response(
        "don-vi.xlsx",
        title=_("Units"),
        headers=[
            _("Code"),
            _("Name"),
            _("Kind"),
            _("Parent code"),
            _("Managing level"),
            _("Address"),
            _("Reason out of scope of the safety standard"),
            _("Valid from"),
            _("Valid to"),
        ],
        rows=(
            (
                r.unit.code,
                r.name,
                str(kinds[r.unit.kind]),
                r.parent.code if r.parent else "",
                r.unit.get_managing_level_display(),
                r.unit.address,
                r.unit.out_of_scope_reason,
                r.unit.valid_from,
                r.unit.valid_to,
            )
            for r in rows.iterator(chunk_size=2000)
        ),
    )


@login_required
def unit_detail(request, code: str):
    unit = _get_unit(request, code)
    children = selectors.unit_list(user=request.user, parent=unit)
    context = {
        "unit": unit,
        "children": page_of(children, request.GET.get("page")),
        "counts": [
            (UnitKind(k).label, n)
            for k, n in sorted(
                selectors.unit_kind_counts(unit=unit).items(),
                key=lambda kv: UnitKind.values.index(kv[0]),
            )
        ],
        "placements": selectors.unit_placements(unit=unit),
        "reorganisations": unit.reorganisations.all(),
        "successors": unit.successions.select_related("successor"),
        "predecessors": unit.predecessions.select_related("predecessor"),
        "history": selectors.unit_history(unit=unit),
        "can_edit": permissions.can_edit_unit(request.user, unit),
        "can_reorganise": permissions.can_reorganise(request.user, unit),
        # A commune officer's breadcrumb stops at the commune: the province is not theirs.
        "parent_in_scope": unit.parent is not None
        and permissions.in_scope(request.user, unit.parent.path),
    }
    return render(request, "units/unit_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    parent = (
        _get_unit(request, request.GET.get("parent", "")) if request.GET.get("parent") else None
    )
    if not any(
        permissions.can_create_unit(
            request.user, parent_path=parent.path if parent else None, kind=kind
        )
        for kind in UnitKind.values
    ):
        raise PermissionDenied
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, parent=parent, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Created %(unit)s.") % {"unit": unit.name})
            return redirect("units:detail", code=unit.code)
    return render(request, "units/unit_form.html", {"form": form, "parent": parent})


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, code: str):
    unit = _get_unit(request, code)
    if not permissions.can_edit_unit(request.user, unit):
        raise PermissionDenied
    form = UnitEditForm(request.POST or None, initial=_edit_initial(unit))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason, version = data.pop("reason"), data.pop("version")
        try:
            services.unit_update(
                actor=request.user, unit=unit, reason=reason, version=version or None, **data
            )
        except StaleForm as error:
            unit.refresh_from_db()
            form = UnitEditForm(initial=_edit_initial(unit))
            messages.error(request, error.message)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("units:detail", code=unit.code)
    return render(request, "units/unit_edit.html", {"form": form, "unit": unit})


def _edit_initial(unit) -> dict:
    fields = ("name", "managing_level", "address", "out_of_scope_reason")
    return {**{f: getattr(unit, f) for f in fields}, "version": version_of(unit)}


@login_required
@require_http_methods(["GET", "POST"])
def unit_reorganise(request, code: str):
    unit = _get_unit(request, code)
    if not permissions.can_reorganise(request.user, unit):
        raise Http404
    form = ReorganiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = _reorganise(request, unit, form)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The reorganisation is recorded."))
            return redirect("units:detail", code=result.code)
    return render(request, "units/unit_reorganise.html", {"form": form, "unit": unit})


def _reorganise(request, unit, form):
    data = form.cleaned_data
    common = {
        "actor": request.user,
        "on": data["effective_date"],
        "basis": data["basis"],
        "reason": data["reason"],
    }
    action = data["action"]
    if action == "rename":
        return services.unit_rename(unit=unit, name=data["new_name"], **common)
    if action == "move":
        parent = selectors.unit_get(user=request.user, code=data["parent_code"].strip())
        return services.unit_move(unit=unit, parent=parent, **common)
    others = [selectors.unit_get(user=request.user, code=c) for c in form.other_code_list()]
    if action == "merge":
        return services.units_merge(sources=others, into=unit, **common)
    new_unit = services.NewUnit(code=data["new_code"].strip(), name=data["new_name"])
    return services.units_merge(sources=[unit, *others], new_unit=new_unit, **common)


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request):
    if not permissions.can_import_units(request.user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, problem = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        rows = jobs.count_rows(data, upload.name)
        if rows >= jobs.background_rows():
            job = importing.units_import_queue(
                actor=request.user, data=data, filename=upload.name, rows=rows
            )
            return redirect("units:import_job", pk=job.pk)
        try:
            created = importing.units_import(actor=request.user, data=data, filename=upload.name)
        except importing.ImportRejected as error:
            problem, errors = error.message, error.errors
        except DomainError as error:
            problem = error.message
        else:
            messages.success(request, _("Imported %(n)s units.") % {"n": created})
            return redirect("units:browser")
    status = 400 if problem else 200
    return render(
        request,
        "units/unit_import.html",
        {"form": form, "problem": problem, "errors": errors},
        status=status,
    )


@login_required
def unit_import_job(request, pk: int):
    job = jobs.job_for(actor=request.user, pk=pk, kind=importing.JOB_KIND)
    name = "units/_import_job.html" if request.htmx else "units/import_job.html"
    return render(request, name, {"job": job})


@login_required
def unit_import_template(request) -> HttpResponse:
    return workbook_response(importing.template_workbook(), "mau-nhap-don-vi.xlsx")
