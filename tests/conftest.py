"""Shared fixtures: a fresh SQLite database per test, a real PostgreSQL server per run."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from db.session import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'test.sqlite3').as_posix()}"


def _opened(url: str) -> Iterator[Database]:
    from db.session import open_database

    with open_database(url) as database:
        yield database


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An empty, migrated database (no catalogue)."""
    yield from _opened(db_url)


@pytest.fixture
def report_db(db: Database) -> Database:
    """``db`` holding the reports' sample portfolio (:func:`tests.report_db.seed`)."""
    from tests.report_db import seed

    seed(db)
    return db


@pytest.fixture(scope="module")
def catalog_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file after first start (catalogue loaded), made once per test module: adopting
    takes about a second, copying the finished file a few milliseconds."""
    from db.session import open_database
    from portfolio import catalog
    from portfolio.startup import prepare

    path = tmp_path_factory.mktemp("catalog") / "catalog.sqlite3"
    db = prepare(open_database(f"sqlite:///{path.as_posix()}"))
    with db.transaction() as session:
        catalog.load(session)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def catalog_url(catalog_file: Path, tmp_path: Path) -> str:
    """The URL of a fresh copy of the loaded database, for this test only."""
    copy = tmp_path / "catalog-copy.sqlite3"
    shutil.copyfile(catalog_file, copy)
    return f"sqlite:///{copy.as_posix()}"


@pytest.fixture
def catalog_db(catalog_url: str) -> Iterator[Database]:
    """A database as a user has it after first start: migrated, the catalogue loaded."""
    yield from _opened(catalog_url)


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The program's data folder (logs, PostgreSQL backups) in this test's folder, for this
    process and the command-line processes it starts."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PORTFOLIO_DATA_DIR", str(folder))
    monkeypatch.delenv("PORTFOLIO_LOG_DIR", raising=False)
    return folder


@pytest.fixture(autouse=True)
def settings_folder(tmp_path: Path) -> Path:
    """QSettings in a folder of this test only, never the user's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


def _pg_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return candidates[-1].parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A throw-away PostgreSQL cluster on loopback; yields its admin URL."""
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL 未安装：CI 必须在真实的 PostgreSQL 上测试迁移")
        pytest.skip("PostgreSQL server binaries not installed")
    as_user: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="pgtest-"))
    if os.geteuid() == 0:  # initdb refuses to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres", "postgres")
    data = base / "data"
    port = _free_port()
    subprocess.run(
        [*as_user, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
         "-E", "UTF8", "--locale=C.UTF-8"],
        check=True, capture_output=True,
    )
    subprocess.run(
        [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w",
         "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
        check=True, capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    import psycopg

    name = f"t{time.time_ns()}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield pg_server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    """An empty, migrated database on the test run's PostgreSQL server."""
    yield from _opened(pg_url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url: str = request.getfixturevalue("db_url")
    else:
        url = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def any_db(any_url: str) -> Iterator[Database]:
    """An empty, migrated database, once on SQLite and once on PostgreSQL."""
    yield from _opened(any_url)
