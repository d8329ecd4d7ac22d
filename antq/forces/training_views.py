"""Pages for training classes and the province's settings of the force."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.errors import DomainError
from antq.core.forms import add_domain_error
from antq.core.paging import page_of

from . import permissions, selectors, services
from .forms import ParticipantForm, SettingsForm, TrainingClassForm
from .views import _get, _node


@login_required
@require_http_methods(["GET", "POST"])
def training_list(request):
    node = _node(request, request.GET.get("unit", ""))
    if node is None:
        raise Http404(_("Choose a unit."))
    can_edit = permissions.can_edit_force(request.user, node.path)
    form = TrainingClassForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                training = services.training_class_create(
                    actor=request.user, unit=node, **form.cleaned_data
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The class was recorded."))
                return redirect("forces:training_detail", training.pk)
    rows = selectors.training_list(user=request.user, under=node)
    context = {
        "node": node,
        "page": page_of(rows, request.GET.get("page")),
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "forces/training_list.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def training_detail(request, pk: int):
    training = _get(selectors.training_get, user=request.user, pk=pk)
    see_members = permissions.can_see_members(request.user, training.path)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_edit_force(request.user, training.path):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                member = selectors.member_by_identity(
                    user=request.user, identity_number=data["identity_number"]
                )
                services.participant_record(
                    actor=request.user,
                    training=training,
                    member=member,
                    passed=data["passed"],
                    certificate_number=data["certificate_number"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("forces:training_detail", training.pk)
    context = {
        "training": training,
        "participants": selectors.training_participants(training=training) if see_members else None,
        "form": form,
        "can_edit": permissions.can_edit_force(request.user, training.path),
    }
    return render(
        request, "forces/training_detail.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    node = _node(request, request.GET.get("unit", ""))
    if node is None:
        raise Http404(_("Choose a unit."))
    province = services.province_of(node)
    if not permissions.can_configure(request.user, province):
        raise PermissionDenied
    current = services.settings_for(province)
    fields = ("teams_per_area", "members_per_area", "excellent_quota_percent", "quota_base")
    initial = {f: getattr(current, f) for f in (*fields, "basis", "provisional")}
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.settings_update(actor=request.user, province=province, reason=reason, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{request.path}?unit={province.code}")
    context = {"form": form, "province": province, "settings": current}
    return render(request, "forces/settings.html", context, status=400 if form.errors else 200)
