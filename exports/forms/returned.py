"""Recognising a returned 填报表 while :mod:`exports.xlsx_import` reads it.

:func:`check_returned` looks for our stamp in the sheet the reader chose (the hidden key
column's header and the stamp cell above it, which survive Excel, WPS, LibreOffice and a save
as .xls). On a form it:

- names the reading's month from the stamp (a form of another month than the one asked for,
  or than its own 1—N月 header, is an error naming both months);
- checks each row's hidden key against the row's name and locked figures
  (:func:`exports.forms.layout.check_key`): a row whose key does not match is reported and
  dropped, never guessed; a good key gives the line its 编号, so the matcher confirms it by
  编号 before it would fall back to the name;
- keeps the 1—N月 formula's result only where 本月 was filled (an untouched row's formula
  still shows the months before, which is no report);
- records the form (:class:`portfolio.collection.ReturnedForm`) for the collection record.

Nothing here touches the database.
"""

from __future__ import annotations

from exports.forms import layout as L
from exports.sheets.grid import SheetGrid
from exports.sheets.headers import HeaderMap
from exports.sheets.values import ValueProblem
from portfolio.collection import BY, ReturnedForm
from portfolio.monthly.importing import FileReading
from portfolio.periods import Period
from portfolio.provenance import Problem


def _key_column(grid: SheetGrid, header: HeaderMap) -> int | None:
    for c in range(grid.n_cols):
        for r in range(header.first_row, header.last_row + 1):
            if grid.text(r, c).strip() == L.KEY_HEADER:
                return c
    return None


def form_stamp(grid: SheetGrid, header: HeaderMap) -> tuple[L.FormStamp, int] | None:
    """The stamp of our form and its key column, or None for any other workbook."""
    col = _key_column(grid, header)
    if col is None:
        return None
    for r in range(header.first_row):
        stamp = L.FormStamp.parse(grid.text(r, col))
        if stamp is not None:
            return stamp, col
    return None


def locked_columns(grid: SheetGrid, header: HeaderMap, stamp: L.FormStamp) -> set[int]:
    """The columns of our form that the holder does not type (identity, locked figures and
    our formulas, 1—N月 and 占年度计划%): a program that saves without calculating leaves the
    formulas without results, which loses nothing, as the import recomputes them."""
    texts = {c.header for c in L.columns(stamp.period) if not c.filled_in}
    return {c for c in range(grid.n_cols)
            for r in range(header.first_row, header.last_row + 1)
            if grid.text(r, c).strip() in texts}


def wrong_period(stamp: L.FormStamp, period: Period) -> str:
    """The error for a form of another month than the import's."""
    return (f"这是{BY[stamp.by]}“{stamp.holder}”{stamp.period.label}的填报表，"
            f"不能作为{period.label}的数据导入；请导入{period.label}的填报表，"
            f"或把导入月份改为{stamp.period.label}")


def _locked(grid: SheetGrid, row: int, cols: dict[str, int]) -> dict[str, object]:
    from exports.xlsx_import.cells import amount  # the reader's own money rules

    values: dict[str, object] = {}
    for key in L.LOCKED:
        col = cols.get(key)
        raw = grid.value(row, col) if col is not None else ""
        if key == "stage":
            values[key] = grid.text(row, col) if col is not None else ""
            continue
        try:
            values[key] = amount(raw)
        except ValueProblem:
            values[key] = f"?{raw}"
    return values


def check_returned(grid: SheetGrid, header: HeaderMap, reading: FileReading) -> bool:
    """Apply the rules of a returned form to ``reading`` (see the module docstring); False
    when the sheet is not one of our forms."""
    found = form_stamp(grid, header)
    if found is None:
        return False
    stamp, key_col = found
    name, sheet = grid.path.name, grid.sheet
    if reading.period is not None and reading.period != stamp.period:
        reading.problems.append(Problem(name, wrong_period(stamp, reading.period), sheet))
        reading.lines.clear()
        return True
    headers = {grid.text(r, c).strip(): c for c in range(grid.n_cols)
               for r in range(header.first_row, header.last_row + 1)}
    cols = {col.key: headers[col.header] for col in L.columns(stamp.period)
            if col.header in headers}
    kept = []
    total = filled = 0
    for line in reading.lines:
        row = line.source.row - 1
        key = grid.text(row, key_col).strip()
        if not key:
            kept.append(line)  # a row without our key: matched by the usual rules
            continue
        total += 1
        pid, why = L.check_key(key, stamp.period, line.name, _locked(grid, row, cols))
        if why:
            reading.problems.append(Problem(
                name, f"{why}，未导入该行", sheet, line.source.row, key_col + 1, L.KEY_HEADER))
            continue
        if line.project_id is not None and line.project_id != pid:
            reading.problems.append(Problem(
                name, f"表中编号{line.project_id}与隐藏的校验键（编号{pid}）不符，未导入该行",
                sheet, line.source.row))
            continue
        line.project_id = pid
        if "investment" not in line.values:
            line.ytd = line.ytd_column = None
        filled += bool(line.values)
        kept.append(line)
    total += sum(1 for r in range(header.last_row + 1, grid.n_rows)
                 if grid.text(r, key_col).strip() and r + 1 not in
                 {line.source.row for line in reading.lines})
    reading.lines = kept
    reading.period = stamp.period
    reading.form = ReturnedForm(stamp.period, stamp.by, stamp.holder, name, total, filled)
    return True


__all__ = ["check_returned", "form_stamp", "locked_columns", "wrong_period"]
