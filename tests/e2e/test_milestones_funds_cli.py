"""``portfolio milestones`` and ``portfolio funds`` end to end, as a user runs them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from portfolio import approval_checklist, funds
from portfolio.periods import Period
from portfolio.projects import ProjectData, create
from tests.helpers import run_portfolio


def _seed(db) -> int:
    with db.transaction() as s:
        pid = create(s, ProjectData(
            name="兰考县第三高级中学", stage="前期", total_investment=Decimal("3000"),
            funding=[("中央预算内投资", Decimal("1000")), ("县级财政资金", Decimal("2000"))]))
        create(s, ProjectData(name="=HYPERLINK(\"x\")", stage="前期"))
        approval_checklist.apply(s, pid)
    return pid


def test_milestones_set_list_and_overdue(db, db_url: str) -> None:
    pid = _seed(db)
    done = run_portfolio("--db", db_url, "milestones", "set", "第三高级中学", "立项",
                         "--actual", "2026-03-02", "--number", "兰发改审批〔2026〕12号",
                         "--office", "兰考县发展和改革委员会")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "已保存：立项（审批/核准/备案）。已完成1/9项手续，卡在：用地预审与选址")
    late = run_portfolio("--db", db_url, "milestones", "set", str(pid), "环评",
                         "--planned", "2026-05-01")
    assert late.returncode == 0, late.stderr
    refused = run_portfolio("--db", db_url, "milestones", "set", str(pid), "施工许可",
                            "--actual", "2026-04-01")
    assert refused.returncode == 1
    assert refused.stderr.strip() == "错误：手续“施工许可”已办结，必须填写批准文号"
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    refused = run_portfolio("--db", db_url, "milestones", "set", str(pid), "施工许可",
                            "--actual", future, "--number", "x")
    assert "实际完成日期不能晚于今天" in refused.stderr

    table = run_portfolio("--db", db_url, "milestones", "list", "--project", str(pid))
    assert table.returncode == 0 and table.stdout.endswith("共 9 项手续/节点\n")
    rows = list(csv.DictReader(io.StringIO(run_portfolio(
        "--db", db_url, "milestones", "list", "--overdue", "--format", "csv").stdout)))
    assert [(r["手续/节点"], r["计划完成"], r["状态"]) for r in rows] == [
        ("环评", "2026-05-01", "逾期")]
    records = json.loads(run_portfolio("--db", db_url, "milestones", "list",
                                       "--format", "json").stdout)
    first = records[0]
    assert (first["name"], first["actual_on"], first["document_number"]) == (
        "立项（审批/核准/备案）", "2026-03-02", "兰发改审批〔2026〕12号")


def test_funds_add_and_list(db, db_url: str) -> None:
    from cli.main import main

    pid = _seed(db)
    added = run_portfolio("--db", db_url, "funds", "add", str(pid), "--period", "2026-09",
                          "--source", "中央预算内投资", "--amount", "250.50")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip().endswith("到位率25.1%（累计到位250.50 / 计划1,000.00万元）")
    assert main(["--db", db_url, "funds", "add", str(pid), "--period", "2026-10",
                 "--source", "财政", "--amount", "500"]) == 0
    assert main(["--db", db_url, "funds", "add", str(pid), "--period", "2026-10",
                 "--source", "国债", "--amount", "5"]) == 1
    listed = run_portfolio("--db", db_url, "funds", "list", "--period", "2026-10",
                           "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    by_source = {r["资金来源"]: r for r in rows if r["编号"]}
    assert by_source["中央预算内投资"]["累计到位"] == "250.50"
    assert by_source["中央预算内投资"]["本月到位"] == "0.00"
    assert by_source["省市县财政"]["本月到位"] == "500.00"
    assert by_source["省市县财政"]["到位率%"] == "25.0"
    assert rows[-1]["项目名称"] == "合计" and rows[-1]["累计到位"] == "750.50"
    assert rows[-1]["计划（万元）"] == "3000.00" and rows[-1]["到位率%"] == "25.0"
    with db.session() as s:
        assert funds.by_source(s, Period(2026, 10)).total.cumulative == Decimal("750.50")
