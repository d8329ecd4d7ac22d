"""Import of an existing register: upload, all or nothing, errors by row and column."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.errors import DomainError
from antq.core.excel import workbook_response
from antq.core.forms import add_domain_error

from . import importing, permissions, services
from .forms import ImportForm


@login_required
def import_template(request):
    return workbook_response(importing.template(), "mau-nhap-mo-hinh-tu-quan.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def register_import(request):
    unit = request.user.unit
    if unit is None or not permissions.can_edit_models(request.user, unit.path):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = importing.register_import(
                actor=request.user,
                province=services.province_of(unit),
                upload=form.cleaned_data["file"],
                reason=form.cleaned_data["reason"],
            )
        except importing.ImportRejected as error:
            row_errors = error.errors
            add_domain_error(form, DomainError(error.message))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("Imported %(models)s model(s) and %(sites)s site(s).") % counts
            )
            return redirect("models:model_list")
    context = {"form": form, "row_errors": row_errors}
    return render(request, "models/import.html", context, status=400 if form.errors else 200)
