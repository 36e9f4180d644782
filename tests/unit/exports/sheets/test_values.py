"""Cell values as offices write them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from exports.sheets.values import (
    DateValue,
    Leader,
    ValueProblem,
    Years,
    clean_text,
    parse_bool,
    parse_date,
    parse_leaders,
    parse_levels,
    parse_money,
    parse_started,
    parse_years,
    to_decimal,
)


@pytest.mark.parametrize(("raw", "unit", "expected"), [
    (8650.5, "万元", Decimal("8650.5")),
    (0.1 + 0.2, "万元", Decimal("0.3")),
    (12345678901.23, "万元", Decimal("12345678901.23")),
    (3, "亿元", Decimal(30000)),
    (1.25, "亿元", Decimal(12500)),
    (1234567, "元", Decimal("123.4567")),
    ("1,200.50", "万元", Decimal("1200.5")),
    ("１２００", "万元", Decimal(1200)),
    ("1.2亿", "万元", Decimal(12000)),
    ("3000万元", "亿元", Decimal(3000)),
    ("约500", "万元", Decimal(500)),
    ("-20", "万元", Decimal(-20)),
    *[(nothing, "万元", None) for nothing in ("", "—", "/", "无", "-", "——", " ")],
])
def test_money(raw: object, unit: str, expected: Decimal | None) -> None:
    assert parse_money(raw, unit) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["待定", "12%", True, dt.date(2026, 1, 1)])
def test_text_in_money(raw: object) -> None:
    with pytest.raises(ValueProblem, match="应为金额"):
        parse_money(raw)  # type: ignore[arg-type]


def test_to_decimal_is_what_was_typed() -> None:
    assert str(to_decimal(120000.25)) == "120000.25"
    assert str(to_decimal(52000.0)) == "52000"


@pytest.mark.parametrize(("raw", "expected"), [
    ("2025-2026年", Years(2025, 2026)),
    ("2025—2027", Years(2025, 2027)),
    ("2025.03-2027.12", Years(2025, 2027, 3, 12)),
    ("2025年3月至2027年", Years(2025, 2027, 3, None)),
    ("2026", Years(2026, 2026)),
    (2026.0, Years(2026, 2026)),
    ("2025年-2026年", Years(2025, 2026)),
    ("２０２５～２０２６年", Years(2025, 2026)),
    ("2025/6-2026/12", Years(2025, 2026, 6, 12)),
    ("—", None),
])
def test_years(raw: object, expected: Years | None) -> None:
    assert parse_years(raw) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["明年", "2027-2025", "2025.13-2026"])
def test_bad_years(raw: str) -> None:
    with pytest.raises(ValueProblem, match="建设起止年限"):
        parse_years(raw)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026年3月", DateValue(dt.date(2026, 3, 1), "month")),
    ("2026.3", DateValue(dt.date(2026, 3, 1), "month")),
    ("2026-03-15", DateValue(dt.date(2026, 3, 15))),
    ("2026/3/15", DateValue(dt.date(2026, 3, 15))),
    ("2026年3月15日", DateValue(dt.date(2026, 3, 15))),
    ("20260315", DateValue(dt.date(2026, 3, 15))),
    (20260315, DateValue(dt.date(2026, 3, 15))),
    (46096.0, DateValue(dt.date(2026, 3, 15))),
    (dt.datetime(2026, 3, 15, 9, 30), DateValue(dt.date(2026, 3, 15))),
    ("2026年底", DateValue(dt.date(2026, 12, 1), "month")),
    ("2026年二季度", DateValue(dt.date(2026, 4, 1), "quarter")),
    ("4月", DateValue(dt.date(2026, 4, 1), "month")),
    ("/", None),
])
def test_dates(raw: object, expected: DateValue | None) -> None:
    assert parse_date(raw, default_year=2026) == expected  # type: ignore[arg-type]


def test_bad_date() -> None:
    with pytest.raises(ValueProblem, match="日期「2026年2月30日」不存在"):
        parse_date("2026年2月30日")


def test_levels_leaders_booleans_text() -> None:
    assert parse_levels("省重点、市重点") == ("省重点", "市重点")
    assert parse_levels("省级重点项目,县重点") == ("省重点", "县重点")
    assert parse_leaders("赵永强（县委常委、组织部长）、李明(副县长)") == (
        Leader("赵永强", "县委常委、组织部长"), Leader("李明", "副县长"))
    assert [parse_bool(x) for x in ("是", "否", "已开工", "未开工", "√", "", True)] == [
        True, False, True, False, True, None, True]
    with pytest.raises(ValueProblem):
        parse_bool("正在办理")
    assert clean_text("完成土地\n平整　 1200亩\r\nok") == "完成土地平整 1200亩 ok"


@pytest.mark.parametrize(("text", "leaders"), [
    ("李明 副县长", [("李明", "副县长")]),
    ("赵永强 县委常委、组织部长", [("赵永强", "县委常委、组织部长")]),
    ("孙伟 副县长、周敏 副县长", [("孙伟", "副县长"), ("周敏", "副县长")]),
    ("李明、王刚", [("李明", ""), ("王刚", "")]),
    ("欧阳明 王刚", [("欧阳明 王刚", "")]),  # no title after the space: left as written
])
def test_leaders_with_their_title_after_a_space(text: str, leaders: list) -> None:
    assert [(x.name, x.title) for x in parse_leaders(text)] == leaders


@pytest.mark.parametrize(("text", "leaders"), [
    ("李明（副县长）\n刘洋（副县长）", [("李明", "副县长"), ("刘洋", "副县长")]),
    ("李明 副县长\n刘洋 副县长", [("李明", "副县长"), ("刘洋", "副县长")]),
    ("李明\n刘洋", [("李明", ""), ("刘洋", "")]),
    ("赵永强（县委常委、\n组织部长）\n李明（副县长）",
     [("赵永强", "县委常委、组织部长"), ("李明", "副县长")]),
    ("赵永强\n（县委常委、组织部长）", [("赵永强", "县委常委、组织部长")]),
    ("李明\n副县长", [("李明", "副县长")]),
])
def test_leaders_one_a_line(text: str, leaders: list) -> None:
    """Leaders on lines of their own are several (was: one leader "李明（副县长）刘洋（副县长）");
    a title on the line under its name stays that leader's."""
    assert [(x.name, x.title) for x in parse_leaders(text)] == leaders


@pytest.mark.parametrize("raw", ["3", "03", "3月", "3月份", 3, 3.0, "３"])
def test_bare_month_is_that_month_of_the_plan_year(raw: object) -> None:
    from exports.sheets.values import bare_month

    assert bare_month(raw, default_year=2026) == DateValue(dt.date(2026, 3, 1), "month")


@pytest.mark.parametrize("raw", ["2026年3月", "13", "", dt.date(2026, 3, 1)])
def test_not_a_bare_month(raw: object) -> None:
    from exports.sheets.values import bare_month

    assert bare_month(raw, default_year=2026) is None


def test_bare_month_without_a_year_asks_for_one() -> None:
    from exports.sheets.values import bare_month

    with pytest.raises(ValueProblem, match="--year"):
        bare_month("3", default_year=None)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026年第1期", "2026年第1期"), (20, "20"), ("第二十批", "第二十批"),
    ("2026年3月", DateValue(dt.date(2026, 3, 1), "month")),
    (dt.datetime(2026, 6, 1), DateValue(dt.date(2026, 6, 1))),
])
def test_issue_or_date(raw: object, expected: object) -> None:
    from exports.sheets.values import parse_issue_or_date

    assert parse_issue_or_date(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("甲项目\n新建厂房", ("甲项目", "新建厂房")),
    ("甲项目\r\n新建厂房\n及配套", ("甲项目", "新建厂房及配套")),
    ("甲项目：新建厂房", ("甲项目", "新建厂房")),
    ("甲项目，主要建设厂房", ("甲项目", "主要建设厂房")),
    ("甲项目（一期，二期）", ("甲项目（一期，二期）", "")),
    ("—", None),
])
def test_name_and_content(raw: str, expected: object) -> None:
    from exports.sheets.values import parse_name_and_content

    assert parse_name_and_content(raw) == expected


@pytest.mark.parametrize(("cell", "want"), [
    ("已开工（3月）", DateValue(dt.date(2026, 3, 1), "month")),
    ("已于4月开工", DateValue(dt.date(2026, 4, 1), "month")),
    ("3月已开工", DateValue(dt.date(2026, 3, 1), "month")),
    ("已开工(2025年11月)", DateValue(dt.date(2025, 11, 1), "month")),
    ("2026年5月", DateValue(dt.date(2026, 5, 1), "month")),
    (dt.datetime(2026, 3, 5), DateValue(dt.date(2026, 3, 5))),
    ("在建", True), ("续建", True), ("已开工", True), ("√", True),
    ("前期", False), ("未开工", False), ("—", None),
])
def test_started_as_offices_write_it(cell: object, want: object) -> None:
    assert parse_started(cell, default_year=2026) == want  # type: ignore[arg-type]
