"""Section and group numbers of the reports."""

from __future__ import annotations

import pytest

from exports.report_data import chinese_numeral


@pytest.mark.parametrize(
    ("number", "text"),
    [(0, "零"), (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (100, "一百"),
     (105, "一百零五")],
)
def test_chinese_numeral(number: int, text: str) -> None:
    assert chinese_numeral(number) == text
