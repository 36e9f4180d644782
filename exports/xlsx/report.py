"""The monthly Excel report (月报): 汇总表, 明细表 and 滞后项目表, laid out by a template, and
the month's 问题清单 (:mod:`exports.xlsx.problem_sheet`) and the 晾晒排名 sheet
(:mod:`exports.xlsx.ranking_sheet`), then the 前期工作台账 and 资金到位 sheets
(:mod:`exports.xlsx.ledgers`).

Every figure comes from :mod:`exports.report_data`. Group and total lines are real formulas
(``SUM`` over the lines they add up, rates from the cells of their own line), and each formula
cell also stores its exact result (:mod:`exports.xlsx.cached_values`), so the workbook shows
the database's figures as written and recalculates to the same figures in Excel, WPS and
LibreOffice. Text that begins with ``= + - @`` is stored as text, never as a formula.

A report of some projects only says so in the title of every sheet as the title is written:
the template's sheets through their ``{{范围}}`` token (added after the title when a template
lacks it), the sheets laid out in code by the ``scope`` their writers are given.

Which lines a sheet has is :mod:`exports.xlsx.report_lines`'s, what each cell holds
:mod:`exports.xlsx.line_values`'s, and how it is written :mod:`exports.xlsx.sheet_writer`'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook import Workbook
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from db.queries import ProjectFilter
from exports import old_forms
from exports import template as templates
from exports.output import Cancelled, ExportError, ProgressFn, atomic_output, tick
from exports.report_data import ReportData, collect
from exports.template import SheetLayout, Template, fill_text
from exports.xlsx.cached_values import store_cached_values
from exports.xlsx.ledgers import write_ledgers
from exports.xlsx.problem_sheet import write_problem_sheet
from exports.xlsx.ranking_sheet import add_ranking_sheet
from exports.xlsx.report_lines import (
    FormGroups,
    FormSummaries,
    match_form_groups,
    match_form_summaries,
    plan_project_lines,
    plan_summary_lines,
)
from exports.xlsx.sheet_writer import SheetWriter
from portfolio import ranking
from portfolio.metrics import Summary
from portfolio.periods import Period

#: Custom document property naming the report's period, read back by the import.
PERIOD_PROPERTY = "项目库报告期"

_ALL = ProjectFilter()
#: rows searched for a sheet's title
TITLE_ROWS = 3


@dataclass
class WrittenReport:
    path: Path
    period: Period
    #: projects counted, a package and its parts once: the figure of the 合计 lines, the
    #: briefing and ``portfolio status``
    projects: int
    warned: int
    #: sheet title → cell → stored result of each formula
    cached: dict[str, dict[str, object]]
    #: what the report could not do as asked: projects left out of a form's groups, columns
    #: left empty (Chinese, one sentence each)
    notes: list[str] = field(default_factory=list)
    #: projects in scope that a form's groups did not take (named in ``notes``)
    left_out: int = 0
    #: the projects reported on, in words (:func:`portfolio.scope.describe`)
    scope: str = ""
    #: lines of the 明细表: ``projects`` plus the parts of packages, each on a line of its own
    lines: int = 0


def render(
    data: ReportData, template: Template, progress: ProgressFn | None = None
) -> tuple[Workbook, dict[str, dict[str, object]], list[str], int]:
    """Fill a copy of ``template`` with ``data``; the workbook, its formulas' results and the
    notes for the user and how many projects the detail sheets left out (see
    :class:`WrittenReport`)."""
    wb = template.open_workbook()
    if templates.NOTES_SHEET in wb.sheetnames:
        wb.remove(wb[templates.NOTES_SHEET])
    if data.scope_note:
        for ws in wb.worksheets:
            _mark_scope(ws)
    plans = []
    notes: list[str] = list(template.notes)
    left_out = 0
    grown: dict[str, int] = {}  # rows a sheet's tables above the next one add when written
    for layout in template.sheets:
        layout = _shifted(layout, grown.get(layout.title, 0))
        notes += [f"工作表“{layout.title}”：{note}" for note in layout.notes]
        if layout.role == "summary" and layout.groups:
            found = match_form_summaries(layout, data.summaries, data.period)
            notes += _unmatched_summary_notes(layout, found)
            if found.by in ("level", "mixed"):
                notes.append(_level_note(layout, data, found.by))
            form_total = data.total
            # the 合计 of the rows the form has
            if found.left_out and found.by not in ("level", "mixed"):
                form_total = replace(form_total, project_count=sum(
                    s.project_count for s in found.rows))
            lines = plan_summary_lines(layout, found.rows, form_total)
        elif layout.role == "summary":
            by = layout.group_by or "category"
            lines = plan_summary_lines(layout, data.summaries(by), data.total)
        else:
            listed = data.warned if layout.role == "lagging" else data.figures
            levels = {pid: extra.levels for pid, extra in data.extras.items()}
            form = match_form_groups(layout, listed, levels) if layout.groups else None
            if form is not None and form.caught:
                notes.append(_caught_note(layout, form))
            if form is not None and form.left_out:
                notes.append(_left_out_note(layout, form))
                if layout.role == "detail":
                    left_out = max(left_out, len(form.left_out))
            lines = plan_project_lines(layout, listed, form)
        plans.append((layout, lines))
        last = max((line.row for line in lines), default=layout.first_row - 1)
        grown[layout.title] = grown.get(layout.title, 0) + last - layout.last_row
    total = sum(len(lines) for _, lines in plans) + 1
    done = 0
    cached: dict[str, dict[str, object]] = {}
    for layout, lines in plans:
        writer = SheetWriter(wb[layout.title], layout, data, progress, done, total)
        done += writer.write(lines)
        cached.setdefault(layout.title, {}).update(writer.cached)
    for ws in wb.worksheets:  # sheets without data rows still get their titles filled
        if ws.title not in cached:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and "{{" in cell.value:
                        cell.value = fill_text(cell.value, data.text_values())
    write_problem_sheet(wb, data)
    wb.custom_doc_props.append(StringProperty(name=PERIOD_PROPERTY, value=str(data.period)))
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    return wb, cached, notes, left_out


def _shifted(layout: SheetLayout, rows: int) -> SheetLayout:
    """``layout`` ``rows`` lower: a sheet's second table, under a first written longer (a
    blank 汇总表 by 建设性质, then by 领域)."""
    if not rows:
        return layout
    return replace(layout, prototypes=[replace(p, row=p.row + rows) for p in layout.prototypes],
                   header_row=layout.header_row + rows)


def _mark_scope(ws: Worksheet) -> None:
    """Make sure the sheet's title names the report's filter: a template without
    ``{{范围}}`` gets it after its title (the first text with tokens in the top rows)."""
    texts = [cell for row in ws.iter_rows(max_row=min(ws.max_row, TITLE_ROWS)) for cell in row
             if isinstance(cell.value, str)]
    if any("{{范围}}" in cell.value for cell in texts):
        return
    title = next((cell for cell in texts if "{{" in cell.value), texts[0] if texts else None)
    if title is not None:
        title.value = f"{title.value}{{{{范围}}}}"


_BY = {"stage": "建设性质", "category": "领域", "level": "级别", "township": "乡镇",
       "unit": "责任单位"}


def _unmatched_summary_notes(layout: SheetLayout, found: FormSummaries) -> list[str]:
    """The database's groups a blank 汇总表's rows do not name, and those its row of the rest
    (其他) counts, each with its projects."""
    def named(summaries: list[Summary]) -> str:
        return "、".join(f"{s.key or '未填'}（{s.project_count}个）" for s in summaries)

    notes = []
    if found.caught:
        notes.append(f"工作表“{layout.title}”的“其他”行计入其余各行都不包括的"
                     f"{_BY[found.by]}：{named(found.caught)}")
    if found.left_out:
        count = sum(s.project_count for s in found.left_out)
        notes.append(f"工作表“{layout.title}”没有以下{_BY[found.by]}的行，其 {count} 个项目"
                     f"未计入：{named(found.left_out)}")
    return notes


def _level_note(layout: SheetLayout, data: ReportData, by: str) -> str:
    """Why a 汇总表 by 级别 does not add up: how many projects hold several levels (in each
    of their rows) and how many none (only in the 合计)."""
    levels = [data.extras[f.project_id].levels if f.project_id in data.extras else []
              for f in data.figures if f.parent_id is None]
    several = sum(1 for held in levels if len(held) > 1)
    none = sum(1 for held in levels if not held)
    if by == "mixed":
        return (f"工作表“{layout.title}”的各分项分别按级别、建设性质、领域统计，同一项目可计入"
                f"多行，各行相加不等于合计；合计为全部 {data.total.project_count} 个项目，"
                "每个只计一次")
    return (f"工作表“{layout.title}”按级别汇总：同时列为多个级别的 {several} 个项目在各级别行中"
            f"分别计入，各级别行相加不等于合计；合计为全部 {data.total.project_count} 个项目，"
            f"每个只计一次" + (f"，其中 {none} 个未列级别，只计入合计" if none else ""))


def _caught_note(layout: SheetLayout, form: FormGroups) -> str:
    """What the form's group of the rest (其他项目) took, by value: the user checks that the
    form meant them."""
    counts: dict[str, int] = {}
    for value in form.caught:
        counts[value] = counts.get(value, 0) + 1
    named = "、".join(f"{value}{n}个" for value, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    label = _BY[form.by] + (f" / {_BY[form.sub_by]}" if form.sub_by else "")
    return (f"工作表“{layout.title}”的“其他”组列入其余分组都不包括的 {len(form.caught)} 个项目"
            f"（按{label}）：{named}")


def _left_out_note(layout: SheetLayout, form: FormGroups) -> str:
    """Every project the form's groups did not take, named under the value that kept it out
    (谷营镇（21个）：…), so that a long list still reads at a glance."""
    label = _BY[form.by] + (f" / {_BY[form.sub_by]}" if form.sub_by else "")
    by_value: dict[str, list[str]] = {}
    for f, reason in zip(form.left_out, form.reasons, strict=True):
        by_value.setdefault(reason, []).append(f.name)
    named = "；".join(f"{value}（{len(names)}个）：{'、'.join(names)}"
                     for value, names in sorted(by_value.items(), key=lambda kv: -len(kv[1])))
    assert layout.groups is not None
    named_groups = "、".join(
        g.key + (f"（{'、'.join(s.key for s in g.subgroups)}）" if g.subgroups else "")
        for g in layout.groups)
    return (f"工作表“{layout.title}”的分组只有{named_groups}，"
            f"以下 {len(form.left_out)} 个项目不属于其中任何一组，未填入（按{label}）：{named}")


def save(wb: Workbook, cached: dict[str, dict[str, object]], path: Path,
         progress: ProgressFn | None = None) -> None:
    """Write ``wb`` to ``path`` atomically, with the formulas' results stored."""
    old_format = path.suffix.lower() == ".xls"  # a form sent as .xls goes back as one
    with atomic_output(path) as temporary:
        raw = temporary.with_name(temporary.name + ".raw")
        filled = temporary.with_name(temporary.name + ".xlsx")
        try:
            wb.save(raw)
            tick(progress, -1, -1)  # written, not yet in place: the last chance to cancel
            store_cached_values(raw, filled if old_format else temporary, cached)
            if old_format:
                try:
                    temporary.write_bytes(old_forms.xlsx_as_xls(filled))
                except old_forms.OldFormError as error:
                    raise ExportError(str(error)) from None
        finally:
            raw.unlink(missing_ok=True)
            filled.unlink(missing_ok=True)


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
    wb, cached, notes, left_out = render(data, template, progress)
    add_ranking_sheet(wb, cached, list(ranking.rankings(session, period, flt).values()),
                      data.region, data.office, data.text_values()["填报日期"], data.scope_note)
    cached.update(write_ledgers(wb, session, period, flt, data.figures, data.office,
                                data.text_values()["填报日期"], data.scope_note))
    save(wb, cached, Path(path), progress)
    return WrittenReport(Path(path), period, data.total.project_count, len(data.warned), cached,
                         notes, left_out, data.scope, lines=len(data.figures))


__all__ = ["PERIOD_PROPERTY", "Cancelled", "WrittenReport", "render", "save", "write_report"]
