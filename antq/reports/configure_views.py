"""Pages where province staff define indicators and forms (the same services as the API)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.errors import DomainError, NotFound
from antq.core.forms import add_domain_error

from . import configuration, permissions, selectors
from .forms import FormSettingsForm, IndicatorForm, NewFormForm
from .models import Indicator


def _require_configurer(request) -> None:
    if not permissions.can_configure(request.user):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def configure(request):
    """The forms and indicators in use, and the two forms that add to them."""
    _require_configurer(request)
    indicator_form = IndicatorForm(request.POST if "add_indicator" in request.POST else None)
    new_form = NewFormForm(request.POST if "add_form" in request.POST else None)
    if indicator_form.is_bound and indicator_form.is_valid():
        try:
            configuration.indicator_create(actor=request.user, **indicator_form.cleaned_data)
        except DomainError as error:
            add_domain_error(indicator_form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("reports:configure")
    if new_form.is_bound and new_form.is_valid():
        data = {k: v for k, v in new_form.cleaned_data.items() if k != "indicators"}
        try:
            form = configuration.report_form_create(
                actor=request.user, indicators=new_form.indicator_codes(), **data
            )
        except DomainError as error:
            add_domain_error(new_form, error)
        else:
            messages.success(request, _("Created the form %(form)s.") % {"form": form.name})
            return redirect("reports:configure")
    return render(
        request,
        "reports/configure.html",
        {
            "forms": selectors.form_list(active=False),
            "indicators": Indicator.objects.order_by("code"),
            "indicator_form": indicator_form,
            "new_form": new_form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_settings(request, code: str):
    _require_configurer(request)
    try:
        form = selectors.form_get(code=code)
    except NotFound as error:
        raise Http404 from error
    fields = ("name", "deadline_days", "on_time_days", "late_entry_open", "active", "deadline_note")
    settings_form = FormSettingsForm(
        request.POST or None, initial={f: getattr(form, f) for f in fields}
    )
    if request.method == "POST" and settings_form.is_valid():
        values = dict(settings_form.cleaned_data)
        reason = values.pop("reason")
        try:
            configuration.report_form_update(actor=request.user, form=form, reason=reason, **values)
        except DomainError as error:
            add_domain_error(settings_form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("reports:configure")
    return render(
        request, "reports/form_settings.html", {"report_form": form, "form": settings_form}
    )
