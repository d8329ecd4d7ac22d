import io
from datetime import date

from openpyxl import load_workbook

from antq.core.roles import Role
from antq.reports.models import Report

from .conftest import FIGURES

ROLLUP = "/reports/rollup/"
PROVINCE_SEPTEMBER = {"form": "movement-monthly", "period": "2026-09", "unit": "38"}


def test_the_rollup_page_shows_the_provinces_figures(client, september, persona):
    client.force_login(persona(Role.PROVINCE_STAFF))
    page = client.get(ROLLUP, PROVINCE_SEPTEMBER)
    html = page.content.decode()
    assert page.status_code == 200
    for testid, value in [
        ("expected", 3),
        ("received", 2),
        ("on-time", 1),
        ("late", 1),
        ("missing", 1),
    ]:
        assert f'data-testid="{testid}">{value}<' in html
    assert 'data-testid="total-propaganda_sessions">10<' in html
    assert 'data-testid="child-16450" data-missing="1"' in html
    assert "Xã Quảng Tâm (16450)" in html  # listed as not yet reported


def test_the_rollup_page_export_holds_the_totals(client, september, persona):
    client.force_login(persona(Role.PROVINCE_STAFF))
    answer = client.get("/reports/rollup.xlsx", PROVINCE_SEPTEMBER)
    book = load_workbook(io.BytesIO(b"".join(answer.streaming_content)))
    rows = {r[0]: r[3] for r in book.worksheets[0].iter_rows(min_row=5, values_only=True)}
    assert rows["Số buổi tuyên truyền"] == 10
    assert rows["Số tin báo, tố giác về an ninh, trật tự tiếp nhận"] == 24
    assert "propaganda_sessions" not in rows  # officials read names; codes stay in the API
    completeness = next(book.worksheets[1].iter_rows(min_row=2, max_row=2, values_only=True))
    assert completeness[1:] == ("38", 3, 2, 1, 1, 1)


def test_the_rollup_pages_queries_do_not_grow_with_the_data(
    client, officer, persona, submit, commune3, django_assert_max_num_queries
):
    client.force_login(persona(Role.PROVINCE_STAFF))
    submit(officer("16417"), "16417", on=date(2026, 10, 2))
    months = {**PROVINCE_SEPTEMBER, "period": "2026-08", "period_to": "2026-09"}
    with django_assert_max_num_queries(25) as few:
        client.get(ROLLUP, months)
    submit(officer("16522"), "16522", on=date(2026, 10, 2))
    submit(officer("16450"), "16450", on=date(2026, 10, 2))
    submit(officer("16417"), "16417", period="2026-08", on=date(2026, 10, 2))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert 'data-testid="received">3<' in client.get(ROLLUP, months).content.decode()


def test_the_officer_saves_a_draft_then_submits_from_the_page(client, officer, clock, tree):
    clock.set(date(2026, 10, 2))
    client.force_login(officer("16417"))
    url = "/reports/entry/movement-monthly/16417/2026-09/"
    assert client.get(url).status_code == 200
    draft = client.post(url, {"propaganda_sessions": "4", "action": "save"})
    assert draft.status_code == 302 and Report.objects.get().status == "draft"
    bad = client.post(url, {**FIGURES, "tips_valuable": "30", "action": "submit"})
    assert bad.status_code == 400 and 'data-testid="error-tips_valuable"' in bad.content.decode()
    assert Report.objects.get().status == "draft"
    done = client.post(url, {**FIGURES, "action": "submit"})
    assert done.status_code == 302 and Report.objects.get().status == "submitted"
    assert "<td>13.85</td>" in client.get(done.url).content.decode()


def test_the_form_checks_values_as_one_types(client, officer, clock):
    clock.set(date(2026, 10, 2))
    client.force_login(officer("16417"))
    url = "/reports/entry/movement-monthly/16417/2026-09/check/"
    answer = client.post(
        url, {"propaganda_sessions": "-2", "tips_received": "abc"}, HTTP_HX_REQUEST="true"
    )
    html = answer.content.decode()
    assert 'data-testid="problem-propaganda_sessions"' in html
    assert 'data-testid="problem-tips_received"' in html
    assert 'data-testid="problem-guns_recovered"' not in html  # blank is fine in a draft
    assert not Report.objects.exists()


def test_return_resubmit_and_approve_through_the_pages(client, september, officer, persona, clock):
    report = Report.objects.get(unit__code="16417")
    client.force_login(persona(Role.PROVINCE_STAFF))
    client.post(f"/reports/{report.pk}/return/", {"reason": ""})
    assert Report.objects.get(pk=report.pk).status == "submitted"
    client.post(f"/reports/{report.pk}/return/", {"reason": "Kiểm tra lại số tin báo"})
    assert Report.objects.get(pk=report.pk).status == "returned"

    client.force_login(officer("16417"))
    inbox = client.get("/reports/").content.decode()
    assert "Kiểm tra lại số tin báo" in inbox
    clock.set(date(2026, 10, 8))
    url = "/reports/entry/movement-monthly/16417/2026-09/"
    client.post(url, {**FIGURES, "tips_received": "15", "action": "submit"})

    client.force_login(persona(Role.PROVINCE_STAFF))
    detail = client.get(f"/reports/{report.pk}/").content.decode()
    assert 'data-testid="changes"' in detail and "<strong>15</strong>" in detail
    client.post(f"/reports/{report.pk}/approve/")
    assert Report.objects.get(pk=report.pk).is_locked
    client.force_login(officer("16417"))
    locked = client.post(url, {**FIGURES, "action": "submit"})
    assert locked.status_code == 400
    assert 'id="submit-report"' not in client.get(url).content.decode()


def test_the_excel_round_trip_for_all_units_of_the_province(
    client, officer, persona, clock, commune3
):
    clock.set(date(2026, 10, 2))
    client.force_login(persona(Role.PROVINCE_STAFF))
    answer = client.get(
        "/reports/excel/template.xlsx",
        {"form": "movement-monthly", "unit": "38", "period": "2026-09", "all_units": "on"},
    )
    book = load_workbook(io.BytesIO(b"".join(answer.streaming_content)))
    sheet = book.active
    assert [sheet.cell(row=3, column=c).value for c in (3, 4, 5)] == ["16417", "16522", "16450"]
    codes = {sheet.cell(row=r, column=1).value: r for r in range(6, sheet.max_row + 1)}
    for column in (3, 4, 5):
        for code, value in FIGURES.items():
            sheet.cell(row=codes[code], column=column, value=value)
    sheet.cell(row=codes["tips_received"], column=4, value="nhiều")  # D: 16522
    sheet.cell(row=codes["propaganda_sessions"], column=5, value=-1)  # E: 16450

    def upload(workbook):
        data = io.BytesIO()
        workbook.save(data)
        data.seek(0)
        data.name = "bao-cao.xlsx"
        return client.post("/reports/excel/upload/", {"file": data, "submit": "on"})

    refused = upload(book)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert f"D{codes['tips_received']}" in html and f"E{codes['propaganda_sessions']}" in html
    assert not Report.objects.exists()

    sheet.cell(row=codes["tips_received"], column=4, value=12)
    sheet.cell(row=codes["propaganda_sessions"], column=5, value=4)
    assert upload(book).status_code == 302
    assert Report.objects.filter(status="submitted").count() == 3
    figures = client.get(ROLLUP, PROVINCE_SEPTEMBER).content.decode()
    assert 'data-testid="total-propaganda_sessions">12<' in figures


def test_a_sheet_for_a_unit_out_of_scope_names_the_cell(client, officer, clock):
    from antq.reports.excel import template_workbook
    from antq.reports.models import ReportForm
    from antq.units.models import Unit

    clock.set(date(2026, 10, 2))
    form = ReportForm.objects.get(code="movement-monthly")
    book = template_workbook(
        form=form, period_key="2026-09", units=[Unit.objects.get(code="16522")]
    )
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "x.xlsx"
    client.force_login(officer("16417"))
    answer = client.post("/reports/excel/upload/", {"file": data})
    assert answer.status_code == 400 and "C3" in answer.content.decode()


def test_the_inbox_lists_the_months_due_and_overdue(client, officer, clock, tree):
    clock.set(date(2026, 10, 3))
    client.force_login(officer("16417"))
    html = client.get("/reports/").content.decode()
    assert 'data-testid="due-movement-monthly-2026-09"' in html
    assert 'data-testid="due-movement-monthly-2026-07"' in html


def test_a_viewer_sees_but_cannot_approve_and_another_commune_sees_nothing(
    client, september, persona, officer
):
    report = Report.objects.get(unit__code="16417")
    client.force_login(persona(Role.VIEWER))
    assert client.get(f"/reports/{report.pk}/").status_code == 200
    client.post(f"/reports/{report.pk}/approve/")
    assert Report.objects.get(pk=report.pk).status == "submitted"
    client.force_login(officer("16522"))
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert client.get("/reports/entry/movement-monthly/16417/2026-09/").status_code == 404
    assert client.get(ROLLUP, PROVINCE_SEPTEMBER).status_code == 404


def test_an_entry_page_for_a_period_of_another_type_is_not_found(client, officer):
    client.force_login(officer("16417"))
    assert client.get("/reports/entry/movement-monthly/16417/2026-Q3/").status_code == 404
