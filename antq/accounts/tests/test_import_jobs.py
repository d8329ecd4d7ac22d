"""A large account sheet is imported by the worker: each password is hashed, which is slow,
so the upload answers at once with a job page; all or nothing, errors by row and column."""

import io

import pytest

from antq.accounts.models import Account
from antq.core.models import ImportJob, ImportStatus
from antq.core.roles import Role

HEADER = "Tên đăng nhập,Họ và tên,Thư điện tử,Mã đơn vị,Vai trò,Mật khẩu\n"
PASSWORD = "Mat-khau-manh-2026"


@pytest.fixture
def background(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ANTQ_ACCOUNT_IMPORT_BACKGROUND_ROWS = 5
    return tmp_path


def _sheet(rows: list[str]) -> io.BytesIO:
    upload = io.BytesIO((HEADER + "".join(f"{r}\n" for r in rows)).encode())
    upload.name = "tai-khoan.csv"
    return upload


def _officers(count: int, unit: str = "16417") -> list[str]:
    return [f"cb{i:03d},Cán bộ {i},,{unit},commune_officer,{PASSWORD}" for i in range(count)]


def test_a_large_sheet_runs_on_the_worker_and_its_page_ends_with_the_count(
    tree, persona, client, background, django_capture_on_commit_callbacks
):
    admin = persona(Role.ADMIN)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/manage/import/", {"file": _sheet(_officers(8))})
    job = ImportJob.objects.get(kind="accounts")
    assert response.status_code == 302
    assert response.url == f"/accounts/manage/import/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "Đã tạo 8 tài khoản." in page and 'data-status="done"' in page
    assert "hx-trigger" not in page
    job.refresh_from_db()
    assert (job.rows_read, job.rows_checked, job.rows_written) == (8, 8, 8)
    # the passwords were hashed before the write, and work
    assert Account.objects.get(username="cb007").check_password(PASSWORD)
    assert not any(background.rglob("*.bin")), "the uploaded file is deleted when done"


def test_a_bad_row_fails_the_job_with_its_row_and_column_and_creates_nothing(
    tree, persona, client, background, django_capture_on_commit_callbacks
):
    client.force_login(persona(Role.ADMIN))
    rows = _officers(6)
    rows[3] = rows[3].replace(",16417,", ",99999,")
    rows.append(rows[0])  # the same user name twice
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/manage/import/", {"file": _sheet(rows)})
    job = ImportJob.objects.get(kind="accounts")
    assert job.status == ImportStatus.FAILED
    page = client.get(response.url).content.decode()
    assert "Dòng 5, cột “Mã đơn vị”" in page and "99999" in page
    assert not Account.objects.filter(username__startswith="cb").exists()


def test_another_administrators_job_answers_404(tree, persona, client, background):
    from antq.core import jobs

    first = persona(Role.ADMIN)
    job = jobs.job_create(actor=first, kind="accounts", data=b"x", filename="a.csv", rows=9)
    url = f"/accounts/manage/import/jobs/{job.pk}/"
    client.force_login(first)
    assert client.get(url).status_code == 200
    client.force_login(persona(Role.ADMIN, "16417"))  # another administrator
    assert client.get(url).status_code == 404
