import io
from decimal import Decimal

from openpyxl import load_workbook

from antq.core.roles import Role
from antq.targets import selectors, services
from antq.units.importing import units_import
from antq.units.tests.sheets import area_rows, xlsx_bytes

from .support import YEAR, recognise, target


def test_attainment_api_matches_and_is_scoped(tree, persona, year, client, bearer):
    target(
        persona,
        tree,
        metric="recognised_share",
        subject="residential_area",
        comparison="gte",
        value=Decimal(50),
    )
    recognise(persona, year, tree["16417-KDC01"], tree["16417-KDC02"])
    body = client.get(
        "/api/v1/targets/attainment",
        {"year": YEAR, "unit": "38"},
        headers=bearer(persona(Role.LEADER)),
    ).json()
    [item] = body
    assert (item["hits"], item["total"], item["met"], item["gap"]) == (2, 3, True, 0)
    assert item["basis"] == "KH 67/KH-BCĐ, 08/3/2024"
    assert float(item["current"]) == 66.7
    outside = client.get(
        "/api/v1/targets/attainment",
        {"year": YEAR, "unit": "38"},
        headers=bearer(persona(Role.COMMUNE_OFFICER)),
    )
    assert outside.status_code == 404


def test_dashboard_drills_down_and_exports(tree, persona, year, client):
    recognise(persona, year, tree["16417-KDC01"])
    client.force_login(persona(Role.LEADER))
    page = client.get("/targets/", {"unit": "38", "year": YEAR}).content.decode()
    assert 'data-testid="drill-16417"' in page and 'data-testid="drill-16522"' in page
    assert "<svg" in page
    export = client.get("/targets/", {"unit": "38", "year": YEAR, "export": "children"})
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = {r[0]: (r[3], r[5], r[6], r[7]) for r in sheet.iter_rows(min_row=2, values_only=True)}
    no = rows["38-CQ01"][0]
    assert rows["16417"] == (no, 2, 1, 50) and rows["16522"] == (no, 1, 0, 0)
    commune = client.get("/targets/", {"unit": "16417", "year": YEAR}).content.decode()
    assert 'data-testid="drill-16417-KDC01"' in commune


BUDGET = 20  # was 70, then 32 (issue 15)


def test_dashboard_queries_do_not_grow_with_the_data(
    tree,
    persona,
    year,
    client,
    django_assert_max_num_queries,
):
    """Issue 15: the leader's province page in a fixed number of queries at any size.

    Three for the session and account; each panel one grouped query or two, the targets'
    population counts shared with the charts (read once per request).
    """
    staff = persona(Role.PROVINCE_STAFF)
    for metric, subject, value in (
        ("recognised_share", "residential_area", 90),
        ("good_or_better_share", "commune", 80),
        ("weak_count", "commune", 0),
        ("directives_acknowledged_share", "", 100),
    ):
        target(persona, tree, metric=metric, subject=subject, comparison="gt", value=Decimal(value))
    recognise(persona, year, tree["16417-KDC01"])
    client.force_login(persona(Role.LEADER))
    with django_assert_max_num_queries(BUDGET) as small:  # twelve months of trends in one query
        page = client.get("/targets/", {"unit": "38", "year": YEAR})
    assert 'data-state="not_met"' in page.content.decode()
    units_import(actor=staff, data=xlsx_bytes(area_rows("16417", 400)), filename="kdc.xlsx")
    with django_assert_max_num_queries(BUDGET) as large:
        client.get("/targets/", {"unit": "38", "year": YEAR})
    assert len(large.captured_queries) == len(small.captured_queries)
    [recognised] = [t for t in selectors.target_list(user=staff) if t.subject == "residential_area"]
    closest = client.get(f"/targets/{recognised.pk}/closest/").content.decode()
    assert closest.count("<li>") == selectors.CLOSEST_LIMIT  # loaded when the list is opened
    assert "/units/16417-KDC01/" not in closest  # recognised: not among those still to win


def test_public_page_shows_only_published_targets_without_login(
    tree,
    persona,
    year,
    client,
):
    shown = target(
        persona,
        tree,
        metric="recognised_share",
        subject="commune",
        comparison="gte",
        value=Decimal(95),
    )
    services.target_set(
        actor=persona(Role.PROVINCE_STAFF),
        year=YEAR,
        unit=tree.province,
        metric="weak_count",
        subject="commune",
        comparison="lte",
        value=Decimal(0),
        public=False,
    )
    shown.public = True
    shown.save()
    page = client.get("/public/38/", {"year": YEAR})
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="target-recognised_share-commune"' in body
    assert "weak_count" not in body
    assert client.get("/public/16417/").status_code == 404


def test_targets_page_is_for_province_staff(tree, persona, year, client):
    client.force_login(persona(Role.LEADER))
    assert client.get("/targets/manage/", {"unit": "38", "year": YEAR}).status_code == 404
    client.force_login(persona(Role.PROVINCE_STAFF))
    response = client.post(
        f"/targets/manage/?unit=38&year={YEAR}",
        {
            "metric": "recognised_share",
            "subject": "commune",
            "comparison": "between",
            "value": "75",
            "basis": "KH 67/KH-BCĐ",
        },
    )
    assert response.status_code == 200  # "between" needs its upper value
    assert "value_high" in response.content.decode()


def test_dashboard_shows_report_completeness_and_the_country_view(tree, persona, year, client):
    from antq.reports import periods
    from antq.reports import selectors as report_selectors
    from antq.reports import services as report_services
    from antq.reports.tests.conftest import FIGURES
    from antq.units.selectors import today

    form = report_selectors.form_get(code="movement-monthly")
    last_month = periods.period_containing(today(), "month").previous()
    report_services.report_save(
        actor=persona(Role.COMMUNE_OFFICER),
        form=form,
        unit=tree.commune,
        period_key=last_month.key,
        values=FIGURES,
        submit=True,
    )
    client.force_login(persona(Role.LEADER))
    page = client.get("/targets/", {"unit": "38"}).content.decode()
    panel = page[page.index('data-testid="completeness"') :]
    assert f"— {last_month.key}" in panel
    assert "50,0%" in panel  # one of the province's two communes has reported

    client.force_login(persona(Role.ADMIN))
    country = client.get("/targets/", {"unit": "*"}).content.decode()
    assert 'data-testid="drill-38"' in country and 'data-testid="drill-01"' in country
    client.force_login(persona(Role.PROVINCE_STAFF))
    own = client.get("/targets/", {"unit": "*"})
    assert own.status_code == 404


def test_the_target_form_offers_report_forms_and_indicators_by_name(tree, persona, year, client):
    from antq.reports import selectors as report_selectors

    form = report_selectors.form_get(code="movement-monthly")
    indicator = next(i for i in form.ordered_indicators() if i.is_numeric)
    client.force_login(persona(Role.PROVINCE_STAFF))
    page = client.get("/targets/manage/", {"unit": "38", "year": YEAR}).content.decode()
    assert f'<option value="movement-monthly">{form.name}</option>' in page
    assert f'<option value="{indicator.code}">{indicator.name}</option>' in page
    assert 'placeholder="movement-monthly"' not in page
    response = client.post(
        f"/targets/manage/?unit=38&year={YEAR}",
        {
            "metric": "indicator_total",
            "form_code": "movement-monthly",
            "indicator_code": indicator.code,
            "comparison": "gte",
            "value": "10",
        },
    )
    assert response.status_code == 302
    saved = selectors.target_list(user=persona(Role.PROVINCE_STAFF)).get()
    assert (saved.form_code, saved.indicator_code) == ("movement-monthly", indicator.code)
