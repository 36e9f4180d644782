"""How money and percentages are written for people: one helper each, the same everywhere."""

from __future__ import annotations

from decimal import Decimal

from portfolio.money import format_money, format_percent

D = Decimal


def test_money_has_two_decimals_and_none_is_empty() -> None:
    assert format_money(D("1234.5")) == "1234.50"
    assert format_money(D("1234.565"), grouped=True) == "1,234.57"
    assert format_money(None) == ""


def test_percentages_have_one_decimal_and_points_a_sign() -> None:
    assert format_percent(D("45.27")) == "45.3"
    assert format_percent(D("83.3"), suffix="%") == "83.3%"
    assert format_percent(D("-4.04"), signed=True) == "-4.0"
    assert format_percent(D("2"), signed=True) == "+2.0"
    assert format_percent(None, signed=True, suffix="%") == ""
