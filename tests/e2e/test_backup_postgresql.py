"""End-to-end: ``portfolio backup create|restore`` on the real PostgreSQL server of the test run.

With pg_dump on ``PATH`` the backup is pg_dump's custom format and restore runs pg_restore;
without it (or when it fails) the portable dump is written instead, and the output says
which. Every way, restoring after a change gives back the whole database, row for row."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from db.session import Database, open_database
from portfolio import projects
from portfolio.projects import ProjectData
from tests.helpers import dump_database, run_portfolio
from tests.report_db import seed

pytestmark = pytest.mark.postgres


def _change(url: str) -> None:
    """What happens after a backup: a project renamed, one added, a month's figure gone."""
    with open_database(url) as db, db.transaction() as s:
        s.execute(text("UPDATE projects SET name = name || '（改）' WHERE id IN "
                       "(SELECT id FROM projects ORDER BY id LIMIT 3)"))
        projects.create(s, ProjectData(name="备份后新增的项目", category="工业"))
        s.execute(text("DELETE FROM monthly_reports WHERE id = (SELECT min(id) FROM "
                       "monthly_reports)"))


def _backup_id(stdout: str) -> str:
    line = next(line for line in stdout.splitlines() if line.startswith("已备份："))
    return line.removeprefix("已备份：").split("，", 1)[0]


def _env(path: str) -> dict[str, str]:
    return {**os.environ, "PATH": path}


@pytest.fixture
def seeded(pg_db: Database) -> str:
    seed(pg_db, 12)
    pg_db.dispose()
    return pg_db.url


def _round_trip(url: str, env: dict[str, str] | None) -> tuple[str, str]:
    before = dump_database(url)
    made = run_portfolio("--db", url, "backup", "create", env=env)
    assert made.returncode == 0, made.stderr
    _change(url)
    assert dump_database(url) != before
    backup_id = _backup_id(made.stdout)
    done = run_portfolio("--db", url, "backup", "restore", backup_id, env=env)
    assert done.returncode == 0, done.stderr
    assert dump_database(url) == before
    with open_database(url) as db, db.transaction() as s:  # sequences continue after the rows
        projects.create(s, ProjectData(name="恢复后新增的项目", category="工业"))
    return made.stdout, done.stdout


def test_pg_dump_backup_and_pg_restore_give_back_the_whole_database(seeded: str,
                                                                     data_folder: Path) -> None:
    made, restored = _round_trip(seeded, None)
    assert "pg_dump 备份（custom 格式，用 pg_restore 恢复）" in made
    files = list(data_folder.glob("backups/*/*.pgdump"))
    assert len(files) == 2  # the one made, and the state the restore replaced
    assert all(f.read_bytes()[:5] == b"PGDMP" for f in files)
    assert restored.splitlines()[-1].endswith(
        "替换当前数据库，恢复方式：pg_restore（一个事务内完成）")


def test_without_pg_dump_the_portable_dump_is_used_and_said(seeded: str, tmp_path: Path,
                                                            data_folder: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    made, restored = _round_trip(seeded, _env(str(empty)))
    assert made.splitlines()[0] == "未找到 pg_dump（PATH 中没有），已改用可移植的数据导出"
    assert "可移植的数据导出（每行一条 JSON，gzip 压缩）" in made
    assert not list(data_folder.glob("backups/*/*.pgdump"))
    assert restored.splitlines()[-1].endswith("恢复方式：载入可移植的数据导出（一个事务内完成）")


def test_a_failing_pg_dump_falls_back_and_says_why(seeded: str, tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    fake = bin_ / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump: error: aborting because of server version "
                    "mismatch' >&2\nexit 1\n")
    fake.chmod(0o755)
    made, _restored = _round_trip(seeded, _env(f"{bin_}{os.pathsep}{os.environ['PATH']}"))
    assert made.splitlines()[0] == ("pg_dump 失败：pg_dump: error: aborting because of server "
                                    "version mismatch，已改用可移植的数据导出")


def test_a_pg_dump_backup_without_pg_restore_is_refused(seeded: str, tmp_path: Path) -> None:
    made = run_portfolio("--db", seeded, "backup", "create")
    assert made.returncode == 0, made.stderr
    backup_id = _backup_id(made.stdout)
    _change(seeded)
    before = dump_database(seeded)
    empty = tmp_path / "bin"
    empty.mkdir()
    done = run_portfolio("--db", seeded, "backup", "restore", backup_id, env=_env(str(empty)))
    assert done.returncode == 1
    assert done.stderr.strip().endswith(
        f"备份 {backup_id} 由 pg_dump 生成，恢复需要 pg_restore，但本机未安装（PATH 中找不到 "
        "pg_restore）；未作任何改动"), done.stderr
    assert dump_database(seeded) == before
