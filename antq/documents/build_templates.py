"""Build the default Word templates in the Decree 30/2020 layout (reproducible).

Run: `.venv/bin/python -m antq.documents.build_templates` — writes templates_docx/*.docx.
A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt; the header
table of issuing body and national name with their short rules; number, place and date;
no page number on page 1 (a different first-page header), page numbers from page 2.

The header's columns are sized so the national name (12 pt bold, 8.8 cm in Times New Roman)
and an issuing body such as "CÔNG AN TỈNH THANH HÓA" (12 pt bold, 5.9 cm) each hold on one
line; the table grid and every cell carry the same widths.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

HERE = Path(__file__).resolve().parent / "templates_docx"
FONT = "Times New Roman"
TEXT_WIDTH = Cm(16.5)  # 210 − 30 − 15 mm
LEFT_COL, RIGHT_COL = Cm(6.9), Cm(9.6)
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _font(run, size=14, bold=False, italic=False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _para(container, text="", *, size=14, bold=False, italic=False, align=None, indent=False):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if text:
        _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _page_field(paragraph):
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._element.append(element)
    _font(run, 13)


def _document():
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header)  # pages 2…; the first page's header stays empty
    return document


def _grid(table, widths):
    """Widths on the grid and on every cell, so Word and LibreOffice agree."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _restart_numbers(section):
    """Page numbers of this section start at 1 (each document of a dossier counts its own)."""
    sect = section._sectPr
    number = sect.find(qn("w:pgNumType"))
    if number is None:  # schema order: before <w:cols> when there is one
        number = OxmlElement("w:pgNumType")
        cols = sect.find(qn("w:cols"))
        cols.addprevious(number) if cols is not None else sect.append(number)
    number.set(qn("w:start"), "1")
    section.different_first_page_header_footer = True


def _heading_block(document, number="number", *, parent=True):
    """Issuing body, number (left); national name, motto, place and date (right).

    The short rule under the issuing body follows its last line, so it is under the whole
    body however many lines the name takes.
    """
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _grid(table, [LEFT_COL, RIGHT_COL])
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].alignment = center
    if parent:
        _font(left.paragraphs[0].add_run("{{ issuer_parent }}"), 12)
        _para(left, "{{ issuer }}", size=12, bold=True, align=center)
    else:
        _font(left.paragraphs[0].add_run("{{ issuer }}"), 12, bold=True)
    _para(left, "————", size=12, align=center)
    _para(left, "Số: {{ " + number + " }}", size=13, align=center)
    right.paragraphs[0].alignment = center
    _font(right.paragraphs[0].add_run(NATION), 12, bold=True)
    _para(right, MOTTO, size=13, bold=True, align=center)
    _para(right, "———————", size=13, align=center)
    _para(right, "{{ place }}, {{ date_text }}", size=13, italic=True, align=center)


def _signer_block(document, *, recipients=True):
    table = document.add_table(rows=1, cols=2)
    _grid(table, [Cm(8.0), Cm(8.5)])
    left, right = table.rows[0].cells
    if recipients:
        _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
        _para(left, "{%p for r in recipients %}", size=11)
        _para(left, "- {{ r }};", size=11)
        _para(left, "{%p endfor %}", size=11)
        _para(left, "- Lưu: VT.", size=11)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(right.paragraphs[0].add_run("{{ signer_title }}"), 14, bold=True)
    for _ in range(3):
        _para(right, "")
    _para(right, "{{ signer_name }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def _figure_table(document, loop: str, columns: list[tuple[str, str]]):
    """A table with a header row and one row per item (a docxtpl row loop)."""
    table = document.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    width = Cm(16.5 / len(columns))
    _grid(table, [width] * len(columns))
    for cell, (title, _) in zip(table.rows[0].cells, columns, strict=True):
        _font(cell.paragraphs[0].add_run(title), 12, bold=True)
    _font(table.rows[1].cells[0].paragraphs[0].add_run("{%tr for row in " + loop + " %}"), 12)
    for cell, (_, field) in zip(table.rows[2].cells, columns, strict=True):
        _font(cell.paragraphs[0].add_run("{{ row." + field + " }}"), 12)
    _font(table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}"), 12)


def build_review(path: Path) -> None:
    document = _document()
    _heading_block(document)
    _para(document, "")
    _para(document, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{{ title }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "")
    _para(document, "I. KẾT QUẢ THỰC HIỆN (SỐ LIỆU)", bold=True)
    _para(document, "{%p for s in sections %}", size=13)
    _para(document, "{{ s.number }}. {{ s.title }}", bold=True)
    _para(document, "{%p for row in s.rows %}", size=13)
    _para(
        document, "- {{ row.label }}: {{ row.value }}{{ row.compare }} [{{ row.ref }}]", indent=True
    )
    _para(document, "{%p endfor %}", size=13)
    _para(document, "{%p endfor %}", size=13)
    for roman, key, title in (
        ("II", "strengths", "ƯU ĐIỂM"),
        ("III", "weaknesses", "TỒN TẠI, HẠN CHẾ"),
        ("IV", "causes", "NGUYÊN NHÂN"),
        ("V", "lessons", "BÀI HỌC KINH NGHIỆM"),
        ("VI", "directions", "PHƯƠNG HƯỚNG, NHIỆM VỤ"),
    ):
        _para(document, f"{roman}. {title}", bold=True)
        _para(document, "{{ " + key + " }}", indent=True)
    _para(document, "")
    _signer_block(document)
    document.add_section(WD_SECTION.NEW_PAGE)
    _para(document, "PHỤ LỤC: NGUỒN SỐ LIỆU", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _figure_table(
        document,
        "annex",
        [("Mã", "ref"), ("Số liệu", "label"), ("Giá trị", "value"), ("Nguồn", "source")],
    )
    document.save(path)


def build_decision(path: Path) -> None:
    """The recognition decision of a batch, its annex of units and the classification list."""
    document = _document()
    _heading_block(document)
    _para(document, "")
    _para(document, "QUYẾT ĐỊNH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{{ title }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "")
    _para(document, "{{ signer_authority }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{%p for basis in legal_basis %}", size=13)
    _para(document, "{{ basis }}", italic=True, indent=True)
    _para(document, "{%p endfor %}", size=13)
    _para(document, "QUYẾT ĐỊNH:", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "{{ article_1 }}", indent=True)
    _para(document, "{{ article_2 }}", indent=True)
    _para(document, "")
    _signer_block(document)
    document.add_section(WD_SECTION.NEW_PAGE)
    _para(document, "DANH SÁCH ĐƠN VỊ ĐƯỢC CÔNG NHẬN", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        document,
        "(Kèm theo Quyết định số {{ number }})",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _figure_table(
        document,
        "recognised",
        [("STT", "n"), ("Đơn vị", "name"), ("Thuộc", "parent"), ("Loại", "kind")],
    )
    _para(document, "")
    _para(document, "KẾT QUẢ PHÂN LOẠI", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _figure_table(
        document,
        "classified",
        [("STT", "n"), ("Đơn vị", "name"), ("Điểm", "points"), ("Xếp loại", "class_name")],
    )
    document.save(path)


def _table(document, loop: str, columns: list[tuple[str, str, float]]):
    """A row-loop table with its own column widths (cm)."""
    _figure_table(document, loop, [(t, f) for t, f, _w in columns])
    _grid(document.tables[-1], [Cm(w) for _t, _f, w in columns])


def build_dossier(path: Path) -> None:
    """The request dossier of Circular 124 Art. 9.2.b: letter, results report, minutes."""
    document = _document()
    _restart_numbers(document.sections[0])
    center = WD_ALIGN_PARAGRAPH.CENTER
    # 1. Tờ trình
    _heading_block(document, "letter_number")
    _para(document, "")
    _para(document, "TỜ TRÌNH", bold=True, align=center)
    _para(
        document,
        "Đề nghị xét duyệt, công nhận {{ unit_name }} đạt tiêu chuẩn "
        "“An toàn về an ninh, trật tự” năm {{ year }}",
        bold=True,
        align=center,
    )
    _para(document, "")
    _para(document, "Kính gửi: {{ recipient }}.", align=center)
    _para(document, "")
    _para(
        document,
        "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an; "
        "căn cứ kết quả thực hiện các tiêu chí năm {{ year }}: {{ unit_name }} "
        "đạt {{ met_count }}/{{ criteria_count }} tiêu chí, {{ verdict_text }} "
        "(báo cáo kết quả và biên bản cuộc họp kèm theo).",
        indent=True,
    )
    _para(
        document,
        "Kính đề nghị thẩm định, báo cáo đề xuất {{ decider }} xét duyệt, quyết định công "
        "nhận {{ unit_name }} đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {{ year }}.",
        indent=True,
    )
    _para(document, "")
    _signer_block(document)
    # 2. Báo cáo kết quả
    _restart_numbers(document.add_section(WD_SECTION.NEW_PAGE))
    _heading_block(document, "report_number")
    _para(document, "")
    _para(document, "BÁO CÁO", bold=True, align=center)
    _para(
        document,
        "Kết quả xây dựng {{ unit_name }} đạt tiêu chuẩn “An toàn về an ninh, trật tự” "
        "năm {{ year }}",
        bold=True,
        align=center,
    )
    _para(document, "")
    _para(document, "I. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ", bold=True)
    _para(
        document,
        "Đạt {{ met_count }}/{{ criteria_count }} tiêu chí; kết luận: {{ verdict_text }} "
        "(bản tự đánh giá: {{ assessment_status }}).",
        indent=True,
    )
    _table(
        document,
        "criteria",
        [
            ("Tiêu chí", "id", 1.8),
            ("Nội dung", "text", 5.7),
            ("Kết quả", "state", 2.3),
            ("Căn cứ, lý do", "reason", 6.2),
        ],
    )
    _para(document, "")
    _para(document, "II. SỐ LIỆU SỬ DỤNG", bold=True)
    _table(
        document,
        "figures",
        [("Số liệu", "label", 6.5), ("Giá trị", "value", 2.5), ("Nguồn", "source", 7.0)],
    )
    _para(document, "")
    _signer_block(document)
    # 3. Biên bản cuộc họp
    _restart_numbers(document.add_section(WD_SECTION.NEW_PAGE))
    _heading_block(document, "minutes_number")
    _para(document, "")
    _para(document, "BIÊN BẢN", bold=True, align=center)
    _para(
        document,
        "Cuộc họp đánh giá tình hình, kết quả thực hiện các tiêu chí xây dựng {{ unit_name }} "
        "đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm {{ year }}",
        bold=True,
        align=center,
    )
    _para(document, "")
    _para(document, "Thời gian: …… giờ …… ngày …… tháng …… năm ……", indent=True)
    _para(document, "Địa điểm: ……………………………………………", indent=True)
    _para(document, "Thành phần tham dự (Điều 9 Thông tư số 124/2021/TT-BCA):", indent=True)
    _table(
        document,
        "participants",
        [
            ("STT", "n", 1.2),
            ("Thành phần", "role", 8.3),
            ("Họ và tên", "name", 3.5),
            ("Ký", "sign", 3.0),
        ],
    )
    _para(
        document,
        "Nội dung: kiểm điểm, đánh giá kết quả thực hiện các tiêu chí "
        "({{ met_count }}/{{ criteria_count }} tiêu chí đạt theo báo cáo kết quả).",
        indent=True,
    )
    _para(document, "Ý kiến của các thành viên dự họp: ……………………………………………", indent=True)
    _para(document, "Kết luận của cuộc họp: ……………………………………………", indent=True)
    _para(document, "Cuộc họp kết thúc lúc …… giờ …… cùng ngày.", indent=True)
    _para(document, "")
    table = document.add_table(rows=1, cols=2)
    _grid(table, [Cm(8.0), Cm(8.0)])
    for cell, title in zip(table.rows[0].cells, ("THƯ KÝ", "CHỦ TRÌ"), strict=True):
        cell.paragraphs[0].alignment = center
        _font(cell.paragraphs[0].add_run(title), 14, bold=True)
    document.save(path)


def build_certificate(path: Path) -> None:
    """The certificate of recognition (Giấy công nhận, Art. 10.1 of Circular 124/2021)."""
    document = _document()
    center = WD_ALIGN_PARAGRAPH.CENTER
    _heading_block(document, parent=False)
    _para(document, "")
    _para(document, "")
    _para(document, "GIẤY CÔNG NHẬN", size=16, bold=True, align=center)
    _para(document, "{{ subtitle }}", bold=True, align=center)
    _para(document, "")
    _para(document, "{{ basis }}", size=13, indent=True)
    _para(document, "")
    _para(document, "CÔNG NHẬN", bold=True, align=center)
    _para(document, "{{ unit_line }}", size=16, bold=True, align=center)
    _para(document, "{{ standard_line }}", align=center)
    _para(document, "")
    _signer_block(document, recipients=False)
    document.save(path)


TEMPLATES = {
    "final_review": build_review,
    "interim_review": build_review,
    "recognition_decision": build_decision,
    "recognition_dossier": build_dossier,
    "certificate": build_certificate,
}


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for kind, build in TEMPLATES.items():
        build(HERE / f"{kind}.docx")


if __name__ == "__main__":
    main()
