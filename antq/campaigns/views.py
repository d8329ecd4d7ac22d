"""Campaign pages: thin views that parse, call a selector or service, and render."""

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
from antq.units.selectors import unit_get

from . import exports, permissions, selectors, services
from .forms import (
    ACTIVITY_KINDS,
    ActivityForm,
    AttachmentForm,
    CampaignEditForm,
    CampaignFilterForm,
    CampaignForm,
)
from .models import AttachmentKind


def _filtered(request):
    form = CampaignFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    rows = selectors.campaign_list(
        user=request.user, q=data.get("q"), kind=data.get("kind"), year=data.get("year")
    )
    return form, rows


@login_required
def campaign_list(request):
    form, rows = _filtered(request)
    context = {
        "form": form,
        "page": page_of(rows, request.GET.get("page")),
        "can_create": permissions.can_create(request.user),
    }
    template = "campaigns/_table.html" if request.htmx else "campaigns/list.html"
    return render(request, template, context)


@login_required
def campaign_export(request):
    _form, rows = _filtered(request)
    return exports.campaign_list_response(rows)


def _pick(request, form, owner):
    data = form.cleaned_data
    code = (data.get("root") or "").strip()
    root = _get(unit_get, user=request.user, code=code) if code else owner
    return services.Pick(root=root, kinds=data.get("kinds") or [], codes=form.code_list())


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = request.user.unit
        try:
            campaign = services.campaign_create(
                actor=request.user,
                owner=owner,
                name=data["name"],
                theme=data["theme"],
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                legal_basis=data["legal_basis"],
                pick=_pick(request, form, owner),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Campaign created with %(n)s unit(s) taking part.")
                % {"n": campaign.units.count()},
            )
            return redirect("campaigns:detail", campaign.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "campaigns/form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk: int):
    campaign = _get(selectors.campaign_get, user=request.user, pk=pk)
    if not permissions.can_manage_campaign(request.user, campaign.owner):
        raise PermissionDenied
    initial = {f: getattr(campaign, f) for f in services.EDITABLE_FIELDS}
    form = CampaignEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pick = _pick(request, form, campaign.owner) if data["change_units"] else None
        try:
            services.campaign_update(
                actor=request.user,
                campaign=campaign,
                reason=data["reason"],
                pick=pick,
                **{f: data[f] for f in services.EDITABLE_FIELDS},
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("campaigns:detail", campaign.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "campaign": campaign}
    return render(request, "campaigns/form.html", context, status=status)


@login_required
def campaign_detail(request, pk: int):
    campaign = _get(selectors.campaign_get, user=request.user, pk=pk)
    unit = selectors.viewer_unit(user=request.user, campaign=campaign)
    rows = selectors.activities(campaign=campaign, unit=unit)
    context = {
        "campaign": campaign,
        "unit": unit,
        "totals": selectors.totals(unit=unit, campaign=campaign),
        "page": page_of(rows, request.GET.get("page")),
        "communes": selectors.by_commune(campaign=campaign, unit=unit),
        "taking_part": selectors.units_taking_part(campaign=campaign, unit=unit)[:500],
        "can_edit": permissions.can_manage_campaign(request.user, campaign.owner),
        "can_record": bool(_recordable(request.user, campaign)),
        "history": selectors.campaign_history(campaign=campaign),
    }
    return render(request, "campaigns/detail.html", context)


def _recordable(user, campaign):
    return [
        u
        for u in selectors.recordable_units(user=user, campaign=campaign)
        if permissions.can_record(user, u)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk: int):
    campaign = _get(selectors.campaign_get, user=request.user, pk=pk)
    units = _recordable(request.user, campaign)
    if not units:
        raise PermissionDenied
    form = ActivityForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = _get(unit_get, user=request.user, code=data.pop("unit"))
        try:
            activity = services.activity_record(
                actor=request.user, campaign=campaign, unit=unit, **data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The activity is recorded."))
            return redirect("campaigns:activity", campaign.pk, activity.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "campaign": campaign, "kinds": ACTIVITY_KINDS}
    return render(request, "campaigns/activity_form.html", context, status=status)


def _activity(request, pk: int, activity: int):
    campaign = _get(selectors.campaign_get, user=request.user, pk=pk)
    return _get(selectors.activity_get, user=request.user, campaign=campaign, pk=activity)


@login_required
def activity_detail(request, pk: int, activity: int, *, form=None, status=200):
    row = _activity(request, pk, activity)
    context = {
        "campaign": row.campaign,
        "activity": row,
        "attachments": row.attachments.all(),
        "can_attach": permissions.can_record(request.user, row.unit),
        "form": form or AttachmentForm(),
        "history": selectors.activity_history(activity=row),
    }
    return render(request, "campaigns/activity.html", context, status=status)


@login_required
@require_POST
def attachment_add(request, pk: int, activity: int):
    row = _activity(request, pk, activity)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user, activity=row, upload=form.cleaned_data["file"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The file is attached."))
            return redirect("campaigns:activity", pk, activity)
    return activity_detail(request, pk, activity, form=form, status=400)


@login_required
def attachment_file(request, pk: int, activity: int, file: int):
    row = _activity(request, pk, activity)
    stored = row.attachments.filter(pk=file).first()
    if stored is None:
        raise Http404
    inline = stored.kind == AttachmentKind.PHOTO and request.GET.get("download") != "1"
    response = FileResponse(stored.file.open("rb"), as_attachment=not inline, filename=stored.name)
    response["Content-Type"] = stored.mime if inline else "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def campaign_export_communes(request, pk: int):
    campaign = _get(selectors.campaign_get, user=request.user, pk=pk)
    unit = selectors.viewer_unit(user=request.user, campaign=campaign)
    rows = selectors.by_commune(campaign=campaign, unit=unit)
    return exports.by_commune_response(campaign, unit, rows)
