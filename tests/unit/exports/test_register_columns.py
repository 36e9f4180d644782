"""Plan columns a register import leaves out, and why: a half year's plan is neither the year
nor a quarter."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from exports.register_columns import HALF_YEAR_REASON
from exports.register_source import read_register


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
