"""End-to-end: ``portfolio backup`` around an import, run as a user runs the command line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl

from tests.helpers import dump_database, run_portfolio
from tests.report_db import columns, export, leaf_rows, project_rows


def _cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_portfolio("--db", db_url, *args)


def test_restoring_the_backup_taken_before_an_import_gives_back_every_row(
    report_db, db_url: str, tmp_path: Path
) -> None:
    path = export(report_db, tmp_path / "月报.xlsx")
    edited = next(r for r in leaf_rows(report_db) if not r.has_report)
    wb = openpyxl.load_workbook(path)
    ws = wb["明细表"]
    row, col = project_rows(ws)[edited.project_id], columns(ws)
    ws.cell(row, col["本月完成投资"]).value = 77.7
    ws.cell(row, col["1—10月完成投资"]).value = None
    wb.save(path)
    report_db.dispose()
    before = dump_database(db_url)

    done = _cli(db_url, "import", "xlsx", str(path))
    assert done.returncode == 0, done.stderr
    assert "已导入：1 个项目" in done.stdout
    assert dump_database(db_url) != before

    listed = _cli(db_url, "backup", "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "编号\t时间\t原因\t大小"
    imported = [line.split("\t") for line in lines[1:-1] if "导入前" in line]
    assert len(imported) == 1 and imported[0][2] == "导入前：导入 1 个工作簿前自动备份"
    assert imported[0][3].endswith("KB")

    done = _cli(db_url, "backup", "restore", imported[0][0])
    assert done.returncode == 0, done.stderr
    assert f"已用备份 {imported[0][0]}" in done.stdout and "已先将当前数据库备份为" in done.stdout
    assert dump_database(db_url) == before

    again = _cli(db_url, "backup", "list")
    assert "恢复前：恢复备份" in again.stdout


def test_catalogue_load_and_manual_backup(db, db_url: str) -> None:
    db.dispose()
    done = _cli(db_url, "catalog", "load")
    assert done.returncode == 0, done.stderr
    made = _cli(db_url, "backup", "create")
    assert made.returncode == 0, made.stderr
    assert "SQLite 在线备份" in made.stdout
    listed = _cli(db_url, "backup", "list").stdout
    assert "目录变更前：纳入规划项目前自动备份" in listed and "手动：手动备份" in listed
    missing = _cli(db_url, "backup", "restore", "19990101-000000")
    assert missing.returncode == 1 and "找不到备份 19990101-000000" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_a_damaged_database_says_how_to_restore(db, db_url: str) -> None:
    db.dispose()
    made = _cli(db_url, "backup", "create")
    backup_id = made.stdout.split("：", 1)[1].split("，", 1)[0]
    file = Path(db_url.removeprefix("sqlite:///"))
    file.write_bytes(file.read_bytes()[:100] + b"\x00garbage" * 2000)
    done = _cli(db_url, "list")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "数据库文件已损坏" in done.stderr
    assert f"portfolio backup restore {backup_id}" in done.stderr
    fixed = _cli(db_url, "backup", "restore", backup_id)
    assert fixed.returncode == 0, fixed.stderr
    assert _cli(db_url, "list").returncode == 0
