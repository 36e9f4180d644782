"""``portfolio status`` end to end on a hand-made database."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal

from db.models import AnnualPlan, MonthlyReport
from portfolio import projects
from portfolio.projects import ProjectData
from tests.helpers import run_portfolio

D = Decimal


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_portfolio("--db", url, "status", *args)


def test_status_table_and_json(db, db_url: str) -> None:
    with db.transaction() as s:
        school = projects.create(s, ProjectData(
            name="第三高级中学", category="社会事业", unit="教育局", total_investment=D("1000"),
            actual_start=dt.date(2025, 3, 1), stage="续建"))
        road = projects.create(s, ProjectData(
            name="迎宾大道改造", category="城建", unit="住建局", total_investment=D("800")))
        s.add_all([
            AnnualPlan(project_id=school, year=2026, planned_investment=D("600")),
            AnnualPlan(project_id=road, year=2026, planned_investment=D("400"),
                       planned_start_month=3),
            MonthlyReport(project_id=school, year=2026, month=5, investment=D("250")),
            MonthlyReport(project_id=school, year=2026, month=6, investment=D("50.5")),
        ])
    done = _run(db_url, "--period", "2026-06", "--format", "json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    total = record["total"]
    assert total["project_count"] == 2 and total["ytd"] == "300.50"
    assert total["annual_plan"] == "1000.00" and total["completion_rate"] == "30.1"
    assert total["gap_points"] == "-19.9"
    assert total["planned_starts"] == 1 and total["actual_starts"] == 0
    warned = {w["name"]: w["rules"] for w in record["warnings"]}
    assert warned == {"迎宾大道改造": ["not_started"]}
    assert "低于序时进度19.9个百分点" in record["headline"]

    table = _run(db_url, "--period", "2026年6月", "--by", "unit")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == "2026年6月重点项目调度总览"
    assert any(line.startswith("责任单位") for line in lines)
    assert any(line.startswith("合计") and "300.50" in line for line in lines)
    assert "预警项目 1 个（未按期开工1个）" in table.stdout
    assert "计划3月开工，截至6月底仍未开工" in table.stdout


def test_status_of_an_empty_month(db, db_url: str, capsys) -> None:
    from cli.main import main

    with db.transaction() as s:  # a register of its own: no catalogue loaded on first start
        projects.create(s, ProjectData(name="某项目"))
    assert main(["--db", db_url, "status", "--period", "2030-01", "--format", "json",
                 "--search", "不存在"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["total"]["project_count"] == 0 and record["warnings"] == []
    assert main(["--db", db_url, "status", "--period", "2030-01"]) == 0
    out = capsys.readouterr().out
    assert "预警项目 0 个" in out and "合计" in out


def test_status_problems_section(db, db_url: str) -> None:
    from portfolio import problems
    from portfolio.periods import Period
    from portfolio.problems import ProblemData

    june = Period(2026, 6)
    today = dt.date(2026, 7, 10)
    with db.transaction() as s:
        school = projects.create(s, ProjectData(name="第三高级中学", unit="教育局",
                                                total_investment=D("1000")))
        road = projects.create(s, ProjectData(name="迎宾大道改造", unit="住建局",
                                              total_investment=D("800")))
        for pid, description, deadline in ((school, "用地指标未落实", dt.date(2026, 6, 20)),
                                           (school, "资金缺口", dt.date(2026, 8, 31)),
                                           (road, "管线迁改未完成", dt.date(2026, 6, 29))):
            problems.add(s, ProblemData(pid, june, description, deadline=deadline), today=today)
        problems.add(s, ProblemData(road, june, "施工许可未办", state="已解决",
                                    resolution="已取得施工许可证",
                                    resolved_on=dt.date(2026, 6, 18)), today=today)
        problems.add(s, ProblemData(road, Period(2026, 7), "七月新问题"), today=today)
    done = _run(db_url, "--period", "2026-06", "--format", "json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)["problems"]
    assert found == {
        "period": "2026-06", "open": 3, "overdue": 2, "solved": 1,
        "by_unit": [
            {"unit": "教育局", "open": 2, "overdue": 1, "solved": 0},
            {"unit": "住建局", "open": 1, "overdue": 1, "solved": 1},
        ],
    }
    table = _run(db_url, "--period", "2026-06")
    assert table.returncode == 0, table.stderr
    assert "问题台账：截至2026年6月底待解决问题3个（逾期2个），本月解决1个" in table.stdout
    lines = [line.split() for line in table.stdout.splitlines()]
    assert ["责任单位", "待解决", "逾期未解决", "本月解决"] in lines
    assert ["教育局", "2", "1", "0"] in lines and ["合计", "3", "2", "1"] in lines
