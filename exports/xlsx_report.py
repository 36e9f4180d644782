"""The monthly Excel report (月报): 汇总表, 明细表 and 滞后项目表, laid out by a template.

Every figure comes from :mod:`exports.report_data`. Group and total lines are real formulas
(``SUM`` over the lines they add up, rates from the cells of their own line), and each formula
cell also stores its exact result (:mod:`exports.xlsx_cache`), so the workbook shows the
database's figures as written and recalculates to the same figures in Excel, WPS and
LibreOffice. Text that begins with ``= + - @`` is stored as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook import Workbook
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from db.queries import ProjectFilter
from exports import template as templates
from exports.fields import FIELDS, GROUP_TOKENS, NUMBER_FORMATS, Kind, tokens_in
from exports.output import Cancelled, ProgressFn, atomic_output, tick
from exports.report_data import (
    ReportData,
    chinese_numeral,
    collect,
    group_key,
    group_label,
    group_order,
)
from exports.template import SheetLayout, Template, fill_text
from exports.xlsx_cache import store_cached_values
from portfolio.alerts import RULE_LABELS, project_time_progress, reasons
from portfolio.metrics import ProjectFigures, Summary
from portfolio.money import percent
from portfolio.periods import Period

#: Custom document property naming the report's period, read back by the import.
PERIOD_PROPERTY = "项目库报告期"
PACKAGE_NOTE = "打包项目，投资计入所含子项目"
#: Characters Excel would take as the start of a formula when the text is edited.
FORMULA_STARTS = ("=", "+", "-", "@")

_ALL = ProjectFilter()
_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def safe_text(text: str) -> str:
    """Text openpyxl can store (no control characters)."""
    return text.translate(_ILLEGAL)


def set_text(cell: Cell, text: str) -> None:
    """Store ``text`` as text, even when it starts like a formula."""
    cell.value = safe_text(text)
    if text[:1] in FORMULA_STARTS:
        cell.data_type = "s"
        cell.quotePrefix = True


@dataclass
class Line:
    """One written line of a sheet."""

    kind: str  # 'item', 'group' or 'total'
    row: int
    figures: ProjectFigures | None = None
    number: int = 0
    depth: int = 0
    key: str = ""
    summary: Summary | None = None
    #: for group lines: the first and last project row of the group
    span: tuple[int, int] | None = None
    count: int = 0


@dataclass
class _Formula:
    text: str
    cached: object


# ---------------------------------------------------------------------------------------------
# laying out the lines


def _project_groups(
    figures: list[ProjectFigures], by: str | None
) -> list[tuple[str, list[tuple[ProjectFigures, int]]]]:
    """Projects by group; in each group a package's parts follow it, one level deeper."""
    groups: dict[str, list[ProjectFigures]] = defaultdict(list)
    if not by:  # one list, still in the customary order of 领域
        rank = {k: i for i, k in enumerate(group_order((f.category for f in figures),
                                                       "category"))}
        figures = sorted(figures, key=lambda f: rank[f.category])
    for f in figures:
        groups[group_key(f, by) if by else ""].append(f)
    keys = group_order(groups, by) if by else [""]
    result = []
    for key in keys:
        members = groups[key]
        listed = {f.project_id for f in members}
        children: dict[int, list[ProjectFigures]] = defaultdict(list)
        top = []
        for f in members:
            if f.parent_id is not None and f.parent_id in listed:
                children[f.parent_id].append(f)
            else:
                top.append(f)
        ordered: list[tuple[ProjectFigures, int]] = []

        def visit(f: ProjectFigures, depth: int, ordered=ordered,  # type: ignore[no-untyped-def]
                  children=children) -> None:
            ordered.append((f, depth))
            for child in children.pop(f.project_id, []):
                visit(child, depth + 1)

        for f in top:
            visit(f, 0)
        for rest in children.values():  # a cycle cannot happen, but never drop a row
            ordered.extend((f, 1) for f in rest)
        result.append((key, ordered))
    return result


def _count(members: list[tuple[ProjectFigures, int]]) -> int:
    """Projects counted as metrics count them: a package and its parts once."""
    return len({f.parent_id if f.parent_id is not None else f.project_id for f, _ in members})


def plan_project_lines(layout: SheetLayout, figures: list[ProjectFigures]) -> list[Line]:
    kinds = layout.kinds()
    grouped = "group" in kinds
    group_first = grouped and kinds.index("group") < kinds.index("item")
    total_first = "total" in kinds and kinds.index("total") < kinds.index("item")
    row = layout.first_row
    lines: list[Line] = []
    if total_first:
        lines.append(Line("total", row))
        row += 1
    groups = _project_groups(figures, layout.group_by if grouped else None)
    for index, (key, members) in enumerate(groups, start=1):
        if not members:
            continue
        group = Line("group", 0, number=index, key=key, count=_count(members))
        if grouped and group_first:
            group.row = row
            lines.append(group)
            row += 1
        first = row
        for number, (f, depth) in enumerate(members, start=1):
            lines.append(Line("item", row, figures=f, number=number, depth=depth))
            row += 1
        group.span = (first, row - 1)
        if grouped and not group_first:
            group.row = row
            lines.append(group)
            row += 1
    if "total" in kinds and not total_first:
        lines.append(Line("total", row))
    total = next((ln for ln in lines if ln.kind == "total"), None)
    if total is not None:
        total.count = _count([(f, 0) for f in figures])
        total.span = (layout.first_row + total_first, row - 1 + total_first) if figures else None
    return lines


def plan_summary_lines(layout: SheetLayout, summaries: list[Summary], total: Summary) -> list[Line]:
    kinds = layout.kinds()
    total_first = "total" in kinds and kinds.index("total") < kinds.index("group")
    row = layout.first_row
    lines: list[Line] = []
    if total_first:
        lines.append(Line("total", row, summary=total, count=total.project_count))
        row += 1
    for index, summary in enumerate(summaries, start=1):
        lines.append(Line("group", row, number=index, key=summary.key or "", summary=summary,
                          count=summary.project_count))
        row += 1
    if "total" in kinds and not total_first:
        lines.append(Line("total", row, summary=total, count=total.project_count))
    return lines


# ---------------------------------------------------------------------------------------------
# the values of one line


def _location(f: ProjectFigures) -> str:
    if f.township and f.location.startswith(f.township):
        return f.location
    return f"{f.township}{f.location}"


def _years(f: ProjectFigures) -> str:
    start = f.planned_start.year if f.planned_start else None
    finish = f.planned_finish.year if f.planned_finish else None
    if start and finish:
        return str(start) if start == finish else f"{start}—{finish}"
    return str(start or finish or "")


#: money tokens → attribute of ProjectFigures (items) and of Summary (groups and totals)
_ITEM_MONEY = {
    "总投资": "total_investment",
    "截至上年底累计完成投资": "prior_years",
    "本年计划投资": "annual_plan",
    "年度计划投资": "annual_plan",
    "1—N月完成投资": "ytd",
    "本月完成投资": "month",
    "截至本月累计完成投资": "cumulative",
}
_SUMMARY_VALUES = {
    "项目个数": "project_count",
    "总投资": "total_investment",
    "本年计划投资": "annual_plan",
    "年度计划投资": "annual_plan",
    "1—N月完成投资": "ytd",
    "本月完成投资": "month",
    "截至本月累计完成投资": "cumulative",
    "计划开工个数": "planned_starts",
    "实际开工个数": "actual_starts",
}
#: rate token → (numerator tokens, denominator tokens), the first found in the line is used
_RATES = {
    "占年度计划": (("1—N月完成投资",), ("本年计划投资", "年度计划投资")),
    "完成率": (("1—N月完成投资",), ("本年计划投资", "年度计划投资")),
    "开工率": (("实际开工个数",), ("计划开工个数",)),
}


class _SheetWriter:
    def __init__(self, ws: Worksheet, layout: SheetLayout, data: ReportData,
                 progress: ProgressFn | None, done: int, total: int) -> None:
        self.ws = ws
        self.layout = layout
        self.data = data
        self.progress = progress
        self.done = done
        self.total_steps = total
        self.cached: dict[str, object] = {}
        self.time_progress = (
            percent(Decimal(data.period.month), Decimal(12)) or Decimal("0")
        )
        self.max_column = ws.max_column
        self.styles = {
            p.kind: [copy(ws.cell(p.row, c)._style) for c in range(1, self.max_column + 1)]
            for p in layout.prototypes
        }
        self.formats = {
            p.kind: [ws.cell(p.row, c).number_format for c in range(1, self.max_column + 1)]
            for p in layout.prototypes
        }
        self.heights = {p.kind: ws.row_dimensions[p.row].height for p in layout.prototypes}
        #: the columns each kind of line writes: those with text or a style in the template
        self.written = {
            p.kind: [c for c in range(1, self.max_column + 1)
                     if c in p.texts or ws.cell(p.row, c).has_style]
            for p in layout.prototypes
        }
        self.prototypes = {p.kind: p for p in layout.prototypes}
        self._wrapped: dict[str, list[tuple[int, float, float]]] = {}
        self._texts: dict[str, object] = {}
        #: per kind of line: token → column, and the tokens in the order they are computed
        #: (sums before the rates computed from them, rates before the points from the rates)
        self.token_columns = {
            p.kind: {token: column for column, token in p.tokens.items()}
            for p in layout.prototypes
        }
        stage = {"超序时进度": 2, **dict.fromkeys(_RATES, 1)}
        self.token_order = {
            kind: sorted(columns, key=lambda t: stage.get(t, 0))
            for kind, columns in self.token_columns.items()
        }
        self._texts_of: Line | None = None
        self.text_values = data.text_values()

    # --- the frame: titles, headers and the rows after the data --------------------------------

    def _fill_frame(self) -> list[tuple[int, dict[int, tuple[Any, Any]], float | None]]:
        """Fill text tokens outside the data rows; lift out the rows after them."""
        ws, layout = self.ws, self.layout
        for row in ws.iter_rows(max_row=layout.first_row - 1):
            for cell in row:
                if isinstance(cell.value, str) and "{{" in cell.value:
                    cell.value = fill_text(cell.value, self.text_values)
        after = []
        for r in range(layout.last_row + 1, ws.max_row + 1):
            cells = {}
            for cell in ws[r]:
                if cell.value is not None or cell.has_style:
                    value = cell.value
                    if isinstance(value, str) and "{{" in value:
                        value = fill_text(value, self.text_values)
                    cells[cell.column] = (value, copy(cell._style))
            after.append((r - layout.last_row, cells, ws.row_dimensions[r].height))
        self.after_merges = []
        for merged in list(ws.merged_cells.ranges):
            if merged.min_row >= layout.first_row:
                if merged.min_row > layout.last_row:
                    self.after_merges.append(
                        (merged.min_row - layout.last_row, merged.min_col,
                         merged.max_row - layout.last_row, merged.max_col)
                    )
                ws.merged_cells.remove(merged)
        for r in range(ws.max_row, layout.first_row - 1, -1):
            ws.row_dimensions.pop(r, None)
        if ws.max_row >= layout.first_row:
            ws.delete_rows(layout.first_row, ws.max_row - layout.first_row + 1)
        return after

    def _restore_after(self, after, last_row: int) -> None:  # type: ignore[no-untyped-def]
        ws = self.ws
        for offset, cells, height in after:
            r = last_row + offset
            for column, (value, style) in cells.items():
                cell = ws.cell(r, column)
                cell._style = style
                if isinstance(value, str):
                    set_text(cell, value)
                else:
                    cell.value = value
            if height is not None:
                ws.row_dimensions[r].height = height
        for r1, c1, r2, c2 in self.after_merges:
            ws.merge_cells(start_row=last_row + r1, start_column=c1,
                           end_row=last_row + r2, end_column=c2)

    def _fix_ranges(self, last_row: int) -> None:
        ws = self.ws
        if ws.print_area:
            areas = []
            for area in ws.print_area.split(","):
                ref = area.split("!")[-1].replace("$", "")
                min_col, min_row, max_col, _ = range_boundaries(ref)
                areas.append(
                    f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{last_row}"
                )
            ws.print_area = areas
        if ws.auto_filter.ref:
            min_col, min_row, max_col, _ = range_boundaries(ws.auto_filter.ref)
            ws.auto_filter.ref = (
                f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}"
                f"{max(last_row, min_row)}"
            )

    # --- writing --------------------------------------------------------------------------------

    def write(self, lines: list[Line]) -> int:
        after = self._fill_frame()
        self.by_kind: dict[str, list[Line]] = defaultdict(list)
        for line in lines:
            self.by_kind[line.kind].append(line)
        self.group_lines = self.by_kind.get("group", [])
        self.item_values: dict[tuple[int, str], Decimal | None] = {}
        # project lines first: group and total values are computed from them
        order = sorted(lines, key=lambda ln: {"item": 0, "group": 1, "total": 2}[ln.kind])
        for n, line in enumerate(order):
            self._write_line(line)
            if n % 200 == 0:
                tick(self.progress, self.done + n, self.total_steps)
        last_row = max((ln.row for ln in lines), default=self.layout.first_row - 1)
        self._restore_after(after, last_row)
        self._fix_ranges(last_row + len(after))
        return len(lines)

    def _write_line(self, line: Line) -> None:
        ws = self.ws
        prototype = self.prototypes[line.kind]
        styles = self.styles[line.kind]
        formats = self.formats[line.kind]
        r = line.row
        self.columns = self.token_columns[line.kind]
        values = {token: self._value(token, line) for token in self.token_order[line.kind]}
        texts: dict[int, str] = {}
        for c in self.written[line.kind]:
            style = styles[c - 1]
            text = prototype.texts.get(c)
            token = prototype.tokens.get(c)
            cell = ws.cell(r, c)
            cell._style = copy(style)
            if token is not None:
                value = values[token]
                if isinstance(value, _Formula):
                    cell.value = value.text
                    self.cached[cell.coordinate] = value.cached
                    self._number_format(cell, token, formats[c - 1])
                elif isinstance(value, str):
                    set_text(cell, value)
                    texts[c] = value
                elif value is not None:
                    cell.value = value
                    self._number_format(cell, token, formats[c - 1])
                if token == "项目名称" and line.depth:
                    alignment = copy(cell.alignment) if cell.has_style else Alignment()
                    cell.alignment = Alignment(
                        horizontal=alignment.horizontal, vertical=alignment.vertical,
                        wrap_text=alignment.wrap_text, indent=2 * line.depth,
                    )
            elif text is not None:
                texts[c] = self._fill_line_text(text, line)
                set_text(cell, texts[c])
        height = self.heights.get(line.kind)
        fitted = self._fitted_height(line.kind, texts)
        if height is not None or fitted is not None:
            ws.row_dimensions[r].height = max(height or 0, fitted or 0)
        for first, last in prototype.merges:
            ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)

    def _wrapped_columns(self, kind: str) -> list[tuple[int, float, float]]:
        """(column, width in characters, font size) of the wrapped cells of a kind of line."""
        found = self._wrapped.get(kind)
        if found is None:
            found = []
            row = self.prototypes[kind].row
            for c in self.written[kind]:
                style_cell = self._style_probe(kind, c)
                if style_cell.alignment.wrap_text:
                    letter = get_column_letter(c)
                    width = self.ws.column_dimensions[letter].width or 8.43
                    found.append((c, width, style_cell.font.sz or 11))
            del row
            self._wrapped[kind] = found
        return found

    def _style_probe(self, kind: str, column: int) -> Cell:
        probe = Cell(self.ws)
        probe._style = copy(self.styles[kind][column - 1])
        return probe

    def _fitted_height(self, kind: str, texts: dict[int, str]) -> float | None:
        """A row height that shows all wrapped text (Excel and LibreOffice do not measure
        rows of a generated file on opening)."""
        lines = 1
        size = 11.0
        for column, width, font_size in self._wrapped_columns(kind):
            value = texts.get(column)
            if not value:
                continue
            usable = max(1.0, (width - 1) * 11 / font_size)
            needed = sum(max(1, math.ceil(_units(part) / usable)) for part in value.split("\n"))
            if needed > lines:
                lines, size = needed, font_size
        if lines <= 1:
            return None
        return round(lines * size * 1.3 + 4, 1)

    @staticmethod
    def _number_format(cell: Cell, token: str, template_format: str) -> None:
        kind = FIELDS[token].kind if token in FIELDS else Kind.TEXT
        if template_format == "General" and kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[kind]
        else:
            cell.number_format = template_format

    def _fill_line_text(self, text: str, line: Line) -> str:
        if "{{" not in text:
            return text
        values = dict(self.text_values)
        for token in tokens_in(text):
            if token in FIELDS:
                value = self._value(token, line)
                if isinstance(value, _Formula):
                    value = value.cached
                values[token] = _as_text(value)
        return fill_text(text, values)

    # --- values by line kind -----------------------------------------------------------------

    def _value(self, token: str, line: Line) -> object:
        if line.kind == "item":
            return self._item_value(token, line)
        return self._aggregate_value(token, line)

    def _item_value(self, token: str, line: Line) -> object:
        f = line.figures
        assert f is not None
        money = _ITEM_MONEY.get(token)
        if money is not None:
            value = None if not f.is_leaf else getattr(f, money)
            self.item_values[(line.row, token)] = value
            return value
        if token in _RATES:
            if not f.is_leaf:
                return None
            return self._rate(token, line, {
                "1—N月完成投资": f.ytd, "本年计划投资": f.annual_plan,
                "年度计划投资": f.annual_plan,
            })
        if token == "超序时进度":
            return self._points(line, f.plan_rate, self._project_time(f)) if f.is_leaf else None
        if token == "序时进度":
            return self._project_time(f) / 100
        if self._texts_of is not line:
            self._texts = self._item_texts(f, line)
            self._texts_of = line
        return self._texts.get(token, "")

    def _item_texts(self, f: ProjectFigures, line: Line) -> dict[str, object]:
        """The plain fields of one project line (computed once per line)."""
        extras = self.data.extras.get(f.project_id)
        warned = self.data.warnings.get(f.project_id, [])
        return {
            "序号": line.number,
            "编号": f.project_id,
            "项目名称": f.name,
            "领域": f.category,
            "乡镇": f.township,
            "类型": extras.project_type if extras else "",
            "级别": "、".join(extras.levels) if extras else "",
            "建设性质": f.stage,
            "建设地点": _location(f),
            "建设规模及主要内容": f.scale,
            "建设起止年限": _years(f),
            "计划开工": f.planned_start,
            "计划竣工": f.planned_finish,
            "实际开工": f.actual_start,
            "形象进度": f.progress,
            "存在问题": f.problems,
            "下步计划": f.next_steps,
            "责任单位": f.unit,
            "责任领导": f.leader,
            "联系人": extras.contact_name if extras else "",
            "联系电话": extras.contact_phone if extras else "",
            "备注": self._remark(f),
            "滞后原因": reasons(warned),
            "预警类型": "、".join(dict.fromkeys(RULE_LABELS[w.rule] for w in warned)),
        }

    def _project_time(self, f: ProjectFigures) -> Decimal:
        """序时进度 of one project: of its planned months when its plan starts or ends within
        the year (as the warning list judges it), else N/12."""
        return project_time_progress(self.data.period, f.planned_start_month,
                                     f.planned_finish_month)

    def _remark(self, f: ProjectFigures) -> str:
        if not f.is_leaf:
            return PACKAGE_NOTE
        extras = self.data.extras.get(f.project_id)
        return "、".join(extras.levels) if extras else ""

    def _aggregate_value(self, token: str, line: Line) -> object:
        if token in GROUP_TOKENS or token == "领域":
            return "" if line.kind == "total" else group_label(line.key)
        if token == "领域序号":
            return "" if line.kind == "total" else chinese_numeral(line.number)
        if token == "合计":
            return "合计"
        if token == "序时进度":
            return self.time_progress / 100
        if token in _RATES:
            return self._rate(token, line, None)
        if token == "超序时进度":
            rate = self._line_rate(line)
            return self._points(line, rate)
        if self.layout.role == "summary":
            return self._summary_value(token, line)
        field = FIELDS.get(token)
        if token == "项目个数":
            return self._count_value(line)
        if field is None or not field.summable or token not in _ITEM_MONEY:
            return ""
        return self._sum(token, line)

    def _summary_value(self, token: str, line: Line) -> object:
        attribute = _SUMMARY_VALUES.get(token)
        if attribute is None:
            if token == "截至上年底累计完成投资":
                value: object = None
                if line.kind == "group":
                    assert line.summary is not None
                    return line.summary.cumulative - line.summary.ytd
                return self._sum_of_groups(token, line)
            return ""
        if line.kind == "group":
            assert line.summary is not None
            value = getattr(line.summary, attribute)
            self.item_values[(line.row, token)] = value
            return value
        return self._sum_of_groups(token, line)

    def _sum_value(self, token: str, line: Line) -> Decimal:
        rows = (range(line.span[0], line.span[1] + 1) if line.span else range(0)) if (
            line.kind == "group" or not self.group_lines) else [g.row for g in self.group_lines]
        return sum((v for r in rows if (v := self.item_values.get((r, token))) is not None),
                   Decimal("0.00"))

    def _sum_of_groups(self, token: str, line: Line) -> object:
        if token not in self.columns:
            return self._sum_value(token, line)
        column = self.columns[token]
        rows = [g.row for g in self.group_lines]
        values = [self.item_values.get((r, token)) for r in rows]
        total = sum((v for v in values if v is not None), Decimal(0) if token in _ITEM_MONEY
                    or token == "截至上年底累计完成投资" else 0)
        if token in ("项目个数",) and line.summary is not None and total != line.count:
            # a package whose parts lie in several groups is one project in the total
            return line.count
        if not rows:
            return total
        letter = get_column_letter(column)
        self.item_values[(line.row, token)] = total
        return _Formula(f"=SUM({_ranges(letter, rows)})", total)

    def _count_value(self, line: Line) -> object:
        if line.kind == "group" or not self.group_lines:
            self.item_values[(line.row, "项目个数")] = line.count
            return line.count
        rows = [g.row for g in self.group_lines]
        total = sum(g.count for g in self.group_lines)
        if total != line.count or "项目个数" not in self.columns:
            return line.count
        letter = get_column_letter(self.columns["项目个数"])
        return _Formula(f"=SUM({_ranges(letter, rows)})", total)

    def _sum(self, token: str, line: Line) -> object:
        if token not in self.columns:  # inside a text: the figure, not a formula
            value = self._sum_value(token, line)
            return value
        letter = get_column_letter(self.columns[token])
        if line.kind == "group" or not self.group_lines:
            if line.span is None:
                value = Decimal("0.00")
                self.item_values[(line.row, token)] = value
                return value
            first, last = line.span
            total = sum(
                (v for r in range(first, last + 1)
                 if (v := self.item_values.get((r, token))) is not None),
                Decimal("0.00"),
            )
            self.item_values[(line.row, token)] = total
            return _Formula(f"=SUM({letter}{first}:{letter}{last})", total)
        rows = [g.row for g in self.group_lines]
        total = sum((self.item_values.get((r, token)) or Decimal(0) for r in rows),
                    Decimal("0.00"))
        self.item_values[(line.row, token)] = total
        return _Formula(f"=SUM({_ranges(letter, rows)})", total)

    # --- rates -------------------------------------------------------------------------------

    def _rate(self, token: str, line: Line, item: dict[str, Decimal | None] | None) -> object:
        numerators, denominators = _RATES[token]
        num_token = next((t for t in numerators if t in self.columns), None)
        den_token = next((t for t in denominators if t in self.columns), None)
        if line.kind == "item":
            assert item is not None
            num = item.get(numerators[0])
            den = next((item.get(t) for t in denominators if item.get(t) is not None), None)
        else:
            num = self._known(line, numerators)
            den = self._known(line, denominators)
            if num is None or den is None:
                summary = line.summary
                if summary is None and line.kind == "total":
                    summary = self.data.total
                if summary is None:
                    return None
                num = {"开工率": summary.actual_starts}.get(token, summary.ytd)
                den = {"开工率": summary.planned_starts}.get(token, summary.annual_plan)
        rate = percent(Decimal(num or 0), Decimal(den) if den is not None else None)
        cached: object = "" if rate is None else rate / 100
        self.item_values[(line.row, token)] = rate
        if num_token is None or den_token is None:
            return None if rate is None else rate / 100
        n = f"{get_column_letter(self.columns[num_token])}{line.row}"
        d = f"{get_column_letter(self.columns[den_token])}{line.row}"
        return _Formula(f'=IF(N({d})=0,"",ROUND({n}/{d},3))', cached)

    def _known(self, line: Line, tokens: tuple[str, ...]) -> Decimal | None:
        for token in tokens:
            value = self.item_values.get((line.row, token))
            if value is not None:
                return Decimal(value)
        return None

    def _line_rate(self, line: Line) -> Decimal | None:
        for token in ("完成率", "占年度计划"):
            if (line.row, token) in self.item_values:
                return self.item_values[(line.row, token)]  # type: ignore[return-value]
        summary = line.summary or (self.data.total if line.kind == "total" else None)
        if summary is not None:
            return summary.completion_rate
        num = self._known(line, ("1—N月完成投资",))
        den = self._known(line, ("本年计划投资", "年度计划投资"))
        return percent(num or Decimal(0), den)

    def _points(self, line: Line, rate: Decimal | None,
                time_progress: Decimal | None = None) -> object:
        time_progress = self.time_progress if time_progress is None else time_progress
        cached: object = "" if rate is None else rate - time_progress
        rate_token = next((t for t in ("完成率", "占年度计划") if t in self.columns), None)
        if rate_token is None:
            return None if rate is None else cached
        rate_cell = f"{get_column_letter(self.columns[rate_token])}{line.row}"
        if "序时进度" in self.columns:
            time_cell = f"{get_column_letter(self.columns['序时进度'])}{line.row}"
        else:
            time_cell = format(time_progress / 100, "f")
        return _Formula(
            f'=IF(ISNUMBER({rate_cell}),ROUND(({rate_cell}-{time_cell})*100,1),"")', cached
        )


#: East Asian wide and full-width characters (Chinese, full-width punctuation)
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                   "\uffe0-\uffe6\U00020000-\U0003fffd]")


def _units(text: str) -> int:
    """The width of ``text`` in columns of Latin digits (a Chinese character takes two)."""
    return len(text) + len(_WIDE.findall(text))


def _ranges(letter: str, rows: list[int]) -> str:
    """``H5,H20,H31`` — contiguous runs joined as ``H5:H9``."""
    runs: list[tuple[int, int]] = []
    for r in sorted(rows):
        if runs and runs[-1][1] == r - 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return ",".join(f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in runs)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


# ---------------------------------------------------------------------------------------------
# the workbook


@dataclass
class WrittenReport:
    path: Path
    period: Period
    projects: int
    warned: int
    #: sheet title → cell → stored result of each formula
    cached: dict[str, dict[str, object]]


def render(data: ReportData, template: Template,
           progress: ProgressFn | None = None) -> tuple[Workbook, dict[str, dict[str, object]]]:
    """Fill a copy of ``template`` with ``data``; the workbook and its formulas' results."""
    wb = template.open_workbook()
    if templates.NOTES_SHEET in wb.sheetnames:
        wb.remove(wb[templates.NOTES_SHEET])
    plans = []
    for layout in template.sheets:
        if layout.role == "summary":
            by = layout.group_by or "category"
            lines = plan_summary_lines(layout, data.summaries(by), data.total)
        else:
            listed = data.warned if layout.role == "lagging" else data.figures
            lines = plan_project_lines(layout, listed)
        plans.append((layout, lines))
    total = sum(len(lines) for _, lines in plans) + 1
    done = 0
    cached: dict[str, dict[str, object]] = {}
    for layout, lines in plans:
        writer = _SheetWriter(wb[layout.title], layout, data, progress, done, total)
        done += writer.write(lines)
        cached[layout.title] = writer.cached
    for ws in wb.worksheets:  # sheets without data rows still get their titles filled
        if ws.title not in cached:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and "{{" in cell.value:
                        cell.value = fill_text(cell.value, data.text_values())
    wb.custom_doc_props.append(StringProperty(name=PERIOD_PROPERTY, value=str(data.period)))
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    return wb, cached


def save(wb: Workbook, cached: dict[str, dict[str, object]], path: Path,
         progress: ProgressFn | None = None) -> None:
    """Write ``wb`` to ``path`` atomically, with the formulas' results stored."""
    with atomic_output(path) as temporary:
        raw = temporary.with_name(temporary.name + ".raw")
        try:
            wb.save(raw)
            tick(progress, -1, -1)  # written, not yet in place: the last chance to cancel
            store_cached_values(raw, temporary, cached)
        finally:
            raw.unlink(missing_ok=True)


def write_report(
    session: Session,
    period: Period,
    path: Path | str,
    flt: ProjectFilter = _ALL,
    *,
    template: Template | None = None,
    today: dt.date | None = None,
    progress: ProgressFn | None = None,
) -> WrittenReport:
    """Write the monthly report of ``period`` for ``flt`` to ``path``."""
    template = template or templates.load()
    groupings = {s.group_by or "category" for s in template.sheets if s.role == "summary"}
    data = collect(session, period, flt, today=today, groupings=groupings)
    wb, cached = render(data, template, progress)
    save(wb, cached, Path(path), progress)
    return WrittenReport(Path(path), period, len(data.figures), len(data.warned), cached)


__all__ = ["PERIOD_PROPERTY", "Cancelled", "WrittenReport", "render", "save", "set_text",
           "write_report"]
