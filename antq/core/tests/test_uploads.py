"""The checks every upload goes through before anything parses it (antq.core.uploads)."""

import io
import zipfile

import pytest
from django.utils import translation
from docx import Document
from PIL import Image

from antq.core import uploads
from antq.core.errors import DomainError, FieldErrors

from .hostile import (
    _workbook,
    assert_refused_quickly,
    dimension_bomb,
    row_claim_bomb,
    zip_bomb,
)

ROWS = [["Mã", "Tên"], ["A-1", "Thôn Đông"], ["A-2", 3]]
BOUNDS = {"max_rows": 1_000, "max_columns": 26}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _in_vietnamese():
    """Messages as an official reads them, whatever language an earlier test left active."""
    with translation.override("vi"):
        yield


def rows_of(data, **bounds):
    return list(uploads.workbook_rows(data, **(bounds or BOUNDS)))


def test_a_real_workbook_reads_its_rows_with_their_numbers():
    assert rows_of(_workbook([*ROWS, [], [None, None], ["A-5"]])) == [
        (1, ("Mã", "Tên")),
        (2, ("A-1", "Thôn Đông")),
        (3, ("A-2", 3)),
        (6, ("A-5",)),
    ]


def test_the_dimension_is_never_trusted_a_claim_beyond_the_template_is_refused():
    refusal = assert_refused_quickly(
        lambda: rows_of(dimension_bomb(ROWS)), says="A1:XFD20000", error_type=DomainError
    )
    assert "1000" in refusal.error.message and "Z" in refusal.error.message


def test_a_small_dimension_claim_does_not_hide_data_below_it():
    # A lying <dimension> smaller than the data must not drop rows either.
    assert rows_of(dimension_bomb(ROWS, ref="A1:A1"))[-1] == (3, ("A-2", 3))


@pytest.mark.parametrize("with_dimension", [True, False])
def test_data_in_the_last_excel_row_is_refused_without_walking_a_million_rows(with_dimension):
    bomb = row_claim_bomb(ROWS, with_dimension=with_dimension)
    says = "A1:H1048576" if with_dimension else "1048576"
    assert_refused_quickly(lambda: rows_of(bomb), says=says, error_type=DomainError)


def test_data_below_the_templates_last_row_is_refused_naming_the_limit():
    # The <dimension> lies (A1:A1): the rows themselves are counted.
    data = dimension_bomb([["Mã"]] + [[f"A-{i}"] for i in range(12)], ref="A1:A1")
    with pytest.raises(DomainError) as caught:
        rows_of(data, max_rows=10, max_columns=5)
    assert caught.value.message == "Dòng 11 có dữ liệu, nhưng tệp này chỉ được dùng tối đa 10 dòng."


def test_columns_past_the_template_are_not_read():
    data = dimension_bomb([["a", "b", "c", "d"]], ref="A1:B1")
    assert rows_of(data, max_rows=5, max_columns=2) == [(1, ("a", "b"))]


def test_a_zip_bomb_is_refused_before_anything_unpacks_it():
    bomb = zip_bomb(tuple(map(tuple, ROWS)))
    assert len(bomb) < 200_000  # 64 MB of sheet XML
    refusal = assert_refused_quickly(
        lambda: uploads.check_workbook(bomb, **BOUNDS),
        says="tối đa 100 lần",
        error_type=DomainError,
    )
    assert "xl/worksheets/sheet1.xml" in refusal.error.message


def test_limits_are_settings_read_at_call_time(settings):
    data = _workbook(ROWS)
    settings.ANTQ_UPLOAD_MAX_ENTRIES = 3
    with pytest.raises(DomainError, match="tối đa 3\\)"):
        uploads.check_workbook(data, **BOUNDS)
    settings.ANTQ_UPLOAD_MAX_ENTRIES = 200
    settings.ANTQ_UPLOAD_MAX_UNPACKED_BYTES = 4096
    with pytest.raises(DomainError, match="tối đa 0,0 MB"):
        uploads.check_workbook(data, **BOUNDS)
    del settings.ANTQ_UPLOAD_MAX_UNPACKED_BYTES
    uploads.check_workbook(data, **BOUNDS)


def test_a_sheet_larger_than_the_template_can_need_is_refused(settings):
    settings.ANTQ_UPLOAD_MAX_RATIO = 10_000  # only the size can refuse it now
    bomb = zip_bomb(tuple(map(tuple, ROWS)), unpacked=8 * 1024 * 1024)
    with pytest.raises(DomainError) as caught:
        uploads.check_workbook(bomb, max_rows=100, max_columns=10)
    assert "sheet1.xml" in caught.value.message and "0,2 MB" in caught.value.message


def test_an_archive_whose_directory_claims_many_entries_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(300):
            archive.writestr(f"x/{i}.xml", "<a/>")
    with pytest.raises(DomainError, match="tối đa 200"):
        uploads.check_workbook(out.getvalue(), **BOUNDS)


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_a_damaged_file_is_refused_as_unreadable(data):
    with pytest.raises(DomainError, match=r"không phải tệp \.xlsx hợp lệ"):
        rows_of(data)


def test_csv_rows_are_bounded_and_decoded_as_they_are_read():
    data = "Mã,Tên\nA-1,Thôn Đông\n,\nA-2,x,y,z\n".encode("utf-8-sig")
    assert list(uploads.csv_rows(data, max_rows=10, max_columns=3)) == [
        (1, ["Mã", "Tên"]),
        (2, ["A-1", "Thôn Đông"]),
        (4, ["A-2", "x", "y"]),
    ]
    with pytest.raises(DomainError, match="tối đa 3 dòng"):
        list(uploads.csv_rows(data, max_rows=3, max_columns=3))
    with pytest.raises(DomainError, match="UTF-8"):
        list(uploads.csv_rows("Tên\nThôn\n".encode("cp1258"), max_rows=10, max_columns=3))


def test_a_csv_row_longer_than_a_sheet_row_is_refused_without_holding_it(settings):
    settings.ANTQ_UPLOAD_MAX_CELL_CHARS = 100
    endless = b"a," + b'"' + b"x\n" * 5_000 + b'"\n'  # one quoted cell over 5,000 lines
    with pytest.raises(DomainError, match="Dòng 1 của tệp CSV"):
        list(uploads.csv_rows(endless, max_rows=10, max_columns=3))


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG")
    return out.getvalue()


def _docx() -> bytes:
    out = io.BytesIO()
    document = Document()
    document.add_paragraph("Quyết định")
    document.save(out)
    return out.getvalue()


def test_check_document_reads_the_type_from_the_content():
    assert uploads.check_document(_pdf(), allowed={"application/pdf"}, max_bytes=10**6) == (
        "application/pdf"
    )
    assert uploads.check_document(_docx(), allowed={DOCX}, max_bytes=10**6) == DOCX
    with pytest.raises(FieldErrors) as caught:
        uploads.check_document(_png(), allowed={"application/pdf", DOCX}, max_bytes=10**6)
    assert "PNG" in caught.value.errors["file"] and "PDF" in caught.value.errors["file"]


def test_check_document_refuses_size_emptiness_and_a_bomb_in_an_office_file():
    with pytest.raises(FieldErrors, match="vượt quá 0,0 MB"):
        uploads.check_document(_pdf(), allowed={"application/pdf"}, max_bytes=10)
    with pytest.raises(FieldErrors, match="không có nội dung"):
        uploads.check_document(b"", allowed={"application/pdf"}, max_bytes=10)
    bomb = zip_bomb(tuple(map(tuple, ROWS)))
    refusal = assert_refused_quickly(
        lambda: uploads.check_document(bomb, allowed={XLSX}, max_bytes=10**6),
        says="bị nén",
        error_type=FieldErrors,
    )
    assert "file" in refusal.error.errors


def test_check_document_leaves_an_uploaded_file_ready_to_store():
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("qd.pdf", _pdf())
    upload.read(3)
    uploads.check_document(upload, allowed={"application/pdf"}, max_bytes=10**6)
    assert upload.read() == _pdf()
