"""Official documents in the Vietnamese administrative layout: one content, .docx and PDF.

The layout follows Decree 30/2020/NĐ-CP in its essentials: the issuing body and the
document number on the left, the national emblem line and the place and date on the
right, the title centred in bold capitals, the body, then the signer block on the right.
Word output names Times New Roman (every Vietnamese office has it); the PDF embeds DejaVu
Serif, vendored in ``fonts/`` with its licence, because the Liberation Serif shipped by
Debian 12 (1.07) lacks the Vietnamese letters with two diacritics (ố, ự, ậ …).

The awards' decisions and the directives' demo still use this hand layout; the recognition
certificate and the reviews, decisions and dossiers are made by the documents engine (Word
templates, PDF converted by LibreOffice with Liberation Serif 2: `antq.documents`).
"""

import io
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path

from .bounds import printable

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONTS = Path(__file__).resolve().parent / "fonts"
WORD_FONT = "Times New Roman"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body: plain, bold, centred or both."""

    text: str
    bold: bool = False
    centred: bool = False
    size: int = 14


@dataclass(frozen=True)
class OfficialDocument:
    """What a document says; the builders below lay it out."""

    issuing_body: str
    number: str
    place: str
    day: date
    title: str
    body: list[Paragraph]
    signer_title: str
    signer_name: str
    parent_body: str = ""
    subtitle: str = ""
    recipients: list[str] = field(default_factory=list)
    metadata_title: str = ""

    @property
    def place_and_date(self) -> str:
        d = self.day
        return f"{self.place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def _printable(document: OfficialDocument) -> OfficialDocument:
    """Return the document with every text writable (see `antq.core.bounds.printable`)."""
    changes = {}
    for item in fields(document):
        value = getattr(document, item.name)
        if isinstance(value, str):
            changes[item.name] = printable(value)
    changes["body"] = [replace(part, text=printable(part.text)) for part in document.body]
    changes["recipients"] = [printable(name) for name in document.recipients]
    return replace(document, **changes)


def to_docx(document: OfficialDocument) -> bytes:
    """Return the document as a Word file."""
    document = _printable(document)
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = word.styles["Normal"]
    style.font.name = WORD_FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), WORD_FONT)
    if document.metadata_title:
        word.core_properties.title = document.metadata_title

    def line(cell_or_doc, text, *, bold=False, italic=False, size=13, align="center", under=False):
        paragraph = cell_or_doc.add_paragraph()
        paragraph.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
        }[align]
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, under
        run.font.size = Pt(size)
        run.font.name = WORD_FONT
        return paragraph

    header = word.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    if document.parent_body:
        line(left, document.parent_body.upper(), size=13)
    line(left, document.issuing_body.upper(), bold=True, size=13, under=True)
    line(left, f"Số: {document.number}", size=13)
    line(right, NATION, bold=True, size=13)
    line(right, MOTTO, bold=True, size=14, under=True)
    line(right, document.place_and_date, italic=True, size=14)
    word.add_paragraph()
    line(word, document.title.upper(), bold=True, size=14)
    if document.subtitle:
        line(word, document.subtitle, bold=True, size=14)
    word.add_paragraph()
    for part in document.body:
        paragraph = line(
            word,
            part.text,
            bold=part.bold,
            size=part.size,
            align="center" if part.centred else "justify",
        )
        paragraph.paragraph_format.space_after = Pt(6)
    word.add_paragraph()
    signer = word.add_table(rows=1, cols=2)
    recipients, sign = signer.rows[0].cells
    if document.recipients:
        line(recipients, "Nơi nhận:", bold=True, italic=True, size=12, align="left")
        for name in document.recipients:
            line(recipients, f"- {name};", size=11, align="left")
    line(sign, document.signer_title.upper(), bold=True, size=14)
    for _blank in range(3):
        line(sign, "", size=14)
    line(sign, document.signer_name, bold=True, size=14)
    for cell in (left, right, recipients, sign):
        first = cell.paragraphs[0]
        if not first.text and len(cell.paragraphs) > 1:
            first._element.getparent().remove(first._element)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_pdf(document: OfficialDocument) -> bytes:
    """Return the document as a PDF with the Vietnamese font embedded."""
    document = _printable(document)
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(30, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_font("Serif", "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.add_font("Serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("Serif", "I", str(FONTS / "DejaVuSerif-Italic.ttf"))
    pdf.add_font("Serif", "BI", str(FONTS / "DejaVuSerif-BoldItalic.ttf"))
    if document.metadata_title:
        pdf.set_title(document.metadata_title)
    pdf.set_creator("ANTQ")
    pdf.add_page()
    width = pdf.epw
    left_w, right_w = width * 0.4, width * 0.6
    top = pdf.get_y()

    def centred(text, style="", size=13, w=width, x=None, underline=False):
        pdf.set_font("Serif", style + ("U" if underline else ""), size)
        if x is not None:
            pdf.set_x(x)
        pdf.multi_cell(w, 6, text, align="C", new_x="LMARGIN", new_y="NEXT")

    x_left, x_right = pdf.l_margin, pdf.l_margin + left_w
    if document.parent_body:
        centred(document.parent_body.upper(), size=12, w=left_w, x=x_left)
    centred(document.issuing_body.upper(), "B", 12, w=left_w, x=x_left, underline=True)
    centred(f"Số: {document.number}", size=12, w=left_w, x=x_left)
    left_bottom = pdf.get_y()
    pdf.set_y(top)
    centred(NATION, "B", 12, w=right_w, x=x_right)
    centred(MOTTO, "B", 13, w=right_w, x=x_right, underline=True)
    centred(document.place_and_date, "I", 13, w=right_w, x=x_right)
    pdf.set_y(max(pdf.get_y(), left_bottom) + 8)
    centred(document.title.upper(), "B", 14)
    if document.subtitle:
        centred(document.subtitle, "B", 14)
    pdf.ln(6)
    for part in document.body:
        pdf.set_font("Serif", "B" if part.bold else "", part.size)
        pdf.multi_cell(
            width, 7, part.text, align="C" if part.centred else "J", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(2)
    pdf.ln(6)
    block_top = pdf.get_y()
    if document.recipients:
        pdf.set_font("Serif", "BI", 11)
        pdf.cell(left_w, 6, "Nơi nhận:", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Serif", "", 10)
        for name in document.recipients:
            pdf.cell(left_w, 5, f"- {name};", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(block_top)
    centred(document.signer_title.upper(), "B", 13, w=right_w, x=x_right)
    pdf.ln(22)
    centred(document.signer_name, "B", 13, w=right_w, x=x_right)
    return bytes(pdf.output())
