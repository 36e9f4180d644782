"""One project written on two or three lines of a sheet: its 项目名称 merged over them, a long
形象进度 or a second 存在问题 line ("2.资金缺口较大") beside. The lines are one project's; an
amount merged over them is its own, with nothing to split."""

from __future__ import annotations

from exports.sheets.grid import Cell, CellRange, SheetGrid, cell_text
from exports.sheets.headers import HeaderMap


def project_lines(grid: SheetGrid, header: HeaderMap) -> dict[int, int]:
    """The rows below the first of a 项目名称 merged over several data rows (one project
    written on two or three lines, its long 形象进度 beside), each with the merge's first row."""
    name_col = header.col("name")
    lines: dict[int, int] = {}
    if name_col is None:
        return lines
    for m in grid.merged:
        if m.first_row > header.last_row and m.first_col <= name_col <= m.last_col:
            lines.update((r, m.first_row) for r in range(m.first_row + 1, m.last_row + 1))
    return lines


def within_one_project(merge: CellRange, lines: dict[int, int]) -> bool:
    """Whether a cell merged over rows lies on the lines of one project (:func:`project_lines`)
    from its first: its amount is that project's, with nothing to split."""
    return all(lines.get(r) == merge.first_row
               for r in range(merge.first_row + 1, merge.last_row + 1))


def add_own_text(grid: SheetGrid, r: int, cols: list[tuple[int, str]], money_cols: set[int],
                 cells: dict[str, Cell]) -> None:
    """A project's second line: the text it holds in cells of its own (a second 存在问题 "2.
    …") goes on after the first line's; money and merged cells are the first line's."""
    for c, f in cols:
        own = grid.value(r, c)
        if c in money_cols or own == "" or grid.merge_at(r, c) is not None:
            continue
        text = cell_text(own).strip()
        before = cell_text(cells.get(f, "")).strip()
        if text:
            cells[f] = f"{before}{'' if before[-1:] in '。；;，,' else '；'}{text}" \
                if before else text
