"""Each province opens its own year: calendar, authorities and scope are the province's."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from antq.core.errors import DomainError, NotFound, PermissionDenied
from antq.core.roles import Role
from antq.evaluation import selectors, services
from antq.evaluation.choices import AssessmentStatus

from .support import YEAR, all_yes, open_year, register

HANOI_REGISTRATION = date(YEAR, 5, 15)


@pytest.fixture
def two_years(tree, persona):
    """Thanh Hóa (38) opens 2026 with the law's calendar; Hà Nội (01) with its own."""
    thanh_hoa = open_year(persona)
    hanoi = services.year_open(
        actor=persona(Role.PROVINCE_STAFF, "01"),
        year=YEAR,
        registration_before=HANOI_REGISTRATION,
    )
    return thanh_hoa, hanoi


def test_two_provinces_open_the_same_year_with_their_own_deadlines(two_years, persona):
    thanh_hoa, hanoi = two_years
    assert (thanh_hoa.province.code, hanoi.province.code) == ("38", "01")
    assert thanh_hoa.registration_before == date(YEAR, 4, 1)
    assert hanoi.registration_before == HANOI_REGISTRATION
    with pytest.raises(DomainError):  # once per province
        services.year_open(actor=persona(Role.PROVINCE_STAFF), year=YEAR)

    officer = persona(Role.COMMUNE_OFFICER)
    assert list(selectors.year_list(user=officer)) == [thanh_hoa]
    assert list(selectors.year_list(user=persona(Role.COMMUNE_OFFICER, "00004"))) == [hanoi]
    assert set(selectors.year_list(user=persona(Role.ADMIN))) == {thanh_hoa, hanoi}
    with pytest.raises(NotFound):
        selectors.year_get(user=officer, province="01", year=YEAR)


def test_staff_of_one_province_cannot_open_or_see_another_provinces_year(
    two_years, persona, tree, login
):
    staff = persona(Role.PROVINCE_STAFF)
    with pytest.raises(PermissionDenied):
        services.year_open(actor=staff, year=YEAR + 1, province=tree["01"])
    client = login(staff)
    assert client.get(f"/evaluation/38/{YEAR}/").status_code == 200
    for url in (
        f"/evaluation/01/{YEAR}/",
        f"/evaluation/01/{YEAR}/registrations/",
        f"/evaluation/01/{YEAR}/settings/",
        f"/evaluation/01/{YEAR}/00004-KDC01/assessment/",
        f"/evaluation/38/{YEAR}/00004-KDC01/assessment/",  # a unit of 01 under 38's year
    ):
        assert client.get(url).status_code == 404, url
    html = client.get("/evaluation/").content.decode()
    assert f'data-testid="year-38-{YEAR}"' in html and f'data-testid="year-01-{YEAR}"' not in html


def test_the_api_addresses_a_year_by_province_and_hides_other_provinces(
    two_years, persona, client, bearer
):
    def get(account, path):
        return client.get(f"/api/v1/evaluation{path}", headers=bearer(account))

    staff, admin = persona(Role.PROVINCE_STAFF), persona(Role.ADMIN)
    assert [y["province"] for y in get(staff, "/years").json()] == ["38"]
    assert {y["province"] for y in get(admin, "/years").json()} == {"38", "01"}
    own = get(staff, f"/provinces/38/years/{YEAR}").json()
    assert own["registration_before"] == f"{YEAR}-04-01"
    assert get(admin, f"/provinces/01/years/{YEAR}").json()["registration_before"] == str(
        HANOI_REGISTRATION
    )
    assert get(staff, f"/provinces/01/years/{YEAR}").status_code == 404
    assert get(staff, "/provinces/01/years").status_code == 404
    assert get(staff, f"/provinces/01/years/{YEAR}/units/00004-KDC01/assessment").status_code == 404
    opened = client.post(
        "/api/v1/evaluation/provinces/01/years",
        {"year": YEAR + 1},
        content_type="application/json",
        headers=bearer(staff),
    )
    assert opened.status_code == 404


def test_a_commune_of_another_province_is_evaluated_under_its_provinces_year_and_authorities(
    two_years, persona, tree
):
    thanh_hoa, hanoi = two_years
    hanoi_staff = persona(Role.PROVINCE_STAFF, "01")
    # Hà Nội has the province verify residential areas; Thanh Hóa keeps the commune.
    services.year_update(
        actor=hanoi_staff,
        campaign=hanoi,
        authorities={"residential_area": {"verifier": "province", "decider": "commune"}},
        reason="Quyết định của UBND thành phố",
    )
    area = tree["00004-KDC01"]
    assert selectors.year_of_unit(unit=area, year=YEAR) == hanoi
    officer = persona(Role.COMMUNE_OFFICER, "00004")
    with pytest.raises(DomainError):  # not under Thanh Hóa's year
        register(officer, thanh_hoa, area)
    register(officer, hanoi, area, households_resident=30, households_registered=30)
    saved = services.assessment_save(
        actor=officer, campaign=hanoi, unit=area, answers=all_yes("residential_area"), figures={}
    )
    services.assessment_submit(actor=officer, assessment=saved)
    with pytest.raises(PermissionDenied):  # Hà Nội's commune no longer verifies its areas
        services.assessment_verify(actor=officer, assessment=saved)
    with pytest.raises(PermissionDenied):  # nor does another province's staff
        services.assessment_verify(actor=persona(Role.PROVINCE_STAFF), assessment=saved)
    services.assessment_verify(actor=hanoi_staff, assessment=saved)
    assert saved.status == AssessmentStatus.VERIFIED

    # In Thanh Hóa the commune still verifies its residential areas.
    local = persona(Role.COMMUNE_OFFICER)
    mine = services.assessment_save(
        actor=local,
        campaign=thanh_hoa,
        unit=tree["16417-KDC01"],
        answers=all_yes("residential_area"),
        figures={"households_resident": 5, "households_registered": 5},
    )
    services.assessment_submit(actor=local, assessment=mine)
    services.assessment_verify(actor=local, assessment=mine)
    assert mine.status == AssessmentStatus.VERIFIED


def test_the_worklist_follows_the_provinces_own_deadline(two_years, persona, login, monkeypatch):
    monkeypatch.setattr(selectors, "today", lambda: date(YEAR, 4, 10))
    html = login(persona(Role.COMMUNE_OFFICER)).get("/evaluation/").content.decode()
    assert 'data-testid="late"' in html  # Thanh Hóa: registration before 01/04
    html = login(persona(Role.COMMUNE_OFFICER, "00004")).get("/evaluation/").content.decode()
    assert "?registered=no" in html and 'data-testid="late"' not in html  # Hà Nội: 15/05


def test_an_administrator_chooses_the_province_when_opening_a_year(tree, persona, login):
    admin = persona(Role.ADMIN)
    with pytest.raises(DomainError):
        services.year_open(actor=admin, year=YEAR)
    client = login(admin)
    assert 'name="province"' in client.get("/evaluation/").content.decode()
    response = client.post("/evaluation/open/", {"year": YEAR, "province": "01"})
    assert response.status_code == 302 and response["Location"] == f"/evaluation/01/{YEAR}/"
    assert selectors.year_get(province="01", year=YEAR).opened_by == admin
    html = login(persona(Role.PROVINCE_STAFF)).get("/evaluation/").content.decode()
    assert 'name="province"' not in html  # staff open their own province's year


def test_the_open_year_command_takes_the_province(tree, persona, capsys):
    persona(Role.PROVINCE_STAFF)
    admin = persona(Role.ADMIN)
    call_command("open_year", str(YEAR), "--user", "province_staff-38")
    assert capsys.readouterr().out.startswith(f"38 {YEAR}:")
    with pytest.raises(CommandError):
        call_command("open_year", str(YEAR), "--user", admin.username)
    call_command("open_year", str(YEAR), "--user", admin.username, "--province", "01")
    assert selectors.year_get(province="01", year=YEAR).year == YEAR
