"""Importing monthly figures from Excel: our own report, a mapped layout, or the workbooks that
townships and departments send back.

Reading never touches the database: :func:`preview` reads every file, matches each line to a
project (by 编号, else by exact name; an ambiguous or unknown line is listed, never guessed),
merges several files for the same month (a figure two files disagree on is a conflict, shown
and not applied) and compares the result with what the database holds: new, changed (old →
new per figure) and unchanged projects. :func:`apply` then writes the new and changed figures
in one transaction through the monthly entry rules (:mod:`portfolio.monthly`: locked months,
packages, amounts past the total investment). Every problem names the file, sheet, row and
column in Chinese, and any error leaves the database untouched.

Which column holds which figure comes from the template (:mod:`exports.template`): its header
texts are looked for in the file, wherever the columns stand, with the usual synonyms. Empty
cells mean "not reported" and change nothing; a zero is a zero.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Project
from db.queries import chunked
from db.session import Database
from exports import template as templates
from exports.fields import FIELDS, Kind, normalise_token
from exports.output import ProgressFn, tick
from exports.template import SheetLayout, Template
from exports.xlsx_report import PERIOD_PROPERTY
from portfolio import monthly, safe_files
from portfolio.money import MoneyError, format_money, parse_money
from portfolio.periods import Period

#: The monthly figures an import can write, with their Chinese names.
FIGURES: dict[str, str] = {
    "investment": "本月完成投资",
    "progress": "形象进度",
    "problems": "存在问题",
    "next_steps": "下步计划",
}
#: Other spellings of header texts that mean the same column.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "项目名称": ("名称", "项目", "项目名"),
    "编号": ("项目编号", "项目库编号", "id", "ID"),
    "本月完成投资": ("当月完成投资", "本月投资", "本月完成"),
    "1—N月完成投资": ("1—N月累计完成投资", "1—N月完成", "本年累计完成投资", "今年以来完成投资",
                    "年初至今完成投资", "累计完成投资（本年）"),
    "形象进度": ("工程形象进度", "项目进展情况", "进展情况", "形象进度（进展情况）"),
    "存在问题": ("存在的问题", "问题", "存在困难和问题"),
    "下步计划": ("下步工作计划", "下一步计划", "下步工作打算"),
}
MAX_HEADER_ROWS = 20
NUMERAL_LABEL = re.compile(r"^[一二三四五六七八九十]+$")
SUMMARY_LABEL = re.compile(
    r"^(合\s*计|总\s*计|小\s*计)|小计$|^[一二三四五六七八九十]+、|（\d+个）$")
MONTH_IN_HEADER = re.compile(r"1—(\d{1,2})月")
YEAR_IN_TITLE = re.compile(r"(20\d{2})\s*年")
SUM_FORMULA = re.compile(r"^=\s*(SUM|SUBTOTAL)\s*\(", re.IGNORECASE)


class ImportFailed(Exception):
    """An import that cannot go on as a whole (e.g. the data changed since the preview)."""


@dataclass(frozen=True)
class Source:
    """Where a value came from: file, sheet and row (1-based, as Excel numbers them)."""

    file: str
    sheet: str
    row: int

    def text(self) -> str:
        return f"“{self.file}”“{self.sheet}”第{self.row}行"


@dataclass(frozen=True)
class Problem:
    """An error that blocks the import, placed as precisely as it can be."""

    file: str
    message: str
    sheet: str = ""
    row: int | None = None
    column: int | None = None
    header: str = ""

    @property
    def column_letter(self) -> str:
        return get_column_letter(self.column) if self.column else ""

    def text(self) -> str:
        where = f"文件“{self.file}”"
        if self.sheet:
            where += f"，工作表“{self.sheet}”"
        if self.row is not None:
            where += f"，第{self.row}行"
        if self.column is not None:
            where += f"{'' if self.row is not None else '，'}{self.column_letter}列"
            if self.header:
                where += f"（{self.header}）"
        elif self.header:
            where += f"，“{self.header}”列"
        return f"{where}：{self.message}"


@dataclass
class Unmatched:
    """A line that names no project, or more than one."""

    source: Source
    name: str
    project_id: int | None
    reason: str
    candidates: list[tuple[int, str]] = field(default_factory=list)

    def text(self) -> str:
        return f"{self.source.text()}“{self.name or self.project_id}”：{self.reason}"


@dataclass
class Conflict:
    """Two lines (in one file or several) give different values of one figure of a project."""

    project_id: int
    name: str
    figure: str
    values: list[tuple[Source, object]]

    def text(self) -> str:
        shown = "；".join(f"{s.text()}为“{_shown(v)}”" for s, v in self.values)
        figure = FIGURES.get(self.figure, self.figure)
        return f"{self.name}（编号{self.project_id}）的{figure}不一致：{shown}"


@dataclass
class Change:
    """One project's figures for the month: what the database holds and what the files say."""

    project_id: int
    name: str
    #: 'new' (no report for the month yet), 'changed' or 'unchanged'
    status: str
    old: dict[str, object]
    new: dict[str, object]
    sources: list[Source]

    def differences(self) -> list[tuple[str, object, object]]:
        """(figure's Chinese name, old, new) of every figure that changes."""
        return [(FIGURES[k], self.old.get(k), v) for k, v in self.new.items()
                if self.old.get(k) != v]


@dataclass
class ImportPreview:
    """What an import would do; nothing is written until :func:`apply`."""

    files: list[str]
    period: Period | None
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    #: lines read, summary lines skipped
    lines: int = 0

    def by_status(self, status: str) -> list[Change]:
        return [c for c in self.changes if c.status == status]

    @property
    def new(self) -> list[Change]:
        return self.by_status("new")

    @property
    def changed(self) -> list[Change]:
        return self.by_status("changed")

    @property
    def unchanged(self) -> list[Change]:
        return self.by_status("unchanged")

    @property
    def unresolved(self) -> bool:
        return bool(self.conflicts or self.unmatched)

    def can_apply(self, *, skip_unresolved: bool = False) -> bool:
        if self.errors or self.period is None:
            return False
        return skip_unresolved or not self.unresolved

    def summary(self) -> str:
        head = f"{self.period.label}：" if self.period else ""
        return (
            f"{head}新增 {len(self.new)} 个项目，修改 {len(self.changed)} 个，"
            f"未变 {len(self.unchanged)} 个；冲突 {len(self.conflicts)} 处，"
            f"未匹配 {len(self.unmatched)} 行，错误 {len(self.errors)} 处"
        )


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return format_money(value)
    return "" if value is None else str(value)


# ---------------------------------------------------------------------------------------------
# opening a file


def _open(path: Path, problems: list[Problem], *, values: bool = False) -> Any:
    name = path.name
    if not path.is_file():
        problems.append(Problem(name, "文件不存在"))
        return None
    try:
        safe_files.check_office_file(path)
    except safe_files.UnsafeFile as error:
        problems.append(Problem(name, error.reason))
        return None
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        problems.append(Problem(name, "这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为"
                                      " .xlsx 格式后再导入"))
        return None
    if not head.startswith(b"PK"):
        problems.append(Problem(name, "不是 Excel 工作簿（.xlsx），无法读取"))
        return None
    try:
        with path.open("rb") as handle:
            return openpyxl.load_workbook(handle, data_only=values)
    except (zipfile.BadZipFile, EOFError):
        problems.append(Problem(name, "文件不完整或已损坏（可能未下载或复制完整），无法作为 Excel"
                                      " 工作簿打开"))
    except KeyError:
        problems.append(Problem(name, "工作簿缺少必要的组成部分，文件可能已损坏"))
    except Exception as error:  # openpyxl raises many kinds for malformed parts
        problems.append(Problem(name, safe_files.xml_problem(error)
                                or f"无法读取工作簿（文件可能已损坏）：{error}"))
    return None


# ---------------------------------------------------------------------------------------------
# finding the header


def normalise_header(text: object) -> str:
    if text is None:
        return ""
    value = str(text)
    for junk in ("（万元）", "(万元)", "（%）", "(%)", "%", "％", "万元"):
        value = value.replace(junk, "")
    value = re.sub(r"\s+", "", value).replace("(", "（").replace(")", "）")
    return normalise_token(value)


def _expected(layout: SheetLayout) -> dict[str, str]:
    """Normalised header text (with ``1—N月`` for any month) → token, synonyms included."""
    expected: dict[str, str] = {}
    for column, token in layout.line.tokens.items():
        header = layout.headers.get(column, "")
        text = normalise_header(header.replace("{{1—N月}}", "1—N月").replace("{{1-N月}}", "1—N月"))
        text = re.sub(r"\{\{[^}]*\}\}", "", text)
        if text:
            expected[text] = token
        expected.setdefault(normalise_header(token), token)
        for synonym in SYNONYMS.get(token, ()):
            expected.setdefault(normalise_header(synonym), token)
    return expected


def _header_token(text: str, expected: dict[str, str]) -> tuple[str | None, int | None]:
    """The token a file's header text stands for, and the month when it says ``1—N月``."""
    month = None
    match = MONTH_IN_HEADER.search(text)
    if match:
        month = int(match.group(1))
        text = MONTH_IN_HEADER.sub("1—N月", text)
    elif text.startswith("1月") and "1—N月" + text[2:] in expected:
        month, text = 1, "1—N月" + text[2:]
    return expected.get(text), month


@dataclass
class _Header:
    row: int
    #: column → token
    columns: dict[int, str]
    #: column → the file's header text
    texts: dict[int, str]
    month: int | None


def _merged_values(ws: Worksheet, last_row: int) -> dict[tuple[int, int], object]:
    values: dict[tuple[int, int], object] = {}
    for merged in ws.merged_cells.ranges:
        if merged.min_row > last_row:
            continue
        value = ws.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, min(merged.max_row, last_row) + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                values[(r, c)] = value
    return values


def _find_header(ws: Worksheet, expected: dict[str, str]) -> _Header | None:
    last = min(ws.max_row, MAX_HEADER_ROWS)
    merged = _merged_values(ws, last)
    best: _Header | None = None
    for r in range(1, last + 1):
        columns: dict[int, str] = {}
        texts: dict[int, str] = {}
        month = None
        for c in range(1, ws.max_column + 1):
            raw = merged.get((r, c), ws.cell(r, c).value)
            text = normalise_header(raw)
            if not text:
                continue
            token, found_month = _header_token(text, expected)
            if token is None or token in columns.values():
                continue
            columns[c] = token
            texts[c] = str(raw).strip()
            month = month or found_month
        identifies = any(FIELDS[t].identifies for t in columns.values())
        if identifies and len(columns) >= 2 and (best is None or len(columns) > len(best.columns)):
            best = _Header(r, columns, texts, month)
    return best


# ---------------------------------------------------------------------------------------------
# reading one file


@dataclass
class _Line:
    source: Source
    project_id: int | None
    name: str
    values: dict[str, object]
    #: figure → column, for placing errors
    columns: dict[str, int]
    ytd: Decimal | None = None
    ytd_column: int | None = None


@dataclass
class _FileReading:
    name: str
    sheet: str = ""
    period: Period | None = None
    lines: list[_Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


def _money(value: object) -> Decimal:
    """A money cell's value; raises MoneyError (or ValueError) with a Chinese message."""
    if isinstance(value, bool):
        raise MoneyError("应为数字（万元）")
    if isinstance(value, int):
        return parse_money(value, field="金额") or Decimal("0.00")
    if isinstance(value, float):
        exact = Decimal(repr(value))
        rounded = exact.quantize(Decimal("0.01"))
        if abs(exact - rounded) > Decimal("0.000001"):
            raise MoneyError("最多保留两位小数（万元）")
        if rounded < 0:
            raise MoneyError("不能为负数")
        return rounded
    if isinstance(value, Decimal):
        return parse_money(value, field="金额") or Decimal("0.00")
    if isinstance(value, dt.date | dt.datetime):
        raise MoneyError(f"应为数字（万元），不能是日期“{value:%Y-%m-%d}”")
    parsed = parse_money(str(value), field="金额")
    if parsed is None:
        raise MoneyError("应为数字（万元）")
    return parsed


def _money_message(error: Exception, raw: object) -> str:
    text = str(error)
    if "应为数字" in text and "日期" not in text:
        return f"“{raw}”不是数字（金额应填万元数，如 125.50）"
    return text.replace("金额", "")


def _period_of(wb: Any, ws: Worksheet, header: _Header) -> tuple[Period | None, str | None]:
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
              progress: ProgressFn | None = None) -> _FileReading:
    """Read the lines of one workbook (no database access)."""
    reading = _FileReading(path.name)
    wb = _open(path, reading.problems)
    if wb is None:
        return reading
    expected = _expected(layout)
    found: tuple[Worksheet, _Header] | None = None
    ordered = sorted(wb.worksheets, key=lambda s: s.title != layout.title)
    for ws in ordered:
        header = _find_header(ws, expected)
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


def _read_lines(path: Path, wb: Any, ws: Worksheet, header: _Header, reading: _FileReading,
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
    for r in range(first, last + 1):
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
        line = _Line(Source(name, ws.title, r), None, label, {}, {})
        identity = cells.get(by_token.get("编号", -1))
        bad_identity = False
        if identity not in (None, ""):
            try:
                line.project_id = _integer(identity)
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
                        and not value.startswith("=") and not _is_money_text(value)):
                    # not imported, but text here says the columns may have shifted
                    text_errors[c].append(Problem(
                        name, f"“{value}”不是数字", ws.title, r, c, header.texts[c]))
                continue
            is_money = FIELDS[token].kind == Kind.MONEY
            if isinstance(value, str) and value.startswith("=") and is_money:
                if cached is None:
                    values_wb = _open(path, reading.problems, values=True)
                    cached = values_wb[ws.title] if values_wb is not None else ws
                value = cached.cell(r, c).value
                if value is None:
                    reading.problems.append(Problem(
                        name, "公式没有计算结果：请在 Excel 或 WPS 中打开、保存后再导入",
                        ws.title, r, c, header.texts[c]))
                    continue
            if FIELDS[token].kind == Kind.MONEY:
                try:
                    amount = _money(value)
                except (MoneyError, ValueError, InvalidOperation) as error:
                    problem = Problem(name, _money_message(error, value), ws.title, r, c,
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
                if len(text) > monthly.TEXT_LIMIT:
                    reading.problems.append(Problem(
                        name, f"内容过长（{len(text)}字，最多{monthly.TEXT_LIMIT}字）",
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


def _is_money_text(text: str) -> bool:
    try:
        parse_money(text)
    except MoneyError:
        return False
    return True


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


def _integer(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if not text.isdigit():
        raise ValueError(value)
    return int(text)


# ---------------------------------------------------------------------------------------------
# matching and comparing


def _normal_name(name: str) -> str:
    return re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")


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
    result = ImportPreview([p.name for p in files], period)
    if layout is None:
        result.errors.append(Problem(template.path.name, "模板中没有项目明细表，无法用于导入"))
        return result
    readings = []
    for index, path in enumerate(files):
        tick(progress, index, len(files) + 1)
        reading = read_file(path, layout, period)
        readings.append(reading)
        result.errors.extend(reading.problems)
    periods = {r.period for r in readings if r.period is not None}
    if len(periods) > 1:
        listed = "、".join(f"“{r.name}”为{r.period.label}" for r in readings if r.period)
        result.errors.append(Problem("、".join(result.files), f"各文件的报告月份不同：{listed}"))
        return result
    result.period = next(iter(periods), period)
    if result.period is None:
        return result
    the_period = result.period
    if monthly.is_locked(session, the_period):
        result.errors.append(Problem(
            "、".join(result.files),
            f"{the_period.label}已报送锁定，不能导入；如需更正请先在月度调度中“重新打开”本月"))
    lines = [line for r in readings for line in r.lines]
    result.lines = len(lines)
    matched = _match(session, lines, result)
    _compare(session, the_period, matched, result)
    tick(progress, len(files) + 1, len(files) + 1)
    return result


def _match(session: Session, lines: list[_Line], result: ImportPreview) -> dict[int, list[_Line]]:
    by_id: dict[int, str] = {}
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pid, name in session.execute(select(Project.id, Project.name)):
        by_id[pid] = name
        by_name[_normal_name(name)].append((pid, name))
    matched: dict[int, list[_Line]] = defaultdict(list)
    for line in lines:
        if line.project_id is not None:
            known = by_id.get(line.project_id)
            if known is None:
                result.unmatched.append(Unmatched(line.source, line.name, line.project_id,
                                                  f"编号{line.project_id}不存在"))
                continue
            if line.name and _normal_name(line.name) != _normal_name(known):
                result.unmatched.append(Unmatched(
                    line.source, line.name, line.project_id,
                    f"编号{line.project_id}的项目名称为“{known}”，与表中名称不符，请核对",
                    [(line.project_id, known)]))
                continue
            matched[line.project_id].append(line)
            continue
        candidates = by_name.get(_normal_name(line.name), [])
        if not candidates:
            result.unmatched.append(Unmatched(line.source, line.name, None,
                                              "项目库中没有这个名称的项目"))
        elif len(candidates) > 1:
            ids = "、".join(str(pid) for pid, _ in candidates)
            result.unmatched.append(Unmatched(
                line.source, line.name, None,
                f"有{len(candidates)}个同名项目（编号{ids}），请在表中填写编号", candidates))
        else:
            line.project_id = candidates[0][0]
            matched[line.project_id].append(line)
    return matched


def _compare(session: Session, period: Period, matched: dict[int, list[_Line]],
             result: ImportPreview) -> None:
    ids = list(matched)
    rows: dict[int, monthly.EntryRow] = {}
    for chunk in chunked(ids):
        for row in monthly.load_rows(session, period, ids=chunk):
            rows[row.project_id] = row
    for pid in ids:
        lines = matched[pid]
        row = rows[pid]
        merged: dict[str, object] = {}
        conflicted = False
        for key in FIGURES:
            seen = [(line.source, line.values[key]) for line in lines if key in line.values]
            derived = [(line.source, line) for line in lines
                       if key == "investment" and key not in line.values and line.ytd is not None]
            for source, line in derived:
                amount = line.ytd - row.ytd_before  # type: ignore[operator]
                if amount < 0:
                    result.errors.append(Problem(
                        source.file,
                        f"1—{period.month}月完成投资{format_money(line.ytd)}万元少于此前各月已报的"
                        f"{format_money(row.ytd_before)}万元",
                        source.sheet, source.row, line.ytd_column, "1—N月完成投资"))
                    continue
                seen.append((source, amount))
            distinct = {v for _, v in seen}
            if len(distinct) > 1:
                result.conflicts.append(Conflict(pid, row.name, key, seen))
                conflicted = True
            elif seen:
                merged[key] = seen[0][1]
        for line in lines:  # 1—N月 and 本月 on one line must agree with the months before
            if line.ytd is not None and "investment" in line.values:
                expected = row.ytd_before + line.values["investment"]  # type: ignore[operator]
                if expected != line.ytd:
                    result.errors.append(Problem(
                        line.source.file,
                        f"1—{period.month}月完成投资{format_money(line.ytd)}万元不等于此前各月合计"
                        f"{format_money(row.ytd_before)}万元加本月完成投资"
                        f"{format_money(line.values['investment'])}万元"
                        f"（应为{format_money(expected)}万元）",
                        line.source.sheet, line.source.row, line.ytd_column, "1—N月完成投资"))
        if conflicted or not merged:
            continue
        old = {
            "investment": row.investment if row.has_report else Decimal("0.00"),
            "progress": row.progress, "problems": row.problems, "next_steps": row.next_steps,
        }
        differs = any(old[k] != v for k, v in merged.items())
        status = "unchanged" if not differs else ("changed" if row.has_report else "new")
        result.changes.append(Change(pid, row.name, status, old, merged,
                                     [line.source for line in lines]))
    _check_entry_rules(session, period, matched, result)


def _edits(change: Change) -> list[monthly.CellEdit]:
    return [monthly.CellEdit(change.project_id, key, value)
            for key, value in change.new.items() if change.old.get(key) != value]


def _check_entry_rules(session: Session, period: Period, matched: dict[int, list[_Line]],
                       result: ImportPreview) -> None:
    """Try the changes with the monthly entry rules in a separate transaction that is always
    rolled back, so that a refusal (an amount past the total investment, a package's money …)
    is shown in the preview with its file and row, and nothing is written."""
    pending = [c for c in result.changes if c.status != "unchanged"]
    if not pending or result.errors:
        return
    bind = session.get_bind()
    for _attempt in range(50):
        edits = [e for c in pending for e in _edits(c)]
        if not edits:
            return
        trial = Session(bind=bind)
        try:
            monthly.save_cells(trial, period, edits)
            return
        except monthly.EntryError as error:
            culprit = next((c for c in pending if c.project_id == error.project_id), None)
            if culprit is None:
                result.errors.append(Problem("、".join(result.files), str(error)))
                return
            line = matched[culprit.project_id][0]
            column = line.columns.get(error.column or "") or line.ytd_column
            result.errors.append(Problem(
                line.source.file, str(error), line.source.sheet, line.source.row, column,
                FIGURES.get(error.column or "", "")))
            pending.remove(culprit)
        finally:
            trial.rollback()
            trial.close()


def apply(db: Database, preview_: ImportPreview, *, skip_unresolved: bool = False) -> int:
    """Write the new and changed figures of ``preview_`` in one transaction; the number of
    projects changed. Refuses when the preview has errors (or, unless ``skip_unresolved``,
    conflicts or unmatched lines), or when the database changed since the preview."""
    if not preview_.can_apply(skip_unresolved=skip_unresolved):
        raise ImportFailed("预览中有错误或未解决的冲突、未匹配的行，未导入任何数据")
    period = preview_.period
    assert period is not None
    pending = [c for c in preview_.changes if c.status != "unchanged"]
    if not pending:
        return 0
    with db.transaction() as session:
        current = {r.project_id: r for r in monthly.load_rows(
            session, period, ids=[c.project_id for c in pending])}
        for change in pending:
            row = current.get(change.project_id)
            if row is None:
                raise ImportFailed(f"项目“{change.name}”已被删除，请重新预览")
            now = {"investment": row.investment if row.has_report else Decimal("0.00"),
                   "progress": row.progress, "problems": row.problems,
                   "next_steps": row.next_steps}
            if any(now[k] != change.old[k] for k in change.new):
                raise ImportFailed(f"项目“{change.name}”的数据在预览后已被修改，请重新预览")
        try:
            monthly.save_cells(session, period, [e for c in pending for e in _edits(c)])
        except monthly.EntryError as error:
            raise ImportFailed(str(error)) from None
    return len(pending)


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
    "preview",
    "read_file",
]
