"""A date as offices write it, typed into a field, pasted into the month grid or read from a
workbook: "2027-06-01", "2027/6/1", "2027.6.1", "20270601", "2027年6月1日", and the dates
that only name a month ("2027-06", "2027年6月", "2027年底", "2027年二季度") or a year; a
year of two digits when 年 follows it ("27年6月").

The one text→date parser of the program: :func:`exports.sheets.values.parse_date` (imports),
:func:`portfolio.monthly.parse_date` (the month grid) and the date field of the window
(``ui/widgets/date_field.py``) all call :func:`parse_date_text`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "quarter", "year"]

_DATE = re.compile(r"^((?:19|20)\d{2})\s*(?:年|\.|/|-)?\s*(\d{1,2})\s*(?:月|\.|/|-)?"
                   r"\s*(?:(\d{1,2})\s*日?)?\s*(?:底|末|初|上旬|中旬|下旬|前|左右)?$")
_QUARTER = re.compile(r"^((?:19|20)\d{2})\s*年?\s*(?:第)?([一二三四1-4])\s*季度?")
_PART_OF_YEAR = re.compile(r"^((?:19|20)\d{2})年?(底|末|年底|年末|年中|上半年|下半年|初|年初)$")
_PART_MONTHS = {"底": 12, "末": 12, "年底": 12, "年末": 12, "年中": 6, "上半年": 6,
                "下半年": 12, "初": 1, "年初": 1}
_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4}
#: a month, or a month and day, without the year ("4月", "10月8日", "10-8")
_NO_YEAR = re.compile(r"\d{1,2}月(份|底|初|中旬|上旬|下旬)?|\d{1,2}[-/.月]\d{1,2}日?")
#: a year written with two digits and 年 ("26年3月", "25年底"): of this century
_SHORT_YEAR = re.compile(r"^(\d{2})年(?=\d{1,2}月|底|末|初|年|上半年|下半年|第?[一二三四1-4]季度)")
EXAMPLE = "2027-06-01、2027/6/1、20270601、2027年6月1日 或 2027年6月"


class DateTextError(ValueError):
    """Text that is not a date; the message is Chinese and names the text."""


@dataclass(frozen=True)
class DateValue:
    """A date and how much of it was written (``month``: "2026年3月" → 2026-03-01;
    ``quarter``: "2026年二季度" → 2026-04-01, the quarter's first day: a start in that
    quarter begins with it, a finish in it ends with the quarter's last day)."""

    date: dt.date
    precision: Precision = "day"


def parse_date_text(text: str, *, default_year: int | None = None) -> DateValue | None:
    """The date ``text`` names; ``None`` for empty text. Full-width digits and spaces are
    allowed; a month without its year ("4月", "10月8日") needs ``default_year``.

    Raises :class:`DateTextError` for anything else, or a day that does not exist."""
    shown = text.strip()
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not text:
        return None
    if text.isdigit():
        return date_from_number(int(text), shown)
    text = _SHORT_YEAR.sub(r"20\1年", text)
    part_of_year = _PART_OF_YEAR.match(text)
    if part_of_year:
        month = _PART_MONTHS[part_of_year.group(2)]
        return DateValue(dt.date(int(part_of_year.group(1)), month, 1), "month")
    if default_year is not None and _NO_YEAR.fullmatch(text):
        text = f"{default_year}年{text}"
    quarter = _QUARTER.match(text)
    if quarter:
        q = _CN_QUARTER.get(quarter.group(2)) or int(quarter.group(2))
        return DateValue(dt.date(int(quarter.group(1)), 3 * q - 2, 1), "quarter")
    match = _DATE.match(text)
    if match is None:
        if re.fullmatch(r"(19|20)\d{2}年?", text):
            return DateValue(dt.date(int(text[:4]), 1, 1), "year")
        raise DateTextError(f"应为日期（如 2026年3月 或 2026-03-15），不能是「{shown}」")
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    try:
        if day:
            return DateValue(dt.date(year, month, int(day)))
        return DateValue(dt.date(year, month, 1), "month")
    except ValueError:
        raise DateTextError(f"日期「{shown}」不存在") from None


def date_from_number(number: float | int, shown: str = "") -> DateValue:
    """20260315, 202603, 2026, or an Excel serial day number, as a date."""
    whole = int(number)
    if 19000101 <= whole <= 21001231:
        try:
            return DateValue(dt.date(whole // 10000, whole // 100 % 100, whole % 100))
        except ValueError:
            pass
    elif 190001 <= whole <= 210012 and 1 <= whole % 100 <= 12:
        return DateValue(dt.date(whole // 100, whole % 100, 1), "month")
    elif 1900 <= whole <= 2100 and whole == number:
        return DateValue(dt.date(whole, 1, 1), "year")
    elif 20000 <= whole <= 80000:  # an Excel serial the file did not format as a date
        return DateValue(dt.date(1899, 12, 30) + dt.timedelta(days=whole))
    raise DateTextError(f"应为日期（如 2026年3月 或 2026-03-15），不能是「{shown or number}」")
