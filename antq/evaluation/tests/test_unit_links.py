"""A unit's page links to its evaluation, its reports and its dashboard; the evaluation link
opens the newest year of the unit's province."""

import pytest

from antq.core.roles import Role

from .support import open_year

pytestmark = pytest.mark.django_db


def test_a_units_page_links_to_its_evaluation_reports_and_dashboard(tree, persona, client):
    open_year(persona, 2025)
    open_year(persona, 2026)
    client.force_login(persona(Role.COMMUNE_OFFICER, "16417"))
    page = client.get("/units/16417-KDC01/").content.decode()
    assert 'href="/reports/?unit=16417-KDC01&amp;status="' in page
    assert 'href="/targets/?unit=16417-KDC01"' in page
    evaluation = client.get("/evaluation/units/16417-KDC01/")
    assert evaluation.status_code == 302
    assert evaluation.url == "/evaluation/38/2026/16417-KDC01/"  # the newest year
    assert client.get(evaluation.url).status_code == 200


def test_the_province_opens_its_year_page_and_without_a_year_the_home_says_so(
    tree, persona, client
):
    client.force_login(persona(Role.PROVINCE_STAFF))
    none_yet = client.get("/evaluation/units/38/", follow=True)
    assert "chưa mở năm đánh giá" in none_yet.content.decode()
    open_year(persona, 2026)
    assert client.get("/evaluation/units/38/").url == "/evaluation/38/2026/"


def test_a_unit_out_of_scope_answers_404(tree, persona, client):
    open_year(persona, 2026)
    client.force_login(persona(Role.COMMUNE_OFFICER, "16417"))
    assert client.get("/evaluation/units/16522/").status_code == 404
    assert client.get("/evaluation/units/00004/").status_code == 404


def test_a_communes_year_page_lists_its_areas_and_establishments_with_their_status(
    tree, persona, client
):
    from datetime import date

    from antq.evaluation import services

    from .support import register

    campaign = open_year(persona, 2026)
    officer = persona(Role.COMMUNE_OFFICER, "16417")
    register(officer, campaign, tree["16417-KDC01"])
    services.registration_record(
        actor=officer, campaign=campaign, unit=tree["16417-TH01"], registered_on=date(2026, 5, 4)
    )
    client.force_login(officer)
    page = client.get("/evaluation/38/2026/16417/").content.decode()
    table = page[page.index('id="subunits"') :]
    for code in ("16417-KDC01", "16417-KDC02", "16417-TH01"):
        assert f'data-unit="{code}"' in table
    assert "16522-KDC01" not in table  # another commune's area
    assert "01/03/2026" in table and "Chưa đăng ký" in table
    assert "sau Quý I" in table  # the school registered in May
