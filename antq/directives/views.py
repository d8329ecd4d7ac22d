"""Directive pages: thin views that parse, call a selector or service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.errors import DomainError
from antq.core.errors import found_or_404 as _get
from antq.core.forms import add_domain_error
from antq.core.paging import page_of
from antq.units.permissions import is_admin
from antq.units.selectors import unit_get

from . import exports, permissions, selectors, services
from .choices import Stage
from .forms import (
    DirectiveEditForm,
    DirectiveFilterForm,
    DirectiveForm,
    PlanForm,
    RedeployForm,
    ReportForm,
    TrackingForm,
)

NOT_YET_LIMIT = 500


def _filtered(request):
    form = DirectiveFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    rows = selectors.directive_list(
        user=request.user, q=data.get("q"), kind=data.get("kind"), year=data.get("year")
    )
    return form, rows


@login_required
def directive_list(request):
    form, rows = _filtered(request)
    context = {
        "form": form,
        "page": page_of(rows, request.GET.get("page")),
        "can_issue": permissions.can_issue(request.user),
    }
    template = "directives/_table.html" if request.htmx else "directives/list.html"
    return render(request, template, context)


@login_required
def directive_export(request):
    _form, rows = _filtered(request)
    return exports.directive_list_response(rows)


def _audience(request, form) -> services.Audience:
    data = form.cleaned_data
    code = (data.get("root") or "").strip()
    root = _get(unit_get, user=request.user, code=code) if code else request.user.unit
    return services.Audience(root=root, kinds=data.get("kinds") or [], codes=form.code_list())


@login_required
@require_http_methods(["GET", "POST"])
def directive_issue(request):
    if not permissions.can_issue(request.user):
        raise PermissionDenied
    form = DirectiveForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            directive = services.directive_issue(
                actor=request.user,
                issuing_body=data["issuing_body"],
                number=data["number"],
                issued_on=data["issued_on"],
                kind=data["kind"],
                summary=data["summary"],
                file=data["file"],
                requires_plan=data["requires_plan"],
                report_deadline=data["report_deadline"],
                audience=_audience(request, form),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Issued %(number)s to %(n)s unit(s).")
                % {"number": directive.number, "n": directive.deployments.count()},
            )
            return redirect("directives:detail", directive.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "directives/issue.html", {"form": form}, status=status)


@login_required
def directive_detail(request, pk: int):
    directive = _get(selectors.directive_get, user=request.user, pk=pk)
    mine = selectors.deployment_for_user(user=request.user, directive=directive)
    context = {
        "directive": directive,
        "mine": mine,
        "counts": selectors.tracking_counts(directive=directive, unit=_scope_unit(request)),
        "can_edit": permissions.can_edit(request.user, directive),
        "history": selectors.directive_history(directive=directive),
    }
    return render(request, "directives/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def directive_edit(request, pk: int):
    directive = _get(selectors.directive_get, user=request.user, pk=pk)
    if not permissions.can_edit(request.user, directive):
        raise PermissionDenied
    initial = {f: getattr(directive, f) for f in services.EDITABLE_FIELDS}
    form = DirectiveEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.directive_update(
                actor=request.user, directive=directive, reason=reason, **data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("directives:detail", directive.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "directive": directive}
    return render(request, "directives/edit.html", context, status=status)


@login_required
def directive_file(request, pk: int):
    directive = _get(selectors.directive_get, user=request.user, pk=pk)
    return FileResponse(directive.file.open("rb"), as_attachment=True, filename=directive.file_name)


def _deployment(request, pk: int, unit: str):
    directive = _get(selectors.directive_get, user=request.user, pk=pk)
    return _get(selectors.deployment_get, user=request.user, directive=directive, unit_code=unit)


@login_required
def deployment_detail(request, pk: int, unit: str):
    deployment = _deployment(request, pk, unit)
    return _deployment_page(request, deployment)


def _deployment_page(request, deployment, *, forms=None, status=200):
    user = request.user
    context = {
        "deployment": deployment,
        "directive": deployment.directive,
        "can_act": permissions.can_act_for(user, deployment),
        "can_redeploy": permissions.can_redeploy(user, deployment),
        "plan_form": PlanForm(),
        "report_form": ReportForm(),
        "redeploy_form": RedeployForm(),
        "children": selectors.deployment_children(deployment=deployment)[:NOT_YET_LIMIT],
        "history": selectors.deployment_history(deployment=deployment),
        **(forms or {}),
    }
    return render(request, "directives/deployment.html", context, status=status)


@login_required
def deployment_file(request, pk: int, unit: str, which: str):
    deployment = _deployment(request, pk, unit)
    stored, name = {
        "plan": (deployment.plan_file, deployment.plan_file_name),
        "report": (deployment.report_file, deployment.report_file_name),
    }.get(which, (None, ""))
    if not stored:
        raise Http404
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def deployment_acknowledge(request, pk: int, unit: str):
    deployment = _deployment(request, pk, unit)
    read = request.POST.get("read", "1") != "0"
    try:
        services.deployment_acknowledge(actor=request.user, deployment=deployment, read=read)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Recorded as read.") if read else _("Recorded as received."))
    if request.POST.get("next") == "inbox":
        return redirect("directives:inbox")
    return redirect("directives:deployment", pk, unit)


@login_required
@require_POST
def deployment_plan(request, pk: int, unit: str):
    deployment = _deployment(request, pk, unit)
    form = PlanForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.deployment_plan_record(
                actor=request.user,
                deployment=deployment,
                number=data["number"],
                plan_date=data["plan_date"],
                file=data["file"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your plan is recorded."))
            return redirect("directives:deployment", pk, unit)
    return _deployment_page(request, deployment, forms={"plan_form": form}, status=400)


@login_required
@require_POST
def deployment_report(request, pk: int, unit: str):
    deployment = _deployment(request, pk, unit)
    form = ReportForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.deployment_report_send(
                actor=request.user,
                deployment=deployment,
                summary=data["summary"],
                file=data["file"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your result report is sent."))
            return redirect("directives:deployment", pk, unit)
    return _deployment_page(request, deployment, forms={"report_form": form}, status=400)


@login_required
@require_POST
def deployment_redeploy(request, pk: int, unit: str):
    deployment = _deployment(request, pk, unit)
    form = RedeployForm(request.POST)
    if form.is_valid():
        audience = _audience(request, form)
        if not (form.cleaned_data.get("root") or "").strip():
            audience.root = deployment.unit
        try:
            sent, already = services.deployment_redeploy(
                actor=request.user,
                deployment=deployment,
                audience=audience,
                report_deadline=form.cleaned_data["report_deadline"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Sent to %(sent)s unit(s); %(already)s already had it.")
                % {"sent": sent, "already": already},
            )
            return redirect("directives:deployment", pk, unit)
    return _deployment_page(request, deployment, forms={"redeploy_form": form}, status=400)


@login_required
def inbox(request):
    code = request.GET.get("unit", "").strip()
    unit = _get(unit_get, user=request.user, code=code) if code else None
    rows = selectors.inbox(user=request.user, unit=unit)
    context = {"page": page_of(rows, request.GET.get("page")), "unit": unit}
    return render(request, "directives/inbox.html", context)


def _scope_unit(request, code: str = ""):
    """The subtree to count: the unit asked, else the account's own; all for an administrator."""
    if code:
        return _get(unit_get, user=request.user, code=code)
    if request.user.unit is None:
        if is_admin(request.user):
            return None
        raise Http404
    return request.user.unit


def _tracking_parts(request, pk: int):
    directive = _get(selectors.directive_get, user=request.user, pk=pk)
    filters = TrackingForm(request.GET)
    filters.is_valid()
    data = filters.cleaned_data
    unit = _scope_unit(request, (data.get("unit") or "").strip())
    return filters, directive, unit, data.get("stage") or Stage.READ


@login_required
def tracking(request, pk: int):
    filters, directive, unit, stage = _tracking_parts(request, pk)
    missing = selectors.not_yet(directive=directive, unit=unit, stage=stage)
    context = {
        "filters": filters,
        "directive": directive,
        "unit": unit,
        "stage": stage,
        "stage_label": Stage(stage).label,
        "counts": selectors.tracking_counts(directive=directive, unit=unit),
        "children": selectors.tracking_by_child(directive=directive, unit=unit),
        "missing": page_of(missing, request.GET.get("page"), size=NOT_YET_LIMIT),
        "query": request.GET.urlencode(),
    }
    return render(request, "directives/tracking.html", context)


@login_required
def tracking_export(request, pk: int):
    _filters, directive, unit, _stage = _tracking_parts(request, pk)
    return exports.tracking_response(directive, unit)
