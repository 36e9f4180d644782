"""Plan columns a register import leaves out, and why (a half year's plan is neither the year
nor a quarter); a 项目类型 column of 建设性质 words read as the 建设性质."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from exports.register_columns import HALF_YEAR_REASON
from exports.register_source import read_register
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


def test_half_year_plans_alone_are_never_taken_for_the_years(tmp_path: Path) -> None:
    """Without a 合计 the first half would otherwise be read as the whole year's plan."""
    source = read_register(_plan(tmp_path / "计划.xlsx", ("上半年", "下半年"),
                                 with_total=False))
    assert "annual_plan" not in source.rows[0].values
    assert [text for text, _ in source.left_out] == [
        "2026年计划投资（万元） / 上半年", "2026年计划投资（万元） / 下半年"]


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
