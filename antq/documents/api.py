"""API of the documents app: request a document, follow its job, fetch its files."""

from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from antq.core.errors import NotFound
from antq.units.selectors import unit_get

from . import selectors, services
from .models import GeneratedDocument

router = Router(tags=["documents"])


class DocumentIn(Schema):
    kind: str = Field(examples=["final_review"])
    unit: str = Field(examples=["38"])
    period: str = Field(examples=["2026"])
    options: dict = Field(default_factory=dict, examples=[{"texts": {"strengths": "…"}}])


class DocumentOut(Schema):
    id: int
    kind: str
    unit: str
    period: str
    status: str
    progress: int
    error: str
    pdf_note: str
    files: dict[str, str]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] | None = None


def _out(job: GeneratedDocument) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "unit": job.unit.code,
        "period": job.period,
        "status": job.status,
        "progress": job.progress,
        "error": job.error,
        "pdf_note": job.pdf_note,
        "files": {
            name: f"/api/v1/documents/{job.pk}/files/{name}"
            for name in selectors.FILES
            if getattr(job, name)
        },
    }


@router.post(
    "",
    response={201: DocumentOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary=gettext_lazy("Request a document"),
)
def document_post(request, payload: DocumentIn):
    unit = unit_get(user=request.auth, code=payload.unit)
    job = services.document_request(
        actor=request.auth,
        kind=payload.kind,
        unit=unit,
        period=payload.period,
        options=payload.options,
    )
    job.refresh_from_db()
    return Status(201, _out(job))


@router.get(
    "/{int:pk}",
    response={200: DocumentOut, 404: ErrorOut},
    summary=gettext_lazy("A document's status and files"),
)
def document_status(request, pk: int):
    return _out(selectors.document_get(user=request.auth, pk=pk))


@router.get(
    "/{int:pk}/files/{name}",
    response={200: None, 404: ErrorOut},
    summary=gettext_lazy("Download a document's file (docx, pdf, xlsx)"),
)
def document_file(request, pk: int, name: str):
    job = selectors.document_get(user=request.auth, pk=pk)
    if name not in selectors.FILES or not getattr(job, name):
        raise NotFound(_("No such file."))
    return FileResponse(
        getattr(job, name).open("rb"),
        as_attachment=True,
        filename=f"{job.kind}-{job.unit.code}-{job.period}.{name}",
    )
