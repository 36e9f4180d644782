"""A blank form's prototype rows as :mod:`exports.blank_form` writes them: the project row's
tokens, and a group or total row's own words with a token in each column it adds up."""

from __future__ import annotations

import re
from copy import copy

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from exports.fields import FIELDS, GROUP_TOKENS, Kind
from exports.sheets.headers import HeaderMap
from exports.template import TemplateError

#: tokens a group or total row adds up (or computes from its own sums)
AGGREGATED = frozenset({t for t, f in FIELDS.items() if f.summable} | {"占年度计划", "开工率"})
#: columns whose text runs long: wrapped, so the row grows to show it
LONG_TEXT = frozenset({"项目名称", "建设地点", "建设规模及主要内容", "形象进度", "存在问题",
                       "下步计划", "责任单位", "备注"})
#: the grouping → the token that makes a row a group row; a form's groups by 级别 are no
#: template grouping (a project may hold several levels), their rows carry the group's number
#: a group row's count slot, "（ 个）" or "（共  个项目）": made ``{{项目个数}}``
_COUNT_SLOT = re.compile(r"([（(])\s*(共|计)?[ 　_\d]*(个(?:项目)?\s*[)）])")
GROUP_TOKEN_OF = {by: token for token, by in GROUP_TOKENS.items()} | {"level": "领域序号",
                                                                    "mixed": "领域序号"}


def write_item(ws: Worksheet, r: int, tokens: dict[int, str], *, plain: bool) -> None:
    """The project row: one token per filled column. Without a blank row of the form's to copy,
    its style is the group row's, not bold."""
    for c, token in tokens.items():
        cell = ws.cell(r, c)
        cell.value = f"{{{{{token}}}}}"
        if plain:
            font = copy(cell.font)
            font.b = False
            cell.font = font
        if token in LONG_TEXT:
            wrap(cell, left=plain)
    if plain:
        for c in range(1, ws.max_column + 1):
            if ws.cell(r, c).has_style and c not in tokens:
                font = copy(ws.cell(r, c).font)
                font.b = False
                ws.cell(r, c).font = font


def wrap(cell: Cell, *, left: bool) -> None:
    old = cell.alignment
    cell.alignment = Alignment(horizontal="left" if left else old.horizontal,
                               vertical=old.vertical or "center", wrap_text=True,
                               indent=old.indent)


def write_aggregate(ws: Worksheet, r: int, kind: str, texts: dict[int, str],
                     tokens: dict[int, str], label_col: int, by: str | None) -> None:
    """A group or total row: its words, and a token in each column it adds up; the label cell
    carries the token that makes the row what it is (the group's, or 合计)."""
    for c, text in texts.items():
        ws.cell(r, c).value = text
    for c, token in tokens.items():
        if token in AGGREGATED:
            ws.cell(r, c).value = f"{{{{{token}}}}}"
    marker = "{{合计}}" if kind == "total" else f"{{{{{GROUP_TOKEN_OF[by or 'township']}}}}}"
    if label_col not in texts and texts:
        label_col = max(texts, key=lambda c: len(texts[c]))
    label = texts.get(label_col, "")
    count = re.search(r"[（(][^（(]*\{\{项目个数\}\}.*$", label)
    ws.cell(r, label_col).value = marker + (count.group(0) if count else "")


def row_texts(ws: Worksheet, r: int | None, width: int, tokens: dict[int, str]) -> dict[int, str]:
    """The words of a group or total row (not its figures), a count slot made a token."""
    if r is None:
        return {}
    texts = {}
    for c in range(1, width + 1):
        value = ws.cell(r, c).value
        if value is None or (tokens.get(c) in AGGREGATED):
            continue
        texts[c] = _COUNT_SLOT.sub(r"\1\2{{项目个数}}\3", str(value))
    return texts


def money_unit(ws: Worksheet, header: HeaderMap, tokens: dict[int, str]) -> str:
    """The unit of the form's money columns (万元, 亿元 or 元, from "单位：亿元" or
    "总投资（亿元）"); refused when they differ: a rate between two columns would be wrong."""
    units = {column.col + 1: column.unit or "万元" for column in header.columns.values()
             if column.col + 1 in tokens and FIELDS[tokens[column.col + 1]].kind is Kind.MONEY}
    found = set(units.values())
    if len(found) > 1:
        named = "、".join(f"“{header.columns[c - 1].text}”（{u}）" for c, u in units.items())
        raise TemplateError(f"模板“{ws.title}”的金额列单位不一致：{named}，请统一为同一单位后再用")
    return found.pop() if found else "万元"
