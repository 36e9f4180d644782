from __future__ import annotations

import pytest

from exports.sheets.period_words import period_digits


@pytest.mark.parametrize(("title", "digits"), [
    ("谷营镇2026年上半年重点项目进展情况", "谷营镇2026年1-6月重点项目进展情况"),
    ("2026年第一季度", "2026年1-3月"),
    ("2026年第2季度", "2026年1-6月"),
    ("2026年二季度", "2026年1-6月"),
    ("2026年前三季度", "2026年1-9月"),
    ("2026年下半年", "2026年1-12月"),
    ("二〇二六年六月份", "2026年6月份"),
    ("二〇二六年十二月", "2026年12月"),
    ("2026年十一月份", "2026年11月份"),
    ("XX县2026年重点项目（截至4月底）", "XX县2026年重点项目（截至4月底）"),
])
def test_period_words_as_digits(title: str, digits: str) -> None:
    assert period_digits(title) == digits
