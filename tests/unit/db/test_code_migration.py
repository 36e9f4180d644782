"""Migration 0011: 项目代码 an earlier version stored as typed are put in their normal form; a
code that would then equal another project's is kept as stored and named as a clash."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from db import migrate
from db.session import make_engine, open_database, resolve_url
from portfolio import overview, projects
from portfolio.periods import Period
from portfolio.projects import ProjectData, ValidationError
from portfolio.projects.code_clashes import code_clashes

#: (name, code as an earlier version stored it), inserted in this order (ids 1, 2, …)
_STORED = (
    ("兰考县第三高级中学", "2104—410225—04—01—123456"),
    ("兰考县城区污水处理厂", "２１０４－４１０２２５－０４－０１－６５４３２１"),
    ("兰考县人民医院新院区", "2104-410225-04-01-777777"),
    ("兰考县人民医院二期", "2104－410225－04－01－777777"),
    ("兰考县东坝头乡道路", "ab 12"),
    ("兰考县西区供水", "   "),
)


def _old_database(url: str) -> None:
    """A database at revision 0010 holding codes as an earlier version saved them."""
    with open_database(url) as db, db.transaction() as session:
        for name, _code in _STORED:
            projects.create(session, ProjectData(name=name))
    engine = make_engine(resolve_url(url))
    migrate.downgrade(engine, "0010")
    with engine.begin() as connection:
        for pid, (_name, code) in enumerate(_STORED, start=1):
            connection.execute(text("UPDATE projects SET project_code = :code WHERE id = :pid"),
                               {"code": code, "pid": pid})
    engine.dispose()


def _codes(url: str) -> list[str | None]:
    engine = make_engine(resolve_url(url))
    with engine.connect() as connection:
        codes = list(connection.execute(
            text("SELECT project_code FROM projects ORDER BY id")).scalars())
    engine.dispose()
    return codes


def test_0011_normalises_codes_and_keeps_a_clash_as_stored(any_url: str) -> None:
    _old_database(any_url)
    with open_database(any_url) as db:  # migrates to the newest revision
        assert _codes(any_url) == [
            "2104-410225-04-01-123456",
            "2104-410225-04-01-654321",
            "2104-410225-04-01-777777",
            "2104－410225－04－01－777777",  # the later of two equal codes: as it was
            "AB12",
            None,
        ]
        with db.session() as session:
            clashes = code_clashes(session)
            found = overview.compute(session, Period(2026, 3)).data_warnings
        assert clashes == [
            "项目代码重复：项目“兰考县人民医院二期”（编号4）的项目代码「2104－410225－04－01－777777」"
            "与项目“兰考县人民医院新院区”（编号3）的「2104-410225-04-01-777777」是同一代码，"
            "请核对后修改其中一个"]
        assert found == clashes
        with pytest.raises(ValidationError) as refused, db.transaction() as session:
            projects.create(session, ProjectData(
                name="兰考县第四高级中学", project_code="2104-410225-04-01-123456",
                signed_on=dt.date(2026, 1, 5)))
        assert "兰考县第三高级中学" in refused.value.errors["project_code"]


def test_a_register_without_clashes_names_none(db) -> None:
    with db.transaction() as session:
        projects.create(session, ProjectData(name="兰考县第三高级中学",
                                             project_code="２１０４－１"))
        projects.create(session, ProjectData(name="兰考县第四高级中学", project_code="2104-2"))
    with db.session() as session:
        assert code_clashes(session) == []
