"""Pages of the models registry: thin views that parse, call a selector or service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.errors import DomainError, NotFound, PermissionDenied
from antq.core.excel import xlsx_response
from antq.core.forms import add_domain_error
from antq.core.paging import page_of
from antq.units.selectors import today, unit_get

from . import permissions, selectors, services
from .choices import ModelField, RecognisingLevel
from .forms import JudgementForm, ModelFilterForm, ModelForm, SiteForm, StatisticsForm, StatusForm
from .forms import TeamForm as ModelTeamForm


def _get(fetch, **kwargs):
    try:
        return fetch(**kwargs)
    except NotFound as error:
        raise Http404(error.message) from error
    except PermissionDenied as error:
        raise DjangoPermissionDenied(error.message) from error


def _node(request, code: str):
    return _get(unit_get, user=request.user, code=code) if code else request.user.unit


# --- models ----------------------------------------------------------------------------------


def _models(request):
    form = ModelFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    node = _node(request, data.get("unit"))
    rows = selectors.model_list(
        user=request.user,
        under=node,
        **{k: data.get(k, "") for k in ("q", "field", "serves", "level", "status")},
    )
    return form, node, rows


@login_required
def model_list(request):
    form, node, rows = _models(request)
    context = {
        "form": form,
        "node": node,
        "page": page_of(rows, request.GET.get("page")),
        "can_create": node is not None and permissions.can_edit_models(request.user, node.path),
    }
    return render(request, "models/model_list.html", context)


@login_required
def model_export(request):
    rows = _models(request)[2]
    return xlsx_response(
        "mo-hinh-tu-quan.xlsx",
        title=_("Self-management models"),
        headers=[
            _("Model name"),
            _("Serves"),
            _("Field"),
            _("Owning unit"),
            _("Recognising level"),
            _("Founding decision number"),
            _("Founding decision date"),
            _("Signed by"),
            _("Status"),
            _("Sites"),
            _("Teams"),
        ],
        rows=(
            (
                m.name,
                m.serves_labels(),
                m.get_field_display(),
                m.owner.name,
                m.get_level_display(),
                m.decision_number,
                m.decision_date,
                m.decision_signer,
                m.get_status_display(),
                m.site_count,
                m.team_count,
            )
            for m in rows
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def model_create(request):
    owner = _node(request, request.GET.get("owner", ""))
    if owner is None:
        raise Http404(_("Choose the owning unit first."))
    if not permissions.can_edit_models(request.user, owner.path):
        raise DjangoPermissionDenied
    form = ModelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            model = services.model_create(actor=request.user, owner=owner, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The model was registered."))
            return redirect("models:model_detail", model.pk)
    status = 400 if form.errors else 200
    return render(request, "models/model_form.html", {"form": form, "owner": owner}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def model_edit(request, pk: int):
    model = _get(selectors.model_get, user=request.user, pk=pk)
    if not permissions.can_edit_models(request.user, model.path):
        raise DjangoPermissionDenied
    initial = {f: getattr(model, f) for f in services.MODEL_FIELDS} | {"serves": model.serves}
    form = ModelForm(request.POST or None, initial=initial)
    form.fields["reason"].required = True
    if request.method == "POST" and form.is_valid():
        try:
            services.model_update(actor=request.user, model=model, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("models:model_detail", model.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "owner": model.owner, "model": model}
    return render(request, "models/model_form.html", context, status=status)


def _judgement_form(model, sites, data=None, files=None):
    grades, provisional = services.grade_scale(services.province_of(model.owner))
    return JudgementForm(
        data,
        files,
        initial={"year": today().year, "judged_on": today()},
        sites=sites,
        grades=grades,
        provisional=provisional,
        model_label=_("The model as a whole"),
    )


@login_required
def model_detail(request, pk: int):
    model = _get(selectors.model_get, user=request.user, pk=pk)
    sites = list(selectors.model_sites(model=model))
    context = {
        "model": model,
        "sites": sites,
        "judgements": selectors.model_judgements(model=model),
        "status_form": StatusForm(initial={"on": today()}),
        "site_form": SiteForm(initial={"started_on": today()}),
        "team_form": ModelTeamForm(sites=sites),
        "judgement_form": _judgement_form(model, sites),
        "history": selectors.model_history(model=model),
        "related_history": selectors.model_related_history(model=model),
        "can_edit": permissions.can_edit_models(request.user, model.path),
    }
    return render(request, "models/model_detail.html", context)


def _errors_message(request, form) -> None:
    messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))


@login_required
@require_POST
def model_action(request, pk: int, action: str):
    """Status, a new site, a new team or a judgement, posted from the model's page."""
    model = _get(selectors.model_get, user=request.user, pk=pk)
    sites = list(selectors.model_sites(model=model))
    forms = {
        "status": lambda: StatusForm(request.POST),
        "site": lambda: SiteForm(request.POST),
        "team": lambda: ModelTeamForm(request.POST, sites=sites),
        "judgement": lambda: _judgement_form(model, sites, request.POST, request.FILES),
    }
    if action not in forms:
        raise Http404
    form = forms[action]()
    if not form.is_valid():
        _errors_message(request, form)
        return redirect("models:model_detail", model.pk)
    data = dict(form.cleaned_data)
    by_pk = {s.pk: s for s in sites}
    try:
        if action == "status":
            services.model_set_status(actor=request.user, model=model, **data)
        elif action == "site":
            unit = unit_get(user=request.user, code=data.pop("unit"))
            services.site_add(actor=request.user, model=model, unit=unit, **data)
        elif action == "team":
            services.team_add(actor=request.user, site=by_pk[data.pop("site")], **data)
        else:
            site = by_pk.get(data.pop("site") or 0)
            upload = data.pop("evidence")
            services.judgement_record(
                actor=request.user,
                model=model,
                site=site,
                evidence=[upload] if upload else [],
                **data,
            )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("models:model_detail", model.pk)


# --- statistics ------------------------------------------------------------------------------


def _statistics(request):
    form = StatisticsForm(request.GET)
    form.is_valid()
    node = _node(request, form.cleaned_data.get("unit"))
    if node is None:
        raise Http404(_("Choose a unit."))
    year = form.cleaned_data.get("year") or today().year
    return form, node, year


def _by(figures: dict, key: str, choices) -> list[tuple[str, int]]:
    return [(str(label), figures[key][value]) for value, label in choices.choices]


@login_required
def statistics(request):
    form, node, year = _statistics(request)
    figures = selectors.statistics(unit=node, year=year)
    context = {
        "form": form,
        "node": node,
        "year": year,
        "figures": figures,
        "models_by_level": _by(figures, "models_by_level", RecognisingLevel),
        "models_by_field": _by(figures, "models_by_field", ModelField),
        "examples_by_level": _by(figures, "examples_by_level", RecognisingLevel),
        "examples_by_field": _by(figures, "examples_by_field", ModelField),
        "breakdown": selectors.statistics_breakdown(unit=node, year=year),
    }
    return render(request, "models/statistics.html", context)


@login_required
def statistics_export(request):
    _form, node, year = _statistics(request)
    figures = selectors.statistics(unit=node, year=year)
    rows = [(node.name, figures["models"], figures["sites"], figures["teams"], figures["examples"])]
    rows += [
        ("— " + r["unit"].name, r["models"], r["sites"], r["teams"], r["examples"])
        for r in selectors.statistics_breakdown(unit=node, year=year)
    ]
    rows.append(("", "", "", "", ""))
    for title, key, choices in (
        (_("Models by recognising level"), "models_by_level", RecognisingLevel),
        (_("Models by field"), "models_by_field", ModelField),
    ):
        rows.append((str(title), "", "", "", ""))
        rows += [(label, n, "", "", "") for label, n in _by(figures, key, choices)]
    return xlsx_response(
        f"thong-ke-mo-hinh-{node.code}-{year}.xlsx",
        title=_("Models statistics"),
        headers=[_("Unit"), _("Models"), _("Sites"), _("Teams"), _("Exemplary examples")],
        rows=rows,
    )
