"""One project count everywhere: the monthly workbook, the PDF briefing and ``portfolio
status`` of the same month say the same number of projects and the same totals, on a portfolio
with every awkward case — a package whose parts lie in two 领域 and two units, a project
without any report, one finished last year, one without a plan or a 领域, a programme.

The 明细表 has a line per part of a package besides the package, so it has more lines than
projects; the export says so rather than giving its line count as the number of projects (it
once said 300 where the briefing said 290)."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import openpyxl

from db.models import AnnualPlan, MonthlyReport
from portfolio import projects
from portfolio.money import to_yi
from portfolio.projects import ProjectData
from tests.helpers import needs_poppler, pdf_text, run_portfolio

D = Decimal


def _fill(db) -> None:
    with db.transaction() as s:
        def project(name: str, **kw) -> int:
            return projects.create(s, ProjectData(name=name, **kw))

        park = project("智能制造产业园", category="工业", unit="县工业和信息化局",
                       total_investment=D("52000"), stage="续建")
        water = project("城乡供水一体化工程（打包）", category="社会事业", unit="县水利局",
                        total_investment=D("30000"), stage="新开工")
        plant = project("城乡供水一体化工程——水厂", category="社会事业", unit="县水利局",
                        total_investment=D("18000"), parent_id=water, stage="新开工",
                        actual_start=dt.date(2026, 4, 2))
        pipes = project("城乡供水一体化工程——管网", category="城建", unit="县住房和城乡建设局",
                        total_investment=D("12000"), parent_id=water, stage="新开工")
        school = project("县第一高级中学扩建", category="社会事业", unit="县教育局",
                         total_investment=D("8600.50"), stage="新开工")  # no report at all
        done = project("110千伏高阳输变电工程", category="交通能源", unit="国网县供电公司",
                       total_investment=D("9000"), prior_investment=D("9000"), stage="竣工",
                       actual_start=dt.date(2024, 3, 1), actual_finish=dt.date(2025, 11, 30))
        project("县域冷链物流项目", total_investment=D("4100"))  # no plan, no 领域
        project("高标准农田建设", kind="programme", category="农业", unit="县农业农村局",
                total_investment=D("15000"))
        s.add_all([
            AnnualPlan(project_id=park, year=2026, planned_investment=D("12000")),
            AnnualPlan(project_id=plant, year=2026, planned_investment=D("6000"),
                       planned_start_month=4),
            AnnualPlan(project_id=pipes, year=2026, planned_investment=D("4000"),
                       planned_start_month=5),
            AnnualPlan(project_id=school, year=2026, planned_investment=D("3000"),
                       planned_start_month=3),
            MonthlyReport(project_id=park, year=2025, month=12, investment=D("8000")),
            MonthlyReport(project_id=park, year=2026, month=5, investment=D("2500.25")),
            MonthlyReport(project_id=park, year=2026, month=6, investment=D("1200")),
            MonthlyReport(project_id=plant, year=2026, month=6, investment=D("1800.10")),
            MonthlyReport(project_id=pipes, year=2026, month=6, investment=D("650")),
            MonthlyReport(project_id=done, year=2025, month=11, investment=D("0")),
        ])


def _workbook_total(path: Path) -> dict[str, object]:
    """The 合计 line of the 汇总表 (stored results) and the count of the 明细表's 合计."""
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["汇总表"]
    header = next(r for r in range(1, 10) if ws.cell(r, 3).value == "项目个数")
    heads = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    total = next(r for r in range(header + 1, ws.max_row + 1)
                 if "合计" in {ws.cell(r, 1).value, ws.cell(r, 2).value})
    ytd = next(h for h in heads if isinstance(h, str) and h.endswith("月完成投资"))
    detail = wb["明细表"]
    named = next(str(c.value) for row in detail.iter_rows() for c in row
                 if str(c.value).startswith("合计（"))
    return {
        "count": ws.cell(total, heads["项目个数"]).value,
        "total_investment": D(str(ws.cell(total, heads["总投资"]).value)),
        "annual_plan": D(str(ws.cell(total, heads["年度计划投资"]).value)),
        "ytd": D(str(ws.cell(total, heads[ytd]).value)),
        "detail_count": int(re.fullmatch(r"合计（(\d+)个）", named).group(1)),  # type: ignore[union-attr]
    }


@needs_poppler
def test_workbook_briefing_and_status_agree(db, db_url: str, tmp_path: Path) -> None:
    _fill(db)
    status = run_portfolio("--db", db_url, "status", "--period", "2026-06", "--format", "json")
    assert status.returncode == 0, status.stderr
    total = json.loads(status.stdout)["total"]
    # 8 projects, the package and its two parts one: 6; the package's money is its parts'
    assert total["project_count"] == 6
    assert total["total_investment"] == "118700.50"
    assert total["annual_plan"] == "25000.00" and total["ytd"] == "6150.35"

    xlsx = tmp_path / "月报.xlsx"
    run = run_portfolio("--db", db_url, "export", "xlsx", "--period", "2026-06", "-o", str(xlsx))
    assert run.returncode == 0, run.stderr
    assert "，6 个项目（明细表 8 行，打包项目计为 1 个、其子项目各占一行）" in run.stdout
    book = _workbook_total(xlsx)
    assert book == {
        "count": total["project_count"], "detail_count": total["project_count"],
        "total_investment": D(total["total_investment"]), "annual_plan": D(total["annual_plan"]),
        "ytd": D(total["ytd"]),
    }

    pdf = tmp_path / "简报.pdf"
    run = run_portfolio("--db", db_url, "export", "pdf", "--period", "2026-06", "-o", str(pdf))
    assert run.returncode == 0, run.stderr
    assert "，6 个项目，" in run.stdout
    flat = "".join(pdf_text(pdf).split())
    assert (f"项目共{total['project_count']}个，总投资{to_yi(D(total['total_investment']))}亿元，"
            f"2026年计划投资{to_yi(D(total['annual_plan']))}亿元。"
            f"1—6月累计完成投资{to_yi(D(total['ytd']))}亿元") in flat
