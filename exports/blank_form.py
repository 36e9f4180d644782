"""A superior's blank form, as received, turned into a report template in memory.

The city commission sends an empty table — merged title, "单位：万元", a header two rows deep,
group rows (一、新开工项目（ 个）…) and a 合计 row — and wants it back filled in exactly that
layout. :func:`convert` reads each sheet's header with the importer's recogniser
(:func:`exports.sheets.headers.find_header`) and its rows with the importer's row sorter
(:func:`exports.sheets.rows.classify_rows`), then rewrites the data area of the openpyxl sheet as
prototype rows of ``{{占位符}}`` (:mod:`exports.template`): one project row, one group row, the
total row where the form has it. The report writer then fills it like any other template.

A form that heads each group (一、新开工项目（ 个）) and closes it with a 小计 row gets both: a
heading prototype row with the group's words and count, and the 小计 as the group row that adds
it up (its own words per group, "新开工项目小计" or a plain "小计").
Group rows may go two levels deep (一、新开工项目 over （一）工业项目): the lower ones are
written with the group row's prototype and their own words; each upper group adds up its lower
ones.
The form's money columns may be in 亿元 or 元 (all in one unit): amounts are divided exactly.

What the form keeps: every cell above and below the data area, column widths, merges, print
set-up; its group rows' own words and numbering, a count slot "（ 个）" filled with the count;
blanks such as "1—  月", "2026年  月底", "  年  月  日" and an empty "填报单位：" become text tokens
filled at export. A column the program has no figure for stays empty and is named in
:attr:`SheetLayout.notes`; a token already written under the header (``{{联系人}}``) fills its
column whatever the header says.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from exports import summary_form
from exports.fields import FIELDS, TOKEN, normalise_token
from exports.form_groups import group_key, grouping
from exports.form_prototypes import AGGREGATED, money_unit, row_texts, write_aggregate, write_item
from exports.form_rows import capture_row, capture_rows, clear_from, place_row, restore_rows
from exports.sheets.grid import CellRange, SheetError, SheetGrid
from exports.sheets.headers import HeaderError, HeaderMap, find_header, recognise
from exports.sheets.rows import RowKind, classify_rows
from exports.template import (
    NOTES_SHEET,
    FormGroup,
    SheetLayout,
    _analyse,
    fill_text,
)

#: recognised column (field key of :mod:`exports.sheets.headers`) → the token that fills it
FIELD_TOKENS = {
    "serial": "序号", "name": "项目名称", "code": "项目代码", "stage": "建设性质",
    "location": "建设地点", "scale": "建设规模及主要内容", "years": "建设起止年限",
    "total_investment": "总投资", "investment_central": "中央预算内投资",
    "investment_bonds": "地方政府专项债券", "investment_fiscal": "省市县财政",
    "investment_loans": "银行贷款", "investment_self": "企业自筹",
    "prior_cumulative": "截至上年底累计完成投资", "annual_plan": "本年计划投资",
    "ytd_investment": "1—N月完成投资", "completion_rate": "占年度计划",
    "month_investment": "本月完成投资", "cumulative_investment": "截至本月累计完成投资",
    "progress": "形象进度", "problems": "存在问题", "next_steps": "下步计划",
    "unit": "责任单位", "leader": "责任领导", "contact": "联系人", "phone": "联系电话",
    "remarks": "备注", "category": "领域", "township": "乡镇", "level": "级别",
    "planned_start": "计划开工", "planned_finish": "计划竣工", "actual_start": "实际开工",
    "actual_finish": "实际竣工", "started": "开工情况", "annual_goal": "年度建设目标",
}

#: blanks a form leaves for the period and the date, and what fills them
_BLANKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"1\s*[—－\-–~～至]\s*[ 　_]*月"), "{{1—N月}}"),
    (re.compile(r"(20\d{2})\s*年[ 　_]+月"), r"\1年{{月份}}月"),
    (re.compile(r"[ 　_]*年[ 　_]+月[ 　_]+日"), "{{填报日期}}"),
    (re.compile(r"[ 　_]+年[ 　_]+月(?!\s*[0-9日])"), "{{年度}}年{{月份}}月"),
    (re.compile(r"((?:填报|填表|报送)单位(?:[（(]盖章[)）])?[:：])[ 　_]*?"
                r"(?=$|[ 　]{2,}|填报|报送)"), r"\1{{填报单位}}"),
    (re.compile(r"((?:县[（(]市、区[)）]|地区|县区)[:：])[ 　_]*?(?=$|[ 　]{2,})"), r"\1{{地区}}"),
    # a header of the month alone, "  月份" or "  月" over 完成投资: the report's month
    (re.compile(r"^[ 　_]+月(份)?(?=$|完成|投资)"), r"{{月份}}月\1"),
)
#: what the header is read as once filled (the recogniser needs a month in "1—N月")
_SAMPLE = {"1—N月": "1—12月", "月份": "12", "年度": "2026", "填报日期": "2026年12月31日",
           "填报单位": "", "地区": "", "报告期": "2026年12月"}



def convert(path: Path, wb: Workbook) -> list[SheetLayout]:
    """Turn every sheet of ``wb`` whose header is recognised into a template sheet (in place);
    the sheets' layouts. Raises :class:`TemplateError` for a form the program cannot fill."""
    layouts = []
    for ws in wb.worksheets:
        if ws.title == NOTES_SHEET or ws.sheet_state != "visible":
            continue
        layouts += _convert_sheet(path, wb, ws)
    return layouts


def fill_blanks(text: str) -> str:
    """``text`` with its blanks for the period, date, office and county made text tokens."""
    for pattern, replacement in _BLANKS:
        text = pattern.sub(replacement, text)
    return text


def grid_of(path: Path, wb: Workbook, ws: Worksheet) -> SheetGrid:
    """The sheet as the importer's :class:`SheetGrid` (0-based), text tokens read as filled."""
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append(["" if v is None else (fill_text(v, _SAMPLE) if isinstance(v, str) else v)
                     for v in row])
    merged = tuple(CellRange(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                   for m in ws.merged_cells.ranges)
    return SheetGrid(path=path, sheet=ws.title, sheet_names=tuple(wb.sheetnames), rows=rows,
                     merged=merged)


# --- one sheet ---------------------------------------------------------------------------------


def _convert_sheet(path: Path, wb: Workbook, ws: Worksheet) -> list[SheetLayout]:
    """The layouts of ``ws``: its list of projects, or its summary tables (several where the
    sheet holds one under another)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and not TOKEN.fullmatch(cell.value.strip()):
                filled = fill_blanks(cell.value)
                if filled != cell.value:
                    cell.value = filled
    grid = grid_of(path, wb, ws)
    try:
        header = find_header(grid)
    except HeaderError as error:  # no 项目名称: perhaps a 汇总表, one row per group
        return summary_form.convert_blocks(path, ws, error.header,
                                           lambda: grid_of(path, wb, ws)) if error.header else []
    except SheetError:
        return []
    data_start = header.last_row + 2  # 1-based
    width = max(grid.n_cols, 1)
    tokens, notes = _column_tokens(ws, header, data_start, width)
    unit = money_unit(ws, header, tokens)
    if unit != "万元":
        notes.append(f"金额按表格的单位{unit}填写（由万元换算，数值不舍入）")
    rows = classify_rows(grid, header)
    kinds = {s.row + 1: s.kind for s in rows.skipped}
    for p in rows.projects:
        kinds[p.row + 1] = RowKind.PROJECT
        for part in p.parts:
            kinds[part.row + 1] = RowKind.PROJECT
    next_table = _next_table(grid, data_start)
    if next_table is not None:  # a second table under the list (附：分领域汇总): no footer
        r = next_table - 1
        while r >= data_start and kinds.get(r, RowKind.BLANK) in _LOOSE \
                and not _has_border(ws, r, width):
            r -= 1
        for below in range(r + 1, ws.max_row + 1):
            kinds[below] = RowKind.NOTE
    footer = ws.max_row + 1
    for r in range(ws.max_row, data_start - 1, -1):
        row_kind = kinds.get(r, RowKind.BLANK)
        if row_kind is RowKind.UNNAMED and _numbered(ws, r, header):
            kinds[r] = RowKind.BLANK  # the form's own empty line, 序号 written: no footer
            continue
        if row_kind in (RowKind.NOTE, RowKind.UNNAMED):
            footer = r
        elif row_kind is not RowKind.BLANK:
            break
    while footer - 1 > data_start and kinds.get(footer - 1, RowKind.BLANK) is RowKind.BLANK \
            and footer <= ws.max_row and not _has_border(ws, footer - 1, width):
        footer -= 1  # the blank lines between the table and its footer stay
    structure = {r: kinds.get(r, RowKind.BLANK) for r in range(data_start, footer)}
    groups = [r for r, k in structure.items() if k is RowKind.GROUP]
    subtotals = [r for r, k in structure.items() if k is RowKind.SUBTOTAL]
    group_after = False
    if not groups:
        groups, subtotals = subtotals, []
        group_after = bool(groups)
    groups, inner_of = _group_levels(ws, header, groups)
    if subtotals and inner_of:  # 小计 rows and two levels of headings: the headings add up
        notes.append(f"表格中的{len(subtotals)}个小计行未保留，各分组的合计数写在分组行中")
        subtotals = []
    if group_after and inner_of:  # subtotals under their members, two levels deep: one kept
        dropped = [group_key(_group_label(ws, r, header)) for rows in inner_of.values()
                   for r in rows]
        notes.append(f"表格的下级分组（{'、'.join(dropped)}）未保留，项目按上级分组列出")
        inner_of = {}
    totals = [r for r, k in structure.items() if k is RowKind.TOTAL]
    total = totals[0] if totals else None
    filled_rows = [r for r, k in structure.items() if k is RowKind.PROJECT]
    if filled_rows:
        notes.append(f"表格中原有的 {len(filled_rows)} 行项目内容已按数据库重新填写")
    item_source = next((r for r, k in structure.items() if k in (RowKind.BLANK, RowKind.PROJECT)
                        and _has_border(ws, r, width)), None)
    inner_rows = [r for rows in inner_of.values() for r in rows]
    total_first = total is not None and all(
        total < r for r in (*groups, *inner_rows, *filled_rows))

    label_col = _label_column(header, tokens)
    prototypes: list[tuple[str, int | None]] = []
    if total is not None and total_first:
        prototypes.append(("total", total))
    if groups and not group_after:
        prototypes.append(("heading" if subtotals else "group", groups[0]))
    prototypes.append(("item", item_source))
    if subtotals:
        prototypes.append(("group", subtotals[0]))
    elif groups and group_after:
        prototypes.append(("group", groups[0]))
    if total is not None and not total_first:
        prototypes.append(("total", total))

    by, keys = grouping([_group_label(ws, r, header) for r in groups])
    group_texts = [row_texts(ws, r, width, tokens) for r in groups]
    heading_texts: list[dict[int, str] | None] = [None] * len(groups)
    if subtotals:  # each group's words head it; its 小计 row's words close it
        heading_texts = list(group_texts)
        group_texts = [row_texts(ws, _closing(r, groups, subtotals), width, tokens)
                       for r in groups]
    sub_by, sub_keys = grouping([_group_label(ws, r, header) for r in inner_rows])
    key_of = dict(zip(inner_rows, sub_keys, strict=True))
    subgroups = {outer: [FormGroup(key_of[r], row_texts(ws, r, width, tokens)) for r in rows]
                 for outer, rows in inner_of.items()}
    total_texts = row_texts(ws, total, width, tokens) if total is not None else {}
    style_source = item_source or (groups[0] if groups else total) or data_start - 1
    saved = {kind: capture_row(ws, r if r is not None else style_source, width)
             for kind, r in prototypes}
    tail = capture_rows(ws, footer, ws.max_row, width)
    clear_from(ws, data_start)

    for offset, (kind, source) in enumerate(prototypes):
        r = data_start + offset
        written = set(tokens) if kind == "item" else {
            c for c, t in tokens.items() if t in AGGREGATED and kind != "heading"}
        if place_row(ws, r, saved[kind], written) and kind != "item":
            notes.append("表格的分组行或合计行整行合并，已在金额列前拆分，以填写各组合计数")
        if kind == "item":
            write_item(ws, r, tokens, plain=source is None)
        elif kind == "heading":
            write_aggregate(ws, r, kind, heading_texts[0] or {}, {}, label_col, by)
        else:
            texts = (group_texts[0] if kind == "group" else total_texts)
            write_aggregate(ws, r, kind, texts, tokens, label_col, by)
    restore_rows(ws, data_start + len(prototypes), tail)

    layout = _analyse(path, ws)
    if layout is None:  # cannot happen: the item row holds tokens
        return []
    if total is not None:
        total_proto = layout.prototype("total")
        assert total_proto is not None
        total_proto.keep_words(total_texts)
    if groups:
        layout.group_by = by
        layout.groups = [FormGroup(key, texts, subgroups.get(r, []), heading)
                         for r, key, texts, heading
                         in zip(groups, keys, group_texts, heading_texts, strict=True)]
        layout.subgroup_by = sub_by if subgroups else None
    layout.notes = notes
    layout.money_unit = unit
    if next_table is None:
        return [layout]
    found = summary_form.header_below(grid_of(path, wb, ws), layout.last_row, header)
    summaries = summary_form.convert_blocks(path, ws, found, lambda: grid_of(path, wb, ws),
                                            layout.last_row + 1) \
        if found is not None and found.col("name") is None else []
    if not summaries:
        notes.append("表格下方的另一张表未能填写，按原样保留（请把它放在单独的工作表中）")
    return [layout, *summaries]


#: rows between a list and a table under it that belong to neither (附：…, blank lines)
_LOOSE = frozenset({RowKind.BLANK, RowKind.NOTE, RowKind.UNNAMED, RowKind.GROUP})


def _next_table(grid: SheetGrid, data_start: int) -> int | None:
    """The (1-based) header row of a second table below the list's data: a row starting with
    序号 and naming at least two columns the program knows."""
    for r in range(data_start - 1, grid.n_rows):
        texts = [t for t in (grid.text(r, c).strip() for c in range(grid.n_cols)) if t]
        if texts and re.sub(r"\s", "", texts[0]) == "序号" and sum(
                1 for t in texts[1:] if recognise(t)) >= 2:
            return r + 1
    return None


def _closing(group: int, groups: list[int], subtotals: list[int]) -> int:
    """The 小计 row closing the group headed on row ``group``: the first below it and above the
    next group's heading; the form's first 小计 row's words where it has none of its own."""
    following = [r for r in groups if r > group]
    end = following[0] if following else None
    return next((r for r in subtotals if r > group and (end is None or r < end)), subtotals[0])


def _column_tokens(ws: Worksheet, header: HeaderMap, data_start: int,
                   width: int) -> tuple[dict[int, str], list[str]]:
    """Column (1-based) → token; and a note naming the columns left empty."""
    tokens: dict[int, str] = {}
    unfilled: list[str] = []
    for column in sorted(header.columns.values(), key=lambda c: c.col):
        token = FIELD_TOKENS.get(column.field)
        if token is None or token in tokens.values():
            unfilled.append(column.text.replace(" / ", ""))
            continue
        tokens[column.col + 1] = token
    unfilled += [text.replace(" / ", "") for _, text in header.unrecognised]
    # tokens written under the header say what a column holds, whatever its header is
    for row in ws.iter_rows(min_row=data_start, max_col=width):
        for cell in row:
            if isinstance(cell.value, str):
                match = TOKEN.fullmatch(cell.value.strip())
                if match and normalise_token(match.group(1)) in FIELDS:
                    tokens[cell.column] = normalise_token(match.group(1))
                    cell.value = None
    notes = [f"以下列程序无法填写，已留空：{'、'.join(unfilled)}"] if unfilled else []
    return tokens, notes


def _label_column(header: HeaderMap, tokens: dict[int, str]) -> int:
    name = header.col("name")
    return name + 1 if name is not None else min(tokens)


def _group_label(ws: Worksheet, r: int, header: HeaderMap) -> str:
    name = header.col("name")
    if name is not None and isinstance(ws.cell(r, name + 1).value, str):
        return str(ws.cell(r, name + 1).value)
    return next((str(c.value) for c in ws[r] if isinstance(c.value, str) and c.value.strip()), "")


def _group_levels(ws: Worksheet, header: HeaderMap, rows: list[int]
                  ) -> tuple[list[int], dict[int, list[int]]]:
    """The outer group rows (一、) and, under each, the rows of its lower-level groups
    (（一）); all rows as one level when the form has only one."""
    serial = header.col("serial")

    def inner(r: int) -> bool:
        texts = [_group_label(ws, r, header)]
        if serial is not None:
            texts.append(str(ws.cell(r, serial + 1).value or ""))
        return any(re.match(r"\s*[（(][一二三四五六七八九十]+[)）]", t) for t in texts)

    outer = [r for r in rows if not inner(r)]
    if not outer or len(outer) == len(rows):
        return rows, {}
    inner_of: dict[int, list[int]] = {}
    for r in rows:
        if r not in outer:
            above = [o for o in outer if o < r]
            # a lower-level group above every outer one heads nothing: one of the outer ones
            inner_of.setdefault(above[-1] if above else outer[0], []).append(r)
    return outer, inner_of


def _numbered(ws: Worksheet, r: int, header: HeaderMap) -> bool:
    """Row ``r`` has a whole number in its 序号 (a form's empty line numbered in advance)."""
    serial = header.col("serial")
    value = ws.cell(r, serial + 1).value if serial is not None else None
    return isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit())


def _has_border(ws: Worksheet, r: int, width: int) -> bool:
    return any(ws.cell(r, c).border.left.style or ws.cell(r, c).border.bottom.style
               for c in range(1, width + 1))
