"""The register reader's columns for the mapping dialog: header, values, what each was read as."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from exports.register_source import file_columns, read_register
from exports.sheets.grid import read_grid
from portfolio.register_import.profiles import MappingProfile
from tests.unit.exports.sheets import workbooks


def test_columns_of_a_list_with_their_first_values(tmp_path: Path) -> None:
    grid = read_grid(workbooks.register(tmp_path / "清单.xlsx"))
    columns = {c.letter: c for c in file_columns(grid)}
    assert len(columns) == 16
    assert columns["B"].key == "name"
    assert columns["B"].samples == ("年产5万吨新型建材项目", "智能装备产业园",
                                    "县城老旧小区改造打包项目")
    assert columns["C"].hidden and columns["C"].key == "code"
    assert (columns["I"].text, columns["I"].key) == ("总投资 / 合计", "total_investment")
    # the grid read once serves the columns and the records alike
    assert len(read_register(grid).rows) == 3


def test_a_sheet_without_a_header_still_shows_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "工程表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "工程名", "投资额（万元）", "牵头人"])
    wb.active.append([1, "西区污水管网", 300, "张三"])
    wb.save(path)
    grid = read_grid(path)
    columns = file_columns(grid)
    assert [(c.text, c.key, c.samples) for c in columns] == [
        ("序号", "serial", ("1",)), ("工程名", None, ("西区污水管网",)),
        ("投资额（万元）", None, ("300",)), ("牵头人", None, ("张三",))]
    profile = MappingProfile("工程表", {"工程名": "name", "投资额（万元）": "total_investment",
                                       "牵头人": "ignore"})
    mapped = file_columns(grid, profile)
    assert [c.key for c in mapped] == ["serial", "name", "total_investment", "ignore"]
    assert read_register(grid, profile=profile).rows[0].values["name"] == "西区污水管网"
