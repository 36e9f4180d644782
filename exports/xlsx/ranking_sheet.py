"""The 晾晒排名 sheet of the monthly report: the ranking of 乡镇/街道 and of 责任单位, each
with its 合计 line and its 红榜/黑榜, after the template's sheets.

Figures are :func:`portfolio.ranking.rankings`'s (the overview's groups). Rates are formulas
over the cells of their line, as the template's sheets write them (``ROUND(完成/计划,3)`` in a
percent format; points ``ROUND((完成率-序时进度)*100,1)``), and the 合计 line adds up the lines
with ``SUM``; each formula's result is stored with it, so LibreOffice, WPS and Excel
recalculate to the figures written. A package whose parts lie in several groups is one project
in the 合计, so its 项目个数 is then the figure, not a sum (as on the 汇总表).
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl.workbook import Workbook

from exports.report_data import chinese_numeral
from exports.xlsx.cells import Formula
from exports.xlsx.plain_sheet import (
    BLACK_FILL,
    COUNT,
    MONEY,
    POINTS,
    RATE,
    RED_FILL,
    TEXT,
    TOTAL_FILL,
    PlainSheet,
    points_formula,
    rate_formula,
)
from exports.xlsx.printing import landscape_a4
from portfolio.periods import Period
from portfolio.ranking import BLACK, LIST_LABELS, RED, Ranking

SHEET_TITLE = "晾晒排名"

#: (heading, kind, width); the letters A… follow this order
COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("名次", COUNT, 6), ("名称", TEXT, 22), ("项目个数", COUNT, 9),
    ("年度计划投资（万元）", MONEY, 15), ("1—N月完成投资（万元）", MONEY, 15),
    ("完成率", RATE, 9), ("序时进度", RATE, 9), ("超(低于)序时进度（百分点）", POINTS, 12),
    ("计划开工", COUNT, 8), ("实际开工", COUNT, 8), ("开工率", RATE, 9),
    ("滞后项目", COUNT, 8), ("逾期未解决问题", COUNT, 9), ("榜单", TEXT, 8),
)


def _rate(value: Decimal | None) -> object:
    return "" if value is None else value / 100


def _headings(period: Period, ranking: Ranking) -> list[str]:
    names = [h for h, _, _ in COLUMNS]
    names[1] = ranking.title
    names[4] = f"{period.range_label}完成投资（万元）"
    return names


def _block(sheet: PlainSheet, number: int, ranking: Ranking) -> None:
    period = ranking.period
    sheet.note(f"{chinese_numeral(number)}、{ranking.title}（红榜、黑榜各{ranking.top}名）")
    sheet.header(_headings(period, ranking))
    time_progress = ranking.total.time_progress / 100
    first = sheet.row
    for group in ranking.groups:
        r = sheet.row
        s = group.summary
        fill = {RED: RED_FILL, BLACK: BLACK_FILL}.get(group.listed)
        sheet.line([
            "" if group.rank is None else group.rank, group.label, s.project_count,
            s.annual_plan, s.ytd, rate_formula(f"E{r}", f"D{r}", _rate(s.completion_rate)),
            time_progress, points_formula(f"F{r}", f"G{r}",
                                          "" if s.gap_points is None else s.gap_points),
            s.planned_starts, s.actual_starts,
            rate_formula(f"J{r}", f"I{r}", _rate(s.start_rate)), group.lagging,
            group.overdue_problems, LIST_LABELS.get(group.listed, ""),
        ], fill=fill)
    last = sheet.row - 1
    r = sheet.row
    t = ranking.total

    def total(letter: str, value: object) -> object:
        return Formula(f"=SUM({letter}{first}:{letter}{last})", value) if ranking.groups else value

    counted = sum(g.summary.project_count for g in ranking.groups)
    # a problem of a package is under the package's own group, which may have no line
    late = sum(g.overdue_problems for g in ranking.groups)
    sheet.line([
        "", "合计", total("C", counted) if counted == t.project_count else t.project_count,
        total("D", t.annual_plan), total("E", t.ytd),
        rate_formula(f"E{r}", f"D{r}", _rate(t.completion_rate)), time_progress,
        points_formula(f"F{r}", f"G{r}", "" if t.gap_points is None else t.gap_points),
        total("I", t.planned_starts), total("J", t.actual_starts),
        rate_formula(f"J{r}", f"I{r}", _rate(t.start_rate)), total("L", ranking.lagging),
        total("M", late) if late == ranking.overdue_problems else ranking.overdue_problems, "",
    ], fill=TOTAL_FILL, bold=True)
    for label, groups in (("红榜", ranking.red), ("黑榜", ranking.black)):
        names = "、".join(g.label for g in groups)
        sheet.note(f"{label}：{names or '无'}")
    sheet.skip()


def add_ranking_sheet(wb: Workbook, cached: dict[str, dict[str, object]],
                      rankings: list[Ranking], region: str = "", office: str = "",
                      issued: str = "", scope: str = "") -> None:
    """Append the 晾晒排名 sheet to ``wb``, its formulas' results into ``cached``; ``scope``
    (the report's filter, :func:`portfolio.scope.title_note`) ends its title."""
    if not rankings or SHEET_TITLE in wb.sheetnames:
        return
    period = rankings[0].period
    ws = wb.create_sheet(SHEET_TITLE)
    sheet = PlainSheet(ws, [k for _, k, _ in COLUMNS], [w for _, _, w in COLUMNS])
    sheet.title(f"{region}{period.label}重点项目建设晾晒排名{scope}")
    sheet.note(f"填报单位：{office}　　填报日期：{issued}", "单位：万元")
    sheet.note(f"序时进度{rankings[0].total.time_progress}%；按完成率排名，完成率相同按超序时进度"
               "百分点、再按名称，并列者名次相同；未填名称或无年度计划的不排名")
    for number, ranking in enumerate(rankings, start=1):
        _block(sheet, number, ranking)
    landscape_a4(ws, page_numbers=True)
    cached[SHEET_TITLE] = sheet.cached


__all__ = ["COLUMNS", "SHEET_TITLE", "add_ranking_sheet"]
