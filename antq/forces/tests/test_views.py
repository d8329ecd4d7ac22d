"""The pages as an officer uses them: lists within a query budget, exports, import, leaving."""

import io

from openpyxl import Workbook, load_workbook

from antq.core.roles import Role
from antq.forces import importing
from antq.forces.models import SecurityTeam, TeamMember
from antq.units.services import unit_create


def _more_areas(officer, commune, n):
    return [
        unit_create(
            actor=officer,
            code=f"{commune.code}-X{i:02d}",
            name=f"Thôn Mới {i}",
            kind="residential_area",
            parent=commune,
        )
        for i in range(n)
    ]


def test_lists_stay_within_a_query_budget(
    tree, make_team, make_member, officer, login, django_assert_max_num_queries
):
    for area in _more_areas(officer, tree.commune, 12):
        make_member(make_team(area))
    client = login(officer)
    with django_assert_max_num_queries(12):
        assert client.get("/forces/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/forces/members/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/forces/ratings/").status_code == 200
    team = SecurityTeam.objects.first()
    for _i in range(10):
        make_member(team)
    with django_assert_max_num_queries(20):
        assert client.get(f"/forces/teams/{team.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/forces/statistics/").status_code == 200


def test_the_team_list_searches_and_exports(tree, make_team, officer, login):
    make_team(tree.area, name="Tổ bảo vệ ANTT Đông Hưng")
    make_team(tree.area2, name="Tổ bảo vệ ANTT Lê Lợi")
    client = login(officer)
    page = client.get("/forces/", {"q": "dong hung"}).content.decode()
    assert "Tổ bảo vệ ANTT Đông Hưng" in page and "Lê Lợi" not in page
    response = client.get("/forces/export.xlsx", {"q": "le loi"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Tổ bảo vệ ANTT Lê Lợi" and len(rows) == 2


def test_a_refused_person_sees_the_rule_and_reason(tree, make_team, officer, login):
    team = make_team()
    client = login(officer)
    response = client.post(
        f"/forces/teams/{team.pk}/members/new/",
        {
            "role": "member",
            "full_name": "Phạm Văn Trẻ",
            "birth_date": "01/01/2010",
            "sex": "male",
            "identity_number": "038110001111",
            "residence": "Thôn Đông Hưng",
            "resident_since": "01/01/2010",
            "education": "lower_secondary",
            "record_document": "LLTP 1",
            "health_document": "GKSK 1",
            "joined_on": "01/06/2026",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "M-AGE" in page and "16 tuổi" in page
    assert not TeamMember.objects.exists()


def test_the_member_page_shows_the_leaving_deadlines(tree, make_team, make_member, officer, login):
    member = make_member(make_team())
    client = login(officer)
    client.post(
        f"/forces/members/{member.pk}/leave/propose/",
        {"ground": "a", "started_on": "06/03/2026", "proposal_number": ""},
    )
    page = client.get(f"/forces/members/{member.pk}/").content.decode()
    assert "13/03/2026" in page
    assert "Mẫu số 07" in page


def _sheet(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append([header for _f, header in importing.COLUMNS])
    for row in rows:
        sheet.append(row)
    handle = io.BytesIO()
    book.save(handle)
    handle.seek(0)
    handle.name = "so.xlsx"
    return handle


def _row(name, identity, birth="10/03/1985", team="Tổ bảo vệ ANTT Đông Hưng"):
    return [
        team,
        "16417-KDC01",
        "15/QĐ-UBND",
        "02/01/2025",
        "Tổ viên",
        name,
        birth,
        "Nam",
        identity,
        "Thôn Đông Hưng",
        "01/01/2010",
        "THCS",
        "",
        "LLTP 1",
        "GKSK 1",
        "",
        "02/01/2025",
    ]


def test_an_import_with_one_bad_row_imports_nothing_and_names_row_and_column(tree, officer, login):
    client = login(officer)
    upload = _sheet(
        [
            _row("Nguyễn Văn Một", "038085000001"),
            _row("Nguyễn Văn Hai", "038085000002", birth="01/01/2012"),
            _row("Nguyễn Văn Ba", "038085000001"),
        ]
    )
    response = client.post("/forces/import/?commune=16417", {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ngày sinh" in page and "Số định danh cá nhân" in page
    assert "<td>3</td>" in page and "<td>4</td>" in page
    assert not SecurityTeam.objects.exists() and not TeamMember.objects.exists()


def test_a_clean_import_sets_up_the_team_and_its_members(tree, officer, login):
    client = login(officer)
    upload = _sheet([_row("Nguyễn Văn Một", "038085000001"), _row("Lê Văn Hai", "038085000002")])
    response = client.post("/forces/import/?commune=16417", {"file": upload})
    assert response.status_code == 302
    team = SecurityTeam.objects.get()
    assert team.members.count() == 2
    assert team.history.first().history_change_reason


def test_a_file_that_is_not_excel_is_refused(tree, officer, login):
    client = login(officer)
    upload = io.BytesIO(b"not a workbook at all")
    upload.name = "so.xlsx"
    response = client.post("/forces/import/?commune=16417", {"file": upload})
    assert response.status_code == 400
    assert "Excel" in response.content.decode()


def test_statistics_page_drills_down_to_communes(tree, make_team, make_member, persona, login):
    make_member(make_team(tree.area))
    client = login(persona(Role.LEADER))
    page = client.get("/forces/statistics/", {"year": 2026}).content.decode()
    assert "Phường Đông Quang" in page and "?unit=16417" in page


def test_discipline_recorded_on_the_page_fails_criterion_four_five(
    tree, make_team, make_member, officer, login
):
    from datetime import date

    from antq.forces import services
    from antq.forces.selectors import area_force_standing

    team = make_team()
    member = make_member(team)
    services.rating_record(
        actor=officer, team=team, year=2026, level="good", decided_on=date(2026, 11, 10)
    )
    client = login(officer)
    client.post(
        f"/forces/members/{member.pk}/do/discipline/", {"on": "04/05/2026", "note": "Khiển trách"}
    )
    assert area_force_standing(area=tree.area, year=2026).met is False
    client.post(f"/forces/teams/{team.pk}/complaint/", {"under": "on", "reason": "Đơn tố cáo"})
    team.refresh_from_db()
    assert team.under_complaint
    assert team.history.first().history_change_reason == "Đơn tố cáo"
