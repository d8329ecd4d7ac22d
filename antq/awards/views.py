"""Award pages: thin views that parse, call a selector or service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from antq.core.errors import DomainError, NotFound, PermissionDenied
from antq.core.errors import found_or_404 as _get
from antq.core.excel import xlsx_response
from antq.core.forms import add_domain_error
from antq.core.paging import page_of
from antq.units.selectors import today, unit_get

from . import certificates, forms, permissions, selectors, services
from .choices import NominationStatus

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or today().year)
    except ValueError:
        return today().year


def _unit(request, form, field="unit"):
    """Resolve a unit code typed in a form; a refusal lands beside the field."""
    try:
        return unit_get(user=request.user, code=form.cleaned_data[field].strip())
    except NotFound as error:
        form.add_error(field, error.message)
        return None


def _forbid(request, error: DomainError):
    if isinstance(error, PermissionDenied):
        return HttpResponse(error.message, status=403)
    raise Http404(error.message)


@login_required
def home(request):
    year = _year(request)
    context = {"year": year, "tasks": selectors.worklist(user=request.user, year=year)}
    return render(request, "awards/home.html", context)


@login_required
def kinds(request):
    context = {"kinds": selectors.kind_list(), "salary": services.basic_salary_on(today())}
    return render(request, "awards/kinds.html", context)


@login_required
def registrations(request):
    year = _year(request)
    form = forms.TitleRegistrationForm(request.POST or None, initial={"registered_on": today()})
    if request.method == "POST" and form.is_valid():
        unit = _unit(request, form)
        if unit is not None:
            try:
                services.title_register(
                    actor=request.user,
                    year=form.cleaned_data["registered_on"].year,
                    unit=unit,
                    kind=form.cleaned_data["kind"],
                    person_name=form.cleaned_data["person_name"],
                    registered_on=form.cleaned_data["registered_on"],
                )
                messages.success(request, _("The title is registered."))
                return redirect(f"{request.path}?year={form.cleaned_data['registered_on'].year}")
            except DomainError as error:
                add_domain_error(form, error)
    rows = page_of(
        selectors.registration_list(user=request.user, year=year), request.GET.get("page")
    )
    standard = selectors.standard_registered(year=year, unit_ids={r.unit_id for r in rows})
    for row in rows:
        row.standard = row.unit_id in standard
    return render(request, "awards/registrations.html", {"form": form, "page": rows, "year": year})


def _nomination_rows(request):
    return selectors.nomination_list(
        user=request.user,
        year=_year(request),
        status=request.GET.get("status", ""),
        kind=request.GET.get("kind", ""),
        q=request.GET.get("q", ""),
    )


@login_required
def nominations(request):
    context = {
        "page": page_of(_nomination_rows(request), request.GET.get("page")),
        "year": _year(request),
        "statuses": NominationStatus.choices,
        "kinds": selectors.kind_list(),
    }
    return render(request, "awards/nominations.html", context)


@login_required
def nominations_export(request):
    rows = (
        (n.pk, n.year, n.kind.name, n.recipient_name, n.unit.name, n.get_status_display())
        for n in _nomination_rows(request).iterator()
    )
    headers = [_("Number"), _("Year"), _("Award kind"), _("Recipient"), _("Unit"), _("Status")]
    return xlsx_response(
        "de-nghi-khen-thuong.xlsx", title=_("Nominations"), headers=headers, rows=rows
    )


@login_required
def nomination_new(request):
    form = forms.NominationForm(
        request.POST or None, initial={"unit": getattr(request.user.unit, "code", "")}
    )
    if request.method == "POST" and form.is_valid():
        unit = _unit(request, form)
        if unit is not None:
            data = form.cleaned_data
            try:
                nomination = services.nomination_create(
                    actor=request.user,
                    year=_year(request),
                    kind=data["kind"],
                    unit=unit,
                    basis=data["basis"],
                    achievements=data["achievements"],
                    person_name=data["person_name"],
                    birth_date=data["birth_date"],
                    position=data["position"],
                    identity_number=data["identity_number"],
                )
                return redirect("awards:nomination", nomination.pk)
            except DomainError as error:
                add_domain_error(form, error)
    return render(request, "awards/nomination_new.html", {"form": form, "year": _year(request)})


def _detail_context(request, nomination, **extra):
    kind = nomination.kind
    return {
        "n": nomination,
        "eligibility": services.nomination_eligibility(nomination),
        "files": nomination.files.all(),
        "can_edit": permissions.can_edit_nomination(request.user, nomination),
        "can_appraise": permissions.can_appraise(request.user, nomination),
        "sees_personal": permissions.sees_personal_data(request.user, nomination.unit),
        "checklist": [
            (i, item, nomination.checklist.get(item)) for i, item in enumerate(kind.checklist)
        ],
        "file_form": extra.pop("file_form", forms.DossierForm()),
        "appraisal_form": extra.pop("appraisal_form", forms.AppraisalForm()),
        "history": nomination.history.select_related("history_user").order_by("-history_date")[:30],
        **extra,
    }


@login_required
def nomination_detail(request, pk: int):
    nomination = _get(selectors.nomination_get, user=request.user, pk=pk)
    return render(request, "awards/nomination.html", _detail_context(request, nomination))


@login_required
@require_POST
def nomination_file(request, pk: int):
    nomination = _get(selectors.nomination_get, user=request.user, pk=pk)
    form = forms.DossierForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.dossier_attach(
                actor=request.user,
                nomination=nomination,
                purpose=form.cleaned_data["purpose"],
                file=form.cleaned_data["file"],
            )
            messages.success(request, _("The file is attached."))
            return redirect("awards:nomination", pk)
        except DomainError as error:
            add_domain_error(form, error)
    context = _detail_context(request, nomination, file_form=form)
    return render(request, "awards/nomination.html", context, status=400)


@login_required
@require_POST
def nomination_submit(request, pk: int):
    nomination = _get(selectors.nomination_get, user=request.user, pk=pk)
    try:
        services.nomination_submit(actor=request.user, nomination=nomination)
        messages.success(request, _("The nomination was sent to the emulation board."))
    except PermissionDenied as error:
        return _forbid(request, error)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("awards:nomination", pk)


@login_required
@require_POST
def nomination_appraise(request, pk: int):
    nomination = _get(selectors.nomination_get, user=request.user, pk=pk)
    form = forms.AppraisalForm(request.POST)
    if form.is_valid():
        checked = {
            item: True
            for i, item in enumerate(nomination.kind.checklist)
            if request.POST.get(f"check-{i}")
        }
        try:
            services.nomination_appraise(
                actor=request.user, nomination=nomination, checklist=checked, **form.cleaned_data
            )
            messages.success(request, _("The appraisal is recorded."))
            return redirect("awards:nomination", pk)
        except PermissionDenied as error:
            return _forbid(request, error)
        except DomainError as error:
            add_domain_error(form, error)
    context = _detail_context(request, nomination, appraisal_form=form)
    return render(request, "awards/nomination.html", context, status=400)


@login_required
def decisions(request):
    rows = page_of(
        selectors.decision_list(user=request.user, year=_year(request)), request.GET.get("page")
    )
    return render(request, "awards/decisions.html", {"page": rows, "year": _year(request)})


@login_required
def decision_new(request):
    if not permissions.can_decide(request.user):
        return HttpResponse(
            _("Only province staff or the leader record award decisions."), status=403
        )
    kind = (
        _get(selectors.kind_get, code=request.GET.get("kind", ""))
        if request.GET.get("kind")
        else None
    )
    accepted = selectors.nomination_list(user=request.user, year=_year(request), status="accepted")
    if kind is not None:
        accepted = accepted.filter(kind=kind)
    form = forms.DecisionForm(request.POST or None, initial={"decided_on": today()})
    if request.method == "POST" and form.is_valid():
        chosen = list(accepted.filter(pk__in=request.POST.getlist("nomination")))
        if kind is None and chosen:
            kind = chosen[0].kind
        try:
            if kind is None:
                raise DomainError(_("Choose at least one accepted nomination."))
            decision = services.decision_record(
                actor=request.user,
                kind=kind,
                year=_year(request),
                nominations=chosen,
                **form.cleaned_data,
            )
            return redirect("awards:decision", decision.pk)
        except DomainError as error:
            add_domain_error(form, error)
    context = {"form": form, "accepted": accepted, "kind": kind, "year": _year(request)}
    return render(request, "awards/decision_new.html", context)


@login_required
def decision_detail(request, pk: int):
    decision = _get(selectors.decision_get, user=request.user, pk=pk)
    awards = selectors.decision_awards(user=request.user, decision=decision)
    total = sum(a.amount or 0 for a in awards)
    return render(
        request, "awards/decision.html", {"decision": decision, "awards": awards, "total": total}
    )


def _file(data: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX if fmt == "docx" else "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def decision_file(request, pk: int, what: str, fmt: str):
    decision = _get(selectors.decision_get, user=request.user, pk=pk)
    if fmt not in ("docx", "pdf") or what not in ("decision", "certificates"):
        raise Http404
    awards = list(
        selectors.decision_awards(user=request.user, decision=decision).select_related(
            "decision__province", "nomination", "unit__parent"
        )
    )
    if what == "decision":
        build = certificates.decision_docx if fmt == "docx" else certificates.decision_pdf
        return _file(build(decision, awards), f"quyet-dinh-{decision.pk}", fmt)
    build = certificates.certificates_docx if fmt == "docx" else certificates.certificates_pdf
    return _file(
        build([certificates.certificate_of(a) for a in awards]), f"bang-khen-{decision.pk}", fmt
    )


@login_required
def certificate(request, pk: int, fmt: str):
    award = _get(selectors.award_get, user=request.user, pk=pk)
    if fmt not in ("docx", "pdf") or award.decision is None:
        raise Http404
    build = certificates.certificates_docx if fmt == "docx" else certificates.certificates_pdf
    return _file(build([certificates.certificate_of(award)]), f"khen-thuong-{award.pk}", fmt)


def _history_rows(request):
    return selectors.award_list(
        user=request.user,
        year=request.GET.get("year") or None,
        kind=request.GET.get("kind", ""),
        q=request.GET.get("q", ""),
    )


@login_required
def award_history(request):
    context = {
        "page": page_of(_history_rows(request), request.GET.get("page")),
        "kinds": selectors.kind_list(),
        "can_revoke": permissions.can_decide(request.user),
        "revoke_form": forms.RevokeForm(initial={"revoked_on": today()}),
    }
    return render(request, "awards/history.html", context)


@login_required
def award_history_export(request):
    rows = (
        (
            a.year,
            a.kind.name,
            a.recipient_name,
            a.unit.name,
            a.decision_number,
            a.decided_on,
            a.amount,
            a.revoked_on,
        )
        for a in _history_rows(request).iterator()
    )
    headers = [
        _("Year"),
        _("Award kind"),
        _("Recipient"),
        _("Unit"),
        _("Decision number"),
        _("Decision date"),
        _("Amount (đồng)"),
        _("Revoked on"),
    ]
    return xlsx_response(
        "lich-su-khen-thuong.xlsx", title=_("Award history"), headers=headers, rows=rows
    )


@login_required
@require_POST
def award_revoke(request, pk: int):
    award = _get(selectors.award_get, user=request.user, pk=pk)
    form = forms.RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the ground, the revocation decision and its date."))
        return redirect("awards:history")
    try:
        services.award_revoke(actor=request.user, award=award, **form.cleaned_data)
        messages.success(request, _("The award is revoked."))
    except PermissionDenied as error:
        return _forbid(request, error)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("awards:history")
