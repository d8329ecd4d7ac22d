"""The entry form shows what the registries hold beside the typed figure, and warns on a gap."""

from datetime import date

from antq.core.roles import Role
from antq.models import services as model_services


def test_the_entry_form_shows_the_registrys_models_and_teams(client, officer, clock, tree, persona):
    clock.set(date(2026, 10, 2))
    staff = persona(Role.PROVINCE_STAFF)
    model = model_services.model_create(
        actor=staff,
        owner=tree["16417"],
        serves=["tu_quan"],
        name="Camera an ninh khu dân cư",
        field="residential",
        level="commune",
        decision_number="7/QĐ-UBND",
        decision_date=date(2025, 3, 15),
    )
    site = model_services.site_add(
        actor=staff, model=model, unit=tree["16417-KDC01"], started_on=date(2025, 6, 1)
    )
    for name in ("Tổ 1", "Tổ 2"):
        model_services.team_add(actor=staff, site=site, name=name, member_count=9)
    client.force_login(officer("16417"))
    url = "/reports/entry/movement-monthly/16417/2026-09/"
    page = client.get(url).content.decode()
    shown = page.split('data-testid="registry-self_management_teams">', 1)[1].split("</small>")[0]
    assert shown.endswith(": 2")
    client.post(url, {"self_management_teams": "5", "action": "save"})
    page = client.get(url).content.decode()
    before, after = page.split('data-testid="registry-self_management_teams">', 1)
    assert 'class="problem"' in before[-40:] and ": 2 — " in after.split("</small>")[0]
    client.post(url, {"self_management_teams": "2", "action": "save"})
    page = client.get(url).content.decode()
    before = page.split('data-testid="registry-self_management_teams"')[0][-40:]
    assert 'class="muted"' in before
