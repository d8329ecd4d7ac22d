import io
from datetime import date

from openpyxl import load_workbook

from antq.core.roles import Role
from antq.directives import services
from antq.directives.models import Directive

from .conftest import ISSUED, at, deployment_of, pdf, png_named_pdf


def _form(**extra):
    return {
        "issuing_body": "Ban Chỉ đạo 138 tỉnh Thanh Hóa",
        "number": "67/KH-BCĐ",
        "issued_on": "02/03/2026",
        "kind": "plan",
        "summary": "Triển khai phong trào năm 2026",
        "requires_plan": "on",
        "report_deadline": "20/03/2026",
        "kinds": ["commune", "school"],
        "root": "",
        "codes": "",
        "file": pdf(),
        **extra,
    }


def test_province_staff_issue_from_the_form(tree, staff, login):
    client = login(staff)
    with at(ISSUED):
        response = client.post("/directives/new/", _form())
    directive = Directive.objects.get()
    assert response.status_code == 302 and response.url == f"/directives/{directive.pk}/"
    assert directive.deployments.count() == 3
    page = client.get(f"/directives/{directive.pk}/")
    assert "67/KH-BCĐ" in page.content.decode()


def test_a_renamed_picture_is_refused_on_the_form_and_nothing_is_stored(tree, staff, login):
    client = login(staff)
    with at(ISSUED):
        response = client.post("/directives/new/", _form(file=png_named_pdf()))
    assert response.status_code == 400
    assert "chi-thi.pdf" in response.content.decode()
    assert Directive.objects.count() == 0


def test_the_form_is_not_for_a_viewer(tree, persona, login):
    assert login(persona(Role.VIEWER)).get("/directives/new/").status_code == 403


def test_list_searches_without_diacritics_filters_pages_and_exports(
    tree, issue, staff, login, django_assert_max_num_queries
):
    for n in range(1, 56):
        issue(
            number=f"{n}/CV-CAT",
            kinds=("commune",),
            kind="official_letter",
            summary=f"Công văn số {n}",
        )
    issue(number="9/CT-UBND", kind="instruction", summary="Chỉ thị về bảo đảm an ninh Tết")
    client = login(staff)
    with django_assert_max_num_queries(8):
        page = client.get("/directives/")
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 56
    assert len(page.context["page"].object_list) == 50
    found = client.get("/directives/", {"q": "bao dam an ninh tet"}).context["page"]
    assert [d.number for d in found] == ["9/CT-UBND"]
    assert [
        d.number for d in client.get("/directives/", {"kind": "instruction"}).context["page"]
    ] == ["9/CT-UBND"]
    export = client.get("/directives/export.xlsx", {"kind": "instruction"})
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.values)
    assert len(rows) == 2 and rows[1][0] == "9/CT-UBND" and rows[1][1].date() == date(2026, 3, 2)


def test_a_commune_sees_the_province_directive_in_its_inbox_and_acknowledges(
    tree, issue, officer, login
):
    directive = issue()
    client = login(officer)
    inbox = client.get("/directives/inbox/")
    assert {r.unit.code for r in inbox.context["page"]} == {"16417", "16417-TH01"}
    with at(date(2026, 3, 3)):
        response = client.post(
            f"/directives/{directive.pk}/units/16417/acknowledge/", {"read": "1", "next": "inbox"}
        )
    assert response.status_code == 302
    assert deployment_of(directive, "16417").read_by == officer


def test_a_plan_with_a_bad_file_is_refused_on_the_page(tree, issue, officer, login):
    directive = issue()
    client = login(officer)
    with at(date(2026, 3, 5)):
        response = client.post(
            f"/directives/{directive.pk}/units/16417/plan/",
            {"number": "5/KH-UBND", "plan_date": "05/03/2026", "file": png_named_pdf()},
        )
    assert response.status_code == 400 and "chi-thi.pdf" in response.content.decode()
    assert deployment_of(directive, "16417").plan_recorded_at is None


def test_tracking_page_and_export_show_who_has_not(tree, issue, officer, staff, login):
    directive = issue()
    with at(date(2026, 3, 3)):
        services.deployment_acknowledge(actor=officer, deployment=deployment_of(directive, "16417"))
    client = login(staff)
    with at(date(2026, 3, 4)):
        page = client.get(f"/directives/{directive.pk}/tracking/", {"unit": "38", "stage": "read"})
    html = page.content.decode()
    assert page.context["counts"].read == 1
    # in Vietnamese name order: Phường Quảng Phú, Trường THCS Đông Quang
    assert [r.unit.code for r in page.context["missing"]] == ["16522", "16417-TH01"]
    assert 'data-testid="missing-16522"' in html and 'data-testid="missing-16417"' not in html
    export = client.get(f"/directives/{directive.pk}/tracking.xlsx", {"unit": "38"})
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    assert [r[0] for r in rows[1:]] == ["16417", "16417-TH01", "16522"]
    assert rows[1][3].date() == date(2026, 3, 3)


def test_the_files_are_served_only_to_those_who_see_the_directive(tree, issue, persona, login):
    directive = issue()
    ours = login(persona(Role.VIEWER)).get(f"/directives/{directive.pk}/file/")
    assert ours.status_code == 200 and b"".join(ours.streaming_content).startswith(b"%PDF")
    other = persona(Role.COMMUNE_OFFICER, "00004")
    assert login(other).get(f"/directives/{directive.pk}/file/").status_code == 404


def test_the_issuer_corrects_a_directive_and_the_change_shows_in_its_history(
    tree, issue, staff, officer, login
):
    directive = issue()
    assert login(officer).get(f"/directives/{directive.pk}/edit/").status_code == 403
    client = login(staff)
    response = client.post(
        f"/directives/{directive.pk}/edit/",
        {
            "issuing_body": "Ban Chỉ đạo 138 tỉnh Thanh Hóa",
            "summary": "Triển khai phong trào năm 2026 (đính chính)",
            "requires_plan": "on",
            "report_deadline": "31/03/2026",
            "reason": "Đính chính trích yếu",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/directives/{directive.pk}/").content.decode()
    assert "Đính chính trích yếu" in page and "31/03/2026" in page


def test_tracking_page_keeps_to_its_query_budget(
    tree, issue, staff, login, django_assert_max_num_queries
):
    directive = issue()
    client = login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(f"/directives/{directive.pk}/tracking/", {"stage": "reported"})
    assert len(response.context["missing"].object_list) == 3
