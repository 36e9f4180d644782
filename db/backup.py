"""Backups of the database: taken before anything rewrites it, kept in rotation, restorable.

SQLite: a consistent copy made with SQLite's online backup API, so it is safe while this
program (or a second one) is using the file. Backups live in ``backups/`` beside the database
file; each is ``<id>.sqlite3`` and a note ``<id>.json`` (when, why, which kind).

PostgreSQL: ``pg_dump``'s custom format when pg_dump is on ``PATH`` (:mod:`db.backup_pg`),
else — or when it fails, e.g. older than the server — a portable dump of our tables (one JSON
line per row, gzip'd, :mod:`db.backup_dump`); written to ``backups/<host>-<port>-<database>/``
in the data folder and read back by :func:`restore` (pg_restore for the former).
:attr:`Backup.method` says which a backup is.

Kinds, and how many of each are kept (:func:`rotate`):

- ``daily`` — the first start of each day: the newest of each of the last 7 days, of each of
  the last 8 ISO weeks and of each of the last 12 months are kept;
- ``import``, ``change``, ``migration``, ``restore`` — before an import, a catalogue change, a
  schema migration, a restore: the newest 20 together;
- ``manual`` — ``portfolio backup create``: never removed automatically.

Nothing here imports the layers above :mod:`db`; messages are Chinese and user-facing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from db import backup_dump, backup_pg
from db.backup_dump import fsync_file

if TYPE_CHECKING:
    from db.session import Database

FOLDER = "backups"
PERIODIC = "daily"
EVENTS = ("import", "change", "migration", "restore")
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS, KEEP_EVENTS = 7, 8, 12, 20

KIND_LABELS = {
    "daily": "每日自动",
    "import": "导入前",
    "change": "目录变更前",
    "migration": "升级数据库结构前",
    "restore": "恢复前",
    "manual": "手动",
}


class BackupError(Exception):
    """A backup that cannot be made, found or restored; the message is Chinese."""


@dataclass(frozen=True)
class Backup:
    """One stored backup."""

    id: str
    created: dt.datetime
    kind: str
    reason: str
    path: Path
    #: why a PostgreSQL backup is the portable dump although pg_dump is installed ("" else)
    detail: str = field(default="", compare=False)

    @property
    def method(self) -> str:
        """How the backup was made, in Chinese."""
        if self.path.suffix == ".sqlite3":
            return "SQLite 在线备份（完整的数据库副本）"
        if self.path.suffix == backup_pg.SUFFIX:
            return "pg_dump 备份（custom 格式，用 pg_restore 恢复）"
        return "可移植的数据导出（每行一条 JSON，gzip 压缩）"

    @property
    def size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


# ---------------------------------------------------------------------------------------------
# where backups live


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL (None for PostgreSQL and in-memory databases)."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() != "sqlite":
        return None
    if not sa_url.database or sa_url.database == ":memory:":
        return None
    return Path(sa_url.database)


def folder_for(url: str) -> Path | None:
    """The backup folder of the database at ``url`` (None when it cannot have one)."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        path = sqlite_file(url)
        return path.parent / FOLDER if path else None
    from db.session import data_dir

    name = f"{sa_url.host or 'local'}-{sa_url.port or 5432}-{sa_url.database or ''}"
    return data_dir() / FOLDER / name


def list_backups(url: str) -> list[Backup]:
    """The backups of the database at ``url``, newest first."""
    folder = folder_for(url)
    if folder is None or not folder.is_dir():
        return []
    found = []
    for note in folder.glob("*.json"):
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            found.append(Backup(data["id"], dt.datetime.fromisoformat(data["created"]),
                                data["kind"], data["reason"], folder / data["file"]))
        except (OSError, ValueError, KeyError):
            continue  # a note someone edited or half-copied: not a backup we can offer
    return sorted(found, key=lambda b: (b.created, b.id), reverse=True)


def find(url: str, backup_id: str) -> Backup:
    for backup in list_backups(url):
        if backup.id == backup_id:
            return backup
    raise BackupError(f"找不到备份 {backup_id}；用 portfolio backup list 查看已有的备份")


def _new_id(folder: Path, now: dt.datetime) -> str:
    base = now.strftime("%Y%m%d-%H%M%S")
    candidate, n = base, 1
    while (folder / f"{candidate}.json").exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate



def _note(folder: Path, backup_id: str, file: Path, now: dt.datetime, kind: str,
          reason: str) -> Backup:
    note = folder / f"{backup_id}.json"
    part = folder / f".{backup_id}.json.{os.getpid()}.part"
    part.write_text(json.dumps({"id": backup_id, "created": now.isoformat(timespec="seconds"),
                                "kind": kind, "reason": reason, "file": file.name},
                               ensure_ascii=False), encoding="utf-8")
    fsync_file(part)
    os.replace(part, note)
    return Backup(backup_id, now.replace(microsecond=0), kind, reason, file)


# ---------------------------------------------------------------------------------------------
# making backups


def create(url: str, kind: str, reason: str, *, engine: Engine | None = None,
           now: dt.datetime | None = None) -> Backup:
    """Back up the database at ``url`` now; then drop backups rotation no longer keeps."""
    folder = folder_for(url)
    if folder is None:
        raise BackupError("内存数据库无法备份")
    now = now or dt.datetime.now()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        backup_id = _new_id(folder, now)
        path = sqlite_file(url)
        if path is not None:
            target = folder / f"{backup_id}.sqlite3"
            _copy_sqlite(path, target)
            detail = ""
        else:
            target, detail = _dump_postgresql(url, engine, folder / backup_id)
        backup = _note(folder, backup_id, target, now, kind, reason)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"无法备份数据库：{error}") from error
    rotate(url, today=now.date())
    return replace(backup, detail=detail)


def _dump_postgresql(url: str, engine: Engine | None, stem: Path) -> tuple[Path, str]:
    """Dump with pg_dump when it is installed, else (or when it fails) the portable dump;
    the file written and, for a fallback from a failed pg_dump, why."""
    detail = ""
    if backup_pg.tool("pg_dump") is not None:
        target = stem.with_name(stem.name + backup_pg.SUFFIX)
        try:
            backup_pg.dump(url, target)
            return target, ""
        except backup_pg.PgToolError as error:
            detail = f"{error}，已改用可移植的数据导出"
    target = stem.with_name(stem.name + ".jsonl.gz")
    _with_engine(url, engine, lambda e: backup_dump.dump_tables(e, target))
    return target, detail


def _with_engine(url: str, engine: Engine | None, work: Callable[[Engine], None]) -> None:
    """Run ``work`` on ``engine``, or on an engine of our own that is disposed of after."""
    if engine is not None:
        work(engine)
        return
    own = create_engine(url)
    try:
        work(own)
    finally:
        own.dispose()


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API; a raw copy of the file (and its
    write-ahead log) when SQLite cannot read it, so a damaged database is kept as it was."""
    # per process: two programs opening one database at once may both back it up this second
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True, timeout=30)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError:
        part.unlink(missing_ok=True)
        shutil.copyfile(source, part)
        wal = source.with_name(source.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    fsync_file(part)
    os.replace(part, target)


def backup_before(db: Database, reason: str, kind: str = "change") -> Backup | None:
    """Back up ``db`` before an import or catalogue change (``kind`` ``import``/``change``).

    Does nothing for an in-memory database; a backup that fails stops the caller, since the
    change it would have protected must not go ahead unprotected."""
    if folder_for(db.url) is None:
        return None
    return create(db.url, kind, reason, engine=db.engine)


def daily_on_start(url: str, *, now: dt.datetime | None = None) -> Backup | None:
    """The day's backup of a SQLite database, on the first start of the day."""
    if sqlite_file(url) is None:
        return None
    now = now or dt.datetime.now()
    if any(b.kind == PERIODIC and b.created.date() == now.date() for b in list_backups(url)):
        return None
    return create(url, PERIODIC, "每日首次启动时自动备份", now=now)


def rotate(url: str, *, today: dt.date | None = None) -> list[Backup]:
    """Remove backups beyond those kept (see the module docstring); returns the removed ones."""
    backups = list_backups(url)  # newest first
    keep: set[str] = set()
    periodic = [b for b in backups if b.kind == PERIODIC]
    for key, limit in ((lambda d: d, KEEP_DAYS),
                       (lambda d: d.isocalendar()[:2], KEEP_WEEKS),
                       (lambda d: (d.year, d.month), KEEP_MONTHS)):
        seen: list[object] = []
        for b in periodic:
            slot = key(b.created.date())
            if slot not in seen:
                seen.append(slot)
                if len(seen) <= limit:
                    keep.add(b.id)
    keep.update(b.id for b in [b for b in backups if b.kind in EVENTS][:KEEP_EVENTS])
    keep.update(b.id for b in backups if b.kind not in EVENTS and b.kind != PERIODIC)
    removed = [b for b in backups if b.id not in keep]
    for b in removed:
        for path in (b.path, b.path.with_name(b.path.name + "-wal"),
                     b.path.with_name(f"{b.id}.json")):
            path.unlink(missing_ok=True)
    return removed


# ---------------------------------------------------------------------------------------------
# checking


def quick_check(path: Path) -> str | None:
    """``PRAGMA quick_check`` of a SQLite file: None when it is sound, else what is wrong."""
    try:
        connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=30)
        try:
            rows = [r[0] for r in connection.execute("PRAGMA quick_check").fetchall()]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if rows == ["ok"] else "；".join(str(r) for r in rows[:3])


def latest_good(url: str) -> Backup | None:
    """The newest backup that passes its own check."""
    for backup in list_backups(url):
        if backup.path.suffix != ".sqlite3" or quick_check(backup.path) is None:
            return backup
    return None


# ---------------------------------------------------------------------------------------------
# restoring


def restore(url: str, backup_id: str, *, db: Database | None = None) -> tuple[Backup, Backup]:
    """Replace the database with backup ``backup_id``, after backing up its present state.

    ``db``, when open on this database, is disposed of first. Returns (the backup restored,
    the backup of the state it replaced)."""
    chosen = find(url, backup_id)
    if db is not None:
        db.dispose()
    path = sqlite_file(url)
    by_pg_restore = chosen.path.suffix == backup_pg.SUFFIX
    if by_pg_restore and backup_pg.tool("pg_restore") is None:
        raise BackupError(f"备份 {backup_id} 由 pg_dump 生成，恢复需要 pg_restore，但本机未安装"
                          "（PATH 中找不到 pg_restore）；未作任何改动")
    if path is not None and chosen.path.suffix == ".sqlite3":
        problem = quick_check(chosen.path)
        if problem is not None:
            raise BackupError(f"备份 {backup_id} 本身已损坏（{problem}），未作任何改动")
    before = create(url, "restore", f"恢复备份 {backup_id} 之前的状态")
    try:
        if path is not None:
            _replace_sqlite(chosen.path, path)
        elif by_pg_restore:
            backup_pg.restore(url, chosen.path)
        else:
            _with_engine(url, None, lambda e: backup_dump.load_tables(e, chosen.path))
    except (OSError, sqlite3.Error, backup_pg.PgToolError) as error:
        raise BackupError(f"恢复备份 {backup_id} 失败：{error}；恢复前的状态已备份为 "
                          f"{before.id}") from error
    return chosen, before


def _replace_sqlite(source: Path, target: Path) -> None:
    """Copy ``source`` over the live database: through the backup API, which takes SQLite's
    locks and keeps the write-ahead log consistent; by replacing the file (and dropping its
    log) only when the live file is too damaged for SQLite to write to."""
    try:
        src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(target, timeout=30)
            try:
                src.backup(dst)
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                dst.close()
        finally:
            src.close()
        return
    except sqlite3.DatabaseError:
        pass
    part = target.with_name(f".{target.name}.restore.part")
    shutil.copyfile(source, part)
    fsync_file(part)
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(part, target)
