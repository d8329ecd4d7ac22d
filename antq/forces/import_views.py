"""Import of an existing register: upload, all or nothing, errors by row and column."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.errors import DomainError
from antq.core.excel import workbook_response
from antq.core.forms import add_domain_error

from . import importing, permissions
from .forms import ImportForm
from .views import _node


@login_required
def import_template(request):
    return workbook_response(importing.template(), "mau-nhap-to-bao-ve-antt.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def register_import(request):
    commune = _node(request, request.GET.get("commune", ""))
    if commune is None or commune.kind != "commune":
        raise Http404(_("Open the team list of a commune first."))
    if not permissions.can_edit_force(request.user, commune.path):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = importing.register_import(
                actor=request.user,
                commune=commune,
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
                request,
                _("Imported %(teams)s team(s) and %(members)s member(s).") % counts,
            )
            return redirect(f"{_team_list_url()}?unit={commune.code}")
    context = {"form": form, "commune": commune, "row_errors": row_errors}
    return render(request, "forces/import.html", context, status=400 if form.errors else 200)


def _team_list_url() -> str:
    from django.urls import reverse

    return reverse("forces:team_list")
