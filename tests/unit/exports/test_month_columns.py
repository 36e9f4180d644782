"""Money columns that give a month only together (:mod:`exports.xlsx_import.month_columns`)
and 形象进度 given as a share (:mod:`exports.xlsx_import.lines`)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from exports.sheets.grid import Cell, SheetGrid, read_grid
from exports.sheets.headers import HeaderMap, find_header
from exports.xlsx_import.lines import _percent, _percent_scale
from exports.xlsx_import.month_columns import PART, PREVIOUS, read_month_columns
from portfolio.monthly.importing import FileReading
from portfolio.periods import Period


def _header(tmp_path: Path, title: str, header: list[str], row: list[object]
            ) -> tuple[SheetGrid, HeaderMap]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(header)
    ws.append(row)
    path = tmp_path / "return.xlsx"
    wb.save(path)
    grid = read_grid(path, ws.title)
    return grid, find_header(grid)


@pytest.mark.parametrize(("numbers", "shown"), [
    ([0.65, 0.1, 1], "65%"), ([65, 10, 100], "0.65%"), (["主体施工"], None)])
def test_share_done(numbers: list[Cell], shown: str | None) -> None:
    scale = _percent_scale(numbers)
    assert (_percent(0.65, scale) if scale else None) == shown


def test_last_month_is_the_total_before(tmp_path: Path) -> None:
    grid, header = _header(tmp_path, "XX县2026年1—4月重点项目进展", [
        "序号", "项目名称", "1—3月累计完成（万元）", "本月完成（万元）"], [1, "某某项目", 300, 100])
    assert header.period is not None and header.period.month == 3  # the header alone
    read_month_columns(grid, header, None, FileReading("return.xlsx"))
    assert header.columns[2].field == PREVIOUS
    assert (header.period.year, header.period.month) == (2026, 4)


def test_a_column_a_month(tmp_path: Path) -> None:
    grid, header = _header(tmp_path, "XX县2026年重点项目台账", [
        "序号", "项目名称", *(f"{m}月完成投资" for m in range(1, 13))],
        [1, "某某项目", 10, 20, 30, *([""] * 9)])
    reading = FileReading("return.xlsx")
    read_month_columns(grid, header, None, reading)
    fields = {c.col: c.field for c in header.columns.values()}
    assert (fields[2], fields[3], fields[4]) == (PART.format(m=1), PART.format(m=2),
                                                 "month_investment")
    assert 5 not in fields and header.period is not None and header.period.month == 3
    grid, header = _header(tmp_path, "XX县2026年重点项目台账", [
        "序号", "项目名称", *(f"{m}月完成投资" for m in range(1, 13))],
        [1, "某某项目", 10, 20, 30, *([""] * 9)])
    read_month_columns(grid, header, Period(2026, 2), reading)
    assert {c.col: c.field for c in header.columns.values()}[3] == "month_investment"
