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
