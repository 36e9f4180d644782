"""Workbooks saved by a program that does not calculate (openpyxl here; some generators and
scripts do the same) hold formulas without results, which a reader sees as empty cells. Both
imports refuse them, naming the first such cell, instead of importing blanks; formulas where
nothing is imported (序号, the 合计 row) are no reason to refuse, and the same sheet once
calculated (saved by LibreOffice, as by Excel or WPS) imports with its figures."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
from sqlalchemy import text

from tests.helpers import run_portfolio
from tests.unit.exports.sheets.workbooks import convert

D = Decimal
NAMES = ("县城第二污水处理厂", "城北新区学校建设")
REFUSED = "公式没有计算结果：请在Excel或WPS中打开并保存后再导入（第{row}行第{col}列）"


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_portfolio("--db", url, *args)


def _dump(db) -> list:  # type: ignore[no-untyped-def]
    with db.engine.connect() as connection:
        return [tuple(r) for table in ("projects", "monthly_reports", "annual_plans")
                for r in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]


def register_list(path: Path, total: str | int) -> Path:
    """An office's list: 序号 by =ROW()-2 and a =SUM 合计 row (neither imported), and the
    first project's 总投资 as ``total`` (a formula, or a number)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["XX县2026年重点项目清单"])
    ws.append(["序号", "项目名称", "责任单位", "总投资（万元）", "2026年计划投资（万元）"])
    ws.append(["=ROW()-2", NAMES[0], "县住建局", total, 800])
    ws.append(["=ROW()-2", NAMES[1], "县教育局", 6000, 1500])
    ws.append(["合计", None, None, "=SUM(D3:D4)", "=SUM(E3:E4)"])
    wb.save(path)
    return path


def monthly_return(path: Path, ytd: str | int) -> Path:
    """A township's April return whose first 今年以来累计完成 is ``ytd``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某镇2026年4月份重点项目进展情况"])
    ws.append(["序号", "项目名称", "今年以来累计完成（万元）", "工程进展情况"])
    ws.append([1, NAMES[0], ytd, "管网铺设"])
    ws.append([2, NAMES[1], 410, "主体封顶"])
    wb.save(path)
    return path


def test_both_imports_refuse_formulas_without_results(db, db_url: str, tmp_path: Path) -> None:
    plain = register_list(tmp_path / "清单.xlsx", 2500)
    done = _run(db_url, "import", "register", str(plain), "--year", "2026")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "新增 2 个" in done.stdout
    before = _dump(db)

    formulas = register_list(tmp_path / "清单（脚本生成）.xlsx", "=2000+500")
    done = _run(db_url, "import", "register", str(formulas), "--year", "2026")
    assert done.returncode == 1
    assert "第3行「总投资（万元）」列：" + REFUSED.format(row=3, col="D") in done.stdout
    assert _dump(db) == before

    returned = monthly_return(tmp_path / "某镇4月.xlsx", "=300+150")
    done = _run(db_url, "import", "xlsx", str(returned))
    assert done.returncode == 1
    assert REFUSED.format(row=3, col="C") in done.stdout + done.stderr
    assert "第3行C列（今年以来累计完成（万元））" in done.stdout + done.stderr
    assert _dump(db) == before

    saved = convert(returned, "ods")  # opened and saved by a program that calculates
    done = _run(db_url, "import", "xlsx", str(saved))
    assert done.returncode == 0, done.stdout + done.stderr
    status = _run(db_url, "status", "--period", "2026-04", "--format", "json")
    assert json.loads(status.stdout)["total"]["ytd"] == "860.00", status.stdout
