"""Certificates (Bằng khen, Giấy khen) and the award decision with its annex, as .docx and PDF.

The decision uses the shared official layout (`antq.core.documents`). A certificate is not a
numbered administrative document but a diploma: national heading, the awarding authority,
the form of award in large capitals, the recipient, the achievement, place and date, the
signer, and the decision it was given by. Several certificates go in one file, one a page,
with the same fonts as the shared layout (DejaVu Serif embedded in the PDF).
"""

import io
from dataclasses import dataclass
from datetime import date

from antq.core.documents import (
    FONTS,
    MOTTO,
    NATION,
    WORD_FONT,
    OfficialDocument,
    Paragraph,
    to_docx,
    to_pdf,
)

from .models import Award, Decision


@dataclass(frozen=True)
class Certificate:
    authority: str
    form: str
    recipient: str
    detail: str
    achievement: str
    place_and_date: str
    signer_title: str
    signer: str
    reference: str


def _place(decision: Decision) -> str:
    name = decision.province.name
    for prefix in ("Tỉnh ", "Thành phố "):
        name = name.removeprefix(prefix)
    return name


def _place_and_date(place: str, day: date) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _form(award: Award) -> str:
    return "BẰNG KHEN" if award.kind.name.startswith("Bằng khen") else "GIẤY KHEN"


def certificate_of(award: Award) -> Certificate:
    decision = award.decision
    if award.person_name:
        recipient = award.person_name
        detail = (
            f"{award.nomination.position}, {award.unit.name}"
            if award.nomination
            else award.unit.name
        )
    else:
        recipient = award.unit.name
        detail = award.unit.parent.name if award.unit.parent else ""
    return Certificate(
        authority=decision.signer_title.upper(),
        form=_form(award),
        recipient=recipient,
        detail=detail,
        achievement=(
            "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc "
            f"năm {award.year}."
        ),
        place_and_date=_place_and_date(_place(decision), decision.decided_on),
        signer_title=decision.signer_title.upper(),
        signer=decision.signer,
        reference=(
            f"Quyết định số {decision.number} ngày {decision.decided_on:%d/%m/%Y} — "
            f"Số: {award.pk:05d}"
        ),
    )


def certificates_docx(certificates: list[Certificate]) -> bytes:
    """Return the certificates as one Word file, one a page."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    word = Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for margin in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, margin, Cm(2))
    word.styles["Normal"].font.name = WORD_FONT

    def line(text, *, size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER):
        paragraph = word.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(4)
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.size, run.font.name = Pt(size), WORD_FONT
        return paragraph

    for index, c in enumerate(certificates):
        if index:
            word.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        line(NATION, size=14, bold=True)
        line(MOTTO, size=14, bold=True)
        line("")
        line(c.authority, size=16, bold=True)
        line("TẶNG", size=14, bold=True)
        line(c.form, size=36, bold=True)
        line(c.recipient, size=22, bold=True)
        if c.detail:
            line(c.detail, size=15)
        line(c.achievement, size=15, italic=True)
        line(c.place_and_date, size=13, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        line(c.signer_title, size=13, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        line("")
        line(c.signer, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        line(c.reference, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def certificates_pdf(certificates: list[Certificate]) -> bytes:
    """Return the certificates as one PDF, one a landscape page, Vietnamese font embedded."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4", unit="mm")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(auto=False)
    for style, name in (("", ""), ("B", "-Bold"), ("I", "-Italic"), ("BI", "-BoldItalic")):
        pdf.add_font("Serif", style, str(FONTS / f"DejaVuSerif{name}.ttf"))
    pdf.set_creator("ANTQ")
    width = 297 - 40

    def centred(text, style="", size=14, height=8, align="C"):
        pdf.set_font("Serif", style, size)
        pdf.multi_cell(width, height, text, align=align, new_x="LMARGIN", new_y="NEXT")

    for c in certificates:
        pdf.add_page()
        pdf.rect(8, 8, 297 - 16, 210 - 16)
        centred(NATION, "B", 13, 7)
        centred(MOTTO, "B", 13, 7)
        pdf.ln(4)
        centred(c.authority, "B", 15)
        centred("TẶNG", "B", 13)
        centred(c.form, "B", 34, 16)
        centred(c.recipient, "B", 20, 11)
        if c.detail:
            centred(c.detail, "", 14)
        centred(c.achievement, "I", 14)
        pdf.ln(4)
        centred(c.place_and_date, "I", 12, 7, "R")
        centred(c.signer_title, "B", 12, 7, "R")
        pdf.ln(14)
        centred(c.signer, "B", 13, 7, "R")
        pdf.set_y(185)
        centred(c.reference, "", 10, 6, "L")
    return bytes(pdf.output())


def decision_content(decision: Decision, awards: list[Award]) -> OfficialDocument:
    """The decision with its annex: each recipient, the amount and the total."""
    body = [
        Paragraph(
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; căn cứ Nghị định "
            "số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ; xét đề nghị của "
            "Hội đồng Thi đua - Khen thưởng,",
            size=13,
        ),
        Paragraph("QUYẾT ĐỊNH:", bold=True, centred=True),
        Paragraph(
            f"Điều 1. Tặng {decision.kind.name} cho {len(awards)} tập thể, cá nhân có tên "
            "tại danh sách kèm theo, đã có thành tích xuất sắc trong phong trào toàn dân bảo "
            f"vệ an ninh Tổ quốc năm {decision.year}.",
            size=13,
        ),
        Paragraph(
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Các cơ quan, đơn vị và tập thể, "
            "cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
            size=13,
        ),
        Paragraph("DANH SÁCH KÈM THEO", bold=True, centred=True),
    ]
    total = 0
    for index, award in enumerate(awards, start=1):
        who = award.person_name or award.unit.name
        where = f", {award.unit.name}" if award.person_name else ""
        amount = f"{award.amount:,}".replace(",", ".") + " đồng" if award.amount else "—"
        total += award.amount or 0
        body.append(Paragraph(f"{index}. {who}{where}: {amount}", size=13))
    body.append(Paragraph(f"Tổng cộng: {total:,}".replace(",", ".") + " đồng", bold=True, size=13))
    return OfficialDocument(
        issuing_body=decision.issuing_body,
        number=decision.number,
        place=_place(decision),
        day=decision.decided_on,
        title="Quyết định",
        subtitle=f"Về việc tặng {decision.kind.name}",
        body=body,
        signer_title=decision.signer_title,
        signer_name=decision.signer,
        recipients=["Như Điều 1", "Lưu: VT, TĐKT"],
        metadata_title=f"Quyết định {decision.number}",
    )


def decision_docx(decision: Decision, awards: list[Award]) -> bytes:
    return to_docx(decision_content(decision, awards))


def decision_pdf(decision: Decision, awards: list[Award]) -> bytes:
    return to_pdf(decision_content(decision, awards))
