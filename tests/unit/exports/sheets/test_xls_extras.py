"""An .xls's hidden columns come from its COLINFO records, its hidden rows from its ROW
records; a file that cannot be read that way gives none (the values still come from calamine,
which says what is wrong with the file)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from exports.sheets.extras import SheetExtras
from exports.sheets.xls_extras import xls_extras
from tests.unit.exports.sheets.workbooks import convert


def test_hidden_columns_of_each_sheet(tmp_path: Path) -> None:
    path = tmp_path / "计划表.xlsx"
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "填报说明"
    first.column_dimensions["B"].hidden = True
    plan = wb.create_sheet("2026年计划")
    plan.append(["序号", "项目名称", "2025年计划投资", "2026年计划投资", "备注"])
    plan.append([1, "兰考县第三高级中学", 8000, 6000, ""])
    for letter in ("C", "E"):
        plan.column_dimensions[letter].hidden = True
    first["A1"] = "说明"
    wb.save(path)
    xls = convert(path, "xls")
    assert xls_extras(xls, "2026年计划").hidden_cols == frozenset({2, 4})
    assert xls_extras(xls, "填报说明").hidden_cols == frozenset({1})
    assert xls_extras(xls, "没有这张表") == SheetExtras()


def test_hidden_rows_among_the_cells(tmp_path: Path) -> None:
    path = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点项目"
    ws.append(["序号", "项目名称", "总投资"])
    for n in range(1, 81):  # more than one block of 32 ROW records
        ws.append([n, f"第{n}号项目", 1000 + n])
    for row in (3, 40, 81):  # 1-based: 第2号, 第39号 and 第80号项目
        ws.row_dimensions[row].hidden = True
    ws.column_dimensions["C"].hidden = True
    wb.save(path)
    found = xls_extras(convert(path, "xls"), "重点项目")
    assert found.hidden_rows == frozenset({2, 39, 80})
    assert found.hidden_cols == frozenset({2})


def test_a_file_that_is_no_xls_gives_nothing(tmp_path: Path) -> None:
    for name, data in (("乱码.xls", b"\xd0\xcf\x11\xe0" + bytes(600)), ("文本.xls", b"abc")):
        path = tmp_path / name
        path.write_bytes(data)
        assert xls_extras(path, "Sheet1") == SheetExtras()
