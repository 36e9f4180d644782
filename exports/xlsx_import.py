"""Importing monthly figures from spreadsheets: our own report, a mapped layout, or the 调度表
that townships and departments send back in their own wording (.xlsx, .xlsm, .xls, .ods, .csv).

This module reads; :mod:`portfolio.monthly.importing` decides. Reading never touches the
database: :func:`read_file` reads a sheet through :mod:`exports.sheets` (the one header
recogniser of every spreadsheet we read, with the template's own header texts and a user's
``--mapping`` tried first), and turns each project's row into plain data
(:class:`~portfolio.monthly.importing.ImportLine`), placing every problem at its file, sheet,
row and column in Chinese. :func:`preview` reads every file and hands the lines to
:func:`portfolio.monthly.importing.compare`, which matches them to projects and compares them
with the database; :func:`apply` writes in one transaction, and any error leaves the database
untouched.

The month comes from our own stamp (:data:`exports.xlsx.PERIOD_PROPERTY`), else a 1—N月 header,
else the title, else the file name, else the caller's ``period``; a file and a caller that
disagree is an error. Empty cells mean "not reported" and change nothing; a zero is a zero. A
file that yields nothing always says why, naming the columns it recognised and those it did not.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from sqlalchemy.orm import Session

from exports import template as templates
from exports.forms.returned import check_returned, form_stamp, wrong_period
from exports.output import ProgressFn, tick
from exports.sheets import values as v
from exports.sheets.grid import Cell, SheetError, SheetGrid, cell_text, read_grid, sheet_names
from exports.sheets.headers import MONEY_FIELDS, HeaderMap, find_header, known_key
from exports.sheets.rows import ProjectRow, RowKind, classify_rows
from exports.template import SheetLayout, Template
from exports.xlsx import PERIOD_PROPERTY
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
)}
MERGED_MONEY = "第{first}—{last}行为合并单元格，金额无法分到各个项目，请取消合并并逐行填写后再导入"
_MONEY_TYPES = (int, float)
_LOOSE_PERIODS = (
    re.compile(r"(20\d{2})年(\d{1,2})月"),
    re.compile(r"(20\d{2})[-._/](\d{1,2})(?!\d)"),
    re.compile(r"(20\d{2})(0[1-9]|1[0-2])(?!\d)"),
)
_MONTH_ONLY = re.compile(r"1-(\d{1,2})月|(?<![\d-])(\d{1,2})月")
_YEAR = re.compile(r"(20\d{2})年?")


def template_known(layout: SheetLayout) -> dict[str, str]:
    """The template's own header texts (``known_key`` → field key) for the recogniser."""
    known = dict(BUILTIN_KNOWN)
    for column, token in layout.line.tokens.items():
        key = TOKEN_FIELDS.get(token)
        text = layout.headers.get(column, "")
        if key and text and not re.fullmatch(r"\{\{[^}]*\}\}", text):
            known[known_key(text)] = key
    return known


def read_file(path: Path, layout: SheetLayout, period: Period | None = None,
              progress: ProgressFn | None = None,
              mapping: Mapping[str, str] | None = None) -> FileReading:
    """Read the lines of one file (no database access). ``mapping`` (from
    :func:`exports.sheets.mapping.load_mapping`) overrides the automatic recognition."""
    reading = FileReading(path.name)
    known = {**template_known(layout), **(mapping or {})}
    found = _find_table(path, layout, known, reading)
    if found is None:
        return reading
    grid, header = found
    reading.sheet = grid.sheet
    reading.headers = {c.field: c.text for c in header.columns.values()}
    if header.col("project_id") is not None and header.col("serial") is None \
            and not (mapping and "project_id" in mapping.values()) \
            and _stamped_period(path) is None:
        _as_serial(header)  # an office's lone "编号" counts its rows, it is not our 编号
    stamp = form_stamp(grid, header)  # our 填报表: its stamp decides the month
    if stamp and period and stamp[0].period != period:
        reading.problems.append(Problem(path.name, wrong_period(stamp[0], period), grid.sheet))
        return reading
    reading.period = _period(path, grid, header, period, reading)
    _read_lines(grid, header, reading, progress)
    if stamp:
        check_returned(grid, header, reading)
    _say_why_empty(grid, header, reading)
    return reading


# --- finding the table ---------------------------------------------------------------------


def _figures(header: HeaderMap) -> list[int]:
    return [c.col for c in header.columns.values() if c.field in FIELD_FIGURES]


def _find_table(path: Path, layout: SheetLayout, known: Mapping[str, str],
                reading: FileReading) -> tuple[SheetGrid, HeaderMap] | None:
    """The sheet with figures to import (the template's sheet first), else the first with a
    header (its lack of figures is reported), else a problem saying what each sheet lacks."""
    try:
        names = sheet_names(path)
    except SheetError as error:
        reading.problems.append(Problem(path.name, _unreadable(path, error)))
        return None
    names.sort(key=lambda n: n != layout.title)
    fallback: tuple[SheetGrid, HeaderMap] | None = None
    for name in names:
        try:
            grid = read_grid(path, name if path.suffix.lower() != ".csv" else None)
            header = find_header(grid, known)
        except SheetError as error:
            if any(word in str(error) for word in ("加密", "损坏", "恶意构造")):
                reading.problems.append(Problem(path.name, _unreadable(path, error)))
                return None
            continue
        if _figures(header):
            return grid, header
        fallback = fallback or (grid, header)
    if fallback is not None:
        grid, header = fallback
        reading.sheet = grid.sheet
        reading.problems.append(Problem(
            path.name, "没有识别出可导入的列（" + "、".join(FIELD_NAMES.values()) + "）；"
            + _columns_said(header) + "。如表头用词不同，请用 --mapping 指定各列的含义",
            grid.sheet))
        return None
    listed = "、".join(f"“{n}”" for n in names)
    wanted = "、".join(f"“{t}”" for t in ("项目名称", "本月完成投资", "1—N月完成投资", "形象进度"))
    reading.problems.append(Problem(
        path.name,
        f"找不到明细表：工作簿中的工作表（{listed}）都没有 {wanted} 等表头；"
        f"请导入按“{layout.title}”格式或各乡镇调度表格式填写的工作簿",
    ))
    return None


def _columns_said(header: HeaderMap) -> str:
    found = "、".join(f"“{c.text}”" for c in header.columns.values()) or "无"
    unknown = "、".join(f"“{text}”" for _, text in header.unrecognised) or "无"
    return f"已识别的列：{found}；未识别的列：{unknown}"


def _unreadable(path: Path, error: SheetError) -> str:
    """The reason a file cannot be read, in the words users know from Excel."""
    text = str(error)
    if any(word in text for word in ("加密", "恶意构造", "不支持的文件类型", "找不到文件")):
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
    return ("不是 Excel 工作簿（.xlsx、.xls）、WPS/LibreOffice 表格（.ods）"
            "或 CSV 文件，无法读取")


def _as_serial(header: HeaderMap) -> None:
    column = header.column("project_id")
    assert column is not None
    header.columns[column.col] = type(column)(column.col, "serial", column.text)


# --- the month -----------------------------------------------------------------------------


def _stamped_period(path: Path) -> Period | None:
    """The month our own report recorded in the workbook's custom properties."""
    try:
        with zipfile.ZipFile(path) as zf:
            xml = zf.read("docProps/custom.xml").decode("utf-8")
    except (KeyError, OSError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    found = re.search(rf'name="{PERIOD_PROPERTY}"[^>]*>\s*<vt:\w+>([^<]*)<', xml)
    try:
        return Period.parse(found.group(1).strip()) if found else None
    except ValueError:
        return None


def _loose_period(text: str) -> tuple[int | None, int | None]:
    """(year, month) a title or file name names: "2026年4月份", "2026-04", "202604", "4月"."""
    flat = re.sub(r"\s+", "", text).replace("—", "-").replace("－", "-")
    for pattern in _LOOSE_PERIODS:
        found = pattern.search(flat)
        if found and 1 <= int(found.group(2)) <= 12:
            return int(found.group(1)), int(found.group(2))
    year = _YEAR.search(flat)
    month = _MONTH_ONLY.search(flat)
    number = int(month.group(1) or month.group(2)) if month else None
    return (int(year.group(1)) if year else None,
            number if number is not None and 1 <= number <= 12 else None)


def _period(path: Path, grid: SheetGrid, header: HeaderMap, given: Period | None,
            reading: FileReading) -> Period | None:
    """The file's month (see the module docstring); problems go to ``reading``."""
    stamped = _stamped_period(path)
    hint = header.period
    year, month = (hint.year, hint.month) if hint else (None, None)
    where = f"{hint.source}“{hint.text}”" if hint and hint.month else ""
    if month is None:
        for source, text in (("标题", header.title), ("文件名", path.stem)):
            found_year, found_month = _loose_period(text)
            year = year or found_year
            if found_month:
                month, where = found_month, f"{source}“{text}”"
                break
    if month is not None and year is None:
        known_period = stamped or given
        year = known_period.year if known_period is not None else None
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


# --- the rows ------------------------------------------------------------------------------


def amount(raw: Cell, unit: str = "万元") -> Decimal | None:
    """A money cell in 万元 with two decimals, ``None`` when empty or "—"; raises
    :class:`~exports.sheets.values.ValueProblem` with the message users see."""
    if isinstance(raw, bool):
        raise v.ValueProblem("应为数字（万元）")
    if not isinstance(raw, str | int | float):
        shown = f"{raw:%Y-%m-%d}" if hasattr(raw, "strftime") else cell_text(raw)
        raise v.ValueProblem(f"应为数字（万元），不能是日期“{shown}”")
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("约") or text.endswith(("左右", "多", "余")):
            raise v.ValueProblem(f"“{text}”不是数字（金额应填确数，如 125.50）")
        try:
            value = v.parse_money(raw, unit)
        except v.ValueProblem:
            raise v.ValueProblem(f"“{text}”不是数字（金额应填万元数，如 125.50）") from None
    else:
        value = v.parse_money(raw, unit)
    if value is None:
        return None
    if value < 0:
        raise v.ValueProblem("不能为负数")
    rounded = value.quantize(Decimal("0.01"))
    if rounded != value:
        raise v.ValueProblem("最多保留两位小数（万元）")
    return rounded


@lru_cache(maxsize=1 << 16)
def _amount_or_message(kind: type, raw: Cell, unit: str) -> Decimal | str | None:
    """:func:`amount`, remembered: offices repeat values down a column (—, 0, the same plan)."""
    try:
        return amount(raw, unit)
    except v.ValueProblem as error:
        return str(error)


def _integer(raw: Cell) -> int:
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = cell_text(raw)
    if not text.isdigit():
        raise ValueError(raw)
    return int(text)


def _blank(raw: Cell) -> bool:
    return raw == "" or (isinstance(raw, str) and not raw.strip())


def _read_lines(grid: SheetGrid, header: HeaderMap, reading: FileReading,
                progress: ProgressFn | None) -> None:
    name, sheet = grid.path.name, grid.sheet
    columns = {c.field: c for c in reversed(header.columns.values())}  # the first wins
    figures = {f: c for f, c in columns.items() if f in FIELD_FIGURES}
    blocked = _merged_money(grid, header, figures, reading)
    year = reading.period.year if reading.period else None
    text_errors: dict[int, list[Problem]] = defaultdict(list)
    classified = classify_rows(grid, header)
    rows: list[tuple[ProjectRow, bool]] = []
    for project in classified.projects:
        rows.append((project, bool(project.parts)))
        rows.extend((part, False) for part in project.parts)
    for skipped in classified.skipped:
        if skipped.kind is RowKind.UNNAMED and any(
                not _blank(grid.merged_value(skipped.row, c.col)) for c in figures.values()):
            reading.problems.append(Problem(
                name, "缺少项目名称（或编号），无法对应项目", sheet, skipped.row + 1,
                _one_based(header.col("name")), "项目名称"))
    rows_read = 0
    for index, (project, package) in enumerate(rows):
        if index % 500 == 0:
            tick(progress, index, len(rows))
        r = project.row
        cells = project.cells
        label = cell_text(cells.get("name", "")).replace("\n", "")
        line = ImportLine(Source(name, sheet, r + 1), None, label, {}, {})
        bad_identity = False
        identity = cells.get("project_id", "")
        if not _blank(identity):
            try:
                line.project_id = _integer(identity)
            except ValueError:
                column = columns["project_id"]
                text_errors[column.col].append(Problem(
                    name, f"编号“{cell_text(identity)}”不是整数", sheet, r + 1, column.col + 1,
                    column.text))
                bad_identity = True  # the figures are still read, to see if columns shifted
        reports = any(not _blank(cells.get(f, "")) for f in figures)
        if line.project_id is None and not reports and not bad_identity:
            continue  # reports nothing: a line of another kind below the table
        rows_read += 1
        for key, column in columns.items():
            raw = cells.get(key, "")
            if _blank(raw) or (r, column.col) in blocked:
                continue
            problem = _read_cell(line, key, column, raw, package, year)
            if problem is None:
                continue
            placed = Problem(name, problem, sheet, r + 1, column.col + 1, column.text)
            if isinstance(raw, str) and key in MONEY_FIELDS:
                text_errors[column.col].append(placed)
            elif key in FIELD_FIGURES:
                reading.problems.append(placed)
        if not bad_identity:
            reading.lines.append(line)
    imported = {c.col for c in figures.values()} | {
        c.col for f, c in columns.items() if f == "project_id"}
    for col, problems in text_errors.items():
        if len(problems) >= 2 and len(problems) * 2 >= max(rows_read, 1):
            example = problems[0]
            reading.problems.insert(0, Problem(
                name, f"该列有{len(problems)}行不是数字（如第{example.row}行：{example.message}），"
                      "表头与数据可能错位，请核对各列是否与表头对应",
                sheet, None, col + 1, problems[0].header))
        elif col in imported:
            reading.problems.extend(problems)


def _one_based(col: int | None) -> int | None:
    return None if col is None else col + 1


def _read_cell(line: ImportLine, key: str, column, raw: Cell,  # type: ignore[no-untyped-def]
               package: bool, year: int | None) -> str | None:
    """Put one cell's value into ``line``; the problem's message, if any."""
    target = FIELD_FIGURES.get(key)
    if key in MONEY_FIELDS:
        value = _amount_or_message(type(raw), raw, column.unit or "万元")  # type: ignore[arg-type]
        if isinstance(value, str):
            return value
        if target is None or value is None or package:
            return None  # a 打包项目's money is the sum of its parts, which are read
        if target == "ytd":
            line.ytd, line.ytd_column = value, column.col + 1
        else:
            line.values[target], line.columns[target] = value, column.col + 1
        return None
    if target is None:
        return None
    if target == "started":
        try:
            started = v.parse_bool(raw)
        except v.ValueProblem:
            try:  # "开工情况" holding the date it started
                when = v.parse_date(raw, default_year=year)
            except v.ValueProblem:
                return f"应填“已开工”“未开工”（或“是”“否”“√”）或开工日期，不能是“{cell_text(raw)}”"
            started = when is not None
            if when is not None:
                line.values.setdefault("started_on", when.date)
                line.columns.setdefault("started_on", column.col + 1)
        if started is not None:
            line.values["started"], line.columns["started"] = started, column.col + 1
        return None
    if target == "started_on":
        try:
            when = v.parse_date(raw, default_year=year)
        except v.ValueProblem as error:
            return str(error)
        if when is not None:
            line.values["started_on"], line.columns["started_on"] = when.date, column.col + 1
        return None
    text = cell_text(raw)
    if len(text) > TEXT_LIMIT:
        return f"内容过长（{len(text)}字，最多{TEXT_LIMIT}字）"
    line.values[target], line.columns[target] = text, column.col + 1
    return None


def _merged_money(grid: SheetGrid, header: HeaderMap, figures: Mapping[str, object],
                  reading: FileReading) -> set[tuple[int, int]]:
    """Cells of imported money columns merged over several rows: refused, rows named (the
    amount cannot be split), and left unread. Text merged over rows is each row's text."""
    money = {c.col: c for c in header.columns.values()
             if c.field in MONEY_FIELDS and c.field in figures}
    blocked: set[tuple[int, int]] = set()
    for m in grid.merged:
        if m.first_row <= header.last_row or m.last_row == m.first_row:
            continue
        for col in range(m.first_col, m.last_col + 1):
            if col in money:
                reading.problems.append(Problem(
                    grid.path.name, MERGED_MONEY.format(first=m.first_row + 1, last=m.last_row + 1),
                    grid.sheet, m.first_row + 1, col + 1, money[col].text))
                blocked.update((r, col) for r in range(m.first_row, m.last_row + 1))
    return blocked


def _say_why_empty(grid: SheetGrid, header: HeaderMap, reading: FileReading) -> None:
    """A file that reports nothing says so, naming what was recognised and what was not."""
    if reading.problems:
        return
    said = [c.text for c in header.columns.values() if c.field in FIELD_FIGURES]
    if not reading.lines:
        reading.warnings.append(Problem(
            grid.path.name, f"表中没有可导入的项目行（列“{'”“'.join(said)}”均未填写）；"
                            + _columns_said(header), grid.sheet))
    elif not any(line.values or line.ytd is not None for line in reading.lines):
        reading.warnings.append(Problem(
            grid.path.name, f"已识别的列“{'”“'.join(said)}”中没有填写任何数据；"
                            + _columns_said(header), grid.sheet))


# --- preview -------------------------------------------------------------------------------


def preview(
    session: Session,
    paths: Sequence[Path | str],
    *,
    period: Period | None = None,
    template: Template | None = None,
    progress: ProgressFn | None = None,
    mapping: Mapping[str, str] | None = None,
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
        readings.append(read_file(path, layout, period, mapping=mapping))
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
    "amount",
    "apply",
    "compare",
    "preview",
    "read_file",
    "template_known",
]
