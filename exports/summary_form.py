"""A superior's blank 汇总表, as received, turned into a summary template in memory.

Besides the project list, a city often sends a summary sheet: no 项目名称, one row per group
named in a 类别 / 建设性质 / 乡镇 / 单位 column (工业, 农业 … or 新开工, 续建 …), a 合计 row, and
figure columns such as 项目个数, 总投资, 年度计划投资, 1—  月完成投资, 占年度计划%. :func:`convert`
keeps the form's rows as they are worded and in their order (:attr:`SheetLayout.groups`), puts one
group prototype row and the total where the form has them, and the report writer fills each row
with the database's summary of its group (a row nobody belongs to gets zeros, a group of the rest
— 其他 — what the others leave). Columns it has no figure for stay empty and are named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from exports.fields import normalise_token
from exports.form_groups import grouping, mixed_keys
from exports.form_prototypes import money_unit, row_texts, wrap, write_aggregate
from exports.form_rows import capture_row, capture_rows, clear_from, place_row, restore_rows
from exports.sheets.grid import CellRange, SheetError, SheetGrid
from exports.sheets.headers import HeaderError, HeaderMap, find_header, normalise_header
from exports.template import FormGroup, SheetLayout, _analyse

#: header field (:mod:`exports.sheets.headers`) of a column naming the groups → the grouping
LABEL_FIELDS = {"category": "category", "stage": "stage", "township": "township",
                "unit": "unit", "level": "level"}
#: recognised figure column → the summary token that fills it
FIGURE_TOKENS = {
    "total_investment": "总投资", "annual_plan": "年度计划投资",
    "ytd_investment": "1—N月完成投资", "month_investment": "本月完成投资",
    "cumulative_investment": "截至本月累计完成投资",
    "prior_cumulative": "截至上年底累计完成投资", "completion_rate": "占年度计划",
}
#: counts, read from the header text before the recogniser (which takes 计划开工个数 for a date)
COUNT_TOKENS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"开工率"), "开工率"),
    (re.compile(r"计划开工.*(个数|数量|项目数|个)"), "计划开工个数"),
    (re.compile(r"(实际|已)开工.*(个数|数量|项目数|个)|^开工(个数|项目数|数量)"), "实际开工个数"),
    (re.compile(r"项目(个数|数量|数)|^个数|^数量$|^项目$"), "项目个数"),
)
#: the line a 汇总表 by 级别 gets under its table: why its rows do not add up to its 合计
LEVEL_NOTE = ("注：同一项目可同时列为省重点、市重点、县重点，在其所列各级别行中分别计入，"
              "各级别行相加不等于合计；合计中每个项目只计一次。")
MIXED_NOTE = ("注：各分项分别按级别、建设性质、领域统计，同一项目可计入多行，各行相加不等于合计；"
              "合计中每个项目只计一次。")
NOTES = {"level": LEVEL_NOTE, "mixed": MIXED_NOTE}
_TOTAL = re.compile(r"^(全[县市区省]?|总)?(合计|总计)$")
_NOTE = re.compile(r"^(注|说明|备注|填表|填报|审核|联系|制表)")


def convert_blocks(path: Path, ws: Worksheet, header: HeaderMap,
                   regrid: Callable[[], SheetGrid], first: int = 1) -> list[SheetLayout]:
    """Every 汇总表 of ``ws``, one under another (一、按建设性质汇总 then 二、按领域汇总, each with
    its own header line and 合计): the first from ``header``, each next one from the header found
    below the one before; ``regrid`` reads the sheet again as rewritten so far."""
    layouts: list[SheetLayout] = []
    found: HeaderMap | None = header
    while found is not None:
        layout = convert(path, ws, regrid(), found, layouts[-1].last_row + 1 if layouts else first)
        if layout is None:
            break
        layouts.append(layout)
        found = header_below(regrid(), layout.last_row, header)
        if found is not None and found.col("name") is not None:
            layout.notes.append("汇总表下方的项目明细表未能填写，按原样保留"
                                "（请把它放在单独的工作表中）")
            break
    return layouts


def header_below(grid: SheetGrid, row: int, first: HeaderMap) -> HeaderMap | None:
    """The header of a table below (1-based) ``row`` of ``grid`` (a summary's, or a list of
    projects' with 项目名称), its money in the first header's unit when it states none of its
    own (one "单位：亿元" line above both)."""
    below = replace(grid, rows=grid.rows[row:], merged=tuple(
        CellRange(m.first_row - row, m.first_col, m.last_row - row, m.last_col)
        for m in grid.merged if m.first_row >= row), _merge_index=None)
    try:
        header: HeaderMap | None = find_header(below)  # a list of projects: told, not filled
    except HeaderError as error:
        header = error.header
    except SheetError:
        return None
    if header is None:
        return None
    header.first_row += row
    header.last_row += row
    if header.default_unit is None and first.default_unit is not None:
        header.columns = {c: replace(column, unit=first.default_unit)
                          if column.unit == "万元" else column
                          for c, column in header.columns.items()}
    return header


def convert(path: Path, ws: Worksheet, grid: SheetGrid, header: HeaderMap,
            first: int = 1) -> SheetLayout | None:
    """The summary layout of ``ws`` (rewritten in place) from row ``first`` down, or None when
    it is no 汇总表: no column naming groups, no figure column, or no group row."""
    label_col = next((c.col + 1 for c in sorted(header.columns.values(), key=lambda c: c.col)
                      if c.field in LABEL_FIELDS), None)
    if label_col is None:
        return None
    tokens, unfilled = _figure_tokens(header, label_col)
    if not tokens:
        return None
    data_start = header.last_row + 2  # 1-based
    groups: list[int] = []
    total: int | None = None
    footer = ws.max_row + 1
    for r in range(data_start, ws.max_row + 1):
        label = grid.text(r - 1, label_col - 1).strip()
        others = [grid.text(r - 1, c).strip() for c in range(grid.n_cols) if c != label_col - 1]
        if not label:
            if any(others):  # a line under the table (填表人：…) starts the footer
                footer = r
                break
            continue
        flat = normalise_header(label)
        if _NOTE.match(flat):
            footer = r
            break
        if _TOTAL.match(flat):
            total = r
        else:
            groups.append(r)
    if not groups:
        return None
    if footer <= ws.max_row:  # the blank lines between the table and what follows stay
        footer = max(groups[-1], total or 0) + 1
    width = max(grid.n_cols, 1)
    unit = money_unit(ws, header, tokens)
    by, keys = grouping([grid.text(r - 1, label_col - 1) for r in groups])
    label_field = header.columns[label_col - 1].field
    if label_field in ("township", "unit"):
        by = LABEL_FIELDS[label_field]
    elif by == "township" and (mixed := mixed_keys(keys)) is not None:
        by, keys = "mixed", mixed  # 其中：省重点 / 新开工 …: each row by its own kind
    group_texts = [row_texts(ws, r, width, tokens) for r in groups]
    total_texts = row_texts(ws, total, width, tokens) if total is not None else {}
    prototypes = [("group", groups[0])]
    if total is not None:
        prototypes.insert(0 if total < groups[0] else 1, ("total", total))
    saved = {kind: capture_row(ws, r, width) for kind, r in prototypes}
    tail = capture_rows(ws, footer, ws.max_row, width)
    clear_from(ws, data_start)
    for offset, (kind, _) in enumerate(prototypes):
        r = data_start + offset
        place_row(ws, r, saved[kind], set(tokens))
        texts = group_texts[0] if kind == "group" else total_texts
        write_aggregate(ws, r, kind, texts, tokens, label_col, by)
    below = data_start + len(prototypes)
    if by in NOTES:  # a project of several levels is in each: the rows add up to more
        ws.cell(below, 1).value = NOTES[by]
        ws.merge_cells(start_row=below, start_column=1, end_row=below, end_column=width)
        ws.row_dimensions[below].height = 30
        wrap(ws.cell(below, 1), left=True)
        below += 1
    restore_rows(ws, below, tail)

    layout = _analyse(path, ws, first)
    if layout is None:  # cannot happen: the group row holds tokens
        return None
    total_proto = layout.prototype("total")
    if total_proto is not None:
        total_proto.keep_words(total_texts)
    layout.group_by = by
    layout.groups = [FormGroup(key, texts) for key, texts in zip(keys, group_texts, strict=True)]
    layout.money_unit = unit
    if unit != "万元":
        layout.notes.append(f"金额按表格的单位{unit}填写（由万元换算，数值不舍入）")
    if unfilled:
        layout.notes.append(f"以下列程序无法填写，已留空：{'、'.join(unfilled)}")
    return layout


def _figure_tokens(header: HeaderMap, label_col: int) -> tuple[dict[int, str], list[str]]:
    """Column (1-based) → summary token; and the header texts of the columns left empty."""
    texts = {c.col: c.text for c in header.columns.values()} | dict(header.unrecognised)
    tokens: dict[int, str] = {}
    unfilled: list[str] = []
    for col, text in sorted(texts.items()):
        if col + 1 == label_col:
            continue
        flat = normalise_header(text.replace(" / ", ""))
        token = next((t for pattern, t in COUNT_TOKENS if pattern.search(flat)), None)
        column = header.columns.get(col)
        if token is None and column is not None:
            if column.field == "serial":
                continue
            token = FIGURE_TOKENS.get(column.field)
        if token is None or normalise_token(token) in tokens.values():
            unfilled.append(text.replace(" / ", ""))
        else:
            tokens[col + 1] = normalise_token(token)
    return tokens, unfilled
