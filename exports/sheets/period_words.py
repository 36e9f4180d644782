"""A title's period in the words offices use, rewritten as the digits the period patterns read:
"二〇二六年六月份" → "2026年6月份", "上半年" → "1-6月", "第一季度"/"第2季度"/"二季度" → "1-3月"/
"1-6月", "前三季度" → "1-9月", "下半年" and "全年" → "1-12月". Only titles and file names go
through it: a column headed 第一季度 is a plan, not a period."""

from __future__ import annotations

import re

from portfolio.chinese_numerals import chinese_int

_CN_YEAR = re.compile(r"([〇○O零一二三四五六七八九]{4})年")
_CN_MONTH = re.compile(r"(?<![一二三四五六七八九十])(十[一二]?|[一二三四五六七八九])月")
_QUARTERS_SO_FAR = re.compile(r"前([一二三1-3])(?:个)?季度")
_QUARTER = re.compile(r"第?([一二三四1-4])季度")
_WORDS = (("上半年", "1-6月"), ("下半年", "1-12月"), ("全年", "1-12月"))


def period_digits(text: str) -> str:
    """``text`` with its period words as digits (see the module docstring)."""
    text = _CN_YEAR.sub(lambda m: f"{chinese_int(m.group(1))}年", text)
    text = _QUARTERS_SO_FAR.sub(lambda m: f"1-{3 * chinese_int(m.group(1))}月", text)
    text = _QUARTER.sub(lambda m: f"1-{3 * chinese_int(m.group(1))}月", text)
    for word, months in _WORDS:
        text = text.replace(word, months)
    return _CN_MONTH.sub(lambda m: f"{chinese_int(m.group(1))}月", text)
