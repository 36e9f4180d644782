"""What the user types (or pastes) into an editable cell, parsed to a typed value, and a
value as the grid shows it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from portfolio.dates import DateTextError, parse_date_text
from portfolio.money import MoneyError, format_money, parse_money
from portfolio.monthly.columns import EDITABLE, TEXT_LIMIT
from portfolio.monthly.errors import EntryError
from portfolio.periods import Period

_TRUE = {"是", "已开工", "开工", "√", "✓", "1", "y", "yes", "true", "t"}
_FALSE = {"否", "未开工", "×", "0", "n", "no", "false", "f", ""}


def parse_date(text: str, period: Period, label: str) -> dt.date | None:
    """A day as :func:`portfolio.dates.parse_date_text` reads it (``2026-10-08``,
    ``2026/10/8``, ``2026年10月8日``, ``20261008``), or ``10月8日`` in the period's year;
    empty gives None. A date the grid keeps is a day: "2026年10月" is refused."""
    try:
        value = parse_date_text(text, default_year=period.year)
        if value is None or value.precision == "day":
            return None if value is None else value.date
    except DateTextError:
        pass
    raise EntryError(f"{label}应为日期，如 {period.year}-{period.month:02d}-08，"
                     f"不能是“{text.strip()}”")


def parse_cell(key: str, text: str, period: Period) -> object:
    """The typed value of what the user typed (or pasted) into the editable column ``key``.

    Money: 万元, at most two decimals, not negative (empty = not reported); texts at most
    1000 characters; 是否开工: 是/否 (or √, 1/0); dates as :func:`parse_date`."""
    label = EDITABLE[key]
    if key == "investment":
        try:
            return parse_money(text, field=label)
        except MoneyError as error:
            raise EntryError(str(error), column=key) from None
    if key in ("progress", "problems", "next_steps"):
        cleaned = text.strip()
        if len(cleaned) > TEXT_LIMIT:
            raise EntryError(f"{label}过长（最多{TEXT_LIMIT}字）", column=key)
        return cleaned
    if key == "started":
        cleaned = text.strip().lower()
        if cleaned in _TRUE:
            return True
        if cleaned in _FALSE:
            return False
        raise EntryError(f"{label}应填“是”或“否”，不能是“{text.strip()}”", column=key)
    if key in ("started_on", "finished_on"):
        try:
            return parse_date(text, period, label)
        except EntryError as error:
            raise EntryError(str(error), column=key) from None
    raise KeyError(key)


def display(key: str, value: object) -> str:
    """A value as the grid shows it and as it is copied to the clipboard."""
    if value is None:
        return ""
    if key == "started":
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format_money(value) if key != "plan_rate" else f"{value:.1f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
