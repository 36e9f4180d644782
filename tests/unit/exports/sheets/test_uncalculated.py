"""Formula cells saved without a result, told apart from formulas whose result is empty."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from exports.sheets.extras import uncalculated_cell, uncalculated_message
from exports.sheets.grid import read_grid


def _rewrite(path: Path, edits: dict[bytes, bytes]) -> None:
    """Replace byte strings in the first sheet's XML, as another program would have saved it."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    for old, new in edits.items():
        assert old in parts[sheet], old
        parts[sheet] = parts[sheet].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_only_formulas_without_a_result_are_uncalculated(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "总投资", "本年计划", "备注", "占比"])
    ws.append(["甲项目", "=1000+200", "=B2/2", 5, '=IF(C2>0,"","无")'])
    path = tmp_path / "公式.xlsx"
    wb.save(path)
    _rewrite(path, {
        b"<f>B2/2</f><v></v>": b"<f>B2/2</f><v>600</v>",  # as Excel saves it: with its result
        b'<c r="E2"><f>': b'<c r="E2" t="str"><f>',  # an empty text result, as Excel saves it
    })
    grid = read_grid(path)
    assert grid.uncalculated == {(1, 1)}
    assert grid.value(1, 1) == "" and grid.value(1, 2) == 600
    assert uncalculated_cell(grid.uncalculated, [1], [2, 3, 4]) is None
    assert uncalculated_cell(grid.uncalculated, [1], range(5)) == (1, 1)
    assert uncalculated_message(1, 1) == \
        "公式没有计算结果：请在Excel或WPS中打开并保存后再导入（第2行第B列）"
    assert uncalculated_message(0, 27).endswith("（第1行第AB列）")
