"""Figures in a clause: the investment (in 万元), physical quantities, years and the site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from portfolio.extract.names import alternation

_NUMBER = r"(\d+(?:\.\d+)?)"
MONEY = re.compile(rf"{_NUMBER}\s*(亿元|万元|億元|萬元|亿|万|億|萬)(?![千平方吨亩人户头只个])")
_MONEY_LEAD = re.compile(r"(?:计划)?(?:总投资|投资总额|投资)(?:约|达|超过|近)?\s*$")
QUANTITY_UNITS: tuple[str, ...] = (
    "万千瓦", "千瓦", "兆瓦", "万平方米", "平方米", "平方公里", "公里", "千米", "亩", "万亩",
    "学位", "个学位", "个教学班", "教学班", "张床位", "床位", "万吨", "吨", "万立方米", "户",
    "套", "座", "所",
)
QUANTITY = re.compile(rf"{_NUMBER}\s*({alternation(QUANTITY_UNITS)})")
_UNIT_NAMES = {"个学位": "学位", "个教学班": "教学班", "张床位": "床位", "千米": "公里"}
_SITE = re.compile(r"(?:位于|建设地点[为：:]?|选址于?)([^，,。；;：:\t]{2,30})")
_YEAR_RANGE = re.compile(r"(20\d\d)\s*年?\s*[-—–~至到]+\s*(20\d\d)\s*年")
_YEAR_END = re.compile(r"(?:到|至|于|在)\s*(20\d\d)\s*年(?:底|前|内)?|(20\d\d)\s*年(?:底|前)")


def to_wan(value: str, unit: str) -> Decimal:
    """万元 from a figure in 亿元 or 万元, without a spurious decimal place (18.5亿 → 185000)."""
    number = Decimal(value) * (10000 if unit.startswith(("亿", "億")) else 1)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


@dataclass
class Figures:
    investment: tuple[Decimal, str, int, int] | None = None
    quantities: list[tuple[Decimal, str, int, int]] = field(default_factory=list)
    years: tuple[int | None, int | None] = (None, None)
    #: where the years are stated: (start, end)
    years_span: tuple[int, int] | None = None
    #: the site as stated ("位于洪河大道与金沙路交叉口西北侧"): (words, start, end)
    site: tuple[str, int, int] | None = None


def figures_in(text: str, offset: int) -> Figures:
    """The investment (only one introduced as such: 总投资/投资 …), quantities and years."""
    figures = Figures()
    for match in MONEY.finditer(text):
        window = max(0, match.start() - 8)
        lead = _MONEY_LEAD.search(text[window:match.start()])
        if lead:
            figures.investment = (
                to_wan(match.group(1), match.group(2)), match.group(),
                offset + window + lead.start(), offset + match.end(),
            )
            break
    for match in QUANTITY.finditer(text):
        unit = _UNIT_NAMES.get(match.group(2), match.group(2))
        figures.quantities.append(
            (Decimal(match.group(1)), unit, offset + match.start(), offset + match.end())
        )
    site = _SITE.search(text)
    if site:
        figures.site = (site.group(1), offset + site.start(1), offset + site.end(1))
    years = _YEAR_RANGE.search(text)
    if years:
        figures.years = (int(years.group(1)), int(years.group(2)))
        figures.years_span = (offset + years.start(), offset + years.end())
    else:
        end = _YEAR_END.search(text)
        if end:
            figures.years = (None, int(end.group(1) or end.group(2)))
            figures.years_span = (offset + end.start(), offset + end.end())
    return figures
