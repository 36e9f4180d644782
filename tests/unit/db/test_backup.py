"""Backups: made before schema migrations and once a day, rotated, restorable on SQLite and
PostgreSQL; a damaged or too-new database is refused without a change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from db import backup, migrate
from db.session import DatabaseOpenError, open_database
from portfolio import projects
from portfolio.projects import ProjectData
from tests.helpers import dump_database


def _add(db, name: str) -> None:
    with db.transaction() as s:
        projects.create(s, ProjectData(name=name, category="工业",
                                       total_investment=Decimal("1200.50")))


def test_a_new_database_is_not_backed_up_but_a_migrated_one_is(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'p.sqlite3').as_posix()}"
    open_database(url).dispose()
    assert backup.list_backups(url) == []
    engine = create_engine(url)
    migrate.downgrade(engine, "0002")
    engine.dispose()
    with open_database(url) as db:
        _add(db, "城东污水处理厂")
    kinds = sorted(b.kind for b in backup.list_backups(url))
    assert kinds == ["daily", "migration"]
    migration = next(b for b in backup.list_backups(url) if b.kind == "migration")
    assert migration.path.parent == tmp_path / "backups"
    assert backup.quick_check(migration.path) is None


def test_one_daily_backup_a_day(db, db_url: str) -> None:
    _add(db, "城东污水处理厂")
    day = dt.datetime(2026, 3, 2, 8, 0)
    assert backup.daily_on_start(db_url, now=day) is not None
    assert backup.daily_on_start(db_url, now=day.replace(hour=17)) is None
    assert backup.daily_on_start(db_url, now=day + dt.timedelta(days=1)) is not None
    assert [b.created.date() for b in backup.list_backups(db_url)] == [
        dt.date(2026, 3, 3), dt.date(2026, 3, 2)]


def test_rotation_keeps_7_daily_8_weekly_12_monthly_20_events(db, db_url: str) -> None:
    start = dt.datetime(2025, 1, 1, 9, 0)
    for day in range(400):
        backup.create(db_url, "daily", "每日", now=start + dt.timedelta(days=day))
    for n in range(25):
        backup.create(db_url, "import", f"导入 {n}", now=start + dt.timedelta(days=399, minutes=n))
    backup.create(db_url, "manual", "手动", now=start)
    kept = backup.list_backups(db_url)
    daily = sorted(b.created.date() for b in kept if b.kind == "daily")
    last = (start + dt.timedelta(days=399)).date()  # 2026-02-04, a Wednesday
    days = {last - dt.timedelta(days=n) for n in range(7)}
    weeks = {d for d in daily if d.weekday() == 6 or d == last}  # newest of each week: Sunday
    months = {d for d in daily if (d + dt.timedelta(days=1)).day == 1 or d == last}
    assert set(daily) == days | set(sorted(weeks)[-8:]) | set(sorted(months)[-12:])
    assert len(daily) == 7 + 6 + 10  # weeks and months overlap the days and each other
    events = [b.reason for b in kept if b.kind == "import"]
    assert events == [f"导入 {n}" for n in range(24, 4, -1)]
    assert [b.kind for b in kept].count("manual") == 1
    files = {p.name for p in (Path(db_url.removeprefix("sqlite:///")).parent / "backups").iterdir()}
    assert files == {f"{b.id}.sqlite3" for b in kept} | {f"{b.id}.json" for b in kept}


def test_a_database_from_a_newer_program_is_refused_untouched(db, db_url: str) -> None:
    _add(db, "城东污水处理厂")
    with db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    db.dispose()
    before = dump_database(db_url)
    with pytest.raises(DatabaseOpenError) as raised:
        open_database(db_url)
    assert str(raised.value) == ("数据库由更新版本的项目库写入（版本 0099_future），"
                                 "请升级程序后再打开；数据库未作任何改动")
    assert dump_database(db_url) == before
    assert [b.kind for b in backup.list_backups(db_url)] == []


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data), page):
        data[offset:offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


def test_a_damaged_database_names_the_latest_good_backup(db, db_url: str) -> None:
    for n in range(60):
        _add(db, f"城东片区道路改造工程{n}期")
    good = backup.create(db_url, "manual", "手动备份")
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    path = Path(db_url.removeprefix("sqlite:///"))
    _corrupt(path)
    assert backup.quick_check(path) is not None
    with pytest.raises(DatabaseOpenError) as raised:
        open_database(db_url)
    message = str(raised.value)
    assert "数据库文件已损坏" in message
    assert f"最近一次完好的备份是 {good.id}" in message
    assert f"portfolio backup restore {good.id}" in message

    restored, before = backup.restore(db_url, good.id)
    assert restored == good and before.kind == "restore"
    with open_database(db_url) as again, again.session() as s:
        assert s.scalar(text("SELECT count(*) FROM projects")) == 60
    assert backup.quick_check(path) is None


@pytest.mark.postgres
@pytest.mark.parametrize("pg_dump", [True, False], ids=["pg_dump", "portable"])
def test_postgresql_dump_restores_every_row(pg_db, pg_url: str, pg_dump: bool,
                                            tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    if not pg_dump:
        monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump, no pg_restore
    for n in range(5):
        _add(pg_db, f"城东片区道路改造工程{n}期")
    before = dump_database(pg_db.url)
    made = backup.create(pg_db.url, "manual", "手动备份", engine=pg_db.engine)
    assert made.path.name.endswith(".pgdump" if pg_dump else ".jsonl.gz")
    assert made.detail == ""
    _add(pg_db, "导入后新增的项目")
    with pg_db.transaction() as s:
        s.execute(text("UPDATE projects SET name = '改名' WHERE name LIKE '%0期'"))
    pg_db.dispose()
    restored, pre = backup.restore(pg_db.url, made.id)
    assert restored.id == made.id and pre.kind == "restore"
    assert dump_database(pg_db.url) == before
    with open_database(pg_url) as db:  # sequences continue after the restored rows
        _add(db, "恢复后新增的项目")
