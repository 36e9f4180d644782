"""The one text→date parser: every form an office types, for day and month fields."""

from __future__ import annotations

import datetime as dt

import pytest

from portfolio.dates import DateTextError, DateValue, parse_date_text
from portfolio.monthly import EntryError, parse_date
from portfolio.periods import Period

JUNE_1 = dt.date(2027, 6, 1)


@pytest.mark.parametrize("text", [
    "2027-06-01", "2027/6/1", "2027.6.1", "20270601", "2027年6月1日", " 2027 年 6 月 1 日 ",
    "２０２７－０６－０１",  # full-width, as a Chinese input method types it
])
def test_a_day(text: str) -> None:
    assert parse_date_text(text) == DateValue(JUNE_1)


@pytest.mark.parametrize("text", ["2027-06", "2027年6月", "2027.6", "2027/06", "202706"])
def test_a_month(text: str) -> None:
    assert parse_date_text(text) == DateValue(JUNE_1, "month")


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_is_no_date(text: str) -> None:
    assert parse_date_text(text) is None


@pytest.mark.parametrize(("text", "message"), [
    ("明年", "应为日期（如 2026年3月 或 2026-03-15），不能是「明年」"),
    ("2027-02-30", "日期「2027-02-30」不存在"),
    ("20271341", "不能是「20271341」"),
])
def test_not_a_date(text: str, message: str) -> None:
    with pytest.raises(DateTextError, match=message):
        parse_date_text(text)


def test_a_month_without_its_year_takes_the_default() -> None:
    assert parse_date_text("10月8日", default_year=2026) == DateValue(dt.date(2026, 10, 8))
    assert parse_date_text("4月", default_year=2026) == DateValue(dt.date(2026, 4, 1), "month")
    with pytest.raises(DateTextError):
        parse_date_text("10月8日")


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-10-08", dt.date(2026, 10, 8)), ("2026.10.8", dt.date(2026, 10, 8)),
    ("20261008", dt.date(2026, 10, 8)), ("10月8日", dt.date(2026, 10, 8)),
    ("10-8", dt.date(2026, 10, 8)), ("", None),
])
def test_the_month_grid_reads_days_through_the_same_parser(
        text: str, expected: dt.date | None) -> None:
    assert parse_date(text, Period(2026, 10), "开工日期") == expected


def test_the_month_grid_wants_a_day() -> None:
    with pytest.raises(EntryError, match="开工日期应为日期，如 2026-10-08，不能是“2026年10月”"):
        parse_date("2026年10月", Period(2026, 10), "开工日期")


@pytest.mark.parametrize(("text", "want"), [
    ("27年6月", DateValue(JUNE_1, "month")), ("27年6月1日", DateValue(JUNE_1)),
    ("27年底", DateValue(dt.date(2027, 12, 1), "month")),
    ("27年二季度", DateValue(dt.date(2027, 4, 1), "quarter")),
])
def test_a_year_of_two_digits(text: str, want: DateValue) -> None:
    """"27年6月" as a hurried office types it is June 2027 (was: not a date, the file
    refused)."""
    assert parse_date_text(text) == want
