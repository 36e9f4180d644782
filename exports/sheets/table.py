"""One call from a file to parsed project rows: :func:`read_table`.

Reads the sheet (:mod:`~exports.sheets.grid`), finds and recognises the header
(:mod:`~exports.sheets.headers`), sorts the rows (:mod:`~exports.sheets.rows`) and parses each
recognised cell by its field (:mod:`~exports.sheets.values`): money to 万元 Decimal in the
column's unit, dates, 起止年限, levels, leaders, 是/否, tidied text. A cell that cannot be
parsed becomes ``None`` and a Chinese problem naming file, sheet, row and column; nothing is
raised for it, so one bad cell does not hide the rest of the sheet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from operator import is_, itemgetter
from pathlib import Path
from typing import Any

from exports.sheets import values as v
from exports.sheets.grid import Cell, SheetGrid, cell_text, read_grid
from exports.sheets.headers import (
    DATE_FIELDS,
    MONEY_FIELDS,
    HeaderMap,
    find_header,
    known_from_mapping,
    normalise_header,
)
from exports.sheets.rows import Group, ProjectRow, SkippedRow, classify_rows
from portfolio.bulk import gc_paused

#: date columns where offices write the state instead ("未开工", "已竣工")
STATE_DATE_FIELDS = frozenset({"actual_start", "actual_finish"})
#: 计划开工/竣工 columns, read as a month of the plan year when their header says 月份
_PLANNED = frozenset({"planned_start", "planned_finish"})
#: a 项目名称 column that holds the 建设内容 too ("项目名称及主要建设内容")
_NAME_AND_CONTENT = re.compile(r"名称.*(内容|规模)")
#: 三个一批's 签约期 / 开工期 / 投产期: a 期 as text, or a date
ISSUE_FIELDS = frozenset({"signed_issue", "started_issue", "produced_issue"})


@dataclass
class ParsedProject:
    """A project row with typed values by field key (absent key: no such column)."""

    row: int
    values: dict[str, Any]
    groups: tuple[Group, ...] = ()
    parts: list[ParsedProject] = field(default_factory=list)
    hidden: bool = False

    def group(self, kind: str) -> str | None:
        return next((g.value for g in reversed(self.groups) if g.kind == kind), None)


@dataclass
class ParsedTable:
    grid: SheetGrid
    header: HeaderMap
    projects: list[ParsedProject]
    skipped: list[SkippedRow]
    problems: list[str]
    #: recognised columns a caller's ``leave_out`` took out: (header text, reason)
    left_out: list[tuple[str, str]] = field(default_factory=list)


#: a caller's choice, once the header is known: the recognised columns not to read (column
#: index → reason, Chinese) and the year of dates written without one (``None``: the header's)
ColumnChoice = Callable[[SheetGrid, HeaderMap], tuple[Mapping[int, str], int | None]]


def read_table(path: str | Path | SheetGrid, sheet: str | int | None = None, *,
               mapping: Mapping[str, str | None] | None = None,
               units: Mapping[str, str] | None = None,
               choose: ColumnChoice | None = None) -> ParsedTable:
    """Read, recognise and parse one sheet; raises :class:`~exports.sheets.grid.SheetError`
    only when the file, the sheet or its header cannot be found. ``mapping`` and ``units``
    (by header text) override recognition, see :func:`~exports.sheets.headers.find_header`.
    A grid already read (``path`` a :class:`SheetGrid`) is parsed again without the file.
    ``choose`` leaves recognised columns out, with the reason, and gives the year of dates
    written without one ("3月", a bare month under 计划开工月份)."""
    with gc_paused():  # a sheet's cells and parsed values are many objects and no cycles
        grid = path if isinstance(path, SheetGrid) else read_grid(path, sheet)
        return _parse_grid(grid, mapping, units, choose)


def _parse_grid(grid: SheetGrid, mapping: Mapping[str, str | None] | None,
                units: Mapping[str, str] | None, choose: ColumnChoice | None) -> ParsedTable:
    header = find_header(grid, known_from_mapping(mapping or {}), units)
    left_out, year = choose(grid, header) if choose else ({}, None)
    dropped = [(header.columns.pop(col).text, why) for col, why in sorted(left_out.items())]
    dropped += [(text, why) for _, text, why in header.left_out]
    classified = classify_rows(grid, header)
    problems = list(classified.problems)
    parsers = _parsers(header, year)
    flat = [p for project in classified.projects for p in (project, *project.parts)]
    values = _parse_columns(flat, parsers, header, grid, problems)
    if not STATE_DATE_FIELDS.isdisjoint(parsers) or not {"planned_start",
                                                         "started"}.isdisjoint(parsers):
        for row_values in values:
            _dates_as_states(row_values)
    if "name" in parsers and parsers["name"][1] is v.parse_name_and_content:
        for row_values in values:
            if isinstance(row_values.get("name"), tuple):
                _name_and_content(row_values)
    parsed = iter([ParsedProject(p.row, row_values, p.groups, hidden=p.hidden)
                   for p, row_values in zip(flat, values, strict=True)])
    projects = []
    for project in classified.projects:  # flat is each project followed by its parts
        result = next(parsed)
        result.parts = [next(parsed) for _ in project.parts]
        projects.append(result)
    return ParsedTable(grid, header, projects, classified.skipped, problems, dropped)


#: what a column's parser takes (one cell) and, for the commonest cases, its batch form:
#: a list of distinct cells to a list of values, :data:`_SLOW` where the cell needs the
#: one-cell parser (which may raise :class:`~exports.sheets.values.ValueProblem`)
Parser = tuple[int, Callable[[Cell], Any], Callable[[list[Cell]], list[Any]] | None]
_SLOW = object()


def _parse_columns(rows: list[ProjectRow], parsers: dict[str, Parser], header: HeaderMap,
                   grid: SheetGrid, problems: list[str]) -> list[dict[str, Any]]:
    """Every row's cells parsed, a column at a time. Offices repeat themselves down a column
    (责任单位, 包联领导, 建设性质, 起止年限): each distinct value of a column is parsed once, and
    parsed values are immutable, so sharing them is safe. The distinct values of a column go
    through its batch parser first (plain text and numbers without a Python call each), the
    rest one by one. Problems are added in row order."""
    parsed_columns: list[list[Any]] = []
    found: list[tuple[int, int, str]] = []
    cells = [row.cells for row in rows]
    for order, (key, (col, func, batch)) in enumerate(parsers.items()):
        raws = list(map(itemgetter(key), cells))
        # 1, 1.0 and True are equal keys (so are 0, 0.0 and False): ints and bools carry
        # their type; text and floats, the common cases, are their own keys
        if _TYPED_KEYS.isdisjoint(map(type, raws)):
            memo_keys: list[object] = raws
        else:
            memo_keys = [raw if type(raw) is str or type(raw) is float else (type(raw), raw)
                         for raw in raws]
        distinct = dict(zip(memo_keys, raws, strict=True))
        values = batch(list(distinct.values())) if batch is not None else None
        bad: dict[object, v.ValueProblem] = {}
        if values is None or any(map(is_, values, repeat(_SLOW))):  # not `in`: no __eq__
            values = _one_by_one(func, distinct, values, bad)
        if len(distinct) == len(raws):  # every cell differs: the values are the column
            parsed_columns.append(values)
        else:
            seen = dict(zip(distinct, values, strict=True))
            parsed_columns.append(list(map(seen.__getitem__, memo_keys)))
        if bad:
            column = header.columns[col].text
            found.extend((index, order, f"{grid.where(rows[index].row, column)}：{bad[k]}")
                         for index, k in enumerate(memo_keys) if k in bad)
    problems.extend(message for _, _, message in sorted(found))
    if not parsed_columns:
        return [{} for _ in rows]
    keys = list(parsers)
    return list(map(dict, map(zip, repeat(keys), zip(*parsed_columns, strict=True))))


def _one_by_one(func: Callable[[Cell], Any], distinct: dict[object, Cell],
                values: list[Any] | None, bad: dict[object, v.ValueProblem]) -> list[Any]:
    """The distinct cells' values: a batch's, and the one-cell parser's where the batch gave
    :data:`_SLOW` (or there is no batch); a cell the parser refuses is ``None``, its problem
    in ``bad``."""
    result = []
    for index, (memo_key, raw) in enumerate(distinct.items()):
        value = _SLOW if values is None else values[index]
        if value is _SLOW:
            try:
                value = func(raw)
            except v.ValueProblem as exc:
                value = None
                bad[memo_key] = exc
        result.append(value)
    return result


_TYPED_KEYS = frozenset({int, bool})


def _parsers(header: HeaderMap, year: int | None = None) -> dict[str, Parser]:
    year = year or (header.period.year if header.period else None)
    result: dict[str, Parser] = {}
    for column in header.columns.values():
        key = column.field
        func: Callable[[Cell], Any]
        batch: Callable[[list[Cell]], list[Any]] | None = None
        if key in MONEY_FIELDS:
            func = _money(column.unit or "万元")
            batch = _money_batch if (column.unit or "万元") == "万元" else None
        elif key in _PLANNED and "月" in normalise_header(column.text):
            func = _month_of(v.parse_start_date if key == "planned_start" else v.parse_date,
                             year)
        elif key in STATE_DATE_FIELDS or key == "planned_start":
            func = lambda raw: v.parse_start_date(raw, default_year=year)  # noqa: E731
        elif key in DATE_FIELDS:
            func = lambda raw: v.parse_date(raw, default_year=year)  # noqa: E731
        elif key == "name" and _NAME_AND_CONTENT.search(normalise_header(column.text)):
            func = v.parse_name_and_content
        elif key in ISSUE_FIELDS:
            func = lambda raw: v.parse_issue_or_date(raw, default_year=year)  # noqa: E731
        elif key == "years":
            func = v.parse_years
        elif key == "level":
            func = v.parse_levels
        elif key.startswith("level_"):  # a 省重点 / 市重点 / 县重点 column of ticks
            func = v.parse_tick
        elif key == "leader":
            func = v.parse_leaders
        elif key == "started":
            func = lambda raw: v.parse_started(raw, default_year=year)  # noqa: E731
        elif key == "completion_rate":
            func = _rate
        elif key == "unit":
            func, batch = _units_text, _text_batch
        else:
            func, batch = _text_or_none, _text_batch
        result.setdefault(key, (column.col, func, batch))
    return result


def _dates_as_states(parsed: dict[str, Any]) -> None:
    """"未开工"/"已开工" written in a 实际开工时间 column: no date, but the started state
    (unless a 是否开工 column says it); "未竣工" under 实际竣工时间 is no date; "已开工" in the
    计划开工 column (the plan is history) is the started state, "未开工" there is no date."""
    started = parsed.get("started")
    if started is not None and not isinstance(started, bool):  # "已开工（3月）"
        parsed["started"] = True
        if parsed.get("actual_start") is None:
            parsed["actual_start"] = started
    planned = parsed.get("planned_start")
    if isinstance(planned, bool):  # "已开工" in the 计划开工 column: started, date unknown
        parsed["planned_start"] = None
        if planned and parsed.get("started") is None:
            parsed["started"] = True
    for key in STATE_DATE_FIELDS:
        state = parsed.get(key)
        if isinstance(state, bool):
            parsed[key] = None
            if key == "actual_start" and parsed.get("started") is None:
                parsed["started"] = state


def _month_of(parse: Callable[..., Any], year: int | None) -> Callable[[Cell], Any]:
    """A 计划开工/竣工月份 cell: a bare month of ``year``, else a date as ``parse`` reads it."""
    def read(raw: Cell) -> Any:
        month = v.bare_month(raw, default_year=year)
        return month if month is not None else parse(raw, default_year=year)
    return read


def _name_and_content(parsed: dict[str, Any]) -> None:
    """A "项目名称及主要建设内容" cell: the name as the name, the rest as the 建设内容 (before
    a 建设内容 column's own text, when the sheet has both)."""
    name, content = parsed["name"]
    parsed["name"] = name
    own = parsed.get("scale")
    if content:
        parsed["scale"] = f"{content}；{own}" if own and own != content else content


def _money(unit: str) -> Callable[[Cell], Any]:
    return lambda raw: v.parse_money(raw, unit)


def _money_batch(raws: list[Cell]) -> list[Any]:
    """:func:`~exports.sheets.values.parse_money` in 万元 of each float (what a figure typed
    in Excel is), as :func:`~exports.sheets.values.to_decimal` reads it; the rest slow."""
    result: list[Any] = []
    append = result.append
    for raw in raws:
        if type(raw) is float:
            if raw.is_integer() and abs(raw) < 1e15:
                append(Decimal(int(raw)))
                continue
            shortest = repr(raw)
            if "e" not in shortest and len(shortest) <= 16:
                append(Decimal(shortest))
                continue
        append(_SLOW)
    return result


def _text_batch(raws: list[Cell]) -> list[Any]:
    """:func:`_text_or_none` of each text at once: when none of them needs tidying (line
    breaks, runs of spaces) each is only stripped, and one short enough to be a word for
    nothing ("—", "无") is checked; a float is its text; other cells slow."""
    if v.needs_tidying("\0".join(raw for raw in raws if type(raw) is str)):
        return [_SLOW] * len(raws)
    result: list[Any] = []
    append = result.append
    nothing = v.NOTHING
    for raw in raws:
        if type(raw) is not str:
            # a figure (序号, a code typed as a number) shows as cell_text shows it, which
            # is never a word for nothing
            append(cell_text(raw) if type(raw) is float else _SLOW)
            continue
        text = raw.strip()
        append(None if text in nothing or (len(text) <= 8 and v.is_nothing(text)) else text)
    return result


def _text_or_none(raw: Cell) -> str | None:
    if raw == "":
        return None
    text = v.clean_text(raw)
    return None if v.is_nothing(text) else text


def _units_text(raw: Cell) -> str | None:
    """A 责任单位 cell: units one a line ("县住建局⏎县交通局") are several, kept apart by "、"
    as offices write them on one line (a line break inside Chinese text is otherwise dropped)."""
    if isinstance(raw, str) and "\n" in raw.strip():
        raw = "、".join(line.strip() for line in raw.splitlines() if line.strip())
    return _text_or_none(raw)


def _rate(raw: Cell) -> Any:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return v.to_decimal(raw)
    return _text_or_none(raw)
