"""One cell of a monthly return read into its line: money in 万元 with two decimals (never
negative, never "约…"), 是否开工 as yes/no or the date it started, dates, text within the
entry grid's limit. Messages are the ones users see, without the cell's place (the caller
adds it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from exports.sheets import values as v
from exports.sheets.grid import Cell, cell_text
from exports.sheets.headers import MONEY_FIELDS
from exports.xlsx_import.table import FIELD_FIGURES
from portfolio.monthly.columns import TEXT_LIMIT
from portfolio.monthly.importing import ImportLine

#: what stands for an empty text cell ("—" or "/" under 存在问题)
_DASHES = frozenset({"-", "--", "—", "——", "–", "－", "/", "//", "／", "\\", "、"})


def amount(raw: Cell, unit: str = "万元") -> Decimal | None:
    """A money cell in 万元 with two decimals, ``None`` when empty or "—"; raises
    :class:`~exports.sheets.values.ValueProblem` with the message users see."""
    if isinstance(raw, bool):
        raise v.ValueProblem("应为数字（万元）")
    if not isinstance(raw, str | int | float):
        shown = f"{raw:%Y-%m-%d}" if hasattr(raw, "strftime") else cell_text(raw)
        raise v.ValueProblem(f"应为数字（万元），不能是日期“{shown}”")
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("约") or text.endswith(("左右", "多", "余")):
            raise v.ValueProblem(f"“{text}”不是数字（金额应填确数，如 125.50）")
        try:
            value = v.parse_money(raw, unit)
        except v.ValueProblem:
            raise v.ValueProblem(f"“{text}”不是数字（金额应填万元数，如 125.50）") from None
    else:
        value = v.parse_money(raw, unit)
    if value is None:
        return None
    if value < 0:
        raise v.ValueProblem("不能为负数")
    rounded = value.quantize(Decimal("0.01"))
    if rounded != value:
        raise v.ValueProblem("最多保留两位小数（万元）")
    return rounded


@lru_cache(maxsize=1 << 16)
def amount_or_message(kind: type, raw: Cell, unit: str) -> Decimal | str | None:
    """:func:`amount`, remembered: offices repeat values down a column (—, 0, the same plan)."""
    try:
        return amount(raw, unit)
    except v.ValueProblem as error:
        return str(error)


def integer(raw: Cell) -> int:
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = cell_text(raw)
    if not text.isdigit():
        raise ValueError(raw)
    return int(text)


def blank(raw: Cell) -> bool:
    """An empty cell, or one of spaces only."""
    return isinstance(raw, str) and not raw.strip()


def zero(raw: Cell) -> bool:
    """A lone 0, as a number or as text: in a money column a zero, in a text or date column
    nothing (offices that fill "0 everywhere" mean no progress, no problem, no date)."""
    if isinstance(raw, str):
        return raw.strip() in ("0", "０")
    return isinstance(raw, int | float) and not isinstance(raw, bool) and raw == 0


def read_cell(line: ImportLine, key: str, column, raw: Cell,  # type: ignore[no-untyped-def]
               package: bool, year: int | None) -> str | None:
    """Put one cell's value into ``line``; the problem's message, if any."""
    target = FIELD_FIGURES.get(key)
    if key in MONEY_FIELDS:
        value = amount_or_message(type(raw), raw, column.unit or "万元")  # type: ignore[arg-type]
        if isinstance(value, str):
            return value
        if target is None or value is None or package:
            return None  # a 打包项目's money is the sum of its parts, which are read
        if target == "ytd":
            line.ytd, line.ytd_column = value, column.col + 1
        else:
            line.values[target], line.columns[target] = value, column.col + 1
        return None
    if target is None:
        return None
    if target == "started":
        try:  # "已开工（3月）", "在建": :func:`~exports.sheets.values.parse_started`
            said = v.parse_started(raw, default_year=year)
        except v.ValueProblem:
            try:  # "开工情况" holding the date it started
                said = v.parse_date(raw, default_year=year)
            except v.ValueProblem:
                return f"应填“已开工”“未开工”（或“是”“否”“√”）或开工日期，不能是“{cell_text(raw)}”"
        started = said if said is None or isinstance(said, bool) else True
        if said is not None and not isinstance(said, bool):
            line.values.setdefault("started_on", said.date)
            line.columns.setdefault("started_on", column.col + 1)
        if started is not None:
            line.values["started"], line.columns["started"] = started, column.col + 1
        return None
    if target == "started_on":
        if zero(raw) or raw == dt.time(0):  # 0 typed in a date cell shows as 00:00:00
            return None
        try:
            when = v.parse_date(raw, default_year=year)
        except v.ValueProblem as error:
            return str(error)
        if when is not None:
            line.values["started_on"], line.columns["started_on"] = when.date, column.col + 1
        return None
    if zero(raw):
        return None  # "0" for 形象进度 or 存在问题 is an office's way of writing nothing
    text = cell_text(raw)
    if text.strip() in _DASHES:
        return None  # so are "—" and "/" ("无" under 存在问题 is an answer, kept)
    if len(text) > TEXT_LIMIT:
        return f"内容过长（{len(text)}字，最多{TEXT_LIMIT}字）"
    line.values[target], line.columns[target] = text, column.col + 1
    return None
