"""Pasting a block copied from Excel or WPS onto the entry grid, and filling down."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace

from portfolio.matching import AMBIGUOUS, ProjectMatcher
from portfolio.monthly.cells import parse_cell
from portfolio.monthly.columns import EDITABLE
from portfolio.monthly.errors import EntryError
from portfolio.monthly.rows import EntryRow
from portfolio.monthly.saving import CellEdit
from portfolio.periods import Period


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated text as Excel and WPS copy it (a cell holding a tab,
    a line break or a quote is quoted; the trailing line break is ignored)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    return [list(row) for row in reader]


@dataclass
class PastePlan:
    """What a paste would change: typed edits, or the problems that refuse it."""

    edits: list[CellEdit]
    errors: list[str]
    #: 'order' or 'name'
    matched_by: str
    #: (row index, column key) of every cell that would change, for selecting them
    cells: list[tuple[int, str]]


def plan_paste(
    rows: Sequence[EntryRow],
    keys: Sequence[str],
    block: Sequence[Sequence[str]],
    start_row: int,
    start_key: str,
    period: Period,
) -> PastePlan:
    """Map a pasted block onto the grid.

    ``keys`` are the grid's column keys in order. When the first pasted column holds the
    projects' names (most of its non-empty cells name a project in ``rows``), rows are matched
    by name (:mod:`portfolio.matching`) and the other pasted columns go to the editable
    columns from ``start_key`` (from 本月完成投资 when the current cell is not editable);
    otherwise the block goes row by row from ``start_row`` and column by column over the
    editable columns from ``start_key``.
    Every cell is parsed; any problem refuses the whole paste. An empty cell pasted over an
    empty one is no edit: an unreported project stays unreported (no 0.00 report).
    """
    errors: list[str] = []
    if not block or not any(any(c.strip() for c in r) for r in block):
        return PastePlan([], ["剪贴板中没有可粘贴的内容"], "order", [])
    matcher = ProjectMatcher((row.project_id, row.name) for row in rows)
    index_of = {row.project_id: i for i, row in enumerate(rows)}
    first = [r[0].strip() for r in block if r and r[0].strip()]
    known = sum(1 for n in first if matcher.knows_name(n))
    by_name = bool(first) and known * 2 > len(first) and len(block[0]) > 1
    editable = [k for k in keys if k in EDITABLE]
    if start_key in editable:
        targets = editable[editable.index(start_key):]
    else:
        after = keys[keys.index(start_key) + 1:] if start_key in keys else []
        following = [k for k in after if k in EDITABLE]
        targets = following if following and not by_name else editable[
            editable.index("investment"):]
    edits: list[CellEdit] = []
    cells: list[tuple[int, str]] = []
    for line, cells_in in enumerate(block, start=1):
        values = list(cells_in)
        if by_name:
            if not values or not values[0].strip():
                if any(v.strip() for v in values):
                    errors.append(f"第{line}行：缺少项目名称")
                continue
            found = matcher.match(values[0])
            if found.how == AMBIGUOUS:
                errors.append(f"第{line}行：项目名称“{values[0].strip()}”重复，无法对应")
                continue
            if found.project_id is None:
                errors.append(f"第{line}行：找不到项目“{values[0].strip()}”")
                continue
            index = index_of[found.project_id]
            values = values[1:]
        else:
            index = start_row + line - 1
            if index >= len(rows):
                errors.append(f"粘贴内容有{len(block)}行，超出表格末尾（从第{start_row + 1}行起"
                              f"只有{len(rows) - start_row}行）")
                break
        if len(values) > len(targets):
            extra = values[len(targets):]
            if any(v.strip() for v in extra):
                errors.append(f"第{line}行：粘贴内容有{len(values)}列，超出可填写的列"
                              f"（{'、'.join(EDITABLE[k] for k in targets)}）")
                continue
            values = values[:len(targets)]
        row = rows[index]
        for key, text in zip(targets, values, strict=False):
            try:
                value = parse_cell(key, text, period)
            except EntryError as error:
                errors.append(f"第{line}行（{row.name}）{EDITABLE[key]}：{error}")
                continue
            if not text.strip() and row.value(key) in (None, ""):
                continue  # empty over empty: an unreported project stays unreported
            edits.append(CellEdit(row.project_id, key, value))
            cells.append((index, key))
    return PastePlan(edits if not errors else [], errors, "name" if by_name else "order", cells)


def fill_down(rows: Sequence[EntryRow], key: str, row_indexes: Sequence[int]) -> list[CellEdit]:
    """Ctrl+D: copy the first selected row's value of ``key`` into the other selected rows."""
    if key not in EDITABLE or len(row_indexes) < 2:
        return []
    ordered = sorted(row_indexes)
    source = rows[ordered[0]].value(key)
    return [CellEdit(rows[i].project_id, key, source) for i in ordered[1:]
            if rows[i].value(key) != source]


def old_values(rows_by_id: dict[int, EntryRow], edits: Sequence[CellEdit]) -> list[CellEdit]:
    """The edits that put back what ``edits`` change (for undo)."""
    return [CellEdit(e.project_id, e.key, rows_by_id[e.project_id].value(e.key)) for e in edits]


def guarded(rows_by_id: dict[int, EntryRow], edits: Sequence[CellEdit],
            ) -> tuple[list[CellEdit], list[CellEdit]]:
    """``edits`` made conditional on each cell still holding what the grid shows, and the
    edits that undo them, conditional on each cell still holding what ``edits`` wrote: a save
    over someone else's change is refused, never lost."""
    old = old_values(rows_by_id, edits)
    return ([replace(e, expected=o.value) for e, o in zip(edits, old, strict=True)],
            [replace(o, expected=e.value) for e, o in zip(edits, old, strict=True)])
