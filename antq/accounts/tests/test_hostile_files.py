"""Hostile sheets on the account import: refused fast, in little memory, nothing written.

The files are made by each test (antq/core/tests/hostile.py), never committed.
"""

import io

import pytest
from django.utils import translation

from antq.accounts.importing import COLUMNS, accounts_import
from antq.accounts.models import Account
from antq.core.errors import DomainError
from antq.core.roles import Role
from antq.core.tests.hostile import (
    assert_refused_quickly,
    dimension_bomb,
    row_claim_bomb,
    zip_bomb,
)

HEADER = [title for _field, title in COLUMNS]
ROWS = [HEADER, ["a.nguyen", "Nguyễn Văn A", "", "16417", "viewer", "Mat-khau-manh-2026"]]
BOMBS = {
    "dimension A1:XFD20000": (lambda: dimension_bomb(ROWS), "A1:XFD20000"),
    "dimension and data in row 1,048,576": (lambda: row_claim_bomb(ROWS), "A1:H1048576"),
    "data in row 1,048,576, no dimension": (
        lambda: row_claim_bomb(ROWS, with_dimension=False),
        "Dòng 1048576 có dữ liệu",
    ),
    "64 MB of sheet XML in 70 KB": (
        lambda: zip_bomb(tuple(map(tuple, ROWS))),
        "chỉ cho phép tối đa 100 lần",
    ),
    "300 MB of sheet XML in 300 KB": (
        lambda: zip_bomb(tuple(map(tuple, ROWS)), 300 * 1024 * 1024),
        "chỉ cho phép tối đa 200,0 MB",
    ),
}


@pytest.fixture(autouse=True)
def _in_vietnamese():
    """Messages as an official reads them, whatever language an earlier test left active."""
    with translation.override("vi"):
        yield


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_a_hostile_workbook_is_refused_quickly_and_nothing_is_written(tree, persona, bomb):
    admin = persona(Role.ADMIN)
    make, says = BOMBS[bomb]
    data = make()
    before = Account.objects.count()
    assert_refused_quickly(
        lambda: accounts_import(actor=admin, data=data, filename="tai-khoan.xlsx"),
        says=says,
        error_type=DomainError,
    )
    assert Account.objects.count() == before
    assert not Account.objects.filter(username="a.nguyen").exists()


def test_the_import_page_shows_the_refusal_of_a_dimension_bomb(tree, persona, client):
    client.force_login(persona(Role.ADMIN))
    upload = io.BytesIO(dimension_bomb(ROWS))
    upload.name = "tai-khoan.xlsx"
    response = client.post("/accounts/manage/import/", {"file": upload})
    assert response.status_code == 400
    assert "A1:XFD20000" in response.content.decode()
    assert not Account.objects.filter(username="a.nguyen").exists()


def test_an_account_sheet_past_its_row_limit_is_refused(tree, persona, settings):
    settings.ANTQ_ACCOUNT_IMPORT_MAX_ROWS = 1
    rows = [*ROWS, ["b.tran", "", "", "16417", "viewer", "Mat-khau-manh-2026"]]
    data = "\n".join(",".join(r) for r in rows).encode()
    with pytest.raises(DomainError, match="tối đa 2 dòng"):
        accounts_import(actor=persona(Role.ADMIN), data=data, filename="tk.csv")
    assert not Account.objects.filter(username__in=["a.nguyen", "b.tran"]).exists()
