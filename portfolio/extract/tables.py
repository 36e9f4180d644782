"""Table rows: a project list laid out as a table (a Word table, or a text table with tabs).

:mod:`.reading` gives a Word table one line per row with its cells joined by tabs. A header row
names its columns (项目名称 / 名称, 总投资（亿元）, 建设地点 / 位置 …); each row under it with as
many cells is read by column: the name cell is the candidate's name as it stands, the money cell
in the unit its header — or a "单位：亿元" line above the table — gives (万元 when neither does,
as in every office table), the location cell as the site. Total and group rows (合计, 小计,
"一、工业项目") are not projects. A row read so is not read again as running text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from portfolio.extract.figures import Figures, figures_in, to_wan
from portfolio.extract.names import HEAD, Found
from portfolio.extract.normalise import NormalisedLine

_NAME_HEADER = re.compile(r"^(?:项目|学校|工程|单位|企业)?名称$|^项目$")
_MONEY_HEADER = re.compile(r"投资")
_PLACE_HEADER = re.compile(r"地点|位置|地址|选址|所在地|乡镇")
_UNIT = re.compile(r"(亿元|万元|億元|萬元)")
_TABLE_UNIT = re.compile(r"单位[：:]\s*(亿元|万元)")
_NOT_A_ROW = re.compile(r"合计|小计|总计|^[一二三四五六七八九十]+[、.]|^其中")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Header:
    """The columns of a table, by position."""

    cells: int
    name: int
    money: int | None
    #: the unit of the money column, 万元 or 亿元
    unit: str
    place: int | None
    #: the money column's header as written ("总投资（亿元）"), the evidence of its unit
    money_label: str = ""
    #: the header's line number
    line: int = 0


def cells_of(text: str) -> list[tuple[str, int]]:
    """The cells of a row line and where each starts, stripped."""
    cells = []
    position = 0
    for cell in text.split("\t"):
        stripped = cell.strip()
        cells.append((stripped, position + (len(cell) - len(cell.lstrip()))))
        position += len(cell) + 1
    return cells


def header_of(text: str, before: Sequence[str] = ()) -> Header | None:
    """The table header ``text`` is, or None; ``before`` are the lines above it (for 单位)."""
    if "\t" not in text:
        return None
    cells = [cell for cell, _ in cells_of(text)]
    names = [i for i, cell in enumerate(cells) if _NAME_HEADER.match(cell.replace(" ", ""))]
    if len(cells) < 2 or not names:
        return None
    money = next((i for i, cell in enumerate(cells) if _MONEY_HEADER.search(cell)), None)
    unit = "万元"
    if money is not None and (stated := _UNIT.search(cells[money])):
        unit = stated.group(1)
    else:
        for line in reversed(before[-3:]):
            if table_unit := _TABLE_UNIT.search(line):
                unit = table_unit.group(1)
                break
    place = next((i for i, cell in enumerate(cells) if _PLACE_HEADER.search(cell)), None)
    return Header(
        len(cells), names[0], money, unit, place, "" if money is None else cells[money]
    )


def read_row(line: NormalisedLine, header: Header) -> tuple[Found, Figures] | None:
    """The name and figures of one row under ``header``; None for a total or group row."""
    cells = cells_of(line.text)
    if len(cells) != header.cells:
        return None
    name, start = cells[header.name]
    if len(re.findall(r"[\u3400-\u9fff]", name)) < 3 or _NOT_A_ROW.search(name):
        return None
    heads = list(HEAD.finditer(name))
    found = Found(name, start, start + len(name), heads[-1].group() if heads else "")
    # figures written out in any cell ("总投资3亿元", "床位600张"), then the columns' own
    figures = figures_in(line.text, 0)
    if header.money is not None:
        figure, at = cells[header.money]
        figure = figure.replace(",", "")
        if _NUMBER.match(figure):
            try:
                value = to_wan(figure, header.unit)
            except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
                value = Decimal(0)
            figures.investment = (value, figure, at, at + len(figure))
    if header.place is not None:
        place, at = cells[header.place]
        if place and place not in "—-/／":
            figures.site = (place, at, at + len(place))
    return found, figures
