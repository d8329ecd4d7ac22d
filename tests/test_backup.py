"""Backup and restore: a drill that loses data after a backup and gets it back exactly."""

import io
import shutil
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from antq.accounts.models import Account
from antq.core.roles import Role
from antq.units import services
from antq.units.models import Unit, UnitPlacement

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump and pg_restore need PostgreSQL; the SQLite path is tested on SQLite",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite backup API is tested on SQLite"
)


def snapshot() -> dict:
    """What an official would check after a restore: the counts and a few rows."""
    return {
        "units": Unit.objects.count(),
        "unit history": Unit.history.count(),
        "placements": UnitPlacement.objects.count(),
        "accounts": Account.objects.count(),
        "names": dict(Unit.objects.values_list("code", "name")),
        "last reasons": list(
            Unit.history.order_by("-history_id").values_list("code", "history_change_reason")[:3]
        ),
        "officer": Account.objects.filter(username="commune_officer-16417")
        .values_list("unit__code", flat=True)
        .first(),
    }


def lose_data(tree, root) -> None:
    """After the backup: a wrong correction, a unit made by mistake, an account deleted."""
    services.unit_update(actor=root, unit=tree["16417"], name="Phường Sai Tên", reason="nhầm")
    services.unit_create(
        actor=root,
        code="16999",
        name="Xã Tạo Nhầm",
        kind="commune",
        parent=tree["38"],
        valid_from=date(2025, 7, 1),
    )
    Account.objects.filter(username="commune_officer-16417").delete()


def drill(tree, persona, tmp_path):
    from conftest import _Root

    persona(Role.COMMUNE_OFFICER, "16417")
    persona(Role.PROVINCE_STAFF, "38")
    before = snapshot()
    backup = tmp_path / "antq.backup"
    out = io.StringIO()
    call_command("backup", output=str(backup), stdout=out)
    assert backup.is_file()
    assert "Đã sao lưu vào" in out.getvalue()

    lose_data(tree, _Root())
    assert snapshot() != before

    out = io.StringIO()
    call_command("restore", str(backup), yes=True, stdout=out)
    assert "Đã khôi phục cơ sở dữ liệu" in out.getvalue()
    after = snapshot()
    assert after == before
    assert after["names"]["16417"] == "Phường Đông Quang"
    assert "16999" not in after["names"]
    assert after["officer"] == "16417"
    return backup


@on_postgres
@pytest.mark.postgres
def test_restore_drill_on_postgresql(transactional_db, tree, persona, tmp_path):
    backup = drill(tree, persona, tmp_path)
    assert backup.read_bytes().startswith(b"PGDMP")
    # the site goes on writing after the restore
    Unit.objects.filter(code="16522").update(name="Phường Quảng Phú mới")
    assert Unit.objects.get(code="16522").name == "Phường Quảng Phú mới"


@on_sqlite
def test_restore_drill_on_sqlite(transactional_db, tree, persona, tmp_path):
    backup = drill(tree, persona, tmp_path)
    assert backup.read_bytes().startswith(b"SQLite format 3\x00")


def test_restore_refuses_without_confirmation(transactional_db, tree, tmp_path):
    backup = tmp_path / "antq.backup"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    Unit.objects.filter(code="16417").update(name="Phường Đổi Tên")
    with pytest.raises(CommandError, match=r"Từ chối khôi phục.*--yes"):
        call_command("restore", str(backup), stdout=io.StringIO())
    assert Unit.objects.get(code="16417").name == "Phường Đổi Tên"


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "Không có tệp sao lưu"),
        (b"-- PostgreSQL database dump\nCREATE TABLE x ();\n", "không phải bản sao lưu"),
        (b"", "không phải bản sao lưu"),
    ],
)
def test_restore_refuses_a_missing_or_foreign_file(
    transactional_db, tree, tmp_path, content, message
):
    path = tmp_path / "backup.dump"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), yes=True, stdout=io.StringIO())
    assert Unit.objects.get(code="16417").name == "Phường Đông Quang"


def test_restore_refuses_a_backup_of_the_other_engine(transactional_db, tree, tmp_path):
    path = tmp_path / "other.backup"
    other = b"SQLite format 3\x00" if connection.vendor == "postgresql" else b"PGDMP\x01\x0e"
    path.write_bytes(other + b"\x00" * 100)
    with pytest.raises(CommandError, match="là bản sao lưu của cơ sở dữ liệu"):
        call_command("restore", str(path), yes=True, stdout=io.StringIO())
    assert Unit.objects.filter(code="16417").exists()


def test_restore_refuses_an_unreadable_file(transactional_db, tree, tmp_path):
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    with pytest.raises(CommandError, match=r"Không đọc được tệp sao lưu.*thư mục"):
        call_command("restore", str(folder), yes=True, stdout=io.StringIO())


@on_postgres
@pytest.mark.postgres
def test_backup_says_when_pg_dump_is_missing(db, tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    output = tmp_path / "antq.dump"
    with pytest.raises(CommandError, match="Không tìm thấy chương trình pg_dump"):
        call_command("backup", output=str(output), stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == []


@on_postgres
@pytest.mark.postgres
def test_the_password_goes_by_environment_not_the_command_line(db, tmp_path, monkeypatch):
    import subprocess

    seen = {}

    def run(command, env, **kwargs):
        seen.update(command=command, env=env)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "mat-khau-bi-mat")
    monkeypatch.setattr(subprocess, "run", run)
    call_command("backup", output=str(tmp_path / "antq.dump"), stdout=io.StringIO())
    assert "mat-khau-bi-mat" not in " ".join(seen["command"])
    assert seen["env"]["PGPASSWORD"] == "mat-khau-bi-mat"
    assert "--format=custom" in seen["command"]


def test_a_restore_that_fails_half_way_changes_nothing(transactional_db, tree, tmp_path):
    """A backup cut short (a copy interrupted) fails inside its transaction: nothing lost."""
    backup = tmp_path / "antq.backup"
    call_command("backup", output=str(backup), stdout=io.StringIO())
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) * 3 // 4])
    Unit.objects.filter(code="16417").update(name="Phường Sửa Sau Sao Lưu")
    units = Unit.objects.count()
    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(backup), yes=True, stdout=io.StringIO())
    expected = (
        "cơ sở dữ liệu vẫn giữ nguyên như trước"
        if connection.vendor == "postgresql"
        else "SQLite không sao chép được cơ sở dữ liệu"
    )
    assert expected in refusal.value.args[0]
    assert Unit.objects.count() == units
    assert Unit.objects.get(code="16417").name == "Phường Sửa Sau Sao Lưu"
