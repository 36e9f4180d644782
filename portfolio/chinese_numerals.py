"""Small numbers written in Chinese, as offices write them in titles and 期: "二十三" → 23,
"十二" → 12, "两" → 2, and year digits one by one, "二〇二六" → 2026 (〇, ○, 零 and a typed
"O" are zero). Only what registers and titles hold is read — 0 to 99 with 十, or a run of
digits; "一百" and "三千" are not numbers here.

Not ``cn2an`` (a dependency already, for numbering report sections): importing it takes about
a quarter of a second, which the register import and every title would pay, and it reads
neither "○" nor a typed "O" in a year ("二○二六") nor "第两期" in running text.
"""

from __future__ import annotations

import re

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": 0, "○": 0, "O": 0, "两": 2} | {str(i): i for i in range(10)}

#: one Chinese number in running text: with 十 ("二十三", "十二", "十") or a run of digits
NUMERAL = re.compile("[一二两三四五六七八九]?十[一二三四五六七八九]?|[〇○零一二两三四五六七八九]+")


def chinese_int(word: str) -> int:
    """The value of one Chinese number (:data:`NUMERAL`; ASCII digits too); raises ValueError
    (Chinese) for anything else."""
    if not word or any(c not in _DIGITS and c != "十" for c in word):
        raise ValueError(f"“{word}”不是数字")
    if "十" not in word:
        return int("".join(str(_DIGITS[c]) for c in word))
    tens, _, units = word.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        raise ValueError(f"“{word}”不是数字")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def numerals_as_digits(text: str) -> str:
    """``text`` with each Chinese number written in digits ("第二十期" → "第20期")."""
    return NUMERAL.sub(lambda found: str(chinese_int(found.group(0))), text)
