"""classify_rows on rows whose 序号 is a figure: the quick test of a plain project row must
leave totals, subtotals, 其中 lines and 续表 lines to the general walk; notes under the
table, a cost breakdown under a project and groups headed by a letter are no projects."""

from __future__ import annotations

from pathlib import Path

from exports.sheets.grid import Cell, CellRange, SheetGrid
from exports.sheets.headers import find_header
from exports.sheets.rows import RowKind, classify_rows


def _classify(rows: list[list[Cell]], merged: tuple[int, ...] = ()
              ) -> tuple[list[tuple[int, str]], list[tuple[int, RowKind]]]:
    """Projects (then parts) and skipped rows of a 序号 / 项目名称 / 总投资 table whose rows
    ``merged`` are each one cell merged across the three columns."""
    grid = SheetGrid(Path("清单.xlsx"), "清单", ("清单",),
                     [["序号", "项目名称", "总投资"], *([*r, "", ""][:3] for r in rows)],
                     merged=tuple(CellRange(r, 0, r, 2) for r in merged))
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


def test_notes_under_the_table_are_not_projects() -> None:
    """"备注：" and "下步计划：" head numbered notes, in merged rows or not, in the 序号 or
    the name column: every line of them is a note (was: each a project, or an error)."""
    rows: list[list[Cell]] = [
        [1, "年产5万吨新型建材项目", 52000],
        [2, "城区供水管网改造项目", 3000],
        [],
        ["备注："],
        ["1.本表所列项目总投资以可研批复为准。"],
        ["2.计划开工时间为预计时间"],
        ["下步计划："],
        ["", "1.加快推进前期手续办理"],
        [3, "强化要素保障"],
    ]
    merged = tuple(range(5, 9))
    for merges in (merged, ()):
        projects, skipped = _classify(rows, merges)
        assert projects == [(1, "年产5万吨新型建材项目"), (2, "城区供水管网改造项目")], merges
        assert skipped == [(3, RowKind.BLANK), *((r, RowKind.NOTE) for r in range(4, 10))]


def test_a_merged_line_across_the_table_is_a_note_or_a_heading() -> None:
    projects, skipped = _classify([
        ["产业园区项目"],
        [1, "年产5万吨新型建材项目", 52000],
        ["本表由各责任单位填报，县发改委汇总，总投资以批复为准"],
        [2, "城区供水管网改造项目", 3000],
    ], merged=(1, 3))
    assert projects == [(2, "年产5万吨新型建材项目"), (4, "城区供水管网改造项目")]
    assert skipped == [(1, RowKind.GROUP), (3, RowKind.NOTE)]


def test_a_cost_breakdown_under_a_project_is_no_package() -> None:
    """"其中：土建工程" and the lines going on with it break the project's investment down:
    skipped, while "其中：一号地块" under a package stays its part."""
    projects, skipped = _classify([
        [1, "县人民医院新院区建设项目", 125000],
        ["", "其中：土建工程", 75000],
        ["", "设备购置及安装", 37500],
        ["", "室外配套", 12500],
        [2, "黄河滩区高标准农田建设项目", 15600],
        ["", "其中：中央预算内投资3000万元，地方政府专项债券2000万元"],
        [3, "兰考县智能家居产业园二期", 152000],
        ["", "其中：一号地块标准化厂房", 90000],
        ["", "二号地块研发中心", 62000],
        [4, "城区老旧小区改造项目", 18650],
        ["", "土建工程", 10000],
    ])
    assert projects == [(1, "县人民医院新院区建设项目"), (5, "黄河滩区高标准农田建设项目"),
                        (7, "兰考县智能家居产业园二期"), (10, "城区老旧小区改造项目"),
                        (8, "一号地块标准化厂房"), (9, "二号地块研发中心")]
    assert skipped == [(r, RowKind.BREAKDOWN) for r in (2, 3, 4, 6, 11)]


def test_groups_headed_by_a_letter() -> None:
    """"A" alone (merged across the row) and "B、农业项目" head groups, the first saying
    nothing of its projects, the second giving them 农业; "（1）" under them is a project."""
    grid = SheetGrid(Path("清单.xlsx"), "清单", ("清单",), [
        ["序号", "项目名称", "总投资"], ["A", "A", "A"], ["A1", "年产5万吨新型建材项目", 52000],
        ["B、农业项目", "B、农业项目", "B、农业项目"], ["（1）", "高标准农田项目", 15600],
        ["（2）", "乡村振兴示范区项目", 6800]],
        merged=(CellRange(1, 0, 1, 2), CellRange(3, 0, 3, 2)))
    classified = classify_rows(grid, find_header(grid))
    got = [(p.row, p.cells["name"], p.group("category"), len(p.parts))
           for p in classified.projects]
    assert got == [(2, "年产5万吨新型建材项目", None, 0), (4, "高标准农田项目", "农业", 0),
                   (5, "乡村振兴示范区项目", "农业", 0)]
    assert [(s.row, s.kind) for s in classified.skipped] == [(1, RowKind.GROUP),
                                                            (3, RowKind.GROUP)]


def test_a_sheet_named_after_a_field_heads_its_projects() -> None:
    """A sheet named "社会民生" (or "新开工项目", "城关镇") gives its projects that 领域 (建设性质,
    乡镇) as a group row above them all would; a group row of its own is nearer; "Sheet1",
    "汇总" or "省重点" give nothing."""
    rows: list[list[Cell]] = [["序号", "项目名称", "总投资"], [1, "县人民医院新院区", 125000],
                              ["一、", "农业项目"], [1, "高标准农田项目", 15600]]
    for sheet, kind, value in (("社会民生", "category", "社会民生"),
                               ("新开工项目", "stage", "新开工项目"),
                               ("城关镇", "township", "城关镇"), ("Sheet1", None, None),
                               ("汇总", None, None), ("省重点", None, None)):
        grid = SheetGrid(Path("清单.xlsx"), sheet, (sheet,), rows)
        first, second = classify_rows(grid, find_header(grid)).projects
        assert (first.group(kind) if kind else first.groups) == (value if kind else ()), sheet
        if kind == "category":
            assert second.group("category") == "农业"


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
