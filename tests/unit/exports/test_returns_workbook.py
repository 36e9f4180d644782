"""A workbook holding several townships' returns, a sheet each: every sheet of the same stated
month is imported; a sheet of another month, or of none stated, is named and left out."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from db.models import Project
from db.session import Database
from exports import xlsx_import
from portfolio import projects
from portfolio.projects import ProjectData

D = Decimal
HEADER = ["序号", "项目名称", "本月完成投资（万元）", "形象进度"]


def _book(path: Path, sheets: dict[str, tuple[str, list[list[object]]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (title, rows) in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([title])
        ws.append(HEADER)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _register(db: Database) -> None:
    with db.transaction() as s:
        for name in ("城关镇污水处理厂", "东坝头镇黄河湾民宿", "谷营镇冷链物流园"):
            projects.create(s, ProjectData(name=name, category="工业",
                                           total_investment=D("5000")))


def test_every_townships_sheet_of_the_month_is_imported(db: Database, tmp_path: Path) -> None:
    _register(db)
    path = _book(tmp_path / "各乡镇5月.xlsx", {
        "城关镇": ("城关镇2026年5月重点项目进展", [[1, "城关镇污水处理厂", 120, "管网铺设"]]),
        "东坝头镇": ("东坝头镇2026年5月重点项目进展", [[1, "东坝头镇黄河湾民宿", 80.5, "装修"]]),
        "汇总（4月）": ("全县2026年4月重点项目进展", [[1, "谷营镇冷链物流园", 300, "主体"]]),
    })
    with db.session() as s:
        result = xlsx_import.preview(s, [path])
    assert not result.errors, [e.text() for e in result.errors]
    assert result.files == ["各乡镇5月.xlsx"]
    assert {c.name: c.new["investment"] for c in result.new} == {
        "城关镇污水处理厂": D("120.00"), "东坝头镇黄河湾民宿": D("80.50")}
    assert [w.text() for w in result.warnings] == [
        "文件“各乡镇5月.xlsx”，工作表“城关镇”：只导入了工作表“城关镇”、“东坝头镇”；工作表“汇总（4月）”"
        "中也有可导入的数据，未导入。如需导入其他月份，请用 --period 指定月份"
        "（按工作表的月份选取），每次导入一个月"]


def test_a_project_two_sheets_disagree_on_is_a_conflict_naming_both(
        db: Database, tmp_path: Path) -> None:
    _register(db)
    path = _book(tmp_path / "各乡镇5月.xlsx", {
        "城关镇": ("城关镇2026年5月重点项目进展", [[1, "城关镇污水处理厂", 120, "管网铺设"]]),
        "东坝头镇": ("东坝头镇2026年5月重点项目进展", [[1, "城关镇污水处理厂", 150, "管网铺设"]]),
    })
    with db.session() as s:
        result = xlsx_import.preview(s, [path])
    assert not result.new and len(result.conflicts) == 1
    assert result.conflicts[0].text() == (
        "城关镇污水处理厂（编号1）的本月完成投资不一致：“各乡镇5月.xlsx”“城关镇”第3行为“120.00”；"
        "“各乡镇5月.xlsx”“东坝头镇”第3行为“150.00”")


def test_sheets_stating_no_month_are_still_one_return(db: Database, tmp_path: Path) -> None:
    """Without a month on each sheet nothing says they are returns of one month: the first
    is read and the others named, as before."""
    _register(db)
    path = _book(tmp_path / "2026年5月调度.xlsx", {
        "城关镇": ("城关镇重点项目进展", [[1, "城关镇污水处理厂", 120, "管网铺设"]]),
        "东坝头镇": ("东坝头镇重点项目进展", [[1, "东坝头镇黄河湾民宿", 80.5, "装修"]]),
    })
    with db.session() as s:
        result = xlsx_import.preview(s, [path])
    assert [c.name for c in result.new] == ["城关镇污水处理厂"]
    assert "工作表“东坝头镇”中也有可导入的数据，未导入" in result.warnings[0].text()


def test_a_shortened_name_matches_nothing_but_is_told_its_project(
        db: Database, tmp_path: Path) -> None:
    _register(db)
    path = _book(tmp_path / "城关镇5月.xlsx", {
        "城关镇": ("城关镇2026年5月重点项目进展",
                   [[1, "雨污分流改造", 120, "管网铺设"], [2, "黄河湾民宿项目", 80.5, "装修"]]),
    })
    with db.session() as s:
        result = xlsx_import.preview(s, [path])
        held = {p.name: p.id for p in s.query(Project)}
    assert not result.new
    assert [(u.name, u.reason) for u in result.unmatched] == [
        ("雨污分流改造", "项目库中没有这个名称的项目"),
        ("黄河湾民宿项目", "项目库中没有这个名称的项目；与“东坝头镇黄河湾民宿”"
                  f"（编号{held['东坝头镇黄河湾民宿']}）的名称一个包含另一个，可能是简称或全称，"
                  "如是同一项目，请在表中改用项目库中的名称或填写编号后再导入"),
    ]


def test_a_column_of_figures_nobody_recognised_is_named(db: Database, tmp_path: Path) -> None:
    """"截至10月底完成投资" may be this year's or since the start: its figures are not
    imported, and the preview says so by name (the rest of the return still imports)."""
    _register(db)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["城关镇2026年10月重点项目进展"])
    ws.append(["序号", "项目名称", "截至10月底完成投资（万元）", "形象进度", "联系人"])
    ws.append([1, "城关镇污水处理厂", 1200, "管网铺设", "张三"])
    path = tmp_path / "城关镇.xlsx"
    wb.save(path)
    with db.session() as s:
        result = xlsx_import.preview(s, [path])
    assert not result.errors, [e.text() for e in result.errors]
    assert [c.new for c in result.new] == [{"progress": "管网铺设"}]
    assert [w.text() for w in result.warnings] == [
        "文件“城关镇.xlsx”，工作表“Sheet”：“截至10月底完成投资（万元）”列未能识别，其中的数字"
        "未导入；如是本月或1—N月完成投资，请用 --mapping 把该列指定为 month_investment（本月完成"
        "投资）或 ytd_investment（1—N月完成投资）"]
