"""The 问题清单 sheet of the monthly report: the month's problems of the 问题台账, written after
the template's sheets (the template model lays out sheets of projects; this one lists problems).

Which problems and what counts come from :mod:`portfolio.problems` through
:class:`exports.report_data.ReportData`: raised by the month's end and not closed before it
began; "overdue" is as of the month's last day, as the alert rule counts it. Text that begins
like a formula is stored as text.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook import Workbook

from exports.make_template import BODY_FONT, HEAD_FONT
from exports.report_data import ReportData, date_label
from exports.xlsx.cells import set_text
from exports.xlsx.printing import landscape_a4

TITLE = "问题清单"
HEADERS: tuple[tuple[str, float], ...] = (
    ("序号", 6), ("项目名称", 28), ("问题描述", 36), ("类别", 10), ("协调单位", 18),
    ("责任人", 9), ("办结时限", 12), ("状态", 14), ("提出时间", 11), ("解决情况", 32),
)
#: the row of the column headers; the counts are above it, the problems below
HEADER_ROW = 3
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_OVERDUE_FILL = PatternFill("solid", fgColor="FBE3E2")
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


def counts_line(data: ReportData) -> str:
    """The line above the table: how many, how many open and overdue, solved this month."""
    c = data.problem_counts
    listed = len(data.problems)
    if c is None:
        return f"问题共{listed}个"
    t = c.total
    return (f"本期问题共{listed}个：截至{data.period.month}月底待解决{t.open}个"
            f"（其中逾期{t.overdue}个），{data.period.month}月解决{t.solved}个")


def write_problem_sheet(wb: Workbook, data: ReportData) -> None:
    """Add the 问题清单 sheet to ``wb``, last."""
    ws = wb.create_sheet(TITLE)
    last_column = len(HEADERS)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_column)
    title = ws.cell(1, 1, f"{data.region}重点项目问题清单（{data.period.label}）{data.scope_note}")
    title.font = Font(name=HEAD_FONT, size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last_column)
    ws.cell(2, 1, f"填报单位：{data.office}　　{counts_line(data)}").font = Font(
        name=BODY_FONT, size=11)
    for column, (header, width) in enumerate(HEADERS, start=1):
        cell = ws.cell(HEADER_ROW, column, header)
        cell.font = Font(name=HEAD_FONT, size=10, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        cell.fill = _HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    body = Font(name=BODY_FONT, size=10)
    end = data.period.last_day
    for number, problem in enumerate(data.problems, start=1):
        row = HEADER_ROW + number
        late = problem.overdue_days(end)
        state = f"{problem.state}（逾期{late}天）" if late else problem.state
        resolution = problem.resolution
        if problem.resolved_on is not None and problem.resolved_on <= end:
            resolution = f"{resolution}（{date_label(problem.resolved_on)}）"
        elif problem.resolved_on is not None:  # closed after this month: open in it
            state, resolution = "解决中" + (f"（逾期{late}天）" if late else ""), ""
        values = (number, problem.project_name, problem.description, problem.kind,
                  problem.unit, problem.person, problem.deadline, state,
                  problem.raised.label, resolution)
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row, column)
            if isinstance(value, str):
                set_text(cell, value)
            else:
                cell.value = value
            cell.font = body
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=True,
                                       horizontal="center" if column in (1, 4, 7, 9) else None)
            if late:
                cell.fill = _OVERDUE_FILL
        ws.cell(row, 7).number_format = "yyyy-mm-dd"
    # as the template's sheets: 序号 and 项目名称 stay in view, titles on every page, A4
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    landscape_a4(ws, title_rows=f"1:{HEADER_ROW}", page_numbers=True)
