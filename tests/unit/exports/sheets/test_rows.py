"""classify_rows on rows whose 序号 is a figure: the quick test of a plain project row must
leave totals, subtotals, 其中 lines and 续表 lines to the general walk."""

from __future__ import annotations

from pathlib import Path

from exports.sheets.grid import Cell, SheetGrid
from exports.sheets.headers import find_header
from exports.sheets.rows import RowKind, classify_rows


def _classify(rows: list[list[Cell]]) -> tuple[list[tuple[int, str]], list[tuple[int, RowKind]]]:
    grid = SheetGrid(Path("清单.xlsx"), "清单", ("清单",),
                     [["序号", "项目名称", "总投资"], *rows])
    classified = classify_rows(grid, find_header(grid))
    projects = [(p.row, p.cells["name"]) for p in classified.projects]
    projects += [(part.row, part.cells["name"]) for p in classified.projects for part in p.parts]
    return projects, [(s.row, s.kind) for s in classified.skipped]


def test_numbered_rows_that_are_not_plain_projects() -> None:
    projects, skipped = _classify([
        [1.0, "年产5万吨新型建材项目", 52000.0],
        [2.0, "城区供水管网改造项目", 3000.0],
        [3.0, "其中：城关镇片区", 1000.0],
        [4.0, "工业项目小计", 55000.0],
        [5.0, "合计", 55000.0],
        [6.0, "全县合计", 55000.0],
        [7.0, "续表", ""],
        [8, "幸福路\n改造项目", 100.0],
        [-1.0, "负序号的项目", 100.0],
        [1e15, "序号过大的项目", 100.0],
    ])
    assert projects == [(1, "年产5万吨新型建材项目"), (2, "城区供水管网改造项目"),
                        (8, "幸福路\n改造项目"), (9, "负序号的项目"), (10, "序号过大的项目"),
                        (3, "城关镇片区")]
    assert skipped == [(4, RowKind.SUBTOTAL), (5, RowKind.TOTAL), (6, RowKind.TOTAL),
                       (7, RowKind.CONTINUATION)]


def test_money_by_kind_under_a_project_is_no_part() -> None:
    """"其中：设备投资 500" (and "建安投资" under it) break the project above's money down by
    kind: skipped, the project no 打包项目; "其中：一号地块标准化厂房" is still a part."""
    projects, skipped = _classify([
        [1, "城区供水管网改造项目", 3000.0],
        ["", "其中：设备投资", 500.0],
        ["", "建安投资", 2500.0],
        [2, "智能家居产业园二期", 4000.0],
        ["", "其中：中央预算内资金3000万元", ""],
        [3, "标准化厂房项目", 2000.0],
        ["", "其中：一号地块标准化厂房", 1000.0],
    ])
    assert projects == [(1, "城区供水管网改造项目"), (4, "智能家居产业园二期"),
                        (6, "标准化厂房项目"), (7, "一号地块标准化厂房")]
    assert skipped == [(2, RowKind.BREAKDOWN), (3, RowKind.BREAKDOWN), (5, RowKind.BREAKDOWN)]
