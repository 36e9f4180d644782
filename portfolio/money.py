"""Exact money in 万元: parsing what users type and formatting what reports show."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
WAN_PER_YI = Decimal(10000)


class MoneyError(ValueError):
    """Text that is not an amount of money; the message is Chinese and user-facing."""


def parse_money(text: str | int | Decimal | None, *, field: str = "金额",
                allow_negative: bool = False) -> Decimal | None:
    """Parse an amount in 万元; empty gives ``None``. Refuses floats, text and (by default) < 0."""
    if text is None:
        return None
    if isinstance(text, float):
        raise TypeError("money must not be a float")
    if isinstance(text, Decimal | int):
        value = Decimal(text)
    else:
        cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "")
        if cleaned.endswith("万元"):
            cleaned = cleaned[:-2]
        if cleaned == "":
            return None
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise MoneyError(f"{field}应为数字（万元），不能是“{text}”") from None
    if not value.is_finite():
        raise MoneyError(f"{field}应为数字（万元），不能是“{text}”")
    if value < 0 and not allow_negative:
        raise MoneyError(f"{field}不能为负数")
    quantised = value.quantize(CENT, rounding=ROUND_HALF_UP)
    if quantised != value:
        raise MoneyError(f"{field}最多保留两位小数（万元）")
    return quantised


def format_money(value: Decimal | None, *, grouped: bool = False) -> str:
    """Two decimals, as every table shows 万元; empty for ``None``."""
    if value is None:
        return ""
    q = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{q:,.2f}" if grouped else f"{q:.2f}"


def format_percent(value: Decimal | float | None, *, signed: bool = False,
                   suffix: str = "") -> str:
    """A percentage (or percentage points, ``signed``) with one decimal; empty for ``None``.

    Floats are only the drawing ratios of the Gantt (never a reported figure)."""
    if value is None:
        return ""
    return (f"{value:+.1f}" if signed else f"{value:.1f}") + suffix


def to_yi(value: Decimal) -> Decimal:
    """万元 → 亿元 (two decimals), for headline sentences."""
    return (value / WAN_PER_YI).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """``part / whole`` as a percentage with one decimal; ``None`` when there is no whole."""
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
