"""Reading one cell of a returned workbook: money in 万元 (at most two decimals, not
negative, whether typed as a number or as text) and whole numbers (编号)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from portfolio.money import MoneyError, parse_money


def money(value: object) -> Decimal:
    """A money cell's value; raises MoneyError (or ValueError) with a Chinese message."""
    if isinstance(value, bool):
        raise MoneyError("应为数字（万元）")
    if isinstance(value, int):
        return parse_money(value, field="金额") or Decimal("0.00")
    if isinstance(value, float):
        exact = Decimal(repr(value))
        rounded = exact.quantize(Decimal("0.01"))
        if abs(exact - rounded) > Decimal("0.000001"):
            raise MoneyError("最多保留两位小数（万元）")
        if rounded < 0:
            raise MoneyError("不能为负数")
        return rounded
    if isinstance(value, Decimal):
        return parse_money(value, field="金额") or Decimal("0.00")
    if isinstance(value, dt.date | dt.datetime):
        raise MoneyError(f"应为数字（万元），不能是日期“{value:%Y-%m-%d}”")
    parsed = parse_money(str(value), field="金额")
    if parsed is None:
        raise MoneyError("应为数字（万元）")
    return parsed


def money_message(error: Exception, raw: object) -> str:
    """The Chinese message for a money cell that could not be read."""
    text = str(error)
    if "应为数字" in text and "日期" not in text:
        return f"“{raw}”不是数字（金额应填万元数，如 125.50）"
    return text.replace("金额", "")


def is_money_text(text: str) -> bool:
    """Whether ``text`` reads as an amount (to tell shifted columns from a typo)."""
    try:
        parse_money(text)
    except MoneyError:
        return False
    return True


def integer(value: object) -> int:
    """A whole number written as a number or as digits; raises ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if not text.isdigit():
        raise ValueError(value)
    return int(text)


__all__ = ["integer", "is_money_text", "money", "money_message"]
