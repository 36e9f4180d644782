"""Plan columns a register import leaves out, and why (a half year's plan is neither the year
nor a quarter); a 项目类型 column of 建设性质 words read as the 建设性质."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from exports.register_columns import HALF_YEAR_REASON, left_out, plan_year
from exports.register_source import read_register
from exports.sheets.grid import SheetError, SheetGrid, read_grid
from exports.sheets.headers import HeaderMap, find_header
from portfolio.register_import.profiles import MappingProfile


def _plan(path: Path, halves: tuple[str, ...], *, with_total: bool) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["XX县2026年重点项目投资计划表"])
    below = (["合计"] if with_total else []) + list(halves)
    ws.append(["序号", "项目名称", "总投资（万元）", "2026年计划投资（万元）"]
              + [None] * (len(below) - 1))
    ws.append([None, None, None, *below])
    ws.merge_cells(start_row=2, start_column=4, end_row=2, end_column=3 + len(below))
    for col in (1, 2, 3):
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    figures = ([6000] if with_total else []) + [2500, 3500]
    ws.append([1, "兰考县第三高级中学", 8000, *figures])
    wb.save(path)
    return path


@pytest.mark.parametrize("halves", [("上半年", "下半年"), ("1—6月计划", "7—12月计划")])
def test_half_year_plans_beside_the_years_are_left_out_as_halves(
        tmp_path: Path, halves: tuple[str, ...]) -> None:
    source = read_register(_plan(tmp_path / "计划.xlsx", halves, with_total=True))
    assert source.rows[0].values["annual_plan"] == 6000
    assert [why for _, why in source.left_out] == [HALF_YEAR_REASON] * 2


def test_both_halves_alone_are_the_two_parts_of_the_year(tmp_path: Path) -> None:
    """Without a 合计, 上半年 and 下半年 are read as the halves whose sum the import takes
    for the year (never the first half alone as the whole year's plan)."""
    source = read_register(_plan(tmp_path / "计划.xlsx", ("上半年", "下半年"),
                                 with_total=False))
    values = source.rows[0].values
    assert "annual_plan" not in values
    assert (values["h1_plan"], values["h2_plan"]) == (2500, 3500)
    assert source.left_out == []


def test_one_half_alone_is_never_the_year(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "总投资（万元）", "2026年上半年计划投资（万元）"])
    ws.append([1, "兰考县第三高级中学", 8000, 2500])
    wb.save(tmp_path / "计划.xlsx")
    source = read_register(tmp_path / "计划.xlsx")
    assert "annual_plan" not in source.rows[0].values
    assert "h1_plan" not in source.rows[0].values


@pytest.mark.parametrize("months", [("1月", "2月", "3月"), ("1月计划", "2月计划", "3月计划")])
def test_months_of_the_plan_are_each_its_month(tmp_path: Path,
                                               months: tuple[str, ...]) -> None:
    """"2026年计划投资" over 1月 … : each month's plan (was: 1月's figure read as the year's,
    the other months left out as a second 年度计划)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "总投资（万元）", "2026年计划投资（万元）", None, None])
    ws.append([None, None, None, *months])
    ws.merge_cells("D1:F1")
    ws.append([1, "兰考县第三高级中学", 8000, 100, 200, 300])
    wb.save(tmp_path / "计划.xlsx")
    source = read_register(tmp_path / "计划.xlsx")
    values = source.rows[0].values
    assert "annual_plan" not in values
    assert (values["m1_plan"], values["m2_plan"], values["m3_plan"]) == (100, 200, 300)
    assert source.left_out == []


def _typed_list(path: Path, types: tuple[str, ...]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "总投资（亿元）", "开工时间（年月）", "竣工时间（年月）",
               "项目类型"])
    for n, kind in enumerate(types, start=1):
        ws.append([n, f"杞县第{n}号项目", 1.25, "2026.04", "2027.12", kind])
    wb.save(path)
    return path


def test_a_type_column_of_stages_is_read_as_the_stage(tmp_path: Path) -> None:
    source = read_register(_typed_list(tmp_path / "清单.xlsx", ("新开工", "续建", "新开工")))
    assert {c.text: c.key for c in source.columns}["项目类型"] == "stage"
    assert [r.values["stage"] for r in source.rows] == ["新开工", "续建", "新开工"]
    # the date's written form in brackets is no part of the header's meaning
    assert [c.key for c in source.columns][3:5] == ["planned_start", "planned_finish"]
    assert source.rows[0].values["planned_start"].date.isoformat() == "2026-04-01"


@pytest.mark.parametrize("types", [("新开工", "工业"), ("工业", "社会事业")])
def test_a_type_column_of_fields_stays_the_field(tmp_path: Path, types: tuple[str, ...]) -> None:
    source = read_register(_typed_list(tmp_path / "清单.xlsx", types))
    assert {c.text: c.key for c in source.columns}["项目类型"] == "category"


def test_a_users_mapping_of_the_type_column_is_kept(tmp_path: Path) -> None:
    profile = MappingProfile("杞县", {"项目类型": "category"})
    source = read_register(_typed_list(tmp_path / "清单.xlsx", ("新开工", "续建")),
                           profile=profile)
    assert {c.text: c.key for c in source.columns}["项目类型"] == "category"


@pytest.mark.parametrize(("header", "read"), [
    ("截至2025年底累计完成投资", True), ("2025年底前累计完成", True),
    ("截至上年底累计完成", True), ("截至2026年底累计完成投资", False),
    ("截至2026年底预计累计完成", False), ("截至2024年底累计完成", False)])
def test_a_cumulative_to_another_year_end_is_not_before_the_plan_year(
        tmp_path: Path, header: str, read: bool) -> None:
    """In a 2026 plan only a 累计完成 to the end of 2025 is what was done before the year;
    "截至2026年底" is what the year should end with (was: read as 截至上年底累计完成)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "总投资（万元）", header, "2026年计划投资（万元）"])
    ws.append([1, "兰考县第三高级中学", 8000, 3000, 2500])
    wb.save(tmp_path / "计划.xlsx")
    source = read_register(tmp_path / "计划.xlsx")
    assert ("prior_cumulative" in source.rows[0].values) == read
    assert source.left_out == ([] if read else [
        (header, f"是截至{header[2:6]}年底的累计完成，不是截至上年（2025年）底的，未导入")])


def _two_years(path: Path, title: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(["序号", "项目名称", "总投资（万元）", "2027年计划投资（万元）",
               "2026年计划投资（万元）"])
    ws.append([1, "兰考县第三高级中学", 8000, 2000, 6000])
    wb.save(path)
    return path


def _header(path: Path) -> tuple[SheetGrid, HeaderMap]:
    grid = read_grid(path)
    return grid, find_header(grid)


def test_two_plan_years_under_a_title_without_one_are_this_years(tmp_path: Path) -> None:
    """2027年 before 2026年计划投资, no year in the title or name: this year's plan is read
    and next year's named (was: the first column's year taken for the plan year)."""
    grid, header = _header(_two_years(tmp_path / "计划表.xlsx", "XX县重点项目投资计划表"))
    assert plan_year(grid, header, None, dt.date(2026, 12, 6)) == 2026
    assert plan_year(grid, header, None, dt.date(2027, 1, 6)) == 2027
    assert left_out(grid, header, 2026) == {3: "写的是2027年，不是计划年度2026年，未导入"}


def test_two_plan_years_neither_this_years_are_refused(tmp_path: Path) -> None:
    grid, header = _header(_two_years(tmp_path / "计划表.xlsx", "XX县重点项目投资计划表"))
    with pytest.raises(SheetError, match=r"文件 计划表.xlsx，工作表 Sheet，第2行：表头中的计划"
                                         r"投资列分别写了2026年、2027年.*请用 --year 指定"):
        plan_year(grid, header, None, dt.date(2030, 1, 1))
    assert plan_year(grid, header, 2027, dt.date(2030, 1, 1)) == 2027


def test_two_plan_years_under_a_dated_title_are_the_titles(tmp_path: Path) -> None:
    grid, header = _header(_two_years(tmp_path / "计划表.xlsx", "XX县2026年重点项目投资计划表"))
    assert plan_year(grid, header, None, dt.date(2030, 1, 1)) == 2026


def test_a_co_unit_before_the_lead_unit_is_never_the_unit(tmp_path: Path) -> None:
    """配合单位 left of 牵头单位: the lead unit is read, the 配合单位 named (was: the 配合单位
    imported as the 责任单位, the 牵头单位 left out as a second one)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "总投资（万元）", "配合单位", "牵头单位"])
    ws.append([1, "兰考县第三高级中学", 8000, "县自然资源局", "县教体局"])
    wb.save(tmp_path / "清单.xlsx")
    source = read_register(tmp_path / "清单.xlsx")
    assert source.rows[0].values["unit"] == "县教体局"
    assert source.left_out == [("配合单位", "是配合单位：本系统只记牵头（责任）单位，未导入")]


@pytest.mark.parametrize("total", [["合计"], []])
def test_quarters_written_as_their_months(tmp_path: Path, total: list[str]) -> None:
    """"2026年计划投资" over 1—3月 / 4—6月 / 7—9月 / 10—12月: the quarters' plans (was: 1—3月
    read as 1—3月 done, the others as a second 年度计划, or without 合计 4—6月 as the year's)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "总投资（万元）", "2026年计划投资（万元）", None, None, None,
               *([None] if total else [])])
    ws.append([None, None, None, *total, "1—3月", "4—6月", "7—9月", "10—12月"])
    ws.append([1, "兰考县第三高级中学", 8000, *([1000] if total else []), 100, 200, 300, 400])
    ws.merge_cells(f"D1:{'H' if total else 'G'}1")
    for col in "ABC":
        ws.merge_cells(f"{col}1:{col}2")
    wb.save(tmp_path / "计划.xlsx")
    source = read_register(tmp_path / "计划.xlsx")
    values = source.rows[0].values
    assert [values[q] for q in ("q1_plan", "q2_plan", "q3_plan", "q4_plan")] == [
        100, 200, 300, 400]
    assert values.get("annual_plan") == (1000 if total else None)
    assert source.left_out == []


@pytest.mark.parametrize("with_type", [True, False])
def test_a_stage_column_of_how_it_builds_is_no_stage(tmp_path: Path, with_type: bool) -> None:
    """建设性质 "新建" / "扩建" / "改扩建" (as the statistics office asks it) is named and left
    out, and a 项目类型 of 新开工 / 续建 beside it is the stage (was: 新建 read as 新开工 for a
    续建 project, 扩建 a warning, the 项目类型 a 领域 that matched none)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "建设性质", *(["项目类型"] if with_type else []), "总投资"])
    for n, (how, stage) in enumerate((("新建", "续建项目"), ("改扩建", "新开工项目"),
                                      ("扩建", "续建项目")), start=1):
        ws.append([n, f"杞县第{n}号项目", how, *([stage] if with_type else []), 1000])
    wb.save(tmp_path / "清单.xlsx")
    source = read_register(tmp_path / "清单.xlsx")
    stages = [r.values.get("stage") for r in source.rows]
    assert stages == (["续建项目", "新开工项目", "续建项目"] if with_type else [None] * 3)
    assert source.left_out == [("建设性质", "写的是新建/扩建/改建（建设方式），不是新开工、续建等"
                                            "建设性质，未导入")]


def test_a_stage_column_of_new_builds_alone_stays_the_stage(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "建设性质", "总投资"])
    ws.append([1, "杞县第1号项目", "新建", 1000])
    ws.append([2, "杞县第2号项目", "续建", 1000])
    wb.save(tmp_path / "清单.xlsx")
    assert [r.values["stage"] for r in read_register(tmp_path / "清单.xlsx").rows] == [
        "新建", "续建"]
