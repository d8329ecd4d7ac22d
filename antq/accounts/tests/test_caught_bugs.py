"""Deliberate bugs the suite once missed (issue 16, item 3): an unknown role on import."""

import io

from antq.accounts.models import Account
from antq.core.roles import Role

HEADER = "Tên đăng nhập,Họ và tên,Thư điện tử,Mã đơn vị,Vai trò,Mật khẩu\n"


def _upload(text: str):
    upload = io.BytesIO(text.encode())
    upload.name = "tai-khoan.csv"
    return upload


def test_an_unknown_role_names_its_row_and_nothing_is_created(tree, persona, client):
    client.force_login(persona(Role.ADMIN))
    sheet = HEADER + (
        "a.nguyen,Nguyễn Văn A,,16417,commune_officer,Mat-khau-manh-2026\n"
        "b.tran,Trần Thị B,,16417,superuser,Mat-khau-manh-2026\n"
    )
    response = client.post("/accounts/manage/import/", {"file": _upload(sheet)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "superuser" in page and "Vai trò" in page  # the bad value and its column
    assert not Account.objects.filter(username__in=["a.nguyen", "b.tran"]).exists()
    fixed = sheet.replace("superuser", "viewer")
    assert client.post("/accounts/manage/import/", {"file": _upload(fixed)}).status_code == 302
    assert Account.objects.get(username="b.tran").roles == {"viewer"}
