"""The pages: lists with search, filters, paging and export; forms; import; statistics."""

import io
from datetime import date

from openpyxl import Workbook, load_workbook

from antq.models.importing import COLUMNS
from antq.models.models import ModelSite, SelfManagementModel


def _xlsx(response) -> list[tuple]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_lists_stay_within_a_query_budget(
    tree, make_model, make_site, officer, login, django_assert_max_num_queries, staff
):
    for _n in range(30):
        make_site(make_model(tree.commune), tree.area, teams=(5, 6))
    from antq.models import services

    for _n in range(30):
        services.example_create(
            actor=staff,
            unit=tree.commune,
            kind="collective",
            name="Tổ tự quản",
            field="residential",
            level="commune",
            decision_number="1/QĐ",
            decision_date=date(2026, 1, 5),
            reason="Thành tích",
        )
    client = login(officer)
    with django_assert_max_num_queries(12):
        assert client.get("/models/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/models/examples/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/models/export.xlsx").status_code == 200


def test_the_list_searches_without_diacritics_filters_and_exports(tree, make_model, officer, login):
    make_model(tree.commune, name="Mô hình “Camera an ninh”", serves=["tu_phong"])
    make_model(tree.commune, name="Tổ hòa giải ở cơ sở", serves=["tu_hoa_giai"], field="agency")
    client = login(officer)
    page = client.get("/models/", {"q": "camera an ninh"}).content.decode()
    assert "Camera an ninh" in page and "Tổ hòa giải" not in page
    page = client.get("/models/", {"serves": "tu_hoa_giai"}).content.decode()
    assert "Tổ hòa giải" in page and "Camera" not in page
    rows = _xlsx(client.get("/models/export.xlsx", {"field": "agency"}))
    assert [r[0] for r in rows[1:] if r[0]] == ["Tổ hòa giải ở cơ sở"] or any(
        "Tổ hòa giải ở cơ sở" in (r[0] or "") for r in rows
    )
    assert not any("Camera" in str(r[0] or "") for r in rows)


def test_a_commune_sees_a_province_model_replicated_into_it(
    tree, make_model, make_site, officer, login
):
    model = make_model(tree.province, name="Mô hình “Tiếng kẻng an ninh”", level="province")
    client = login(officer)
    assert client.get(f"/models/{model.pk}/").status_code == 404
    make_site(model, tree.area, teams=(7,))
    page = client.get(f"/models/{model.pk}/").content.decode()
    assert "Tiếng kẻng an ninh" in page and "Thôn Đông Hưng" in page


def test_register_a_model_then_add_a_site_a_team_and_a_judgement(tree, officer, login):
    client = login(officer)
    response = client.post(
        f"/models/new/?owner={tree.commune.code}",
        {
            "name": "Mô hình “Camera an ninh”",
            "serves": ["tu_phong", "tu_bao_ve"],
            "field": "residential",
            "level": "commune",
            "decision_number": "12/QĐ-UBND",
            "decision_date": "15/03/2024",
        },
    )
    assert response.status_code == 302
    model = SelfManagementModel.objects.get()
    base = f"/models/{model.pk}/do/"
    client.post(base + "site/", {"unit": tree.area.code, "started_on": "01/06/2024"})
    site = ModelSite.objects.get()
    client.post(base + "team/", {"site": site.pk, "name": "Tổ camera 1", "member_count": "9"})
    client.post(
        base + "judgement/",
        {
            "year": "2026",
            "site": str(site.pk),
            "effective": "yes",
            "grade": "good",
            "judged_by": "Công an phường",
            "judged_on": "20/11/2026",
        },
    )
    page = client.get(f"/models/{model.pk}/").content.decode()
    assert "Tổ camera 1 (9)" in page
    assert "Hiệu quả" in page or "Effective" in page
    assert site.judgements.get().effective


def test_a_bad_form_says_what_and_where(tree, officer, login):
    client = login(officer)
    response = client.post(
        f"/models/new/?owner={tree.commune.code}",
        {
            "name": "X",
            "field": "residential",
            "level": "commune",
            "decision_number": "1",
            "decision_date": "01/01/2030",
        },
    )
    assert response.status_code == 400
    assert SelfManagementModel.objects.count() == 0


def test_a_wrong_site_code_is_a_message_and_nothing_changes(tree, make_model, officer, login):
    model = make_model()
    client = login(officer)
    response = client.post(
        f"/models/{model.pk}/do/site/", {"unit": "99999", "started_on": "01/06/2024"}
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "99999" in page
    assert ModelSite.objects.count() == 0


def _sheet(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append([h for _f, h in COLUMNS])
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "mo-hinh.xlsx"
    return data


def _row(name, owner="16417", sites="16417-KDC01; 16417-KDC02", decided="15/03/2024"):
    return [name, "tự phòng; tự quản", "Khu dân cư", owner, "Xã", "1/QĐ", decided, "", "", sites]


def test_an_import_with_one_bad_row_imports_nothing_and_names_row_and_column(tree, officer, login):
    client = login(officer)
    upload = _sheet(
        [_row("Mô hình A"), _row("Mô hình B", decided="32/13/2024"), _row("C", owner="00004")]
    )
    response = client.post("/models/import/", {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ngày quyết định" in page and "Mã đơn vị chủ quản" in page
    assert "<td>3</td>" in page and "<td>4</td>" in page
    assert SelfManagementModel.objects.count() == 0 and ModelSite.objects.count() == 0


def test_a_clean_import_creates_models_and_sites(tree, officer, login):
    client = login(officer)
    response = client.post(
        "/models/import/", {"file": _sheet([_row("Mô hình A"), _row("B", sites="")])}
    )
    assert response.status_code == 302
    assert SelfManagementModel.objects.count() == 2 and ModelSite.objects.count() == 2
    template = client.get("/models/import/template.xlsx")
    assert _xlsx(template)[0][0] == "Tên mô hình"


def test_a_file_that_is_not_excel_is_refused(tree, officer, login):
    client = login(officer)
    fake = io.BytesIO(b"name,owner\n")
    fake.name = "mo-hinh.xlsx"
    response = client.post("/models/import/", {"file": fake})
    assert response.status_code == 400
    assert SelfManagementModel.objects.count() == 0


def test_statistics_page_drills_down_and_exports(tree, make_model, make_site, persona, login):
    from antq.core.roles import Role

    model = make_model(tree.province, level="province")
    make_site(model, tree.commune, teams=(5, 5))
    make_site(model, tree.commune2, teams=(6,))
    client = login(persona(Role.PROVINCE_STAFF))
    page = client.get("/models/statistics/", {"year": 2026}).content.decode()
    assert "?unit=16417&amp;year=2026" in page and "?unit=16522&amp;year=2026" in page
    drilled = client.get("/models/statistics/", {"unit": "16522", "year": 2026}).content.decode()
    assert "Phường Quảng Phú" in drilled
    rows = _xlsx(client.get("/models/statistics/export.xlsx", {"year": 2026}))
    assert ("Thanh Hóa", 1, 2, 3, 0) in rows


def test_the_province_sets_its_grading_scale_and_the_default_says_provisional(
    tree, make_model, persona, officer, login
):
    from antq.core.roles import Role
    from antq.models.models import GradeLevel

    assert login(officer).get("/models/grades/").status_code == 403
    client = login(persona(Role.PROVINCE_STAFF))
    page = client.get("/models/grades/").content.decode()
    assert 'id="provisional"' in page
    bad = client.post("/models/grades/", {"grades": "xuat sac", "basis": "QĐ", "reason": "x"})
    assert bad.status_code == 400 and GradeLevel.objects.count() == 0
    response = client.post(
        "/models/grades/",
        {"grades": "xs | Xuất sắc\nk | Khá\n", "basis": "QĐ 1314/QĐ-UBND", "reason": "Thang tỉnh"},
    )
    assert response.status_code == 302
    page = client.get("/models/grades/").content.decode()
    assert 'id="provisional"' not in page and "Xuất sắc" in page
    model = make_model()
    detail = client.get(f"/models/{model.pk}/").content.decode()
    assert '<option value="xs">Xuất sắc</option>' in detail


def test_the_detail_page_shows_history_with_author_and_reason(
    tree, make_model, make_site, judge, staff, login, django_assert_max_num_queries
):
    from antq.models import services

    model = make_model()
    services.model_update(actor=staff, model=model, serves=["tu_phong"], reason="Bổ sung tự phòng")
    for area in (tree.area, tree.area2):
        site = make_site(model, area, teams=(5, 6, 7))
        judge(model, site=site, grade="good")
    client = login(staff)
    with django_assert_max_num_queries(30):
        page = client.get(f"/models/{model.pk}/").content.decode()
    assert "Bổ sung tự phòng" in page and staff.username in page
    assert "Tốt" in page and "thang tạm thời" in page


def test_example_pages_create_edit_and_history(tree, make_model, officer, login):
    from antq.models.models import ExemplaryExample

    model = make_model(field="school")
    client = login(officer)
    response = client.post(
        f"/models/examples/new/?unit={tree.commune.code}",
        {
            "kind": "collective",
            "name": "Chi đoàn thôn Đông Hưng",
            "model": str(model.pk),
            "field": "residential",
            "level": "commune",
            "decision_number": "7/QĐ-KT",
            "decision_date": "01/05/2026",
            "reason": "Tích cực nhân rộng mô hình",
        },
    )
    assert response.status_code == 302
    example = ExemplaryExample.objects.get()
    assert example.model == model
    edit = f"/models/examples/{example.pk}/edit/"
    no_reason = client.post(edit, {**_example_post(), "change_reason": ""})
    assert no_reason.status_code == 400
    assert client.post(edit, {**_example_post(), "change_reason": "Sửa tên"}).status_code == 302
    page = client.get(f"/models/examples/{example.pk}/").content.decode()
    assert "Chi đoàn thôn Đông Hưng (sửa)" in page and "Sửa tên" in page
    listed = client.get("/models/examples/", {"q": "chi doan"}).content.decode()
    assert "Chi đoàn thôn Đông Hưng" in listed
    rows = _xlsx(client.get("/models/examples/export.xlsx"))
    assert rows[-1][0] == "Chi đoàn thôn Đông Hưng (sửa)"


def _example_post():
    return {
        "kind": "collective",
        "name": "Chi đoàn thôn Đông Hưng (sửa)",
        "field": "residential",
        "level": "commune",
        "decision_number": "7/QĐ-KT",
        "decision_date": "01/05/2026",
        "reason": "Tích cực nhân rộng mô hình",
    }


def test_the_statistics_page_stays_within_a_query_budget(
    tree, make_model, make_site, staff, login, django_assert_max_num_queries
):
    for _n in range(10):
        model = make_model(tree.province, level="province")
        for unit in (tree.commune, tree.commune2, tree.area, tree.area3):
            make_site(model, unit, teams=(4,))
    client = login(staff)
    with django_assert_max_num_queries(25):
        page = client.get("/models/statistics/", {"year": 2026}).content.decode()
    assert "<strong>40</strong>" in page  # sites
    with django_assert_max_num_queries(25):
        assert client.get("/models/statistics/export.xlsx", {"year": 2026}).status_code == 200


def test_the_edit_page_needs_a_reason_and_sites_teams_judgements_have_history(
    tree, make_model, make_site, judge, staff, login
):
    model = make_model(name="Mô hình cũ")
    make_site(model, tree.area, teams=(5,))
    judge(model, grade="good")
    client = login(staff)
    assert client.get(f"/models/{model.pk}/edit/").status_code == 200
    data = {
        "name": "Mô hình mới",
        "serves": ["tu_quan"],
        "field": "residential",
        "level": "commune",
        "decision_number": model.decision_number,
        "decision_date": "15/03/2024",
    }
    assert client.post(f"/models/{model.pk}/edit/", data).status_code == 400
    response = client.post(f"/models/{model.pk}/edit/", {**data, "reason": "Đổi tên theo QĐ"})
    assert response.status_code == 302
    page = client.get(f"/models/{model.pk}/").content.decode()
    assert "Mô hình cũ → Mô hình mới" in page and "Đổi tên theo QĐ" in page
    related = page.split('id="related-history"')[1]
    assert "Thôn Đông Hưng" in related and "Tổ 1" in related and staff.username in related
