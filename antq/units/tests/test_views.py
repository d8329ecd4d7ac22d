import io

from openpyxl import load_workbook

from antq.core.roles import Role
from antq.units.importing import units_import

from .sheets import area_rows, xlsx_bytes


def test_export_holds_exactly_the_filtered_list(tree, persona, client):
    client.force_login(persona(Role.PROVINCE_STAFF))
    response = client.get("/units/export.xlsx", {"unit": "38", "q": "thon"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã", "Tên", "Loại đơn vị")
    assert sorted(r[1] for r in rows[1:]) == ["Thôn Quảng Đại", "Thôn Đông Hưng"]


def test_browser_pages_long_lists_in_a_constant_number_of_queries(
    tree, persona, client, django_assert_max_num_queries
):
    staff = persona(Role.PROVINCE_STAFF)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        small = client.get("/units/", {"unit": "16417"})
    units_import(actor=staff, data=xlsx_bytes(area_rows("16417", 300)), filename="many.xlsx")
    with django_assert_max_num_queries(12):
        large = client.get("/units/", {"unit": "16417", "page": 2})
    assert small.status_code == large.status_code == 200
    assert "303" in large.content.decode()  # the count of all rows, 50 shown per page
    with django_assert_max_num_queries(16):
        assert client.get("/units/16417/").status_code == 200


def test_htmx_search_returns_only_the_table(tree, persona, client):
    client.force_login(persona(Role.COMMUNE_OFFICER))
    partial = client.get("/units/", {"q": "le loi"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body
    assert "Tổ dân phố Lê Lợi" in body
    assert "Thôn Đông Hưng" not in body


def test_dates_are_shown_dd_mm_yyyy(tree, persona, client):
    client.force_login(persona(Role.COMMUNE_OFFICER))
    assert "01/07/2025" in client.get("/units/16417-KDC01/").content.decode()
