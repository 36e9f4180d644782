"""A database with every catalogue entry adopted, made once per test module and copied per test.

Adopting takes about a second; copying a finished SQLite file takes a few milliseconds. A test
module uses the fixtures by importing them::

    from tests.catalog_db import catalog_db_fixture, catalog_file_fixture, catalog_url_fixture
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.session import Database, open_database
from portfolio import catalog
from portfolio.startup import prepare


def make_catalog_file(folder: Path) -> Path:
    """A SQLite file holding a new database with every catalogue entry adopted
    (``portfolio catalog adopt --all``)."""
    path = folder / "catalog.sqlite3"
    db = prepare(open_database(f"sqlite:///{path.as_posix()}"))
    with db.transaction() as session:
        catalog.load(session)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="module", name="catalog_file")
def catalog_file_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_catalog_file(tmp_path_factory.mktemp("catalog"))


@pytest.fixture(name="catalog_url")
def catalog_url_fixture(catalog_file: Path, tmp_path: Path) -> str:
    """The URL of a fresh copy of the loaded database, for this test only."""
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(catalog_file, copy)
    return f"sqlite:///{copy.as_posix()}"


@pytest.fixture(name="catalog_db")
def catalog_db_fixture(catalog_url: str) -> Iterator[Database]:
    with open_database(catalog_url) as db:
        yield db
