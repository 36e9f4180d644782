"""``portfolio import register`` end to end: office workbooks in, exact figures out."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text

from tests.helpers import run_portfolio
from tests.unit.exports.sheets import workbooks

D = Decimal


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_portfolio("--db", url, *args)


def _import(url: str, path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run(url, "import", "register", str(path), *args)


def _status(url: str) -> dict:
    done = _run(url, "status", "--period", "2026-04", "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["total"]


def _listing(url: str) -> dict[str, dict]:
    done = _run(url, "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {r["name"]: r for r in json.loads(done.stdout)}


def _dump(db) -> list:
    with db.engine.connect() as connection:
        return [tuple(r) for table in ("projects", "annual_plans", "plan_months", "units",
                                       "leaders", "project_levels")
                for r in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_register_then_plan_with_exact_figures(db, db_url: str, tmp_path: Path,
                                               fmt: str) -> None:
    register = workbooks.register(tmp_path / "重点项目清单.xlsx")
    plan = workbooks.annual_plan(tmp_path / "年度计划.xlsx")
    if fmt != "xlsx":
        register, plan = workbooks.convert(register, fmt), workbooks.convert(plan, fmt)
    done = _import(db_url, register)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "共 5 个项目：新增 5 个，修改 0 个，无变化 0 个" in out
    assert "赵永强（县委常委、组织部长）" in out and "第6行 分组：一、工业项目（2个）" in out
    assert "第9行 小计：工业项目小计" in out and "2026年 / 1—4月完成" in out
    assert "已导入：新增 5 个项目" in out
    total = _status(db_url)
    # the package's money is on its two parts: 52000 + 120000.25 + 5000 + 3000
    assert total["project_count"] == 3
    assert total["total_investment"] == "180000.25"
    assert total["annual_plan"] == "58000.00"
    listed = _listing(db_url)
    assert len(listed) == 5
    assert listed["城关镇片区"]["unit"] == "城关镇"
    assert listed["智能装备产业园"]["total_investment"] == "120000.25"

    again = _import(db_url, register)
    assert again.returncode == 0, again.stderr
    assert "新增 0 个，修改 0 个，无变化 5 个" in again.stdout

    done = _import(db_url, plan)
    assert done.returncode == 0, done.stderr
    total = _status(db_url)
    assert total["project_count"] == 6
    assert total["total_investment"] == str(D("180000.25") + D("125000") + D("8500")
                                            + D("34567.89"))
    assert total["annual_plan"] == str(D("58000.00") + D("32000") + D("8500") + D("12000"))
    assert total["planned_starts"] == 2 and total["actual_starts"] == 0


def test_corrected_file_changes_only_the_corrected_fields(db, db_url: str,
                                                         tmp_path: Path) -> None:
    path = workbooks.register(tmp_path / "清单.xlsx")
    assert _import(db_url, path).returncode == 0
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["I8"] = 125000  # 智能装备产业园 总投资
    ws["O7"] = "赵永强（县委副书记）"
    wb.save(path)
    done = _import(db_url, path, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "新增 0 个，修改 1 个，无变化 4 个" in done.stdout
    assert "第8行 智能装备产业园（编号" in done.stdout
    assert "总投资 120000.25 → 125000.00" in done.stdout
    assert "赵永强：县委常委、组织部长 → 县委副书记" in done.stdout
    assert _import(db_url, path, "--yes").returncode == 0
    assert _listing(db_url)["智能装备产业园"]["total_investment"] == "125000.00"


def test_text_in_a_money_column_names_row_and_column(db, db_url: str, tmp_path: Path) -> None:
    path = workbooks.register(tmp_path / "清单.xlsx")
    assert _import(db_url, path).returncode == 0
    before = _dump(db)
    wb = openpyxl.load_workbook(path)
    wb.active["I8"] = "约十二亿"
    wb.active["I7"] = 99999
    wb.save(path)
    done = _import(db_url, path)
    assert done.returncode == 1
    assert "第8行「总投资 / 合计」列：应为金额（万元），不能是「约十二亿」" in done.stdout
    assert "有 1 处错误，未导入任何数据" in done.stderr
    assert _dump(db) == before


def test_truncated_file_and_wrong_columns(db, db_url: str, tmp_path: Path) -> None:
    path = workbooks.register(tmp_path / "清单.xlsx")
    cut = tmp_path / "截断.xlsx"
    cut.write_bytes(path.read_bytes()[:3000])
    before = _dump(db)
    done = _import(db_url, cut)
    assert done.returncode == 1 and "已损坏或不完整" in done.stderr

    wrong = tmp_path / "工程表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "工程名", "投资额（万元）", "牵头人"])
    wb.active.append([1, "西区污水管网", 300, "张三"])
    wb.save(wrong)
    done = _import(db_url, wrong)
    assert done.returncode == 1
    assert "未能识别的列：工程名" in done.stderr and "--mapping" in done.stderr
    assert _dump(db) == before

    mapping = tmp_path / "映射.json"
    columns = {"工程名": "name", "投资额（万元）": "total_investment", "牵头人": "ignore"}
    mapping.write_text(json.dumps({"name": "工程表", "columns": columns}, ensure_ascii=False),
                       encoding="utf-8")
    done = _import(db_url, wrong, "--mapping", str(mapping), "--year", "2026")
    assert done.returncode == 0, done.stderr
    assert "按映射忽略的列（1）：\n  牵头人" in done.stdout
    assert _listing(db_url)["西区污水管网"]["total_investment"] == "300.00"


def test_header_without_project_rows_is_an_error(db, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "空表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "项目名称", "总投资", "备用列"])
    wb.active.append(["合计", None, 0])
    wb.save(path)
    done = _import(db_url, path)
    assert done.returncode == 1
    assert "表头下没有项目行" in done.stderr and "未能识别的列：备用列" in done.stderr
