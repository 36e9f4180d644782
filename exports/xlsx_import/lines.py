"""The project rows of a monthly return read into :class:`ImportLine` s, every problem placed
at its file, sheet, row and column; a file that yields nothing says why."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal

from exports.output import ProgressFn, tick
from exports.sheets.extras import uncalculated_cell, uncalculated_message
from exports.sheets.grid import Cell, SheetGrid, cell_text
from exports.sheets.headers import (
    MONEY_FIELDS,
    HeaderColumn,
    HeaderMap,
    normalise_header,
    recognise,
)
from exports.sheets.rows import (
    ProjectRow,
    RowKind,
    classify_rows,
    project_lines,
    within_one_project,
)
from exports.sheets.values import NOTHING
from exports.xlsx_import.cells import amount_or_message, blank, integer, read_cell
from exports.xlsx_import.month_columns import PART, PREVIOUS
from exports.xlsx_import.table import FIELD_FIGURES, columns_said
from portfolio.money import format_money
from portfolio.monthly.importing import FileReading, ImportLine
from portfolio.provenance import Problem, Source

#: a 累计 column's header saying it counts since the project started, not this year
_SINCE_START = re.compile(r"开工以来|自开工|开工至今|建设以来|开工累计|项目累计|总累计")
#: the columns that say which project a line is
IDENTITY = ("name", "project_id", "code")
MERGED_MONEY = "第{first}—{last}行为合并单元格，金额无法分到各个项目，请取消合并并逐行填写后再导入"


def read_lines(grid: SheetGrid, header: HeaderMap, reading: FileReading,
                progress: ProgressFn | None, locked: AbstractSet[int] = frozenset()) -> None:
    """Read every project row into ``reading``. A file whose cells to import hold formulas
    saved without results is refused (calamine reads them empty), except in ``locked``
    columns (our 填报表's own formulas, recomputed on import)."""
    name, sheet = grid.path.name, grid.sheet
    columns = {c.field: c for c in reversed(header.columns.values())}  # the first wins
    figures = {f: c for f, c in columns.items() if f in FIELD_FIGURES}
    # the columns a cell is read from: the figures, and money columns whose text may show
    # that the header and the data are shifted (every other column gives nothing to a line)
    wanted = [(f, c, f in FIELD_FIGURES, f in MONEY_FIELDS) for f, c in columns.items()
              if f in FIELD_FIGURES or f in MONEY_FIELDS]
    blocked = _merged_money(grid, header, figures, reading)
    year = reading.period.year if reading.period else None
    text_errors: dict[int, list[Problem]] = defaultdict(list)
    classified = classify_rows(grid, header)
    rows: list[tuple[ProjectRow, bool]] = []
    for project in classified.projects:
        rows.append((project, bool(project.parts)))
        rows.extend((part, False) for part in project.parts)
    read = {c.col for f, c in columns.items() if f in FIELD_FIGURES or f in IDENTITY} - locked
    cell = uncalculated_cell(grid.uncalculated, (p.row for p, _ in rows), read)
    if cell is not None:  # refused; the rows are still read for what else they show
        reading.problems.append(Problem(name, uncalculated_message(*cell), sheet, cell[0] + 1,
                                        cell[1] + 1, header.columns[cell[1]].text))
    for skipped in classified.skipped:
        if skipped.kind is RowKind.UNNAMED and any(
                not blank(grid.merged_value(skipped.row, c.col)) for c in figures.values()):
            reading.problems.append(Problem(
                name, "缺少项目名称（或编号），无法对应项目", sheet, skipped.row + 1,
                _one_based(header.col("name")), "项目名称"))
    rows_read = 0
    keys = tuple(figures)
    ytd = figures.get("ytd_investment")
    ytd_col = None if ytd is None or ytd.col in locked else ytd.col
    before = [c for f, c in columns.items() if f == PREVIOUS or f.startswith(PART[:-3])]
    coded = "code" not in columns and "name" in columns \
        and recognise(columns["name"].text) == "code"
    share = _percent_scale([p.cells.get("progress", "") for p, _ in rows])
    for index, (project, package) in enumerate(rows):
        if index % 500 == 0:
            tick(progress, index, len(rows))
        cells = project.cells
        identity = cells.get("project_id", "")
        if blank(identity) and not _reports(cells, keys):
            continue  # reports nothing: a line of another kind below the table
        r = project.row
        label = cell_text(cells.get("name", "")).replace("\n", "")
        line = ImportLine(Source(name, sheet, r + 1), None, label, {}, {},
                          code=_code(cells.get("code" if not coded else "name", "")))
        bad_identity = False
        if not blank(identity):
            try:
                line.project_id = integer(identity)
            except ValueError:
                column = columns["project_id"]
                text_errors[column.col].append(Problem(
                    name, f"编号“{cell_text(identity)}”不是整数", sheet, r + 1, column.col + 1,
                    column.text))
                bad_identity = True  # the figures are still read, to see if columns shifted
        rows_read += 1
        for key, column, figure, money in wanted:
            raw = cells.get(key, "")
            if isinstance(raw, str):
                text = raw.strip()
                if not text or (money and text in NOTHING):
                    continue  # blank, or money's "—": no amount, nothing to say
            elif not figure:
                continue  # a number in a money column not imported: nothing to say
            if blocked and (r, column.col) in blocked:
                continue
            if key == "progress" and share and type(raw) in (int, float) and raw:
                raw = _percent(raw, share)  # type: ignore[arg-type]
            problem = read_cell(line, key, column, raw, package, year)
            if problem is None:
                continue
            placed = Problem(name, problem, sheet, r + 1, column.col + 1, column.text)
            if isinstance(raw, str) and key in MONEY_FIELDS:
                text_errors[column.col].append(placed)
            elif figure:
                reading.problems.append(placed)
        if before:
            _add_up(line, cells, before, reading)
        if ytd_col is not None and line.ytd is None and "investment" in line.values \
                and (r, ytd_col) not in blocked and _nothing(cells.get("ytd_investment", "")):
            line.ytd_blank = ytd_col + 1
        if not bad_identity:
            reading.lines.append(line)
    imported = {c.col for c in figures.values()} | {
        c.col for f, c in columns.items() if f == "project_id"}
    for col, problems in text_errors.items():
        if len(problems) >= 2 and len(problems) * 2 >= max(rows_read, 1):
            example = problems[0]
            reading.problems.insert(0, Problem(
                name, f"该列有{len(problems)}行不是数字（如第{example.row}行：{example.message}），"
                      "表头与数据可能错位，请核对各列是否与表头对应",
                sheet, None, col + 1, problems[0].header))
        elif col in imported:
            reading.problems.extend(problems)


def _reports(cells: Mapping[str, Cell], keys: tuple[str, ...]) -> bool:
    """Whether any of the cells of ``keys`` is filled in (:func:`blank` inlined: once a row)."""
    for key in keys:
        raw = cells.get(key, "")
        if not isinstance(raw, str) or raw.strip():
            return True
    return False


def _add_up(line: ImportLine, cells: Mapping[str, Cell], before: list[HeaderColumn],
            reading: FileReading) -> None:
    """1—N月 of a return that gives the months before apart (上月累计, or a column a month):
    their sum plus 本月 (:mod:`exports.xlsx_import.month_columns`)."""
    total, filled = Decimal("0.00"), False
    for column in before:
        raw = cells.get(column.field, "")
        if _nothing(raw):
            continue
        value = amount_or_message(type(raw), raw, column.unit or "万元")  # type: ignore[arg-type]
        if isinstance(value, str):
            reading.problems.append(Problem(line.source.file, value, line.source.sheet,
                                            line.source.row, column.col + 1, column.text))
            return
        if value is not None:
            total, filled = total + value, True
    month = line.values.get("investment")
    if not filled or (month is None and before[0].field == PREVIOUS):
        return  # 上月累计 without 本月 says nothing of the month
    added = total + (month if isinstance(month, Decimal) else 0)
    said = (f"“{before[0].text}”列" if len(before) == 1 else
            f"“{before[0].text}”至“{before[-1].text}”各列之和")
    if line.ytd is not None:  # the file's own 1—N月 beside them: they must agree
        months = f"1—{reading.period.month}月" if reading.period else "1—N月"
        if line.ytd != added:
            reading.problems.append(Problem(
                line.source.file, f"{months}累计{format_money(line.ytd)}万元不等于{said}"
                f"{format_money(total)}万元加本月完成投资{format_money(added - total)}万元"
                f"（应为{format_money(added)}万元）；请核对", line.source.sheet,
                line.source.row, line.ytd_column, "1—N月完成投资"))
        return
    line.ytd, line.ytd_column = added, before[-1].col + 1
    line.ytd_said = said, before[-1].text


def _percent_scale(cells: list[Cell]) -> int:
    """形象进度 given as numbers (a share of the work done): 100 when every one is at most 1
    (0.65 shown as "65%" by the cell's format), 1 when they are percents (65 under
    "形象进度（%）"), 0 when the column holds no number."""
    numbers = [c for c in cells if type(c) in (int, float)]
    return 0 if not numbers else 100 if all(0 <= n <= 1 for n in numbers) else 1  # type: ignore[operator]


def _percent(raw: float, scale: int) -> str:
    """A share of the work done as the office means it: "65%"."""
    value = (Decimal(str(raw)) * scale).quantize(Decimal("0.01")).normalize()
    return f"{value:f}%"


def _nothing(raw: Cell) -> bool:
    """A money cell left blank (or "—")."""
    return isinstance(raw, str) and (not raw.strip() or raw.strip() in NOTHING)


def _code(raw: Cell) -> str:
    """The 项目代码 a cell states ("" for none: blank, "—", "/", "无" …)."""
    text = "" if blank(raw) else cell_text(raw).strip()
    return "" if text.strip("-—–－/／\\、无") == "" else text


def _one_based(col: int | None) -> int | None:
    return None if col is None else col + 1


def _merged_money(grid: SheetGrid, header: HeaderMap, figures: Mapping[str, object],
                  reading: FileReading) -> set[tuple[int, int]]:
    """Cells of imported money columns merged over several rows: refused, rows named (the
    amount cannot be split), and left unread; unless the rows are the lines of one project
    (its 项目名称 merged over them), whose amount it is. Text merged over rows is each row's
    text."""
    money = {c.col: c for c in header.columns.values()
             if c.field in MONEY_FIELDS and c.field in figures}
    blocked: set[tuple[int, int]] = set()
    lines = project_lines(grid, header)
    for m in grid.merged:
        if m.first_row <= header.last_row or m.last_row == m.first_row \
                or within_one_project(m, lines):
            continue
        for col in range(m.first_col, m.last_col + 1):
            if col in money:
                reading.problems.append(Problem(
                    grid.path.name, MERGED_MONEY.format(first=m.first_row + 1, last=m.last_row + 1),
                    grid.sheet, m.first_row + 1, col + 1, money[col].text))
                blocked.update((r, col) for r in range(m.first_row, m.last_row + 1))
    return blocked


def say_why_empty(grid: SheetGrid, header: HeaderMap, reading: FileReading) -> None:
    """A file that reports nothing says so, naming what was recognised and what was not."""
    if reading.problems:
        return
    said = [c.text for c in header.columns.values() if c.field in FIELD_FIGURES]
    if not reading.lines:
        reading.warnings.append(Problem(
            grid.path.name, f"表中没有可导入的项目行（列“{'”“'.join(said)}”均未填写）；"
                            + columns_said(header), grid.sheet))
    elif not any(line.values or line.ytd is not None for line in reading.lines):
        reading.warnings.append(Problem(
            grid.path.name, f"已识别的列“{'”“'.join(said)}”中没有填写任何数据；"
                            + columns_said(header), grid.sheet))


def say_cumulative_left_out(grid: SheetGrid, header: HeaderMap, reading: FileReading) -> None:
    """A "累计完成投资" column beside no 1—N月 or 本月 column: it may be this year's or since the
    start, so it is not imported, and the hint says how to import it; one whose header says
    it counts since the start (自开工累计) beside them is named as left out. A column the header
    left out (the months before beside the month and 累计) is named with its reason."""
    for _, text, why in header.left_out:
        reading.warnings.append(Problem(grid.path.name, f"“{text}”列未导入：{why}", grid.sheet))
    if header.col("ytd_investment") is not None or header.col("month_investment") is not None:
        ytd = header.col("ytd_investment")
        months = f"1—{reading.period.month}月" if reading.period else "1—N月"
        taken = (f"{months}取自“{header.columns[ytd].text}”列" if ytd is not None
                 else f"不能当作{months}的累计，只导入了本月完成投资")
        for column in header.columns.values():
            if column.field != "cumulative_investment":
                continue
            why = ("是项目开工以来的累计，不是今年的" if _SINCE_START.search(column.text) else
                   "看不出是开工以来还是今年以来的累计" if ytd is None else
                   "另有今年的累计列，该列应是项目开工以来的累计")
            mapped = ("；如为今年以来（1—N月）累计，请用 --mapping 把该列指定为 ytd_investment"
                      "（1—N月完成投资）" if ytd is None and not _SINCE_START.search(column.text)
                      else "")
            reading.warnings.append(Problem(
                grid.path.name, f"“{column.text}”列未导入：{why}；{taken}{mapped}", grid.sheet))
        return
    for column in header.columns.values():
        if column.field == "cumulative_investment":
            reading.warnings.append(Problem(
                grid.path.name,
                f"“{column.text}”列未导入：看不出是开工以来还是今年以来的累计；如为今年以来"
                "（1—N月）累计，请用 --mapping 把该列指定为 ytd_investment（1—N月完成投资）",
                grid.sheet))


def say_share_left_out(grid: SheetGrid, header: HeaderMap, reading: FileReading) -> None:
    """A bare 完成比例 in a return without 形象进度 may be the share of the work done or of
    the year's plan: named, not guessed (a rate of the plan is computed, never imported)."""
    if header.col("progress") is not None:
        return
    for column in header.columns.values():
        if column.field == "completion_rate" and normalise_header(
                column.text.split(" / ")[-1]) in ("完成比例", "完成百分比", "完成比例%"):
            reading.warnings.append(Problem(
                grid.path.name, f"“{column.text}”列未导入：看不出是形象进度的完成比例还是"
                "完成投资占年度计划的比例；如是形象进度，请用 --mapping 把该列指定为 progress"
                "（形象进度）",
                grid.sheet))
