"""API tokens: they expire, their owner lists and revokes them, and a password change or a
lock-out revokes them; a spent token answers 401 in Vietnamese."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from antq.accounts.models import ApiToken
from antq.accounts.services import api_token_issue
from antq.core.roles import Role
from conftest import PASSWORD

UNITS = "/api/v1/units"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def _get(client, token):
    return client.get(UNITS, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_works_until_it_expires_then_answers_401_in_vietnamese(
    tree, persona, client, settings
):
    settings.ANTQ_API_TOKEN_DAYS = 30
    officer = persona(Role.COMMUNE_OFFICER)
    start = timezone.now()
    token = api_token_issue(account=officer, label="Phần mềm báo cáo")
    assert _get(client, token).status_code == 200
    with time_machine.travel(start + timedelta(days=29, hours=23), tick=False):
        assert _get(client, token).status_code == 200
    with time_machine.travel(start + timedelta(days=30, minutes=1), tick=False):
        expired = _get(client, token)
    assert expired.status_code == 401
    assert expired.json()["detail"] == "Mã truy cập API này đã hết hạn. Hãy đề nghị cấp mã mới."


def test_only_the_digest_is_stored(tree, persona):
    token = api_token_issue(account=persona(Role.COMMUNE_OFFICER))
    row = ApiToken.objects.get()
    stored = " ".join(str(getattr(row, f.attname)) for f in ApiToken._meta.fields)
    assert token not in stored and token[8:] not in stored
    assert row.digest == ApiToken.digest_of(token)


def test_the_owner_lists_and_revokes_a_token_after_a_confirmation(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    token = api_token_issue(account=officer, label="Phần mềm báo cáo")
    kept = api_token_issue(account=officer, label="Bảng tính")
    row = ApiToken.objects.get(digest=ApiToken.digest_of(token))
    client.force_login(officer)

    listing = client.get("/accounts/tokens/").content.decode()
    assert "Phần mềm báo cáo" in listing and "Bảng tính" in listing
    assert row.prefix in listing and row.expires_at.astimezone().strftime("%d/%m/%Y") in listing

    confirm = client.get(f"/accounts/tokens/{row.pk}/revoke/")
    assert confirm.status_code == 200 and "Thu hồi mã truy cập API" in confirm.content.decode()
    assert _get(client.__class__(), token).status_code == 200  # a GET revokes nothing

    assert client.post(f"/accounts/tokens/{row.pk}/revoke/").status_code == 302
    revoked = _get(client.__class__(), token)
    assert revoked.status_code == 401
    assert revoked.json()["detail"] == "Mã truy cập API này đã bị thu hồi. Hãy đề nghị cấp mã mới."
    assert _get(client.__class__(), kept).status_code == 200
    row.refresh_from_db()
    assert row.revoked_by == officer and row.revoked_at is not None
    assert "Đã thu hồi" in client.get("/accounts/tokens/").content.decode()


def test_nobody_else_sees_or_revokes_a_token_but_an_administrator(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    token = api_token_issue(account=officer)
    row = ApiToken.objects.get()
    client.force_login(persona(Role.PROVINCE_STAFF))
    assert client.get(f"/accounts/tokens/{row.pk}/revoke/").status_code == 404
    assert client.post(f"/accounts/tokens/{row.pk}/revoke/").status_code == 404
    assert row.prefix not in client.get("/accounts/tokens/").content.decode()
    assert _get(client.__class__(), token).status_code == 200

    admin = persona(Role.ADMIN)
    client.force_login(admin)
    edit = client.get(f"/accounts/manage/{officer.username}/").content.decode()
    assert row.prefix in edit
    assert client.get(f"/accounts/manage/{officer.username}/tokens/revoke/").status_code == 200
    assert client.post(f"/accounts/manage/{officer.username}/tokens/revoke/").status_code == 302
    assert _get(client.__class__(), token).status_code == 401
    row.refresh_from_db()
    assert row.revoked_by == admin


def test_a_password_change_revokes_the_tokens(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    token = api_token_issue(account=officer)
    other = api_token_issue(account=persona(Role.VIEWER))
    client.force_login(officer)
    strong = "Thon-Dong-Hung-an-toan-2026"
    done = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong},
    )
    assert done.status_code == 302
    assert client.get("/").status_code == 200  # still logged in on this browser
    assert _get(client.__class__(), token).status_code == 401
    assert _get(client.__class__(), other).status_code == 200


def test_a_refused_password_change_keeps_the_tokens(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    token = api_token_issue(account=officer)
    client.force_login(officer)
    weak = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    assert _get(client.__class__(), token).status_code == 200


def test_a_password_reset_by_an_administrator_revokes_the_tokens(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    token = api_token_issue(account=officer)
    client.force_login(persona(Role.ADMIN))
    form = {
        "full_name": "",
        "email": "",
        "unit_code": "16417",
        "roles": [Role.COMMUNE_OFFICER],
        "is_active": "on",
    }
    weak = client.post(f"/accounts/manage/{officer.username}/", {**form, "password": "123"})
    assert weak.status_code == 200
    assert _get(client.__class__(), token).status_code == 200  # refused: nothing changed

    reset = "Mat-khau-moi-cap-lai-2026"
    assert (
        client.post(f"/accounts/manage/{officer.username}/", {**form, "password": reset})
    ).status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(reset)
    assert _get(client.__class__(), token).status_code == 401


def test_saving_an_account_without_a_password_keeps_its_tokens(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    token = api_token_issue(account=officer)
    client.force_login(persona(Role.ADMIN))
    saved = client.post(
        f"/accounts/manage/{officer.username}/",
        {"unit_code": "16417", "roles": [Role.COMMUNE_OFFICER], "is_active": "on"},
    )
    assert saved.status_code == 302
    assert _get(client.__class__(), token).status_code == 200


def test_a_lock_out_revokes_the_tokens(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    token = api_token_issue(account=officer)
    for _attempt in range(4):
        client.post("/accounts/login/", {"username": officer.username, "password": "sai"})
    assert _get(client.__class__(), token).status_code == 200  # four failures: no lock yet
    locked = client.post("/accounts/login/", {"username": officer.username, "password": "sai"})
    assert locked.status_code == 429
    refused = _get(client.__class__(), token)
    assert refused.status_code == 401
    assert "thu hồi" in refused.json()["detail"]


def test_the_command_issues_a_labelled_token_for_its_days(tree, persona, capsys):
    officer = persona(Role.COMMUNE_OFFICER)
    call_command("api_token", officer.username, "--label", "Đồng bộ", "--days", "7")
    token = capsys.readouterr().out.strip()
    row = ApiToken.objects.get(digest=ApiToken.digest_of(token))
    assert row.label == "Đồng bộ"
    assert timedelta(days=6, hours=23) < row.expires_at - timezone.now() <= timedelta(days=7)
