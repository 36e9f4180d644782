"""Finding the table of a monthly return: the sheet, its header and the columns to import.

The sheet with figures to import wins (the template's own sheet first); the header is found
by :mod:`exports.sheets.headers`, the one recogniser of every spreadsheet we read, with the
template's header texts and a user's ``--mapping`` tried first. A workbook without such a
sheet gets a problem that says what each sheet lacks, in the words a user knows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from exports.sheets.grid import SheetError, SheetGrid, read_grid, sheet_names
from exports.sheets.headers import HeaderError, HeaderMap, find_header, known_key
from exports.template import SheetLayout
from exports.xlsx_import.period import stamped_period
from portfolio.monthly.importing import FileReading
from portfolio.periods import Period
from portfolio.provenance import Problem

#: Sheet field key → the figure of an :class:`ImportLine` it fills (``ytd``: 1—N月完成投资).
FIELD_FIGURES: dict[str, str] = {
    "month_investment": "investment",
    "ytd_investment": "ytd",
    "progress": "progress",
    "problems": "problems",
    "next_steps": "next_steps",
    "started": "started",
    "actual_start": "started_on",
}
#: The Chinese names of the importable columns, for messages.
FIELD_NAMES: dict[str, str] = {
    "month_investment": "本月完成投资", "ytd_investment": "1—N月完成投资",
    "progress": "形象进度", "problems": "存在问题", "next_steps": "下步计划",
    "started": "是否开工", "actual_start": "实际开工时间",
}
#: Template tokens whose header texts name a column the import needs.
TOKEN_FIELDS: dict[str, str] = {
    "编号": "project_id", "项目名称": "name", "序号": "serial",
    "本月完成投资": "month_investment", "1—N月完成投资": "ytd_investment",
    "形象进度": "progress", "存在问题": "problems", "下步计划": "next_steps",
    "实际开工": "actual_start",
}
#: Wordings of our own columns that the general rules read otherwise.
BUILTIN_KNOWN: dict[str, str] = {known_key(text): key for text, key in (
    ("编号", "project_id"), ("项目库编号", "project_id"), ("ID", "project_id"),
    ("id", "project_id"), ("1月完成投资", "ytd_investment"),
    ("累计完成投资（本年）", "ytd_investment"),
    # in a return, a bare 开工时间 is when the project started, not its plan
    ("开工时间", "actual_start"), ("开工日期", "actual_start"),
)}


def template_known(layout: SheetLayout) -> dict[str, str]:
    """The template's own header texts (``known_key`` → field key) for the recogniser."""
    known = dict(BUILTIN_KNOWN)
    for column, token in layout.line.tokens.items():
        key = TOKEN_FIELDS.get(token)
        text = layout.headers.get(column, "")
        if key and text and not re.fullmatch(r"\{\{[^}]*\}\}", text):
            known[known_key(text)] = key
    return known


def figures(header: HeaderMap) -> list[int]:
    """The columns of ``header`` that hold importable figures."""
    return [c.col for c in header.columns.values() if c.field in FIELD_FIGURES]


def find_tables(path: Path, layout: SheetLayout, known: Mapping[str, str],
                reading: FileReading, period: Period | None = None
                ) -> list[tuple[SheetGrid, HeaderMap]]:
    """The sheets with figures to import (:func:`_of_period`: the template's sheet first; of
    a workbook with a sheet per month, the one of ``period``; of one with a sheet per 乡镇
    for the same month, each), else none: the first sheet with a header has its lack of
    figures reported, or a problem says what each sheet lacks."""
    try:
        names = sheet_names(path)
    except SheetError as error:
        reading.problems.append(Problem(path.name, unreadable(path, error)))
        return []
    names.sort(key=lambda n: n != layout.title)
    fallback: tuple[SheetGrid, HeaderMap] | None = None
    found: list[tuple[SheetGrid, HeaderMap]] = []
    for name in names:
        try:
            grid = read_grid(path, name if path.suffix.lower() != ".csv" else None)
            header = find_header(grid, known)
        except HeaderError as error:  # no 项目名称: a system's export may name 项目代码 only
            if error.header is None or not codes_for_names(error.header):
                continue
            header = error.header
        except SheetError as error:
            if any(word in str(error) for word in ("加密", "损坏", "恶意构造")):
                reading.problems.append(Problem(path.name, unreadable(path, error)))
                return []
            continue
        if figures(header):
            found.append((grid, header))
        else:
            fallback = fallback or (grid, header)
    if found:
        return _of_period(path, found, period, reading)
    if fallback is not None:
        grid, header = fallback
        reading.sheet = grid.sheet
        reading.problems.append(Problem(
            path.name, "没有识别出可导入的列（" + "、".join(FIELD_NAMES.values()) + "）；"
            + columns_said(header) + "。如表头用词不同，请用 --mapping 指定各列的含义",
            grid.sheet))
        return []
    listed = "、".join(f"“{n}”" for n in names)
    wanted = "、".join(f"“{t}”" for t in ("项目名称", "本月完成投资", "1—N月完成投资", "形象进度"))
    reading.problems.append(Problem(
        path.name,
        f"找不到明细表：工作簿中的工作表（{listed}）都没有 {wanted} 等表头；"
        f"请导入按“{layout.title}”格式或各乡镇调度表格式填写的工作簿",
    ))
    return []


_SHEET_MONTH = re.compile(r"(?:(20\d{2})年)?(\d{1,2})月份?")


def _sheet_period(grid: SheetGrid, header: HeaderMap) -> tuple[int | None, int | None]:
    """The year and month a sheet's header or title states, else its name ("4月")."""
    hint = header.period
    if hint is not None and hint.month is not None and hint.source != "文件名":
        return hint.year, hint.month
    named = _SHEET_MONTH.search(grid.sheet or "")
    return ((int(named.group(1)) if named.group(1) else None, int(named.group(2))) if named
            else (None, None))


def _of_period(path: Path, found: list[tuple[SheetGrid, HeaderMap]], period: Period | None,
               reading: FileReading) -> list[tuple[SheetGrid, HeaderMap]]:
    """Of several sheets with figures, the one of ``period`` (else the first), and with it
    every other sheet stating the same month (a workbook of the townships' returns, a sheet
    each); the rest are named in a warning, never left out silently."""
    chosen = found[0]
    if period is not None:
        for grid, header in found:
            year, month = _sheet_period(grid, header)
            if month == period.month and year in (None, period.year):
                chosen = grid, header
                break
    if stamped_period(path) is not None:  # our own report's other sheets: not returns
        return [chosen]
    stated = _sheet_period(*chosen)
    same = [chosen] + [(grid, header) for grid, header in found if grid is not chosen[0]
                       and stated[1] is not None and _sheet_period(grid, header) == stated]
    others = [(grid.sheet, _sheet_period(grid, header)[1]) for grid, header in found
              if all(grid is not g for g, _ in same)]
    if others:
        month = stated[1]
        listed = "、".join(f"“{name}”" for name, _ in others)
        how = ("如需导入其他月份，请用 --period 指定月份（按工作表的月份选取），每次导入一个月"
               if all(m is not None and m != month for _, m in others) else
               "如需导入，请把这些工作表各另存为一个文件，与本文件一起导入")
        read = "、".join(f"“{grid.sheet}”" for grid, _ in same)
        reading.warnings.append(Problem(
            path.name, f"只导入了工作表{read}；工作表{listed}中也有可导入的数据，"
                       f"未导入。{how}", chosen[0].sheet))
    return same


def say_unrecognised_figures(grid: SheetGrid, header: HeaderMap, reading: FileReading) -> None:
    """Name each column nobody recognised that holds figures ("截至10月底完成投资"): whatever
    else the file gives is imported, but no amount is left out without a word."""
    rows = grid.rows[header.last_row + 1:]
    for col, text in header.unrecognised:
        if any(col < len(row) and type(row[col]) in (int, float) for row in rows):
            reading.warnings.append(Problem(
                grid.path.name,
                f"“{text}”列未能识别，其中的数字未导入；如是本月或1—N月完成投资，请用 --mapping "
                "把该列指定为 month_investment（本月完成投资）或 ytd_investment（1—N月完成投资）",
                grid.sheet))


def codes_for_names(header: HeaderMap) -> bool:
    """A header with 项目代码 and figures but no 项目名称 (a system's export): its codes stand
    for the names (the rows are sorted by them; :func:`exports.xlsx_import.lines.read_lines`
    matches each line by its code). Whether it was such a header."""
    code = header.column("code")
    if code is None or header.col("name") is not None or not figures(header):
        return False
    header.columns[code.col] = type(code)(code.col, "name", code.text)
    return True


def columns_said(header: HeaderMap) -> str:
    """已识别的列：…；未识别的列：… for messages about a file that gives nothing."""
    found = "、".join(f"“{c.text}”" for c in header.columns.values()) or "无"
    unknown = "、".join(f"“{text}”" for _, text in header.unrecognised) or "无"
    return f"已识别的列：{found}；未识别的列：{unknown}"


def unreadable(path: Path, error: SheetError) -> str:
    """The reason a file cannot be read, in the words users know from Excel."""
    text = str(error)
    if any(word in text for word in ("加密", "恶意构造", "不支持的文件类型", "找不到文件",
                                     "WPS 表格")):
        return text.replace(f"文件 {path.name}：", "").replace(f"：文件 {path.name}", "")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return "文件不存在"
    if head.startswith(b"PK"):
        return "文件不完整或已损坏（可能未下载或复制完整），无法作为 Excel 工作簿打开"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ("旧版 Excel（.xls）文件已损坏或不完整，无法读取；"
                "请在 Excel 或 WPS 中打开后另存再导入")
    return ("不是 Excel 工作簿（.xlsx、.xls）、WPS 表格（.et）、LibreOffice 表格（.ods）"
            "或 CSV 文件，无法读取")


def as_serial(header: HeaderMap) -> None:
    """Read the header's 编号 column as a 序号 (an office's lone "编号" counts its rows)."""
    column = header.column("project_id")
    assert column is not None
    header.columns[column.col] = type(column)(column.col, "serial", column.text)
