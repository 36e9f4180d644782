"""End-to-end: ``portfolio problems`` add → list → close on a real database file, as a
separate process."""

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
    return run_portfolio("--db", db_url, "problems", *args)


def test_add_list_close(db, db_url: str) -> None:
    with db.transaction() as s:
        road = projects.create(s, ProjectData(name="城南快速通道",
                                              total_investment=Decimal("9000")))
        projects.create(s, ProjectData(name="县一中扩建", total_investment=Decimal("5000")))

    added = _portfolio(db_url, "add", "--project", "城南快速通道", "--description",
                       "=征地拆迁未完成", "--kind", "征地拆迁", "--unit", "城关镇人民政府",
                       "--person", "王强", "--deadline", "2026-07-31", "--raised", "2026-06")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "已登记第1号问题：=征地拆迁未完成"
    second = _portfolio(db_url, "add", "--project", str(road + 1), "--description", "资金缺口",
                        "--kind", "资金", "--raised", "2026-06")
    assert second.returncode == 0, second.stderr

    listed = _portfolio(db_url, "list", "--period", "2026-08", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    rows = list(csv.reader(io.StringIO(listed.stdout)))
    assert rows[0][:10] == ["序号", "项目名称", "问题描述", "类别", "协调单位", "责任人",
                            "办结时限", "状态", "逾期天数", "提出时间"]
    assert rows[1][:10] == ["1", "城南快速通道", "'=征地拆迁未完成", "征地拆迁", "城关镇人民政府",
                            "王强", "2026-07-31", "待解决", "31", "2026-06"]
    assert [r[0] for r in rows[1:]] == ["1", "2"]

    table = _portfolio(db_url, "list", "--overdue", "--unit", "城关镇人民政府")
    assert table.stdout.splitlines()[-1] == "共 1 个问题，其中逾期 1 个"

    refused = _portfolio(db_url, "close", "1", "--resolution", " ")
    assert refused.returncode == 1
    assert refused.stderr.strip() == "错误：办结为“已解决”须填写解决情况"
    assert "Traceback" not in refused.stderr

    closed = _portfolio(db_url, "close", "1", "--resolution", "已完成征迁交地",
                        "--date", "2026-08-10")
    assert closed.returncode == 0, closed.stderr
    assert closed.stdout.strip() == "已办结第1号问题（已解决）"

    done = json.loads(_portfolio(db_url, "list", "--state", "已解决", "--format", "json").stdout)
    assert [(r["id"], r["state"], r["resolution"], r["resolved_on"]) for r in done] == [
        (1, "已解决", "已完成征迁交地", "2026-08-10")]
    # at the end of August it was closed: not in September's list
    september = json.loads(_portfolio(db_url, "list", "--period", "2026-09", "--format",
                                      "json").stdout)
    assert [r["id"] for r in september] == [2]


def test_errors_are_one_chinese_line(db, db_url: str) -> None:
    with db.transaction() as s:
        projects.create(s, ProjectData(name="同名项目", total_investment=Decimal("1")))
        projects.create(s, ProjectData(name="同名项目", total_investment=Decimal("2")))
    for args, message in [
        (("add", "--project", "同名项目", "--description", "x"),
         "错误：有多个项目名为“同名项目”，请用编号指定：1（同名项目）、2（同名项目）"),
        (("add", "--project", "99", "--description", "x"), "错误：没有编号为99的项目"),
        (("close", "5", "--resolution", "x"), "错误：问题台账中没有第5号问题（可能已被删除）"),
        (("update", "5"), "错误：没有要修改的内容（可用 --description、--kind、--unit 等）"),
    ]:
        done = _portfolio(db_url, *args)
        assert (done.returncode, done.stderr.strip()) == (1, message)
