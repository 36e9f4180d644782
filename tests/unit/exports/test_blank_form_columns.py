"""A form's columns of the register and the year's plan beyond the figures: 是否开工 (已开工 by
the end of the month, a 续建 project whether dated or not), 实际竣工时间 and the year's
建设目标, each filled from the database (they were left empty and named)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import select

from db.models import AnnualPlan, Project
from tests.blank_forms import build
from tests.helpers import run_portfolio
from tests.report_db import PERIOD

COLUMNS = ["序号", "项目名称", "建设性质", "是否开工", "实际竣工时间", "2026年建设目标"]


def test_started_finish_and_goal_columns(report_db, db_url: str, tmp_path: Path) -> None:
    with report_db.transaction() as s:
        for n, plan in enumerate(s.scalars(select(AnnualPlan).where(
                AnnualPlan.year == PERIOD.year).order_by(AnnualPlan.id).limit(3))):
            plan.goal = f"完成主体结构{n + 1}层"
    with report_db.session() as s:
        projects = {p.name: p for p in s.scalars(select(Project))}
        goals = {name: goal for name, goal in s.execute(
            select(Project.name, AnnualPlan.goal).join(AnnualPlan)
            .where(AnnualPlan.year == PERIOD.year))}
        expected = {}
        for name, p in projects.items():
            if p.actual_start is not None:
                started = p.actual_start <= dt.date(2026, 10, 31)
            else:
                started = p.stage in ("续建", "竣工")
            expected[name] = ("已开工" if started else "未开工", p.actual_finish,
                              goals.get(name) or None)
    assert {v[0] for v in expected.values()} == {"已开工", "未开工"}
    form = build(tmp_path / "市表.xlsx", COLUMNS, [], widths=[6, 30, 8, 8, 12, 30])
    out = tmp_path / "报送.xlsx"
    done = run_portfolio("--db", db_url, "export", "xlsx", "--period", str(PERIOD),
                         "--template", str(form), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "无法填写" not in done.stdout
    ws = openpyxl.load_workbook(out)["进展情况"]
    seen = 0
    for row in ws.iter_rows(min_row=5, values_only=True):
        if row[1] in expected:
            finish = row[4].date() if isinstance(row[4], dt.datetime) else row[4]
            assert (row[3], finish, row[5] or None) == expected[row[1]], row[1]
            seen += 1
    assert seen == len(expected)
    assert sum(1 for v in expected.values() if v[2]) == 3
