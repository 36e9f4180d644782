"""The month of a monthly return: our own stamp (:data:`exports.xlsx.PERIOD_PROPERTY`), else a
1—N月 header, else the title, else the sheet's name ("4月"), else the file name, else the
caller's ``period``; a file and a caller that disagree is an error naming both. A month named
without its year takes the year of the day the return was filed (填报时间), never its month."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from exports.sheets.grid import SheetGrid
from exports.sheets.headers import HeaderMap
from exports.sheets.period_words import period_digits
from exports.xlsx import PERIOD_PROPERTY
from portfolio.monthly.importing import FileReading
from portfolio.periods import Period
from portfolio.provenance import Problem

_LOOSE_PERIODS = (
    re.compile(r"(20\d{2})年(\d{1,2})月"),
    re.compile(r"(20\d{2})[-._/](\d{1,2})(?!\d)"),
    re.compile(r"(20\d{2})(0[1-9]|1[0-2])(?!\d)"),
)
_MONTH_ONLY = re.compile(r"1-(\d{1,2})月|(?<![\d-])(\d{1,2})月")
_YEAR = re.compile(r"(20\d{2})年?")
#: the day a return was filed: "2026年5月5日", "2026-05-05", "2026.5.5"
_FILED = re.compile(r"(20\d{2})\s*(?:年|[-./])\s*(\d{1,2})")


def stamped_period(path: Path) -> Period | None:
    """The month our own report recorded in the workbook's custom properties."""
    try:
        with zipfile.ZipFile(path) as zf:
            xml = zf.read("docProps/custom.xml").decode("utf-8")
    except (KeyError, OSError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    found = re.search(rf'name="{PERIOD_PROPERTY}"[^>]*>\s*<vt:\w+[^>]*>([^<]*)<', xml)
    try:
        return Period.parse(found.group(1).strip()) if found else None
    except ValueError:
        return None


def _loose_period(text: str) -> tuple[int | None, int | None]:
    """(year, month) a title or file name names: "2026年4月份", "2026-04", "202604", "4月"."""
    flat = re.sub(r"\s+", "", period_digits(text)).replace("—", "-").replace("－", "-")
    for pattern in _LOOSE_PERIODS:
        found = pattern.search(flat)
        if found and 1 <= int(found.group(2)) <= 12:
            return int(found.group(1)), int(found.group(2))
    year = _YEAR.search(flat)
    month = _MONTH_ONLY.search(flat)
    number = int(month.group(1) or month.group(2)) if month else None
    return (int(year.group(1)) if year else None,
            number if number is not None and 1 <= number <= 12 else None)


def _filed_year(header: HeaderMap, month: int) -> int | None:
    """The year of a month the return names without one, from the day it was filed
    (填报时间：2026年5月5日): that year, or the year before for a month after the filing's
    (December's return filed in January). The filing's own month is never the report's."""
    for label, text in header.meta.items():
        if "日期" not in label and "时间" not in label:
            continue
        found = _FILED.search(period_digits(text))
        if found and 1 <= int(found.group(2)) <= 12:
            filed_year, filed_month = int(found.group(1)), int(found.group(2))
            return filed_year if month <= filed_month else filed_year - 1
    return None


def file_period(path: Path, grid: SheetGrid, header: HeaderMap, given: Period | None,
            reading: FileReading) -> Period | None:
    """The file's month (see the module docstring); problems go to ``reading``."""
    stamped = stamped_period(path)
    hint = header.period
    year, month = (hint.year, hint.month) if hint else (None, None)
    where = f"{hint.source}“{hint.text}”" if hint and hint.month else ""
    if month is None:
        for source, text in (("标题", header.title), ("工作表名", grid.sheet),
                             ("文件名", path.stem)):
            found_year, found_month = _loose_period(text)
            year = year or found_year
            if found_month:
                month, where = found_month, f"{source}“{text}”"
                break
    if month is not None and year is None:
        known_period = stamped or given
        year = known_period.year if known_period is not None else _filed_year(header, month)
    stated = Period(year, month) if year and month else None
    if stamped and stated and stamped != stated:
        reading.problems.append(Problem(
            path.name,
            f"工作簿记录的报告期为{stamped.label}，但{where}为{stated.label}，二者不一致",
            grid.sheet))
        return None
    found = stamped or stated
    if given and found and given != found:
        reading.problems.append(Problem(
            path.name, f"指定的导入月份为{given.label}，但文件的{where or '报告期'}表明为"
                       f"{found.label}，二者不一致；请核对文件，或改正指定的月份",
            grid.sheet))
        return None
    if found or given:
        return found or given
    said = f"（只知道是{month}月，不知道年份）" if month else ""
    reading.problems.append(Problem(
        path.name, f"无法确定报告月份{said}：表头中没有“1—N月”，标题和文件名中也没有年月；"
                   "请指定导入的月份（命令行用 --period 2026-04）", grid.sheet))
    return None

