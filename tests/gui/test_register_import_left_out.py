"""The register import preview names, above its tabs, every column of the file it does not
import and why — a hidden plan column, a plan column of another year, a column it does not
know — so that the 新增 tab shown first does not hide them behind 列识别."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from db.session import Database
from exports.register_source import file_columns, read_register
from exports.sheets.grid import read_grid
from portfolio.register_import import preview
from ui.register_import.dialog import RegisterPreviewDialog, left_out_text


def _plan(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["XX县2026年重点项目年度投资计划表"])
    ws.append(["序号", "项目名称", "总投资", "2025年计划投资", "2027年计划投资", "2026年计划投资",
               "责任单位", "所属片区"])
    ws.append(["（一）", "社会事业"])  # above every upper group: a hint of a long sentence
    ws.append([1, "兰考县第三高级中学", 32000, 8000, 1000, 6000, "县教育局", "西区"])
    ws.append(["一、", "新开工项目"])
    ws.append([2, "城南快速通道", 9000, 0, 0, 3000, "县交通运输局", "南区"])
    ws.column_dimensions["D"].hidden = True
    wb.save(path)
    return path


def test_the_columns_left_out_are_named_above_the_tabs(qtbot, db: Database,
                                                       tmp_path: Path) -> None:
    grid = read_grid(_plan(tmp_path / "计划表.xlsx"))
    with db.session() as session:
        found = preview(session, read_register(grid))
    dialog = RegisterPreviewDialog(found, file_columns(grid))
    qtbot.addWidget(dialog)
    assert not dialog.left_out.isHidden()
    assert dialog.left_out.text() == (
        "未导入的列（及原因）：\n"
        "　D列「2025年计划投资」：隐藏列，未导入（写的是2025年）\n"
        "　E列「2027年计划投资」：写的是2027年，不是计划年度2026年，未导入\n"
        "　H列「所属片区」：未识别（不导入）")
    # a hint longer than the window is wide is wrapped, not cut off with "…"
    hints = dialog.views["提示"]
    assert hints.model().rowCount() == 2  # and 城南快速通道 has no planned start
    assert hints.wordWrap()


def test_many_columns_left_out_are_counted_past_five() -> None:
    lines = [f"{letter}列「备用{letter}」：未识别（不导入）" for letter in "ABCDEFG"]
    text = left_out_text(lines)
    assert text.splitlines()[-1] == "　另有2列，见“列识别”"
    assert len(text.splitlines()) == 7
    assert left_out_text([]) == ""
