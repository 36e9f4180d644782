"""Money columns of a return that say a month's figure only together: the total before the
month (上月累计, 截至上月底累计, 1—3月 in April's return) beside 本月, and a column a month
(1月 … 12月) from which the month to import is picked.

Both rewrite the :class:`~exports.sheets.headers.HeaderMap` before the rows are read:
:data:`PREVIOUS` marks the total before the month (1—N月 = it + 本月,
:func:`exports.xlsx_import.lines.read_lines` adds them); a column a month becomes 本月 for
the month chosen and :data:`PART` columns for the months before it (1—N月 = their sum and
本月), and the other months are named, never taken silently.
"""

from __future__ import annotations

import re
from dataclasses import replace

from exports.sheets.grid import SheetGrid
from exports.sheets.headers import HeaderColumn, HeaderMap, PeriodHint, normalise_header
from exports.xlsx_import.period import _loose_period
from portfolio.monthly.importing import FileReading
from portfolio.periods import Period
from portfolio.provenance import Problem

#: the field of the column holding 1—(N−1)月, the total before the month
PREVIOUS = "previous_investment"
#: the field of the column of month ``m`` before the month imported (summed into 1—N月)
PART = "month_part_{m}"
_BEFORE = re.compile(r"上月(底|末)?止?累计|截[至止]上月|至上月(底|末)|上期累计|上月末|上月底")
_ONE_MONTH = re.compile(r"^(?:20\d{2}年)?(\d{1,2})月份?(完成|完成投资|投资|完成额|投资额)?$")
_TOTALS = frozenset({"合计", "累计", "总计", "小计", "1-12月合计", "全年合计", "全年"})


def read_month_columns(grid: SheetGrid, header: HeaderMap, given: Period | None,
                       reading: FileReading) -> None:
    """Rewrite ``header``'s columns of the total before the month and of a column a month
    (see the module docstring); what was done is said in ``reading``'s warnings."""
    if _month_per_column(grid, header, given, reading):
        return
    _total_before(grid, header, given)
    previous, month = header.column(PREVIOUS), header.column("month_investment")
    if previous is not None and month is not None and header.column("ytd_investment") is None:
        n = f"1—{header.period.month}月" if header.period and header.period.month else "1—N月"
        reading.warnings.append(Problem(
            grid.path.name, f"“{previous.text}”列是本月之前各月的累计：{n}为该列加“{month.text}”列",
            grid.sheet))


def _leaf(column: HeaderColumn) -> str:
    return normalise_header(column.text.split(" / ")[-1])


def _title_month(grid: SheetGrid, header: HeaderMap) -> int | None:
    for text in (header.title, grid.sheet or "", grid.path.stem):
        month = _loose_period(text)[1]
        if month:
            return month
    return None


def _total_before(grid: SheetGrid, header: HeaderMap, given: Period | None) -> None:
    """上月累计 (or 1—3月 beside 本月 in April's return) is the total before the month."""
    months = [c for c in header.columns.values() if c.field == "month_investment"]
    if len(months) != 1:
        return
    month = months[0]
    for column in list(header.columns.values()):
        if column.field in ("cumulative_investment", "ytd_investment") \
                and _BEFORE.search(normalise_header(column.text)):
            header.columns[column.col] = replace(column, field=PREVIOUS, month=None)
    ytds = [c for c in header.columns.values() if c.field == "ytd_investment"]
    if len(ytds) != 1 or ytds[0].month is None or header.column(PREVIOUS) is not None:
        return
    n = ytds[0].month
    stated = month.month or (given.month if given else None) or _title_month(grid, header)
    if stated != n + 1:
        return
    header.columns[ytds[0].col] = replace(ytds[0], field=PREVIOUS, month=None)
    year = header.period.year if header.period else None
    header.period = PeriodHint(ytds[0].year or year, n + 1, "表头",
                               f"{ytds[0].text}”与“{month.text}")


def _numbers(grid: SheetGrid, header: HeaderMap, col: int) -> bool:
    return any(col < len(row) and type(row[col]) in (int, float)
               for row in grid.rows[header.last_row + 1:])


def _month_per_column(grid: SheetGrid, header: HeaderMap, given: Period | None,
                      reading: FileReading) -> bool:
    """A column a month (1月完成 … 12月完成): the month imported is ``given``'s, else the
    title's, else the last with figures; the months before it are summed into 1—N月."""
    by_month: dict[int, HeaderColumn] = {}
    for column in header.columns.values():
        found = _ONE_MONTH.match(_leaf(column)) if column.field in (
            "month_investment", "ytd_investment") else None
        if found and 1 <= int(found.group(1)) <= 12:
            by_month.setdefault(int(found.group(1)), column)
    if len(by_month) < 2:
        return False
    filled = [m for m, c in by_month.items() if _numbers(grid, header, c.col)]
    this_month = by_month[max(by_month)]
    chosen = (given.month if given else None) or _title_month(grid, header) \
        or max(filled, default=max(by_month))
    name = grid.path.name
    year = next((c.year for c in by_month.values() if c.year), None) \
        or (header.period.year if header.period else None)
    header.period = PeriodHint(year, chosen, "表头", by_month.get(chosen, this_month).text)
    for column in by_month.values():
        del header.columns[column.col]
    if chosen not in by_month:
        reading.problems.append(Problem(
            name, f"表中每月一列（{'、'.join(f'{m}月' for m in sorted(by_month))}），"
                  f"但没有{chosen}月的列，无法导入{chosen}月的数据", grid.sheet))
        return True
    this = by_month[chosen]
    if filled and chosen not in filled:
        reading.problems.append(Problem(
            name, f"表中每月一列，“{this.text}”列没有填写任何数据：{chosen}月尚未填报"
                  f"（已填到{max(filled)}月）；如要导入{max(filled)}月，请用 --period 指定",
            grid.sheet))
        return True
    header.columns[this.col] = replace(this, field="month_investment", month=chosen)
    before = [m for m in range(1, chosen) if m in by_month]
    whole = len(before) == chosen - 1
    missing = "、".join(f"{k}月" for k in range(1, chosen) if k not in by_month)
    for m in before:
        column = by_month[m]
        if whole:
            header.columns[column.col] = replace(column, field=PART.format(m=m), month=m)
        else:
            header.left_out.append((column.col, column.text, f"缺少{missing}的列，无法相加"
                                    f"得出1—{chosen}月，只导入了{chosen}月完成投资"))
    for m in sorted(by_month):
        if m > chosen and m in filled:
            header.left_out.append((by_month[m].col, by_month[m].text,
                                    f"是{m}月的完成投资，不是{chosen}月的；如需导入，"
                                    f"请用 --period 指定该月"))
    if whole:
        for col, text in list(header.unrecognised):
            if normalise_header(text.split(" / ")[-1]) in _TOTALS:
                header.unrecognised.remove((col, text))
                header.left_out.append((col, text, f"是各月的合计；1—{chosen}月为1月至"
                                                   f"{chosen}月各列之和"))
    said = (f"1—{chosen}月为“{by_month[1].text}”至“{this.text}”各列之和" if whole and chosen > 1
            else f"1—{chosen}月未导入" if not whole else "1月即1—1月")
    reading.warnings.append(Problem(
        name, f"表中每月一列，导入的是{chosen}月：本月完成投资取自“{this.text}”列，{said}",
        grid.sheet))
    return True
