from __future__ import annotations

import pytest

from portfolio.chinese_numerals import chinese_int, numerals_as_digits


@pytest.mark.parametrize(("word", "value"), [
    ("一", 1), ("两", 2), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
    ("两十", 20), ("九十九", 99), ("〇", 0), ("零", 0), ("二〇二六", 2026), ("二○二六", 2026),
    ("二O二六", 2026), ("2", 2), ("12", 12),
])
def test_chinese_int(word: str, value: int) -> None:
    assert chinese_int(word) == value


@pytest.mark.parametrize("word", ["", "百", "一百", "十十", "二十三四", "三二十", "十a"])
def test_not_a_number(word: str) -> None:
    with pytest.raises(ValueError, match="不是数字"):
        chinese_int(word)


@pytest.mark.parametrize(("text", "digits"), [
    ("第二十期", "第20期"), ("二〇二六年第三期", "2026年第3期"), ("第两期", "第2期"),
    ("第十期（总第二十三期）", "第10期（总第23期）"), ("开工批次", "开工批次"),
])
def test_numerals_as_digits(text: str, digits: str) -> None:
    assert numerals_as_digits(text) == digits
