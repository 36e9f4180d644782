"""Opening a database: the embedded SQLite default or a URL, migrated to the newest schema."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from db import audit

log = logging.getLogger(__name__)

APP_NAME = "xiangmuku"
ENV_VAR = "PORTFOLIO_DB"
#: Overrides the data folder (default database, logs, PostgreSQL backups); tests use it.
DATA_DIR_ENV = "PORTFOLIO_DATA_DIR"
#: How long a SQLite connection waits for another program's write to finish.
BUSY_TIMEOUT_S = 30
#: How long to wait for a PostgreSQL server before saying it cannot be reached.
CONNECT_TIMEOUT_S = 10


def data_dir() -> Path:
    """The program's data folder: the user's, or ``$PORTFOLIO_DATA_DIR``."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_path() -> Path:
    """The embedded database in the user's data folder."""
    return data_dir() / "portfolio.sqlite3"


def resolve_url(value: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db``, ``$PORTFOLIO_DB`` or the default; a bare path is SQLite."""
    value = value or os.environ.get(ENV_VAR) or str(default_path())
    if "://" in value:
        url = make_url(value)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    path = Path(value).expanduser().resolve()
    return f"sqlite:///{path.as_posix()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # a second program on the same file waits for the lock instead of failing at once
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def make_engine(url: str) -> Engine:
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        if sa_url.database and sa_url.database != ":memory:":
            Path(sa_url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(sa_url, connect_args={"timeout": BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(sa_url, pool_pre_ping=True,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT_S})


@dataclass
class Database:
    """An open, migrated database and its session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self, *, immediate: bool = False) -> Iterator[Session]:
        """One user action: committed as a whole, or rolled back as a whole.

        ``immediate`` takes SQLite's write lock at the start (``BEGIN IMMEDIATE``), so that
        what the action reads cannot change before it writes (a check-then-write); another
        writer waits for it. PostgreSQL locks rows instead (``SELECT … FOR UPDATE``)."""
        with self.sessions.begin() as session:
            if immediate and self.engine.dialect.name == "sqlite":
                # pysqlite opens its own transaction only before a data change, so the
                # explicit BEGIN becomes the transaction that the session commits
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    def session(self) -> Session:
        return self.sessions()

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        """``with open_database(url) as db:`` disposes of the connections at the end."""
        self.dispose()


class DatabaseOpenError(Exception):
    """The database could not be opened or migrated; the message is Chinese."""


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (creating and migrating when needed) the database at ``url``.

    A SQLite file is checked first (``PRAGMA quick_check``): a damaged one is refused with
    the latest good backup named. A database written by a newer program is refused and left
    untouched. A schema migration is preceded by a backup, and the first start of each day
    takes the day's backup (:mod:`db.backup`)."""
    from db import backup
    from db.migrate import NewerDatabase

    try:
        resolved = resolve_url(url)
    except (SQLAlchemyError, ValueError) as error:
        raise DatabaseOpenError(
            f"无法识别数据库地址“{url}”：应为 SQLite 文件路径或 postgresql://用户@主机/库名"
        ) from error
    shown = make_url(resolved).render_as_string(hide_password=True)
    path = backup.sqlite_file(resolved)
    existed = path is not None and path.is_file() and path.stat().st_size > 0
    if existed:
        assert path is not None
        _check_file(path, resolved, shown)
    try:
        engine = make_engine(resolved)
        if migrate:
            from db.migrate import upgrade

            upgrade(engine)
        else:
            engine.connect().close()
        if existed:
            try:
                backup.daily_on_start(resolved)
            except backup.BackupError as error:  # the day's copy is a convenience, not a gate
                log.warning("daily backup skipped: %s", error)
    except NewerDatabase as error:
        raise DatabaseOpenError(
            f"数据库由更新版本的项目库写入（版本 {error.revision}），请升级程序后再打开；"
            "数据库未作任何改动") from error
    except backup.BackupError as error:
        raise DatabaseOpenError(f"无法打开数据库 {shown}：{error}") from error
    except ImportError as error:  # mysql://…, or a build without the PostgreSQL driver
        raise DatabaseOpenError(
            f"无法打开数据库 {shown}：不支持这种数据库（缺少驱动 {error.name}）；"
            "应为 SQLite 文件路径或 postgresql://用户@主机/库名") from error
    except (SQLAlchemyError, OSError) as error:
        reason = " ".join(str(getattr(error, "orig", None) or error).split())
        raise DatabaseOpenError(f"无法打开数据库 {shown}：{reason}") from error
    sessions = sessionmaker(engine, expire_on_commit=False)
    audit.install(sessions)
    return Database(resolved, engine, sessions)


def _check_file(path: Path, url: str, shown: str) -> None:
    """Refuse a SQLite file that fails ``PRAGMA quick_check``, naming what can restore it."""
    from db import backup

    problem = backup.quick_check(path)
    if problem is None:
        return
    good = backup.latest_good(url)
    if good is None:
        advice = "没有找到可用的备份"
    else:
        advice = (f"最近一次完好的备份是 {good.id}（{good.created:%Y-%m-%d %H:%M}，"
                  f"{good.label}），可用 portfolio backup restore {good.id} 恢复")
    raise DatabaseOpenError(
        f"无法打开数据库 {shown}：数据库文件已损坏或不是项目库数据库"
        f"（完整性检查未通过：{problem}）；{advice}")
