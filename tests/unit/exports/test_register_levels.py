"""省重点 / 市重点 / 县重点 as columns of ticks ("√", "●", 是/否) read as a project's levels."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from exports.register_source import read_register
from exports.sheets.values import ValueProblem, parse_tick


def _ticked(path: Path, header: list[str], *rows: list[object]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "总投资（万元）", *header])
    for n, row in enumerate(rows, start=1):
        ws.append([n, f"杞县第{n}号项目", 1000, *row])
    wb.save(path)
    return path


def test_tick_columns_are_the_levels(tmp_path: Path) -> None:
    """(were: three columns nobody recognised, no levels)"""
    source = read_register(_ticked(tmp_path / "清单.xlsx", ["省重点", "市重点", "县重点"],
                                   ["√", None, "√"], [None, "●", "是"], [None, None, None]))
    assert [c.key for c in source.columns][-3:] == ["level_province", "level_city",
                                                    "level_county"]
    assert [r.values.get("level") for r in source.rows] == [
        ("省重点", "县重点"), ("市重点", "县重点"), None]
    assert all("level_province" not in r.values for r in source.rows)


def test_yes_no_columns_beside_a_level_column(tmp_path: Path) -> None:
    source = read_register(_ticked(tmp_path / "清单.xlsx", ["级别", "是否纳入省重点项目"],
                                   ["市重点", "是"], ["县重点", "否"], ["省重点", "是"]))
    assert [r.values.get("level") for r in source.rows] == [
        ("市重点", "省重点"), ("县重点",), ("省重点",)]


def test_a_tick_that_is_none_is_named(tmp_path: Path) -> None:
    source = read_register(_ticked(tmp_path / "清单.xlsx", ["省重点"], ["√"], ["待定"]))
    assert source.errors == ["文件 清单.xlsx，工作表 Sheet，第3行「省重点」列：应填“√”“是”“否”"
                             "或留空，不能是「待定」"]


@pytest.mark.parametrize(("cell", "ticked"), [
    ("√", True), ("✓", True), ("●", True), ("★", True), ("是", True), ("省重点", True),
    ("市级重点项目", True), ("否", False), ("×", False), ("", None), ("—", None)])
def test_ticks(cell: str, ticked: bool | None) -> None:
    assert parse_tick(cell) is ticked


def test_a_tick_column_of_other_words_is_refused() -> None:
    with pytest.raises(ValueProblem, match="不能是「拟申报」"):
        parse_tick("拟申报")
