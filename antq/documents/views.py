"""Documents pages: write the judgement, generate, follow the job, download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from antq.core.errors import DomainError, NotFound
from antq.core.forms import add_domain_error
from antq.evaluation import selectors as evaluation
from antq.evaluation.selectors import user_province
from antq.units.selectors import today, unit_get

from . import certificate as certificates
from . import pdf, selectors, services
from .forms import ReviewForm, TemplateUploadForm
from .services import JUDGEMENTS

CONTENT_TYPES = {
    "docx": services.DOCX_MIME,
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _initial(request) -> dict:
    initial = {
        "kind": request.GET.get("kind", "final_review"),
        "unit": request.GET.get("unit") or getattr(request.user.unit, "code", ""),
        "period": request.GET.get("period") or str(today().year),
    }
    try:
        unit = unit_get(user=request.user, code=initial["unit"])
    except NotFound:
        return initial
    draft = selectors.draft_for(kind=initial["kind"], unit=unit, period=initial["period"])
    return {**initial, **(draft.texts if draft else {})}


@login_required
def home(request):
    form = ReviewForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = unit_get(user=request.user, code=data["unit"].strip())
            texts = {key: data[key] for key in JUDGEMENTS}
            if "generate" in request.POST:
                options = {k: data[k] for k in ("number", "signer_title", "signer_name") if data[k]}
                job = services.document_request(
                    actor=request.user,
                    kind=data["kind"],
                    unit=unit,
                    period=data["period"],
                    options={**options, "texts": texts},
                )
                return redirect("documents:job", job.pk)
            services.draft_save(
                actor=request.user, kind=data["kind"], unit=unit, period=data["period"], texts=texts
            )
            messages.success(request, _("The judgement is saved as a draft."))
            return redirect(
                f"{request.path}?kind={data['kind']}&unit={unit.code}&period={data['period']}"
            )
        except DomainError as error:
            add_domain_error(form, error)
    context = {
        "form": form,
        "jobs": selectors.document_list(user=request.user)[:20],
        "converter": pdf.soffice(),
        "install_hint": pdf.INSTALL_HINT,
    }
    return render(request, "documents/home.html", context)


def _job(request, pk):
    try:
        return selectors.document_get(user=request.user, pk=pk)
    except NotFound as error:
        raise Http404(error.message) from error


@login_required
def job(request, pk: int):
    context = {"job": _job(request, pk), "install_hint": pdf.INSTALL_HINT}
    name = "documents/_job.html" if request.htmx else "documents/job.html"
    return render(request, name, context)


@login_required
def file(request, pk: int, name: str):
    found = _job(request, pk)
    if name not in selectors.FILES or not getattr(found, name):
        raise Http404(_("No such file."))
    stored = getattr(found, name)
    filename = f"{found.kind}-{found.unit.code}-{found.period}.{name}"
    return FileResponse(
        stored.open("rb"), as_attachment=True, filename=filename, content_type=CONTENT_TYPES[name]
    )


@login_required
def templates(request):
    province = user_province(request.user)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if province is None:
                raise NotFound(_("Your account belongs to no province."))
            services.template_upload(
                actor=request.user,
                province=province,
                kind=form.cleaned_data["kind"],
                content=upload.read(),
                name=upload.name,
            )
            messages.success(request, _("The province's template is replaced."))
            return redirect("documents:templates")
        except DomainError as error:
            add_domain_error(form, error)
    return render(request, "documents/templates.html", {"form": form, "province": province})


@login_required
def certificate(request, province: str, year: int, code: str, fmt: str):
    """A recognition's certificate: the .docx at once; the PDF made on the worker (POST)."""
    try:
        campaign = evaluation.year_get(user=request.user, province=province, year=year)
        unit = evaluation.evaluated_unit_get(user=request.user, code=code, campaign=campaign)
        recognition = certificates.recognition_of(unit=unit, year=year)
    except NotFound as error:
        raise Http404(error.message) from error
    if fmt == "docx":
        response = HttpResponse(
            certificates.certificate_docx(recognition), content_type=services.DOCX_MIME
        )
        response["Content-Disposition"] = (
            f'attachment; filename="giay-cong-nhan-{unit.code}-{year}.docx"'
        )
        return response
    if fmt != "pdf":
        raise Http404(_("No such file."))
    converter = pdf.soffice()
    if request.method == "POST" and converter:
        try:
            job = services.document_request(
                actor=request.user, kind=certificates.KIND, unit=unit, period=str(year)
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            return redirect("documents:job", job.pk)
    context = {
        "unit": unit,
        "year": year,
        "recognition": recognition,
        "converter": converter,
        "install_hint": pdf.INSTALL_HINT,
        "docx_url": request.path.removesuffix(".pdf") + ".docx",
    }
    return render(request, "documents/certificate.html", context)
