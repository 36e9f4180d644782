"""Report templates: a workbook whose cells say where each figure goes.

A template is an ordinary ``.xlsx`` laid out the way a superior wants the report: title rows,
header rows, column widths, fonts, borders, print set-up. Where the report's lines go, the
template holds one *prototype row* per kind of line, made of ``{{占位符}}`` tokens:

- a **project row** holds ``{{项目名称}}`` (or ``{{序号}}`` / ``{{编号}}``) and the figures of one
  project, e.g. ``{{本月完成投资}}``;
- a **group row** holds a group token (``{{领域}}``, ``{{乡镇}}`` or ``{{责任单位}}``) but no
  project token: one such line per group, with SUM formulas in its money columns. Placed above
  the project row, it heads its group; placed below, it closes it;
- a group row above the project row *and* one below it: the first **heads** each group (its
  words and count, e.g. 一、新开工项目（{{项目个数}}个）), the second closes it with its sums
  (新开工项目小计);
- a **total row** holds ``{{合计}}``: the grand total, above or below everything as placed.

A template may also be the **blank form as received** from the superior, with no tokens at all:
:mod:`exports.blank_form` recognises its header and group rows and turns it into this model in
memory (:attr:`Template.workbook`), with the form's own groups (:attr:`SheetLayout.groups`).

A sheet whose prototype rows have no project row is a summary (one line per group, e.g. the
汇总表). A sheet with ``{{滞后原因}}`` lists only the projects on the warning list. Tokens inside
longer text (``{{地区}}{{年度}}年重点项目建设进展情况表``, ``{{1—N月}}完成投资``) are replaced by
text everywhere in the sheet. A sheet named :data:`NOTES_SHEET` documents the template and is
not written out. Rows below the prototype rows (signatures, notes) follow the last line.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

import resources
from exports import old_forms
from exports.fields import (
    FIELDS,
    GROUP_TOKENS,
    ITEM_TOKENS,
    TEXT_TOKENS,
    TOKEN,
    TOTAL_TOKEN,
    is_known,
    normalise_token,
    tokens_in,
)
from portfolio import safe_files

log = logging.getLogger(__name__)

DEFAULT_TEMPLATE = ("templates", "monthly_report.xlsx")
NOTES_SHEET = "模板说明"


class TemplateError(ValueError):
    """A template that cannot be used; the message is Chinese and names the cell."""


@dataclass
class Prototype:
    """One prototype row of a template sheet."""

    row: int
    #: 'item', 'group', 'heading' (a group's first row where its sums close it) or 'total'
    kind: str
    #: column → the cell's template text (every non-empty cell of the row)
    texts: dict[int, str]
    #: column → token, for cells that are one token alone
    tokens: dict[int, str]
    #: horizontal merges in this row, as (first column, last column)
    merges: list[tuple[int, int]] = field(default_factory=list)

    def keep_words(self, texts: dict[int, str]) -> None:
        """A form's own words in this row win over its tokens: a total row's "总计" (or
        "全县合计") is written as the form wrote it, not as 合计."""
        self.texts.update(texts)
        for c in texts:
            if self.tokens.get(c) == TOTAL_TOKEN:
                del self.tokens[c]


#: the key of a form group that takes every project no other group of its level takes
#: (四、其他项目)
CATCH_ALL = "其他"


@dataclass
class FormGroup:
    """A group row the superior's form names: its lines are kept, in the form's order, whether
    or not any project belongs to them."""

    #: what the projects of the group have in common, e.g. 新开工 or 工业 (matched against the
    #: value of :attr:`SheetLayout.group_by`)
    key: str
    #: column → the row's text as the form words it, a count slot made ``{{项目个数}}``
    texts: dict[int, str]
    #: the form's lower-level groups under this one ("（一）工业项目" under "一、新开工项目"),
    #: matched against :attr:`SheetLayout.subgroup_by`; empty: its projects follow it directly
    subgroups: list[FormGroup] = field(default_factory=list)
    #: the words of the row heading the group where :attr:`texts` are its 小计 row below its
    #: projects (一、新开工项目（{{项目个数}}个） above, 新开工项目小计 below); None: one row each
    heading: dict[int, str] | None = None


@dataclass
class SheetLayout:
    """Where the lines go in one template sheet."""

    title: str
    #: 'detail' (every project), 'lagging' (warned projects) or 'summary' (one line per group)
    role: str
    prototypes: list[Prototype]
    #: the grouping of group lines: 'category', 'township', 'unit' or None
    group_by: str | None
    #: column → the header text above the project (or group) row, tokens left in
    headers: dict[int, str]
    #: the row holding most of the headers (for finding the header in an imported file)
    header_row: int
    #: a blank form's own group rows, in its order (None: one group per value found)
    groups: list[FormGroup] | None = None
    #: what the form's lower-level groups (:attr:`FormGroup.subgroups`) are matched against
    subgroup_by: str | None = None
    #: the unit its money columns are written in (a blank form in 亿元 gets 亿元)
    money_unit: str = "万元"
    #: what the program could not fill in this sheet, for the user (Chinese)
    notes: list[str] = field(default_factory=list)

    @property
    def first_row(self) -> int:
        return self.prototypes[0].row

    @property
    def last_row(self) -> int:
        return self.prototypes[-1].row

    def prototype(self, kind: str) -> Prototype | None:
        return next((p for p in self.prototypes if p.kind == kind), None)

    @property
    def line(self) -> Prototype:
        """The prototype of the sheet's main lines (projects, or groups in a summary)."""
        found = self.prototype("item") or self.prototype("group")
        assert found is not None
        return found

    def kinds(self) -> list[str]:
        return [p.kind for p in self.prototypes]


@dataclass
class Template:
    """A loaded template: its file and the layout of each sheet that receives lines."""

    path: Path
    sheets: list[SheetLayout]
    #: the workbook as converted in memory from a blank form (None: the file itself)
    workbook: bytes | None = None
    #: what the user should know of the template as a whole (Chinese): a blank form's sheets
    #: the program found nothing to fill in, kept as they are
    notes: list[str] = field(default_factory=list)

    def sheet(self, role: str) -> SheetLayout | None:
        return next((s for s in self.sheets if s.role == role), None)

    def open_workbook(self) -> Workbook:
        """A fresh copy of the template workbook to fill in."""
        if self.workbook is not None:
            return openpyxl.load_workbook(io.BytesIO(self.workbook))
        return openpyxl.load_workbook(self.path)


def default_path() -> Path:
    return resources.path(*DEFAULT_TEMPLATE)


def _where(path: Path, ws: Worksheet, coordinate: str) -> str:
    return f"模板“{path.name}”工作表“{ws.title}”{coordinate}单元格"


def _row_kind(tokens: set[str]) -> str | None:
    if not tokens:
        return None
    if TOTAL_TOKEN in tokens:
        return "total"
    if tokens & ITEM_TOKENS:
        return "item"
    if tokens & (set(GROUP_TOKENS) | {"领域序号"}):
        return "group"
    return "item" if tokens & set(FIELDS) else None


def _analyse(path: Path, ws: Worksheet, first: int = 1) -> SheetLayout | None:
    """The layout of the prototype rows of ``ws`` from row ``first`` down (a second table under
    the first in one sheet starts below it)."""
    rows: dict[int, dict[int, str]] = {}
    for row in ws.iter_rows(min_row=first):
        for cell in row:
            if isinstance(cell.value, str) and "{{" in cell.value:
                for token in tokens_in(cell.value):
                    if not is_known(token):
                        raise TemplateError(
                            f"{_where(path, ws, cell.coordinate)}：未知的占位符“{{{{{token}}}}}”"
                        )
                names = {t for t in tokens_in(cell.value) if t in FIELDS}
                if names:
                    rows.setdefault(cell.row, {})[cell.column] = cell.value
    if not rows:
        return None
    numbers = sorted(rows)
    if numbers[-1] - numbers[0] + 1 != len(numbers):
        raise TemplateError(
            f"模板“{path.name}”工作表“{ws.title}”：数据行（第{'、'.join(map(str, numbers))}行）"
            "必须相邻"
        )
    prototypes: list[Prototype] = []
    for number in numbers:
        texts = rows[number]
        every = {t for text in texts.values() for t in tokens_in(text)}
        kind = _row_kind(every)
        if kind is None:
            raise TemplateError(
                f"模板“{path.name}”工作表“{ws.title}”第{number}行：无法判断行的用途")
        earlier = next((p for p in prototypes if p.kind == kind), None)
        if kind == "group" and earlier is not None and "item" in {p.kind for p in prototypes} \
                and not any(p.kind == "heading" for p in prototypes):
            earlier.kind = "heading"  # a group's heading above its projects, its 小计 below
        elif earlier is not None:
            raise TemplateError(
                f"模板“{path.name}”工作表“{ws.title}”第{number}行：同一种数据行只能有一行"
            )
        tokens = {}
        for column, text in texts.items():
            match = TOKEN.fullmatch(text.strip())
            if match:
                tokens[column] = normalise_token(match.group(1))
        # every cell of the row, including static text (e.g. "合计" written out)
        for cell in ws[number]:
            if cell.value not in (None, "") and cell.column not in texts:
                texts[cell.column] = str(cell.value)
        merges = [
            (r.min_col, r.max_col) for r in ws.merged_cells.ranges
            if r.min_row == r.max_row == number
        ]
        prototypes.append(Prototype(number, kind, texts, tokens, merges))
    kinds = {p.kind for p in prototypes}
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= numbers[-1] and merged.max_row >= numbers[0] and (
            merged.min_row != merged.max_row
        ):
            raise TemplateError(
                f"{_where(path, ws, merged.coord)}：数据行不能跨行合并单元格"
            )
    every_token = {t for p in prototypes for t in p.tokens.values()}
    if "item" in kinds:
        role = "lagging" if every_token & {"滞后原因", "预警类型"} else "detail"
    else:
        role = "summary"
    group = prototypes[0] if role == "summary" else next(
        (p for p in prototypes if p.kind == "group"), None
    )
    group_by = None
    if group is not None:
        found = [GROUP_TOKENS[t] for t in tokens_in(" ".join(group.texts.values()))
                 if t in GROUP_TOKENS]
        group_by = found[0] if found else "category"
    if role == "summary" and "group" not in kinds:
        raise TemplateError(
            f"模板“{path.name}”工作表“{ws.title}”：汇总行需要分组占位符（{{{{领域}}}}、"
            "{{乡镇}}或{{责任单位}}）"
        )
    line = next(p for p in prototypes if p.kind == ("group" if role == "summary" else "item"))
    headers, header_row = _headers(ws, line, numbers[0])
    return SheetLayout(ws.title, role, prototypes, group_by, headers, header_row)


def _headers(ws: Worksheet, line: Prototype, first_row: int) -> tuple[dict[int, str], int]:
    """The header text of each token column: the nearest text above the data rows."""
    merged_value: dict[tuple[int, int], str] = {}
    for merged in ws.merged_cells.ranges:
        value = ws.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                merged_value[(r, c)] = "" if value is None else str(value)
    headers: dict[int, str] = {}
    rows_used: dict[int, int] = {}
    for column in line.tokens:
        for r in range(first_row - 1, 0, -1):
            value = ws.cell(r, column).value
            text = merged_value.get((r, column), "" if value is None else str(value))
            if text.strip():
                headers[column] = text
                rows_used[r] = rows_used.get(r, 0) + 1
                break
    header_row = max(rows_used, key=lambda r: (rows_used[r], r)) if rows_used else first_row - 1
    return headers, header_row


def load(path: Path | str | None = None) -> Template:
    """Read and check a template (the shipped default when ``path`` is None)."""
    path = Path(path) if path else default_path()
    if not path.is_file():
        raise TemplateError(f"找不到模板文件“{path}”")
    converted: bytes | None = None
    try:
        if old_forms.needs_conversion(path):
            if path.suffix.lower() == ".ods":  # a zip like .xlsx: the same checks first
                safe_files.check_office_file(path)
            converted = old_forms.as_xlsx(path)
            wb = openpyxl.load_workbook(io.BytesIO(converted))
        else:
            safe_files.check_office_file(path)
            wb = openpyxl.load_workbook(path)
    except old_forms.OldFormError as error:
        raise TemplateError(f"模板{error}") from None
    except safe_files.UnsafeFile as error:
        raise TemplateError(f"模板{error}") from None
    except Exception as error:  # openpyxl raises many kinds for a bad file, in English
        log.info("template %s not readable: %r", path, error)
        raise TemplateError(f"模板“{path.name}”不是可用的 Excel 工作簿（文件类型不符，或已损坏）；"
                            "请用 Excel 或 WPS 打开后另存为 .xlsx 再选") from None
    sheets = []
    for ws in wb.worksheets:
        if ws.title == NOTES_SHEET:
            continue
        layout = _analyse(path, ws)
        if layout is not None:
            sheets.append(layout)
    if sheets:
        return Template(path, sheets, converted)
    from exports import blank_form  # a form as received: no tokens anywhere

    sheets = blank_form.convert(path, wb)
    if not sheets:
        raise TemplateError(f"模板“{path.name}”中既没有含占位符（如 {{{{项目名称}}}}）的数据行，"
                            "也找不到可识别的表头（如“项目名称”“总投资”）")
    filled = {layout.title for layout in sheets}
    notes = [f"工作表“{ws.title}”未能填写（找不到可识别的表头，如“项目名称”“总投资”，或分组），"
             "按原样保留"
             for ws in wb.worksheets
             if ws.title not in filled and ws.title != NOTES_SHEET and ws.sheet_state == "visible"
             and any(v is not None for row in ws.iter_rows(values_only=True) for v in row)]
    buffer = io.BytesIO()
    wb.save(buffer)
    return Template(path, sheets, buffer.getvalue(), notes)


def fill_text(text: str, values: dict[str, str]) -> str:
    """Replace the text tokens of ``values`` in ``text``; other tokens stay."""

    def replace(match) -> str:  # type: ignore[no-untyped-def]
        name = normalise_token(match.group(1))
        return values.get(name, match.group(0))

    return TOKEN.sub(replace, text)


__all__ = [
    "CATCH_ALL",
    "DEFAULT_TEMPLATE",
    "NOTES_SHEET",
    "TEXT_TOKENS",
    "FormGroup",
    "Prototype",
    "SheetLayout",
    "Template",
    "TemplateError",
    "default_path",
    "fill_text",
    "load",
]
