"""The register of a year's issued recognition decisions on the decisions page."""

import io
import re
from datetime import date, datetime

import docx
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from antq.core.roles import Role
from antq.evaluation import selectors, services
from antq.units import services as unit_services
from conftest import _Root

from .support import YEAR, open_year, verify

PAGE = f"/evaluation/38/{YEAR}/decisions/"


def _recognise(officer, campaign, units, number, day, body, signer="Lê Thị Hoa"):
    for unit in units:
        verify(officer, campaign, unit)
    return services.recognition_grant(
        actor=officer,
        campaign=campaign,
        units=units,
        decision_number=number,
        decision_date=day,
        signer=signer,
        signer_title="Chủ tịch",
        issuing_body=body,
    )


def _two_communes_decide(tree, persona):
    """Both wards issue a decision numbered 9/QĐ-UBND: two decisions, not one."""
    campaign = open_year(persona)
    _recognise(
        persona(Role.COMMUNE_OFFICER),
        campaign,
        [tree["16417-KDC01"], tree["16417-KDC02"]],
        "9/QĐ-UBND",
        date(YEAR, 11, 10),
        "Ủy ban nhân dân phường Đông Quang",
    )
    _recognise(
        persona(Role.COMMUNE_OFFICER, "16522"),
        campaign,
        [tree["16522-KDC01"]],
        "9/QĐ-UBND",
        date(YEAR, 11, 20),
        "Ủy ban nhân dân phường Quảng Phú",
        signer="Trần Văn Nam",
    )
    return campaign


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-testid="decision">(.*?)</tr>', html, re.S)


def test_the_register_lists_each_decision_with_its_units_and_certificates(tree, persona, login):
    _two_communes_decide(tree, persona)
    html = login(persona(Role.PROVINCE_STAFF)).get(PAGE).content.decode()
    assert 'data-testid="register-total">2<' in html
    assert "Số đơn vị được công nhận: 3" in html
    newest, older = _rows(html)
    # newest first: Quảng Phú's decision of 20/11, signed by its chairman
    assert "20/11/" + str(YEAR) in newest and "Trần Văn Nam" in newest
    assert "Ủy ban nhân dân phường Quảng Phú" in newest
    assert "Thôn Quảng Đại" in newest and "Phường Quảng Phú" in newest
    assert "Thôn Đông Hưng" not in newest
    assert "10/11/" + str(YEAR) in older and "Lê Thị Hoa" in older
    assert "Thôn Đông Hưng" in older and "Tổ dân phố Lê Lợi" in older
    assert "Phường Đông Quang" in older
    for code in ("16417-KDC01", "16417-KDC02", "16522-KDC01"):
        for fmt in ("docx", "pdf"):
            assert f'href="/documents/certificates/38/{YEAR}/{code}.{fmt}"' in html


def test_the_register_is_searched_by_number_or_unit_without_diacritics(tree, persona, login):
    _two_communes_decide(tree, persona)
    client = login(persona(Role.PROVINCE_STAFF))
    by_unit = client.get(PAGE, {"q": "quang dai"}).content.decode()
    (row,) = _rows(by_unit)
    # the whole decision is shown, with all its units
    assert "Thôn Quảng Đại" in row and "Đông Hưng" not in by_unit
    assert 'data-testid="register-total">1<' in by_unit
    (row,) = _rows(client.get(PAGE, {"q": "Lê Lợi"}).content.decode())
    assert "Thôn Đông Hưng" in row and "Tổ dân phố Lê Lợi" in row
    assert len(_rows(client.get(PAGE, {"q": "9/QĐ"}).content.decode())) == 2
    nothing = client.get(PAGE, {"q": "123/QĐ-UBND"}).content.decode()
    assert not _rows(nothing) and "Không có quyết định nào khớp" in nothing


def test_a_commune_sees_only_its_own_decisions(tree, persona, login):
    _two_communes_decide(tree, persona)
    html = login(persona(Role.COMMUNE_OFFICER)).get(PAGE).content.decode()
    (row,) = _rows(html)
    assert "Phường Đông Quang" in row and "Quảng Đại" not in html


def test_a_revoked_recognition_stays_in_the_register_without_its_certificate(tree, persona, login):
    _two_communes_decide(tree, persona)
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = selectors.year_get(province="38", year=YEAR)
    recognition = selectors.recognition_for(campaign=campaign, unit=tree["16417-KDC02"])
    services.recognition_revoke(actor=officer, recognition=recognition, reason="Có vụ việc")
    html = login(officer).get(PAGE).content.decode()
    item = re.search(r'data-testid="issued-16417-KDC02">(.*?)</li>', html, re.S).group(1)
    assert "thu hồi" in item and "certificates" not in item
    assert f"/documents/certificates/38/{YEAR}/16417-KDC01.docx" in html
    assert "trong đó đã bị thu hồi: 1" in html


def test_the_register_pages_and_its_queries_do_not_grow(tree, persona, login, settings):
    _two_communes_decide(tree, persona)
    settings.ANTQ_PAGE_SIZE = 1
    client = login(persona(Role.PROVINCE_STAFF))
    first = client.get(PAGE).content.decode()
    assert "Quảng Phú" in _rows(first)[0] and "Trang 1/2" in first
    second = client.get(PAGE, {"page": 2}).content.decode()
    assert "Đông Quang" in _rows(second)[0] and "Quảng Phú" not in _rows(second)[0]
    settings.ANTQ_PAGE_SIZE = 50
    with CaptureQueriesContext(connection) as small:
        client.get(PAGE)
    more = [_area(tree, f"16522-KDC1{i}", f"Bản Phú {i}") for i in range(3)]
    _recognise(
        persona(Role.COMMUNE_OFFICER, "16522"),
        selectors.year_get(province="38", year=YEAR),
        more,
        "12/QĐ-UBND",
        date(YEAR, 12, 1),
        "Ủy ban nhân dân phường Quảng Phú",
    )
    with CaptureQueriesContext(connection) as large:
        html = client.get(PAGE).content.decode()
    assert len(_rows(html)) == 3
    assert len(large) == len(small)


def _area(tree, code, name):
    return unit_services.unit_create(
        actor=_Root(),
        code=code,
        name=name,
        kind="residential_area",
        parent=tree["16522"],
        valid_from=date(2025, 7, 1),
    )


def test_the_register_exports_one_row_per_unit_with_real_dates(tree, persona, login):
    _two_communes_decide(tree, persona)
    client = login(persona(Role.PROVINCE_STAFF))
    response = client.get(f"/evaluation/38/{YEAR}/decisions.xlsx", {"q": "Đông Quang"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    assert header[:4] == ("Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Người ký")
    assert [r[4] for r in rows] == ["16417-KDC01", "16417-KDC02"]
    assert rows[0][0] == "9/QĐ-UBND" and rows[0][6] == "Phường Đông Quang"
    assert rows[0][1] in (date(YEAR, 11, 10), datetime(YEAR, 11, 10))
    assert sheet.cell(row=2, column=2).number_format.upper() == "DD/MM/YYYY"
    assert rows[0][7] is None  # not revoked


def test_a_certificate_link_of_the_register_gives_the_unit_s_certificate(tree, persona, login):
    _two_communes_decide(tree, persona)
    client = login(persona(Role.COMMUNE_OFFICER))
    html = client.get(PAGE).content.decode()
    link = re.search(r'href="([^"]+)" data-testid="certificate-docx-16417-KDC02"', html).group(1)
    response = client.get(link)
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    cells = (c.text for t in document.tables for row in t.rows for c in row.cells)
    text = "\n".join([*(p.text for p in document.paragraphs), *cells])
    assert "Tổ dân phố Lê Lợi" in text and "9/QĐ-UBND" in text
    pdf_page = client.get(link.replace(".docx", ".pdf"))
    assert pdf_page.status_code == 200


def test_the_units_awaiting_a_decision_are_counted_and_narrowed_by_name(tree, persona, login):
    campaign = open_year(persona)
    officer = persona(Role.COMMUNE_OFFICER)
    for code in ("16417-KDC01", "16417-KDC02"):
        verify(officer, campaign, tree[code])
    client = login(officer)
    page = client.get(PAGE).content.decode()
    assert 'data-testid="pending-total">2<' in page
    narrowed = client.get(PAGE, {"pq": "le loi"}).content.decode()  # no diacritics needed
    pending = narrowed[narrowed.index('id="pending"') : narrowed.index('id="register"')]
    assert 'value="16417-KDC02"' in pending and 'value="16417-KDC01"' not in pending
    assert 'data-testid="pending-total">2<' in narrowed and "Đang hiện 1" in narrowed
