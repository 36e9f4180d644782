"""End-to-end: the ``list`` command on a real database file, run as a separate process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from decimal import Decimal

from portfolio import projects
from portfolio.projects import ProjectData
from tests.helpers import run_portfolio


def _portfolio(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_portfolio("--db", db_url, *args)


def _fill(db) -> None:
    with db.transaction() as s:
        projects.create(s, ProjectData(
            name="万邦国际农产品物流园", category="服务业", township="城关镇",
            total_investment=Decimal("185000.00"), unit="商务局"))
        projects.create(s, ProjectData(
            name="=HYPERLINK(\"x\")", category="工业", total_investment=Decimal("12.30")))


def test_list_formats(db, db_url: str) -> None:
    _fill(db)
    as_json = _portfolio(db_url, "list", "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    records = json.loads(as_json.stdout)
    assert {r["name"] for r in records} >= {"万邦国际农产品物流园"}
    wanbang = next(r for r in records if r["name"] == "万邦国际农产品物流园")
    assert Decimal(wanbang["total_investment"]) == Decimal("185000.00")
    assert {"id", "category", "location", "planned_start", "planned_finish", "document",
            "line", "quote"} <= wanbang.keys()

    as_csv = _portfolio(db_url, "list", "--format", "csv", "--search", "wbgj")
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0][:2] == ["编号", "项目名称"]
    assert [r[1] for r in rows[1:]] == ["万邦国际农产品物流园"]

    hostile = _portfolio(db_url, "list", "--format", "csv", "--category", "工业")
    rows = list(csv.reader(io.StringIO(hostile.stdout)))
    assert [r[1] for r in rows[1:]] == ["'=HYPERLINK(\"x\")"]
    assert rows[1][5] == "12.30"

    as_table = _portfolio(db_url, "list", "--category", "工业")
    assert "共 1 个项目" in as_table.stdout


def test_bad_database_url_gives_a_chinese_error(tmp_path) -> None:
    (tmp_path / "not-a-database").write_text("这不是数据库", encoding="utf-8")
    result = _portfolio(str(tmp_path / "not-a-database"), "list")
    assert result.returncode == 1
    assert "无法打开数据库" in result.stderr
    assert "Traceback" not in result.stderr
