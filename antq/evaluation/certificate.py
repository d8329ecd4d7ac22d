"""The certificate of recognition (Giấy công nhận, Article 10.1 of Circular 124/2021)."""

from django.utils.translation import gettext as _

from antq.core.documents import OfficialDocument, Paragraph, to_docx, to_pdf
from antq.core.errors import DomainError

from . import selectors
from .models import Recognition

STANDARD = "“An toàn về an ninh, trật tự”"


def _legal_basis(recognition: Recognition) -> str:
    """Cite the ruleset the year was evaluated under (Circular 23/2012 up to 2021)."""
    # A province's additions (Article 8.1) are cited after the Circular they add to.
    return selectors.ruleset_of(recognition.year).citation


def certificate_content(recognition: Recognition) -> OfficialDocument:
    """Return what the certificate of a recognition in force says."""
    if not recognition.in_force:
        raise DomainError(_("A certificate is issued only for a recognition in force."))
    unit = recognition.unit
    year = recognition.year.year
    parent = unit.parent.name if unit.parent else ""
    place = parent or unit.name
    for prefix in ("Phường ", "Xã ", "Thị trấn ", "Đặc khu ", "Tỉnh ", "Thành phố "):
        place = place.removeprefix(prefix)
    unit_line = f"{unit.name}, {parent}" if parent else unit.name
    return OfficialDocument(
        issuing_body=recognition.issuing_body,
        number=recognition.decision_number,
        place=place,
        day=recognition.decision_date,
        title="Giấy công nhận",
        subtitle=f"Đạt tiêu chuẩn {STANDARD} năm {year}",
        body=[
            Paragraph(
                f"Căn cứ {_legal_basis(recognition)} quy định về tiêu chuẩn {STANDARD}; "
                f"căn cứ Quyết định số "
                f"{recognition.decision_number} ngày "
                f"{recognition.decision_date.strftime('%d/%m/%Y')} của "
                f"{recognition.issuing_body},",
                size=13,
            ),
            Paragraph("CÔNG NHẬN", bold=True, centred=True),
            Paragraph(unit_line, bold=True, centred=True, size=16),
            Paragraph(f"Đạt tiêu chuẩn {STANDARD} năm {year}.", centred=True),
        ],
        signer_title=recognition.signer_title or "Chủ tịch",
        signer_name=recognition.signer,
        metadata_title=f"Giấy công nhận — {unit.name} — {year}",
    )


def certificate_docx(recognition: Recognition) -> bytes:
    return to_docx(certificate_content(recognition))


def certificate_pdf(recognition: Recognition) -> bytes:
    return to_pdf(certificate_content(recognition))
