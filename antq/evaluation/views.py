"""Pages of the yearly cycle: thin views that parse, call a selector or service, and render."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from antq import rules
from antq.core.errors import DomainError, NotFound
from antq.core.excel import xlsx_response
from antq.core.paging import page_of
from antq.units.choices import UnitKind
from antq.units.selectors import unit_get

from . import dossiers, forms, permissions, selectors, services
from .choices import EVALUATED_KINDS, AssessmentStatus, Authority, ClassificationStatus


def _found(function):
    """Turn NotFound into a 404, so out of scope answers like missing."""

    @wraps(function)
    def wrapper(request, *args, **kwargs):
        try:
            return function(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(error.message) from error

    return wrapper


def _unit_year(request, province, year, code):
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    unit = selectors.evaluated_unit_get(user=request.user, code=code, campaign=campaign)
    return campaign, unit


# A page of tasks is about 25 cards on a phone (issue 9: long lists page, they do not grow).
WORKLIST_PAGE = 25


def _communes(request, campaign) -> list:
    """The communes of the province in the user's scope: the choices of the commune filter."""
    rows = selectors.units_in_scope(user=request.user, campaign=campaign, kind="commune")
    return [p.unit for p in rows]


def _commune(request, communes):
    """The commune asked for in the query, if it is one of the user's; else no filter."""
    return next((c for c in communes if c.code == request.GET.get("commune")), None)


def _worklist(request, campaign) -> dict:
    """The page of the year's tasks asked for, filtered by commune and kind of task."""
    communes = _communes(request, campaign)
    commune, status = _commune(request, communes), request.GET.get("status", "")
    tasks = selectors.worklist(user=request.user, campaign=campaign, commune=commune, status=status)
    return {
        "tasks": page_of(tasks, request.GET.get("page"), WORKLIST_PAGE),
        "task_communes": communes if len(communes) > 1 else [],
        "task_kinds": selectors.TASK_KINDS,
        "task_commune": commune,
        "task_status": status if status in selectors.TASK_KINDS else "",
    }


def _open_form(request, data=None):
    provinces = selectors.provinces_to_open(user=request.user)
    return forms.YearOpenForm(data, provinces=provinces)


@login_required
def home(request):
    years = list(selectors.year_list(user=request.user))
    own = permissions.user_province_code(request.user)
    campaign = next((y for y in years if y.province.code == own), None)
    context = {
        "years": years,
        "campaign": campaign,
        **(_worklist(request, campaign) if campaign else {}),
        "can_open": permissions.can_manage_years(request.user),
        "form": _open_form(request),
    }
    return render(request, "evaluation/home.html", context)


@login_required
@_found
def unit_latest(request, code):
    """A unit's evaluation in the newest year of its province (linked from the unit's page)."""
    unit = unit_get(user=request.user, code=code)
    campaign = selectors.latest_year_of_unit(user=request.user, unit=unit)
    if campaign is None:
        messages.info(request, _("No evaluation year has been opened for this unit's province."))
        return redirect("evaluation:home")
    if unit.kind not in EVALUATED_KINDS:
        return redirect("evaluation:year", campaign.province.code, campaign.year)
    return redirect("evaluation:unit", campaign.province.code, campaign.year, unit.code)


@login_required
@require_POST
@_found
def year_open(request):
    form = _open_form(request, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("evaluation:home")
    code = form.cleaned_data.get("province")
    province = selectors.province_get(user=request.user, code=code) if code else None
    try:
        campaign = services.year_open(
            actor=request.user, year=form.cleaned_data["year"], province=province
        )
        return redirect("evaluation:year", campaign.province.code, campaign.year)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("evaluation:home")


@login_required
@_found
def year_edit(request, province, year):
    """Province staff change the year's periods, deadlines and authorities."""
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    if not permissions.can_manage_years(request.user, campaign.province.code):
        raise Http404
    form = forms.YearForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.year_update(actor=request.user, campaign=campaign, **form.changes())
            messages.success(request, _("Saved."))
            return redirect("evaluation:year", province, year)
        except DomainError as error:
            form.add_error(None, error.message)
    context = {"campaign": campaign, "form": form, "kinds": rules.UNIT_KIND_LABELS}
    return render(request, "evaluation/year_edit.html", context)


@login_required
@_found
def year_detail(request, province, year):
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    form = forms.PolicyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.year_policy_decide(actor=request.user, campaign=campaign, **form.cleaned_data)
            return redirect("evaluation:year", province, year)
        except DomainError as error:
            form.add_error(None, error.message)
    context = {
        "campaign": campaign,
        "policy": selectors.policy_of(campaign),
        "sheets": selectors.sheets_in_force(campaign),
        "form": form,
        "can_manage": permissions.can_manage_years(request.user, campaign.province.code),
        "kinds": rules.UNIT_KIND_LABELS,
        "authorities": dict(Authority.choices),
        **_worklist(request, campaign),
    }
    return render(request, "evaluation/year.html", context)


def _managed_year(request, province, year, kind=None):
    """The year for its province's staff; 404 for anyone else, or for an unknown kind."""
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    if not permissions.can_manage_years(request.user, campaign.province.code):
        raise Http404
    if kind is not None and kind not in EVALUATED_KINDS:
        raise Http404
    return campaign


@login_required
@_found
def year_sheet(request, province, year, kind):
    """Province staff record their own score sheet for a kind: a file, or rows in a grid."""
    campaign = _managed_year(request, province, year, kind)
    sheet = selectors.sheet_for_kind(campaign, kind)
    form = forms.SheetDecisionForm(request.POST or None, request.FILES or None)
    rows, problem, errors = forms.sheet_rows(sheet.items), None, []
    if request.method == "POST":
        items = forms.parse_sheet_rows(request.POST)
        rows = [*items, *forms.sheet_rows((), blanks=3)]
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload:
                    items = services.sheet_file_read(upload.read(), upload.name)
                services.year_sheet_decide(
                    actor=request.user,
                    campaign=campaign,
                    unit_kind=kind,
                    items=items,
                    decision_number=form.cleaned_data["decision_number"],
                    decision_date=form.cleaned_data["decision_date"],
                )
                messages.success(request, _("Saved."))
                return redirect("evaluation:year", province, year)
            except DomainError as error:
                problem, errors = error.message, getattr(error, "errors", [])
    context = {
        "campaign": campaign,
        "kind": kind,
        "kind_label": rules.UNIT_KIND_LABELS.get(kind, kind),
        "sheet": sheet,
        "form": form,
        "rows": rows,
        "problem": problem,
        "errors": errors,
    }
    return render(request, "evaluation/year_sheet.html", context)


@login_required
@_found
def year_sheet_export(request, province, year, kind):
    """The sheet in force as a file with the upload's columns, to edit and upload again."""
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    if kind not in EVALUATED_KINDS:
        raise Http404
    sheet = selectors.sheet_for_kind(campaign, kind)
    return xlsx_response(
        f"bang-diem-{province}-{year}-{kind}.xlsx",
        title=kind,
        headers=[header for _field, header in services.SHEET_COLUMNS],
        rows=((i.id, i.text, float(i.max_points)) for i in sheet.items),
    )


def _registration_filter(request, campaign):
    registered = {"yes": True, "no": False}.get(request.GET.get("registered", ""))
    kind = request.GET.get("kind") or None
    if kind and kind not in rules.UNIT_KINDS:
        kind = None
    commune = _commune(request, _communes(request, campaign))
    return selectors.registration_rows(
        user=request.user, campaign=campaign, kind=kind, under=commune, registered=registered
    )


@login_required
@_found
def registrations(request, province, year):
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    page = page_of(_registration_filter(request, campaign), request.GET.get("page"))
    found = selectors.registrations_by_unit(campaign, (p.unit_id for p in page))
    rows = [(p, found.get(p.unit_id)) for p in page]
    communes = _communes(request, campaign)
    context = {
        "campaign": campaign,
        "page": page,
        "rows": rows,
        "kinds": rules.UNIT_KIND_LABELS,
        "communes": communes if len(communes) > 1 else [],
    }
    return render(request, "evaluation/registrations.html", context)


@login_required
@_found
def registrations_export(request, province, year):
    campaign = selectors.year_get(user=request.user, province=province, year=year)
    rows = _registration_filter(request, campaign)
    found = selectors.registrations_by_unit(campaign, rows.values("unit_id"))
    return xlsx_response(
        f"dang-ky-{province}-{year}.xlsx",
        title=_("Registrations"),
        headers=[_("Code"), _("Name"), _("Kind"), _("Parent unit"), _("Registered on")],
        rows=(
            (
                p.unit.code,
                p.name,
                str(p.unit.get_kind_display()),
                p.parent.name if p.parent else "",
                found[p.unit_id].registered_on if p.unit_id in found else None,
            )
            for p in rows
        ),
    )


@login_required
@_found
def unit_year(request, province, year, code):
    campaign, unit = _unit_year(request, province, year, code)
    registration = selectors.registrations_by_unit(campaign, [unit.pk]).get(unit.pk)
    initial = {"registered_on": selectors.today()}
    form = forms.RegistrationForm(request.POST or None, initial=initial)
    if registration and not request.POST:
        form = forms.RegistrationForm(initial=registration.__dict__)
    upload = forms.DocumentForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_record(
                actor=request.user, campaign=campaign, unit=unit, **form.cleaned_data
            )
            return redirect("evaluation:unit", province, year, code)
        except DomainError as error:
            form.add_error(None, error.message)
    recognition = selectors.recognition_for(campaign=campaign, unit=unit)
    context = {
        "campaign": campaign,
        "unit": unit,
        "registration": registration,
        "form": form,
        "upload": upload,
        "documents": campaign.documents.filter(unit=unit),
        "assessment": selectors.assessment_for(campaign=campaign, unit=unit),
        "recognition": recognition,
        "classification": selectors.classification_for(campaign=campaign, unit=unit),
        "subunits": (
            selectors.subunit_statuses(campaign, unit) if unit.kind == UnitKind.COMMUNE else []
        ),
        "can_act": permissions.can_act_for(request.user, unit),
        "can_decide": permissions.can_decide(request.user, campaign, unit),
        "reason_form": forms.ReasonForm(),
        "decision_form": forms.DecisionForm(),
    }
    return render(request, "evaluation/unit.html", context)


@login_required
@require_POST
@_found
def document_upload(request, province, year, code):
    campaign, unit = _unit_year(request, province, year, code)
    form = forms.DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    else:
        try:
            services.document_attach(
                actor=request.user, campaign=campaign, unit=unit, **form.cleaned_data
            )
        except DomainError as error:
            messages.error(request, error.message)
    return redirect("evaluation:unit", province, year, code)


def _groups(ruleset, kind):
    """Pair each criterion with the items answered for it (its points, or 5.2's included)."""
    items = rules.answerable_items(ruleset, kind)
    groups = []
    for criterion in ruleset.criteria_for(kind):
        if criterion.includes is not None:
            ids = [
                i
                for c in criterion.includes.criteria
                for i in items
                if i == c or i.startswith(f"{c}.")
            ]
        elif criterion.points:
            ids = [p.id for p in criterion.points]
        else:
            ids = [criterion.id]
        groups.append((criterion, [(i, items[i]) for i in ids if i in items]))
    return groups


@login_required
@_found
def document_download(request, province, year, code, pk):
    """Send a dossier file; only to those who see the unit (files are not served publicly)."""
    campaign, unit = _unit_year(request, province, year, code)
    document = campaign.documents.filter(unit=unit, pk=pk).first()
    if document is None:
        raise Http404
    return FileResponse(document.file.open("rb"), as_attachment=True)


def _assessment_context(request, campaign, unit, assessment, answers, figures):
    ruleset = selectors.ruleset_of(campaign)
    error = None
    try:
        verdict, used = selectors.verdict_of(campaign, unit, answers, figures)
    except DomainError as problem:
        verdict, used, error = None, {}, problem.message
    outcomes = {}
    if verdict:
        for criterion in verdict.criteria:
            outcomes[criterion.id] = criterion
            for point in criterion.points:
                outcomes[point.id] = point
    return {
        "campaign": campaign,
        "unit": unit,
        "assessment": assessment,
        "groups": _groups(ruleset, unit.kind),
        "answers": answers,
        "figure_names": [
            (n, ruleset.figures.get(n, n)) for n in rules.figure_names(ruleset, unit.kind)
        ],
        "entered": figures,
        "used": used,
        "verdict": verdict,
        "outcomes": outcomes,
        "notes": selectors.verdict_notes(campaign, unit),
        "error": error,
    }


@login_required
@_found
def assessment(request, province, year, code):
    campaign, unit = _unit_year(request, province, year, code)
    current = selectors.assessment_for(campaign=campaign, unit=unit)
    ruleset = selectors.ruleset_of(campaign)
    answers = dict(current.answers) if current else {}
    figures = dict(current.figures) if current else {}
    if request.method == "POST":
        answers = forms.parse_answers(request.POST, rules.answerable_ids(ruleset, unit.kind))
        figures = forms.parse_figures(request.POST, rules.figure_names(ruleset, unit.kind))
        action = request.POST.get("action", "save")
        try:
            if action in ("save", "submit"):
                current = services.assessment_save(
                    actor=request.user,
                    campaign=campaign,
                    unit=unit,
                    answers=answers,
                    figures=figures,
                )
                if action == "submit":
                    services.assessment_submit(actor=request.user, assessment=current)
            elif action == "verify" and current:
                changed_answers = {k: v for k, v in answers.items() if current.answers.get(k) != v}
                services.assessment_verify(
                    actor=request.user,
                    assessment=current,
                    answers=changed_answers,
                    figures=figures,
                    reason=request.POST.get("reason", ""),
                )
            elif action == "return" and current:
                services.assessment_return(
                    actor=request.user, assessment=current, reason=request.POST.get("reason", "")
                )
            messages.success(request, _("Saved."))
            return redirect("evaluation:assessment", province, year, code)
        except DomainError as error:
            messages.error(request, error.message)
    context = _assessment_context(request, campaign, unit, current, answers, figures)
    editable = current is None or current.status in (
        AssessmentStatus.DRAFT,
        AssessmentStatus.RETURNED,
    )
    context.update(
        can_edit=editable and permissions.can_act_for(request.user, unit),
        can_verify=bool(current)
        and current.status == AssessmentStatus.SUBMITTED
        and permissions.can_verify(request.user, campaign, unit),
        changes=selectors.assessment_changes(current) if current else [],
        history=selectors.assessment_history(current) if current else [],
        dossier_missing=dossiers.dossier_missing(campaign, unit),
    )
    return render(request, "evaluation/assessment.html", context)


@login_required
@require_POST
@_found
def assessment_verdict(request, province, year, code):
    """Return the live verdict for the answers on the page; nothing is stored."""
    campaign, unit = _unit_year(request, province, year, code)
    ruleset = selectors.ruleset_of(campaign)
    answers = forms.parse_answers(request.POST, rules.answerable_ids(ruleset, unit.kind))
    figures = forms.parse_figures(request.POST, rules.figure_names(ruleset, unit.kind))
    clean = {}
    for name, value in figures.items():
        if value.isdigit():
            clean[name] = int(value)
    context = _assessment_context(request, campaign, unit, None, answers, clean)
    return render(request, "evaluation/_verdict.html", context)


@login_required
@require_POST
@_found
def recognition_refuse(request, province, year, code):
    campaign, unit = _unit_year(request, province, year, code)
    form = forms.DecisionForm(request.POST)
    reason = request.POST.get("reason", "")
    try:
        if not form.is_valid():
            raise DomainError(_("Give the decision's number, date, signer and issuing body."))
        data = form.cleaned_data
        data.pop("signer_title")
        services.recognition_refuse(
            actor=request.user, campaign=campaign, unit=unit, reasons=reason, **data
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("evaluation:unit", province, year, code)


@login_required
@require_POST
@_found
def recognition_revoke(request, province, year, code):
    campaign, unit = _unit_year(request, province, year, code)
    recognition = selectors.recognition_for(campaign=campaign, unit=unit)
    if recognition is None:
        raise Http404
    try:
        services.recognition_revoke(
            actor=request.user, recognition=recognition, reason=request.POST.get("reason", "")
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("evaluation:unit", province, year, code)


def certificate(request, province, year, code, fmt):
    """The certificate is made by the documents app; this older address leads there."""
    return redirect("documents:certificate", province, year, code, fmt)


@login_required
@_found
def classification(request, province, year, code):
    campaign, unit = _unit_year(request, province, year, code)
    current = selectors.classification_for(campaign=campaign, unit=unit)
    sheet = selectors.sheet_of(campaign, unit)
    if request.method == "POST":
        scores = forms.parse_scores(request.POST, sheet)
        try:
            if request.POST.get("action") == "review" and current:
                changes = {
                    item_id: (points, request.POST.get(f"r:{item_id}", ""))
                    for item_id, points in scores.items()
                }
                services.classification_review(
                    actor=request.user, classification=current, changes=changes
                )
            else:
                services.classification_self_score(
                    actor=request.user,
                    campaign=campaign,
                    unit=unit,
                    scores=scores,
                    submit=request.POST.get("action") == "submit",
                )
            return redirect("evaluation:classification", province, year, code)
        except DomainError as error:
            messages.error(request, error.message)
    status = current.status if current else ClassificationStatus.DRAFT
    context = {
        "campaign": campaign,
        "unit": unit,
        "classification": current,
        "sheet": sheet,
        "policy": selectors.policy_of(campaign),
        "scores": current.scores if current else {},
        "class_labels": rules.CLASS_LABELS,
        "lift": selectors.lift_items(current) if current and current.scores else [],
        "can_score": status == ClassificationStatus.DRAFT
        and permissions.can_act_for(request.user, unit),
        "can_review": status == ClassificationStatus.SUBMITTED
        and permissions.can_verify(request.user, campaign, unit),
    }
    return render(request, "evaluation/classification.html", context)
