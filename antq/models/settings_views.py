"""The province's grading scale for models (no national scale exists: guidance 22)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.errors import DomainError
from antq.core.forms import add_domain_error

from . import permissions, services
from .forms import GradeScaleForm
from .models import GradeLevel


@login_required
@require_http_methods(["GET", "POST"])
def grade_scale(request):
    unit = request.user.unit
    if unit is None:
        raise PermissionDenied
    province = services.province_of(unit)
    if not permissions.can_configure(request.user, province):
        raise PermissionDenied
    grades, provisional = services.grade_scale(province)
    basis = GradeLevel.objects.filter(province=province).values_list("basis", flat=True).first()
    initial = {"grades": "\n".join(f"{c} | {label}" for c, label in grades), "basis": basis}
    form = GradeScaleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.grade_scale_set(actor=request.user, province=province, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The grading scale was saved."))
            return redirect("models:grade_scale")
    context = {"form": form, "province": province, "grades": grades, "provisional": provisional}
    return render(request, "models/grade_scale.html", context, status=400 if form.errors else 200)
