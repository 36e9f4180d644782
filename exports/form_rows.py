"""Moving whole rows of an openpyxl sheet, which openpyxl cannot do with their styles and
merges: capture rows, clear the sheet below a row, and put the captured rows back lower down.
:mod:`exports.blank_form` uses it to make room for its prototype rows under a form's header
while keeping everything the form has below its data area."""

from __future__ import annotations

from copy import copy

from openpyxl.worksheet.worksheet import Worksheet


def capture_row(ws: Worksheet, r: int, width: int):  # type: ignore[no-untyped-def]
    """The styles of row ``r``'s first ``width`` cells, its one-row merges and its height."""
    styles = {c: copy(ws.cell(r, c)._style) for c in range(1, width + 1)}
    merges = [(m.min_col, m.max_col) for m in ws.merged_cells.ranges
              if m.min_row == m.max_row == r]
    return styles, merges, ws.row_dimensions[r].height


def place_row(ws: Worksheet, r: int, captured,  # type: ignore[no-untyped-def]
              written: frozenset[int] | set[int] = frozenset()) -> bool:
    """Give row ``r`` the styles, one-row merges and height :func:`capture_row` took; a merge
    over a column in ``written`` other than its first ends before it, for the column to take
    its figure (a group row's name merged across the whole table, 一 + 新开工项目, gets its
    sums). Whether a merge was cut."""
    styles, merges, height = captured
    for c, style in styles.items():
        ws.cell(r, c)._style = copy(style)
    cut = False
    for first, last in merges:
        inside = [c for c in written if first < c <= last]
        if inside:
            last, cut = min(inside) - 1, True
        if last > first:
            ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)
    if height is not None:
        ws.row_dimensions[r].height = height
    return cut


def capture_rows(ws: Worksheet, first: int, last: int, width: int):  # type: ignore[no-untyped-def]
    """Rows ``first``…``last`` (values, styles, heights) and the merges from ``first`` down,
    relative to ``first``: what :func:`restore_rows` puts back elsewhere."""
    rows = []
    for r in range(first, last + 1):
        cells = {c: (ws.cell(r, c).value, copy(ws.cell(r, c)._style))
                 for c in range(1, max(width, ws.max_column) + 1)
                 if ws.cell(r, c).value is not None or ws.cell(r, c).has_style}
        rows.append((cells, ws.row_dimensions[r].height))
    merges = [(m.min_row - first, m.min_col, m.max_row - first, m.max_col)
              for m in ws.merged_cells.ranges if m.min_row >= first]
    return rows, merges


def clear_from(ws: Worksheet, first: int) -> None:
    """Remove every cell, merge and row height from row ``first`` down."""
    for merged in list(ws.merged_cells.ranges):
        if merged.max_row >= first:
            ws.merged_cells.remove(merged)
    for key in [k for k in ws._cells if k[0] >= first]:
        del ws._cells[key]
    for r in [r for r in ws.row_dimensions if r >= first]:
        del ws.row_dimensions[r]


def restore_rows(ws: Worksheet, first: int, tail) -> None:  # type: ignore[no-untyped-def]
    """Put rows taken by :func:`capture_rows` back, starting at row ``first``."""
    rows, merges = tail
    for offset, (cells, height) in enumerate(rows):
        for c, (value, style) in cells.items():
            cell = ws.cell(first + offset, c)
            cell._style = style
            cell.value = value
        if height is not None:
            ws.row_dimensions[first + offset].height = height
    for r1, c1, r2, c2 in merges:
        ws.merge_cells(start_row=first + r1, start_column=c1, end_row=first + r2, end_column=c2)
