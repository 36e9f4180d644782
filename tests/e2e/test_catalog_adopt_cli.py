"""``portfolio catalog adopt`` of entries the register holds already: it says which ones, with
the catalogue number and the project's 编号 and who adopted them, and adds nothing."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select

from db.models import Project
from db.session import open_database
from tests.helpers import run_portfolio


def _entries(db_url: str, count: int) -> list[tuple[str, str]]:
    run = run_portfolio("--db", db_url, "catalog", "list", "--format", "csv")
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    return [(r["编号"], r["项目名称"]) for r in rows[:count]]


def _ids(db_url: str) -> dict[str, int]:
    with open_database(db_url) as db, db.session() as s:
        return {str(key).partition("#")[2]: pid for key, pid in s.execute(
            select(Project.catalog_key, Project.id).where(Project.catalog_key.is_not(None)))}


def test_adopting_entries_again_names_them_and_changes_nothing(db_url: str) -> None:
    (first, first_name), (second, second_name), (third, third_name) = _entries(db_url, 3)
    run = run_portfolio("--db", db_url, "catalog", "adopt", first, second)
    assert run.returncode == 0, run.stderr
    assert "纳入项目库：2 个" in run.stdout and "已在项目库中（未重复纳入）：0 个" in run.stdout
    ids = _ids(db_url)
    run = run_portfolio("--db", db_url, "catalog", "adopt", first, second, third)
    assert run.returncode == 0, run.stderr
    assert "纳入项目库：1 个" in run.stdout and third_name in run.stdout
    assert "已在项目库中（未重复纳入）：2 个" in run.stdout
    lines = {line.strip() for line in run.stdout.splitlines()}
    for number, name in ((first, first_name), (second, second_name)):
        line = next(x for x in lines if x.startswith(f"- {name}（"))
        assert f"条目编号 {number}，项目编号 {ids[name]}，" in line and line.endswith("纳入")
    with open_database(db_url) as db, db.session() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 3
