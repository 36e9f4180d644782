"""Importing monthly figures from Excel: our own report, a mapped layout, or the workbooks that
townships and departments send back.

This module reads; :mod:`portfolio.monthly.importing` decides. Reading never touches the
database: :func:`read_file` opens a workbook, finds its header (:mod:`exports.xlsx_headers`),
and reads each project's line into plain data (:class:`~portfolio.monthly.importing.ImportLine`),
placing every problem at its file, sheet, row and column in Chinese. :func:`preview` reads
every file and hands the lines to :func:`portfolio.monthly.importing.compare`, which matches
them to projects and compares them with the database; :func:`apply` writes in one
transaction, and any error leaves the database untouched.

Which column holds which figure comes from the template (:mod:`exports.template`): its header
texts are looked for in the file, wherever the columns stand, with the usual synonyms. Empty
cells mean "not reported" and change nothing; a zero is a zero.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from exports import template as templates
from exports.fields import FIELDS, Kind
from exports.output import ProgressFn, tick
from exports.template import SheetLayout, Template
from exports.xlsx import PERIOD_PROPERTY
from exports.xlsx_cells import integer, is_money_text, money, money_message
from exports.xlsx_headers import HeaderRow, expected_headers, find_header
from exports.xlsx_open import open_workbook
from portfolio.money import MoneyError
from portfolio.monthly.columns import TEXT_LIMIT
from portfolio.monthly.importing import (
    FIGURES,
    Change,
    Conflict,
    FileReading,
    ImportFailed,
    ImportLine,
    ImportPreview,
    apply,
    compare,
)
from portfolio.periods import Period
from portfolio.provenance import Problem, Source, Unmatched

NUMERAL_LABEL = re.compile(r"^[一二三四五六七八九十]+$")
SUMMARY_LABEL = re.compile(
    r"^(合\s*计|总\s*计|小\s*计)|小计$|^[一二三四五六七八九十]+、|（\d+个）$")
YEAR_IN_TITLE = re.compile(r"(20\d{2})\s*年")
SUM_FORMULA = re.compile(r"^=\s*(SUM|SUBTOTAL)\s*\(", re.IGNORECASE)


def _period_of(wb: Any, ws: Worksheet, header: HeaderRow) -> tuple[Period | None, str | None]:
    """The report's month: from our property, else the header's 1—N月 and the title's year."""
    stated = None
    try:
        prop = wb.custom_doc_props[PERIOD_PROPERTY]
        stated = Period.parse(str(prop.value))
    except (KeyError, ValueError, AttributeError):
        stated = None
    year = None
    for r in range(1, header.row):
        for c in range(1, ws.max_column + 1):
            value = ws.cell(r, c).value
            if isinstance(value, str) and (match := YEAR_IN_TITLE.search(value)):
                year = int(match.group(1))
                break
        if year:
            break
    from_header = Period(year, header.month) if year and header.month else None
    if stated and from_header and stated != from_header:
        return None, (f"工作簿记录的报告期为{stated.label}，但表头为1—{header.month}月"
                      f"、标题为{year}年，二者不一致")
    return stated or from_header, None


def read_file(path: Path, layout: SheetLayout, period: Period | None = None,
              progress: ProgressFn | None = None) -> FileReading:
    """Read the lines of one workbook (no database access)."""
    reading = FileReading(path.name)
    wb = open_workbook(path, reading.problems)
    if wb is None:
        return reading
    expected = expected_headers(layout)
    found: tuple[Worksheet, HeaderRow] | None = None
    ordered = sorted(wb.worksheets, key=lambda s: s.title != layout.title)
    for ws in ordered:
        header = find_header(ws, expected)
        if header is not None:
            found = (ws, header)
            break
    if found is None:
        names = "、".join(f"“{s.title}”" for s in wb.worksheets)
        wanted = "、".join(f"“{t}”" for t in ("编号", "项目名称", "本月完成投资", "形象进度"))
        reading.problems.append(Problem(
            path.name,
            f"找不到明细表：工作簿中的工作表（{names}）都没有 {wanted} 等表头；"
            f"请导入按“{layout.title}”格式填写的工作簿，或在报表设置中选择对应的模板",
        ))
        return reading
    ws, header = found
    reading.sheet = ws.title
    reading.headers = {t: header.texts[c] for c, t in header.columns.items()}
    file_period, problem = _period_of(wb, ws, header)
    if problem:
        reading.problems.append(Problem(path.name, problem, ws.title))
    reading.period = period or file_period
    if reading.period is None and not problem:
        reading.problems.append(Problem(
            path.name, "无法确定报告月份（表头中没有“1—N月”、标题中没有年份），请指定导入的月份",
            ws.title,
        ))
    _read_lines(path, wb, ws, header, reading, progress)
    return reading


def _read_lines(path: Path, wb: Any, ws: Worksheet, header: HeaderRow, reading: FileReading,
                progress: ProgressFn | None) -> None:
    name = path.name
    columns = header.columns
    by_token = {t: c for c, t in columns.items()}
    first = header.row + 1
    last = ws.max_row
    # a header on two rows (merged above, texts below) ends where the numbers begin
    money_columns = [c for c, t in columns.items() if FIELDS[t].kind == Kind.MONEY]
    merged_rows = _merged_data_cells(ws, first, columns)
    cached: Worksheet | None = None
    text_errors: dict[int, list[Problem]] = defaultdict(list)
    rows_read = 0
    # only rows that hold cells: one stray value in row 1,048,576 is not a million rows to read
    used = sorted({r for r, _c in ws._cells if r >= first})
    for r in used:
        if (r - first) % 500 == 0:
            tick(progress, r - first, last - first + 1)
        cells = {c: ws.cell(r, c).value for c in columns}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        name_value = cells.get(by_token.get("项目名称", -1))
        label = str(name_value).strip() if name_value is not None else ""
        number = cells.get(by_token.get("序号", -1))
        formulas = any(isinstance(cells[c], str) and SUM_FORMULA.match(cells[c])
                       for c in money_columns)
        if (SUMMARY_LABEL.search(label) or formulas
                or (isinstance(number, str) and NUMERAL_LABEL.match(number.strip()))):
            continue
        if r in merged_rows:
            for (r1, r2, c) in merged_rows.pop(r):
                reading.problems.append(Problem(
                    name, f"第{r1}—{r2}行为合并单元格，请取消合并并逐行填写后再导入",
                    ws.title, r1, c, header.texts.get(c, ""),
                ))
            continue
        line = ImportLine(Source(name, ws.title, r), None, label, {}, {})
        identity = cells.get(by_token.get("编号", -1))
        bad_identity = False
        if identity not in (None, ""):
            try:
                line.project_id = integer(identity)
            except ValueError:
                column = by_token["编号"]
                text_errors[column].append(Problem(
                    name, f"编号“{identity}”不是整数", ws.title, r, column,
                    header.texts[column]))
                bad_identity = True  # the figures are still read, to see if columns shifted
        reports = any(FIELDS[t].imports_to and cells[c] not in (None, "")
                      for c, t in columns.items())
        if line.project_id is None and not reports and not bad_identity:
            continue  # reports nothing: a note or a signature line below the table
        if line.project_id is None and not label and not bad_identity:
            reading.problems.append(Problem(
                name, "缺少项目名称（或编号），无法对应项目", ws.title, r,
                by_token.get("项目名称") or by_token.get("编号"), "项目名称",
            ))
            continue
        rows_read += 1
        for c, token in columns.items():
            value = cells[c]
            target = FIELDS[token].imports_to
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if not target:
                if (FIELDS[token].kind == Kind.MONEY and isinstance(value, str)
                        and not value.startswith("=") and not is_money_text(value)):
                    # not imported, but text here says the columns may have shifted
                    text_errors[c].append(Problem(
                        name, f"“{value}”不是数字", ws.title, r, c, header.texts[c]))
                continue
            is_money = FIELDS[token].kind == Kind.MONEY
            if isinstance(value, str) and value.startswith("=") and is_money:
                if cached is None:
                    values_wb = open_workbook(path, reading.problems, values=True)
                    cached = values_wb[ws.title] if values_wb is not None else ws
                value = cached.cell(r, c).value
                if value is None:
                    reading.problems.append(Problem(
                        name, "公式没有计算结果：请在 Excel 或 WPS 中打开、保存后再导入",
                        ws.title, r, c, header.texts[c]))
                    continue
            if FIELDS[token].kind == Kind.MONEY:
                try:
                    amount = money(value)
                except (MoneyError, ValueError, InvalidOperation) as error:
                    problem = Problem(name, money_message(error, value), ws.title, r, c,
                                      header.texts[c])
                    if isinstance(value, str):
                        text_errors[c].append(problem)
                    else:
                        reading.problems.append(problem)
                    continue
                if target == "ytd":
                    line.ytd, line.ytd_column = amount, c
                else:
                    line.values[target] = amount
                    line.columns[target] = c
            else:
                text = str(value).strip() if not isinstance(value, float) else f"{value:g}"
                if len(text) > TEXT_LIMIT:
                    reading.problems.append(Problem(
                        name, f"内容过长（{len(text)}字，最多{TEXT_LIMIT}字）",
                        ws.title, r, c, header.texts[c]))
                    continue
                line.values[target] = text
                line.columns[target] = c
        if not bad_identity:
            reading.lines.append(line)
    for merged in merged_rows.values():  # merged cells in lines that were not read
        for (r1, r2, c) in merged:
            reading.problems.append(Problem(
                name, f"第{r1}—{r2}行为合并单元格，请取消合并并逐行填写后再导入",
                ws.title, r1, c, header.texts.get(c, "")))
    imported = {c for c, t in columns.items() if FIELDS[t].imports_to or FIELDS[t].identifies}
    for c, problems in text_errors.items():
        if len(problems) >= 2 and len(problems) * 2 >= max(rows_read, 1):
            example = problems[0]
            reading.problems.insert(0, Problem(
                name,
                f"该列有{len(problems)}行不是数字（如第{example.row}行：{example.message}），"
                "表头与数据可能错位，请核对各列是否与表头对应",
                ws.title, None, c, header.texts[c]))
        elif c in imported:
            reading.problems.extend(problems)


def _merged_data_cells(ws: Worksheet, first: int,
                       columns: dict[int, str]) -> dict[int, list[tuple[int, int, int]]]:
    """Row → merged ranges spanning several data rows in an imported column."""
    found: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for merged in ws.merged_cells.ranges:
        if merged.max_row < first or merged.max_row == merged.min_row:
            continue
        for c in columns:
            if merged.min_col <= c <= merged.max_col:
                found[max(merged.min_row, first)].append((merged.min_row, merged.max_row, c))
                break
    return found


def preview(
    session: Session,
    paths: Sequence[Path | str],
    *,
    period: Period | None = None,
    template: Template | None = None,
    progress: ProgressFn | None = None,
) -> ImportPreview:
    """Read ``paths`` and compare them with the database; writes nothing."""
    template = template or templates.load()
    layout = template.sheet("detail")
    files = [Path(p) for p in paths]
    if layout is None:
        result = ImportPreview([p.name for p in files], period)
        result.errors.append(Problem(template.path.name, "模板中没有项目明细表，无法用于导入"))
        return result
    readings = []
    for index, path in enumerate(files):
        tick(progress, index, len(files) + 1)
        readings.append(read_file(path, layout, period))
    result = compare(session, readings, period=period)
    tick(progress, len(files) + 1, len(files) + 1)
    return result


__all__ = [
    "FIGURES",
    "Change",
    "Conflict",
    "ImportFailed",
    "ImportPreview",
    "Problem",
    "Source",
    "Unmatched",
    "apply",
    "compare",
    "preview",
    "read_file",
]
