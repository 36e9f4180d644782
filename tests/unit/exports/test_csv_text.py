"""CSV cells that start like a formula are written as text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from exports.csv_text import csv_text


@pytest.mark.parametrize(("text", "written"), [
    ('=HYPERLINK("http://evil.example","点我")', '\'=HYPERLINK("http://evil.example","点我")'),
    ("+1 开工", "'+1 开工"), ("-城关镇", "'-城关镇"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"),
    ("万邦国际农产品物流园", "万邦国际农产品物流园"), ("", ""), ("a\x07b", "ab"),
])
def test_text_that_starts_like_a_formula(text: str, written: str) -> None:
    assert csv_text(text, text) == written


@pytest.mark.parametrize("value", [Decimal("-12.30"), -3, dt.date(2026, 1, 1)])
def test_numbers_and_dates_are_left_alone(value: object) -> None:
    assert csv_text(value, str(value)) == str(value)
