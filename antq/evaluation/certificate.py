"""What the certificate of recognition says (Giấy công nhận, Article 10.1 of Circular 124/2021).

Only the words are decided here; the documents app lays them out in its Word template and
converts that to PDF (`antq.documents.certificate`).
"""

from django.utils.translation import gettext as _

from antq.core.errors import DomainError

from . import selectors
from .models import Recognition

STANDARD = "“An toàn về an ninh, trật tự”"


def _legal_basis(recognition: Recognition) -> str:
    """Cite the ruleset the year was evaluated under (Circular 23/2012 up to 2021)."""
    # A province's additions (Article 8.1) are cited after the Circular they add to.
    return selectors.ruleset_of(recognition.year).citation


def _date_text(day) -> str:
    """Decree 30/2020: a day below 10 and the months 1 and 2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def certificate_content(recognition: Recognition) -> dict:
    """Return the certificate's texts, keyed as the certificate template's placeholders."""
    if not recognition.in_force:
        raise DomainError(_("A certificate is issued only for a recognition in force."))
    unit = recognition.unit
    year = recognition.year.year
    parent = unit.parent.name if unit.parent else ""
    place = parent or unit.name
    for prefix in ("Phường ", "Xã ", "Thị trấn ", "Đặc khu ", "Tỉnh ", "Thành phố "):
        place = place.removeprefix(prefix)
    return {
        "issuer": recognition.issuing_body.upper(),
        "number": recognition.decision_number,
        "place": place,
        "date_text": _date_text(recognition.decision_date),
        "subtitle": f"Đạt tiêu chuẩn {STANDARD} năm {year}",
        "basis": (
            f"Căn cứ {_legal_basis(recognition)} quy định về tiêu chuẩn {STANDARD}; "
            f"căn cứ Quyết định số {recognition.decision_number} ngày "
            f"{recognition.decision_date:%d/%m/%Y} của {recognition.issuing_body},"
        ),
        "unit_line": f"{unit.name}, {parent}" if parent else unit.name,
        "standard_line": f"Đạt tiêu chuẩn {STANDARD} năm {year}.",
        "signer_title": (recognition.signer_title or "Chủ tịch").upper(),
        "signer_name": recognition.signer,
        "title": f"Giấy công nhận — {unit.name} — {year}",
    }
