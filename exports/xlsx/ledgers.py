"""The 前期工作台账 and 资金到位 sheets of the monthly workbook, written after the template's.

They have no template of their own: openpyxl lays them out like the template's sheets (title,
填报单位 line, header on row 3, frozen, A4 landscape, title rows on every page). Figures come
from :mod:`portfolio.approvals` and :mod:`portfolio.funds`. In 资金到位 the 合计 line and the
per-source lines are ``SUM``/``SUMIF`` formulas over the project lines and every 到位率 a
formula of its own line, each stored with its exact result (:mod:`exports.xlsx.cached_values`),
so Excel, WPS and LibreOffice recalculate to the database's figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from db.queries import ProjectFilter
from exports.xlsx.cells import set_text
from exports.xlsx.printing import landscape_a4
from portfolio import approvals, funds
from portfolio.metrics import ProjectFigures
from portfolio.periods import Period

APPROVALS_SHEET = "前期工作台账"
FUNDS_SHEET = "资金到位"
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.0%"
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="center")

APPROVAL_HEADERS = ("序号", "项目名称", "责任单位", "建设性质", "手续办结", "卡在",
                    "逾期手续（计划日期）", "已办结手续批准文号")
FUNDS_HEADERS = ("序号", "项目名称", "责任单位", "资金来源", "计划（万元）", "本年到位（万元）",
                 "累计到位（万元）", "到位率")


def _sheet(wb: Workbook, title: str, heading: str, headers: Sequence[str],
           widths: Sequence[int], office: str, issued: str) -> Worksheet:
    ws = wb.create_sheet(title)
    ws["A1"] = heading
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    set_text(ws["A2"], f"填报单位：{office}")
    ws.cell(2, len(headers) - 1, f"填报日期：{issued}")
    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(3, column, text)
        cell.font, cell.border = _BOLD, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "C4"
    landscape_a4(ws, title_rows="1:3", page_numbers=True)
    return ws


def _row(ws: Worksheet, row: int, values: Sequence[object], *, bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = ws.cell(row, column)
        if isinstance(value, str) and not value.startswith("="):
            set_text(cell, value)
        else:
            cell.value = value
        cell.border = _BOX
        cell.alignment = _WRAP
        if bold:
            cell.font = _BOLD


def _waiting(figures: Sequence[ProjectFigures], period: Period) -> list[ProjectFigures]:
    """Projects in 前期, or not started by the period's end (reserve and finished ones aside)."""
    last = period.last_day
    return [f for f in figures if f.is_leaf and f.stage not in ("储备", "竣工") and (
        f.stage == "前期" or f.actual_start is None or f.actual_start > last)]


def write_approvals(wb: Workbook, session: Session, period: Period,
                    figures: Sequence[ProjectFigures], office: str, issued: str,
                    scope: str = "") -> None:
    """The 前期工作台账: where each waiting project's approvals stand at the period's end;
    ``scope`` (the report's filter, :func:`portfolio.scope.title_note`) ends its title."""
    ws = _sheet(wb, APPROVALS_SHEET,
                f"{period.year}年重点项目前期工作台账（截至{period.label}）{scope}",
                APPROVAL_HEADERS, (6, 36, 20, 9, 10, 20, 36, 44), office, issued)
    waiting = _waiting(figures, period)
    steps = approvals.steps_by_project(session, [f.project_id for f in waiting])
    day = period.last_day
    for n, f in enumerate(waiting, start=1):
        own = steps.get(f.project_id, [])
        # as the office saw it at the period's end: steps done later are not done yet
        seen = [s if s.actual_on is None or s.actual_on <= day
                else s.with_changes(actual_on=None) for s in own]
        state = approvals.state_of(seen)
        late = [s for s in seen if s.overdue_on(day)]
        numbers = [f"{s.name}：{s.document_number}" for s in seen
                   if s.done and s.kind == "approval" and s.document_number]
        _row(ws, 3 + n, (
            n, f.name, f.unit, f.stage,
            f"{state.done}/{state.total}" if state.total else "未建清单",
            state.stuck_at or ("" if state.total else "—"),
            "\n".join(f"{s.name}（{s.planned_on}）" for s in late),
            "\n".join(numbers),
        ))


def write_funds(wb: Workbook, session: Session, period: Period, flt: ProjectFilter,
                office: str, issued: str, scope: str = "") -> dict[str, object]:
    """The 资金到位 sheet, ``scope`` ending its title; the stored result of each formula cell."""
    ws = _sheet(wb, FUNDS_SHEET,
                f"{period.year}年重点项目资金到位情况表（截至{period.label}）{scope}",
                FUNDS_HEADERS, (6, 36, 20, 18, 14, 16, 16, 9), office, issued)
    rows = funds.by_project(session, period, flt)
    table = funds.by_source(session, period, flt)
    cached: dict[str, object] = {}
    first = 5
    lines = [(p, line) for p in rows for line in p.lines]
    last = first + len(lines) - 1

    def rate(row: int, line: funds.FundsLine) -> str:
        cached[f"H{row}"] = (line.cumulative / line.planned) if line.planned else ""
        return f'=IF(E{row}=0,"",G{row}/E{row})'

    total = table.total
    values: list[object] = ["", "合计", "", ""]
    for letter, amount in zip("EFG", (total.planned, total.year, total.cumulative),
                              strict=True):
        values.append(f"=SUM({letter}{first}:{letter}{last})" if lines else 0)
        cached[f"{letter}4"] = amount
    _row(ws, 4, [*values, rate(4, total)], bold=True)
    n = 0
    previous = None
    for offset, (project, line) in enumerate(lines):
        row = first + offset
        if project.project_id != previous:
            n, previous = n + 1, project.project_id
        _row(ws, row, (n, project.name, project.unit, line.source, line.planned, line.year,
                       line.cumulative, rate(row, line)))
    row = last + 1
    for line in table.lines:
        row += 1
        values = ["", "按来源合计", "", line.source]
        for letter, amount in zip("EFG", (line.planned, line.year, line.cumulative),
                                  strict=True):
            values.append(f'=SUMIF(D${first}:D${last},D{row},{letter}${first}:{letter}${last})'
                          if lines else 0)
            cached[f"{letter}{row}"] = amount
        _row(ws, row, [*values, rate(row, line)], bold=True)
    for r in range(4, row + 1):
        for letter in "EFG":
            ws[f"{letter}{r}"].number_format = MONEY_FORMAT
        ws[f"H{r}"].number_format = RATE_FORMAT
    return cached


def write_ledgers(wb: Workbook, session: Session, period: Period, flt: ProjectFilter,
                  figures: Sequence[ProjectFigures], office: str,
                  issued: str, scope: str = "") -> dict[str, dict[str, object]]:
    """Both sheets, after the template's, ``scope`` ending their titles; sheet title → cell →
    stored formula result."""
    write_approvals(wb, session, period, figures, office, issued, scope)
    return {FUNDS_SHEET: write_funds(wb, session, period, flt, office, issued, scope)}


__all__ = ["APPROVALS_SHEET", "FUNDS_SHEET", "write_ledgers"]
