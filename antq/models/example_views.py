"""Pages of the exemplary examples."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.errors import DomainError
from antq.core.excel import xlsx_response
from antq.core.forms import add_domain_error
from antq.core.paging import page_of

from . import permissions, selectors, services
from .forms import ExampleFilterForm, ExampleForm
from .views import _get, _node


def _examples(request):
    form = ExampleFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    node = _node(request, data.get("unit"))
    rows = selectors.example_list(
        user=request.user,
        under=node,
        q=data.get("q", ""),
        kind=data.get("kind", ""),
        field=data.get("field", ""),
        year=data.get("year"),
    )
    return form, node, rows


@login_required
def example_list(request):
    form, node, rows = _examples(request)
    context = {
        "form": form,
        "node": node,
        "page": page_of(rows, request.GET.get("page")),
        "can_create": node is not None and permissions.can_edit_models(request.user, node.path),
    }
    return render(request, "models/example_list.html", context)


@login_required
def example_export(request):
    rows = _examples(request)[2]
    return xlsx_response(
        "dien-hinh-tien-tien.xlsx",
        title=_("Exemplary examples"),
        headers=[
            _("Name"),
            _("Kind"),
            _("Unit"),
            _("Model"),
            _("Field"),
            _("Recognising level"),
            _("Decision number"),
            _("Decision date"),
            _("Achievement"),
        ],
        rows=(
            (
                e.name,
                e.get_kind_display(),
                e.unit.name,
                e.model.name if e.model else "",
                e.get_field_display(),
                e.get_level_display(),
                e.decision_number,
                e.decision_date,
                e.reason,
            )
            for e in rows
        ),
    )


def _model_choices(request, unit):
    return selectors.model_list(user=request.user, under=unit)


def _model_of(request, data):
    pk = data.pop("model", None)
    return _get(selectors.model_get, user=request.user, pk=pk) if pk else None


@login_required
@require_http_methods(["GET", "POST"])
def example_create(request):
    unit = _node(request, request.GET.get("unit", ""))
    if unit is None:
        raise Http404(_("Choose the unit first."))
    if not permissions.can_edit_models(request.user, unit.path):
        raise DjangoPermissionDenied
    form = ExampleForm(request.POST or None, models=_model_choices(request, unit))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            model = _model_of(request, data)
            example = services.example_create(actor=request.user, unit=unit, model=model, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The exemplary example was recorded."))
            return redirect("models:example_detail", example.pk)
    status = 400 if form.errors else 200
    return render(request, "models/example_form.html", {"form": form, "unit": unit}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def example_edit(request, pk: int):
    example = _get(selectors.example_get, user=request.user, pk=pk)
    if not permissions.can_edit_models(request.user, example.path):
        raise DjangoPermissionDenied
    initial = {f: getattr(example, f) for f in services.EXAMPLE_FIELDS}
    initial["model"] = example.model_id
    form = ExampleForm(
        request.POST or None, initial=initial, models=_model_choices(request, example.unit)
    )
    form.fields["change_reason"].required = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            model = _model_of(request, data)
            services.example_update(actor=request.user, example=example, model=model, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("models:example_detail", example.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "unit": example.unit, "example": example}
    return render(request, "models/example_form.html", context, status=status)


@login_required
def example_detail(request, pk: int):
    example = _get(selectors.example_get, user=request.user, pk=pk)
    context = {
        "example": example,
        "history": selectors.example_history(example=example),
        "can_edit": permissions.can_edit_models(request.user, example.path),
    }
    return render(request, "models/example_detail.html", context)
