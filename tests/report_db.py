"""The portfolio the report tests share (the ``report_db`` fixture of ``conftest.py``), and
helpers to write its monthly workbook and find the cells in it again."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import openpyxl

from db.models import MonthlyReport
from exports.xlsx import WrittenReport, write_report
from portfolio import demo, monthly, projects
from portfolio.periods import Period
from portfolio.projects import ProjectData

TODAY = dt.date(2026, 11, 5)
PERIOD = Period(2026, 10)
HOSTILE = ('=HYPERLINK("http://evil.example","点我")', "+1 开工", "-2 停工", "@SUM(A1)")


def seed(db, projects_count: int = 60) -> None:
    """A demo portfolio, plus a project whose texts start like formulas."""
    demo.generate(db, projects=projects_count, years=2, seed=5, today=TODAY)
    with db.transaction() as s:
        pid = projects.create(s, ProjectData(
            name=HOSTILE[0], category="城建", unit=HOSTILE[3], total_investment=Decimal("100"),
            location="-城关镇", planned_start=dt.date(2026, 1, 1),
            planned_finish=dt.date(2026, 12, 31)))
        s.add(MonthlyReport(project_id=pid, year=2026, month=10, investment=Decimal("12.34"),
                            progress=HOSTILE[1], problems=HOSTILE[2]))


def write(db, path: Path, **kwargs) -> WrittenReport:
    """The monthly report of :data:`PERIOD` written to ``path``."""
    with db.session() as s:
        return write_report(s, PERIOD, path, today=TODAY, **kwargs)


def export(db, path: Path) -> Path:
    write(db, path)
    return path


def columns(ws, header_row: int = 3) -> dict[str, int]:
    """Header text (without spaces) → column number."""
    return {re.sub(r"\s", "", cell.value): cell.column
            for cell in ws[header_row] if isinstance(cell.value, str)}


def project_rows(ws) -> dict[int, int]:
    """Project id → the row of the project's line."""
    col = columns(ws)["编号"]
    return {ws.cell(r, col).value: r for r in range(4, ws.max_row + 1)
            if isinstance(ws.cell(r, col).value, int)}


def leaf_rows(db) -> list[monthly.EntryRow]:
    """Leaf projects of :data:`PERIOD` with room for more investment."""
    with db.session() as s:
        rows = monthly.load_rows(s, PERIOD)
    return [r for r in rows if r.is_leaf and (r.remaining is None or r.remaining > 100)]


#: a superior's own layout: other order, other headers, by township
CUSTOM_COLUMNS = [
    ("项目", "{{项目名称}}"), ("编号", "{{编号}}"), ("本月", "{{本月完成投资}}"),
    ("累计{{1—N月}}", "{{1—N月完成投资}}"), ("年计划", "{{本年计划投资}}"),
    ("完成比例", "{{占年度计划}}"), ("进展", "{{形象进度}}"), ("单位", "{{责任单位}}"),
]


def make_custom_template(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进展表"
    ws["A1"] = "{{地区}}重点项目{{报告期}}进展（{{填报单位}}）"
    ws["A2"] = "说明：按乡镇汇总"
    for c, (header, token) in enumerate(CUSTOM_COLUMNS, start=1):
        ws.cell(3, c, header)
        ws.cell(4, c, token)
        ws.cell(5, c, token if token in ("{{本月完成投资}}", "{{1—N月完成投资}}",
                                         "{{本年计划投资}}", "{{占年度计划}}") else None)
        ws.cell(6, c, token if token in ("{{本月完成投资}}", "{{1—N月完成投资}}") else None)
    ws["A5"] = "{{乡镇}}小计"
    ws["A6"] = "{{合计}}"
    ws["A8"] = "审核："
    wb.save(path)
