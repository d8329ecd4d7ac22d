import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from antq.accounts.models import Account
from antq.core.roles import Role
from conftest import PASSWORD


def _login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_logout_and_home(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    assert client.get("/").status_code == 302  # the home page needs a log-in
    assert client.get("/accounts/login/").status_code == 200
    assert _login(client, officer.username, PASSWORD).url == "/"
    home = client.get("/").content.decode()
    assert "Phường Đông Quang" in home
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_lock_out_after_repeated_failures_even_with_the_right_password(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    for _attempt in range(4):
        assert _login(client, officer.username, "sai-mat-khau").status_code == 200
    assert _login(client, officer.username, "sai-mat-khau").status_code == 429
    locked = _login(client, officer.username, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # another account from the same office is not affected
    assert _login(client, persona(Role.VIEWER).username, PASSWORD).status_code == 302


def test_administrator_unlocks(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    for _attempt in range(5):
        _login(client, officer.username, "sai-mat-khau")
    admin_client = client.__class__()
    admin_client.force_login(persona(Role.ADMIN))
    admin_client.post(f"/accounts/manage/{officer.username}/unlock/")
    assert _login(client, officer.username, PASSWORD).status_code == 302


def test_password_change_refuses_a_weak_password(tree, persona, client):
    officer = persona(Role.COMMUNE_OFFICER)
    client.force_login(officer)
    weak = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    strong = "Thon-Dong-Hung-an-toan-2026"
    done = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong},
    )
    assert done.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(strong)


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from antq.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_only_administrators_manage_accounts(tree, persona, client):
    client.force_login(persona(Role.PROVINCE_STAFF))
    assert client.get("/accounts/manage/").status_code == 404
    client.force_login(persona(Role.ADMIN))
    response = client.post(
        "/accounts/manage/new/",
        {
            "username": "canbo.moi",
            "unit_code": "16417",
            "roles": ["commune_officer", "viewer"],
            "password": "Mat-khau-rat-manh-2026",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    account = Account.objects.get(username="canbo.moi")
    assert account.roles == {"commune_officer", "viewer"}
    admin = account.history.get().history_user
    assert admin.has_role(Role.ADMIN)
    client.post(
        "/accounts/manage/canbo.moi/",
        {"unit_code": "16522", "roles": ["viewer"], "is_active": "on"},
    )
    page = client.get("/accounts/manage/canbo.moi/").content.decode()
    history = page[page.index('id="history"') :]
    assert admin.username in history
    assert "Phường Đông Quang → Phường Quảng Phú" in history
    assert Account.objects.get(username="canbo.moi").roles == {"viewer"}


def test_account_import_is_all_or_nothing(tree, persona, client):
    client.force_login(persona(Role.ADMIN))
    header = "Tên đăng nhập,Họ và tên,Thư điện tử,Mã đơn vị,Vai trò,Mật khẩu\n"
    bad = header + (
        "a.nguyen,Nguyễn Văn A,,16417,commune_officer,Mat-khau-manh-2026\n"
        "b.tran,Trần Thị B,,99999,viewer,Mat-khau-manh-2026\n"
    )
    upload = io.BytesIO(bad.encode())
    upload.name = "tk.csv"
    response = client.post("/accounts/manage/import/", {"file": upload})
    assert response.status_code == 400
    assert "99999" in response.content.decode()
    assert not Account.objects.filter(username="a.nguyen").exists()
    good = io.BytesIO(bad.replace("99999", "16522").encode())
    good.name = "tk.csv"
    assert client.post("/accounts/manage/import/", {"file": good}).status_code == 302
    assert Account.objects.get(username="b.tran").unit.code == "16522"


def test_scripted_setup_commands(tree, client, capsys):
    call_command(
        "create_account",
        "canbo.xa",
        "--role",
        "commune_officer",
        "--role",
        "viewer",
        "--unit",
        "16417",
        "--password",
        "Mat-khau-manh-2026",
    )
    call_command("api_token", "canbo.xa")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    response = client.get("/api/v1/units/16417-KDC01", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert (
        client.get("/api/v1/units/00004", headers={"Authorization": f"Bearer {token}"}).status_code
        == 404
    )
    with pytest.raises(CommandError):
        call_command(
            "create_account",
            "x",
            "--role",
            "viewer",
            "--unit",
            "KHONG-CO",
            "--password",
            "Mat-khau-manh-2026",
        )
