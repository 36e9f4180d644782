"""Two users adopting the same catalogue entries, on SQLite and on PostgreSQL, one after the
other from a list loaded before or both at once: each entry becomes one project, and the
second user is told which were adopted already, by whom and when."""

from __future__ import annotations

import re
import threading
import time

import pytest
from sqlalchemy import func, select

from db.models import Project
from db.session import Database
from portfolio import catalog
from portfolio.catalog.adopters import already_message
from tests.unit.portfolio.test_stale_edits import STAMP, as_user


@pytest.fixture(scope="module")
def keys() -> list[str]:
    """Three tracked entries of the shipped catalogue."""
    return [r.key for r in catalog.tracked(catalog.entries())[:3]]


def _names(keys: list[str]) -> str:
    return "、".join(re.escape(k.partition("#")[2]) for k in keys)


def _projects(db: Database, keys: list[str]) -> dict[str, int]:
    with db.session() as s:
        return dict(s.execute(select(Project.catalog_key, func.count())
                              .where(Project.catalog_key.in_(keys))
                              .group_by(Project.catalog_key)).all())  # type: ignore[arg-type]


def test_adopting_from_a_stale_list_names_who_adopted_first(any_db: Database,
                                                            keys: list[str]) -> None:
    with as_user(any_db, "张三") as s:
        assert catalog.adopt(s, keys[:2]).new == keys[:2]
    # 李四's page still shows all three as not adopted
    with as_user(any_db, "李四") as s:
        report = catalog.adopt(s, keys)
    assert report.new == keys[2:]
    assert sorted(report.already_adopted) == sorted(keys[:2])
    assert {a.user for a in report.adopted_by.values()} == {"张三"}
    message = already_message(report.adopted_by)
    assert re.fullmatch(f"2 个条目已由 张三 于 {STAMP} 纳入项目库，未重复纳入：{_names(keys[:2])}",
                        message), message
    assert _projects(any_db, keys) == dict.fromkeys(keys, 1)


def test_two_adoptions_at_once_create_each_project_once(any_db: Database,
                                                        keys: list[str]) -> None:
    outcome: list[object] = []

    def other_user() -> None:
        # a plain session, as the command line opens it: adopting serialises by itself
        try:
            with any_db.session() as s:
                s.info["user"] = "李四"
                outcome.append(catalog.adopt(s, keys))
                s.commit()
        except Exception as error:  # the assertion below shows what went wrong
            outcome.append(error)

    thread = threading.Thread(target=other_user)
    with as_user(any_db, "张三") as s:
        assert catalog.adopt(s, keys).new == keys
        thread.start()
        time.sleep(0.5)
        assert thread.is_alive() and not outcome, "the second adoption did not wait"
    thread.join(60)
    assert len(outcome) == 1 and isinstance(outcome[0], catalog.CatalogReport), outcome
    report = outcome[0]
    assert report.new == [] and sorted(report.already_adopted) == sorted(keys)
    assert re.fullmatch(f"3 个条目已由 张三 于 {STAMP} 纳入项目库，未重复纳入：{_names(keys)}",
                        already_message(report.adopted_by))
    assert _projects(any_db, keys) == dict.fromkeys(keys, 1)
