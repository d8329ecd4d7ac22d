"""Drafts, generation jobs and provinces' templates: every write of the documents app."""

import logging
from datetime import date
from pathlib import Path

import filetype
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from antq.core.docx_render import TemplateRenderError, render_docx
from antq.core.errors import FieldErrors, PermissionDenied
from antq.reports.periods import PeriodError, PeriodType, parse
from antq.units.models import Unit
from antq.units.selectors import today

from . import annex, certificate, decision, dossier, pdf, permissions, tables
from .figures import ReviewScope, review_sections
from .models import DocumentKind, GeneratedDocument, JobStatus, ProvinceTemplate, ReviewDraft

logger = logging.getLogger(__name__)
DEFAULTS = Path(__file__).resolve().parent / "templates_docx"
JUDGEMENTS = ("strengths", "weaknesses", "causes", "lessons", "directions")
PERIOD_TYPES = {
    DocumentKind.RECOGNITION_DECISION: PeriodType.YEAR,
    DocumentKind.RECOGNITION_DOSSIER: PeriodType.YEAR,
    DocumentKind.FINAL_REVIEW: PeriodType.YEAR,
    DocumentKind.INTERIM_REVIEW: PeriodType.HALF_YEAR,
    DocumentKind.CERTIFICATE: PeriodType.YEAR,
}
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _province_of(unit: Unit) -> Unit:
    code = unit.path.split("/", 1)[0]
    return unit if unit.code == code else Unit.objects.get(code=code)


def _check_kind_period(kind: str, period: str):
    if kind not in DocumentKind.values:
        raise FieldErrors({"kind": _("Unknown kind of document: %(kind)s.") % {"kind": kind}})
    try:
        return parse(period, PERIOD_TYPES[kind])
    except PeriodError as error:
        raise FieldErrors({"period": str(error)}) from error


def draft_save(*, actor, kind: str, unit: Unit, period: str, texts: dict) -> ReviewDraft:
    """Keep the officer's judgement sections of a review."""
    if not permissions.can_generate(actor, unit):
        raise PermissionDenied(_("You may not draft documents for this unit."))
    _check_kind_period(kind, period)
    clean = {key: str(texts.get(key, "")).strip() for key in JUDGEMENTS}
    with transaction.atomic():
        draft, _created = ReviewDraft.objects.get_or_create(
            kind=kind, unit=unit, period=period.strip().upper()
        )
        draft.texts = clean
        draft._change_reason = _("Judgement saved")
        draft.save()
    return draft


def document_request(
    *, actor, kind: str, unit: Unit, period: str, options: dict | None = None
) -> GeneratedDocument:
    """Queue a document's generation on the worker; return the job."""
    allowed = (
        permissions.can_make_certificate
        if kind == DocumentKind.CERTIFICATE
        else permissions.can_generate
    )
    if not allowed(actor, unit):
        raise PermissionDenied(_("You may not generate documents for this unit."))
    parsed = _check_kind_period(kind, period)
    options = dict(options or {})
    if kind == DocumentKind.RECOGNITION_DOSSIER:  # refused now, not in the worker
        dossier.dossier_inputs(unit=unit, year=parsed.start.year)
        options.pop("texts", None)
    if kind == DocumentKind.CERTIFICATE:
        certificate.recognition_of(unit=unit, year=parsed.start.year)
        options.pop("texts", None)
    if "texts" in options:
        draft_save(actor=actor, kind=kind, unit=unit, period=parsed.key, texts=options.pop("texts"))
    with transaction.atomic():
        job = GeneratedDocument(
            kind=kind, unit=unit, period=parsed.key, options=options, requested_by=actor
        )
        job._change_reason = _("Generation requested")
        job.save()
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import generate_document

    generate_document(job_id)


def _progress(job: GeneratedDocument, value: int) -> None:
    GeneratedDocument.objects.filter(pk=job.pk).update(progress=value)


def template_for(kind: str, unit: Unit) -> str | Path:
    own = ProvinceTemplate.objects.filter(province=_province_of(unit), kind=kind).first()
    return own.file.path if own else DEFAULTS / f"{kind}.docx"


def _date_text(day: date) -> str:
    # Decree 30/2020: a day below 10 and the months 1 and 2 take a leading zero.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("day %(d)02d month %(m)s year %(y)d") % {"d": day.day, "m": month, "y": day.year}


def review_context(job: GeneratedDocument, sections, texts: dict, day: date) -> dict:
    unit, options = job.unit, job.options
    province = _province_of(unit)
    own = f"{unit.division_type} {unit.name}" if unit.kind == "province" else unit.name
    title = {
        DocumentKind.FINAL_REVIEW: _(
            "Final review of the movement “All people protect national security” in %(year)s"
        ),
        DocumentKind.INTERIM_REVIEW: _(
            "Interim review of the movement “All people protect national security”, %(period)s"
        ),
    }.get(job.kind, "%(year)s") % {"year": job.period[:4], "period": job.period}
    rows = [r for s in sections for r in s.rows]
    return {
        "issuer_parent": options.get("issuer_parent")
        or (
            _("MINISTRY OF PUBLIC SECURITY")
            if unit.kind == "province"
            else _("POLICE OF %(p)s") % {"p": f"{province.division_type} {province.name}".upper()}
        ),
        "issuer": options.get("issuer") or (_("POLICE OF %(p)s") % {"p": own.upper()}),
        "number": options.get("number") or "      /BC-CA",
        "place": options.get("place") or province.name,
        "date_text": _date_text(day),
        "title": title.upper(),
        "sections": [
            {"number": n, "title": s.title, "rows": [r.as_context() for r in s.rows]}
            for n, s in enumerate(sections, 1)
        ],
        **{key: texts.get(key, "") for key in JUDGEMENTS},
        "recipients": options.get("recipients") or [_("As above")],
        "signer_title": options.get("signer_title") or _("DIRECTOR"),
        "signer_name": options.get("signer_name") or "",
        "annex": [r.as_context() for r in rows],
    }


def document_generate(job_id: int) -> GeneratedDocument:
    """The worker's part: read the figures, fill the template, write .docx, .xlsx and PDF.

    An official document is written in Vietnamese whatever the requester's interface.
    """
    with translation.override("vi"):
        return _generate(job_id)


def _generate(job_id: int) -> GeneratedDocument:
    job = GeneratedDocument.objects.select_related("unit", "requested_by").get(pk=job_id)
    GeneratedDocument.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=5)
    try:
        scope = ReviewScope(user=job.requested_by, unit=job.unit, period=parse(job.period))
        draft = ReviewDraft.objects.filter(kind=job.kind, unit=job.unit, period=job.period).first()
        if job.kind == DocumentKind.CERTIFICATE:
            recognition = certificate.recognition_of(unit=job.unit, year=int(job.period[:4]))
            context, sections = certificate.certificate_context(recognition), []
        elif job.kind == DocumentKind.RECOGNITION_DECISION:
            recognised, classified, sections = decision.decision_rows(job)
            base = review_context(job, sections, {}, today())
            context = decision.decision_context(job, recognised, classified, base)
        elif job.kind == DocumentKind.RECOGNITION_DOSSIER:
            base = review_context(job, [], {}, today())
            context, sections = dossier.dossier_context(job, base)
        else:
            sections = review_sections(scope, lambda n, of: _progress(job, 5 + 60 * n // of))
            context = review_context(job, sections, draft.texts if draft else {}, today())
        docx = render_docx(
            template_for(job.kind, job.unit), context, title=context.get("title", "")
        )
        _progress(job, 75)
        stem = f"{job.kind}-{job.unit.code}-{job.period}"
        if job.kind != DocumentKind.CERTIFICATE:  # a certificate has no tables behind it
            extra = [] if job.kind == DocumentKind.RECOGNITION_DOSSIER else tables.tables_for(scope)
            xlsx = annex.annex_xlsx(context["title"], sections, extra)
        job.refresh_from_db()
        job.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
        if job.kind != DocumentKind.CERTIFICATE:
            job.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
        try:
            job.pdf.save(f"{stem}.pdf", ContentFile(pdf.docx_to_pdf(docx)), save=False)
        except pdf.ConverterMissing:
            job.pdf_note = _(
                "PDF not made: LibreOffice is not installed on the server (%(cmd)s)."
            ) % {"cmd": pdf.INSTALL_HINT}
        except pdf.ConversionFailed as error:
            job.pdf_note = _("PDF not made: the conversion failed (%(why)s).") % {
                "why": str(error)[:300]
            }
        job.status, job.progress = JobStatus.DONE, 100
    except TemplateRenderError as error:
        job.refresh_from_db()
        job.status, job.error = (
            JobStatus.FAILED,
            _("The template cannot be filled: %(p)s.") % {"p": error.placeholder},
        )
    except Exception:  # any failure ends the job with a message, never a job left running
        logger.exception("document %s failed", job_id)
        job.refresh_from_db()
        job.status = JobStatus.FAILED
        job.error = _("The document could not be generated; the error is in the server's log.")
    job._change_reason = _("Generated")
    job.save()
    return job


def sample_context() -> dict:
    """Sample data every template is tried against before it is accepted."""
    row = {
        "ref": "A1",
        "label": "Số buổi tuyên truyền",
        "value": "600",
        "compare": "",
        "source": "…",
        "previous": "550",
    }
    return {
        "issuer_parent": "BỘ CÔNG AN",
        "issuer": "CÔNG AN TỈNH THANH HÓA",
        "number": "01/BC-CAT",
        "place": "Thanh Hóa",
        "date_text": "ngày 15 tháng 12 năm 2026",
        "title": "TỔNG KẾT PHONG TRÀO NĂM 2026",
        "sections": [{"number": 1, "title": "Chỉ tiêu", "rows": [row]}],
        **dict.fromkeys(JUDGEMENTS, "…"),
        "recipients": ["Như trên"],
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn A",
        "annex": [row],
        "signer_authority": "GIÁM ĐỐC CÔNG AN TỈNH",
        "legal_basis": ["Căn cứ …"],
        "article_1": "Điều 1. …",
        "article_2": "Điều 2. …",
        "recognised": [{"n": 1, "name": "Thôn A", "parent": "Xã B", "kind": "Khu dân cư"}],
        "classified": [{"n": 1, "name": "Thôn A", "points": "95", "class_name": "Xuất sắc"}],
        "letter_number": "01/TTr",
        "report_number": "02/BC",
        "minutes_number": "03/BB",
        "unit_name": "Thôn A",
        "year": 2026,
        "recipient": "Thường trực Ban Chỉ đạo …",
        "decider": "Chủ tịch Ủy ban nhân dân …",
        "authority_basis": "Điều 10 …",
        "verdict_text": "đạt tiêu chuẩn",
        "met_count": 7,
        "criteria_count": 7,
        "criteria": [{"id": "4.1", "text": "…", "state": "Đạt", "reason": "…", "citation": "…"}],
        "figures": [{"label": "Số hộ", "value": "120", "source": "…"}],
        "participants": [{"n": 1, "role": "Trưởng khu dân cư", "name": "", "sign": ""}],
        "assessment_status": "Đã xác minh",
        "subtitle": "Đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2026",
        "basis": "Căn cứ …",
        "unit_line": "Thôn A, Xã B",
        "standard_line": "Đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2026.",
    }


def template_upload(
    *, actor, province: Unit, kind: str, content: bytes, name: str
) -> ProvinceTemplate:
    """Replace a province's template, after rendering it against sample data."""
    if not permissions.can_manage_templates(actor, province):
        raise PermissionDenied(_("You may not change this province's templates."))
    if kind not in DocumentKind.values:
        raise FieldErrors({"kind": _("Unknown kind of document: %(kind)s.") % {"kind": kind}})
    if len(content) > MAX_TEMPLATE_BYTES:
        raise FieldErrors({"file": _("The template is larger than 5 MB.")})
    found = filetype.guess(content)
    if found is None or found.mime not in (DOCX_MIME, "application/zip"):
        raise FieldErrors({"file": _("The file is not a Word (.docx) document.")})
    import io

    try:
        render_docx(io.BytesIO(content), sample_context())
    except TemplateRenderError as error:
        raise FieldErrors(
            {
                "file": _(
                    "The template was refused: the placeholder “%(p)s” cannot be filled "
                    "(%(detail)s)."
                )
                % {"p": error.placeholder, "detail": error.detail[:200]}
            }
        ) from error
    with transaction.atomic():
        own = ProvinceTemplate.objects.filter(
            province=province, kind=kind
        ).first() or ProvinceTemplate(province=province, kind=kind)
        own.uploaded_by = actor
        own.file.save(f"{province.code}-{kind}.docx", ContentFile(content), save=False)
        own._change_reason = _("Template uploaded")
        own.save()
    return own
